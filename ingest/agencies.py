"""Agency names: split annotation lists, qualify with the document region, normalise aliases.

Pure functions over strings; the alias, succession and non-government tables are DATA files in
``ingest/dictionaries/`` (loaded once, a malformed line raises :class:`DictionaryError` naming
the file and line).

Naming rules (see ``records.Agency``):

- ``name`` is the region-qualified name AS WRITTEN: ``市工信局`` in the 太原 plan ->
  ``太原市工信局``; ``省环保厅`` in the 辽宁 plan -> ``辽宁省环保厅``.
- ``canonical`` is region + alias-normalised suffix: ``太原市工业和信息化局``.
- ``agency_type`` is the region-free canonical suffix: ``工业和信息化局``.
- National bodies (生态环境部, 国家发展改革委, 市场监管总局 ...) and names that already carry a
  region (人行晋城市分行, 国家金融监管局晋城市监管分局, 重庆市能源局) are kept as written.
- Sub-jurisdiction governments named in annotations (各县（市、区）政府, 开发区管委会 ...) are
  "implementing" bodies: ``太原市各县（市、区）政府`` (brackets full-width, a leading 各 added
  where the text omits it), canonical ``太原市各县（市、区）人民政府``.
- A NAMED sub-region government follows the official naming of Chinese local governments:
  a county (县 / 自治县 / 旗) or county-level city keeps its own name without the parent prefix
  (``金堂县政府``, ``彭州市政府``; canonical ``金堂县人民政府``), because those names are unique
  nationwide; a city district (区) is prefixed with its city (``武昌区人民政府`` in the 武汉
  plan -> ``武汉市武昌区人民政府``; ``滨海新区人民政府`` -> ``天津市滨海新区人民政府``), because
  district names repeat (青山区 is in 武汉 and 包头). ``region`` is the document's region in
  both cases (the body is a unit of the plan that assigns it the task). Development-zone
  committees keep the name as written, region-qualified when the place is not in it
  (``辽源高新区管委会``, ``北海市涠洲岛旅游区管委会``). Both kinds are "implementing" in a
  department annotation (see :func:`is_local_body`).
- ``团市委`` / ``团省委`` … are written ``共青团辽源市委`` / ``共青团山东省委`` (name and
  canonical; alias kind ``regional`` in ``agency_aliases.tsv``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ingest.datafiles import content_lines, data_lines
from ingest.errors import DictionaryError
from ingest.records import Agency, Succession
from ingest.regions import get_gazetteer, place_opening, province_names, resolve_region, short_name

DICTIONARY_DIR = Path(__file__).resolve().parent / "dictionaries"
ALIASES_FILE = DICTIONARY_DIR / "agency_aliases.tsv"
SUCCESSIONS_FILE = DICTIONARY_DIR / "agency_successions.tsv"
NON_GOVERNMENT_FILE = DICTIONARY_DIR / "non_government.tsv"
NATIONAL_BODIES_FILE = DICTIONARY_DIR / "national_bodies.txt"
NATIONAL_FIELD_BODIES_FILE = DICTIONARY_DIR / "national_field_bodies.tsv"

# Opening / closing brackets of every family seen in the genre (full- and half-width
# round brackets are mixed freely after page repair, so they are one family).
OPEN_BRACKETS = "（(〔［[〈【《"
CLOSE_BRACKETS = "）)〕］]〉】》"

# Separators between items of an agency list, outside brackets: 、 ， , ； ; and the
# conjunctions 和 / 及 / 以及 / 与 when they join two agency names.
LIST_SEPARATOR_RE = re.compile(r"[、，,；;]")
# A conjunction joining two agencies: "市财政局和市税务局" (split only when both sides look
# like agencies, so 住房和城乡建设局 / 工业和信息化局 are never cut).
CONJUNCTION_RE = re.compile(r"(?:以及|和|及|与)")

# Trailing filler after the last item: 等 / 等有关部门 / 等相关单位 / 等部门 / 按职责分工.
TRAILING_FILLER_RE = re.compile(
    r"(?:等|及|和)?(?:(?:市|省|县|区)?(?:直|级)?(?:其他|各)?(?:有关|相关)(?:职能)?(?:部门|单位)(?:按职责分工)?)?$"
)
TRAILING_DENG_RE = re.compile(r"等$")
# "A等部门和B" joins two lists: 市商务局等部门和各区人民政府 -> 市商务局、各区人民政府.
# what kind of departments a list closed by 等…部门 names (等有关部门, 等相关职能部门, 等综合部门): no field of its own
DEPARTMENTS_KIND = r"(?:相关|有关)?(?:职能|综合)?"
DENG_JOIN_RE = re.compile(rf"等{DEPARTMENTS_KIND}(?:部门|单位)(?:和|及|以及|、)")

# Words that are not agencies at all: generic references, "部门" alone, notes.
# "相关事涉部门" (辽源), a bare "单位" left by "等省有关部门、单位" (山东), and any "…成员单位…"
# (辽源 "市新能源汽车推广应用推进组成员单位政府") are generic too.
GENERIC_ITEM_RE = re.compile(
    r"^(?:(?:市|省|县|区)?(?:直|级)?(?:其他|各)?(?:有关|相关)(?:部门|单位|主管部门)|各(?:有关)?部门|"
    r"有关部门|相关部门|各有关单位|成员单位|.*领导小组.*|.*成员单位.*|部门|单位|"
    r"(?:各|其他)?(?:有关|相关)[\u4e00-\u9fff]{1,4}(?:部门|单位)|各(?:相关|有关)?(?:部门|单位)、?地方)$"
)

# The last characters of a government or other body's name (used to validate list items).
# 银保监会 / 证监会 (national regulators), 供销社 / 供销合作社, 上饶车务段, …北海机场,
# 市广播电视台, 人民银行上海总部 are bodies too.
AGENCY_SUFFIX_RE = re.compile(
    r"(?:局|厅|委|委员会|办|办公室|部|署|总局|中心|政府|管委会|委会|分行|分局|支行|银行|"
    r"公司|集团|协会|联合会|妇联|工会|科协|院|海关|处|室|站|所|队|法院|检察院|组|"
    r"监会|供销社|合作社|车务段|机场|电视台|总部|部[\u4e00-\u9fff]{2,10}?司)$"
)
# A body named by its function, as laws and 办法 do: 市生态环境主管部门, 省人民政府生态环境主管部门, 国务院生态环境主管部门
# (one department of that level; never 有关/相关/其他 部门, never 省级 / 设区的市级 — every province's or city's —, and
# never 省市… — the departments of two levels).
# A field's department written without 主管 is one too (省住房城乡建设部门, 市生态环境部门), never a kind of department
# (职能部门, 行业部门, 责任部门, 成员部门 …).
# the words that make "X部门" a kind of department rather than a field's (shared with LEVEL_ROLE_BODY_RE)
KIND_OF_DEPARTMENT = (
    "职能|业务|行业|责任|牵头|主责|主管|直|成员|重点|配合|协同|主要|对口|归口|综合|涉及|下属|基层|同级"
)
# what a field's name holds none of: a modal, a verb or a list word ("市人民政府应当支持国家金融管理部门", "市经信委等十部门");
# 应急 is a field (市应急部门), not the modal 应
NOT_IN_FIELD = "应(?!急)|当|要|将|须|的|等|支持|鼓励|推动|指导|国家|在|对|由|与|及|、"
FUNCTIONAL_BODY_RE = re.compile(
    r"^(?:国务院|(?:省|市|县|区|自治区|州|盟)(?:人民政府)?)(?!有关|相关|其他|各|级|省|市(?!场)|县|区)"
    rf"(?:[\u4e00-\u9fff]{{2,12}}?主管部门|(?!{KIND_OF_DEPARTMENT}|部分|全部|所属|属地)"
    rf"(?:(?!{NOT_IN_FIELD})[\u4e00-\u9fff]){{2,10}}?部门)$"
)
# A stricter suffix for bare lists in brackets without any keyword, e.g. 浙江
# "（省发展改革委、省经信厅、省能源局）".
STRICT_AGENCY_SUFFIX_RE = re.compile(
    # (a ministry's department written after it: 生态环境部科技与财务司)
    r"(?:局|厅|委|委员会|办|办公室|部|署|总局|中心|政府|管委会|分行|分局|海关|部[\u4e00-\u9fff]{2,10}?司)$"
)

# Sub-jurisdiction governments / development zones that implement a task locally:
# 各县（市、区）政府, 各县（市、区）人民政府, 各区人民政府, 各市（州）人民政府, 各县区政府,
# 有关区人民政府, 相关区（市）县政府（管委会）, 各开发区, 开发区管委会, 各园区管委会,
# 各市相关主管部门, 有农业的区人民政府.
# "every place of a level" written with 各: 各区, 各设区市, 各市（州）, 各市、县（市、区）, 各县（市、区）, 各盟市
LOWER_LEVEL = r"(?:县区|区县|盟市|市县|市|县|区|州|盟|旗)(?:[（(][市县区州旗、]{1,7}[）)])?"
EVERY_LOWER_PLACE = rf"各(?:设区的?)?{LOWER_LEVEL}(?:、{LOWER_LEVEL})*(?:级)?"


IMPLEMENTING_RE = re.compile(
    r"^(?:各(?:相关|有关|新城|中心城|远城|主城|涉农)?|有关|相关|有[^、，]{1,4}的)?"
    r"(?:(?:县|市|区|乡|镇|州|旗|盟)(?:（[^）]*）)?){1,3}"
    r"(?:级)?(?:人民)?政府(?:（[^）]*）)?$"
    r"|^(?:各|有关|相关)?(?:县|市|区)(?:（[^）]*）)?(?:相关)?(?:主管部门|有关部门)$"
    r"|^(?:各|有关|相关|各有关|各相关)?(?:开发区|园区|各类开发区|省级以上开发区|工业园区)(?:管委会|管理委员会)?$"
    r"|^(?:各|有关|相关)(?:县|市|区|县区|县（市、区）|县（市）区|区（市）县)(?:、(?:开发区|园区))?$"
    # every lower place itself, its levels listed ("各区县（市）要采取定期检查…", "各市、县（市、区）")
    rf"|^{EVERY_LOWER_PLACE}$"
    # every lower place's government ("各设区市人民政府", "各设区市政府": pdf2 565 广西 第四章二)
    rf"|^{EVERY_LOWER_PLACE}(?:人民)?政府$"
    # the provinces' governments, below a national plan ("各省、自治区、直辖市人民政府要组织开展碳达峰目标任务年度评估",
    # 2030年前碳达峰行动方案 六（三）; "各省（区、市）人民政府")
    r"|^各省(?:[、，]?(?:自治区|直辖市)|[（(](?:自治区、直辖市|区、市)[）)])*(?:和新疆生产建设兵团)?(?:人民)?政府$"
)

# A body followed by its second nameplate in brackets (一个机构两块牌子): 市交通运输局（市铁路办）.
SECOND_NAMEPLATE_RE = re.compile(
    r"^(.{2,20}?(?:局|厅|委|委员会|办|办公室|中心))（[^（）]{2,12}(?:局|厅|委|委员会|办|办公室|中心)）$"
)

# A named sub-region government: 武昌区人民政府, 金堂县政府, 彭州市政府, 滨海新区人民政府.
NAMED_LOCAL_GOVERNMENT_RE = re.compile(
    r"^(?P<place>[\u4e00-\u9fff]{1,8}?(?:自治县|自治旗|县|区|市|旗))(?P<body>(?:人民)?政府)$"
)
# A development-zone committee: 辽源高新区管委会, 武汉经开区管委会, 涠洲岛旅游区管委会,
# 梧州循环经济产业园区管委会, 天津自贸试验区管委会 (NOT 武汉新港管委会: a port authority).
ZONE_COMMITTEE_RE = re.compile(
    r"^[\u4e00-\u9fff]{1,14}?(?:开发区|高新区|经开区|新区|园区|产业园|工业园|旅游区|风景区|景区|度假区|保税区|"
    r"自贸区|自贸试验区|示范区|试验区|实验区|合作区|投资区|集中区|功能区|港区|片区)(?:管委会|管理委员会)$"
)

# Prefix characters that stand for "this document's" region level.
LEVEL_PREFIXES = ("省", "市", "县", "区", "州", "盟", "旗")

# An explicit region at the start of a name: 2-3 characters + 省/市/自治区
# (太原市工信局, 四川省能源局, 内蒙古自治区生态环境厅).
EXPLICIT_REGION_RE = re.compile(r"^([\u4e00-\u9fff]{2,3}?(?:省|市|自治区|自治州))(?=[\u4e00-\u9fff])")
# A region embedded anywhere in a name (人行晋城市分行, 国家金融监管局晋城市监管分局).
EMBEDDED_REGION_RE = re.compile(r"([\u4e00-\u9fff]{2,3}?(?:省|市|自治区|自治州))")

# National bodies: 国家…, 国务院…, 中国…, 全国…, …部, …总局, …总署, 国管局.
NATIONAL_RE = re.compile(r"^(?:国家|国务院|中国|中央|全国)|(?:部|总局|总署|国管局)$")

# Characters a single agency name may consist of (no digits, no sentence punctuation).
AGENCY_CHARS_RE = re.compile(r"^[\u4e00-\u9fff（）()〔〕A-Za-z·、]+$")


@dataclass(frozen=True)
class AliasRule:
    """One alias line: ``alias`` -> ``canonical``, applied as ``kind`` (suffix/prefix/exact)."""

    alias: str
    canonical: str
    kind: str = "suffix"


@dataclass(frozen=True)
class SuccessionRule:
    """One succession line: names ending in ``predecessor`` are linked to ``successor``."""

    predecessor: str
    successor: str
    year: int
    kind: str = "rename"  # rename | function
    note: str = ""


ALIAS_KINDS = ("suffix", "prefix", "exact", "regional")
SUCCESSION_KINDS = ("rename", "function")


def load_alias_rules(path: Path = ALIASES_FILE) -> tuple[AliasRule, ...]:
    """Read the alias table.

    Args:
        path: a TSV file ``alias<TAB>canonical[<TAB>kind]``.

    Returns:
        The rules, longest alias first.

    Raises:
        DictionaryError: a line has the wrong number of columns, an empty cell or an unknown
            kind (the message names the file and line).
    """
    rules: list[AliasRule] = []
    for lineno, cols in data_lines(path):
        if len(cols) not in (2, 3) or not all(cols):
            raise DictionaryError(
                f"{path}:{lineno}: expected 'alias<TAB>canonical[<TAB>kind]', got {cols!r}"
            )
        kind = cols[2] if len(cols) == 3 else "suffix"
        if kind not in ALIAS_KINDS:
            raise DictionaryError(
                f"{path}:{lineno}: unknown kind {kind!r}; valid kinds are: {', '.join(ALIAS_KINDS)}"
            )
        if kind == "regional" and not re.search(r"\{(?:省|市|县|区)\}", cols[1]):
            raise DictionaryError(
                f"{path}:{lineno}: a regional alias needs a {{省}}/{{市}}/{{县}}/{{区}} placeholder, got {cols[1]!r}"
            )
        rules.append(AliasRule(cols[0], cols[1], kind))
    return tuple(sorted(rules, key=lambda r: -len(r.alias)))


def load_succession_rules(path: Path = SUCCESSIONS_FILE) -> tuple[SuccessionRule, ...]:
    """Read the succession table (``predecessor<TAB>successor<TAB>year<TAB>kind[<TAB>note]``).

    Raises:
        DictionaryError: malformed line, non-integer year or unknown kind (names file and line).
    """
    rules: list[SuccessionRule] = []
    for lineno, cols in data_lines(path):
        if len(cols) not in (4, 5) or not all(cols[:4]):
            raise DictionaryError(
                f"{path}:{lineno}: expected 'predecessor<TAB>successor<TAB>year<TAB>kind[<TAB>note]', "
                f"got {cols!r}"
            )
        if not cols[2].isdigit():
            raise DictionaryError(f"{path}:{lineno}: year must be an integer, got {cols[2]!r}")
        if cols[3] not in SUCCESSION_KINDS:
            raise DictionaryError(
                f"{path}:{lineno}: unknown kind {cols[3]!r}; valid kinds are: {', '.join(SUCCESSION_KINDS)}"
            )
        rules.append(
            SuccessionRule(cols[0], cols[1], int(cols[2]), cols[3], cols[4] if len(cols) == 5 else "")
        )
    return tuple(sorted(rules, key=lambda r: -len(r.predecessor)))


def load_non_government_patterns(path: Path = NON_GOVERNMENT_FILE) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Read the non-government patterns (``regex<TAB>category``).

    Raises:
        DictionaryError: wrong column count or an invalid regular expression (names file and line).
    """
    patterns: list[tuple[re.Pattern[str], str]] = []
    for lineno, cols in data_lines(path):
        if len(cols) != 2 or not all(cols):
            raise DictionaryError(f"{path}:{lineno}: expected 'pattern<TAB>category', got {cols!r}")
        try:
            patterns.append((re.compile(cols[0]), cols[1]))
        except re.error as e:
            raise DictionaryError(f"{path}:{lineno}: invalid regular expression {cols[0]!r}: {e}") from e
    return tuple(patterns)


