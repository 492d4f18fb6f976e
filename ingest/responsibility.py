"""Responsibility extraction: which agency leads / co-operates on / implements each clause.

Forms of the genre handled (each tied to the innermost clause whose OWN text holds it; a
parent clause does not repeat its children's annotations, the QA layer aggregates children):

- ``（A、B、C等按职责分工负责）``: the FIRST listed agency is the lead, the rest co.
- ``（A、B牵头，C、D等按职责分工负责）`` / ``（A牵头）`` / ``（A负责）`` / ``（A牵头，B配合）``.
- ``（责任单位：A，配合单位：B、C）``, ``（牵头单位：A；责任单位：B）``, ``（责任单位：A、B）``
  (first is lead), ``［责任单位：A、B，C；逗号前为牵头单位，下同］`` (a document convention),
  ``（责任单位：重庆市A、市B；四川省C、D；两省市列首位的为牵头单位）``, ``完成时限：`` notes.
- ``〔…〕`` / ``［…］`` brackets, half/full-width brackets mixed, stray spaces and newlines.
- ``各县（市、区）政府负责落实 / 配合落实`` and other sub-jurisdiction governments: role
  ``implementing``.
- Named local governments and development-zone committees listed in a department annotation
  (辽源 ``…，各县区政府、辽源高新区管委会按职责分工负责``; 武汉 ``…，武昌区、青山区人民政府，
  武汉经开区管委会``; 成都 ``…，彭州市、金堂县、大邑县政府``): role ``implementing``, unless
  explicitly labelled lead (``…牵头``, ``牵头单位：``, the group before the comma under a
  "逗号前为牵头单位" convention). An annotation that names ONLY such bodies
  (天津 ``天津自贸试验区管委会、滨海新区人民政府按职责分工负责``) keeps the first-is-lead
  convention for its first item; the others are ``implementing``.
- Carry-over notes ``以下均需县（市、区）政府、开发区管委会配合落实，名单不再一一列出``:
  ``implementing`` on every LATER task clause (source ``carry_over``, confidence 0.9).
- Prose (confidence 0.6, source ``prose``), conservative: ``X要履行好…职责，会同Y…``,
  ``由X负责解释`` / ``由X牵头…``, ``X牵头…`` / ``X负责…`` at the start of a sentence, where every
  X and Y is clearly an agency.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace, dataclass
from typing import Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from ingest.contacts import find_contacts
from ingest.agencies import (
    CLOSE_BRACKETS,
    DEPARTMENTS_KIND,
    GENERIC_ITEM_RE,
    abbreviated_body,
    ministry_departments,
    LEVEL_ROLE_PREFIX_RE,
    LEVEL_TREASURY_RE,
    NATIONAL_RE,
    OPEN_BRACKETS,
    STRICT_AGENCY_SUFFIX_RE,
    clean_name,
    department_fields,
    has_level_prefix,
    is_functional_body,
    is_field_department,
    is_known_field,
    national_bodies,
    pos_words,
    is_level_role_body,
    is_implementing,
    is_local_body,
    is_province_short,
    is_subsequence,
    looks_like_agency,
    non_government_category,
    other_kind_body,
    qualify_agencies,
    qualify_agency,
    split_agency_list,
    split_top_level,
    successions_for,
)
from ingest.records import Agency, Clause, Document, Responsibility, Succession
from ingest.regions import SUFFIXES, province_names, resolve_region, short_name
from ingest.structure import ARTICLE_LABEL_RE  # a bracketed label opening an article's text (【政策支持】省生态环境厅应当…)

T = TypeVar("T")
ANNOTATION_CONFIDENCE = 1.0
CARRY_OVER_CONFIDENCE = 0.9
PROSE_CONFIDENCE = 0.6
CONTACT_CONFIDENCE = 0.5
# a department's last character inside a division's name (市科技局科技成果处: the division is written with its department)
DEPARTMENT_CHAR_RE = re.compile(r"[局厅委]")

# Clause kinds that carry tasks (carry-over notes apply to later clauses of these kinds).
TASK_KINDS = ("clause", "item", "subitem")

# A role label naming places, not bodies: a table that assigns each entry to a city (责任城市, 责任地区, 牵头地市)
PLACE_ROLE_LABEL = r"(?:责任|牵头|配合)(?:城市|地区|地市|县区|区县|市县)"
# A label inside an annotation: 责任单位： / 牵头单位： / 配合单位： / 责任部门： …
LABEL_RE = re.compile(
    r"(主要责任单位|牵头责任单位|牵头单位|牵头部门|牵头处室|责任单位|责任部门|责任处室|配合单位|配合部门|配合处室|"
    r"协办单位|参与单位|协同单位|"
    # any other role word before 单位/部门/处室 (推进单位, 主责单位, 实施部门); only role words, so that in
    # "市林业局责任单位：" the label is 责任单位, never "业局责任单位"
    r"(?:主要|具体|牵头)?(?:责任|牵头|配合|主责|协办|参与|协同|推进|实施|承办|主办|协助|参加)(?:单位|部门|处室)"
    # a table that assigns its entries to places: 责任城市, 责任地区, 牵头地市 (a data table's column, see
    # ingest.data_tables.PLACE_ROLE_HEADER_RE)
    rf"|{PLACE_ROLE_LABEL})[：:]"
)
# Any word before 单位/部门/处室 names a role by what it contains (推进单位, 主责单位, 实施部门 …).
LEAD_LABELS = ("牵头单位", "牵头部门", "牵头责任单位", "牵头处室")
LEAD_LABEL_WORDS = ("牵头", "主责", "主办", "主要责任")
CO_LABEL_WORDS = ("配合", "协办", "参与", "协同", "协助", "参加")
CO_LABELS = ("配合单位", "配合部门", "配合处室", "协办单位", "参与单位", "协同单位")


def label_mode(label: str | None) -> str | None:
    """The role a label gives its list: "lead", "co", "resp" (first-is-lead) or None (no label)."""
    if label is None:
        return None
    if label in LEAD_LABELS or any(w in label for w in LEAD_LABEL_WORDS):
        return "lead"
    if label in CO_LABELS or any(w in label for w in CO_LABEL_WORDS):
        return "co"
    return "resp"


# An annotation recognised by its shape, whatever its items: it ends in a responsibility keyword
# ("…负责", "…牵头", "…配合", "…按职责分工", "…负总责", "…参与") or opens with a label.
SHAPE_END_RE = re.compile(
    r"(?:负责|牵头|配合|参与|协助|协同|会同|负总责|按职责分工|按职责|分工负责|负责落实|组织实施|具体落实|牵头落实|配合落实|"
    r"(?:职责|职能)分工[\u4e00-\u9fff]{2,6})"
    r"(?:[，,；;。]?(?:下同|以下同))?$"
)
SHAPE_LABEL_RE = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:单位|部门|处室)[：:]")
# A note inside an annotation that is not about agencies: 完成时限：2022年4月.
NOTE_RE = re.compile(r"^(?:完成时限|完成时间|完成期限|时间节点|进度安排|时限)[：:]")
# The same note after a comma inside a labelled list: "责任部门：气候处，完成期限：6月底" (江苏/黑龙江
# 生态环境厅 plans), and a trailing "，下同" ("…按职能分工负责，下同", 重庆).
INLINE_NOTE_RE = re.compile(r"[，,]\s*(?:完成时限|完成时间|完成期限|时间节点|进度安排|时限)[：:][^；;。]*")
SAME_BELOW_RE = re.compile(r"[，,；;]\s*(?:以下|下文)?(?:同|下同)[。]?$")
# a bracket saying what the sentence's words include or leave out ("各级党政机关（含中央办公厅、国务院办公厅）", "（不含
# 水电）"): a note on the sentence's own words, never who is responsible — unless it has an annotation's shape
INCLUSION_NOTE_RE = re.compile(r"^(?:含(?!山县)|包括|包含|不含|不包括)")  # (含山县: a county of 马鞍山)
# Document conventions written inside an annotation.
COMMA_LEAD_NOTE_RE = re.compile(r"[，,；;]?\s*逗号前(?:的)?为牵头单位[，,]?(?:下同)?")
FIRST_LEAD_NOTE_RE = re.compile(r"[，,；;]?\s*[^，,；;]{0,6}列(?:首位|第一位|在首位)的?为牵头单位[，,]?(?:下同)?")
# Carry-over note: 以下均需县（市、区）政府、开发区管委会配合落实，名单不再一一列出 /
# 以下工作任务均需各区人民政府落实，不再列出 / 以下各条均涉及.
CARRY_OVER_START_RE = re.compile(r"以下(?:各条|各项|工作任务|各项任务|任务)?(?:均需|均由|均涉及|均)")
# The tail of a carry-over note: the verb and "名单不再一一列出".
CARRY_OVER_TAIL_RE = re.compile(r"(?:配合落实|负责落实|具体落实|落实|涉及|实施)?(?:[，,]?(?:名单)?不再(?:一一)?列出)?$")
# Nested qualifiers inside an item that are not part of the name: （含…）, 〈含…〉, （下同）.
NESTED_QUALIFIER_RE = re.compile(r"[（(〈〔［\[](?:含|包括|下同|以下)[^（(〈〔［\[）)〉〕］\]]*[）)〉〕］\]]")

# Verb endings of one list inside an annotation ("…等按职责分工负责", "…牵头", "…配合").
FILLER = rf"(?:等{DEPARTMENTS_KIND}(?:部门|单位)?)?"
LEAD_VERB_RE = re.compile(rf"^(?P<list>.+?){FILLER}(?:共同|分别)?牵头(?:负责|落实|推进|实施|抓总)?$")
CO_VERB_RE = re.compile(rf"^(?P<list>.+?){FILLER}(?:配合|参与|协助|协同|参加)(?:落实|实施|推进|负责|单位)?$")
RESP_VERB_RE = re.compile(
    rf"^(?P<list>.+?){FILLER}(?:按|按照|根据|依)?(?:各自)?(?:职责|职能)?(?:分工)?(?:分别|共同)?"
    r"(?:负责落实|具体落实|负总责|负责|落实|组织实施|实施)$"
    rf"|^(?P<list2>.+?){FILLER}(?:按|按照|根据|依)(?:各自)?(?:职责|职能)(?:分工)?(?:[\u4e00-\u9fff]{{2,6}})?$"
)

# a bracketed other name or role right after a body's name and before its verb, a 会同 or the next body of a list
BODY_ROLE_BRACKETS_RE = re.compile(
    r"(?<=[局厅委部办室署心门])[（(][^（）()，。；]{2,40}[）)](?=要|将|应|须|负责|牵头|会同|统筹|组织|、|和|与)"
)
# a short name defined in brackets right after the body ("重庆碳排放权交易中心（以下简称“交易中心”）为…提供…"): read past
SHORT_NAME_BRACKETS_RE = re.compile(r"[（(]以下(?:简称|称)[^（）()]{1,24}[）)]")
# A short framing phrase that may open a sentence before its subject ("低碳日当天，", "创建单位应持续示范运营，").
FRAMING_PHRASE = r"[^，,。；：“”《》]{2,12}[，,]"
# Prose: a sentence whose subject is an agency list followed by a responsibility verb.
# A short framing phrase may open the sentence ("低碳日当天，省生态环境厅将会同…"); "X会同Y…" makes X the lead.
# a subject's character, or a bracketed qualifier inside a body's name read whole ("大气环境（应对气候变化）处": its 对 is
# no "对…负责")
SUBJECT_UNIT = r"(?:[^，。；：“”《》由对(（]|[(（][^()（），,。；]{1,16}[)）])"
OPENING_UNIT = r"(?:[^，,。；：“”《》由对(（]|[(（][^()（），,。；]{1,16}[)）])"
PROSE_SUBJECT_RE = re.compile(
    rf"^(?:{FRAMING_PHRASE})?(?:由)?(?P<subj>{SUBJECT_UNIT}{{2,60}}?)"
    # "省生态环境厅作为核查工作的业务主管部门(以下简称“主管部门”)，负责…": the role it is named in, then the verb
    r"(?:作为[^。；]{2,60}?[，,])?(?:要|应|须|将|还要)?"
    r"(?:根据分工|按照职责分工|按职责分工)?(?:分别)?"
    # (an adverb may qualify the charge: "各地科技主管部门具体负责本地项目组织和受理工作", "…主要负责…")
    r"(?:具体|主要|统一|全面)?"
    r"(?P<verb>发挥牵头|牵头|负责(?!人|同志)|履行好|履行|会同)"
)
# … and the same subject before the sentence's first comma, with no framing phrase
OPENING_SUBJECT_RE = re.compile(
    rf"^(?:由)?(?P<subj>{OPENING_UNIT}{{2,30}}?)"
    r"(?:要|应|须|将|还要)?(?:具体|主要|统一|全面)?"
    r"(?:发挥牵头|牵头|负责(?!人|同志)|会同)"
)
# Prose: "由X负责…" / "由X牵头…" anywhere in a sentence (本方案由市发展改革委负责解释).
PROSE_BY_RE = re.compile(r"由(?P<subj>[^，。；：“”《》由]{2,60}?)(?:负责|牵头)")
# … and, in a clause without annotation, "由X(统一)组织/开展/实施…" (由市生态环境局统一组织实施, 由市生态环境局组织开展评估验收)
# ("由生态环境部拟订", "由设区的市级以上生态环境主管部门责令改正": the agent of the acts a body does)
ACTOR_BY_RE = re.compile(
    r"由(?P<subj>[^，。；：“”《》由]{2,40}?)(?:统一|定期|负责|依法|按程序)?"
    r"(?:组织|开展|实施|会同|拟订|拟定|制定|编制|责令|公布|发布|审核|审定|核定|核查|确定|认定|受理|下达|汇总|监督|检查|评估"
    r"|指导|处罚|统筹|协调)(?!的)"  # (not a body qualifying another: "由县级以上地方人民政府确定的监督管理部门责令改正")
)
# Prose: the co-operating agencies after 会同: "会同省环保厅等有关部门".
# an agency in a 会同 list: 省环保厅, 人民银行, 银保监会 (有关部门 names no body)
AGENCY_TOKEN = r"(?:[\u4e00-\u9fff]{1,15}?(?:局|厅|委|委员会|办|部|署|中心|银行|分行|监会)(?!门))"
PROSE_CO_RE = re.compile(
    rf"会同(?P<co>{AGENCY_TOKEN}(?:[、和及]{AGENCY_TOKEN})*"
    # or a level's fields listed before 等部门 ("会同市发展改革、经济信息化等部门": see _prose_names), the level unwritten
    # when they are the plan's own or share the subject's ("各级生态环境部门会同自然资源、住房和城乡建设等部门":
    # _with_subject_level); as many as a national plan lists (sixteen in 废旧纺织品's)
    rf"|[省市县区]?(?:[\u4e00-\u9fff]{{2,12}}?、){{0,24}}[\u4e00-\u9fff]{{2,12}}?等{DEPARTMENTS_KIND}部门"
    # or one field's department written as such ("省林业局会同设区市林业主管部门，视情开展…", "会同能源管理部门推动…"):
    # a body of a field the dictionary knows, with or without its level (:func:`_field_department_written`), never a
    # vague group (有关部门, 上述部门) nor words running on to a later 部门 ("会同金融机构加强部门协作")
    r"|(?P<dept>(?:(?!有关|相关|其他|其它)[\u4e00-\u9fff]){2,14}?部门"
    r"(?:[、和及](?:(?!有关|相关|其他|其它)[\u4e00-\u9fff]){2,14}?部门)*))"
)
# a level or place word a field's department may open with ("设区市林业主管部门", "县级生态环境部门"), and the words that
# close it ("住房城乡建设行政主管部门", "能源管理部门", "生态环境执法部门")
# (a bare level character is set aside only where it is one: ingest.agencies.has_level_prefix — 市场监管部门 opens with its
# field, 市市场监管部门 with 市)
DEPARTMENT_LEVEL_OPENING_RE = re.compile(r"^(?:各级|县级以上|设区的?市级?|[省市县区]级)")
DEPARTMENT_CLOSING_RE = re.compile(r"(?:行政)?(?:主管|管理|执法)?部门$")


def _field_department_written(name: str) -> bool:
    """Whether ``name`` is a field's department written as such — its field known to the dictionary once a level word
    before it and the department words after it are set aside ("设区市林业主管部门": 林业; "市场监管部门": 市场监管)."""
    rest = DEPARTMENT_LEVEL_OPENING_RE.sub("", name)
    if rest == name and has_level_prefix(name):
        rest = name[1:]
    field = DEPARTMENT_CLOSING_RE.sub("", rest)
    return bool(field) and is_known_field(field)


def _huitong_names(mc: re.Match[str], fields: bool = False) -> list[str] | None:
    """The bodies one :data:`PROSE_CO_RE` match names (:func:`_prose_names`, ``fields`` as there), None when none — a
    department written as such only when its field is known (:func:`_field_department_written`)."""
    names = _prose_names(mc.group("co"), fields=fields)
    if names and (mc.group("dept") is None or all(_field_department_written(n) for n in names)):
        return names
    return None


def _co_after_huitong(sentence: str) -> list[str]:
    """The bodies the first "会同…" of ``sentence`` that names any names ("会同市级主管部门组织评审，并会同市财政局下达资金"
    names 市财政局), as :func:`_prose_names` reads a 会同 list."""
    return next((names for mc in PROSE_CO_RE.finditer(sentence) if (names := _huitong_names(mc, fields=True))), [])


# Prose, in a clause without annotation: an agency list as the subject of a sentence that assigns it a task,
# the subject followed by a modal or a task adverb ("省生态环境厅、省财政厅要加大…宣传推广", "市生态环境局将组织对…核查",
# "省林业局统一组织开展…", "市生态环境局每年组织开展…培训"). A bare verb ("…加强统筹协调") is not enough.
ACTOR_MODAL_RE = re.compile(
    # (应对 / 应用 are verbs, not 应 + a verb)
    r"(?:要|将|应当|应(?!对|用)|须|必须|统一|定期|每年|适时|及时|组织|联合|共同|发挥|成立|按规定|按照规定|按程序|依法|依规|根据|依据)"
)
ACTOR_SUBJECT_MAX = 40
# Prose, in a clause without annotation: a later part of a sentence whose subject is a department followed at once
# by a modal or 会同 ("…区生态环境局核实材料后报市生态环境局，市生态环境局将组织开展复核工作",
# "开展规划年度监测，自治区生态环境厅会同有关部门对规划目标指标…评估") — stricter than a sentence's own subject:
# nothing may stand between the body and the modal.
ACTOR_SEGMENT_RE = re.compile(r"^(?P<subj>[^，,。；：“”《》]{2,40}?)(?:将|要|应当|应(?!对|用)|须|必须|会同)")
# Prose, in a clause without annotation: the member bodies of a coordination mechanism the clause sets up
# ("建立由市住房城乡建委、市发展改革委、…等部门参与的议事协调机制") — listed like an annotation, the first leads.
MEMBER_LIST = rf"由(?P<list>[^，,。；：“”《》由]{{4,400}}?)(?:等{DEPARTMENTS_KIND}(?:部门|单位))?(?:共同)?"
MECHANISM_MEMBERS_RE = re.compile(
    MEMBER_LIST + r"(?:参与|组成|参加)的[^，,。；]{0,24}?(?:机制|制度|小组|专班|联席会议|委员会)"
)
# … and the bodies of a mechanism the clause sets up by what each does ("构建机关事务管理部门牵头、有关部门共同参与的高效推进
# 机制", "完善生态环境部门监测取证、公安交管部门实施处罚、交通运输部门监督维修的联合监管模式"): a list of "body + its part"
# before 的…机制 / 模式 / 格局 (the verbs may be joined or run on: 建立完善, 建立和完善, 构建起, 形成了) — the body said to lead
# leads, else the first; the others are co; groups (有关部门) name none
MECHANISM_ROLES_RE = re.compile(
    r"(?:(?:建立|构建|形成|完善|健全)[和与并]?)+[起了]?(?P<roles>[^，,。；：“”《》的]{4,40}(?:、[^，,。；：“”《》的]{4,40})+)"
    r"的[^，,。；、]{0,16}?(?:机制|模式|格局)"
)
# one part at least of that list is a duty ("财政部门上下联动、…横向互动": how bodies link up, no one's part)
MECHANISM_DUTY_RE = re.compile(r"牵头|负责|主导|组织|实施|监管|监督|执法|处罚|配合|参与")
# … and the members of a body it says is made up of them ("办公室由开发区城市运行局、经济发展局、开发建设局共同组成，其中由
# 开发区城市运行局牵头"): a lead named in the sentence leads, the other members are co; else the first leads.
MEMBERS_COMPOSE_RE = re.compile(MEMBER_LIST + r"组成(?!的)")
# Prose, in a clause without annotation: a body named as the one in charge ("主责部门为经开区经济发展局",
# "市生态环境局是“碳惠通”平台的主管部门", "责任单位为市科技局").
IN_CHARGE_OF_RE = re.compile(r"(?:主责|主管|责任|牵头)(?:部门|单位)(?:为|是)(?P<names>[^，,。；（(]{2,60})")
IN_CHARGE_SUBJECT_RE = re.compile(
    r"^(?:以)?(?P<names>[^，,。；：“”《》]{2,30}?)(?:是|为)[^，,。；]{0,30}?(?:的)?(?:(?:主管|主责|牵头)(?:部门|单位)|责任主体)"
)
# A coordinating group (领导小组, or its office) that leads at a sentence's start or after 由, in a clause without
# annotation: "市节能工作领导小组负责指导和统筹…" (晋城 五（一）), "由绵阳建设西部先进制造强市领导小组统筹协调推进…" (绵阳 392,
# 四川 363), "市住建局…碳达峰行动领导小组办公室负责对接住建厅" (齐齐哈尔 261). Never a group under whose leadership others act
# ("在…领导小组统筹领导下", the sentence opening with 在) nor one a body acts as ("市发展改革委发挥…领导小组办公室…作用").
COORDINATING_GROUP_RE = re.compile(
    r"(?:^|由|经|[，,])(?P<group>[^，,。；：“”《》由经在的要将]{2,40}?领导小组(?:办公室)?)(?:要|将|应)?(?:加强|统一|具体|主要|全面)?"
    # (the national 2030 plan: "…领导小组对碳达峰相关工作进行整体部署", "…领导小组办公室要加强统筹协调，定期…调度",
    # "各地区碳达峰行动方案经…领导小组综合平衡、审核通过后…")
    r"(?:负责|牵头|统筹|协调|综合平衡|审核|审定|批准|对[^，,。；]{1,40}?(?:进行|开展|实施))"
)
# a verb governing the group, not the group acting ("强化省碳达峰碳中和工作领导小组对…的领导", 山东 382 四12; "充分发挥…领导小组作用")
GROUP_GOVERNED_RE = re.compile(r"^(?:强化|加强|发挥|充分发挥|健全|完善|建立|成立|依托|按照|根据|接受|服从|向|在)")
# … and words that make the phrase before 领导小组 a clause rather than a group's name ("设立领导小组负责…", "市政府成立…领导小组",
# "各成员单位接受领导小组…", "…重大问题及时报送市领导小组审定")
GROUP_NAME_STOP_RE = re.compile(r"成立|设立|组建|接受|服从|报送|提交|提请|报请|及时|问题|成员|政府|各|、")
# Prose after a lead: the bodies that work with it ("…统筹协调实施，市工业和信息化局、住房建设局、教育局等有关部门协同推进").
PROSE_WITH_RE = re.compile(
    r"[，,](?P<co>[^，,。；]{2,120}?)(?P<closing>等(?:多|多个)?(?:有关|相关)?(?:市级|省级|区级)?(?:主管)?(?:部门|单位))?"
    r"(?:协同推进|配合推进|配合|协助|参与)"
)
# Prose without a subject, in a document issued by one department: "会同科技部编制…" — the issuer acts with the
# bodies after 会同 (国管局 notices, a 住房城乡建设委 plan: "会同市发改委、市经信委等十部门联合印发…").
SUBJECTLESS_HUITONG_RE = re.compile(rf"^(?:{FRAMING_PHRASE})?(?:将|要|还将|并)?(?=会同)")
# … and with 联合 for 会同, the bodies named right after it ("联合人行南京分行、银保监会江苏监管局制定《江苏省碳资产质押融资
# 操作指引》" in the 江苏 省生态环境厅's work plan)
SUBJECTLESS_TASK_VERBS = (
    r"(?:制定|编制|修订|开展|印发|发布|出台|推进|推动|加强|支持|落实|建立|组织|研究|实施|举办|召开|启动|设立|下达|部署)"
)
# (the task may name whom it is for first: "联合财政厅向各市下达…治理任务")
SUBJECTLESS_TASK = rf"[，,]?(?:(?:向|对|为)[^，,。；：“”《》]{{1,12}}?)?{SUBJECTLESS_TASK_VERBS}"
SUBJECTLESS_JOINT_RE = re.compile(
    rf"^(?:{FRAMING_PHRASE})?(?:将|要|还将|并)?联合(?P<co>[^，,。；：“”《》]{{2,80}}?)(?={SUBJECTLESS_TASK})"
)
# … and written 与…共同 / 与…联合 ("与省生态环境厅共同建立污染地块联动监管…制度", "与省生态环境厅联合印发《…》" in 辽宁
# 自然资源厅's work plan): the issuer acts with the bodies between 与 and 共同
SUBJECTLESS_WITH_RE = re.compile(
    rf"^(?:{FRAMING_PHRASE})?(?:将|要|还将|并)?(?:与|同)(?P<co>[^，,。；：“”《》]{{2,80}}?)(?:共同|联合|一道|一起)"
    rf"(?={SUBJECTLESS_TASK})"
)
# … and with 配合 / 协助: the bodies named right after it lead, the issuer assists ("配合省统计局研究建立碳排放统计核算方法"
# in the 江苏 省生态环境厅's work plan, "协助省发展改革委做好…")
SUBJECTLESS_ASSIST_RE = re.compile(
    rf"^(?:{FRAMING_PHRASE})?(?:将|要|还将|并|积极|主动)?(?:配合|协助)(?P<lead>[^，,。；：“”《》]{{2,60}}?)"
    rf"(?=[，,]?(?:{SUBJECTLESS_TASK_VERBS}|做好|完成|做实|健全|完善|编报|核算|核查))"
)
# a duty list's heading ("成员单位职责分工", "任务分工如下") glued before a body with its level word
GLUED_DUTY_HEADING_RE = re.compile(
    r"^[^，,。；：:]{2,60}?(?:职责分工|任务分工|工作分工|分工如下)(?=(?:省|市|县|区|自治区|国家)[\u4e00-\u9fff]{2})"
)
# Clause numbers at the start of a sentence (the heading sentence may keep them).
NUMBER_PREFIX_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[（(]\d+[）)])")
SENTENCE_SPLIT_RE = re.compile(r"[。；;！!？?\n]")

# Bare bracketed lists (no keyword) must name qualified bodies: 省…/市…/县…/国家….
BARE_PREFIXES = ("省", "市", "县", "区", "国家", "自治区", "州")



@dataclass(frozen=True)
class Annotation:
    """One responsibility annotation found in a clause's own text."""

    text: str  # the bracketed annotation as written
    entries: tuple[tuple[str, str], ...]  # (raw agency name, role) in written order
    carry_over: tuple[str, ...] = ()  # raw names of a carry-over note ("以下均需…")
    carry_text: str = ""


