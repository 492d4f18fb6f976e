"""Document metadata from repaired text: title, doc number, issuer, date, level, region, citations.

The document-number prefix table (并 -> 太原市, 晋 -> 山西省, 国发 -> 全国...) is the data file
``dictionaries/doc_number_prefixes.tsv``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ingest.doctypes import TITLE_END_EXCLUDED, doc_type_alternation
from ingest.errors import DictionaryError
from ingest.records import Citation, Document, Level
from ingest.regions import Gazetteer, get_gazetteer
from ingest.structure import ATTACHMENT_RE

PREFIX_FILE = Path(__file__).with_name("dictionaries") / "doc_number_prefixes.tsv"
# How many leading paragraphs hold the notice wrapper and title block.
HEAD_PARAGRAPHS = 30

# A document number: 并政发〔2023〕15号, 国办发[2014]23号, 渝发改工业（2022）270号.
DOC_NUMBER_RE = re.compile(r"([\u4e00-\u9fff]{1,12})\s*[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]\s*(\d{1,4})\s*号")
# A citation: 《title》（doc number） -- the title may nest 〈〉 and （）.
CITATION_RE = re.compile(r"《([^《》]{2,120})》\s*(?:[（(]\s*([\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号)\s*[）)])?")
# The plan named by its covering notice: 关于印发《X》的通知 / 现将《X》印发 / 关于印发X的通知.
NOTICE_INNER_RE = re.compile(r"印发《([^》\n]{4,80})》|现将《([^》\n]{4,80})》|关于印发([^《》，。\n]{4,80}?)的通知")
# A title line (or a cited title) ends with a document-type word (less TITLE_END_EXCLUDED).
TITLE_END_RE = re.compile(rf"(?:{doc_type_alternation(exclude=TITLE_END_EXCLUDED)})" r"(?:（[^（）]{2,16}）)?$")
# Numbered-unit openings (a title never starts with one).
NUMBERED_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、])")
# The issuer of a notice: the words before 关于 in "太原市人民政府关于印发…的通知".
NOTICE_ISSUER_RE = re.compile(r"^([^《》，。、：:（()]{2,60}?)(?:关于|印发)")
# the most signature lines read above a date (a joint national notice is signed by up to a score of bodies:
# 环综合〔2022〕42号 by seven, 发改环资〔2022〕758号 by seventeen)
MAX_SIGNERS = 20
# A line that names an issuing body (mass organisations sign joint notices too: 全国总工会, 共青团中央, 全国妇联).
ISSUER_RE = re.compile(r"(?:国务院|人民政府|办公厅|办公室|委员会|发展改革委|厅|局|部|院|委|中心|领导小组|总工会|团中央|妇联)$")
# A signature / publication date: 2023年10月11日, 二〇二二年三月一日, 发布日期：2022-01-26.
DATE_CN_RE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
DATE_HAN_RE = re.compile(r"([一二〇○零]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
DATE_ISO_RE = re.compile(r"(?:发布日期|成文日期|发文日期|日期)[:：]\s*((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})")
# Leading list numbers in corpus file names: "100、重庆市…" -> "重庆市…".
STEM_NUMBER_RE = re.compile(r"^\d+\s*[、.．_\-]\s*")
# National issuers (no region in their name).
NATIONAL_ISSUER_RE = re.compile(r"^(?:国务院|中共中央|国家|全国)|(?:部|总局|国务院办公厅)$")
# A plan issued by the centre, said in its opening lines: "中共中央办公厅、国务院办公厅印发《…》",
# "要求各地区各部门结合实际…", "各省、自治区、直辖市人民政府".
NATIONAL_HEAD_RE = re.compile(
    r"(?:中共中央|国务院)(?:办公厅)?(?:[、，和](?:中共中央|国务院)(?:办公厅)?)?印发|各地区各部门|各省、自治区、直辖市"
)
# The last characters of a central body's name, for an issuer list without any region
# ("生态环境部、住房城乡建设部、…、国家能源局", "国资委").
CENTRAL_BODY_END_RE = re.compile(r"(?:部|委|委员会|总局|局|署|院|办公厅|银行|总署)$")
# The opening sentence of a plan without a title line: "为贯彻落实《X》（国办发〔2014〕23号）精神，…，
# 制订本行动方案。" -- group 1 is the sentence up to its end, group 2 the plan's own type word.
OPENING_RE = re.compile(
    rf"^(为(?:认真|深入|全面|进一步)?(?:贯彻落实|落实|贯彻)[^。]{{4,400}}?(?:特)?(?:制定|制订|编制|出台)本"
    rf"({doc_type_alternation(exclude=TITLE_END_EXCLUDED + ('通知',))}))"
)
# A plan period in the opening: 2014－2015年, 2021-2023年, “十四五”.
OPENING_YEARS_RE = re.compile(r"(?:19|20)\d{2}\s*[－—–\-~～至]\s*(?:19|20)\d{2}\s*年|[“\"]?十[一二三四五六七八九]五[”\"]?")
# Issuing words before a cited plan title: "国务院办公厅关于印发…的通知" keeps the plan's own words.
CITED_NOTICE_RE = re.compile(r"^(?:[^关《》]{0,30}?关于)?(?:印发)?(.+?)(?:的通知)?$")
# Words that name the centre or another level inside a cited title: dropped from an inferred title.
CENTRAL_WORDS_RE = re.compile(r"^(?:国务院|国家|全国|中共中央)(?:办公厅)?")

# "我省 / 全省" vs "我市 / 全市": which level the text speaks for.
SELF_PROVINCE_RE = re.compile(r"我省|全省")
SELF_CITY_RE = re.compile(r"我市|全市")

_LEVELS: dict[str, Level] = {"country": "national", "province": "provincial", "city": "city", "county": "county"}
_HAN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


@lru_cache(maxsize=1)
def doc_number_prefixes() -> dict[str, str]:
    """The prefix -> region table from ``doc_number_prefixes.tsv``.

    Raises:
        DictionaryError: a line is not ``prefix<TAB>region`` (names file and line).
    """
    table: dict[str, str] = {}
    for lineno, line in enumerate(PREFIX_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise DictionaryError(f"invalid prefix entry in {PREFIX_FILE} at line {lineno}: {line!r}")
        table[parts[0].strip()] = parts[1].strip()
    return table


def normalise_doc_number(raw: str) -> str:
    """并政发 [2023] 15 号 -> 并政发〔2023〕15号."""
    m = DOC_NUMBER_RE.search(raw)
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号" if m else raw.strip()


def doc_id_from_source(source_name: str) -> str:
    """The document id: NFKC-normalised file stem."""
    return unicodedata.normalize("NFKC", Path(source_name).stem)


def title_from_stem(source_name: str) -> str:
    """File stem without a leading list number ("100、重庆市…方案" -> "重庆市…方案")."""
    return STEM_NUMBER_RE.sub("", unicodedata.normalize("NFKC", Path(source_name).stem)).strip()


def _is_citation(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip("（( ")
    return before.endswith(("》", "〉"))


def _inside_quote(text: str, pos: int) -> bool:
    """True if ``pos`` lies inside 《…》 (a cited notice, not this document's)."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    return before.count("《") > before.count("》")


def _in_attachment_line(text: str, pos: int) -> bool:
    """True if ``pos`` lies on an attachment line ("附件：江苏省科学技术厅关于印发《…指南》…的通知"): the plan a forwarded
    notice prints is that notice's, not the document's own (南京 265 forwards 江苏's notice with its guide)."""
    line_start = text.rfind("\n", 0, pos) + 1
    return bool(ATTACHMENT_LINE_RE.match(text[line_start:pos]))


# an attachment line of the head ("附件：…", "附件1：…", "附 件")
ATTACHMENT_LINE_RE = re.compile(r"\s*附\s*件")
# a notice that issues, forwards or transmits another document ("关于印发…的通知", "转发", "批转", "下达", "关于发布…")
ISSUING_RE = re.compile(r"印发|转发|批转|下达|颁发|颁布|关于(?:公布|发布)")
# a head line opening with a conjunction is the second half of a wrapped line ("及组织申报项目的通知（苏科资发〔2022〕
# 32号）"), never a title of its own
FRAGMENT_OPENING_RE = re.compile(r"^(?:及|以及|和(?!美|谐)|与|并(?!网|购|联))")


# A title written as its issuers' notice: "省发展改革委等五部门关于…的实施方案" (浙江 205),
# "国家发展改革委等部门关于…的若干意见"; the plan's own title line, when the head also has one
# ("浙江省关于…的实施方案"), wins over it.
ISSUER_TITLE_RE = re.compile(
    r"^[^关《》]{2,60}?(?:委|厅|局|部|办|署|政府|办公室|办公厅|委员会|领导小组)"
    r"(?:等[一二三四五六七八九十\d]*个?(?:部门|单位))?关于"
)


def find_title(head: list[str]) -> str:
    """The plan title from the head paragraphs ("" if none).

    Preference: a standalone plan-title line (the one named by the covering notice if any),
    then the plan named in the notice, then a notice title itself — except that a first notice line that is itself the
    document (it issues nothing) wins over plan titles that only stand after the head's first attachment line. Among
    standalone title lines, the plan's own title ("浙江省关于…实施方案") wins over its issuers' notice line
    ("省发展改革委等五部门关于…实施方案"); a document that only has the latter keeps it.
    """
    joined = "\n".join(head)
    inner = next(
        (
            g
            for m in NOTICE_INNER_RE.finditer(joined)
            for g in m.groups()
            if g and not _inside_quote(joined, m.start()) and not _in_attachment_line(joined, m.start())
        ),
        "",
    )
    plans: list[str] = []
    notices: list[str] = []
    # the first notice line, when it is itself the document ("…关于试行开展碳排放环境影响评价工作的通知": it issues,
    # forwards or transmits nothing) and stands before the head's first attachment line ("附件：1.…", "附件1"); a plan
    # title only after that line is the attachment's (海南 83's 附件1 "试点开展碳排放环境影响评价工作专项规划")
    own_notice = ""
    attached = False  # an attachment line seen
    plans_before_attachment = 0
    for line in head:
        attached = attached or bool(ATTACHMENT_RE.match(line))
        if not (4 <= len(line) <= 80) or NUMBERED_RE.match(line) or any(c in line for c in "。，；：:"):
            continue
        if FRAGMENT_OPENING_RE.match(line) or not TITLE_END_RE.search(line):
            continue
        notice = ("关于" in line and line.endswith("通知")) or "印发" in line
        if notice and not notices and not attached and not ISSUING_RE.search(line):
            own_notice = line
        plans_before_attachment += not notice and not attached
        (notices if notice else plans).append(line)
    if inner:
        same = [p for p in plans if p == inner or inner in p]
        if same:
            return same[0]
        return inner
    if own_notice and not plans_before_attachment:
        return own_notice
    if plans:
        own = [p for p in plans if not ISSUER_TITLE_RE.match(p)]
        return (own or plans)[0]
    return notices[0] if notices else ""


# A file named by its title ("36、2019-2020年全国碳排放权交易配额总量设定与分配实施方案（发电行业）.pdf") says which
# head line is the title: a found line sharing less than this share of the stem's bigrams is another document's or a
# fragment (a cited plan "泰州市水污染防治工作方案", the second half of a wrapped title "实施方案（发电行业）"). Over the
# 186 files of pdf2 and tests/fixtures/corpus named by their titles the share is ≥ 0.55 for every right title and
# ≤ 0.31 for the 6 wrong ones (``scripts/title_stem_shares.py``).
TITLE_STEM_MIN_SHARE = 0.5
# a head line (or two wrapped lines joined) that shares this much of the stem is the title as the text writes it
TITLE_STEM_LINE_SHARE = 0.7


def content_bigrams(text: str) -> set[str]:
    """The character bigrams of a text's Chinese characters, letters and digits (NFKC; punctuation and spaces left
    out, so "“十四五”规划" gives 十四, 四五, 五规, 规划)."""
    text = "".join(re.findall(r"[\u4e00-\u9fffA-Za-z0-9]", unicodedata.normalize("NFKC", text)))
    return {text[i : i + 2] for i in range(len(text) - 1)}


def stem_share(title: str, stem: str) -> float:
    """The share of the file stem's character bigrams the title holds (0.0 for a stem without any)."""
    wanted = content_bigrams(stem)
    return len(content_bigrams(title) & wanted) / len(wanted) if wanted else 0.0


def title_by_stem(head: list[str], found: str, stem: str) -> str | None:
    """The title when the file is named by its title (``stem`` ends with a document type) and ``found`` is not it: the
    head line, or two consecutive lines joined (a wrapped title), most like the stem when one is like it enough, else
    "" (the stem is the title); None when ``found`` stands (or the stem names no title)."""
    stem = stem.replace("(", "（").replace(")", "）")  # (the stem is NFKC: "实施方案(发电行业)")
    if not (TITLE_END_RE.search(stem) and re.search(r"[\u4e00-\u9fff]", stem)) or stem_share(found, stem) >= TITLE_STEM_MIN_SHARE:
        return None
    lines = [line for line in head if 4 <= len(line) <= 80 and not any(c in line for c in "。；")]
    pairs = [a + b for a, b in zip(head, head[1:]) if len(a + b) <= 80 and not any(c in a + b for c in "。；")]
    best = max(lines + pairs, key=lambda line: (stem_share(line, stem), -len(line)), default="")
    return best if best and stem_share(best, stem) >= TITLE_STEM_LINE_SHARE and TITLE_END_RE.search(best) else ""


def infer_title(paragraphs: list[str], region: str) -> str:
    """A title for a plan whose text has none, from its opening sentence ("" if it has no such opening).

    "为贯彻落实《国务院办公厅关于印发2014－2015年节能减排低碳发展行动方案的通知》…，制订本行动方案。" in
    a 山西 plan -> "山西省2014－2015年节能减排低碳发展行动方案": the region, then the cited plan's subject
    (issuing words, the centre's or the cited plan's region and its type word removed) and this plan's own
    type word; when the subject carries no period, the period the opening names (2014－2015年, “十四五”)
    is put in front of it.

    Args:
        paragraphs: the document's non-empty paragraphs (the opening is looked for in the first few).
        region: the document's qualified region ("" when unknown).
    """
    for para in paragraphs[:6]:
        m = OPENING_RE.match(para.strip().lstrip("\u3000 "))
        if not m:
            continue
        sentence, own_type = m.group(1), m.group(2)
        cited = re.search(r"《([^《》]{4,80})》", sentence)
        subject = ""
        if cited:
            inner = CITED_NOTICE_RE.match(cited.group(1))
            subject = inner.group(1) if inner else cited.group(1)
            subject = CENTRAL_WORDS_RE.sub("", subject)
            # the cited plan's own region (山西省《…》 cited by 太原) is not this plan's
            own = [r.name for r in get_gazetteer().find_mentions(subject) if subject.startswith(r.name)]
            subject = subject[len(max(own, key=len)) :] if own else subject
            subject = re.sub(rf"(?:{doc_type_alternation()})$", "", subject)
        if not subject:
            return ""
        if not OPENING_YEARS_RE.search(subject):
            period = OPENING_YEARS_RE.search(sentence)
            subject = (period.group(0) if period else "") + subject
        prefix = region if region and region != "全国" and not subject.startswith(region) else ""
        return f"{prefix}{subject}{own_type}"
    return ""


def find_doc_number(head: list[str]) -> str:
    """The document's own number: an uncited number in the head, standalone lines first."""
    found: list[tuple[bool, str]] = []
    for line in head:
        for m in DOC_NUMBER_RE.finditer(line):
            if _is_citation(line, m.start()):
                continue
            found.append((len(line) <= 40, f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"))
    standalone = [n for short, n in found if short]
    return (standalone or [n for _, n in found] or [""])[0]


def _han_year(token: str) -> int:
    return int("".join(str(_HAN_DIGITS[c]) for c in token))


def _han_number(token: str) -> int:
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + _HAN_DIGITS[token[1]]
    if token.endswith("十"):
        return _HAN_DIGITS[token[0]] * 10
    if "十" in token:
        return _HAN_DIGITS[token[0]] * 10 + _HAN_DIGITS[token[-1]]
    return _HAN_DIGITS[token]


def parse_date(line: str) -> str:
    """ISO date from 2023年10月11日 / 二〇二二年三月一日 / 发布日期：2022-01-26, else ""."""
    m = DATE_CN_RE.search(line) or DATE_ISO_RE.search(line)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        h = DATE_HAN_RE.search(line)
        if not h:
            return ""
        y, mo, d = _han_year(h.group(1)), _han_number(h.group(2)), _han_number(h.group(3))
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else ""


def _is_date_line(line: str) -> bool:
    return bool(re.fullmatch(r"[（(]?\s*(?:\d{4}年\d{1,2}月\d{1,2}日|[一二〇○零]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)\s*[）)]?", line))


def find_date_and_signers(head: list[str], tail: list[str]) -> tuple[str, list[str]]:
    """Signature date (ISO) and the issuer lines right above it, from the head, then the tail."""
    for block in (head, tail):
        for i, line in enumerate(block):
            if _is_date_line(line):
                return parse_date(line), _lines_above(block, i, lambda x: len(x) <= 60 and bool(ISSUER_RE.search(x)))
    for line in head:
        m = DATE_ISO_RE.search(line)
        if m:
            return parse_date(line), []
    return "", []


# a cover's date: year and month only ("2022 年 5 月", "（2021年12月）")
COVER_DATE_RE = re.compile(r"[（(]?(?:(?:19|20)\d{2}|[一二〇○零]{4})年(?:\d{1,2}|[一二三四五六七八九十]{1,3})月[）)]?")


def find_cover_signers(head: list[str]) -> list[str]:
    """The issuing bodies a plan's cover names above its year-and-month line ("湖南省发展和改革委员会 / 湖 南 省 能 源 局 /
    2022 年 5 月"), spaces dropped; [] when the cover names none."""
    compact = [re.sub(r"\s+", "", line) for line in head[:20]]
    for i, line in enumerate(compact):
        if COVER_DATE_RE.fullmatch(line):
            return _lines_above(compact, i, lambda x: 3 <= len(x) <= 30 and bool(ISSUER_RE.search(x))
                                and bool(re.fullmatch(r"[\u4e00-\u9fff（）()]+", x)))
    return []


def _lines_above(lines: list[str], i: int, signs: Callable[[str], bool]) -> list[str]:
    """The run of lines right above line ``i`` that ``signs`` accepts (at most :data:`MAX_SIGNERS`), in order."""
    signers: list[str] = []
    k = i - 1
    while k >= 0 and len(signers) < MAX_SIGNERS and signs(lines[k]):
        signers.insert(0, lines[k])
        k -= 1
    return signers


# the bodies whose plan a notice forwards ("…办公厅转发国家发展改革委 国家能源局")
FORWARDED_RE = re.compile(r"转发((?:[\u4e00-\u9fff]{2,20}?(?:部|委|局|厅|署|院|办|行|会)[\s、，,和]*)+)$")


def find_issuer(head: list[str], signers: list[str]) -> str:
    """Issuer from "X关于印发…的通知", else the signature lines above the date."""
    for i, line in enumerate(head[:12]):
        if ("通知" in line or "印发" in line) and "。" not in line and not line.startswith(("为", "根据", "按照")):
            if i and "转发" in head[i - 1] and "。" not in head[i - 1] and len(head[i - 1]) <= 40:
                line = f"{head[i - 1]} {line}"  # a forwarding title wrapped after its first line
            m = NOTICE_ISSUER_RE.match(line)
            if m and ISSUER_RE.search(m.group(1)):
                forwarded = FORWARDED_RE.search(m.group(1))
                if forwarded:
                    # "国务院办公厅转发国家发展改革委 国家能源局关于…的通知": the plan is its authors' (the forwarding
                    # office only passes it on)
                    return "、".join(x for x in re.split(r"[\s、，,和]+", forwarded.group(1)) if x)
                return m.group(1)
    return "、".join(part for line in signers for part in split_signer_line(line))


# A signature line where the PDF ran several bodies together:
# "浙江省发展和改革委员会浙江省经济和信息化厅浙江省生态环境厅" -> three issuers.
SIGNER_REGION_RE = re.compile(r"(?=([\u4e00-\u9fff]{2,3}?(?:省|市|自治区)))")


def split_signer_line(line: str) -> list[str]:
    """Split a signature line before each repetition of the first region name it writes twice ("共青团广东省委员会广东省妇联"
    -> two)."""
    # the region a signature line repeats: 广东省 in "共青团广东省委员会广东省妇联", 浙江省 in "浙江省发展和改革委员会浙江省…"
    region = next((r for r in SIGNER_REGION_RE.findall(line) if line.count(r) >= 2), None)
    if region is None:
        return [line]
    parts = re.split(rf"(?<=[会厅局委部办院联])(?={re.escape(region)})", line)
    return [p for p in parts if p]


def qualify_issuer(issuer: str, region: str) -> str:
    """"市人民政府" in the 武汉 plan -> 武汉市人民政府 (each 、-separated issuer, level permitting)."""
    parts = []
    for part in issuer.split("、") if issuer else []:
        if part.startswith("市") and not part.startswith("市场") and region.endswith("市"):
            part = region + part[1:]
        elif part.startswith("省") and region.endswith(("省", "自治区")):
            part = region + part[1:]
        parts.append(part)
    return "、".join(parts)


def _region_by_prefix(doc_number: str) -> str:
    m = DOC_NUMBER_RE.search(doc_number)
    if not m:
        return ""
    prefix = m.group(1)
    table = doc_number_prefixes()
    for length in range(len(prefix), 0, -1):
        if prefix[:length] in table:
            return table[prefix[:length]]
    return ""


def _national_issuers(issuer: str, gazetteer: Gazetteer) -> bool:
    """An issuer list naming only central bodies: no region in any name, no 省/市/县 level word."""
    parts = [p for p in re.split(r"[、，,\s]+", issuer) if p]
    return bool(parts) and all(
        CENTRAL_BODY_END_RE.search(p)
        and p[0] not in "省市县区州盟旗"
        and not [r for r in gazetteer.find_mentions(p) if r.level != "country"]
        for p in parts
    )


# a title naming the country itself (a white paper "新时代的中国能源发展", "中华人民共和国…", "我国…", "全国…")
COUNTRY_TITLE_RE = re.compile(r"中国|中华人民共和国|我国|全国")
# the country, its central bodies or all its provinces named in a text
NATIONAL_TEXT_RE = re.compile(r"全国|我国|国家|国务院|党中央|各省|各地区")


# a title opening with its issuer written by its level word alone ("市科技局关于…", "区发展改革委等部门关于…")
LEVEL_WORD_ISSUER_RE = re.compile(
    r"^(?P<level>市(?!场)|区(?!域)|县(?!域|城))[\u4e00-\u9fff]{1,16}?(?:局|委|厅|办|办公室|政府|中心)(?:等[\u4e00-\u9fff\d]{0,6}(?:部门|单位))?关于"
)
# the gazetteer levels above a level word's
HIGHER_LEVELS = {"市": ("province",), "区": ("province", "city"), "县": ("province", "city")}


def find_region(title: str, issuer: str, doc_number: str, source_name: str, text: str, gazetteer: Gazetteer) -> str:
    """Qualified region name of the document ("" if unknown); see module docstring for order."""
    for is_title, source in ((True, title), (False, issuer)):
        mentions = [r for r in gazetteer.find_mentions(source) if r.level != "country"]
        if is_title and (own := LEVEL_WORD_ISSUER_RE.match(title)) is not None:
            # a title opening with its issuer written by level only ("市科技局关于组织申报2022年度江苏省…的通知"): a place of
            # a higher level named after it is what the notice is about (the province's programme), not who issued it
            higher = HIGHER_LEVELS[own.group("level")]
            mentions = [r for r in mentions if r.level not in higher]
        if mentions:
            # "广州市黄埔区…办法": a region written right after its parent is the document's region.
            first = mentions[0]
            for nxt in mentions[1:2]:
                if nxt.parent == first.name and (first.name + nxt.name) in source:
                    return nxt.name
            return first.name
    by_prefix = _region_by_prefix(doc_number)
    if by_prefix:
        return by_prefix
    if issuer and (NATIONAL_ISSUER_RE.search(issuer) or _national_issuers(issuer, gazetteer)):
        return "全国"
    if COUNTRY_TITLE_RE.search(title):
        return "全国"  # a title about the country and no place in it ("新时代的中国能源发展白皮书")
    mentions = [r for r in gazetteer.find_mentions(title_from_stem(source_name)) if r.level != "country"]
    if mentions:
        return mentions[0].name
    # "我省 / 全省" texts: the most-mentioned province (cities likewise).
    wanted = "province" if SELF_PROVINCE_RE.search(text) else "city" if SELF_CITY_RE.search(text) else ""
    if not wanted and NATIONAL_HEAD_RE.search(text[:1500]):
        return "全国"
    if wanted:
        counts = Counter(r.name for r in gazetteer.find_mentions(text) if r.level == wanted)
        if counts:
            return counts.most_common(1)[0][0]
    if re.search(r"全国|各省、自治区、直辖市", text[:3000]):
        return "全国"
    if not wanted and NATIONAL_TEXT_RE.search(text):
        # no place of its own (no title, issuer, number or 我省 / 我市 gave one) and the country named somewhere
        # ("…京津冀、长三角、成渝等区域" is where the plan acts, not who issued it): a ministry's plan whose issuer and
        # number the file does not carry
        return "全国"
    return ""


def find_citations(text: str, own_title: str, own_number: str) -> tuple[Citation, ...]:
    """Every 《title》（doc number） cited, plus bare 《title》 of policy documents; not the document itself."""
    out: dict[str, Citation] = {}
    for m in CITATION_RE.finditer(text):
        title = m.group(1).strip()
        number = normalise_doc_number(m.group(2)) if m.group(2) else ""
        if title == own_title or (number and number == own_number):
            continue
        if not number and (len(title) < 6 or not TITLE_END_RE.search(title)):
            continue  # 《意见》 abbreviations, product catalogues, statistical yearbooks
        if title not in out or (number and not out[title].doc_number):
            out[title] = Citation(title, number)
    return tuple(out.values())


def extract_metadata(text: str, source_name: str) -> Document:
    """Metadata of one document.

    Args:
        text: repaired text (one paragraph per line).
        source_name: the file name (or path) it was read from; gives ``doc_id`` and the
            fallback title.

    Returns:
        A :class:`Document` without ``content_hash``/``path`` (the pipeline fills those).
    """
    paragraphs = [p for p in text.split("\n") if p.strip()]
    head, tail = paragraphs[:HEAD_PARAGRAPHS], paragraphs[-8:]
    found = find_title(head)
    if found and (by_stem := title_by_stem(head, found, title_from_stem(source_name))) is not None:
        found = by_stem  # "" when no line is the stem's title: the stem itself is
    title = found or title_from_stem(source_name)
    doc_number = find_doc_number(head[:15])
    date, signers = find_date_and_signers(head, tail)
    issuer = find_issuer(head, signers or find_cover_signers(head))
    gazetteer = get_gazetteer()
    region = find_region(title, issuer, doc_number, source_name, text, gazetteer)
    resolved = gazetteer.resolve(region) if region else None
    level: Level = _LEVELS[resolved.level] if resolved else "unknown"
    if resolved:
        issuer = qualify_issuer(issuer, resolved.name)
    if not found and not (TITLE_END_RE.search(title) and re.search(r"[\u4e00-\u9fff]", title)):
        # no title line and a file name that is no title (a pinyin stem): say what the plan is from
        # its opening sentence; either way the title is marked as inferred
        title = infer_title(paragraphs, resolved.name if resolved else "") or title
    return Document(
        doc_id=doc_id_from_source(source_name),
        source=Path(source_name).name,
        title=title,
        doc_number=doc_number,
        issuer=issuer,
        date=date,
        level=level,
        region=resolved.name if resolved else "",
        cites=find_citations(text, title, doc_number),
        title_inferred=not found,
    )