@functools.lru_cache(maxsize=1)
def _aliases() -> tuple[AliasRule, ...]:
    return load_alias_rules()


def alias_rules() -> tuple[AliasRule, ...]:
    """The shipped alias table's rules, longest alias first (read once)."""
    return _aliases()


@functools.lru_cache(maxsize=1)
def _successions() -> tuple[SuccessionRule, ...]:
    return load_succession_rules()


@functools.lru_cache(maxsize=1)
def _non_government() -> tuple[tuple[re.Pattern[str], str], ...]:
    return load_non_government_patterns()


@functools.lru_cache(maxsize=1)
def national_bodies(path: Path = NATIONAL_BODIES_FILE) -> frozenset[str]:
    """The central bodies whose name opens with 国家 or 国务院 (国家发展改革委, 国务院国资委 …), from the data file."""
    return frozenset(cols[0] for _lineno, cols in data_lines(path) if cols and cols[0])


@functools.lru_cache(maxsize=1)
def national_field_bodies(path: Path = NATIONAL_FIELD_BODIES_FILE) -> dict[str, str]:
    """Field -> the central body of that field (发展改革 -> 国家发展改革委, 市场监管 -> 市场监管总局), from the data file."""
    return {cols[0]: cols[1] for _lineno, cols in data_lines(path) if len(cols) >= 2 and cols[0] and cols[1]}