# ---------------------------------------------------------------------------------------------
# Bracket scanning
# ---------------------------------------------------------------------------------------------


def iter_bracket_groups(text: str) -> list[tuple[int, int, str]]:
    """Top-level bracket groups of ``text`` as (start, end, inner), nested brackets included.

    Full- and half-width brackets of every family close each other (page repair mixes them).
    """
    groups: list[tuple[int, int, str]] = []
    depth = 0
    start = -1
    for i, ch in enumerate(text):
        if ch in OPEN_BRACKETS:
            if depth == 0:
                start = i
            depth += 1
        elif ch in CLOSE_BRACKETS and depth > 0:
            depth -= 1
            if depth == 0:
                groups.append((start, i + 1, text[start + 1 : i]))
    return groups


# Page noise left inside an annotation by the text layer: a page marker "－7－" or a bare page
# number between two characters of a list ("等按职责12分工负责", "（市财政局、8市科技局"). A
# number followed by a counter or date word (2025年, 3个) is content and stays.
ANNOTATION_PAGE_NOISE_RE = re.compile(
    r"[-—－–―‒]\d{1,3}[-—－–―‒]"
    r"|(?<=[\u4e00-\u9fff、，,；;：:（(])(?<!附件)(?<!附表)(?<!第)(?<!表)(?<!图)\d{1,3}(?=[\u4e00-\u9fff、（(])"
    r"(?![年月日个项家座条万亿千百十%％号批期次])"
)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text)


def _without_page_noise(inner: str) -> str:
    """An annotation's content with page markers and stray page numbers removed."""
    return ANNOTATION_PAGE_NOISE_RE.sub("", _normalise(inner))


# ---------------------------------------------------------------------------------------------
# Annotation parsing
# ---------------------------------------------------------------------------------------------


# A list item kept as written when the annotation's shape says it lists bodies (an unknown
# party body, 供销联社, 铁路局, 集团 …): Chinese or Latin letters, no sentence words.
LENIENT_NAME_RE = re.compile(r"^[\u4e00-\u9fffA-Za-z（）·]{2,24}$")
NOT_A_NAME_RE = re.compile(
    r"的|推进|加强|开展|建立|完善|落实|推动|实施|做好|确保|鼓励|支持|组织|详见|所列|附件|"
    r"^(?:各|有关|相关)?(?:地方|各地|地区|企业|社会|群众|公众|个人|居民|单位|部门|机构|行业|领域)$"
)


def plausible_name(name: str) -> bool:
    """A lenient check for an item of an annotation-shaped list: a name, not a phrase."""
    return bool(LENIENT_NAME_RE.match(name)) and not NOT_A_NAME_RE.search(name) and not GENERIC_ITEM_RE.match(name)


def _strict_names(text: str, strict: bool = False, lenient: bool = False) -> list[str] | None:
    """Split a list; None unless every non-generic item looks like an agency.

    With ``lenient`` (the annotation's shape already says it lists bodies) an item only has to be
    a plausible name: unknown bodies are kept as written instead of dropping the annotation.
    """
    parts = [clean_name(p) for p in split_top_level(text, "、，,")]
    parts = [p for p in parts if p]
    if not parts:
        return None
    names = split_agency_list(text)
    if not names:
        return None
    check = plausible_name if lenient else (lambda n: looks_like_agency(n, strict=strict))
    if not all(looks_like_agency(n, strict=strict) or check(n) for n in names):
        return None
    return names


# "A会同B负责" / "由A会同B等部门推进": A leads with B.
HUITONG_RE = re.compile(
    rf"^(?P<a>.+?)会同(?P<b>.+?){FILLER}(?:共同|分别)?(?:负责|牵头|落实|推进|实施|组织实施|办理)?(?:落实|实施)?$"
)


def _verb_list(match: re.Match[str]) -> str:
    groups = match.groupdict()
    return groups.get("list") or groups.get("list2") or ""


def _parse_segment(
    segment: str, label: str | None, comma_lead: bool, lenient: bool = False
) -> list[tuple[str, str]] | None:
    """Parse one label's content (or an unlabelled piece) into (name, mode) entries.

    mode: "lead", "co" or "resp" (resp = first-is-lead convention, decided at annotation level).
    Returns None when the segment is not an agency annotation.
    """
    entries: list[tuple[str, str]] = []
    subpieces = [s for s in split_top_level(segment, "，,") if s]
    if not subpieces:
        return None
    given = label_mode(label)
    for idx, sp in enumerate(subpieces):
        mode: str | None = None
        names: list[str] | None = None
        joint = HUITONG_RE.match(sp)
        if joint:
            # "由A会同B负责": A leads, B co-operates (never one agency named "A会同B")
            lead = _strict_names(re.sub(r"^由", "", joint.group("a")), lenient=lenient)
            co = _strict_names(joint.group("b"), lenient=lenient)
            if lead and co:
                entries.extend([(n, "lead") for n in lead] + [(n, "co") for n in co])
                continue
        for regex, m_mode in ((LEAD_VERB_RE, "lead"), (CO_VERB_RE, "co"), (RESP_VERB_RE, "resp")):
            m = regex.match(sp)
            if m:
                names = _strict_names(_verb_list(m), lenient=lenient)
                if names:
                    mode = m_mode
                    break
        if mode is None and label is not None:
            names = _strict_names(sp, lenient=lenient)
            if names:
                if given in ("lead", "co"):
                    mode = given
                elif comma_lead:
                    mode = "lead" if idx == 0 else "co"
                else:
                    mode = "resp"
        if mode is None or not names:
            if label is None and idx == 0 and len(subpieces) > 1:
                # Comma-separated groups under one verb: "市发展改革委、工业和信息化局，各县区人民政府、
                # 涠洲岛旅游区管委会按职责分工负责" (北海, 梧州): the whole list shares the final verb.
                if _ends_with_verb(subpieces[-1]):
                    return _parse_segment("、".join(subpieces), None, comma_lead, lenient)
                return None
            return None
        if given == "lead" and mode == "resp":
            mode = "lead"
        if given == "co" and mode in ("resp", "lead"):
            mode = "co"
        entries.extend((n, mode) for n in names)
    return entries


def _ends_with_verb(piece: str) -> bool:
    return any(regex.match(piece) for regex in (LEAD_VERB_RE, CO_VERB_RE, RESP_VERB_RE))


def _carry_over_span(inner: str) -> tuple[int, int, str] | None:
    """(start, end, listed names text) of a carry-over note inside an annotation, bracket-aware."""
    m = CARRY_OVER_START_RE.search(inner)
    if not m:
        return None
    depth = 0
    end = len(inner)
    for i in range(m.end(), len(inner)):
        ch = inner[i]
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            if depth == 0:
                end = i
                break
            depth -= 1
        elif depth == 0 and ch in "。；;":
            end = i
            break
    body = inner[m.end() : end]
    listed = CARRY_OVER_TAIL_RE.sub("", body)
    if not listed.strip("，, "):
        # the bodies written before the note, after the annotation's list: "（责任单位：省发展改革委、…。各市〔州〕人民政府，
        # 以下各条均涉及）" (pdf2 384 贵州) — they take part here and in the items below; only the note's words are cut
        before = inner[: m.start()].rstrip("，, ")
        cut = max(before.rfind(sep) for sep in "。；;")
        if cut >= 0 and before[cut + 1 :].strip():
            return m.start(), end, before[cut + 1 :].strip("，, ")
    return m.start(), end, listed


def _parse_piece_into(
    piece: str, out: list[tuple[str, str]], label: str | None, comma_lead: bool, lenient: bool = False
) -> None:
    """Parse one ；-separated piece (labels allowed) into ``out``; unparsable parts are skipped."""
    labels = list(LABEL_RE.finditer(piece))
    if not labels:
        parsed = _parse_segment(piece, label, comma_lead, lenient)
        out.extend(parsed or [])
        return
    for i, lab in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(piece)
        content = piece[lab.end() : end].strip("，,")
        if content:
            out.extend(_parse_segment(content, lab.group(1), comma_lead, lenient) or [])


def annotation_shaped(bracket_inner: str) -> bool:
    """Whether a bracket's content has the shape of a responsibility annotation, whatever its items.

    It ends in a responsibility keyword (负责 / 牵头 / 配合 / 参与 / 按职责分工 / 负总责 …) or
    opens with a label (责任单位： / 推进单位： …).
    """
    inner = _without_page_noise(bracket_inner).strip("，,。；;、")
    if not inner or len(inner) > 400:
        return False
    inner = SAME_BELOW_RE.sub("", inner)
    return bool(SHAPE_END_RE.search(inner) or SHAPE_LABEL_RE.match(inner) or LABEL_RE.search(inner))


def parse_annotation(
    bracket_inner: str, comma_lead: bool = False, region: str = "", first_per_group: bool = False
) -> Annotation | None:
    """Parse the inside of one bracket group; None when it is not a responsibility annotation.

    Items are first checked against the agency vocabulary; when that fails but the bracket has
    the shape of an annotation (:func:`annotation_shaped`), it is parsed again keeping every
    plausible item as written, so one unknown body never drops the whole annotation. A bracket noting
    what the sentence includes or leaves out (:data:`INCLUSION_NOTE_RE`: "含中央办公厅、国务院办公厅") is
    none, unless it has an annotation's shape.
    """
    if INCLUSION_NOTE_RE.match(_normalise(bracket_inner)) and not annotation_shaped(bracket_inner):
        return None
    ann = _parse_annotation(bracket_inner, comma_lead, region, lenient=False, first_per_group=first_per_group)
    if ann is None and annotation_shaped(bracket_inner):
        cleaned = _without_page_noise(bracket_inner)
        ann = _parse_annotation(cleaned, comma_lead, region, False, first_per_group) or _parse_annotation(
            cleaned, comma_lead, region, True, first_per_group
        )
        if ann is not None:
            ann = replace(ann, text=bracket_inner)
    return ann


