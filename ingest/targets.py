"""Quantified targets: indicator, value, comparator, years and qualifiers from one clause.

A value is only a target when a target verb (comparator) governs it inside its sentence chunk
("下降14.5%", "新建充电桩1万台", "降至1.3以下"); years, document numbers (〔2023〕15号),
standards (GB20951-2020), pollutant names (PM2.5, CO2) and thresholds ("35蒸吨以下的燃煤锅炉",
"150万吨及以上的") are never targets. List forms pair indicators and values in order:
"A、B、C分别下降2%、3%和4%" and "完成节能改造207万千瓦、供热改造130万千瓦".
Indicator names are normalised with ``ingest/dictionaries/indicators.tsv``.
A range governed directly by a verb ("人口密度控制在0.6—1万人/平方公里") is kept as value
"0.6-1万人/平方公里" (number = lower bound, qualifier 区间); other ranges are dropped. A target
without a year of its own (in its sentence or an earlier "到YYYY年" of its clause) takes the
plan's year from the title: an annual plan ("…2022年行动计划" -> 2022), a five-year-plan period
("“十四五”…方案" -> 2025) or a period in brackets ("（2022-2025年）" -> 2025); not in the preamble.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ingest.doctypes import doc_type_alternation
from ingest.errors import DictionaryError
from ingest.records import Clause, Document, Target

INDICATORS_FILE = Path(__file__).resolve().parent / "dictionaries" / "indicators.tsv"

# Units, longest first (a multiplier 万/亿/千/百 may precede them: 万千瓦, 亿千瓦时, 万吨标准煤).
UNITS = (
    # concentrations and intensities of environmental plans (PM2.5 降至40微克/立方米, 万元GDP用水量 …)
    # Latin units of the genre (算效 8GFLOPS/W, 储能 100MWh, 装机 50MW); none is a bare letter ("5G基站")
    "GFLOPS/W", "TFLOPS", "EFLOPS", "PFLOPS", "MWh", "GWh", "kWh", "MW", "GW", "kW", "tCO2",
    "千克标准煤/吨", "千克标准油/吨", "千克标煤/吨", "千克标准煤/人", "千克标准煤", "千克标准油", "千克",
    "微克/立方米", "毫克/立方米", "毫克/升", "立方米/万元", "吨标准煤/万元", "千克标准煤/平方米", "千瓦时/平方米",
    "克/千瓦时", "吨/年", "平方千米", "公顷", "分贝", "千伏安", "千伏",
    "人/平方公里", "平方公里", "克标准煤/千瓦时", "吨标准煤", "立方米/日", "吨/日", "千瓦时", "平方米", "立方米", "千瓦", "蒸吨",
    "个百分点", "百分点", "公里", "千米", "吨", "台", "辆", "座", "家", "个", "户", "元", "%", "‰", "倍", "套", "项", "亩",
)
# Units that count things: the counted noun may follow the value ("创建30家以上绿色设计示范企业").
COUNT_UNITS = ("台", "辆", "座", "家", "个", "户", "套", "项")
# A number with optional multiplier and unit, not glued to letters/digits/dashes on the left
# (GB20951-2020, PM2.5, CO2, 〔2023〕 are excluded by the look-behind).
VALUE_RE = re.compile(
    r"(?<![A-Za-z\d.\-/·〔\[第—–～~])(?P<num>\d+(?:\.\d+)?)(?P<mult>万|亿|千(?!克|瓦|米|伏)|百)?(?P<unit>"
    + "|".join(re.escape(u) for u in UNITS)
    + r")?"
)
# A range right after a target verb: "人口密度控制在0.6—1万人/平方公里", "比值控制在0.6—0.8",
# "比例保持在15%-25%" -> value "0.6-1万人/平方公里", number = the lower bound, qualifier 区间.
# A range not governed directly by a verb ("新建建筑按总停车位15%-25%比例分类配建", "完成市生态
# 环境局等2—3家单位…改造") has no clean indicator and is not a target.
RANGE_RE = re.compile(
    r"(?<![A-Za-z\d.\-/·〔\[第—–～~])(?P<a>\d+(?:\.\d+)?)(?P<ua>%)?\s*[-—–－~～至]\s*(?P<b>\d+(?:\.\d+)?)"
    r"(?P<mult>万|亿|千(?!克|瓦|米|伏)|百)?(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + r")?"
)
RANGE_QUALIFIER = "区间"
# A threshold modifier after a value makes it a description, not a target:
# "35蒸吨以下的燃煤锅炉", "150万吨及以上的", "20蒸吨/小时及以上燃煤锅炉".
THRESHOLD_AFTER_RE = re.compile(r"^(?:/小时|/年|及以[上下]|以[上下]的|的)")
# … and an area with 以上 / 以下 before the noun it sizes: "流域面积50平方公里以上河流" names the rivers counted, it sets no
# area (a target area is written with its bound last: "新增造林面积20万亩以上。")
AREA_UNITS = ("平方公里", "平方千米", "公顷", "亩")
AREA_THRESHOLD_AFTER_RE = re.compile(r"^以[上下](?=[\u4e00-\u9fff])")
# After a value: a range ("15%-25%比例"), an adverbial share ("100%实行绿色建筑标准",
# "100%通过生态养殖认证") or a subsidy ("不低于200元给予补贴") -- not a target.
NOT_TARGET_AFTER_RE = re.compile(r"^(?:[-—–~～至]\s*\d|(?:以上|左右)?(?:实行|执行|通过|采用|使用|给予|的补贴|补贴|奖励))")
# After a decimal figure: a second decimal point — two table cells run together once the spaces between digits were closed.
RUN_TOGETHER_AFTER_RE = re.compile(r"^\.\d")
# A chunk that states a condition or a prohibition, not a target: "对于规模超过100个标准机架的",
# "不再受理…新建35蒸吨以下燃煤锅炉".
NOT_TARGET_CHUNK_RE = re.compile(r"^(?:对于|对)|不再|禁止|严禁")
# Target verbs, longest first; the LAST one before a value in its chunk governs it.
COMPARATOR_RE = re.compile(
    r"(累计达到|提高到|提高至|提升至|降低到|降低至|下降到|下降至|控制在|保持在|稳定在|不低于|不超过|不高于|不少于|"
    r"降至|降到|达到|下降|降低|提高|提升|超过|新建|新增|淘汰|节约|完成|形成|实现|增长|减少|削减|"
    r"建成|创建|遴选|增加|压减|减排|达|"
    # upper / lower bounds only right before the figure ("漏损率小于10%", "PUE低于1.3"), not inside a name ("能效低于基准水平
    # 的产能"); 高于 / 大于 mostly state a condition ("限制销售灰分高于16%…的散煤") and are left out
    r"(?:不大于|不小于|低于|小于)(?=\s*(?:约\s*)?(?:\d|$))"
    # an indicator list's signs likewise ("城市空气质量优良天数比例≥98%；"): right after the indicator's name and before a
    # figure that ends its chunk — not a range's condition ("10万吨≤实际排放量<100万吨的", "75%≤F<80%"), a bound
    # inside a name ("吸水率≤0.5%的陶瓷砖") or a flattened table's cells ("≥30完成预期性…", "≥80≥80是")
    r"|(?<=[\u4e00-\u9fff）)])(?:≥|≤|>|<)(?=\s*\d[\d.]*\s*[%\u4e00-\u9fffA-Za-z/]{0,8}?\s*(?:[；;，,。]|$)|$))"
)
# Verbs of building and spreading, and stating words, that govern a figure only when no target verb above precedes
# it in the chunk
# ("全市新开工建设被动式超低能耗建筑12万平方米", "推广新能源汽车42.4万辆", "培育3-5家网络货运龙头企业"); they are
# often part of an indicator's name ("既有建筑节能改造面积", "建设用地"), where the target verb governs.
# "为" and "共" count only right before the figure ("配额总量为2.65亿吨", "共178家"); "约" only between a rate's, share's or
# count's name and its figure, as a review of results states them ("北方农村地区清洁取暖率约31%", "非化石能源消费比重约15.9%").
WEAK_COMPARATOR_RE = re.compile(
    r"(新开工建设|开工建设|新开工|改造|推广|培育|建设|(?:共计|合计|共|(?<![作成认行因])为)(?=\s*(?:约\s*)?(?:\d|$))"
    r"|(?<=[率重例量数])约(?=\s*(?:\d|$)))"
)


# The denominator of an intensity ("单位地区生产总值能源消耗、二氧化碳排放分别降低15%、18%"): it qualifies every
# measure of the list, the later ones written without it.
INTENSITY_HEAD_RE = re.compile(r"^单位(?:地区生产总值|国内生产总值|GDP|工业增加值|建筑面积|产品)")


# What an intensity measures, written bare after the first name (not 化学需氧量 or 人均综合能耗, which are totals
# or have their own denominator).
INTENSITY_MEASURE_RE = re.compile(r"^(?:能耗|能源消耗|能源消费量?|二氧化碳排放量?|碳排放量?|用水量|水耗|电耗)$")


def _share_intensity_head(names: list[str]) -> list[str]:
    """Names of a 分别 list with the first name's intensity denominator given to the later bare measures
    ("单位地区生产总值能源消耗、二氧化碳排放"); a list that repeats its heads ("单位GDP能耗、化学需氧量…和单位GDP二氧化碳
    排放量") is left as written."""
    head = INTENSITY_HEAD_RE.match(names[0]) if names else None
    if head is None or any(n.startswith("单位") for n in names[1:]):
        return names
    return [names[0], *(head.group(0) + n if INTENSITY_MEASURE_RE.match(n) else n for n in names[1:])]


# The stating words of a total ("共178家", "合计46个"): what they count may end the chunk before.
COUNT_TOTAL_RE = re.compile(r"共计|合计|共")


def _comparators(text: str) -> list[re.Match[str]]:
    """The target verbs in ``text`` (the words before a value); the weak ones (:data:`WEAK_COMPARATOR_RE`) only where
    there is no other. A list's sign (≥ / ≤ …) counts only right before the value: "推广能效≥1级的变压器500台" is 推广's."""
    strong = [m for m in COMPARATOR_RE.finditer(text) if m.group(0) not in SIGN_COMPARATORS or not text[m.end() :].strip()]
    return strong or list(WEAK_COMPARATOR_RE.finditer(text))

# the signs an indicator list writes for its bounds, and what an indicator read before one may not hold: another sign
# or a figure (then it is a flattened table's run of cells, not a name)
SIGN_COMPARATORS = frozenset("≥≤><")
FLATTENED_CELLS_RE = re.compile(r"[≥≤><=]|(?<![A-Za-z.\d])\d+(?![A-Za-z.\d])")  # (PM2.5, CO2 are names)
SIGN_VALUE_END = r"\s*(?:以上|以下|左右)?\s*(?:[；;，,。)）]|$)"
# A target verb right before a unitless value: "降至1.3", "不超过1.5".
COMPARATOR_TAIL_RE = re.compile(COMPARATOR_RE.pattern + r"\s*$")
# Qualifiers written before the value (in the chunk) or right after it.
QUALIFIER_BEFORE_RE = re.compile(r"(基本目标|激励目标|力争|原则上|累计|确保|逐年|年均|预期)")
QUALIFIER_AFTER_RE = re.compile(r"^\s*(以上|以下|以内|左右)")
# Years: 到2025年 / 2025年底前 / 2014—2015年 / 2014年度 / “十四五”.
YEAR_RANGE_RE = re.compile(r"(\d{4})\s*[—–\-－~～至到]\s*(\d{4})\s*年")
YEAR_RE = re.compile(r"(\d{4})\s*年")
FIVE_YEAR_PLAN_RE = re.compile(r"[“\"]?(十二五|十三五|十四五|十五五)[”\"]?")
FIVE_YEAR_PLAN_END = {"十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
# "到2025年" / "到2025年底": a deadline that later sentences of the clause share.
BY_YEAR_RE = re.compile(r"到(\d{4})年")
# Base years: 比2020年 / 较2013年 / 与2013年相比 / 比2020年下降 / 以2020年（能源消费）为基数.
BASE_YEAR_RE = re.compile(
    r"(?:比|较|与|相比|在(?=\s*\d{4}\s*年的?基础上)|以(?=\s*\d{4}\s*年[^，,。；;]{0,30}?为(?:基数|基准|基期)))"
    r"\s*(\d{4})\s*年(?:相比|比|的?基础上)?"
)
# Sentence and chunk separators.
SENTENCE_SPLIT_RE = re.compile(r"(?<=[。；;！？\n])")
CHUNK_SEPARATORS = "，,：:"
# a colon between two figures is a ratio's ("比例须不低于2:1") or a time's, not a separator (∶, U+2236, never is one)
RATIO_COLON_RE = re.compile(r"\d[:：]\d")
# Words stripped from the front/back of an indicator phrase.
INDICATOR_NOISE_RE = re.compile(
    r"^(?:[，,、：:\s]|到|至|在|于|全市|全省|全区|全县|我市|我省|本市|全国|其中|同时|使|将|要|并|再(?!生)|进一步|"
    r"实现|确定|明确|核定|设定|全年|年内|每年|(?:在)?\d{4}年的?基础上|的?基础上|"
    r"“十[二三四五]五”(?:时期|期间|期末)?|十[二三四五]五(?:时期|期间|期末)?|时期|期间|底前|年底前|年底|年度|年|前|"
    r"\d{4}\s*[—–\-－~～至到]\s*\d{4}\s*年|\d{4}\s*年(?:底前|底|度|前)?|比\d{4}年|较\d{4}年|"
    r"基本目标|激励目标|力争|原则上|累计|确保|逐年|年均|预期|分别|的)+"
)
# (比 is not stripped: base years "比2020年" are removed before, and 铁钢比 / 占比 end in it.)
INDICATOR_TAIL_RE = re.compile(
    r"(?:分别|累计|基本目标|激励目标|力争|原则上|确保|逐年|年均|预期|降低|下降|提高|进一步|均|应|至|的|较|"
    r"由[\d.]+%?|[，,、：:\s])+$"
)
# Values in brackets are explanations, not targets: (GB20951-2020), （含…）.
BRACKET_RE = re.compile(r"[（(][^（）()]*[）)]")


def load_indicator_rules(path: Path = INDICATORS_FILE) -> tuple[tuple[str, str], ...]:
    """Read the indicator table; returns (synonym, canonical) pairs, longest synonym first.

    Raises:
        DictionaryError: a line without exactly two TAB-separated columns or with an empty
            synonym (the message names the file and line).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise DictionaryError(f"{path}: cannot read dictionary file / 无法读取词典文件: {e}") from e
    pairs: list[tuple[str, str]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 2 or not cols[0].strip() or not cols[1].strip():
            raise DictionaryError(f"{path}:{lineno}: expected 'canonical<TAB>syn1|syn2', got {line!r}")
        synonyms = [s.strip() for s in cols[1].split("|")]
        if not all(synonyms):
            raise DictionaryError(f"{path}:{lineno}: empty synonym in {line!r}")
        pairs.extend((s, cols[0].strip()) for s in synonyms)
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@functools.lru_cache(maxsize=1)
def _indicator_rules() -> tuple[tuple[str, str], ...]:
    return load_indicator_rules()


def normalise_indicator(raw: str) -> str:
    """Canonical indicator of a phrase (longest synonym contained), else the cleaned phrase.

    A synonym written ``=电量`` in the table only matches the whole phrase (a generic word that
    must not capture 电能替代电量 / 可再生能源电量比例).
    """
    squeezed = raw.replace(" ", "")
    for synonym, canonical in _indicator_rules():
        if synonym.startswith("="):
            if squeezed == synonym[1:]:
                return canonical
        elif synonym in squeezed:
            return canonical
    return squeezed


def clean_indicator(raw: str) -> str:
    """Strip years, region words, qualifiers and punctuation from an indicator phrase."""
    text = re.sub(r"\s+", "", raw)
    text = BASE_YEAR_RE.sub("", text)
    prev = None
    while prev != text:
        prev = text
        text = INDICATOR_NOISE_RE.sub("", text)
        text = INDICATOR_TAIL_RE.sub("", text)
    return text


# The plan's own horizon from its title: an annual plan ("山东省绿色低碳转型2022年行动计划",
# "省生态环境厅2021年度推动碳达峰、碳中和工作计划"), a five-year-plan period ("北京市“十四五”时期
# 制造业绿色低碳发展行动方案") or a period in brackets at the end ("…行动方案（2022-2025年）").
# "2030年前碳达峰行动方案" (a deadline, not an annual plan) and "2021-2023年…滚动实施方案" (a
# rolling plan whose years differ) give none.
TITLE_SINGLE_YEAR_RE = re.compile(r"(?<![\d—–\-－~～至到])((?:19|20)\d{2})\s*年度?(?![前底版\d—–\-－~～至到])")
# Only plans with a short horizon (计划 / 要点 / 方案, and a year's 安排) give their title's year.
TITLE_PLAN_TYPES = ("计划", "要点", "方案")
TITLE_PLAN_END_RE = re.compile(rf"(?:{doc_type_alternation(TITLE_PLAN_TYPES)}|安排)" r"(?:[（(][^（）()]{1,12}[）)])?$")
TITLE_PERIOD_RE = re.compile(r"[（(]\s*(?:19|20)\d{2}\s*[—–\-－~～至到]\s*((?:19|20)\d{2})\s*年?\s*[）)]\s*$")


def title_year(title: str) -> int | None:
    """The year a plan's undated targets refer to, from its title (see the regexes above)."""
    title = unicodedata.normalize("NFKC", title or "")
    if not TITLE_PLAN_END_RE.search(title):
        return None
    years = re.findall(r"(?:19|20)\d{2}", title)
    period = TITLE_PERIOD_RE.search(title)
    if period:
        return int(period.group(1))
    plans = set(FIVE_YEAR_PLAN_RE.findall(title))
    if len(plans) == 1 and not years:
        return FIVE_YEAR_PLAN_END[plans.pop()]
    if len(years) == 1 and not plans:
        m = TITLE_SINGLE_YEAR_RE.search(title)
        return int(m.group(1)) if m else None
    return None


def _target_year(before: str) -> int | None:
    """The last target year written before a value (base years excluded)."""
    text = BASE_YEAR_RE.sub(" ", before)
    best: tuple[int, int] | None = None  # (position, year)
    for m in YEAR_RANGE_RE.finditer(text):
        best = max(best or (-1, 0), (m.end(), int(m.group(2))))
    for m in YEAR_RE.finditer(text):
        if YEAR_RANGE_RE.search(text[max(0, m.start() - 8) : m.end()]) and best and best[0] >= m.end():
            continue
        best = max(best or (-1, 0), (m.end(), int(m.group(1))))
    for m in FIVE_YEAR_PLAN_RE.finditer(text):
        best = max(best or (-1, 0), (m.end(), FIVE_YEAR_PLAN_END[m.group(1)]))
    return best[1] if best else None


def _base_year(before: str) -> int | None:
    found = BASE_YEAR_RE.findall(before)
    return int(found[-1]) if found else None


# A ratio set as a target ("钢铁项目产能置换比例不低于1.25∶1", "与市资助经费比例须不低于2:1", "车桩比达到1.1∶1", a review's
# "三次产业比例达到10.6:40.2:49.2"): its terms as written, right after a target verb; not a time of day ("不超过22:00",
# "控制在8:00-18:00": a two-digit term after the colon) nor a map's scale ("1:5万", "1∶10000")
RATIO_TERM = r"\d+(?:\.\d+)?"
RATIO_RE = re.compile(
    rf"(?<![A-Za-z\d.\-/·〔\[第—–～~∶:：])(?P<a>{RATIO_TERM})(?P<rest>(?:\s*[∶:：]\s*(?!\d{{2}}(?![\d.]))(?!0){RATIO_TERM})+)"
    r"(?![\d.:∶：万千])"
)
# a figure written beside a colon and another figure is a ratio's (or a time's) term, never a figure of its own
RATIO_TERM_BEFORE_RE = re.compile(r"\d+(?:\.\d+)?\s*[∶:：]\s*\d")
RATIO_TERM_AFTER_RE = re.compile(r"\d\s*[∶:：]\s*$")
# a map's scale: 1 to a thousand or more
SCALE_MIN = 1000


@dataclass
class _Value:
    start: int
    end: int
    number: float
    display: str
    unit: str
    after_qualifier: str
    is_range: bool = False


def _qualifier_after(after: str) -> str | None:
    """The qualifier right after a ratio or range ("以上", "左右", "" when none), or None when what follows makes the
    figure a threshold or a condition rather than a target (THRESHOLD_AFTER_RE, NOT_TARGET_AFTER_RE)."""
    if THRESHOLD_AFTER_RE.match(after) or NOT_TARGET_AFTER_RE.match(after):
        return None
    q = QUALIFIER_AFTER_RE.match(after)
    return q.group(1) if q else ""


def _ratios(chunk: str) -> list[_Value]:
    """Ratios governed directly by a target verb (see RATIO_RE): the number is the first term divided by the second,
    the display the ratio as written ("1.25∶1"); a bound or 左右 after it is its qualifier, and a ratio that a condition
    or a subsidy follows ("不低于1:1的比例给予配套资金", "…1.25:1的项目") is no target, as for any figure."""
    out: list[_Value] = []
    for m in RATIO_RE.finditer(chunk):
        terms = [float(t) for t in re.findall(RATIO_TERM, m.group(0))]
        after = chunk[m.end() :]
        if not COMPARATOR_TAIL_RE.search(chunk[: m.start()]) or (terms[0] == 1 and terms[-1] >= SCALE_MIN):
            continue
        qualifier = _qualifier_after(after)
        if re.match(r"^\s*[-—–－~～至]", after) or qualifier is None:
            continue
        number = terms[0] / terms[1] if len(terms) == 2 and terms[1] else terms[0]
        out.append(_Value(m.start(), m.end(), number, m.group(0).replace(" ", ""), "", qualifier))
    return out


def _ranges(chunk: str) -> list[_Value]:
    """Ranges governed directly by a target verb ("控制在0.6—0.8"); see RANGE_RE."""
    out: list[_Value] = []
    for m in RANGE_RE.finditer(chunk):
        a, b, ua = m.group("a"), m.group("b"), m.group("ua") or ""
        mult, unit = m.group("mult") or "", m.group("unit") or ""
        after = chunk[m.end() :]
        if re.match(r"^\s*(?:年|月|日|号|\d)", after) or (ua and unit != ua) or float(a) >= float(b):
            continue
        if "." not in a + b and not (mult or unit):
            continue  # "2-3": counts without a unit are not clean
        if not COMPARATOR_TAIL_RE.search(chunk[: m.start()]):
            continue
        qualifier = _qualifier_after(after)
        if qualifier is None:
            continue
        display = f"{a}{ua}-{b}{mult}{unit}"
        out.append(_Value(m.start(), m.end(), float(a), display, f"{mult}{unit}", qualifier, True))
    return out


def _values(chunk: str) -> list[_Value]:
    """Candidate values of a chunk (years, thresholds, bare integers and the terms of a ratio or a time removed)."""
    spans = _ranges(chunk) + _ratios(chunk)
    out: list[_Value] = list(spans)
    for m in VALUE_RE.finditer(chunk):
        if (
            any(r.start <= m.start() < r.end for r in spans)
            or RATIO_TERM_BEFORE_RE.match(chunk, m.start())
            or RATIO_TERM_AFTER_RE.search(chunk[: m.start()])
        ):
            continue
        num, mult, unit = m.group("num"), m.group("mult") or "", m.group("unit") or ""
        after = chunk[m.end() :]
        if not unit and not mult and RUN_TOGETHER_AFTER_RE.match(after):
            # two table cells run together ("475.7 17.84" squeezed to 475.717.84): the chunk is a table row read as text,
            # none of its figures is a stated target (the next one would take the row's verb: 下降 … 58769吨)
            return []
        if not unit and not mult:
            if re.match(r"^\s*(?:年|月|日|号|条|〕|\]|]|[A-Za-z]|[—–\-－~～至到/])", after):
                continue
            if "." not in num and not COMPARATOR_TAIL_RE.search(chunk[: m.start()]):
                continue  # a bare integer is only a value right after a target verb
            if re.match(r"^\s*[\u4e00-\u9fff]", after) and not QUALIFIER_AFTER_RE.match(after):
                continue  # 7大行业, 9个…: a counted noun, not a unitless value
        if THRESHOLD_AFTER_RE.match(after) or NOT_TARGET_AFTER_RE.match(after):
            continue
        if unit in AREA_UNITS and AREA_THRESHOLD_AFTER_RE.match(after):
            continue
        q = QUALIFIER_AFTER_RE.match(after)
        display = f"{num}{mult}{unit}"
        out.append(
            _Value(m.start(), m.end(), float(num), display, f"{mult}{unit}", q.group(1) if q else "")
        )
    return sorted(out, key=lambda v: v.start)


def _split_chunks(sentence: str) -> list[tuple[int, str]]:
    """(offset, chunk) pieces of a sentence split on ，：outside brackets."""
    chunks: list[tuple[int, str]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(sentence):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in CHUNK_SEPARATORS and not RATIO_COLON_RE.match(sentence, max(i - 1, 0)):
            chunks.append((start, sentence[start:i]))
            start = i + 1
    chunks.append((start, sentence[start:]))
    return chunks


def _split_list(text: str) -> list[str]:
    return [p for p in re.split(r"[、和及与]", text) if p]


@dataclass
class _Found:
    indicator_raw: str
    value: _Value
    comparator: str
    qualifiers: list[str]
    before: str  # sentence text before the value (for years)
    year: int | None = None  # a year paired with this value ("2025年和2030年…分别…15%、20%")


def _strip_verb_tail(text: str) -> str:
    """Drop target verbs / qualifiers at the end of a subject: 2014年度确保完成 -> 2014年度."""
    prev = None
    while prev != text:
        prev = text
        text = COMPARATOR_TAIL_RE.sub("", text)
        text = INDICATOR_TAIL_RE.sub("", text)
    return text


COUNTED_NOUN_RE = re.compile(r"^(?:以上|左右)?([\u4e00-\u9fff“”]{2,20}?)(?=[，,、。；;（(]|以及|和|及|$)")
VERB_START_RE = re.compile(
    r"^(?:以上|左右)?(?:的|是|为|被|将|要|已|在|对|实行|执行|通过|实现|完成|达到|进行|开展|以(?![上下])|用于|作为)"
)


def _counted_noun(masked: str, v: _Value) -> tuple[str, int]:
    """The noun a count value counts when it follows the value: 30家以上X -> (X, end), else ("", 0)."""
    if not v.unit or v.unit.lstrip("万亿千百") not in COUNT_UNITS:
        return "", 0
    after = masked[v.end :]
    if VERB_START_RE.match(after):
        return "", 0
    m = COUNTED_NOUN_RE.match(after)
    if not m or m.group(1) in ("以上", "以下", "左右", "以内"):
        return "", 0
    return clean_indicator(m.group(1)), v.end + m.end()


# A share of the units concerned that reach a state, the genre's other way to set a target: "力争40%的高等学校建成节水型
# 高校", "80%以上的县级及以上机关达到节约型机关创建要求", "50%的居住社区具备充电条件", "至少35%的降雨实现就地消纳和利用" —
# no target verb before the figure (a figure before 以上的 / 的 is otherwise a threshold): the indicator is the share of the
# units (高等学校建成节水型高校比例)
SHARE_OF_UNITS_RE = re.compile(
    r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)%(?P<q>以上|左右)?的(?P<units>[^，,。；;、的“”]{2,16}?)"
    r"(?P<verb>(?:先行|基本|全部)?(?:建成|达到|实现|完成|具备))(?P<state>[^，,。；;]{2,20}?)(?=[，,。；;]|$)"
)
# the comparator such a share is recorded with (the units reach the share)
SHARE_OF_UNITS_COMPARATOR = "达到"
# a date the units must reach it by, written among them ("…的县级及以上机关2025年底前达到…"): the target year
UNITS_DEADLINE_RE = re.compile(r"((?:19|20)\d{2})年(?:\d{1,2}月)?(?:底|末)?(?:前|以前)?")
# "…建成节约型机关的目标": the goal word closing the state is no part of it
STATE_GOAL_WORD_RE = re.compile(r"的?(?:目标|任务)$")
# words before the figure that make the share one already reached ("已有85%的…建成", "目前…"): no target (nor is a state
# in the past, "…实现了…", or a condition, "…达到国家标准的，给予奖励": read in _shares_of_units)
SHARE_REACHED_BEFORE_RE = re.compile(r"已|截至|目前|现有")


def _shares_of_units(masked: str, offset: int, sentence: str) -> list[_Found]:
    """The targets a chunk with no target verb states as a share of its units (:data:`SHARE_OF_UNITS_RE`)."""
    found: list[_Found] = []
    for m in SHARE_OF_UNITS_RE.finditer(masked):
        before = masked[: m.start()]
        if (NOT_TARGET_CHUNK_RE.search(before) or SHARE_REACHED_BEFORE_RE.search(before)
                or m.group("state").startswith(("了", "过")) or m.group("state").endswith("的")):
            continue
        qualifiers = QUALIFIER_BEFORE_RE.findall(before)
        value = _Value(m.start(), m.start() + len(m.group("num")) + 1, float(m.group("num")), m.group("num") + "%", "%",
                       m.group("q") or "")
        dated = UNITS_DEADLINE_RE.search(m.group("units"))
        units = UNITS_DEADLINE_RE.sub("", m.group("units"))
        state = STATE_GOAL_WORD_RE.sub("", m.group("state"))
        indicator = clean_indicator((units + m.group("verb") + state).replace("　", "") + "比例")
        found.append(_Found(indicator, value, SHARE_OF_UNITS_COMPARATOR, qualifiers, sentence[: offset + m.start()],
                            int(dated.group(1)) if dated else None))
    return found


def _find_in_sentence(sentence: str) -> list[_Found]:
    found: list[_Found] = []
    last_indicator = ""
    previous = ""  # the chunk before, brackets masked
    for offset, chunk in _split_chunks(sentence):
        masked = BRACKET_RE.sub(lambda m: "　" * len(m.group(0)), chunk)
        before_chunk, previous = previous, masked
        values = [v for v in _values(masked) if _comparators(masked[: v.start])]
        if not values:
            found.extend(_shares_of_units(masked, offset, sentence))
            continue
        if NOT_TARGET_CHUNK_RE.search(masked[: values[0].start]):
            continue
        first = values[0]
        comps = _comparators(masked[: first.start])
        comp = comps[-1]
        head = masked[: comp.start()]
        between = masked[comp.end() : first.start]
        chunk_quals = [q for q in QUALIFIER_BEFORE_RE.findall(masked[: first.start])]
        # --- list form: "A、B、C分别(累计)下降 v1、v2、v3"
        if "分别" in masked[: first.start] and len(values) >= 2:
            ind_text = masked[: masked.index("分别")]
            ind_text = BASE_YEAR_RE.sub("", ind_text)
            names = [clean_indicator(n) for n in _split_list(ind_text.replace("　", ""))]
            names = [n for n in names if n]
            if len(names) == len(values) and len(names[-1]) > 1 and all(len(n) == 1 for n in names[:-1]):
                # "市、县污泥无害化处理率分别达到97%、95%": places sharing one indicator.
                names = [names[-1].lstrip("市县区省")] * len(values)
            if len(names) == 1 and len(values) >= 2:
                # "2025年和2030年，全国短流程炼钢占比分别提升至15%、20%以上": one indicator, paired years.
                years = [int(y) for y in re.findall(r"(\d{4})年", BASE_YEAR_RE.sub("", sentence[: offset + first.start]))]
                if len(years) >= len(values):
                    years = years[-len(values):]
                    for v, y in zip(values, years):
                        found.append(_Found(names[0], v, comp.group(1), chunk_quals, sentence[: offset + v.start], y))
                    last_indicator = names[0]
                    continue
            names = _share_intensity_head(names)
            if len(names) == len(values):
                for name, v in zip(names, values):
                    found.append(_Found(name, v, comp.group(1), chunk_quals, sentence[: offset + v.start]))
                last_indicator = names[-1]
                continue
        # --- segment form: "完成节能改造207万千瓦、供热改造130万千瓦、灵活性改造360万千瓦"
        subject = clean_indicator(_strip_verb_tail(head.replace("　", "")))
        if not subject and COUNT_TOTAL_RE.fullmatch(comp.group(1)) and not re.search(
            r"[\u4e00-\u9fff]", QUALIFIER_AFTER_RE.sub("", masked[first.end :])
        ):
            # "…及以上的企业，共178家": the total counts what the chunk before ends with
            subject = clean_indicator(before_chunk.replace("　", "").rsplit("的", 1)[-1])
        prev_end = comp.end()
        for idx, v in enumerate(values):
            if idx == 0:
                obj = between
            else:
                obj = masked[prev_end : v.start]
                if not re.match(r"^\s*(?:以及|[、和及])", obj):
                    comps_mid = list(COMPARATOR_RE.finditer(obj))
                    if not comps_mid:
                        break
                    head_mid = obj[: comps_mid[-1].start()]
                    subject = clean_indicator(_strip_verb_tail(head_mid.replace("　", ""))) or subject
                    obj = obj[comps_mid[-1].end() :]
                    comp = comps_mid[-1]
                obj = re.sub(r"^\s*(?:以及|[、和及])", "", obj)
                tail_comp = COMPARATOR_TAIL_RE.search(obj)
                if tail_comp and clean_indicator(_strip_verb_tail(obj.replace("　", ""))):
                    # "单位建筑面积能耗下降5%、碳排放下降7%": a new indicator with its own verb.
                    subject = clean_indicator(_strip_verb_tail(obj.replace("　", "")))
                    comp = COMPARATOR_RE.search(obj[tail_comp.start() :]) or comp
                    obj = ""
            prev_end = v.end + len(v.after_qualifier) + (
                len(masked[v.end :]) - len(masked[v.end :].lstrip()) if v.after_qualifier else 0
            )
            obj_clean = clean_indicator(obj.replace("　", ""))
            if obj_clean and not re.search(r"\d", obj_clean):
                indicator = f"{subject}{obj_clean}" if idx > 0 and subject else (f"{subject}{obj_clean}" if subject and idx == 0 else obj_clean)
            elif subject:
                indicator = subject
            else:
                after_text = clean_indicator(re.split(r"[，。；]", masked[v.end :])[0].replace("　", ""))
                after_text = QUALIFIER_AFTER_RE.sub("", after_text)
                indicator = clean_indicator(after_text) or last_indicator
            if idx == 0 and not obj_clean and not subject:
                indicator = indicator or last_indicator
            counted, counted_end = _counted_noun(masked, v)
            if counted and not (obj_clean and not re.search(r"\d", obj_clean)):
                indicator = counted  # "创建30家以上工业产品绿色设计示范企业", "建成1个近零碳试点园区"
                prev_end = counted_end  # "…园区、3个近零碳试点机关": the next value follows the noun

            found.append(_Found(indicator, v, comp.group(1), chunk_quals, sentence[: offset + v.start]))
            last_indicator = indicator or last_indicator
    return found


def extract_targets(clause: Clause, document: Document) -> list[Target]:
    """Quantified targets stated in one clause.

    Args:
        clause: the clause (its ``text`` is read).
        document: the document; its ``region`` is every target's region. A place named inside the
            sentence never is: "能源资源" holds 资源县, "城市和县城" holds 和县, "邯郸热电厂" 邯郸县, and a
            city named in a provincial plan's list ("东营市特殊…") does not make a province-wide target its own.

    Returns:
        Targets in text order, ``target_id`` = ``f"{clause.clause_id}#t{n}"``.
    """
    text = unicodedata.normalize("NFKC", clause.text).replace("％", "%")
    text = re.sub(r"\*\*", "", text)  # markdown bold left in some seeds: **35%**
    targets: list[Target] = []
    carried_year: int | None = None  # "到2025年，…。X达到9%。": the year of the clause's last 到YYYY年
    # An annual / 十四五 plan's undated targets (not in the preamble, which reports the past).
    default_year = title_year(document.title) if clause.kind != "preamble" else None
    for sentence in SENTENCE_SPLIT_RE.split(text):
        sentence = sentence.strip()
        if not sentence:
            continue
        # Close the spaces page repair leaves around numbers: "降至 1.3 以下", "360 万千瓦".
        squeezed = re.sub(r"(?<=[\d\u4e00-\u9fff%])\s+(?=[\d\u4e00-\u9fff%])", "", sentence)
        squeezed = re.sub(r"\s+", "", squeezed) if len(squeezed) < 2000 else squeezed
        for f in _find_in_sentence(squeezed):
            if f.comparator in SIGN_COMPARATORS and (
                FLATTENED_CELLS_RE.search(f.indicator_raw or "=")
                or not re.search(re.escape(f.comparator + f.value.display) + SIGN_VALUE_END, squeezed)
            ):
                # a sign after a flattened table's cells ("≥97是约束性城市污水集中处理率≥85"), or before a figure run into
                # the next cell ("配额盈余（或缺口）比例<10万吨10%"): a list's bound ends its chunk
                continue
            target_year = f.year or _target_year(f.before) or carried_year or default_year
            qualifiers = list(dict.fromkeys(
                f.qualifiers
                + ([RANGE_QUALIFIER] if f.value.is_range else [])
                + ([f.value.after_qualifier] if f.value.after_qualifier else [])
            ))
            indicator_raw = f.indicator_raw
            targets.append(
                Target(
                    target_id=f"{clause.clause_id}#t{len(targets) + 1}",
                    clause_id=clause.clause_id,
                    indicator=normalise_indicator(indicator_raw) if indicator_raw else "",
                    indicator_raw=indicator_raw,
                    value=f.value.display,
                    number=f.value.number,
                    unit=f.value.unit,
                    comparator=f.comparator,
                    base_year=_base_year(f.before),
                    target_year=target_year,
                    qualifier="、".join(qualifiers),
                    region=document.region,
                    sentence=sentence,
                )
            )
        by_year = BY_YEAR_RE.findall(squeezed)
        if by_year:
            carried_year = int(by_year[-1])
    return targets


# --- rows of an indicator table (ingest/indicator_tables.py) ---------------------------------------
TABLE_COMPARATORS = {"≥": "不低于", ">=": "不低于", ">": "高于", "＞": "高于", "≤": "不高于", "<=": "不高于", "<": "低于", "＜": "低于"}


def _table_comparator(value: re.Match[str]) -> str:
    """The comparator of an indicator-table cell's figure (``ingest.indicator_tables.VALUE_RE``): its word (新增, 减少,
    不低于 …), else its sign, else 达到 — a bound after it (以上, 以下, 以内) is its qualifier, as in prose ("达到90%以上")."""
    return value.group("word") or TABLE_COMPARATORS.get(value.group("cmp") or "", "达到")


def _cell_figure(cell: str, unit: str) -> str:
    """A target cell's figure as a sentence writes it, the unit its row or column header gives put before a trailing
    左右 or bound ("90以上" under （%） → "90%以上", "93左右" → "93%左右")."""
    tail = re.search(r"(?:左右|以上|以下|以内)$", cell)
    return f"{cell[: tail.start()]}{unit}{tail.group(0)}" if tail else f"{cell}{unit}"


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def indicator_table_targets(
    rows: Sequence[Any], clauses: Sequence[Clause], document: Document, existing: Sequence[Target] = ()
) -> list[Target]:
    """Targets of a plan's indicator-table rows, each attached to the clause that holds its table.

    The table's clause is a clause on the row's page whose text contains the row's indicator (page repair keeps the
    table's text in the clause it is printed in), else the clause of the row before in the same table (``row.table``)
    when it reaches that page, else the last clause on that page, else (no page spans: DOCX) the first clause
    containing the indicator. A row that the prose rules already read from that clause (same indicator and number) is
    not repeated, unless the row's figure is for one part of the place or one kind (重点推进地区: the prose's figure of
    that number is the whole place's).

    Args:
        rows: ``ingest.indicator_tables.IndicatorRow`` records.
        clauses: the document's clauses (page spans set).
        document: the document; its region is every target's region.
        existing: the targets the prose rules read (a row they already hold is skipped).
    """
    from ingest.indicator_tables import VALUE_RE, for_whole_place

    known = {(t.clause_id, t.indicator, t.number) for t in existing}
    body = [c for c in clauses if c.kind != "preamble"] or list(clauses)
    squeezed = {c.clause_id: _squeeze(c.text) for c in body}
    out: list[Target] = []
    before: tuple[int, str] | None = None  # (table, clause_id) of the row before (rows come in reading order)
    for n, row in enumerate(rows, 1):
        key = _squeeze(row.indicator)
        on_page = [c for c in body if row.page and c.page_start and c.page_start <= row.page <= (c.page_end or c.page_start)]
        clause = (
            next((c for c in on_page if key and key in squeezed[c.clause_id]), None)
            # a row whose words its table's clause writes apart (a merged cell written once: "氮氧化物 / 挥发性有机物 … |
            # 重点工程减排量"), the table going on over a page: the clause of the rows before it in the same table when
            # that clause reaches this page, not a clause that opens below the table
            or next((c for c in on_page if row.table and before == (row.table, c.clause_id)), None)
            or (on_page[-1] if on_page else None)
            or next((c for c in body if key and key in squeezed[c.clause_id]), None)
        )
        before = (row.table, clause.clause_id) if clause is not None else None
        value = VALUE_RE.match(unicodedata.normalize("NFKC", row.target).replace(" ", ""))
        if clause is None or value is None:
            continue
        # (a figure for one part of the place, "30%（积极推进地区）", is not the prose's whole-place figure of that number;
        # one with a note, "20（以国家下达指标为准）", is)
        key_of_row = (clause.clause_id, normalise_indicator(row.indicator), float(value.group("num")))
        if for_whole_place(row.scope) and key_of_row in known:
            continue
        unit = value.group("unit") or row.unit
        qualifier = "、".join(
            q for q in (row.scope, row.attribute, "左右" if value.group("about") else "", value.group("bound") or "") if q
        )
        # the cells in the unit their row or column header gives ("≥38" under "森林覆盖率（%）" reads "≥38%")
        in_unit = "" if value.group("unit") or not unit else unit
        # (a base cell that writes its own unit takes none from the header: "53254吨" under "…下降比例（%）")
        base_value = VALUE_RE.match(unicodedata.normalize("NFKC", row.base).replace(" ", "")) if row.base else None
        base_unit = in_unit if base_value and not base_value.group("unit") else ""
        base = f"{row.base_year}年{row.base}{base_unit}，" if row.base and row.base_year else ""
        out.append(
            Target(
                target_id=f"{clause.clause_id}#表{n}",
                clause_id=clause.clause_id,
                indicator=normalise_indicator(row.indicator),
                indicator_raw=row.indicator,
                value=f"{value.group('num')}{unit}",
                number=float(value.group("num")),
                unit=unit,
                comparator=_table_comparator(value),
                base_year=row.base_year,
                target_year=row.target_year or title_year(document.title),
                qualifier=qualifier,
                region=document.region,
                # (the part of the place or the kind a figure is for opens it: "…（%）：重点推进地区，2025年目标70%")
                sentence=f"{row.indicator}（{unit or '—'}）：{f'{row.scope}，' if row.scope else ''}{base}"
                f"{f'{row.target_year}年' if row.target_year else ''}目标{_cell_figure(row.target, in_unit)}（指标表）",
            )
        )
    return out