def national_body_of_field(name: str) -> str | None:
    """The central body a national document means by a field's department written without a level ("发展改革部门" in
    "发展改革、科技…等部门要加强协同配合": 国家发展改革委), or None (a name with a level, or a field the table lacks)."""
    if not name.endswith("部门"):
        return None
    field = name[: -len("部门")]
    return national_field_bodies().get(field)


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------

_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）", "[": "［", "]": "］", ",": "，", ";": "；", ":": "："})


def clean_name(raw: str) -> str:
    """Normalise one written name: remove whitespace, full-width brackets, drop 等 / 由."""
    text = unicodedata.normalize("NFKC", raw)
    text = re.sub(r"\s+", "", text).translate(_HALF_TO_FULL).replace("〔", "（").replace("〕", "）")
    text = text.strip("、，。；：*")
    text = re.sub(r"^(?:由|请|会同)", "", text)
    text = TRAILING_DENG_RE.sub("", text)
    return text


def is_subsequence(short: str, long: str) -> bool:
    """Whether ``short``'s characters appear in order in ``long`` (住建委 in 住房和城乡建设委): how an
    abbreviated agency name relates to its full name."""
    it = iter(long)
    return all(ch in it for ch in short)


# A body a document lists in full and names elsewhere by a bare short form of its own: a public institution
# ("（配合单位：信息中心、辐射站、环科院）" after the member list "…省环境信息中心、省辐射环境监督站、省环境科学研究院…",
# 安徽 293) or a ministry's department ("科技与财务司将组织…审查" beside "生态环境部科技与财务司", pdf2 43).
ABBREVIATED_KIND_RE = re.compile(r"(?:中心|站|院|所|队)$")
# the most characters an abbreviation leaves out between two it keeps (宣教中心: 宣[传]教[育]中心; 环科院: 环[境]科[学研究]院)
MAX_ABBREVIATION_GAP = 6
# a full name opens a list item (after 、 ， ： or a line break) with its level word
FULL_NAME_START = r"(?:^|(?<=[、，,：:；;（(\n“\s]))(?:自治区|省|市|县|区)"
# a ministry's department written after the ministry at the start of a line or list item
MINISTRY_DEPARTMENT_RE = re.compile(
    r"(?:^|(?<=[、，,：:；;（(\n“\s]))(?P<ministry>[\u4e00-\u9fff]{2,8}?部)(?P<department>[\u4e00-\u9fff]{2,10}?司)(?![\u4e00-\u9fff]{0,2}(?:长|负责))"
)


def ministry_departments(text: str) -> dict[str, str]:
    """The ministries' departments a document writes in full, by their bare name (科技与财务司 -> 生态环境部科技与财务司);
    a bare name two ministries share is left out."""
    found: dict[str, set[str]] = {}
    for m in MINISTRY_DEPARTMENT_RE.finditer(text or ""):
        if NATIONAL_RE.search(m.group("ministry")) and not re.search(r"[各有关相]", m.group("ministry")):
            found.setdefault(m.group("department"), set()).add(m.group(0))
    return {short: next(iter(full)) for short, full in found.items() if len(full) == 1}


def abbreviated_body(short: str, text: str) -> str | None:
    """The one full name (with its level word, as written) in ``text`` of a public institution written by a bare short
    form (信息中心 -> 省环境信息中心, 环科院 -> 省环境科学研究院): ``short``'s characters in order, few left out between them,
    in a list item opening with a level word. None when the short form carries its level, is not an institution's, or fits
    no full name or two."""
    if len(short) < 3 or has_level_prefix(short) or NATIONAL_RE.search(short) or not ABBREVIATED_KIND_RE.search(short):
        return None
    gap = rf"[\u4e00-\u9fff]{{0,{MAX_ABBREVIATION_GAP}}}?"
    pattern = re.compile(FULL_NAME_START + gap + gap.join(re.escape(ch) for ch in short))
    fits = {m.group(0) for m in pattern.finditer(text or "")}
    if len(fits) != 1:
        return None
    full = next(iter(fits))
    return full if len(full) > len(short) + 1 else None


def split_top_level(text: str, separators: str) -> list[str]:
    """Split ``text`` on any of ``separators`` that are not inside brackets."""
    parts: list[str] = []
    depth = 0
    buf: list[str] = []
    for ch in text:
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        if depth == 0 and ch in separators:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def looks_like_agency(name: str, strict: bool = False) -> bool:
    """Whether a cleaned list item looks like the name of a body (not a phrase or a number)."""
    if len(name) < 2 or len(name) > 30 or not AGENCY_CHARS_RE.match(name):
        return False
    if is_implementing(name) or is_functional_body(name) or is_level_role_body(name) or is_field_department(name):
        return True
    if GENERIC_ITEM_RE.match(name):
        return False
    regex = STRICT_AGENCY_SUFFIX_RE if strict else AGENCY_SUFFIX_RE
    if strict and len(name) < 3:
        return False
    # A second name in brackets after the body: 市交通运输局（市铁路办） (北海).
    base = re.sub(r"（[^（）]{2,12}）$", "", name) or name
    return bool(regex.search(base))


def is_implementing(name: str) -> bool:
    """Whether a name is a sub-jurisdiction government / zone that implements tasks locally."""
    return bool(IMPLEMENTING_RE.match(clean_name(name)))


def _region_short(region: str) -> str:
    return short_name(region) if region else ""


def is_local_body(name: str, region: str = "") -> bool:
    """Whether a name is a NAMED local government or a development-zone committee.

    ``武昌区人民政府``, ``金堂县政府``, ``彭州市政府``, ``滨海新区人民政府`` (a government of a
    sub-region of ``region``) and ``辽源高新区管委会``, ``涠洲岛旅游区管委会`` (a zone committee).
    The document's own government (``武汉市人民政府`` in the 武汉 plan) is not one; generic
    bodies (各县区政府) are :func:`is_implementing`.
    """
    name = clean_name(name)
    if is_implementing(name):
        return False
    if ZONE_COMMITTEE_RE.match(name):
        return True
    m = NAMED_LOCAL_GOVERNMENT_RE.match(name)
    if not m:
        return False
    place = m.group("place")
    if place[0] in LEVEL_PREFIXES and len(place) <= 2:
        return False  # 市县政府 / 区县政府 are generic (IMPLEMENTING_RE), 省市 is not a place
    short = _region_short(region)
    return not (region and (place == region or (len(short) >= 2 and place == short + region[-1:])))


def _split_conjunctions(item: str) -> list[str]:
    """Split "A和B" / "A及B" when both halves look like agencies; keep 住房和城乡建设局 whole."""
    for m in CONJUNCTION_RE.finditer(item):
        left, right = item[: m.start()], item[m.end() :]
        if looks_like_agency(left) and looks_like_agency(right) and len(left) >= 3 and len(right) >= 3:
            return [left, *_split_conjunctions(right)]
    return [item]


# A bare named place in a list whose last item carries the body for all of them:
# "彭州市、金堂县、大邑县政府" / "武昌区、青山区人民政府" (成都, 武汉).
BARE_PLACE_RE = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:市|县|区|旗)$")
SHARED_BODY_RE = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:市|县|区|旗)(?P<body>人民政府|政府|管委会)$")


def _distribute_shared_suffix(parts: list[str]) -> list[str]:
    """Give a run of bare place names the body of the item that closes the run."""
    out = list(parts)
    for i, part in enumerate(out):
        m = SHARED_BODY_RE.match(clean_name(part))
        if not m:
            continue
        j = i - 1
        while j >= 0 and BARE_PLACE_RE.match(clean_name(out[j])) and not clean_name(out[j]).startswith("各"):
            out[j] = clean_name(out[j]) + m.group("body")
            j -= 1
    return out


def _distribute_level_prefix(parts: list[str]) -> list[str]:
    """"市、区机管局" -> 市机管局, 区机管局: a bare level word shares the body of the next item."""
    out = list(parts)
    for i in range(len(out) - 2, -1, -1):
        here, nxt = clean_name(out[i]), clean_name(out[i + 1])
        if here in LEVEL_PREFIXES and len(nxt) > 2 and nxt[0] in LEVEL_PREFIXES:
            out[i] = here + nxt[1:]
    return out


# the provinces written with their kinds, one body of a national plan's lower level ("各省、自治区、直辖市人民政府"): its 、
# are held while the list is split, so that the body stays whole as written
PROVINCE_LEVELS_RE = re.compile(r"各省、自治区、直辖市(?:和新疆生产建设兵团)?(?:人民)?政府")
PROVINCE_LEVELS_JOINER = "\u2063"  # (an invisible separator no document writes)