def _parse_annotation(
    bracket_inner: str, comma_lead: bool, region: str, lenient: bool, first_per_group: bool = False
) -> Annotation | None:
    """Parse the inside of one bracket group; None when it is not a responsibility annotation.

    Args:
        bracket_inner: the text between the brackets, e.g.
            ``"市生态环境局、市工信局、市交通局等按职责分工负责"``.
        comma_lead: the document declared "逗号前为牵头单位" (names before the first comma of a
            责任单位 list all lead).
        region: the document's region; a named government of that region itself (武汉市人民政府
            in the 武汉 plan) is not a local implementing body.

    Returns:
        An :class:`Annotation` whose entries carry the final roles (lead / co / implementing).
    """
    inner = _normalise(bracket_inner)
    if not inner or len(inner) > 400:
        return None

    # 1. Carry-over note (may sit in a nested bracket: 〈…以下工作任务均需各区人民政府落实，不再列出〉).
    carry_names: list[str] = []
    carry_text = ""
    span = _carry_over_span(inner)
    if span:
        start, end, listed = span
        carry_text = inner[start:end]
        carry_names = [n for n in split_agency_list(listed) if looks_like_agency(n)] if listed else []
        inner = inner[:start] + inner[end:]
        inner = re.sub(r"[〈（(〔][，,]?[〉）)〕]", "", inner)

    # 2. Conventions written inside the annotation.
    if COMMA_LEAD_NOTE_RE.search(inner):
        comma_lead = True
        inner = COMMA_LEAD_NOTE_RE.sub("", inner)
    first_per_group = first_per_group or bool(FIRST_LEAD_NOTE_RE.search(inner))
    inner = FIRST_LEAD_NOTE_RE.sub("", inner)
    inner = NESTED_QUALIFIER_RE.sub("", inner)
    inner = INLINE_NOTE_RE.sub("", inner)
    inner = SAME_BELOW_RE.sub("", inner.strip("，,。；;、"))
    inner = inner.strip("，,。；;、")

    raw_entries: list[tuple[str, str]] = []
    pieces = [p.strip("，,") for p in split_top_level(inner, "；;。") if p.strip("，,")]
    current_label: str | None = None
    for piece in pieces:
        if NOTE_RE.match(piece):
            continue
        if first_per_group:
            before = len(raw_entries)
            _parse_piece_into(piece, raw_entries, current_label, comma_lead, lenient)
            resp = [i for i in range(before, len(raw_entries)) if raw_entries[i][1] == "resp"]
            # a group of enterprises only after groups led by government bodies ("…；四川省交通运输厅、省发展改革委、
            # 公安厅；中国铁路成都局集团公司" in the 成渝 joint plan, 57 二（三）9) takes part with them: no group's lead
            assisting = bool(before) and any(role == "lead" for _n, role in raw_entries[:before]) and all(
                non_government_category(clean_name(raw_entries[i][0])) == "enterprise" for i in resp
            )
            for j, i in enumerate(resp):
                raw_entries[i] = (raw_entries[i][0], "lead" if j == 0 and not assisting else "co")
            m_label = list(LABEL_RE.finditer(piece))
            if m_label:
                current_label = m_label[-1].group(1)
            continue
        labels = list(LABEL_RE.finditer(piece))
        if labels:
            if labels[0].start() > 0:
                head = piece[: labels[0].start()].strip("，,")
                parsed = _parse_segment(head, current_label, comma_lead, lenient) if head else []
                if parsed is None:
                    return None
                raw_entries.extend(parsed)
            for i, lab in enumerate(labels):
                end = labels[i + 1].start() if i + 1 < len(labels) else len(piece)
                content = piece[lab.end() : end].strip("，,")
                current_label = lab.group(1)
                if not content:
                    continue
                parsed = _parse_segment(content, current_label, comma_lead, lenient)
                if parsed is None:
                    return None
                raw_entries.extend(parsed)
            continue
        parsed = _parse_segment(piece, current_label, comma_lead, lenient)
        if parsed is None:
            if current_label is not None:
                continue  # a trailing note after a labelled list
            # A bare list in brackets without keywords: （省发展改革委、省经信厅、省能源局）; a few
            # non-department bodies may follow (浙江 205 "…、省大数据局、人行杭州中心支行、
            # 浙江银保监局、浙江证监局") when the list starts with, and mostly holds, qualified
            # departments.
            bare = _strict_names(piece) if not raw_entries else None
            strict = [
                bool(STRICT_AGENCY_SUFFIX_RE.search(n)) and (n.startswith(BARE_PREFIXES) or len(n) >= 5)
                for n in bare or []
            ]
            if (
                bare
                and len(pieces) == 1
                and (all(strict) or (len(bare) >= 3 and strict[0] and sum(strict) * 3 >= len(bare) * 2))
            ):
                raw_entries.extend((n, "resp") for n in bare)
                continue
            if raw_entries:
                continue
            if carry_names or carry_text:
                break
            return None
        raw_entries.extend(parsed)

    if not raw_entries and not carry_text:
        return None

    # 3. Final roles: implementing bodies; explicit leads; else the first "resp" item leads.
    #    Named local governments / zone committees implement unless explicitly labelled lead;
    #    when the annotation names nothing else, the first of them leads (first-is-lead).
    def local(name: str) -> bool:
        return is_local_body(name, region) or lower_level_body(name, region)

    has_lead = any(mode == "lead" for name, mode in raw_entries if not is_implementing(name))
    entries: list[tuple[str, str]] = []
    lead_given = has_lead
    for name, mode in raw_entries:
        lower = lower_level_body(name, region) and mode != "lead"
        if lower and clean_name(name)[0] in "县区":
            name = "各" + clean_name(name)  # 区机管局 in a city plan: the districts' offices
        if is_implementing(name) or lower:
            role = "implementing"
        elif local(name) and mode != "lead":
            # Sub-region governments and zone committees implement; an annotation naming only
            # them has implementing bodies and no lead (they are never lead by position).
            role = "implementing"
        elif mode == "resp":
            role = "co" if lead_given else "lead"
            lead_given = True
        else:
            role = mode
        entries.append((name, role))
    if carry_text and not carry_names:
        carry_names = [n for n, r in entries if r == "implementing" and is_implementing(n)]
    return Annotation(
        text=bracket_inner,
        entries=tuple(entries),
        carry_over=tuple(carry_names),
        carry_text=carry_text,
    )


MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

# A labelled responsibility line without brackets, at a line start or after a sentence end:
# "…推动技改项目早日投产。\n责任单位：市工信局，各县（市）区政府、高新区管委会". The label must name a
# responsibility role (责任 / 牵头 / 配合 / 主责 / 协办 / 参与 / 推进 / 实施 / 承办), so "申报单位：" is not one.
_LABEL_LINE = (
    r"(?:[\u4e00-\u9fff]{0,2}(?:责任|牵头|配合|主责|协办|参与|推进|实施|承办)(?:单位|部门|处室))[：:∶]"
    r"[^。\n（(〔【]{2,200}(?:[（(〔【][^）)〕】\n]{0,40}[）)〕】][^。\n（(〔【]*)*"
)
# consecutive label lines ("牵头单位：市林业局\n责任单位：市发改委…") are one annotation, so the labels are
# read together (牵头单位 + 责任单位: the 责任单位 are co-responsible)
UNBRACKETED_LABEL_RE = re.compile(
    rf"(?:^|(?<=[。；;\n]))[ \t]*(?P<ann>{_LABEL_LINE}(?:\n[ \t]*{_LABEL_LINE})*)"
)


def lower_level_body(name: str, region: str) -> bool:
    """A body of the levels below the document's region, named by a bare level word.

    "区机管局" in a 上海 plan (the districts' offices), "县…" in a city or provincial plan. A
    bare "市…" in a provincial plan stays as it is (it may be the province's own wording).
    """
    name = clean_name(name)
    if len(name) < 3 or not region:
        return False
    if region in MUNICIPALITIES or region.endswith(("省", "自治区", "市", "州", "盟")):
        if name[0] in "县区" and not name.startswith(("区域", "县域")):
            return True
        return _named_sub_region_body(name, region)
    return False


def lower_level_prose_subject(name: str, region: str) -> bool:
    """A prose subject that is every lower-level body, or all levels' governments: "各区生态环境局负责…" in a 上海 plan,
    "地方各级人民政府负责…" in a province's law — they implement; they never lead."""
    name = clean_name(name)
    return "各级" in name or (name.startswith("各") and lower_level_body(name[1:], region))


def _named_sub_region_body(name: str, region: str) -> bool:
    """"青浦区机管局" in a 上海 plan: a body of a named county-level region under the document's."""
    from ingest.regions import get_gazetteer

    gazetteer = get_gazetteer()
    mentions = gazetteer.find_mentions(name[:8], context_region=region)
    if not mentions or mentions[0].level != "county" or mentions[0].parent != region:
        return False
    place = mentions[0].name
    rest = name[len(place):] if name.startswith(place) else ""
    return bool(rest) and not re.fullmatch(r"(?:人民)?政府|管委会", rest) and len(rest) >= 2


def find_annotations(
    text: str, comma_lead: bool = False, region: str = "", first_per_group: bool = False
) -> list[tuple[str, Annotation]]:
    """All annotations in a text, in order, as (text as written, parsed annotation).

    Bracketed annotations, and labelled lines without brackets ("责任单位：市工信局、市统计局"
    at the start of a line or after a sentence end).
    """
    found: list[tuple[int, str, Annotation]] = []
    groups = iter_bracket_groups(text)
    for start, end, inner in groups:
        ann = parse_annotation(inner, comma_lead=comma_lead, region=region, first_per_group=first_per_group)
        if ann is not None:
            found.append((start, text[start:end], ann))
    for m in UNBRACKETED_LABEL_RE.finditer(text):
        if any(s <= m.start("ann") < e for s, e, _ in groups):
            continue
        lines = re.sub(r"\s*\n\s*", "；", m.group("ann").strip())
        ann = parse_annotation(lines, comma_lead=comma_lead, region=region, first_per_group=first_per_group)
        if ann is not None:
            found.append((m.start("ann"), m.group("ann"), ann))
    return [(written, ann) for _, written, ann in sorted(found, key=lambda f: f[0])]


# Verbs and labels removed to see whether an unread annotation still names something specific.
SHAPE_WORDS_RE = re.compile(
    r"[\u4e00-\u9fff]{0,6}(?:单位|部门|处室)[：:]|(?:按照|按|根据)(?:职责|职能)(?:分工)?|分别|共同|负总责|负责|牵头|配合|参与|"
    r"协助|协同|会同|落实|组织实施|推进|指导|推动|抓好|督促"
)
# Words left in a bracket that name no body at all (the bracket is readable: it names no specific body).
GENERIC_RESIDUE_RE = re.compile(r"^(?:各|有关|相关|其他)?(?:地方|各地|地区|社会|公众|群众|企业|个人|居民|行业|领域|方面)$")


def unreadable_annotations(clauses: Sequence[Clause], responsibilities: Sequence[Responsibility], region: str = "") -> dict[str, str]:
    """Clauses holding an annotation-shaped bracket from which no agency was read: {clause_id: text}.

    A bracket counts when it has the shape of an annotation (:func:`annotation_shaped`), does not
    parse, and still names something specific once the keywords are removed (a bracket naming
    only 各有关单位 is readable: it names no specific body). Clauses that got responsibilities
    from the same bracket are not flagged.
    """
    children_of: dict[str, list[Clause]] = {}
    for c in clauses:
        if c.parent_id:
            children_of.setdefault(c.parent_id, []).append(c)
    evidence_by_clause: dict[str, set[str]] = {}
    for r in responsibilities:
        evidence_by_clause.setdefault(r.clause_id, set()).add(r.evidence)
    out: dict[str, str] = {}
    for clause in clauses:
        text = own_text(clause, children_of.get(clause.clause_id, ()))
        for start, end, inner in iter_bracket_groups(text):
            written = text[start:end]
            if not annotation_shaped(inner) or parse_annotation(inner, region=region) is not None:
                continue
            if any(written in ev for ev in evidence_by_clause.get(clause.clause_id, ())):
                continue
            rest = SHAPE_WORDS_RE.sub("、", _without_page_noise(inner))
            # a bracket naming only 相关部门、地方, or a heading such as 【社会参与】, is readable: it names
            # no specific body; anything else left over is a name that could not be read
            if any(not GENERIC_RESIDUE_RE.match(n) for n in split_agency_list(rest)):
                out[clause.clause_id] = (out.get(clause.clause_id, "") + written)[:400]
    return out


# ---------------------------------------------------------------------------------------------
# Prose
# ---------------------------------------------------------------------------------------------


def _unbalanced(name: str) -> bool:
    """Whether a name's brackets do not pair up (各县（市、区）政府 pairs; ")强化…市住建局" does not)."""
    depth = 0
    for ch in name:
        depth += ch in "(（"
        depth -= ch in ")）"
        if depth < 0:
            return True
    return depth != 0


# a development zone's short form opening the first body of a list is shared by the bare bodies after it
# ("开发区城市运行局、经济发展局、开发建设局": all three are the zone's)
ZONE_SHORT_PREFIX_RE = re.compile(r"^(?:经开区|开发区|高新区|新区)")
# the words of a zone's short name before its 区 (经济技术开发区, 经开区, 开发区, 高新区, 保税区)
ZONE_NAME_END_RE = re.compile(r"(?:经济技术开发|经开|开发|高新|保税)$")


def _share_zone_prefix(names: list[str]) -> list[str]:
    m = ZONE_SHORT_PREFIX_RE.match(names[0]) if names else None
    if not m:
        return names
    return [names[0]] + [
        n if has_level_prefix(n) or ZONE_SHORT_PREFIX_RE.match(n) or NATIONAL_RE.search(n) else m.group(0) + n
        for n in names[1:]
    ]


# a qualifier naming the place concerned before a level's field body ("关停单位所在地或迁出地省级生态环境主管部门")
PLACE_CONCERNED_RE = re.compile(
    r"^[^，,。；、]{0,16}?(?:所在地|迁出地|迁入地|注册地|属地)(?:或[^，,。；、]{0,8}?(?:所在地|迁出地|迁入地|注册地|属地))?(?:的)?"
    r"(?=(?:省级|市级|县级|设区的市级|县级以上|设区的市|省|自治区)[^，,。；、]{2,16}?部门$)"
)


# levels listed with their count before the body they share ("市、区两级…", "省、市、县三级…")
LEVELS_COUNTED_RE = re.compile(
    r"^((?:省|市|县|区|乡|镇)(?:、(?:省|市|县|区|乡|镇))+)(?P<count>[两二三四五])级(?=[\u4e00-\u9fff])"
)
LEVEL_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}


def _prose_names(text: str, fields: bool = False) -> list[str] | None:
    """The bodies a prose list names (None unless every item is one); with ``fields`` (a 会同 list), a level's fields
    listed before 等部门 ("市发展改革、经济信息化等部门") are that level's departments."""
    # (a list introduced by "以下为 / 以下是 …" names its bodies after the presentative: "以下为市科技局负责…的处室")
    text = re.sub(r"^(?:由|请|以下为|以下是|下列为|下面是)", "", text)
    # "全省各级生态环境部门": the plan's whole area before a level's departments is its own ("各级生态环境部门")
    text = re.sub(r"^全(?:省|市|区|县|州|旗|盟)(?=各级)", "", text)
    # "关停单位所在地或迁出地省级生态环境主管部门", "生产经营场所所在地省级…": the place concerned's level body
    text = PLACE_CONCERNED_RE.sub("", text)
    # "市、区两级生态文明建设委员会" opening the list: the first level's body and every lower place's (市…、各区…), read
    # from the first level's body (its closing 等有关部门 dropped) — the count of levels is no part of a name, and no other
    # reading of the text is tried. (Only a list that opens so, with 、 and the count right: "市县两级…", a 会同 list or
    # an annotation are read as before; the levels are not checked against the plan's own.)
    if (counted := LEVELS_COUNTED_RE.match(text)) is not None:
        first, *lower = counted.group(1).split("、")
        if LEVEL_COUNTS.get(counted.group("count")) != len(lower) + 1:
            return None
        first_body = _prose_names(first + text[counted.end() :], fields)
        if not first_body or len(first_body) != 1 or not first_body[0].startswith(first):
            return None
        body = first_body[0][len(first) :]
        return [first_body[0], *("各" + level + body for level in lower)]
    # "由省发展改革委、省统计局等部门牵头": the named bodies, without the closing 等部门
    closing = re.search(rf"等{DEPARTMENTS_KIND}(部门|单位)$", text)
    text = text[: closing.start()] if closing else text
    if is_level_role_body(clean_name(text)):
        return [clean_name(text)]  # one body whose places are listed: "各市、县（市、区）经济和信息化主管部门"
    names = _strict_names(text)
    if not names and fields and closing and closing.group(1) == "部门":
        # "会同市发展改革、经济信息化等部门": fields of one level listed before 等部门 are that level's departments
        # (市发展改革部门, 市经济信息化部门), each a field's department as written elsewhere
        listed = [_field_spelled(clean_name(p)) for p in split_top_level(text, "、")]
        if listed and not has_level_prefix(listed[0]) and all(is_field_department(f + "部门") for f in listed):
            # "住建部门要会同发展改革、自然资源…等部门": fields without a level are the plan's own (or share the subject's
            # 各地 / 各级: _with_subject_level)
            names = [f + "部门" for f in listed]
        elif listed and has_level_prefix(listed[0]):
            listed = [listed[0]] + [f if has_level_prefix(f) else listed[0][0] + f for f in listed[1:]]
            departments = [f + "部门" for f in listed]
            if all(is_functional_body(d) for d in departments):
                names = departments
    if not names:
        return None
    if any((n.endswith(("部门", "单位")) and not (is_functional_body(n) or is_level_role_body(n) or is_field_department(n)))
           or _unbalanced(n) for n in names):
        return None  # generic bodies, or a bracket left by a broken text layer (")强化绩效坪价市住建局")
    return _share_zone_prefix(names)


def _field_spelled(field: str) -> str:
    """A field written with 与 for 和 ("工业与信息化") as the field list writes it (工业和信息化), when that is a known field."""
    alike = field.replace("与", "和")
    return alike if alike != field and is_field_department(alike + "部门") else field


# the level a subject's department is written with that the fields it works with share ("各地发展改革部门要会同工业和信息化、
# 商务…等部门": 各地工业和信息化部门, 各地商务部门 …)
SHARED_LEVEL_RE = re.compile(r"^(?:各地|各级|地方各级)(?=[\u4e00-\u9fff]{2,12}部门$)")


