"""Contact divisions of application notices and guides: who answers for one kind of project or one matter.

The genre's notices close with the divisions to ask or to send material to, one line each:

- ``政策咨询：市科技局社会发展与农村科技处张某12345678`` (a matter, then the division and a person);
- ``市科技局科技成果处（重大科技成果转化） 联系人：王某联系电话：12345678`` (the division, the matter in brackets);
- ``（2）产业重点技术研发项目：市科技局高新技术处电话：12345678`` (a kind of project);
- ``…于2月17日下午下班前将摸排表反馈至省科技厅社发处`` (the division material goes to);
- ``（联系人：环境和资源综合利用处李某联系电话：028-12345678`` (a division of the issuer, written bare);
- ``受理机关：深圳市工业和信息化局。`` (the body receiving applications).

These are not responsibilities for a measure: they are recorded with source ``contact`` and answered only when a
question asks whom to consult, contact or send to (``search.answer_agencies``). A line naming a person and a phone number only names no
division and gives nothing.
"""

from __future__ import annotations

import re

# what may not follow the 处 / 科 ending a division: the rest of a word starting with it
NOT_AFTER_DIVISION_CHU = r"(?![室理置罚分境所长])"
NOT_AFTER_DIVISION_KE = r"(?![技学研普室创目长])"
# a division: an optional department with its level, then the division's own name ending in 处 / 科 / 室; a person's
# name or a phone number may follow at once ("…农村科技处许磊68786271")
DIVISION = (
    r"(?P<div>(?:(?:省|市|县|区|自治区)[\u4e00-\u9fff]{1,10}?(?:局|厅|委))?(?!联系|电话|地址|邮箱)"
    # a 处 first (…农村科技处: the 科 of 科技 ends nothing), then a 科 — neither the start of a word (处理, 处置, 处罚,
    # 科技, 科学, 科研: "污水处理" names no division)
    rf"(?:[\u4e00-\u9fff与和]{{2,14}}?处{NOT_AFTER_DIVISION_CHU}|[\u4e00-\u9fff与和]{{2,14}}?科{NOT_AFTER_DIVISION_KE}"
    r"|[\u4e00-\u9fff]{0,8}办公室))"
)
# "TOPIC：DIVISION" on one line (a matter or a kind of project, then its division)
TOPIC_THEN_DIVISION_RE = re.compile(
    r"(?:^|(?<=[\n。；;]))\s*(?:[（(]?\d{1,2}[）).、]\s*)?(?P<topic>[^：:\n。；;，,]{2,24}?)[：:]\s*" + DIVISION
)
# "DIVISION（TOPIC）" followed by a contact person or a phone number
DIVISION_THEN_TOPIC_RE = re.compile(DIVISION + r"[（(](?P<topic>[^（）()]{2,30})[）)]\s*(?=联系人|电话|联系电话|\d{7,})")
# "DIVISION" followed at once by a person and a phone, or by 联系人 / 电话 (the issuer's division in a 联系人 bracket)
DIVISION_THEN_PERSON_RE = re.compile(
    r"(?:联系人|联系方式|咨询)[：:]\s*" + DIVISION + r"(?=[\u4e00-\u9fff]{2,3}\s*(?:联系电话|电话)?[：:]?\s*[\d（(-]{7,})"
)
# a body labelled as the one receiving applications or answering questions ("受理机关：深圳市工业和信息化局。")
LABELLED_BODY_RE = re.compile(
    r"(?:受理机关|受理部门|受理单位|咨询部门|咨询单位|联系单位)[：:]\s*"
    r"(?P<div>(?:[\u4e00-\u9fff]{2,8}?(?:省|市|区|县|自治区|州))?[\u4e00-\u9fff]{2,16}?(?:局|厅|委员会|委|中心|处|科|办公室))"
    r"(?=[。；;，,\s]|$)"
)
# material sent to a division ("反馈至省科技厅社发处", "报送至市科技局高新处")
SENT_TO_DIVISION_RE = re.compile(r"(?:反馈|报送|提交|发送|寄送|报)(?:至|到|给)" + DIVISION)
# what a topic may not be: a contact's own fields
NOT_A_TOPIC_RE = re.compile(r"联系人|电话|地址|邮箱|邮编|传真|手机|网址")
# … nor a responsibility label, which the annotation rules read ("责任处室：自然资源调查监测处")
# and no line of a document's header, footer or a group's list ("抄送：市委办公室", "来源：…处", "成员：…")
RESPONSIBILITY_LABEL_RE = re.compile(r"责任|牵头|配合|协办|主办|参与|主责|抄送|主送|来源|成员|组长|印发|发布")
# words a division's name cannot start with (a verb or a function word run into it)
NOT_A_DIVISION_START_RE = re.compile(r"^(?:的|和|与|及|或|由|向|到|至|在|请|各|有关|相关|本|该|此)")
MAX_DIVISION = 30


def _division_name(raw: str) -> str | None:
    """The division written, or None when it is no name (too long, starts with a function word, 联系人 …)."""
    name = raw.strip()
    if not name or len(name) > MAX_DIVISION or NOT_A_DIVISION_START_RE.match(name) or NOT_A_TOPIC_RE.search(name):
        return None
    return name


def find_contacts(text: str) -> list[tuple[str, str]]:
    """The contact divisions a text names: (division as written, the line or phrase naming it with its matter), in
    order of the phrases; one reading for each place a division is written."""
    text = text or ""
    found: list[tuple[int, str, str]] = []
    spans: list[tuple[int, int]] = []  # where kept divisions are written: one reading per place

    def keep(m: re.Match[str], evidence_start: int) -> None:
        name = _division_name(m.group("div"))
        at = (m.start("div"), m.end("div"))
        if name and not any(a < at[1] and at[0] < b for a, b in spans):
            spans.append(at)
            found.append((evidence_start, name, text[evidence_start : m.end()].strip()))

    for m in DIVISION_THEN_TOPIC_RE.finditer(text):
        keep(m, m.start())
    for m in TOPIC_THEN_DIVISION_RE.finditer(text):
        if not NOT_A_TOPIC_RE.search(m.group("topic")) and not RESPONSIBILITY_LABEL_RE.search(m.group("topic")):
            keep(m, m.start())
    for m in DIVISION_THEN_PERSON_RE.finditer(text):
        keep(m, m.start())
    for m in LABELLED_BODY_RE.finditer(text):
        keep(m, m.start())
    for m in SENT_TO_DIVISION_RE.finditer(text):
        # the clause of the sentence that sends it: back to the last comma or sentence end
        keep(m, max((text.rfind(mark, 0, m.start()) + 1 for mark in "，。；\n"), default=0))
    return [(name, evidence) for _at, name, evidence in sorted(found)]