def split_agency_list(text: str) -> list[str]:
    """Split an annotation's agency list into names, in the order written.

    Handles 、 ， ； separators outside brackets (so 各县（市、区）政府 stays whole), the
    conjunctions 和 / 及 / 与 between two agencies, a trailing 等 / 等有关部门, and stray spaces
    or newlines left by page breaks. Generic references (有关部门, 各有关单位) are dropped.

    Args:
        text: e.g. ``"市工信局、生态环境局、发展改革委等"``.

    Returns:
        e.g. ``["市工信局", "生态环境局", "发展改革委"]``.
    """
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).translate(_HALF_TO_FULL)
    text = DENG_JOIN_RE.sub("、", text)
    text = PROVINCE_LEVELS_RE.sub(lambda m: m.group(0).replace("、", PROVINCE_LEVELS_JOINER), text)
    names: list[str] = []
    for part in _distribute_shared_suffix(_distribute_level_prefix(split_top_level(text, "、，,；;"))):
        part = clean_name(part)
        if GENERIC_ITEM_RE.match(part):
            continue  # 市级有关部门: not "市级" + filler
        part = TRAILING_FILLER_RE.sub("", part) if not is_implementing(part) else part
        part = clean_name(part)
        if not part:
            continue
        for item in _split_conjunctions(part):
            item = clean_name(item)
            if item and not GENERIC_ITEM_RE.match(item):
                names.append(item.replace(PROVINCE_LEVELS_JOINER, "、"))
    return names


# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------


def normalise_suffix(name: str) -> str:
    """Apply the alias table to a region-free name: 工信局 -> 工业和信息化局.

    Exact aliases are tried first, then prefix aliases (人行… -> 中国人民银行…), then the
    longest suffix alias.
    """
    for rule in _aliases():
        if rule.kind == "exact" and name == rule.alias:
            return rule.canonical
    for rule in _aliases():
        if rule.kind == "prefix" and name.startswith(rule.alias) and not name.startswith(rule.canonical):
            name = rule.canonical + name[len(rule.alias) :]
            break
    for rule in _aliases():
        if rule.kind == "suffix" and name.endswith(rule.alias):
            return name[: len(name) - len(rule.alias)] + rule.canonical
    # 市场监管局 is common inside longer names (…监管分局) but those are handled above.
    return name


def _normalise_implementing(name: str) -> str:
    """Canonical form of an implementing body: 政府 -> 人民政府, 管委会 -> 管理委员会."""
    name = re.sub(r"(?<!人民)政府", "人民政府", name)
    name = name.replace("管委会", "管理委员会")
    return name


def non_government_category(name: str) -> str:
    """The non-government category of a name ('' when it is a government organ)."""
    for pattern, category in _non_government():
        if pattern.search(name):
            return category
    return ""


def _agency(name: str, canonical: str, region: str) -> Agency:
    agency_type = canonical[len(region) :] if region and canonical.startswith(region) else canonical
    if region and region in agency_type:
        agency_type = agency_type.replace(region, "", 1)
    return Agency(
        name=name,
        canonical=canonical,
        agency_type=agency_type,
        region=region,
        is_government=not non_government_category(name),
    )


# a body named with its level inside running text ("…报市生态环境局，…", "经省发展改革委审核后…")
BODY_MENTION_RE = re.compile(
    # (every lower place's department, "各市（区）生态环境局", "各设区市生态环境局", is one mention, never cut to "区市…局")
    rf"(?:{EVERY_LOWER_PLACE}|自治区|国家|省|市(?!场)|县(?!域)|区(?!域))"
    # (a 委 read as a body's end is no 管委会's cut in two — "区管委" out of 经开区管委会 —, though "发展改革委会同" ends
    # at its 委; nor is the 办 of 办法 a 办)
    r"[^\W\d_的与及在对为以从向按并或等、]{1,12}?(?:委员会|管委会|办公室|局|厅|(?<!管)委|委(?!会)|办(?!法)|署)"
    r"(?![\u4e00-\u9fff]{0,1}(?:长|员|主任))"
)
# a level word that ends another word (片区, 开发区, 新区, 示范区 …; 城市): the body, if any, starts before it — with the
# zone's or place's name written there ("北京经济技术开发区经济发展局", "江北新区科创局"), never at the level word
WORD_ENDING_LEVEL = {"区": frozenset("片园新城社辖景发开验贸税范能示"), "市": frozenset("城")}
# how far back such a name is read, and what ends it: punctuation, a space, a function word
MAX_NAME_BEFORE_LEVEL = 10
NAME_BEFORE_STOP_RE = re.compile(r"[^\u4e00-\u9fff]|[的与及在对为以从向按并或等和由报请各]")
# mentions that are governments, party or people's congress bodies, a level's generic office, or words ending like a
# body (格局, 布局)
NOT_A_DEPARTMENT_RE = re.compile(r"政府|党委|人大|政协|市委|省委|区委|县委|纪委|有关|相关|各|格局|布局|结局|大局|全局|开局|当局")
EVERY_LOWER_PLACE_RE = re.compile(EVERY_LOWER_PLACE)
MAX_BODY_MENTIONS = 4


@functools.lru_cache(maxsize=1)
def _region_full_names() -> frozenset[str]:
    """Every place's full name in the gazetteer (江苏省, 南京市, 广西壮族自治区 …)."""
    return frozenset(r.name for r in get_gazetteer().regions)


# a zone's administrative committee ("福州高新区管委会", "自贸区福州片区管委会", "自贸试验区管理委员会"): a body whose name
# holds no level word at its start, so BODY_MENTION_RE does not read it; the zone's name is read back from the zone word
# (_zone_body)
ZONE_BODY_RE = re.compile(
    r"(?:高新技术产业开发区|经济技术开发区|经济开发区|自由贸易试验区|自贸试验区|高新区|开发区|经开区|新区|片区|园区|试验区"
    r"|实验区|示范区|自贸区|保税区)(?:管委会|管理委员会)"
)
# the country and province a free-trade zone is written with ("中国（云南）自由贸易试验区")
FREE_TRADE_ZONE_PLACE_RE = re.compile(r"中国[（(][\u4e00-\u9fff]{2,8}[）)]$")


def _zone_body(text: str, m: re.Match[str]) -> str:
    """The zone body :data:`ZONE_BODY_RE` matched, with the zone's name written before it back to the word before that
    ("福州高新区管委会", "自贸区福州片区管委会", "邯郸经济技术开发区管委会"; "中国（云南）" + "自由贸易试验区管理委员会"), or as
    written when a delimiter stands right before it ("、高新区管委会")."""
    if (country := FREE_TRADE_ZONE_PLACE_RE.search(text, 0, m.start())) is not None:
        return text[country.start() : m.end()]
    return text[_name_run_start(text, m.start()) : m.end()]


def _name_run_start(text: str, start: int) -> int:
    """Where the name written right before ``start`` begins: back over characters that are no delimiter or function word
    (:data:`NAME_BEFORE_STOP_RE`), at most :data:`MAX_NAME_BEFORE_LEVEL` of them."""
    begin = start
    while begin > 0 and start - begin < MAX_NAME_BEFORE_LEVEL and not NAME_BEFORE_STOP_RE.match(text[begin - 1]):
        begin -= 1
    return begin


# the longest place name read before a body's level word ("新疆维吾尔" before 自治区)
MAX_PLACE_BEFORE_LEVEL = 8
# the level words a mention may open with, longest first
MENTION_LEVEL_WORDS = ("自治区", "省", "市", "县", "区")


def _level_word(name: str) -> str:
    """The level word ``name`` opens with (:data:`MENTION_LEVEL_WORDS`), or ""."""
    return next((w for w in MENTION_LEVEL_WORDS if name.startswith(w)), "")


def _place_before(text: str, start: int, name: str) -> str:
    """``name`` (a mention starting at ``start`` with its level word) with the place written right before that level word
    when the two make a place's full name ("江苏" + "省交通运输厅" -> 江苏省交通运输厅, "广西壮族" + "自治区交通运输厅");
    ``name`` as it is otherwise."""
    level = _level_word(name)
    if not level:
        return name
    for k in range(min(MAX_PLACE_BEFORE_LEVEL, start), 1, -1):
        if text[start - k : start] + level in _region_full_names():
            return text[start - k : start] + name
    return name


def _with_name_before(text: str, start: int, name: str) -> str | None:
    """A level-word mention with the place before it (:func:`_place_before`); when its level word ends another word
    (:data:`WORD_ENDING_LEVEL`: 德宏片区, 江北新区) the zone's or place's name before it back to the word before it, or
    None for 城市 that is no place's (城市客厅, 城市下沉) and for a zone word with no name before it."""
    placed = _place_before(text, start, name)
    if placed != name:
        return placed
    level = _level_word(name)
    if not (level in WORD_ENDING_LEVEL and start and text[start - 1] in WORD_ENDING_LEVEL[level]):
        return name
    if level == "市":
        return None
    begin = _name_run_start(text, start)
    return text[begin:start] + name if start - begin >= 1 else None