def _with_subject_level(co: list[str], subject: str) -> list[str]:
    """Fields' departments read without a level from a 会同 list (:func:`_prose_names`), given the level of the subject's
    department that works with them (:data:`SHARED_LEVEL_RE`); the list as it is otherwise."""
    level = SHARED_LEVEL_RE.match(subject)
    if level is None:
        return co
    return [
        level.group(0) + n if n.endswith("部门") and is_field_department(n) and not has_level_prefix(n) else n for n in co
    ]


# words that make a subject a phrase or a government rather than a department ("按照省统计局要求", "地方各级党委和政府")
NOT_AN_ACTOR_RE = re.compile(r"政府|党委|人大|政协|按照|依照|根据|部署|要求|领导|干部|布局|机组|行动|[各我在对]")
# the issuing department speaking of itself in a ministry's or a department's notice: "我部将组织…"
SELF_REFERENCE_RE = re.compile(r"^(?:我部|我局|我厅|我委|我办|本部|本局|本厅|本委)$")


def _actor_name(name: str, national: bool = False, place: str = "") -> bool:
    """A department named as the subject of a task sentence: a strict agency name carrying its level
    (省/市/区/县/自治区 …) or the document's place (三明银保监分局 in a 三明 plan), or a national body (…部,
    国家…局; in a national document any body: 国资委, 能源局); a remark in brackets inside it is read past ("各市（含定州、
    辛集市）科技局")."""
    name = NAME_REMARK_RE.sub("", name)
    if is_functional_body(name) or is_level_role_body(name) or (is_field_department(name) and not national):
        return True
    return (
        looks_like_agency(name, strict=True)
        and not NOT_AN_ACTOR_RE.search(name)
        and (
            national
            or has_level_prefix(name)
            or bool(NATIONAL_RE.search(name))
            or name.startswith("自治区")
            or (len(place) >= 2 and name.startswith(place) and len(name) >= len(place) + 3)
            # a 厅 is a province's department: in a province's own document it needs no level word
            # ("经济和信息化厅纳入省重点工业和技术改造项目库", pdf2 97 四川)
            or _province_own_department(name, place)
            # … and a 局 the document's own place's ("…偏离规划目标时，生态环境局应适时提出调整方案" in 海西州's plan)
            or _own_bureau(name, place)
        )
    )


# the government of a province charged with a duty in the province's own document, as statutes write it (福建's
# regulation: "省人民政府应当…科学编制本省碳达峰、碳中和时间表和路线图"); a plan's "省政府将…考核", its departments ("省人民
# 政府各有关部门要…"), lower or all levels' governments ("县级以上地方人民政府应当…") and a 市人民政府 (a municipality's,
# or a city's over a district's document: 314 浦东) are not read
OWN_GOVERNMENT_DUTY_RE = re.compile(r"^(?P<name>省人民政府|省政府|自治区人民政府|自治区政府)(?:应当|应(?!对|用))")


# the level words after a place's short name (浦东 + 新区), as the gazetteer strips them
PLACE_SUFFIXES = "|".join(SUFFIXES)


def _own_government(sentence: str, place: str) -> list[str] | None:
    """[the government] when ``sentence`` opens with the province's government and its duty in a province's own
    document (``place`` a province's short name), else None."""
    m = OWN_GOVERNMENT_DUTY_RE.match(sentence)
    if m and is_province_short(place):
        return [m.group("name")]
    # … or the document's own place's government written with its name, in any document of that place ("浦东新区人民政府
    # 应当依托市大数据资源平台建立…专题库" in 浦东's 若干规定): never another place's
    if len(place) >= 2 and (named := re.match(
        rf"^(?P<name>{re.escape(place)}(?:{PLACE_SUFFIXES})?(?:人民)?政府)(?:应当|应(?!对|用|急))", sentence
    )):
        return [named.group("name")]
    return None


def _province_own_department(name: str, place: str) -> bool:
    """A 厅 named without its level in a province's own document ("经济和信息化厅纳入…"): a plain name (its first word a
    noun, no level word inside), never a phrase ending in one ("联合财政厅", "与省生态环境厅")."""
    if not name.endswith("厅") or len(name) > 12 or re.search(r"[省市县区]", name) or not is_province_short(place):
        return False
    words = pos_words(name)
    return bool(words) and words[0].flag.startswith("n")


# words that end in 局 and name no bureau ("油气化工产业布局应充分考虑…", "发展新格局")
PHRASE_ENDING_IN_JU_RE = re.compile(r"(?:格局|布局|大局|全局|开局|结局|当局|变局|时局|残局|棋局|骗局|僵局|饭局|赌局)$")


def _own_bureau(name: str, place: str) -> bool:
    """A 局 named without its level in a place's own document ("生态环境局应适时提出调整方案"): a plain name (its first word
    a noun, no level or place word inside), never a national body's short name (能源局, 统计局) nor a phrase ending in 局."""
    if not place or not name.endswith("局") or len(name) > 12 or re.search(r"[省市县区州国]", name):
        return False
    if PHRASE_ENDING_IN_JU_RE.search(name):
        return False
    if "国家" + name in national_bodies() or name in national_bodies():
        return False
    words = pos_words(name)
    # (the tagger calls some fields set phrases: 生态环境/l, 发展/vn)
    return bool(words) and words[0].flag.startswith(("n", "l", "vn", "j")) and len(words[0].word) >= 2


def _members_of(sentence: str, *patterns: re.Pattern[str]) -> list[str] | None:
    """The member bodies the first of ``patterns`` to match lists (a mechanism set up "由A、B…参与的…机制", a body
    "由A、B、C共同组成"), when all are bodies."""
    for pattern in patterns:
        if m := pattern.search(sentence):
            members = _prose_names(m.group("list"))
            return members if members and all(looks_like_agency(n, strict=True) for n in members) else None
    return None


def _mechanism_roles(sentence: str, national: bool = False, place: str = "") -> list[tuple[str, str]]:
    """The bodies of the first mechanism the sentence sets up by what each does (:data:`MECHANISM_ROLES_RE`) with their
    roles: the one whose part is 牵头 leads, else the first named; the others are co. A mechanism counts when every part
    of its list is a body and its part (:data:`MECHANISM_ROLE_RE`), one part at least a duty
    (:data:`MECHANISM_DUTY_RE`), and the bodies named — groups such as 有关部门 name none — all act
    (:func:`_actor_list`: a level written once before the list is shared; a government or party body spoils the list);
    [] when none does."""
    for m in MECHANISM_ROLES_RE.finditer(sentence):
        split = m.group("roles").split("、")
        roles = [role for part in split if (role := MECHANISM_ROLE_RE.fullmatch(part))]
        if len(roles) != len(split) or not any(MECHANISM_DUTY_RE.search(role.group("act")) for role in roles):
            continue
        bodies = [(name, "牵头" in role.group("act")) for role in roles for name in (_prose_names(role.group("body")) or ())]
        if not bodies or not _actor_list([name for name, _leads in bodies], national, place=place):
            continue
        lead = next((name for name, leads in bodies if leads), bodies[0][0])
        return list(dict.fromkeys((name, "lead" if name == lead else "co") for name, _leads in bodies))
    return []


def _actor_list(names: list[str], national: bool = False, *, implementing: bool = False, place: str = "") -> bool:
    """Every name is an actor (or, with ``implementing``, a lower-level body); a level written once before a list
    is shared by the rest ("省生态环境厅、财政厅", "市工业和信息化局、住房建设局、教育局")."""
    shared = bool(names) and has_level_prefix(names[0])
    return bool(names) and all(
        _actor_name(n, national or (i > 0 and shared), place) or (implementing and is_implementing(n))
        for i, n in enumerate(names)
    )


# a sentence opening with a joint verb has no subject of its own: the issuer acts with the bodies after it ("联合省财政、
# 发改等部门组织申报评审" in a department's work plan, :data:`SUBJECTLESS_JOINT_RE`), they are not its subject
JOINT_OPENING_RE = re.compile(r"^(?:联合|会同|配合|协同|协助)")


def _actor_subject(sentence: str, issuer: str = "", national: bool = False, place: str = "") -> list[str] | None:
    """The agency list that opens ``sentence`` before a modal or task adverb, or None; a verb phrase run into the
    subject is read past as in :data:`PROSE_SUBJECT_RE`'s subjects (a heading glued to its text where the text layer
    lost the line break: "统筹协调推进市发展改革委发挥…统筹协调作用" names 市发展改革委)."""
    framed = re.sub(rf"^{FRAMING_PHRASE}", "", sentence)  # "创建单位应持续示范运营，市生态环境局定期…"
    for body in dict.fromkeys((sentence, framed)):
        for m in ACTOR_MODAL_RE.finditer(body[: ACTOR_SUBJECT_MAX + 4]):
            if m.start() < 2:
                continue
            subject = body[: m.start()]
            names = _subject_bodies(subject, issuer, national, place)
            if (
                not names
                and not JOINT_OPENING_RE.match(subject)
                and (bare := _without_leading_verb(subject)) != subject
                and _verbs_only(subject[: -len(bare)])
            ):
                names = _subject_bodies(bare, issuer, national, place)
            if names:
                return names
    return None


# what may not follow a subject read without a modal: the name goes on (委员会, 办公室, a division), the body is
# qualified or cited (的, 关于, 网站) or is one of a list (和, 与, 、) — anything else starts its predicate
BARE_SUBJECT_STOP_RE = re.compile(
    r"^(?:员会|会|门|公室|心|机关|的|之|和|与|及|或|、|等|被|限|面|势|关于|网|官网|门户|公众号|主页|局长|厅长|主任|领导|负责人|处|科|司|所|站|"
    r"[^\u4e00-\u9fff])"
)
# a line that names a document (its title) rather than stating a task
TITLE_LINE_RE = re.compile(r"(?:规程|方案|办法|通知|意见|计划|规划|细则|指南|决定|规定|条例|公告|目录|清单)[”》]?$")
# … or a title run into the first sentence of the text ("…扶持计划操作规程为规范…")
GLUED_TITLE_RE = re.compile(r"^[^，,。；]{0,60}?(?:规程|方案|办法|通知|意见|计划|规划|细则|指南)(?:为|根据|依据|按照)")
# a body opening a noun phrase that is the real subject ("…应对极端天气的能力不断提升", "…监管的水平…")
NOMINAL_SUBJECT_RE = re.compile(r"^[^，,。；]{0,16}?的[^，,。；]{0,8}?(?:能力|水平|体系|机制|作用|成效|力度|职能)")
# the last character of a body's name (局, 厅, 委, 委员会, 办公室, 部, 部门, 署, 中心, 管委会, 分行, 海关, 市财政 …)
BODY_END_CHARS = frozenset("局厅委会办室部门署心行关政")
# one part of a mechanism's list (:data:`MECHANISM_ROLES_RE`): the body, up to its last body-ending character (a
# government's 政 is none), and what it does (two to eight characters); every part names one ("党委领导、政府负责…" and
# "自然资源、生态环境、能源主管部门等…的协同机制" list no bodies' parts)
MECHANISM_ROLE_RE = re.compile(
    rf"(?P<body>.+[{''.join(sorted(BODY_END_CHARS - {'政'}))}])(?P<act>[\u4e00-\u9fff]{{2,8}})"
)


def _bare_subject(sentence: str, issuer: str = "", national: bool = False, place: str = "") -> list[str] | None:
    """The agency that opens ``sentence`` or one of its later comma-separated parts and is followed at once by its verb,
    without a modal ("市工业和信息化主管部门于申报日期截止后…完成初审", "…，市工业和信息化主管部门对…进行形式预审"):
    the shortest opening that names actors, when what follows it starts a predicate."""
    if TITLE_LINE_RE.search(sentence) or sentence.rstrip().endswith(("：", ":")):
        return None  # a title line ("深圳市工业和信息化局支持绿色发展…扶持计划操作规程"), an addressee line
    framed = re.sub(rf"^{FRAMING_PHRASE}", "", sentence)
    parts = dict.fromkeys((sentence, framed, *re.split(r"[，,]", sentence)[1:]))
    for body in parts:
        for end in range(2, min(len(body), ACTOR_SUBJECT_MAX) + 1):
            rest = body[end:]
            if body[end - 1] not in BODY_END_CHARS or not rest or BARE_SUBJECT_STOP_RE.match(rest):
                continue
            names = _subject_bodies(body[:end], issuer, national, place)
            if names and not all(_bare_actor(n, place, national) for n in names):
                return None
            if names:
                # the body does something (a verb, a preposition, an adverb: 于/对/按规定/认为/纳入), it does not
                # qualify a noun ("…信息化局财政专项资金项目…")
                nominal = NOMINAL_SUBJECT_RE.match(rest)  # "省气象局应对极端天气的能力不断提升": the capacity is the subject
                return names if _starts_predicate(rest) and not GLUED_TITLE_RE.match(rest) and not nominal else None
    return None


# a whole level's party committees and governments ("各级党委和政府") are no field's departments
LEVEL_GOVERNMENTS_RE = re.compile(r"党委|政府|人大|政协")


def _national_bare_body(name: str) -> bool:
    """A central body a national document writes without 国家: any 委 (发展改革委, 国资委), or a 局 / 署 that is a national
    body's name without 国家 (能源局, 统计局, 知识产权局) — never a phrase that happens to end in 局 (两个大局, 竞争格局)."""
    if name.endswith("委"):
        return True
    return name.endswith(("局", "署")) and ("国家" + name in national_bodies() or name in national_bodies())


def _bare_actor(name: str, place: str = "", national: bool = False) -> bool:
    """A name that can be a subject without a modal: its level or place written (省林业局, 市工业和信息化主管部门,
    三明市…), a central body written with 国家 / 国务院 (国家发展改革委; in a national document a 委 / 局 / 署 without
    it: 国资委, 能源局), never a bare
    部 / 中心 that may be a word's end (部分, 全部, 选择部分, 数据中心); a whole level's departments of a field too
    ("省级生态环境主管部门对核查技术服务机构的评估结果…向社会公开")."""
    return is_functional_body(name) or (is_level_role_body(name) and not LEVEL_GOVERNMENTS_RE.search(name)) or (
        (has_level_prefix(name) or (len(place) >= 2 and name.startswith(place))
         or _province_own_department(name, place) or name.startswith(("国家", "国务院"))
         or (national and _national_bare_body(name)))
        and looks_like_agency(name, strict=True)
        and not NOT_AN_ACTOR_RE.search(name)
        and not NOT_A_BARE_ACTOR_RE.search(name)
    )


# words ending a phrase, not a body, before 部 / 局 ("工业园区全部", "青海省的一部分", "地域局限"), and level words
# (省级以上重点产业园区, 县级生态环境分局 — every county's)
NOT_A_BARE_ACTOR_RE = re.compile(r"全部|一部|局部|局限|以上|两级|级|^区域")


# part-of-speech tags (jieba) of a word that can start a predicate: verb, preposition, adverb, set phrase
PREDICATE_TAGS = ("v", "p", "d", "ad", "vd")
# adverbs of manner before a task verb that jieba tags otherwise (主动/b, 大力/n, 全力/n, 切实加强/l, 着力/n)
TASK_MANNER_RE = re.compile(r"^(?:主动|大力|全力|切实|着力|精心)(?=[\u4e00-\u9fff]{2})")
# … and of a time word (近期, 今年, 年内), which may stand between a subject and its predicate
TIME_TAG = "t"


LEADING_VERB_TAGS = frozenset({"v", "vn", "vd", "a", "ad", "d", "l", "nr"})
# … and the strict set of a verb phrase glued before a subject (:func:`_verbs_only`): verbs and adverbs only, never nr
GLUED_VERB_TAGS = frozenset({"v", "vn", "vd", "d", "ad"})


def _without_leading_verb(subject: str) -> str:
    """A subject without the verb a sentence opens with before the body it names: "建立健全自治区发展改革委(牵头组织…的
    机制)" names 自治区发展改革委 (the verb's object is the mechanism the body leads)."""
    for level in re.finditer(r"(?:省|市|县|区|自治区|国家)", subject):
        head = subject[: level.start()]
        if len(head) < 2:
            continue
        # (jieba tags some set verb phrases as names: 建立健全/nr; so does it many places: a place stays)
        if _is_place(head + level.group(0)):
            break
        # (a zone's short name is no verb before a level: 开发区财政审计局 is not 开发 + 区财政审计局; a verb before the zone
        # goes: "督促开发区管委会…" names 开发区管委会)
        zone = ZONE_NAME_END_RE.search(head) if level.group(0) == "区" else None
        verbs = head[: zone.start()] if zone else head
        if verbs and all(w.flag in LEADING_VERB_TAGS for w in pos_words(verbs)):
            return subject[len(verbs):]
        break
    return subject


def _verbs_only(head: str) -> bool:
    """True when every word of ``head`` is a verb or an adverb ("统筹协调推进"), not a person's name ("姚贵伟", which
    jieba tags nr as it tags some set verb phrases)."""
    words = pos_words(head)
    return bool(words) and all(w.flag in GLUED_VERB_TAGS for w in words)


def _is_place(name: str) -> bool:
    """True when ``name`` (齐齐哈尔市, 平鲁区) is a region of the gazetteer."""
    from ingest.regions import get_gazetteer

    return bool(get_gazetteer().by_name.get(name))


def _starts_predicate(text: str) -> bool:
    """True when the first word of ``text`` can start a predicate (jieba's part-of-speech tagger); time words
    before it are the predicate's adverbials ("我局近期将组织…", "市生态环境局年内完成…"), not a noun phrase; an adverb of
    manner the tagger calls no adverb (主动/b, 大力/n) is read past."""
    if ACTOR_MODAL_RE.match(text) or SUFFIX_OPENED_VERB_RE.match(text):
        # a modal or a task adverb (依法, 按规定 …), whatever the tagger calls it ("依法"/n), or 委托 / 部署 … as a verb
        return True
    if _first_word_predicate(text):
        return True
    manner = TASK_MANNER_RE.match(text)
    return manner is not None and _first_word_predicate(text[manner.end() :])


def _first_word_predicate(text: str) -> bool:
    """Whether the first word of ``text`` after its time words is tagged as a predicate's."""
    words = pos_words(text[:16])
    while words and words[0].flag == TIME_TAG:
        words = words[1:]
    return bool(words) and words[0].flag in PREDICATE_TAGS


# a government that is not the lower levels' own: its party committee beside it, or all levels' ("地方各级党委和政府")
SUBJECT_NOT_A_GOVERNMENT_RE = re.compile(r"党委|各级|有关|相关")
# … and one that is every lower place's, not the document's own ("市人民政府应当…" in a city's plan is its own)
# (a government, not the places themselves: "各市要合理控制本行政区能源消费增长" names the cities, no body)
LOWER_GOVERNMENTS_RE = re.compile(r"^(?:各|(?:旗县|县区|县|区|旗|乡镇|乡|镇)级).*政府")


def _subject_bodies(subject: str, issuer: str = "", national: bool = False, place: str = "") -> list[str] | None:
    """The bodies a subject phrase names when they are actors, or None; the issuer for 我部 / 我厅 / 本局 … ("我部" in a
    notice of 生态环境部办公厅 is the ministry, not its general office)."""
    if issuer and SELF_REFERENCE_RE.match(subject):
        return [re.sub(r"(?:办公厅|办公室)$", "", issuer) or issuer]
    names = _prose_names(subject)
    if (
        names
        and all(is_implementing(n) and LOWER_GOVERNMENTS_RE.match(n) for n in names)
        and not SUBJECT_NOT_A_GOVERNMENT_RE.search(subject)
    ):
        return names  # the lower levels' governments as the subject ("旗县级人民政府要向社会公开…", "各县区政府要…")
    if names and _actor_list(names, national, place=place):
        return names
    # a list of fields closed by 等部门, each a field's department ("市场监管、工商、住房城乡建设、工业和信息化等部门要加强…",
    # "发展改革、财政等部门要…"): the plan's own departments of those fields, the first named leading
    if (
        not national  # (a national document's bare fields are every level's departments: no actors, as above)
        and FIELDS_LIST_SUBJECT_RE.search(subject)
        and (fields := _prose_names(subject, fields=True))
        and len(fields) >= 2
        and all(is_known_field(LEVEL_PREFIX_RE.sub("", f)[: -len("部门")]) for f in fields)
    ):
        return fields
    return None


# the closing 部门 of a fields list written with 等 and a kind word ("统计、财政等相关部门", "…行政审批等部门", "发展改革、财政等综合
# 部门": what kind of departments they are, never a field of its own)
FIELDS_LIST_CLOSING = rf"等{DEPARTMENTS_KIND}部门"
# a subject that lists two or more fields and closes with 等部门 ("市场监管、工商…等部门")
FIELDS_LIST_SUBJECT_RE = re.compile(rf"^[\u4e00-\u9fff]{{2,12}}(?:、[\u4e00-\u9fff]{{2,12}})+{FIELDS_LIST_CLOSING}$")
# the level written before a list's first field ("市发展改革、经济信息化…等部门")
LEVEL_PREFIX_RE = re.compile(r"^(?:省|市|县|区|自治区|州|盟|旗)(?!场)")


# a later comma-separated part of a sentence opening with another body and its charge
LATER_ACTOR_RE = re.compile(
    r"^(?P<subj>[^，,。；：“”《》]{2,30}?)"
    # (the unnamed others beside it: "市生态环境局及各相关依据分工牵头推进具体工作")
    r"(?:(?:及|和|以及)(?:各|其他)?(?:相关|有关)(?:部门|单位)?(?:依据|按照|根据)?(?:职责)?分工)?"
    # ("…，市财政局、市生态环境局等部门按职责分工负责")
    rf"(?:等{DEPARTMENTS_KIND}(?:部门|单位))?(?:要|应)?(?:(?:按照|按|依据|根据)(?:职责)?分工)?"
    r"(?:要|将|应当|应(?!对|用)|须|必须|会同|具体负责|主要负责|负责(?!人|同志)|牵头|配合)"
)


def _segment_actors(sentence: str, pattern: re.Pattern[str], national: bool, place: str) -> Iterator[list[str]]:
    """The agency lists opening the later comma-separated parts of ``sentence`` as ``pattern`` reads them (its ``subj``)."""
    for segment in re.split(r"[，,]", sentence)[1:]:
        m = pattern.match(segment)
        names = _prose_names(m.group("subj")) if m else None
        if names and _actor_list(names, national, place=place):
            yield names


def _later_actors(sentence: str, subj: list[str], national: bool = False, place: str = "") -> list[str]:
    """The bodies opening later comma-separated parts of ``sentence`` with a charge of their own, other than ``subj``."""
    later: list[str] = []
    for names in _segment_actors(sentence, LATER_ACTOR_RE, national, place):
        later.extend(n for n in names if n not in subj and n not in later)
    return later


def _actor_segment(sentence: str, national: bool = False, place: str = "") -> list[str] | None:
    """The agency list opening a later comma-separated part of ``sentence``, right before a modal or 会同."""
    return next(_segment_actors(sentence, ACTOR_SEGMENT_RE, national, place), None)


# the body a matter is submitted to for review ("将碳评文件报我厅审查", "报市生态环境局备案"): it is the one
# responsible for reviewing it
REVIEWED_BY_RE = re.compile(
    r"(?:报送?|提交|上报|送)(?:至|给|到)?(?P<subj>[\u4e00-\u9fff、]{2,30}?)(?:备案审查|审查|审核|审批|审定|备案|核准|核定|批准)"
)


# … and the body an application or materials are handed in to, with 向 ("于2021年12月10日前，向我局提交申请表" in the
# 上海市生态环境局's notice, "申请…备案需向市生态环境局提交以下材料"): in a sentence naming no actor, the body that
# receives them handles them — never results reported up (报告; "…报送…进展情况": a plan's reporting line names who is
# told, not who does the work), never when a body hands them in (:func:`_sent_by_a_body`), never a body above the
# document's level (:func:`_higher_level`)
RECEIVED_BY_RE = re.compile(
    r"向(?P<subj>[\u4e00-\u9fff、]{2,30}?)(?:提交|报送|提出|申报|申请|报备|备案|推荐)"
    # (not progress or results handed up: "每季度向市住房城乡建设委报送创建工作进展情况", "按年度向…报送排放报告")
    r"(?![^，,。；]{0,16}?(?:进展|情况|结果|总结|报告))"  # (see REPORTED_UP_RE)
)
# … nor progress or results named before it ("评估和考核结果向省生态环境保护委员会报送")
REPORTED_UP_RE = re.compile(r"(?:进展|情况|结果|总结|报告)$")
# the sender of such a sentence, at the start of its part before 向: a body ("各区政府每季度向…") or a level's places ("各区县
# 每季度向…", "各地…") — the sentence is then about the sender's duty
SENDER_RE = re.compile(r"^(?P<subj>[^，,。；]{2,30}?)(?:每年|每季度|每月|每半年|定期|及时|要|应当|应|须|将|于|在|按)")


def _sent_by_a_body(part: str, national: bool, place: str) -> bool:
    """Whether the part of a sentence before 向 opens with a body or a level's places that hand the matter in."""
    if re.match(r"^(?:各|全省各|全市各)", part):
        return True
    m = SENDER_RE.match(part)
    names = _prose_names(m.group("subj")) if m else None
    return bool(names) and _actor_list(names, national, implementing=True, place=place)


def _higher_level(name: str, national: bool, place: str) -> bool:
    """Whether ``name`` is a body above the document's own level: a province's (省… / 自治区…) in a lower place's
    document, a central body in a local one."""
    if national or not place:
        return False
    if name.startswith(("省", "自治区")) and not is_province_short(place):
        return True
    return bool(NATIONAL_RE.search(name)) and not name.startswith(("省", "市", "县", "区", "自治区"))


# … or the body whose approval a step needs ("经南充市生态环境保护委员会审核批准后，实施修订", "建议名单经省林业局同意后，提请…
# 公布"): it decides
APPROVED_BY_RE = re.compile(
    r"经(?!济|营|费|过|验|历|常|典|纬|销)(?P<subj>[\u4e00-\u9fff、]{2,30}?)(?:审核批准|审核同意|审查同意|研究同意|审批|审定|批准|同意|审核)"
)


# … or the body material is sent to, written with 将…至 ("请于2021年7月30日前将申报材料…寄送至工业和信息化部", pdf2 551; "将推荐
# 材料报送至市生态环境局"): it collects and handles it — never progress or results reported up (a notice's own contact
# lines, "反馈至省科技厅社发处", are read by ingest.contacts first)
SENT_TO_RE = re.compile(
    r"将(?P<what>[^，,。；将]{1,20}?)(?:反馈|报送|提交|发送|上报|寄送|报)(?:至|到|给)"
    r"(?P<subj>[\u4e00-\u9fff、]{2,30}?)(?=$|[。；;，,（(])"
)


def _reviewing_body(sentence: str, issuer: str = "", national: bool = False, place: str = "") -> list[str] | None:
    """The body a sentence submits something to for review or hands it in to, or whose approval it needs, or None
    (``issuer`` stands for 我厅 / 我局 …)."""
    for pattern in (REVIEWED_BY_RE, RECEIVED_BY_RE, APPROVED_BY_RE, SENT_TO_RE):
        received = pattern is RECEIVED_BY_RE or pattern is SENT_TO_RE
        for start in range(len(sentence)):
            m = pattern.match(sentence, start)  # from every position: "将排放报告报市生态环境局备案"
            if m is None:
                continue
            part = re.split(r"[，,]", sentence[:start])[-1]
            if received and (_sent_by_a_body(part, national, place) or REPORTED_UP_RE.search(part)):
                continue
            if pattern is SENT_TO_RE and REPORTED_UP_RE.search(m.group("what")):
                continue
            names = _subject_bodies(m.group("subj"), issuer, national, place)
            if (
                names and received and not SELF_REFERENCE_RE.match(m.group("subj"))
                and _higher_level(names[0], national, place)
            ):
                continue  # a city's plan sending its list up to the province ("并向省生态环境厅报送…名单"): the city acts
            if names:
                return names
    return None


# what a government's name holds (人民政府, 政府): carried lower governments give way to those a clause names itself
GOVERNMENT_WORD = "政府"
# words right after a list of subjects saying that they lead together, not the first of them ("A、B共同负责",
# "A、B牵头", "A、B要分别…"); a later "各区政府牵头" in the sentence is not about them
# (… or each by its own duties, "A、B和C根据各自职责对…进行绩效评价", never where that is to assist: "…按照各自职责，配合做好…";
# what comes later in the sentence is not read: "…按各自职责做好资金保障，市审计局配合开展审计")
JOINT_LEAD_RE = re.compile(
    r"^(?:等(?:部门|单位))?(?:要|将|应|应当|须|负责)?"
    r"(?:牵头|共同|联合|分别|各自|(?:根据|按照|依据|依照|按)各自(?:的)?(?:职责|职能)(?:分工)?"
    r"(?![，,]?(?:积极|主动|做好)?(?:配合|协助|协同)))"
)
# a division-duty line of a list such as "当前具体业务分工如下：" — "市房屋征收中心：督促指导各县（市）区稳步推进城镇棚户区
# 改造" — the body before the colon is responsible for the duties after it; one that only assists (协同 / 配合 …) is co
DUTY_LINE_RE = re.compile(r"^(?P<names>[\u4e00-\u9fff（）()、]{2,40}?)[：:](?P<duty>[^\n]{4,})")
ASSISTING_DUTY_RE = re.compile(r"^(?:协同|配合|协助|参与|支持)")
# a sentence whose subject assists by its own duties ("统计、金融、财政、发展改革等相关部门按照各自职责，配合做好与本市碳排放权
# 交易相关工作" after "市生态环境主管部门负责…", 480 沈阳 第三条): every body it names is co. Only assisting (配合 / 协助)
# with the work itself after it — not "配合市生态环境局做好…" (the body assisted leads: read as before), not 协同 (joint
# work); a subject that is itself a 会同 / 牵头 phrase is read as before.
ASSISTING_SUBJECT_RE = re.compile(
    r"^(?P<subj>(?:(?!会同|联合|牵头|负责)[^，,。；：“”《》]){2,80}?)(?:要|应当|应(?!对|用))?"
    r"(?:按照|根据|依照|依据|按|在)各自(?:的)?(?:职责|职能)(?:分工)?(?:范围内)?[，,]?(?:积极|主动|密切)?"
    r"(?:配合|协助)(?=做好|开展|推进|落实|实施|完成|抓好)"
)


def assists_by_own_duties(sentence: str) -> bool:
    """Whether a prose sentence (as written or as stored for evidence) is one whose subject assists by its own duties
    (:data:`ASSISTING_SUBJECT_RE`: "…等相关部门按照各自职责，配合做好…")."""
    return bool(ASSISTING_SUBJECT_RE.match(_normalise(sentence)))


# a contact list line ("市发展改革委：王某，电话0351-…") names no duty; a year (2025年底前) is no phone number
CONTACT_RE = re.compile(r"\d{3,4}-\d{7,8}|\d{7,}|电话|联系人|邮箱|传真|手机")


def find_prose_responsibilities(
    text: str, *, actors: bool = False, issuer: str = "", national: bool = False, place: str = ""
) -> list[tuple[str, str, str]]:
    """Responsibilities stated in prose, conservatively: (raw name, role, sentence).

    ``省发展改革委要履行好…职责，会同省环保厅等有关部门…`` -> 省发展改革委 lead, 省环保厅 co;
    ``本方案由市发展改革委负责解释`` -> 市发展改革委 lead. A subject that is not clearly an
    agency (领导小组, 有关部门, 企业) yields nothing. With ``actors`` (a clause without annotation), an
    agency subject followed by a modal or task adverb leads (``市生态环境局将组织…``); with ``issuer``
    (the one department that issued the document), a sentence without subject opening with 会同 and
    naming bodies gives the issuer as lead and those bodies as co; ``national`` (a national document) lets an
    actor be a body written without level (国资委, 发展改革委); ``place`` (the document's place, short: 三明) lets it be
    a body written with that place instead of a level (三明银保监分局).
    """
    found: list[tuple[str, str, str]] = []
    paragraphs = (text or "").split("\n")
    if actors:
        kept = []
        for paragraph in paragraphs:
            duty = _duty_line(_normalise(paragraph), issuer, national, place)
            if duty is None:
                kept.append(paragraph)
            else:
                found.extend(duty)
        paragraphs = kept
    # paragraphs first: a heading line without a full stop ("加强规划监测评估\n自治区发展改革委牵头…") is not
    # part of the next sentence's subject
    sentences = [x for paragraph in paragraphs for x in SENTENCE_SPLIT_RE.split(_normalise(paragraph))]
    for raw_sentence in sentences:
        sentence = ARTICLE_LABEL_RE.sub("", NUMBER_PREFIX_RE.sub("", raw_sentence))
        # a duty list's heading run into its first line where the text layer lost the break ("…领导小组成员单位职责分工省
        # 生态环境保护督察办公室负责将…"): the line starts with the body
        sentence = GLUED_DUTY_HEADING_RE.sub("", sentence)
        if not sentence or sentence[0] in OPEN_BRACKETS:
            continue
        # a body's other name or role in brackets before its verb ("国家发展改革委（推动黄河流域…领导小组办公室）要加强
        # 协调") is read past; the sentence kept as evidence is the one written
        sentence = BODY_ROLE_BRACKETS_RE.sub("", SHORT_NAME_BRACKETS_RE.sub("", sentence))
        if (
            actors and (ma := ASSISTING_SUBJECT_RE.match(sentence))
            and (assisting := _subject_bodies(ma.group("subj"), issuer, national, place))
        ):
            found.extend((name, "implementing" if is_implementing(name) else "co", raw_sentence) for name in assisting)
            continue
        subj: list[str] | None = None
        mechanism = [
            (name, "implementing" if is_implementing(name) else role, raw_sentence)
            for name, role in (_mechanism_roles(sentence, national, place) if actors else ())
        ]
        if mechanism and MECHANISM_ROLES_RE.match(sentence):
            # a sentence opening with the mechanism it sets up ("建立市生态环境局牵头、市公安局配合的联合执法机制"): its list
            # is no subject of the verb
            found.extend(mechanism)
            continue
        # (a body charged before the first comma is the sentence's first subject, not a framing phrase: "市科技局负责项目
        # 管理，市财政局负责资金拨付" names 市科技局 first)
        m0 = OPENING_SUBJECT_RE.match(sentence)
        if m0 and (opening := _prose_names(m0.group("subj"))) and _actor_list(opening, national, place=place):
            subj = opening
        m = None if subj else PROSE_SUBJECT_RE.match(sentence)
        if m:
            subj = _prose_names(_without_leading_verb(m.group("subj")))
        if not subj:
            for mb in PROSE_BY_RE.finditer(sentence):
                subj = _prose_names(mb.group("subj"))
                if subj:
                    break
        if not subj and actors and (members := _members_of(sentence, MECHANISM_MEMBERS_RE, MEMBERS_COMPOSE_RE)):
            for i, name in enumerate(members):
                role = "implementing" if is_implementing(name) else ("lead" if i == 0 else "co")
                found.append((name, role, raw_sentence))
            continue
        if not subj and actors:
            subj = _actor_subject(sentence, issuer, national, place)
        if not subj and mechanism:
            found.extend(mechanism)
            continue
        if not subj and actors:
            subj = _own_government(sentence, place)
        if not subj and actors:
            subj = _actor_segment(sentence, national, place)
        if not subj and actors:
            for mb in ACTOR_BY_RE.finditer(sentence):
                names = _prose_names(mb.group("subj"))
                if names and _actor_list(names, national, place=place):
                    subj = names
                    break
        if not subj and actors:
            mi = IN_CHARGE_OF_RE.search(sentence) or IN_CHARGE_SUBJECT_RE.match(sentence)
            names = _prose_names(mi.group("names")) if mi else None
            if names and all(looks_like_agency(n, strict=True) for n in names):
                subj = names
        if (
            not subj and actors and (mg := COORDINATING_GROUP_RE.search(sentence))
            and "发挥" not in mg.group("group") and not GROUP_GOVERNED_RE.match(mg.group("group"))
            and not GROUP_NAME_STOP_RE.search(mg.group("group")[: -len("领导小组")] if mg.group("group").endswith("领导小组")
                                              else mg.group("group").split("领导小组")[0])
        ):
            subj = [mg.group("group")]
        if not subj and actors:
            subj = _reviewing_body(sentence, issuer, national, place)
        if not subj and actors:
            subj = _bare_subject(sentence, issuer, national, place)
        if not subj and issuer and (ms := SUBJECTLESS_HUITONG_RE.match(sentence)):
            mc = PROSE_CO_RE.match(sentence, ms.end())
            if mc and _huitong_names(mc):
                subj = [issuer]
        joint_co: list[str] = []
        if not subj and issuer and (mj := SUBJECTLESS_JOINT_RE.match(sentence)):
            joint_co = _prose_names(mj.group("co")) or []
            if joint_co:
                subj = [issuer]
        if not subj and issuer and (mw := SUBJECTLESS_WITH_RE.match(sentence)):
            # (only actors: "与项目相关市政府联合印发…" names the cities of the projects, not a body)
            joint_co = _prose_names(mw.group("co")) or []
            if joint_co and _actor_list(joint_co, national, place=place):
                subj = [issuer]
            else:
                joint_co = []
        if not subj and issuer and (ma := SUBJECTLESS_ASSIST_RE.match(sentence)):
            assisted = _prose_names(ma.group("lead"))
            if assisted and _actor_list(assisted, national, place=place) and issuer not in assisted:
                subj, joint_co = assisted, [issuer]
        if subj and all(LEVEL_TREASURY_RE.match(n) for n in subj) and not _funds(sentence, subj[-1]):
            subj = None  # a treasury is a prose subject where it pays ("市财政按…给予补助"), not in a sanction ("省财政将收回…资金")
        if not subj:
            continue
        # a list of subjects follows the annotation convention: the first listed leads, the rest are co ("规划实施督导由
        # 省水利厅、省生态环境厅负责"), unless the sentence says they lead together (A、B牵头 / 共同 / 联合 / 分别)
        after = sentence.find(subj[-1])
        together = len(subj) > 1 and after >= 0 and bool(JOINT_LEAD_RE.match(sentence[after + len(subj[-1]) :]))
        leader = next((n for n in subj if not is_implementing(n)), None)
        for name in subj:
            role = "implementing" if is_implementing(name) else ("lead" if together or name == leader else "co")
            found.append((name, role, raw_sentence))
        if subj and actors:
            # another body charged in a later part of the sentence ("市发改委加强统筹协调，市生态环境局…牵头推进具体工作",
            # "省林业局负责…组织实施，设区市林业主管部门负责…日常管理") works with the one named first
            for name in _later_actors(sentence, subj, national, place):
                found.append((name, "implementing" if is_implementing(name) else "co", raw_sentence))
        for name in (_members_of(sentence, MEMBERS_COMPOSE_RE) or []) if actors else []:
            if name not in subj:
                found.append((name, "implementing" if is_implementing(name) else "co", raw_sentence))
        co = _co_after_huitong(sentence) + joint_co
        if len(subj) == 1:
            co = _with_subject_level(co, subj[0])
        for name in co:
            found.append((name, "implementing" if is_implementing(name) else "co", raw_sentence))
        if actors and (mw := PROSE_WITH_RE.search(sentence)):
            listed = re.sub(r"^(?:由|并由|以及|和)", "", mw.group("co"))
            # (a list of fields closed by 等部门 after a local plan's lead — "由市住房城乡建设委牵头，发改、民政…等部门参与" —
            # names the plan's own departments of those fields; the lead's own field is the lead, not one of them)
            fields_closed = (mw.group("closing") or "").endswith("部门")
            with_bodies = _prose_names(listed) or [
                f for f in (_fields_sharing_department(listed + "等部门", place) if fields_closed else None) or []
                if not any(f[: -len("部门")] in lead for lead in subj)
            ]
            if with_bodies and _actor_list(with_bodies, national, implementing=True, place=place):
                for name in with_bodies:
                    found.append((name, "implementing" if is_implementing(name) else "co", raw_sentence))
    return found