def _same_body_with_place(full: str, bare: str) -> bool:
    """Whether ``full`` is ``bare`` (a body written from its level word) with its place before it, as
    :func:`_place_before` reads one: 深圳 + 市工业和信息化局."""
    return full != bare and full.endswith(bare) and _place_before(full, len(full) - len(bare), bare) == full


def bodies_mentioned(text: str) -> list[str]:
    """The departments a text names with their level, in order, at most :data:`MAX_BODY_MENTIONS`
    ("区生态环境局核实材料后报市生态环境局" -> 区生态环境局, 市生态环境局), with the place written before the level word
    ("江苏省交通运输厅", never "省交通运输厅" cut out of it), and zones' committees with their place (自贸区福州片区管委会,
    :data:`ZONE_BODY_RE`); a body written bare and in full is one mention, the full name; governments and party bodies
    are left out."""
    text = text or ""
    found = [(m.start(), name) for m in BODY_MENTION_RE.finditer(text)
             if (name := _with_name_before(text, m.start(), m.group(0))) is not None]
    found += [(m.start(), _zone_body(text, m)) for m in ZONE_BODY_RE.finditer(text)]
    out: list[str] = []
    for _start, name in sorted(found):
        # (every lower place written first is no generic 各: "各市（区）生态环境局")
        lower = EVERY_LOWER_PLACE_RE.match(name)
        own = name[lower.end() :] if lower else name
        if NOT_A_DEPARTMENT_RE.search(own) or not looks_like_agency(name, strict=True) or name in out:
            continue
        if any(_same_body_with_place(n, name) for n in out):
            continue  # (written bare after its full name: "深圳市工业和信息化局 … 市工业和信息化局")
        out = [n for n in out if not _same_body_with_place(name, n)]  # (… or before it)
        out.append(name)
        if len(out) >= MAX_BODY_MENTIONS:
            break
    return out


# how far back from a 部门 a department named by its field, function or level may start ("县级以上地方人民政府生态环境主管部门")
MAX_FIELD_BODY = 18


def field_bodies_mentioned(text: str) -> list[str]:
    """The departments a text names by their field, function or level rather than by a full name ("交通运输部门负责监测取证，
    生态环境部门监督维修" -> 交通运输部门, 生态环境部门; 各级节能主管部门; 县级以上地方人民政府生态环境主管部门), in order, at
    most :data:`MAX_BODY_MENTIONS`: before each 部门 the longest reading of a level's or a function's body, else the longest
    whose field the dictionary knows — so no reading starts inside a word ("…会同生态环境部门" reads 生态环境部门, "充分发挥统计
    部门作用" 统计部门) — and never a kind of department (有关部门, 各部门, 人民政府有关部门)."""
    text = text or ""
    found: list[tuple[int, str]] = []
    for m in re.finditer("部门", text):
        name = _field_body_reading(text, m.end())
        if name:
            found.append((m.start(), name))
    # fields listed before 等部门 ("建立生态环境、自然资源、水利等部门信息共享机制"): each field's department, where the
    # dictionary knows every field of the list
    for m in FIELDS_LISTED_RE.finditer(text):
        fields = m.group("fields").split("、")
        # (the first field read from its longest known ending: the list follows a verb, "建立生态环境、…")
        first = next((fields[0][i:] for i in range(len(fields[0]) - 1) if is_known_field(fields[0][i:])), None)
        if first is not None and all(is_known_field(f) for f in fields[1:]):
            found.extend((m.start() + i, f + "部门") for i, f in enumerate([first, *fields[1:]]))
    out: list[str] = []
    for _at, name in sorted(found, key=lambda x: x[0]):
        if name not in out:
            out.append(name)
            if len(out) >= MAX_BODY_MENTIONS:
                break
    return out


# fields listed before one department word ("生态环境、自然资源、水利等部门", "发展改革、财政等有关部门"): two at least —
# never 部门 in the sense of a sector, its emissions or its firms ("推进能源、交通运输等部门绿色低碳转型", "降低农业、林业等部门
# 排放", "鼓励金融、商务等部门企业参与")
FIELDS_LISTED_RE = re.compile(
    rf"(?P<fields>(?:[\u4e00-\u9fff]{{2,10}}、)+[\u4e00-\u9fff]{{2,10}})等{DEPARTMENTS_KIND}部门"
    r"(?!的?(?:排放|碳|低碳|减排|节能|绿色|转型|能耗|企业|产品|领域|行业))"
)


def _field_body_reading(text: str, end: int) -> str | None:
    """The reading of a department ending at ``end`` for :func:`field_bodies_mentioned`, or None."""
    best: str | None = None
    strict = False
    for start in range(end - 4, max(0, end - MAX_FIELD_BODY) - 1, -1):
        name = text[start:end]
        if GENERIC_INSIDE_RE.search(name) or not re.fullmatch(r"[\u4e00-\u9fff（）]+", name):
            break
        if SPLIT_PLACE_OPENING_RE.match(name):
            continue  # (a place word cut from its phrase: "设区的市…" read from 区的)
        if is_functional_body(name) or is_level_role_body(name):
            best, strict = name, True
        elif not strict and is_known_field(FIELD_DEPARTMENT_WORDS_RE.sub("", name)):
            best = name
    return best


# a level word followed by 的: the end of a place phrase ("设区的市"), never a body's opening
SPLIT_PLACE_OPENING_RE = re.compile(r"^[省市县区州]的")
# what closes a field's department ("生态环境主管部门", "住房城乡建设行政主管部门"), left out to read its field
FIELD_DEPARTMENT_WORDS_RE = re.compile(r"(?:行政)?(?:主管)?部门$")
# words that make a reading a kind of department rather than one ("人民政府有关部门", "相关部门")
GENERIC_INSIDE_RE = re.compile(r"有关|相关|其他|其它|各部门")


# a government written as the subject of a sentence that charges it ("市政府将不定期派出督查组", "省人民政府应当组织编制…"):
# read only to be mentioned — a plan's own government charging itself is no responsibility read (README, eleventh round)
GOVERNMENT_CHARGED_RE = re.compile(
    r"(?:^|(?<=[。；;！!\n]))\s*(?P<government>(?:自治区|省|市|县|区|州|盟|旗)(?:人民)?政府)"
    r"(?=将|要|应当|应(?!对|用|急)|须|必须|负责(?!同志|人)|统筹|组织|定期|不定期)"
)


def governments_charged(text: str) -> list[str]:
    """The governments ``text`` writes as the subject of a sentence charging them, as written and in order
    ("市政府将不定期派出督查组…" -> 市政府); a government inside a sentence ("报市政府批准") is none."""
    out: list[str] = []
    for m in GOVERNMENT_CHARGED_RE.finditer(text or ""):
        if m.group("government") not in out:
            out.append(m.group("government"))
    return out


# a level's treasury named as the one that pays ("市财政按其年度技改设备和信息化建设投资额的3%给予补助"): the finance
# department of that level, as plans write it when it funds a measure; a level's finances in general ("省级财政给予每个
# 生态文明强县1000万元的…支持", 372 山东 四（一）, read in the annotation gold as naming no body) are none
LEVEL_TREASURY_RE = re.compile(r"^(?:省|市|县|区|自治区|州|盟|旗)财政$")


def is_functional_body(name: str) -> bool:
    """市生态环境主管部门 / 省人民政府住房城乡建设主管部门 / 省住房城乡建设部门: one department named by its function
    and level — or by a place instead of the level (浦东新区生态环境部门, 三明生态环境部门); a level's treasury (市财政)."""
    if FUNCTIONAL_BODY_RE.match(name) or LEVEL_TREASURY_RE.match(name):
        return True
    return name.endswith("部门") and name[:1] not in LEVEL_PREFIXES and _place_functional_body(name)


DEPARTMENT_FIELDS_FILE = Path(__file__).resolve().parent / "dictionaries" / "department_fields.txt"