# A sentence's actor before a predicate of any kind ("水利、生态环境部门加强监管…", "由住房和城乡建设部、市住房城乡建委…分别
# 授予"): too loose to record for every clause (most such sentences state a measure, not who carries it out), so it is
# read at question time only, from the sentence of a clause without any annotation or prose responsibility that the
# question asks about (search.answer_agencies, :func:`sentence_actors`)
ACTOR_PART_FRAMING_RE = re.compile(r"^(?:并|同时|还|另外|此外)?(?:由|经|请(?!示|求))?")
# what may not follow a subject: a noun phrase going on (的, 和, 与 …) or the body leading others (在…统一领导下)
# … nor the rest of a word the cut went through ("…两部|分组成": 部分, never a 部)
NOT_A_PREDICATE_OPENING_RE = re.compile(r"^(?:的|和|与|及|等(?!部门)|、|或|统一领导|领导下|指导下|关于|分(?!别|工|头|管|批|期|类|步))")
# a department's last word (部, 局, 委, 厅 …, 主管部门) — never a word that merely ends like one (全部, 内部, 东部)
DEPARTMENT_WORD_END_RE = re.compile(r"(?:部|委|局|厅|署|办|部门|委员会|办公室|机关|领导小组|工作专班)$")
# a body whose role the sentence names ("充分发挥公安机关打击违法犯罪主力军作用", "发挥市能源工作领导小组作用，加强统筹协调")
# or that it sets up to carry the work ("成立市推动企业技术改造工作领导小组（附件2），负责专项行动全面工作")
ROLE_GIVEN_RE = re.compile(
    r"^(?:充分)?发挥(?P<role>[^，,。；]{2,40}?)作用"
    r"|^(?:成立|组建|设立|建立)(?P<set_up>[^，,。；（(]{2,30}?(?:领导小组|工作专班|委员会|指挥部))(?:[（(][^）)]{0,12}[）)])?[，,](?:负责|统筹)"
)
# the body inside a role phrase: the first run closing with a department's word ("公安机关打击违法犯罪主力军")
BODY_IN_ROLE_RE = re.compile(r"[\u4e00-\u9fff]{1,20}?(?:机关|领导小组|工作专班|委员会|指挥部|部门|局|厅|委(?!员)|办(?!法|理))")
NOT_A_DEPARTMENT_WORD_RE = re.compile(r"^(?:全部|内部|外部|局部|干部|本部|大部|[东南西北中]部)$")
# the lower places themselves as a sentence's actor ("各设区市组织开展钢铁、电解铝等企业现有项目能效情况调查",
# "各区县（市）要采取定期检查和现场抽查的方式…"): their governments carry it out
PLACES_ACTOR_RE = re.compile(
    r"^各(?:设区的?市|地级市|市[（(]州[）)]|市州|州[（(]市[）)]|县[（(]市、区[）)]|县[（(]市[）)]|县区|区县[（(]市[）)]|区县|旗县|盟市"
    r"|县|区|市)(?=要|应当|应(?!对|用)|须|组织|负责|结合)"
)
# the plan's own level's party committee and government charged together with the whole of the work, as the genre's
# formula writes it ("市委、市政府对全市环境治理工作负总责", "省委、省政府对本地区环境治理负总体责任"): both lead — never
# the same two written as the subject of what they did ("市委、市政府高度重视…", "…采取了一系列重大措施")
PARTY_AND_GOVERNMENT_CHARGED_RE = re.compile(
    r"^(?P<party>(?:省|市|县|区|州|盟|旗)委)(?:、|和|及)(?P<government>(?:省|市|县|区|州|盟|旗)(?:人民)?政府)"
    r"(?=对[^，,。；]{0,30}?(?:负|承担)(?:总|总体|主体|全面|领导)?责|(?:负|承担)(?:总|总体|主体|全面|领导)?责|要(?:对|切实|全面))"
)
# a central ministry's offices in the places, charged as the subject ("财政部各地监管局要对支持碳达峰碳中和工作的相关资金开展
# 评估评价", "国家能源局各派出机构要…") — one body of the ministry's in each place
MINISTRY_BRANCHES_ACTOR_RE = re.compile(
    r"^(?P<name>(?:国家)?[\u4e00-\u9fff]{1,8}?(?:部|总局|局|署)(?:各地|各派出|驻各地|各地区|各省)[\u4e00-\u9fff]{0,8}?"
    r"(?:监管局|局|机构|办事处|中心))(?=要|应当|应(?!对|用)|须|负责|将|依法|加强)"
)
# every level's government of the plan's place charged as the subject ("各级政府要将生态环境作为财政支出的重点领域"); not with
# the party committees beside them ("各级党委和政府…": the leadership, no body of the measure)
EVERY_LEVEL_GOVERNMENT_ACTOR_RE = re.compile(r"^(?P<name>各级(?:人民)?政府)(?=要|应当|应(?!对|用)|须|负责|将|依法|切实|加强)")
# a government charged as the subject of the sentence a question asks about: the plan's own level's ("市政府将不定期派出
# 督查组", "省人民政府应当…") or the governments of a level ("县级人民政府因地制宜制定…", "港口所在地市、县级政府要依法
# 落实…主体责任", "县级以上地方人民政府应当…"), before a modal or a duty word (GOVERNMENT_CHARGE_RE: not what it did,
# "市政府高度重视…"); never a government's office or department ("市政府办公室", "省政府各有关部门"), nor the party
# committee beside it (PARTY_AND_GOVERNMENT_CHARGED_RE reads that). Read at question time only, as every reading here.
GOVERNMENT_ACTOR_RE = re.compile(
    r"^(?P<name>(?:[\u4e00-\u9fff]{2,6}所在地)?(?:"
    r"(?:省|市|县|区|州|盟|旗|自治区|自治州)(?:人民)?政府"
    r"|(?:(?:省|市|县|区|乡|镇)[、和])*(?:省|市|县|区|乡|镇|地市|设区的市)级(?:以上)?(?:地方)?(?:各级)?(?:人民)?政府"
    r"))(?!办|各|有关|相关|部门|工作|领导|的)(?P<rest>.*)$"
)
GOVERNMENT_CHARGE_RE = re.compile(
    r"^(?:将|要|应当|应(?!对|用|急)|须|必须|负责|牵头|组织|统筹|依法|不定期|定期|每年|及时|切实|因地制宜|结合实际)"
)
# words a department's name never holds: verbs, prepositions, locality words (推动…与部, 要改进完善内部)
NOT_IN_A_NAME_TAGS = frozenset({"v", "p", "f"})


# a remark in brackets inside a name ("各市（含定州、辛集市）科技局", "各市（区）生态环境局"): no word of the name
NAME_REMARK_RE = re.compile(r"[（(][^（()）]{0,20}[）)]")


def department_written(name: str) -> bool:
    """Whether ``name`` is written as a department: its last word one (局, 厅, 建设部, 主管部门 …) and no verb,
    preposition or locality word inside ("县城新建建筑全部", "推动高新技术产品如新型建材与部" are none) — but for a remark in
    brackets ("各市（含定州、辛集市）科技局") and the department's field of the dictionary, whatever its words' tags
    (节能主管部门: 节能 is tagged a verb)."""
    name = NAME_REMARK_RE.sub("", name)
    words = pos_words(name)
    if not words:
        return False
    last = words[-1].word
    if not DEPARTMENT_WORD_END_RE.search(last) or NOT_A_DEPARTMENT_WORD_RE.match(last):
        return False
    # (the words tagged as no part of a name, by their characters' positions; a name holds none most of the time, so the
    # dictionary's fields are looked for only when one does)
    at, tagged_out = 0, []
    for word in words[:-1]:
        start, at = at, at + len(word.word)
        if word.flag in NOT_IN_A_NAME_TAGS:
            tagged_out.append(set(range(start, at)))
    if not tagged_out:
        return True
    field_chars = _known_field_characters(name)
    return all(positions <= field_chars for positions in tagged_out)


def _known_field_characters(name: str) -> set[int]:
    """The positions of ``name``'s characters inside a department's field of the dictionary (``department_fields.txt``),
    longest fields first."""
    covered: set[int] = set()
    for field in department_fields():
        for found in re.finditer(re.escape(field), name):
            span = set(range(found.start(), found.end()))
            if not span & covered:
                covered |= span
    return covered


def sentence_actors(sentence: str, place: str = "") -> tuple[list[str], bool]:
    """The departments ``sentence`` writes as the actor of a predicate of any kind, as raw names, and whether they act
    together or each on its own (共同 / 联合 / 分别 / 各自 after them); ([], False) when no part of it opens with them.

    The first comma part that opens with departments (after 由 / 经 / 并 …) and goes on with a predicate names them:
    "住房和城乡建设部、国家发展改革委等部门加强协作" -> ([住房和城乡建设部, 国家发展改革委], False); "…由住房和城乡建设部、
    市住房城乡建委、区县住房城乡建委分别授予" -> (the three, True). A body with its level or the document's place
    (``place``, short: 宁德) or a central ministry; never a phrase that only ends like one."""
    sentence = _normalise(sentence)
    if (given := ROLE_GIVEN_RE.match(sentence.strip())) is not None and given.group("set_up"):
        return [given.group("set_up")], False  # (a group set up for the work is named by its task: verbs inside)
    if (charged := PARTY_AND_GOVERNMENT_CHARGED_RE.match(sentence.strip())) is not None:
        return [charged.group("party"), charged.group("government")], True
    parts = re.split(r"([，,：:])", sentence)
    for at in range(0, len(parts), 2):
        framing = ACTOR_PART_FRAMING_RE.match(parts[at].strip())
        part = parts[at].strip()[framing.end() :]
        # (a part opening with 由 names the agent of what follows, whatever the tagger calls its verb: "…，由节能主管部门
        # 责令停工整改" — 责令/n)
        by_agent = "由" in framing.group(0)
        # (what the sentence goes on to say after this part: "…按照各自职责，配合做好…" assists, whatever the part says)
        after = "".join(parts[at + 1 :])
        # departments a part charges to work together by their fields ("加强应急、交通、水利、公安、生态环境等部门应急联动"):
        # each field's department, the first named leading (as a subject list of fields: :func:`_subject_bodies`)
        if (linked := LINKED_FIELDS_RE.match(part)) is not None and (
            fields := _subject_bodies(linked.group("fields"), place=place)
        ):
            return fields, False
        # a group a later part sets up for the work ("…，建立内江市应对气候变化工作领导小组，统筹开展全市碳减排…")
        if at and (given := ROLE_GIVEN_RE.match(part + after)) is not None and given.group("set_up"):
            return [given.group("set_up")], False
        # a body whose role a part names ("开展“利剑斩污”专项行动，充分发挥公安机关打击违法犯罪主力军作用")
        if (given := ROLE_GIVEN_RE.match(part)) is not None and given.group("role"):
            body = BODY_IN_ROLE_RE.match(given.group("role"))
            if body and department_written(body.group(0)):
                return [body.group(0)], False
        if places := PLACES_ACTOR_RE.match(part):
            return [places.group(0)], False
        if branches := MINISTRY_BRANCHES_ACTOR_RE.match(part) or EVERY_LEVEL_GOVERNMENT_ACTOR_RE.match(part):
            return [branches.group("name")], False
        if (opening := _actors_opening(part, place, passive=by_agent, after=after)) is not None:
            return opening
        if (assisted := ASSISTED_BODY_RE.match(part)) is not None and (
            body := _assisted_bodies(part[assisted.end() :], place, after)
        ):
            return body, False
        if (government := GOVERNMENT_ACTOR_RE.match(part)) is not None:
            rest = government.group("rest")
            if GOVERNMENT_CHARGE_RE.match(rest):  # (a duty, not what it did: "市政府高度重视…")
                return [government.group("name")], False
        # the agent of a passive inside the part ("…任务清单由省水利厅等部门印发"): the bodies after 由
        for agent in AGENT_MARK_RE.finditer(part):
            if agent.start() > 0 and (
                opening := _actors_opening(part[agent.end() :], place, passive=True, after=after)
            ) is not None:
                return opening
    # (no part opens with its actor: a group's office seated in a body that carries its work)
    if (seated := _office_seat(sentence)) is not None:
        return [seated], False
    return [], False


# fields' departments a part charges to work together, without a body they work with (加强与…: that body is the
# sentence's subject): "加强应急、交通…等部门应急联动", "强化生态环境、水利、住房城乡建设等部门的协调联动"
LINKED_FIELDS_RE = re.compile(
    rf"^(?:加强|强化)(?!与)(?P<fields>[\u4e00-\u9fff、]{{4,60}}?等{DEPARTMENTS_KIND}部门)(?:之间|间)?的?(?:协调|沟通|应急)?"
    r"(?:联动|协作|配合|会商|协同)"
)
# a working group's office seated in a body that then carries its work ("领导小组办公室设在市林业局，牵头协调推进各项工作落实",
# "…领导小组办公室设在局公用事业管理科，承担领导小组日常工作", "办公室设在市发改委，统筹总体谋划"): the body it sits in acts
OFFICE_SEAT_RE = re.compile(
    r"(?P<owner>[^，,。；]{0,40}?)办公室(?:设在|设于|设立在)(?P<body>[^，,。；]{2,30}?)[，,]\s*"
    r"(?:承担|负责|统筹|牵头|具体负责|具体承担|主要负责)"
)
# a division of the owner's own department written with its department's last character only (局公用事业管理科)
OWN_DIVISION_RE = re.compile(r"^[局厅委](?P<division>[\u4e00-\u9fff]{2,16}(?:科|处|室))$")
# the department a group's name opens with ("市住建局城乡建设领域碳达峰行动领导小组")
OWNER_DEPARTMENT_RE = re.compile(r"^[\u4e00-\u9fff]{1,12}?[局厅委](?=[\u4e00-\u9fff])")


def _office_seat(sentence: str) -> str | None:
    """The body a sentence seats a working group's office in, when the sentence goes on with what the office does
    (:data:`OFFICE_SEAT_RE`), a division written as its department's (局公用事业管理科) named with the department the group's
    name opens with (市住建局公用事业管理科); None otherwise."""
    seat = OFFICE_SEAT_RE.search(sentence)
    if seat is None:
        return None
    body = seat.group("body")
    if (own := OWN_DIVISION_RE.match(body)) is not None:
        owner = OWNER_DEPARTMENT_RE.match(seat.group("owner").strip())
        return owner.group(0) + own.group("division") if owner is not None else None
    return body if department_written(body) else None


# a subjectless task that assists a named body ("积极配合湖南省生态环境厅，完成攸县化工园区地下水环境状况调查评估工作",
# "配合省发展改革委制订…考核办法"): the body assisted carries the task, the plan's place helps
ASSISTED_BODY_RE = re.compile(r"^(?:积极|主动|全力|认真|继续)?(?:配合|协助)(?=[\u4e00-\u9fff])")


def _assisted_bodies(rest: str, place: str, after: str) -> list[str] | None:
    """The departments a subjectless 配合 / 协助 part names as the body it assists: the whole rest of the part when the
    sentence goes on after a comma ("积极配合湖南省生态环境厅，完成…"), else the bodies before the part's predicate."""
    # (a province's department written with its full name is one in another place's plan: "湖南省生态环境厅" in 株洲's)
    whole = _subject_bodies(rest, place=place) or [
        n for n in _prose_names(rest) or [] if n.startswith(province_names()) and n not in province_names()
    ]
    if whole and all(department_written(n) for n in whole) and after.lstrip("，,"):
        return whole
    opening = _actors_opening(rest, place, after=after)
    return opening[0] if opening is not None else None


# 由 marking the agent of what the sentence says is done ("…由省水利厅等部门印发"), not 由于 / 理由 / 自由 / 经由 / 缘由
AGENT_MARK_RE = re.compile(r"(?<![理自经缘])由(?!于|此|表及里)")