def _words_longest_first(path: Path) -> tuple[str, ...]:
    """The words of a one-word-a-line list, longest first (:func:`ingest.datafiles.content_lines`)."""
    return tuple(sorted({line.strip() for _lineno, line in content_lines(path)}, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def department_fields(path: Path = DEPARTMENT_FIELDS_FILE) -> tuple[str, ...]:
    """The fields departments are named by (``dictionaries/department_fields.txt``), longest first."""
    return _words_longest_first(path)


@functools.lru_cache(maxsize=1)
def _field_with_a_character_lost_re() -> tuple[re.Pattern[str], dict[str, str]]:
    """A department's field written with one of its characters lost (经济和信息 for 经济和信息化, 然资源 for 自然资源) right
    after a level word or a place and before the department's last word (厅, 局, 部门), and each such writing's field:
    only fields of four or more characters, and only writings that are no field themselves and lose a character of one
    field alone."""
    fields = department_fields()
    lost: dict[str, set[str]] = {}
    for field in fields:
        if len(field) < 4:
            continue
        for at in range(len(field)):
            lost.setdefault(field[:at] + field[at + 1 :], set()).add(field)
    # (a writing inside another field is that field's part: 信息化 of 工业和信息化 is no 经济信息化 lost a character)
    repairs = {w: next(iter(fs)) for w, fs in lost.items() if len(fs) == 1 and not is_known_field(w)
               and not any(w in f for f in fields if f not in fs)}
    alternation = "|".join(sorted(map(re.escape, repairs), key=len, reverse=True))
    # (before 厅, 局 or 部门 only: a 委 is often written by an abbreviation that drops characters — 重庆市住房城乡建委, 经济信息委)
    return re.compile(rf"(?:^|(?<=[省市区县州旗盟]))({alternation})(?=厅|局|部门)"), repairs


def field_typo_repaired(name: str) -> str:
    """A department name whose field lost one character in the document's text ("省经济和信息厅" in 安徽 207, "市然资源局" in
    南平 465) written with the field whole (省经济和信息化厅, 市自然资源局); other names as they are."""
    pattern, repairs = _field_with_a_character_lost_re()
    found = pattern.search(name)
    # (the field written whole around the match is no character lost: 市场监管局 opens with its field, 市场监管)
    if found is None or repairs[found.group(1)] in name:
        return name
    return name[: found.start(1)] + repairs[found.group(1)] + name[found.end(1) :]


ACTOR_KINDS_FILE = Path(__file__).resolve().parent / "dictionaries" / "actor_kinds.txt"
# what may stand before a kind without naming a body of its own: every one of them (各 / 各级 / 各类), or a rank or a
# share of the kind's members rather than a sector (重点企业, 相关企业, 规上企业, 广大企业)
KIND_SHARE_RE = re.compile(r"^(?:各级|各类|各)?")
KIND_RANK_RE = re.compile(r"^(?:重点|相关|有关|广大|其他|其它|规模以上|规上|全部|所有|中小|龙头|骨干|试点|示范|新建|现有|存量)")


@functools.lru_cache(maxsize=1)
def actor_kinds(path: Path = ACTOR_KINDS_FILE) -> tuple[str, ...]:
    """The kinds of bodies other than departments that sentences charge with work (``dictionaries/actor_kinds.txt``),
    longest first."""
    return _words_longest_first(path)


TRAILING_ALIAS_RE = re.compile(r"[（(][\u4e00-\u9fff]{2,12}[）)]$")


def other_kind_body(name: str) -> bool:
    """Whether ``name`` is a body of a kind other than a department, written as a sentence's subject names it: its kind
    last, before it only 各 / 各级 / 各类 and nouns (各电力企业, 电网企业, 各类新闻媒体, 各级法院); an enterprise needs its
    sector (企业, 重点企业, 推动企业 are none)."""
    # (the other name a body goes by, in brackets after it, is no part of its kind: "各级党校（行政学院）")
    name = TRAILING_ALIAS_RE.sub("", name)
    kind = next((k for k in actor_kinds() if name.endswith(k)), None)
    if kind is None:
        return False
    qualifier = KIND_SHARE_RE.sub("", name[: -len(kind)], count=1)
    if kind == "企业" and (len(qualifier) < 2 or KIND_RANK_RE.match(qualifier)):
        return False
    return not qualifier or all(w.flag not in ("v", "p", "f", "m", "r", "c", "d") for w in pos_words(qualifier))


def is_known_field(field: str) -> bool:
    """Whether ``field`` (written without level) is a department's field of the dictionary, or one with 管理 after it
    (住房城乡建设管理): 财政, 市场监管 — not 银行, 企业 or 电力企业."""
    fields = department_fields()
    return field in fields or (field.endswith("管理") and field[: -len("管理")] in fields)


def is_field_department(name: str) -> bool:
    """生态环境部门 / 林草部门 / 住房和城乡建设部门: a field's department written without level or place, as a plan names
    its own level's department ("生态环境部门、自然资源部门应及时共享…"); never a kind of department (有关部门, 职能部门)."""
    if not (
        # (市场监管部门 opens with 市场, no level)
        name.endswith("部门") and (name[:1] not in LEVEL_PREFIXES or name.startswith("市场"))
        and not re.search(r"[各全级]", name)
        and not re.match(rf"(?:{KIND_OF_DEPARTMENT}|有关|相关|其他|其它)", name)
        and FUNCTIONAL_BODY_RE.match("市" + name)
    ):
        return False
    # a field is a noun ("生态环境", "住房和城乡建设", "林草"), not a verb phrase ("开展塑料污染治理部门", "强化部门") nor a
    # government's or a function's word (政府部门, 监管部门, 管理部门)
    field = name[: -len("部门")]
    return not NOT_A_FIELD_RE.match(field) and (
        _field_starts_with_noun(field) or _abbreviated_field(field) or _opens_with_a_known_field(field)
    )


def _opens_with_a_known_field(field: str) -> bool:
    """Whether ``field`` is a field of the dictionary, or one with 主管 after it (节能, 节能主管: jieba tags 节能 a verb)."""
    return is_known_field(field) or (field.endswith("主管") and is_known_field(field[: -len("主管")]))


@functools.lru_cache(maxsize=1)
def _abbreviated_fields() -> frozenset[str]:
    """Fields written by the short form the alias table gives their departments (住建 of 住建局, 工信 of 工信厅)."""
    return frozenset(
        r.alias[:-1] for r in _aliases() if r.kind == "suffix" and len(r.alias) > 2 and r.alias[-1] in "局厅委部"
    )


def _abbreviated_field(field: str) -> bool:
    """Whether ``field`` is a department's short form in the alias table (jieba reads 住建 as two verbs)."""
    return field in _abbreviated_fields()


NOT_A_FIELD_RE = re.compile(r"^(?:政府|监管|管理|行政|执法|职能|业务|综合|主管|行业)$")
# jieba's tags of a first word that starts no field's name: verb, adverb, preposition, conjunction, pronoun, numeral
NOT_A_FIELD_START_TAGS = ("v", "vd", "d", "ad", "p", "c", "r", "m", "q")


def pos_words(text: str) -> list:
    """jieba's part-of-speech words of ``text``."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return list(jieba.posseg.cut(text))


@functools.lru_cache(maxsize=4096)
def _field_starts_with_noun(field: str) -> bool:
    """Whether jieba's first word of a field's name is no verb, adverb, preposition, conjunction or pronoun."""
    words = pos_words(field)
    return bool(words) and words[0].flag not in NOT_A_FIELD_START_TAGS


# the level suffix after a place's short name ("浦东" + "新区", "三明" + "市")
PLACE_SUFFIX_RE = re.compile(r"^(?:新区|自治区|自治州|自治县|省|市|区|县|州|盟|旗)")


@functools.lru_cache(maxsize=4096)
def _place_functional_body(name: str) -> bool:
    """A field's department written with a place instead of a level word ("浦东新区生态环境部门")."""
    mentions = get_gazetteer().find_mentions(name[:10])
    if not mentions:
        return False
    for written in (mentions[0].name, short_name(mentions[0].name)):
        if len(written) >= 2 and name.startswith(written):
            return bool(FUNCTIONAL_BODY_RE.match("市" + PLACE_SUFFIX_RE.sub("", name[len(written):])))
    return False


# A field's departments of a whole level, named as one responsible body by national rules and provincial plans
# ("省级生态环境主管部门应当于每年4月底前…", "各级生态环境部门会同…", "县级以上林业主管部门有计划地组织…"): every
# such department, not one; never a kind of department (各级有关部门, 各级职能部门). National rules also write the levels
# below them as a whole ("市县财政部门负责…", "地方能源主管部门、电网企业要…", "各省（区、市）住房和城乡建设部门于…") and a
# request to some of a level ("请有关省级工业和信息化主管部门进行核查")
LEVEL_ROLE_PREFIX = (
    # (longer alternatives first: the prefix is also matched on its own, unanchored)
    # (盟市 and 旗县 are 内蒙古's levels of cities and counties: "盟市生态环境部门要开展…监测")
    r"(?:有关)?(?:县级以上|市级以上|省级以上|设区的市级|地方各级|各级|省级|市级|县级|区级|各地|市县(?:级)?|省市县|盟市(?:级)?"
    r"|旗县(?:级)?|地方"
    r"|各省级|各省(?:[（(]区、市[）)]|、自治区、直辖市)?)(?:地方)?(?:人民政府)?"
)
LEVEL_ROLE_PREFIX_RE = re.compile("^" + LEVEL_ROLE_PREFIX)
LEVEL_ROLE_BODY_RE = re.compile(
    rf"^{LEVEL_ROLE_PREFIX}"
    rf"(?!有关|相关|其他|各|{KIND_OF_DEPARTMENT}|所属|属地)"
    rf"(?:(?!{NOT_IN_FIELD}|各|政府)[\u4e00-\u9fff]){{2,12}}?(?:主管)?部门$"
    # … and every place of the levels below, written with 各 and those levels ("各区生态环境局将…汇总", "各市（州）经济
    # 和信息化主管部门要…", "各市、县（市、区）经济和信息化主管部门", "各设区市生态环境局"): a field's department, named whole
    rf"|^{EVERY_LOWER_PLACE}"
    rf"(?!有关|相关|其他|各|{KIND_OF_DEPARTMENT}|所属|属地|人民政府|政府)"
    rf"(?:(?!{NOT_IN_FIELD}|各|政府)[\u4e00-\u9fff]){{2,12}}?(?:主管部门|部门|局|厅|委员会|委)$"
)


def is_level_role_body(name: str) -> bool:
    """各级生态环境部门 / 省级生态环境主管部门 / 县级以上林业主管部门: a field's departments of a whole level, named as the
    responsible body."""
    return bool(LEVEL_ROLE_BODY_RE.match(name))


def has_level_prefix(name: str) -> bool:
    """市工信局 / 省环保厅 / 县… have a level prefix; 市场监管局 does not (市市场监管局 does)."""
    if len(name) <= 2 or name[0] not in LEVEL_PREFIXES:
        return False
    if name.startswith("市场") and not name.startswith("市市场"):
        return False
    # 市政管理局 / 市政公用局 (北海: "市发展改革委、市政管理局") is a bare name; 市政府国资委 is 市 + 政府….
    return not (name.startswith("市政") and not name.startswith(("市政府", "市政务")))


def _embedded_region(name: str, region: str) -> str:
    """The region written inside a name after its parent organisation: 人行晋城市分行 -> 晋城市."""
    if region and region in name:
        return region
    for rule in _aliases():
        if rule.kind == "prefix" and name.startswith(rule.alias):
            m = EXPLICIT_REGION_RE.match(name[len(rule.alias) :])
            if m:
                return m.group(1)
    if name.startswith(("国家", "国务院", "中国", "中央", "全国")):
        return ""
    return ""


# Bodies named after a national parent organisation, kept as written wherever they appear.
PARENT_PREFIXES = ("人行", "人民银行", "国网", "国家电网", "中国铁路", "国铁")

@functools.lru_cache(maxsize=1)
def _province_short() -> dict[str, str]:
    """Short form -> full name of every province-level unit (the gazetteer's)."""
    return {short_name(p): p for p in province_names()}


def is_province_short(place: str) -> bool:
    """True when ``place`` is a province-level unit's short name (四川, 广西, 北京)."""
    return place in _province_short()


# A province government's department after the province's short name (发展改革委, 交通运输厅, 能源局).
PROVINCE_DEPARTMENT_RE = re.compile(r"^[\u4e00-\u9fff]{1,12}?(?:厅|委|委员会|局|办|办公室)$")


def _province_department(name: str) -> tuple[str, str] | None:
    """(full province name, department) for "广西发展改革委"-style names, else None."""
    for short, full in _province_short().items():
        if len(short) >= 2 and name.startswith(short) and not name.startswith(full):
            rest = name[len(short):]
            if rest.startswith(("省", "市", "自治区", "路", "大学", "银行")) or _province_short_prefix(name):
                return None
            if len(rest) >= 3 and PROVINCE_DEPARTMENT_RE.match(rest) and not non_government_category(name):
                return full, rest
    return None


def _province_short_prefix(name: str) -> str:
    """The province of a name that starts with its short form (四川证监局 -> 四川省), else ""."""
    for short, full in _province_short().items():
        if name.startswith(short) and not name.startswith(full) and len(name) > len(short) + 1:
            rest = name[len(short):]
            # 山西路… / 江西… are not at stake here; require a body right after the short name.
            if re.match(r"^(?:证监局|银保监局|银保监分局|监管局|海事局|海关|通信管理局|邮政管理局|税务局|调查总队|能源监管办|气象局|省|市)", rest):
                return full
    return ""


# what a central body's own name opens with, which a national document drops once its header has named it (发展改革委,
# 国资委): national_bodies.txt lists the full names
NATIONAL_OPENINGS = ("国家", "国务院")
# a level's own government or party committee written by its level word alone
OWN_LEVEL_GOVERNMENT_RE = re.compile(r"^(?P<level>省|市|县|区|州|盟|旗)(?P<body>人民政府|政府|委)$")


def _level_region(prefix: str, region: str, province: str | None, context: str | None) -> str | None:
    """Resolve a level prefix (市/省/县…) to a qualified region name, or None if unknown."""
    if prefix == "省":
        if context and context.endswith(("省", "自治区")):
            return context
        if region.endswith(("省", "自治区")):
            return region
        return province or None
    if prefix == "市":
        if context and context.endswith("市"):
            return context
        if region.endswith("市"):
            return region
        # a county's or a district's plan names its city's departments with 市 (浦东新区's "市财政", 繁昌区's "市生态
        # 环境局"): the city it lies in
        place = resolve_region(region) if region else None
        return place.parent if place is not None and place.level == "county" and place.parent.endswith("市") else None
    # 县 / 区 / 州 / 盟 / 旗: only the document's own county-level region qualifies.
    if context and context.endswith(prefix):
        return context
    return region if region.endswith(prefix) else None


# a range of administrative levels opening a body's name: 县级以上, 县级及以上, 地级及以上, 市级以上 (not 省级: one body)
# (and 内蒙古's every 盟 and 市, every 旗 and 县: "盟市生态环境部门要开展…监测")
LEVEL_RANGE_RE = re.compile(r"^(?:(?:县级|地级|市级|乡级|县)(?:及)?以上|盟市|旗县)")


def _qualify(raw: str, region: str, province: str | None, context: str | None) -> tuple[Agency, str | None]:
    """Qualify one name; returns the agency and the region context for following bare names."""
    name = field_typo_repaired(clean_name(raw))
    region = region or ""
    # A second nameplate of the same body in brackets: 市交通运输局〔市铁路办〕 (北海) is 市交通运输局.
    m_plate = SECOND_NAMEPLATE_RE.match(name)
    if m_plate and not is_implementing(name):
        name = m_plate.group(1)

    # 0. "自治区…" in an autonomous region's plan (or a plan of one of its cities): the region's full name
    #    replaces the level word (自治区交通运输厅 -> 广西壮族自治区交通运输厅, never "…自治区自治区…"), and
    #    the bare names after it in the list take the same region.
    if name.startswith("自治区") and len(name) > 4:
        autonomous = region if region.endswith("自治区") else (province or "")
        if autonomous.endswith("自治区"):
            full = autonomous + name[3:]
            return _agency(full, autonomous + normalise_suffix(name[3:]), autonomous), autonomous

    # 0a. Every body of a range of levels inside the plan's place (县级以上林业主管部门, 地级及以上城市政府, 县级及以上地方人民政府
    #     in a province's plan, 盟市生态环境部门 in 内蒙古's): the place before them, as 各市（区）生态环境局 and 设区的市级生态环境主管部门 are written
    #     (辽宁省县级以上林业主管部门); a national plan's are every place's, as written
    if LEVEL_RANGE_RE.match(name) and region and region != "全国" and not name.startswith(region):
        return _agency(region + name, region + normalise_suffix(name), region), context

    # 0b. The plan's own level's government or party committee written by the level word (市政府, 市人民政府, 市委, 省委):
    #     that level's place before it (株洲市政府, 株洲市委), never the place twice (株洲市市政府)
    own = OWN_LEVEL_GOVERNMENT_RE.match(name)
    if own and (resolved := _level_region(own.group("level"), region, province, context)):
        written = resolved + own.group("body")
        return _agency(written, written, resolved), context

    # 1. Sub-jurisdiction governments: 太原市各县（市、区）政府.
    if is_implementing(name):
        written = name
        if re.match(r"^(?:县|区|市)（", written):
            written = "各" + written
        base = region or (context or "")
        if name.startswith("省") and province:
            base = province
        if base == "全国":
            base = ""  # (a national plan's provinces are named as it writes them: 各省、自治区、直辖市人民政府)
        return _agency(base + written, base + _normalise_implementing(written), base or region), context

    # 1b. A named sub-region government: 金堂县政府 / 彭州市政府 as written, a district with
    #     its city (武汉市武昌区人民政府); region = the document's region.
    m_local = NAMED_LOCAL_GOVERNMENT_RE.match(name)
    if m_local and is_local_body(name, region):
        place = m_local.group("place")
        base = region or (context or "")
        written = name
        if (
            place.endswith("区")
            and base.endswith(("市", "州", "盟"))
            and not place.startswith(base)
            and not (len(_region_short(base)) >= 2 and place.startswith(_region_short(base)))
        ):
            written = base + name
        return _agency(written, _normalise_implementing(written), base), context

    # 1b'. A city of the document's province itself named as the one responsible (a table's 责任城市 column in a
    #     province's plan: "责任城市：南通市"): the city as written, its own region — not 江苏省南通市. Only a
    #     prefecture-level city whose name is the gazetteer's one place of that name; counties and districts (鼓楼区 ×4,
    #     城区) keep the rules below (a district is written with its city).
    if name.endswith(("市", "州", "盟")) and region.endswith(("省", "自治区")):
        places = get_gazetteer().by_name.get(name) or []
        if len(places) == 1 and places[0].level == "city" and places[0].parent == region:
            return _agency(name, name, name), context

    # 1c. 团市委 / 团省委: 共青团辽源市委 (alias kind "regional").
    regional = _regional_alias(name, region, province, context)
    if regional is not None:
        return regional, context

    # 2. Names that already carry the document region or its short form.
    short = re.sub(r"(?:省|市|自治区|自治州|县|区)$", "", region) if region else ""
    if region and (name.startswith(region) or (len(short) >= 2 and name.startswith(short) and not name.startswith(region))):
        if name.startswith(region):
            return _agency(name, region + normalise_suffix(name[len(region) :]), region), region
        return _agency(name, normalise_suffix(name), region), context

    # 3a. A province-level unit's full name at the start, however long (广西壮族自治区财政厅,
    #     新疆维吾尔自治区…): explicit, and it qualifies the bare names after it.
    for province_name in province_names():
        if name.startswith(province_name) and len(name) > len(province_name) + 1:
            rest = name[len(province_name) :]
            return _agency(name, province_name + normalise_suffix(rest), province_name), province_name

    # 3. An explicit (other) region at the start: 重庆市能源局, 四川省能源局.
    m = EXPLICIT_REGION_RE.match(name)
    # (a place the gazetteer knows: "制造强省建设领导小组" opens with no place, it is 四川省's group)
    if m and name[0] not in LEVEL_PREFIXES and get_gazetteer().by_name.get(m.group(1)):
        explicit = m.group(1)
        rest = name[len(explicit) :]
        # A named county-level city's government (彭州市政府) does not qualify the names after it.
        next_context = context if re.fullmatch(r"(?:人民)?政府|管委会", rest) else explicit
        return _agency(name, explicit + normalise_suffix(rest), explicit), next_context

    # 3b. A province written in short form: 四川证监局, 山东银保监局 (in any document).
    province_short = _province_short_prefix(name)
    if province_short and not name.startswith(("国家", "国务院", "中国", "中央", "全国")):
        return _agency(name, normalise_suffix(name), province_short), context

    # 3c. A province's own department written with the province's short name: 广西发展改革委 ->
    #     广西壮族自治区发展改革委, 宁夏财政厅 -> 宁夏回族自治区财政厅 (the full name, as the province writes it).
    department = _province_department(name)
    if department is not None:
        full, rest = department
        return _agency(full + rest, full + normalise_suffix(rest), full), full

    # 4. National bodies and bodies named after their parent organisation (人行晋城市分行,
    #    国家金融监管局晋城市监管分局, 国网山东省电力公司): kept as written; the embedded region is recorded.
    if (NATIONAL_RE.search(name) and not has_level_prefix(name)) or name.startswith(PARENT_PREFIXES):
        canonical = normalise_suffix(name)
        return _agency(name, canonical, _embedded_region(name, region)), context

    # 5. A level prefix: 市工信局 / 省农业农村厅 (市场监管局 is NOT 市 + 场监管局).
    prefix = name[0]
    if has_level_prefix(name):
        resolved = _level_region(prefix, region, province, context)
        rest = name[1:]
        if resolved:
            return _agency(resolved + rest, resolved + normalise_suffix(rest), resolved), resolved
        return _agency(name, normalise_suffix(name), ""), context

    # 6. A bare name: take the list context, else the document region (a bare …厅 in a city
    #    document belongs to the province).
    if region == "全国" and not context:
        # A national document: bare names are national bodies as written (证监会, 银保监会); one that is a 国家…
        # body with 国家 dropped ("发展改革委、能源局组织…" after a header naming them in full) is that body.
        opening = next((o for o in NATIONAL_OPENINGS if o + name in national_bodies()), None)
        if opening is not None:
            name = opening + name
        return _agency(name, normalise_suffix(name), ""), context
    place_short = _region_short(region)
    if (short and len(short) >= 2 and short in name[1:]) or (len(place_short) >= 2 and name.startswith(place_short)):
        # The document's place is written inside the name (北部湾港口管理局北海分局, 北海) or opens it in
        # its short form (宁夏消防救援总队 in a 宁夏回族自治区 plan): the name is already qualified.
        return _agency(name, normalise_suffix(name), region), context
    opening_place = place_opening(name, region) if region else ""
    if opening_place:
        # A body named after a place of the plan's province (南昌铁路局 in a 江西 plan): kept as written, with
        # that place, never "江西省南昌铁路局".
        return _agency(name, normalise_suffix(name), opening_place), context
    if non_government_category(name) == "enterprise":
        # A company named without a level prefix (黔晟国资公司 in the 贵州 plan) is a proper name:
        # prefixing the document region would invent a body ("贵州省黔晟国资公司"); kept as written,
        # the document region recorded. (市供电公司 has a level prefix and is qualified in step 5.)
        return _agency(name, normalise_suffix(name), region), context
    if context and not SHARED_BODY_RE.match(name):
        resolved = context
    elif name.endswith("厅") and region.endswith("市") and province:
        resolved = province
    else:
        resolved = region
    if resolved:
        return _agency(resolved + name, resolved + normalise_suffix(name), resolved), context
    return _agency(name, normalise_suffix(name), ""), context


REGIONAL_PLACEHOLDER_RE = re.compile(r"\{(省|市|县|区)\}")


def _regional_alias(name: str, region: str, province: str | None, context: str | None) -> Agency | None:
    """A "regional" alias (团市委 -> 共青团{市}委): the placeholder is the region of that level."""
    for rule in _aliases():
        if rule.kind != "regional" or name != rule.alias:
            continue
        m = REGIONAL_PLACEHOLDER_RE.search(rule.canonical)
        resolved = _level_region(m.group(1), region, province, context) if m else None
        if not m or not resolved:
            return None
        full = rule.canonical[: m.start()] + resolved + rule.canonical[m.end() :]
        agency_type = rule.canonical[: m.start()] + m.group(1) + rule.canonical[m.end() :]
        return Agency(
            name=full,
            canonical=full,
            agency_type=agency_type,
            region=resolved,
            is_government=not non_government_category(full),
        )
    return None


def qualify_agency(raw: str, region: str, province: str | None = None) -> Agency:
    """Qualify one agency name with the document's region.

    Args:
        raw: the name as written, e.g. ``"市生态环境局"``, ``"发展改革委"``, ``"生态环境部"``.
        region: the document region (``太原市``, ``山西省``; ``""`` when unknown).
        province: the province of a city/county document (``山西省``), for 省… names.

    Returns:
        The :class:`Agency` (``太原市生态环境局``; national bodies and already-qualified names
        as written).
    """
    return _qualify(raw, region, province, None)[0]


def qualify_agencies(names: Sequence[str], region: str, province: str | None = None) -> list[Agency]:
    """Qualify a list of names, propagating the level prefix of earlier items to bare followers.

    ``["省农业农村厅", "生态环境厅"]`` in a 太原 document -> 山西省农业农村厅, 山西省生态环境厅;
    ``["重庆市能源局", "市经济信息委"]`` -> 重庆市能源局, 重庆市经济信息委.

    Args:
        names: names as written, in order (e.g. the output of :func:`split_agency_list`).
        region: the document region.
        province: the province of a city/county document.

    Returns:
        One :class:`Agency` per name, in order (duplicates kept).
    """
    context: str | None = None
    out: list[Agency] = []
    for raw in names:
        agency, context = _qualify(raw, region, province, context)
        out.append(agency)
    return out


# ---------------------------------------------------------------------------------------------
# Successions
# ---------------------------------------------------------------------------------------------


def _succession_for(agency: Agency, as_of: int | None) -> Succession | None:
    region = agency.region
    written_rest = agency.name[len(region) :] if region and agency.name.startswith(region) else agency.name
    for rule in _successions():
        if rule.kind == "function" and (as_of is None or as_of >= rule.year):
            continue
        if rule.successor.endswith("厅") and not region.endswith(("省", "自治区")):
            continue
        for candidate in (written_rest, agency.agency_type):
            if candidate.endswith(rule.predecessor):
                if agency.name.endswith(rule.predecessor):
                    successor = agency.name[: len(agency.name) - len(rule.predecessor)] + rule.successor
                else:
                    successor = f"{region}{rule.successor}"
                if successor != agency.name:
                    return Succession(predecessor=agency.name, successor=successor, year=rule.year)
    return None


def successions_for(agencies: Iterable[Agency], as_of: int | None = None) -> list[Succession]:
    """Institutional-reform links for the agencies of one document.

    Args:
        agencies: the document's agencies.
        as_of: the document's year; "function" rules (e.g. 应对气候变化 moving from 发展改革委
            to 生态环境厅 in 2018) are only applied to documents dated before the reform. With
            ``None`` only "rename" rules apply.

    Returns:
        One :class:`Succession` per predecessor agency (辽宁省环保厅 -> 辽宁省生态环境厅, 2018),
        in input order, without duplicates.
    """
    seen: set[tuple[str, str]] = set()
    out: list[Succession] = []
    for agency in agencies:
        s = _succession_for(agency, as_of)
        if s and (s.predecessor, s.successor) not in seen:
            seen.add((s.predecessor, s.successor))
            out.append(s)
    return out