def _actors_opening(part: str, place: str, passive: bool = False, after: str = "") -> tuple[list[str], bool] | None:
    """The bodies ``part`` opens with before a predicate and whether they act together (see :func:`sentence_actors`;
    ``after``: the rest of the sentence, read with the part for that), or None; after a passive's 由 (``passive``) what
    follows the bodies is their verb whatever the tagger calls it (印发/nz, 统筹安排/n, 投资建设/vn)."""
    for end in range(min(len(part) - 1, ACTOR_SUBJECT_MAX), 1, -1):
        rest = part[end:]
        if NOT_A_PREDICATE_OPENING_RE.match(rest) or _cuts_a_word(part, end):
            continue
        names = _subject_bodies(part[:end], place=place)
        if not (names and all(department_written(n) for n in names)):
            names = _fields_sharing_department(part[:end], place) or _lower_place_named(part[:end], place)
        if not names:
            names = _level_fields_sharing_department(part[:end]) or _departments_then_others(part[:end], place)
        if not names and (passive or OTHER_KIND_CHARGE_RE.match(rest) or OTHER_KIND_CHARGE_RE.match(rest + after)):
            # (a body of another kind before a bare verb may be the verb's object: "规范企业贮存场所"; never after 由)
            names = _other_kind_bodies(part[:end])
        if names and (_starts_predicate(rest) or _opens_with_idiom(rest) or (passive and bool(rest))):
            return names, len(names) > 1 and bool(JOINT_LEAD_RE.match(rest + after))
    return None


# verbs whose first character is a body's closing character (市生态环境局委|托…: 委托 is the verb, 局 ends the body);
# jieba tags them nouns (委托/n, 部署/n), so a predicate opening with one is read as one (:func:`_starts_predicate`) —
# unless 的 follows: "生态环境部部署的…整改任务由市生态环境局牵头落实" modifies a noun
SUFFIX_OPENED_VERBS = frozenset({"委托", "委派", "部署", "办理"})
SUFFIX_OPENED_VERB_RE = re.compile(rf"^(?:{'|'.join(sorted(SUFFIX_OPENED_VERBS))})(?!的)")


def _cuts_a_word(part: str, end: int) -> bool:
    """Whether a subject ending at ``end`` would take the first character of a verb of :data:`SUFFIX_OPENED_VERBS` that
    the tagger reads as a word of ``part``: "市生态环境局委托相关技术支撑单位…" is read 市生态环境局 | 委托…; "市国资委托管
    的企业" keeps 市国资委 (the tagger reads 国资委 | 托管)."""
    if part[end - 1 : end + 1] not in SUFFIX_OPENED_VERBS:
        return False
    at = 0
    for word in pos_words(part):
        if at == end - 1:
            return word.word in SUFFIX_OPENED_VERBS
        at += len(word.word)
        if at > end - 1:
            return False
    return False


# what charges a body of another kind after it: a modal or an adverb of the task (要, 应当, 积极, 加强 …), or a set phrase
OTHER_KIND_CHARGE_RE = re.compile(
    r"^(?:要|应当|应(?!对|用)|须|必须|负责|将|积极|主动|充分|大力|加强|加快|依法|切实|原则上|带头|共同"
    # (a charge by the bodies' own duties: "电力交易机构和调度机构按照职责分工做好市场运行信息的记录…")
    r"|(?:按照|按|根据|依据|依)(?:各自)?(?:职责|职能)(?:分工)?[，,]?\s*(?:做好|开展|负责|落实|承担|组织))"
)


def _opens_with_idiom(text: str) -> bool:
    """Whether ``text`` opens with a set phrase the tagger keeps whole (积极开展, 大力推进: jieba's "l"), as a
    sentence's predicate often does after its actor — never a department's field the tagger keeps whole (城乡建设/l,
    生态环境/l: a name or noun phrase going on)."""
    words = pos_words(text[:8])
    return bool(words) and words[0].flag == "l" and not is_known_field(words[0].word)


# fields listed before one 部门 without 等 ("水利、生态环境部门加强监管"): each field's department
FIELDS_SHARING_DEPARTMENT_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:、[\u4e00-\u9fff]{2,10})+部门$")
# (:data:`FIELDS_LIST_CLOSING` closing a subject)
FIELDS_LIST_CLOSING_RE = re.compile(rf"{FIELDS_LIST_CLOSING}$")


def _fields_closed_by(subject: str, closings: tuple[str, ...] = ("部门",)) -> tuple[list[str], str] | None:
    """The fields a subject lists before one closing department word (one of ``closings``, the longer first; a closing
    等部门 / 等相关部门 reads as 部门) and that word, or None unless it ends with one and every item is a known field
    (:func:`ingest.agencies.is_known_field`)."""
    subject = FIELDS_LIST_CLOSING_RE.sub("部门", subject)
    kind = next((k for k in closings if subject.endswith(k)), None)
    if kind is None or not FIELDS_SHARING_DEPARTMENT_RE.match(subject[: -len(kind)] + "部门"):
        return None
    fields = subject[: -len(kind)].split("、")
    return (fields, kind) if all(is_known_field(f) for f in fields) else None


def _fields_sharing_department(subject: str, place: str) -> list[str] | None:
    """The departments of the fields a subject lists before one closing 部门 ("水利、生态环境部门" -> 水利部门, 生态环境部门;
    "统计、财政等相关部门" -> 统计部门, 财政部门)
    in a local plan (``place``: its own level's, as "发展改革、财政等部门要…" is read), or None unless every item is a known
    field (:func:`ingest.agencies.is_known_field`); a national document's bare fields are every level's."""
    listed = _fields_closed_by(subject) if place else None
    return [f + "部门" for f in listed[0]] if listed else None


def _level_fields_sharing_department(subject: str) -> list[str] | None:
    """The departments of a whole level whose fields a subject lists after the level, before one closing 部门 or 主管部门
    ("各省（区、市）住房和城乡建设、发展改革部门于每年11月底前…" -> 各省（区、市）住房和城乡建设部门, 各省（区、市）发展改革部门;
    "省级住房和城乡建设、发展改革主管部门要…" -> each field's 主管部门), each :func:`ingest.agencies.is_level_role_body`;
    None unless every item is a known field."""
    level = LEVEL_ROLE_PREFIX_RE.match(subject)
    listed = _fields_closed_by(subject[level.end() :], ("主管部门", "部门")) if level and level.group(0) else None
    if listed is None:
        return None
    fields, kind = listed
    names = [level.group(0) + f + kind for f in fields]
    return names if all(is_level_role_body(n) for n in names) else None


def _departments_then_others(subject: str, place: str) -> list[str] | None:
    """A subject listing departments first and then bodies of other kinds ("地方能源主管部门、电网企业要…" -> 地方能源主管部门,
    电网企业): the items, the first a department (the lead, by the list convention); None otherwise or when no item is of
    another kind (those lists are read as departments above)."""
    # (items split outside brackets — "各省（区、市）能源主管部门" is one —, at 、 和 及, a closing 等 dropped)
    items = split_top_level(re.sub(r"等$", "", subject), "、和及")
    if len(items) < 2 or not all(items):
        return None
    first = _subject_bodies(items[0], place=place)
    if not (first and len(first) == 1 and department_written(first[0])):
        return None
    rest = [i for i in items[1:] if not (department_written(i) and _subject_bodies(i, place=place))]
    if not rest or not all(other_kind_body(i) for i in rest):
        return None
    return items


def _lower_place_named(subject: str, place: str) -> list[str] | None:
    """A place inside the document's own (``place``, short) written whole as the subject ("滨海新区制定实施…" in 天津's
    plan): its government carries the measure, named with the place it lies in (天津市滨海新区); None otherwise."""
    region = resolve_region(subject) if len(place) >= 2 else None
    if region is None or region.name != subject or not region.parent or short_name(region.parent) != place:
        return None
    return [region.parent + region.name]


# the share word written once before a list of bodies of other kinds ("各级法院和检察院"): every item's
SHARED_KIND_SHARE_RE = re.compile(r"^(?:各级|各类)")


def _other_kind_bodies(subject: str) -> list[str] | None:
    """The bodies of kinds other than departments a subject lists (:func:`ingest.agencies.other_kind_body`: 各电力企业,
    电网企业, 各级法院和检察院 -> 各级法院, 各级检察院), or None unless every item is one."""
    items = re.split(r"[、和及与]", subject)
    if not all(items):
        return None  # (a list word opening or closing the subject, or two together)
    share = SHARED_KIND_SHARE_RE.match(items[0])
    if share:
        items = [items[0]] + [i if SHARED_KIND_SHARE_RE.match(i) else share.group(0) + i for i in items[1:]]
    return items if all(other_kind_body(i) for i in items) else None


# what a treasury does when it acts in a plan: it pays (给予 / 安排 / 统筹安排 / 拨付 / 补助 / 补贴 / 奖励 / 贴息 / 配套) or
# raises what it pays (加大…投入), at once or after a modal or the basis of its payment (按…, 对…)
TREASURY_VERB_RE = re.compile(
    r"^(?:将|要|再|每年|按[^，,。；]{0,40}?|对[^，,。；]{0,40}?)?"
    r"(?:给予|安排|统筹安排|拨付|补助|补贴|奖励|贴息|配套|加大[^，,。；]{0,20}?投入)"
)


def _funds(sentence: str, treasury: str) -> bool:
    """Whether the treasury ``treasury`` (市财政) is written in ``sentence`` followed by what it pays (never read inside
    another body's name: 市财政局)."""
    return any(
        TREASURY_VERB_RE.match(sentence[m.end() :]) for m in re.finditer(re.escape(treasury) + r"(?![局厅部])", sentence)
    )


def _duty_line(line: str, issuer: str, national: bool, place: str) -> list[tuple[str, str, str]] | None:
    """The bodies of a division-duty line ("组织人事科：运用局微信公众号等媒体…"), or None when the line is not one.

    The part before the colon must name bodies: agencies (市房屋征收中心) or, in a document a department issues for
    its own divisions (``issuer``), its divisions (组织人事科, 办公室); labels of other kinds (组长, 成员, 工作目标,
    牵头单位 …) are not bodies. The first listed leads, the rest are co; all are co when the duties only assist.
    """
    line = NUMBER_PREFIX_RE.sub("", line)  # "1.办公室：…", "（一）市房屋征收中心：…"
    m = DUTY_LINE_RE.match(line)
    if not m or UNBRACKETED_LABEL_RE.match(line):
        return None
    names = [n for n in re.split(r"[、]", m.group("names")) if n]
    if not names:
        return None
    for name in names:
        cleaned = clean_name(name)
        division = bool(issuer) and bool(DIVISION_RE.match(cleaned))
        body = looks_like_agency(cleaned, strict=True) and not NOT_AN_ACTOR_RE.search(cleaned)
        if not division and not _actor_name(name, national, place) and not body:
            return None  # a label, or an addressee line ("各县（市）区人民政府、市直有关部门：现将…")
    if CONTACT_RE.search(m.group("duty")):
        return None  # a contact list ("市发展改革委：王某，电话…") names no duty
    assisting = bool(ASSISTING_DUTY_RE.match(m.group("duty")))
    together = bool(JOINT_LEAD_RE.match(m.group("duty")))
    return [
        (name, "implementing" if is_implementing(name) else ("co" if assisting or (i and not together) else "lead"), line)
        for i, name in enumerate(names)
    ]


# ---------------------------------------------------------------------------------------------
# Clause attribution
# ---------------------------------------------------------------------------------------------


def own_text(clause: Clause, children: Sequence[Clause]) -> str:
    """The clause text without the text of its child clauses (when the parent repeats them)."""
    text = clause.text
    for child in children:
        if child.text and child.text in text:
            text = text.replace(child.text, "", 1)
    return text


def _province_for(document: Document, clauses: Sequence[Clause]) -> str | None:
    """The province of a city/county document: the most mentioned province name (none for a national document: the
    provinces it names are its addressees — "新疆生产建设兵团生态环境局" — and its 省级 bodies every province's)."""
    region = document.region or ""
    if region == "全国":
        return None
    if region.endswith(("省", "自治区")) or region in ("北京市", "天津市", "上海市", "重庆市"):
        return region
    corpus = " ".join([document.title, document.issuer, *(c.title for c in document.cites)] + [c.text for c in clauses[:80]])
    counts: Counter[str] = Counter()
    for prov in province_names():
        short = short_name(prov)
        if short == prov or prov.endswith("特别行政区"):
            continue  # not a province a mainland city or county plan belongs to (兵团, 香港, 澳门)
        n = corpus.count(short)
        if n:
            counts[prov] = n
    if not counts:
        return None
    return counts.most_common(1)[0][0]


# An internal division of the issuing department: 气候处, 大气环境处, 科技与外事处, 法规科技处, 自然资源所有者权益处;
# a city bureau's 科 (市政基础设施建设科).
# a division of the issuing department written bare: …处 / …科 (a bracketed qualifier inside: 大气环境（应对气候变化）处), its
# 办公室, or an office of its own ("第一专员办公室" in the 安徽省生态环境厅's list; never a group's or a government's office)
DIVISION_RE = re.compile(
    r"^[\u4e00-\u9fff与和]{1,12}(?:（[\u4e00-\u9fff]{2,10}）)?(?:处|处室|科|科室)$|^办公室$"
    r"|^(?![\u4e00-\u9fff]*(?:领导小组|政府|委员会|管委会|党委|指挥部))[\u4e00-\u9fff]{2,6}办公室$"
)
# The department that issues a plan for its own divisions: the issuer ("黑龙江省生态环境厅办公室"
# -> 黑龙江省生态环境厅) or the start of the title ("省生态环境厅2022年推动碳达峰碳中和工作计划").
DEPARTMENT_RE = re.compile(r"^(?P<dept>(?:[\u4e00-\u9fff]{2,4}?(?:省|市|自治区)|省|市)?[\u4e00-\u9fff]{2,10}?(?:厅|局|委员会|委))(?:办公室)?")


def _issuing_department(document: Document, province: str | None) -> str:
    """The single department that issued the document (region-qualified), or "" (e.g. a 人民政府)."""
    for source, whole in ((document.issuer, True), (document.title, False)):
        if not source or (whole and "、" in source) or "政府" in source:
            continue
        m = DEPARTMENT_RE.match(source)
        if not m or (whole and m.end() != len(source)):
            continue
        if not whole and not re.match(r"^(?:\d{4}|关于|“|印发)", source[m.end():]):
            continue
        dept = m.group("dept")
        if dept[0] in "省市":
            base = document.region or province or ""
            if dept[0] == "省" and not base.endswith(("省", "自治区")):
                base = province or ""
            dept = base + dept[1:] if base else dept
        return dept
    return ""


def _division(raw: str, parent: str, region: str) -> Agency:
    """An internal division qualified by its department: 气候处 -> 江苏省生态环境厅气候处."""
    name = clean_name(raw)
    parent_agency = qualify_agencies([parent], region)[0]
    return Agency(
        name=parent + name,
        canonical=parent_agency.canonical + name,
        agency_type=parent_agency.agency_type + name,
        region=parent_agency.region,
        is_government=True,
    )


def _city_of_district(region: str) -> str:
    """The city of a district region (黄埔区 -> 广州市), "" for any other region."""
    if not region.endswith("区"):
        return ""
    from ingest.regions import get_gazetteer

    found = get_gazetteer().resolve(region)
    parent = found.parent if found else None
    return parent if parent and parent.endswith(("市", "州", "盟")) and found and found.level == "county" else ""


# A development zone a plan's title names ("北京经济技术开发区2021年度绿色发展资金支持政策"); its bodies are written with
# the zone's short form ("经开区经济发展局", "开发区财政审计局") and are the zone's, not the city's.
ZONE_IN_TITLE_RE = re.compile(r"(?P<zone>[\u4e00-\u9fff]{2,8}?(?:经济技术开发区|高新技术产业开发区|开发区|高新区|新区))")
ZONE_SHORT_FORMS = {
    "开发区": ("经济技术开发区", "经开区", "开发区"),
    "高新区": ("高新技术产业开发区", "高新区"),
    "新区": ("新区",),
}


def zone_of_title(title: str) -> str:
    """The development zone a document's title names at its start (its full name), or ""."""
    m = ZONE_IN_TITLE_RE.match(re.sub(r"^(?:关于)?(?:印发)?[《〈“]?", "", title or ""))
    return m.group("zone") if m else ""


def zone_body(name: str, zone: str) -> str:
    """A body written with the zone's short form, named with the zone: 经开区经济发展局 -> 北京经济技术开发区经济发展局."""
    for ending, shorts in ZONE_SHORT_FORMS.items():
        if zone.endswith(ending):
            for short in shorts:
                if name.startswith(short) and not name.startswith(zone):
                    return zone + name[len(short):]
    return name


# "省级能源主管部门" in a province's own plan is that province's department (in a national document it is every
# province's, and stays a role); the level word of the document's own region, before a functional body
OWN_LEVEL_BODY_RE = re.compile(r"(?<![\u4e00-\u9fff])(?P<level>省|自治区|市|县|区)级(?P<body>[\u4e00-\u9fff]{2,12}?部门)")


def own_level_bodies(text: str, region: str) -> str:
    """``text`` with "省级X主管部门" / "省级X部门" written "省X主管部门" / "省X部门" when the document is the province's
    own (市级 in a city's, …) and X is a field (never 省级有关部门)."""
    if not region or region == "全国":
        return text
    level = next((w for w in ("自治区", "省", "市", "县", "区") if region.endswith(w)), "")
    if not level:
        return text
    def own(m: re.Match[str]) -> str:
        body = m.group("level") + m.group("body")
        return body if m.group("level") == level and is_functional_body(body) else m.group(0)

    return OWN_LEVEL_BODY_RE.sub(own, text)


# a body a document names once in full and then by a short form it defines ("省生态环境厅作为核查工作的业务主管部门
# (以下简称“主管部门”)", "湖北省生态环境厅（以下简称“省厅”）"): the short form is that body wherever a sentence uses it
DEFINED_SHORT_RE = re.compile(
    r"(?P<segment>[^，,。；：:\n（(]{2,40}?)[（(]\s*以下简称\s*[“\"「]?(?P<short>[\u4e00-\u9fff]{2,8}?)[”\"」]?\s*[）)]"
)
DEFINED_SHORT_END_RE = re.compile(r"(?:部门|厅|局|委|办|中心)$")


def defined_bodies(texts: Iterable[str], national: bool = False, place: str = "") -> dict[str, str]:
    """The short forms a document defines for a body it names in full (short form -> the body as written): only a
    short form ending like a body (主管部门, 省厅) defined for an actor (its name before any "作为…" role)."""
    defined: dict[str, str] = {}
    for text in texts:
        for m in DEFINED_SHORT_RE.finditer(text):
            body = m.group("segment").split("作为", 1)[0].strip()
            short = m.group("short")
            if DEFINED_SHORT_END_RE.search(short) and body != short and _actor_name(body, national, place):
                defined.setdefault(short, body)
    return defined


def with_defined_bodies(text: str, defined: dict[str, str]) -> str:
    """``text`` with each defined short form used as a name (not inside its own definition, not as the end of a longer
    word: "业务主管部门") written as the body it stands for."""
    for short, body in defined.items():
        text = re.sub(rf"(?:(?<![\u4e00-\u9fff“\"「])|(?<=[由向经报按被和与及、]))(?<!以下简称){re.escape(short)}", body, text)
    return text


def _document_year(document: Document) -> int | None:
    m = re.match(r"(\d{4})", document.date or "")
    return int(m.group(1)) if m else None


def extract_responsibilities(
    clauses: Sequence[Clause], document: Document
) -> tuple[list[Responsibility], list[Agency], list[Succession]]:
    """Extract every responsibility of a document, tied to the clause that states it.

    Attribution: an annotation belongs to the innermost clause whose own text contains it
    (a sub-item's annotation is NOT repeated on its parent; aggregate children for "who leads
    三（九）"). Several annotations in one clause are united, each record keeping its own
    annotation as ``evidence``. A carry-over note applies ``implementing`` to every later task
    clause (kind clause/item/subitem of the note's kind, or any later clause with its own
    annotation), never to earlier ones.

    Args:
        clauses: the document's clauses in document order.
        document: the document (its ``region`` qualifies 市/省 names; ``date`` dates successions).

    Returns:
        (responsibilities, agencies named in them (unique, first-seen order), successions of
        those agencies).
    """
    region = document.region or ""
    province = _province_for(document, clauses)
    children_of: dict[str, list[Clause]] = {}
    for c in clauses:
        if c.parent_id:
            children_of.setdefault(c.parent_id, []).append(c)
    comma_lead = any(COMMA_LEAD_NOTE_RE.search(_normalise(c.text)) for c in clauses)
    # "两省市列首位的为牵头单位，下同": the convention holds for every later annotation too
    first_lead = any(
        (m := FIRST_LEAD_NOTE_RE.search(_normalise(c.text))) and "下同" in m.group(0) for c in clauses
    )
    parent = _issuing_department(document, province)
    zone = zone_of_title(document.title)

    city_of_district = _city_of_district(region)
    document_text = "\n".join(c.text for c in clauses)
    full_names: dict[str, str] = {}

    def in_full(name: str) -> str:
        """A bare short form of an institution the document lists in full, written as listed (:func:`abbreviated_body`)."""
        if name not in full_names:
            full_names[name] = abbreviated_body(clean_name(name), document_text) or name
        return full_names[name]

    def qualify(names: list[str]) -> list[Agency]:
        names = [in_full(n) for n in names]
        names = [zone_body(n, zone) for n in names] if zone else names
        out = qualify_agencies(names, region, province)
        if city_of_district:
            # A district plan: its bodies written with the level word only ("区发展改革局") are named with
            # their city (广州市黄埔区发展改革局), as districts are everywhere else; a body written with the
            # district's name keeps it as written (浦东新区生态环境部门); the region stays the district. Its 市…
            # bodies are the city's (浦东新区's "市生态环境部门会同市发展改革等部门" are 上海市's).
            out = [
                replace(a, name=city_of_district + a.name, canonical=city_of_district + a.canonical)
                if a.name.startswith(region) and not clean_name(raw).startswith(region)
                else qualify_agency(raw, city_of_district, province)
                if a.name.startswith("市") and len(a.name) > 2
                else a
                for raw, a in zip(names, out)
            ]
        if parent:
            out = [
                _division(raw, parent, region) if DIVISION_RE.match(clean_name(raw)) else agency
                for raw, agency in zip(names, out)
            ]
        return out

    responsibilities: list[Responsibility] = []
    agencies: dict[str, Agency] = {}
    seen: set[tuple[str, str, str]] = set()
    led_clauses: set[str] = set()  # the clauses some body leads so far

    def add(clause_id: str, agency: Agency, role: str, confidence: float, source: str, evidence: str) -> None:
        key = (clause_id, agency.name, role)
        if key in seen:
            # one edge per (agency, clause, role): a second annotation naming the agency in the same role (a clause
            # listing several measures, each annotated) is recorded in the evidence, so each annotation's span can
            # be told apart at question time
            if source in ("annotation", "contact"):  # (a division named for two matters: both lines kept)
                for i, r in enumerate(responsibilities):
                    if (r.clause_id, r.agency, r.role) == key and r.source == source and evidence not in r.evidence:
                        responsibilities[i] = replace(r, evidence=r.evidence + evidence)
            return
        seen.add(key)
        if role == "lead":
            led_clauses.add(clause_id)
        agencies.setdefault(agency.name, agency)
        responsibilities.append(
            Responsibility(
                clause_id=clause_id,
                agency=agency.name,
                role=role,  # type: ignore[arg-type]
                confidence=confidence,
                source=source,  # type: ignore[arg-type]
                evidence=evidence,
            )
        )

    carry: list[tuple[list[Agency], str, str]] = []  # (agencies, kind, note text)
    closing: set[str] = set()  # clauses whose only annotation is a label line closing them
    closing_bracket: set[str] = set()  # clauses whose only annotation is a bracket ending them
    place = short_name(region) if region and region != "全国" else ""
    defined = defined_bodies((c.text for c in clauses), national=region == "全国", place=place)
    # a ministry's department written bare ("科技与财务司将组织…") where the document writes it in full elsewhere
    for short, full in ministry_departments(document_text).items():
        defined.setdefault(short, full)
    for clause in clauses:
        text = own_text(clause, children_of.get(clause.clause_id, ()))
        annotations = find_annotations(text, comma_lead=comma_lead, region=region, first_per_group=first_lead)
        if annotations and closes_with_label(text, [written for written, _ in annotations]):
            closing.add(clause.clause_id)
        elif annotations and closes_with_bracket(text, [written for written, _ in annotations]):
            closing_bracket.add(clause.clause_id)
        annotated = False
        annotated_roles: set[str] = set()
        own_governments = False  # whether the clause's own annotation names lower governments
        stripped = text
        for written, ann in annotations:
            stripped = stripped.replace(written, "，")
            names = [n for n, _ in ann.entries]
            qualified = qualify(names) if names else []
            for agency, (_, role) in zip(qualified, ann.entries):
                add(clause.clause_id, agency, role, ANNOTATION_CONFIDENCE, "annotation", written)
                annotated = True
                annotated_roles.add(role)
                own_governments = own_governments or (role == "implementing" and GOVERNMENT_WORD in agency.name)
        # Carry-over notes seen in EARLIER clauses apply here.
        carried_here = False
        # (a clause whose own annotation names its lower governments, "（责任单位：各相关区人民政府，市发改委…）", is carried
        # out by those: the note that every later task is the districts' governments' is not repeated there; its other
        # bodies, a zone's committee, are)
        if clause.kind in TASK_KINDS:
            for carried, kind, note in carry:
                if clause.kind == kind or annotated:
                    for agency in carried:
                        if own_governments and GOVERNMENT_WORD in agency.name:
                            continue
                        add(clause.clause_id, agency, "implementing", CARRY_OVER_CONFIDENCE, "carry_over", note)
                        carried_here = True
        for written, ann in annotations:
            if ann.carry_over:
                carry.append((qualify(list(ann.carry_over)), clause.kind, ann.carry_text))
        # Prose, outside annotations, only for pairs the annotations did not already give.
        # an annotation speaks for the clause, even one naming no specific body ("（各有关部门按职责分工负责）")
        has_annotation = (
            bool(annotations)
            or carried_here
            or any(annotation_shaped(inner) for _s, _e, inner in iter_bracket_groups(text))
        )
        # an annotation naming only those who assist ("（配合单位：第一专员办公室…）") leaves the lead to the sentence's
        # subject: "省生态环境保护督察办公室负责将…纳入省级督察范畴（配合单位：…）"
        co_only = annotated_roles == {"co"} and not carried_here
        prose = find_prose_responsibilities(
            with_defined_bodies(own_level_bodies(stripped, region), defined),
            actors=not has_annotation or co_only,
            issuer="" if has_annotation and not co_only else parent,
            national=region == "全国",
            place=place,
        )
        if any(role == "lead" and not is_level_role_body(raw) for raw, role, _s in prose):
            # a named body leads here; a whole level's departments named beside it ("设区的市级以上地方生态环境主管部门
            # 负责本行政区域…" after "生态环境部负责…") carry it out in their areas
            prose = [(raw, "implementing" if is_level_role_body(raw) else role, sentence) for raw, role, sentence in prose]
        # the lower levels' departments carry out what another body leads; named alone as a clause's subject ("各区生态环境局
        # 将上述材料汇总后…报市生态环境局", "各市（州）经济和信息化主管部门要严格推荐审核项目") they are the ones responsible
        led_here = clause.clause_id in led_clauses or any(
            role == "lead" and not lower_level_prose_subject(raw, region) for raw, role, _s in prose
        )
        prose_roles: dict[str, set[str]] = {}  # agency -> the roles prose sentences of this clause gave it
        for raw, role, sentence in prose:
            agency = qualify([raw])[0]
            # a body named otherwise (an annotation, a heading) keeps that role; one that two sentences name in two roles
            # ("A、B等部门研究制定…。B会同A…建立项目库") keeps both, each with its sentence, for the question to choose
            if any(k[0] == clause.clause_id and k[1] == agency.name for k in seen) and agency.name not in prose_roles:
                continue
            # (the lower levels' governments stay implementing even alone: they carry out, they do not lead — issue 9.3)
            if role != "implementing" and led_here and lower_level_prose_subject(raw, region):
                role = "implementing"
            if role in prose_roles.get(agency.name, set()):
                continue
            prose_roles.setdefault(agency.name, set()).add(role)
            add(clause.clause_id, agency, role, PROSE_CONFIDENCE, "prose", sentence)
        # the divisions to consult or send material to, recorded apart (answered only when a question asks for them)
        for raw, line in find_contacts(stripped):
            # a division written with its department (市科技局科技成果处) is qualified as written; a bare one
            # (环境和资源综合利用处) is the issuing department's
            named = DEPARTMENT_CHAR_RE.search(raw[:-1])
            agency = qualify_agencies([raw], region, province)[0] if named else qualify([raw])[0]
            add(clause.clause_id, agency, "lead", CONTACT_CONFIDENCE, "contact", line)

    if closing or closing_bracket:
        annotated = {r.clause_id for r in responsibilities if r.source == "annotation"}
        by_id = {c.clause_id: c for c in clauses}
        owner = {cid: closing_label_owner(cid, by_id, children_of, annotated) for cid in closing}
        owner |= {cid: closing_bracket_owner(cid, by_id, children_of, annotated) for cid in closing_bracket}
        moved = [
            replace(r, clause_id=owner[r.clause_id]) if r.clause_id in owner and r.source == "annotation" else r
            for r in responsibilities
        ]
        # one edge per (clause, agency, role), as add() keeps it: the unit may already name the body
        kept: dict[tuple[str, str, str], Responsibility] = {}
        for r in moved:
            kept.setdefault((r.clause_id, r.agency, r.role), r)
        responsibilities = list(kept.values())
    agency_list = resolve_short_forms(list(agencies.values()))
    return responsibilities, agency_list, successions_for(agency_list, as_of=_document_year(document))


def inherited_from_unit(
    clause_id: str,
    parent_of: Callable[[str], str | None],
    annotations_of: Callable[[str], list[T]],
    written: Callable[[T], str],
) -> list[T]:
    """The annotation of the nearest unit above a clause, for a clause with no responsibility of its own or below it.

    An annotation on a unit ("（三）…（牵头单位：市发改委）", or a label line closing it) covers its items. Only a
    unit with one annotation is inherited: a unit listing several measures, each annotated, does not say which of
    them an item belongs to. Used by the answers' read model and by the extraction eval alike.

    Args:
        clause_id: the clause asked about.
        parent_of: clause id -> its parent's id (None at the top).
        annotations_of: clause id -> its annotation records (responsibilities read from annotations).
        written: a record -> the annotation text it was read from.

    Returns:
        The nearest annotated unit's records, or [] (none, or a unit with several annotations).
    """
    parent_id = parent_of(clause_id)
    while parent_id:
        records = annotations_of(parent_id)
        if records:
            return records if len({written(r) for r in records}) == 1 else []
        parent_id = parent_of(parent_id)
    return []


# what may follow a closing label line: more "label：value" lines (完成时限：…, 联系人：…)
_AFTER_CLOSING_LABEL_RE = re.compile(r"(?:\s*\n[^\n：:]{1,8}[：:][^\n]*)*\s*")


def closes_with_label(text: str, annotations_written: Sequence[str]) -> bool:
    """Whether a clause's only annotations are label lines ("责任处室：自然资源调查监测处") on lines of their own at its end
    (only other "label：value" lines such as 完成时限 after them): the form that closes a whole unit, not one sentence."""
    end = 0
    for n, written in enumerate(annotations_written):
        at = text.find(written, end)
        line_start = len(text[:at].rstrip(" \t\u3000"))  # an indented label line is a line of its own too
        if at <= 0 or not text[:line_start].endswith("\n") or not UNBRACKETED_LABEL_RE.match(text, line_start):
            return False
        if n and not _AFTER_CLOSING_LABEL_RE.fullmatch(text, end, at):
            return False  # text of the clause between two label lines: they close no unit
        end = at + len(written)
    return bool(_AFTER_CLOSING_LABEL_RE.fullmatch(text, end))


def closes_with_bracket(text: str, annotations_written: Sequence[str]) -> bool:
    """Whether a clause's one annotation is a bracket that ends its text ("…纳入补助计划。…委托第三方评估机构开展。
    （责任单位：区发展改革局）"): written after the last sentence of the last item, it may close the whole unit."""
    if len(annotations_written) != 1 or not annotations_written[0] or annotations_written[0][:1] not in OPEN_BRACKETS:
        return False
    return text.rstrip(" \t\u3000\n。；;，,").endswith(annotations_written[0])


def _annotated_within(clauses: Iterable[Clause], children_of: Mapping[str, list[Clause]], annotated: set[str]) -> bool:
    """Whether any of ``clauses`` or anything below them is annotated (its id in ``annotated``)."""
    stack = list(clauses)
    while stack:
        c = stack.pop()
        if c.clause_id in annotated:
            return True
        stack.extend(children_of.get(c.clause_id, []))
    return False


def closing_bracket_owner(
    clause_id: str, by_id: Mapping[str, Clause], children_of: dict[str, list[Clause]], annotated: set[str]
) -> str:
    """The unit a bracket ending a clause belongs to: its parent, when the clause is the parent's last item, nothing
    else in the parent (nor below the clause) is annotated, and a unit beside the parent, itself without items, carries
    an annotation — the document annotates at the parent's level, so the bracket after the last item closes the parent
    ("第三条（一）支持循环经济…1.…补助 2.…申报…（责任单位：区发展改革局）" beside "（二）支持节能降碳…（责任单位：区发展改革局）").
    Else the clause itself; a parent at the top of the outline (a section 一、) is never climbed to (conservatively:
    its peers are whole sections).
    """
    clause = by_id[clause_id]
    parent = by_id.get(clause.parent_id or "")
    if parent is None or parent.kind in ("preamble", "closing") or parent.clause_id in annotated:
        return clause_id
    siblings = children_of.get(parent.clause_id, [])
    if len(siblings) < 2 or siblings[-1].clause_id != clause_id:
        return clause_id
    if _annotated_within([c for c in siblings if c.clause_id != clause_id] + children_of.get(clause_id, []),
                         children_of, annotated):
        return clause_id
    peers = children_of.get(parent.parent_id or "", []) if parent.parent_id in by_id else []
    if not any(p.clause_id in annotated and not children_of.get(p.clause_id) for p in peers if p is not parent):
        return clause_id
    return parent.clause_id


def closing_label_owner(
    clause_id: str, by_id: Mapping[str, Clause], children_of: dict[str, list[Clause]], annotated: set[str]
) -> str:
    """The unit a closing label line belongs to.

    A label line that ends the last item of a unit, when no other part of that unit is annotated, closes the whole
    unit ("一、开展年度国土变更调查工作 (一)年度工作计划… (二)具体工作措施 1.… 3.…\n责任处室：自然资源调查监测处": the
    division is responsible for section 一, not for its item 3). The highest such unit below the document's preamble is
    returned; the clause itself when its label closes only it (its siblings carry their own labels). ``by_id``: the
    document's clauses by id; ``annotated``: the ids of the clauses with an annotation.
    """
    owner = by_id[clause_id]
    while owner.parent_id and owner.parent_id in by_id:
        parent = by_id[owner.parent_id]
        siblings = children_of.get(parent.clause_id, [])
        if parent.kind in ("preamble", "closing") or not siblings or siblings[-1].clause_id != owner.clause_id:
            break
        others = [c for c in siblings if c.clause_id != owner.clause_id]
        if parent.clause_id in annotated or _annotated_within(others, children_of, annotated):
            break
        owner = parent
    return owner.clause_id


def _body_form(rest: str) -> str:
    return re.sub(r"委员会$", "委", re.sub(r"办公室$", "办", rest))


def resolve_short_forms(agencies: list[Agency]) -> list[Agency]:
    """Give an abbreviated name the canonical form of the full name the same document writes.

    "市住建委" and "市住房和城乡建设委员会" in one 北京 plan are one body: the short form's characters
    appear in order in exactly one longer name of the same region with the same kind of body
    (委 / 局 / 厅 / 办 …). Never across regions, never when two long names would fit.
    """
    out = []
    for a in agencies:
        rest = _body_form(a.name[len(a.region):] if a.region and a.name.startswith(a.region) else a.name)
        fits = []
        for b in agencies:
            if b is a or b.region != a.region:
                continue
            b_rest = _body_form(b.name[len(b.region):] if b.region and b.name.startswith(b.region) else b.name)
            # an abbreviation drops most of the name (住建委 / 住房和城乡建设委): at most 2/3 of its length
            if 3 <= len(rest) <= len(b_rest) * 2 / 3 and rest[-1] == b_rest[-1] and is_subsequence(rest, b_rest):
                fits.append(b)
        if len({b.canonical for b in fits}) == 1 and fits[0].canonical != a.canonical:
            a = replace(a, canonical=fits[0].canonical, agency_type=fits[0].agency_type)
        out.append(a)
    return out
