"""Deterministic question understanding (no LLM): question text -> :class:`QuestionFrame`.

The frame says *what* is asked (intent), *where* (region, resolved through the gazetteer and
checked against the regions the store covers), *about what* (topics, indicator, agency, years) and
which residual words should drive retrieval. Intent cues and query paraphrases are data files in
``search/dictionaries/`` (``intents.tsv``, ``query_synonyms.tsv``), so new phrasings are added
without code changes.

Region rules (they keep answers honest):

* a region is *covered* when a stored document is issued for it; a county is also covered by
  its city's documents (city plans bind their counties, e.g. 清徐县 -> 太原市);
* a province's plan does not answer a question about one of its cities (大同市 is not 山西省), and
  a name that merely looks alike is never substituted (陕西 ≠ 山西, 晋中 ≠ 晋城);
* a region that is mentioned but not covered makes the answer "not found".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ingest.agencies import NATIONAL_RE, is_subsequence, pos_words
from ingest.doctypes import doc_type_alternation
from search.docref import DOC_NUMBER_RE
from ingest.errors import DictionaryError

DICT_DIR = Path(__file__).parent / "dictionaries"
INTENTS_FILE = DICT_DIR / "intents.tsv"
SYNONYMS_FILE = DICT_DIR / "query_synonyms.tsv"
AGENCY_FORMS_FILE = DICT_DIR / "agency_forms.tsv"
# the level words written before an agency's name (市发展改革委, 省生态环境厅)
LEVEL_WORDS = frozenset("省市县区")

INTENTS: tuple[str, ...] = (
    "lead_agency",
    "responsible_agencies",
    "target_value",
    "agency_duties",
    "similar_measures",
    "document_lookup",
    "search",
)

# 4-digit years written in policy questions: 2025年, 2014—2015年, 2014-2015
RE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
RE_YEAR_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年?\s*[—–\-－~～至到]\s*((?:19|20)\d{2})(?!\d)")
# a base year: 比2013年 / 较2020年 / 相比2020年 / 与2020年相比
RE_BASE_YEAR = re.compile(
    r"(?:比|较|相比|相较|对比|与)\s*((?:19|20)\d{2})\s*年?"
    # "以2020年为基数 / 为基准 / 为基期", "在2020年基础上"
    r"|以\s*((?:19|20)\d{2})\s*年?(?:的)?[^，,。？?]{0,12}?为(?:基数|基准|基期|基础)|在\s*((?:19|20)\d{2})\s*年?的?基础上"
)
# the year a document was issued, not a target year: 2021年印发的 / 2022年4月发布的 / 2022年3月发的; a date (year and month)
# followed by 的 and, within a few characters and no 在 (where to look), the document's kind ("上海市生态环境局2021年11月的
# 通知", "按2021年12月的《…监测规划》") — not a date after 到 / 至 / 截至, which a target is set for ("到2025年6月的完成率");
# or a date in brackets right after a document's kind or title ("能源白皮书（2020年12月）")
_MONTH_DAY = r"\d{1,2}\s*月份?\s*(?:\d{1,2}\s*日\s*)?"
_DOC_KINDS = doc_type_alternation()
RE_ISSUE_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(?:" + _MONTH_DAY + r")?(?:联合)?(?:印发|发布|出台|制定|颁布|下发|发的|出的)"
    r"|(?<![到至])(?<!截至)((?:19|20)\d{2})\s*年\s*" + _MONTH_DAY + r"的\s*(?=《|[^，,。；;？?在]{0,12}?(?:" + _DOC_KINDS + r"))"
    r"|(?:》|" + _DOC_KINDS + r")[（(]\s*((?:19|20)\d{2})\s*年\s*" + _MONTH_DAY + r"[）)]"
)
# five-year-plan periods: 十四五 -> (2021, 2025)
PLAN_PERIODS: dict[str, tuple[int, int]] = {
    "十一五": (2006, 2010),
    "十二五": (2011, 2015),
    "十三五": (2016, 2020),
    "十四五": (2021, 2025),
    "十五五": (2026, 2030),
}


def names_year(text: str, year: int) -> bool:
    """Whether ``text`` names ``year``: the year written, or the five-year period that ends in it ("“十四五”生态环境
    监测规划" frames its figures as 2025's)."""
    return str(year) in text or any(period in text for period, (_start, end) in PLAN_PERIODS.items() if end == year)


# full region names with an administrative suffix, for places the gazetteer may not know
# (a suffix that begins a word is no suffix: 区域, 区划, 市场, 市民, 市值, 县域, 省份)
RE_REGION_FULL = re.compile(
    r"([\u4e00-\u9fa5]{2,7}?(?:自治区|特别行政区|省(?!份)|市(?![场民值])|自治州|地区|盟|县(?!域)|区(?![域划块间])|旗))"
)
# words that look like region names but are generic ("其他城市", "全市")
GENERIC_PLACE_WORDS = frozenset(
    "其他城市 其它城市 所在城市 所在地市 所在市 各城市 城市 全市 本市 我市 各市 全省 本省 我省 各省 地市 省市 县市 "
    "全县 各县 各区 城区 园区 开发区 示范区 高新区 工业园区 地区 其他地区 各地区 相关地区 重点地区 社区 景区 "
    "农村地区 城镇地区 山区 矿区 省区 市区 郊区 辖区 片区 行政区 本地区 该地区 全区 新区 "
    # a kind of zone written without its name ("经开区2021年度…项目"): no place asked about
    "经开区 经济开发区 经济技术开发区 高新技术产业开发区 自贸区 自贸试验区 保税区 综保区 综合保税区 工业区".split()
)
# a place word that only points at other places ("其他省份", "兄弟城市", "周边地市"): never a region
# a place name the gazetteer does not know is kept only when it could be a name: collective words
# ("各省市", "每个市"), function characters ("各地在全国碳市") and question words ("还有哪个省") show a phrase, not a place
RE_NOT_A_PLACE_NAME = re.compile(
    r"^(?:各|每|所有|全体|除了|除去|除)|[在的和与及等是为对把被从向于之该哪]|什么"
    # (a question's or a comparison's words before the place word: "有没有其他省级的…规划")
    r"|有没有|有无|还有|请问|想问|其他|其它|别的|其余"
)
# a title a place earns rather than a place's name ("生态文明强县", "节水型示范市", "试点县"): never an unknown place
RE_TITLE_OF_A_PLACE = re.compile(r"(?:强|示范|试点|先进|先行|标杆|样板|达标|百强|文明)(?:县|市|区|省|镇|村)$")
# endings of a phrase that names no place ("…工业园区", "其他城市"): never an unknown place
NOT_A_REGION_ENDINGS = ("城市", "地区", "园区", "市区")
# endings of an area that is no administrative region: a phrase ending so that opens with a verb is a measure's words
# ("打造草原旅游景区…", "创建低碳示范社区…", "推进重点片区…"), no unknown place — a named one (三峡库区, 西湖景区) still is
AREA_ENDINGS = ("景区", "社区", "片区", "厂区", "校区", "库区")
# jieba's tags of a verb opening such a phrase
VERB_TAGS = ("v", "vn")
RE_GENERIC_PLACE = re.compile(r"^(?:其他|其它|别的|另外|其余|兄弟|周边|相关|有关|哪些|哪个|什么|同级|外)")
# what follows the first of a list of places ("太原市、晋城市", "太原和晋城")
# (not a comma: "山西省的大同市，煤矿瓦斯利用由哪个部门牵头" names one place and goes on)
RE_PLACE_LIST_AFTER = re.compile(r"\s*(?:、|和|及|与|以及|或)")
# a county question that explicitly asks about the county's city
RE_PARENT_CITY = re.compile(r"所在(?:的)?(?:城市|地市|市|地级市)|所属(?:的)?(?:城市|地市|市)|隶属(?:的)?(?:城市|市)")
# national scope words at the start of a question
RE_NATIONAL = re.compile(r"^(?:(?:19|20)\d{2}年度?)?(?:全国|国家层面|国家级|国家|国务院|中央)")
# national scope words that mean the country wherever they stand (when no other place is named)
RE_NATIONAL_ANYWHERE = re.compile(
    r"(?:国家|全国|中央)层面|国务院(?:有关|各)?部门|各部委|国家部委|全国范围"
    # (asking which ministry: "低碳日当天的宣传活动是哪个部委牵头搞的" asks a central body)
    r"|(?:哪个|哪一个|哪些|哪几个|什么)部委"
)
# counting words after 多少 / 几 ("多少家", "几个"): the classifier goes with the question word
# (分 a score, 份 copies, 类 kinds, 字 characters, 周 weeks: "专家评审得多少分", "一式几份", "按几类项目组织", "限多少字")
COUNT_CLASSIFIERS = "辆|台|个|家|座|项|户|块|处|所|件|套|条|名|人次|人|批|亩|株|棵|艘|架|栋|天|日|小时|次|分|份|类|字|周"
# the names of a time limit a question asks with 多长 ("办理时限是多长", "有效期多长"; search.answer_text reads the same
# words as a duration asked)
TIME_LIMIT_WORDS = ("时限", "期限", "周期", "工期", "有效期", "时长")
# generic interrogative / filler phrases removed from the retrieval keywords
RE_FILLER = re.compile(
    r"(?:多少|几)(?:" + COUNT_CLASSIFIERS + r"|年)|"
    r"由?(?:哪个|哪一个|哪些|哪家|什么|何)(?:省级|市级|县级|区级|国家|省直|市直)?(?:部门|单位|机构|处室|科室|委办局|委办|部委|局|委|厅|办|部|处|科)|"
    r"(?:的)?(?:牵头|责任|主管|负责|配合|协同|协办|参与|相关)(?:部门|单位|机构)(?:是谁|是哪个|是什么|有哪些|是哪些|是)?|"
    # (the figure asked by its name: "…漏损率，具体数字是多少", "…的数值是多少" — not 数字化 / 数字经济)
    r"(?:具体)?的?(?:数字|数值|数据)(?:是|为)?(?=多少|几)|"
    r"多长时间|多久|(?:" + "|".join(f"(?<={w})" for w in TIME_LIMIT_WORDS) + r")[是为有]?多长|哪[一几]?天|几月几[日号]|什么时候|多少钱|"
    r"是谁|(?:由|归)?谁(?:来)?(?:负责|主管|管理|主抓|牵头|落实|承担|抓|管)?|是多少|要求是多少|目标是多少|多少|(?:要)?占?多大|有没有|有哪些|哪些|是什么|什么|怎么样|如何|"
    r"\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*[至到—–-]\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)?|"  # 6月13日至19日: when, not what
    r"[吗呢吧啊呀]|请问|(?<![思理设感梦])(?:我)?想(?:问问?|了解|知道|咨询)(?:一?下)?|一下|要(?![点素件闻害])|(?<!行动|工作|发展|实施|年度|专项|推进|滚动|规划)计划|[？?！!。，,、：:；;“”\"'‘’《》〈〉（）()【】\[\]\s]"
)
# a party committee's plenary session named as the maker of its decision ("四川省委十一届十次全会通过的…决定", "市委八届二次
# 全会定的目标"): it names the document, as a title or 文号 does, and holds none of the measure's words
RE_PLENARY_SESSION = re.compile(
    r"(?:[省市州县区]委)?第?[一二三四五六七八九十\d]{1,3}届(?:[省市州县区]委)?第?[一二三四五六七八九十\d]{1,3}次全(?:体)?会(?:议)?"
    r"(?:上|审议)?(?:通过|提出|确定|定|作出|部署)?(?:了|的)?"
)
# what a question sets apart before asking about the rest ("除竞争择优类以外的其他类别项目…截止时间是哪天", "…，竞争择优类
# 以外的其它类别项目…"): its words name the part not asked about, so they are no content terms (the "其他" that follows
# stays); without 除 the phrase is a short one opening the question or a comma part, with no 中 / 里 / 的 inside (the
# document or topic it is in is no part of it: "碳达峰项目中竞争择优类以外的…" keeps 碳达峰项目)
RE_SET_APART = re.compile(
    r"(?:除(?:了|去)?[^，,。；？?\s]{2,30}?(?:以外|之外|外)|(?:^|(?<=[，,]))[^，,。；？?\s除中里的]{2,8}?(?:以外|之外))"
    r"(?=的?(?:其他|其它|别的|其余))"
)
# spoken framing around the subject: "在废旧物资回收这块", "在园区循环化改造方面" -> the subject only
RE_FRAME = re.compile(r"在([^\s，,。？?]{2,24}?)(?:这一?块|这方面|方面)(?:的?工作)?")
# what may stand between a place and a stored place inside it written by its short form: a word saying the measure is
# the inner place's ("上海为浦东…立的规定", "广州给黄埔…"), never a list or a place set apart ("山西省和大同市…",
# "安徽省内除了阜阳，…")
RE_PLACE_GAP_FOR = re.compile(r"(?:专门)?(?:为|给|对|针对)")
# agency-like words in a question (used only when no known agency matches)
# a department's internal division at the end of its name (黑龙江省生态环境厅环评处 -> 环评处)
DIVISION_OF_DEPARTMENT_RE = re.compile(r"(?:厅|局|委|委员会|部)(?P<division>[\u4e00-\u9fff]{2,8}?(?:处|处室|科|科室))$")
AGENCY_SUFFIXES = ("委员会", "管理局", "事务局", "服务中心", "中心", "分行", "分局", "办公室", "局", "委", "厅", "办")
# an agency written after its level word: 市住建委, 省发改委 (shortest span ending in a body suffix)
RE_AGENCY_MENTION = re.compile(r"(?:省|市|县|区)[\u4e00-\u9fa5]{1,12}?(?:" + "|".join(AGENCY_SUFFIXES) + ")")


# an agency mention for fuzzy matching: an optional region/level word, then a short body name
RE_AGENCY_MENTION_LOOSE = re.compile(
    r"(?:[\u4e00-\u9fa5]{0,6}?(?:省|市|县|区))?(?P<body>[\u4e00-\u9fa5]{1,10}?(?:"
    + "|".join(AGENCY_SUFFIXES + ("联", "会", "院", "署", "部"))
    + "))"
)


# a division written right after its body ("生态环境部科财司", "省生态环境厅气候处"): a short name ending in a division word
RE_DIVISION_AFTER = re.compile(r"[\u4e00-\u9fa5]{1,8}?(?:司|处|科)(?![\u4e00-\u9fa5]{0,1}(?:长|员))")


# the verbs a question's subject is charged with
DUTY_VERBS = r"(?:牵头|负责|承担|主管|分管)"
# the duty verb right after an agency named as the question's subject ("环评处都牵头…", "市发展改革委负责…")
RE_SUBJECT_VERB = re.compile(r"(?:都|还|主要|具体)?" + DUTY_VERBS)
# a question with an agency-like subject and a duty verb, at its start or after a comma: "市住建委在…牵头哪些…",
# "…方案里，环评处牵头哪些工作"
RE_AGENCY_SUBJECT = re.compile(
    r"(?:^|[，,：:])[^，,。？?\s]{1,16}?(?:局|委|厅|办|部|署|中心|联|总工会|院|处|处室|科|科室)(?:在[^，,。？?]{1,30}?)?"
    r"(?:都|还|主要)?" + DUTY_VERBS
)


@dataclass(frozen=True)
class IntentRule:
    """One line of ``intents.tsv``: ``intent`` applies when ``pattern`` matches."""

    intent: str
    needs_agency: bool
    pattern: re.Pattern[str]
    line: int = 0


@dataclass(frozen=True)
class QuestionFrame:
    """What a question asks, resolved deterministically."""

    question: str
    intent: str
    region: str | None = None  # qualified region to answer for (太原市); None when none mentioned
    region_mentioned: str | None = None  # the place as written (清徐县, 太原, 陕西)
    region_known: bool = True  # False: a place is mentioned that no stored document covers
    topics: tuple[str, ...] = ()
    agency: str | None = None  # Agency.name of the agency asked about (agency_duties)
    agency_canonical: str | None = None
    indicator: str | None = None  # normalised indicator name (单位GDP能耗)
    year: int | None = None  # the year the question is about (target year)
    base_year: int | None = None  # 比2013年 -> 2013
    years: tuple[int, ...] = ()  # every year mentioned (periods expanded to their end year)
    keywords: str = ""  # residual content words for retrieval, paraphrases appended
    core: str = ""  # the residual content words alone (keywords without the paraphrases)
    expansions: tuple[str, ...] = ()  # document wordings added by paraphrase rules
    regions_mentioned: tuple[str, ...] = field(default=())  # every qualified region mentioned
    doc_ids: tuple[str, ...] = ()  # documents the question names by title (set by search.qa)
    # the documents a resolved reference names (its number, title or issuer and year; set by search.answer_references), not
    # those a run of title words only suggests: these are in the store for certain, so a weak match still answers
    referenced: tuple[str, ...] = ()

    @property
    def not_in_corpus(self) -> bool:
        """True when the question names a place the store does not cover."""
        return self.region_mentioned is not None and not self.region_known


def normalise(text: str) -> str:
    """NFKC + unify dashes; the form every matcher in this module works on."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[‐‑‒–—―−~～]+", "-", text)


# ----------------------------------------------------------------------------- data files
@lru_cache(maxsize=None)
def load_intent_rules(path: Path = INTENTS_FILE) -> tuple[IntentRule, ...]:
    """Read ``intents.tsv``.

    Raises:
        DictionaryError: a line is malformed or its regex does not compile (names file and line).
    """
    rules: list[IntentRule] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 3 or parts[0] not in INTENTS or parts[1] not in ("0", "1"):
            raise DictionaryError(f"invalid intent rule in {path} at line {n}: {raw!r}")
        try:
            pattern = re.compile(parts[2])
        except re.error as e:
            raise DictionaryError(f"invalid regex in {path} at line {n}: {raw!r} ({e})") from e
        rules.append(IntentRule(parts[0], parts[1] == "1", pattern, n))
    return tuple(rules)


@lru_cache(maxsize=None)
def load_synonyms(path: Path = SYNONYMS_FILE) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Read ``query_synonyms.tsv`` as ``((term, (wording, ...)), ...)``, longest term first.

    Raises:
        DictionaryError: a line is malformed (names file and line).
    """
    out: list[tuple[str, tuple[str, ...]]] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise DictionaryError(f"invalid synonym entry in {path} at line {n}: {raw!r}")
        out.append((normalise(parts[0].strip()), tuple(w.strip() for w in parts[1].split("|") if w.strip())))
    out.sort(key=lambda kv: -len(kv[0]))
    return tuple(out)


@lru_cache(maxsize=None)
def load_agency_forms(path: Path = AGENCY_FORMS_FILE) -> tuple[tuple[str, ...], ...]:
    """Read ``agency_forms.tsv``: groups of equivalent agency names (``工信部|工业和信息化部``).

    Raises:
        DictionaryError: a line has fewer than two forms (names file and line).
    """
    groups: list[tuple[str, ...]] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        forms = tuple(normalise(f.strip()) for f in raw.split("|") if f.strip())
        if len(forms) < 2:
            raise DictionaryError(f"invalid agency form group in {path} at line {n}: {raw!r}")
        groups.append(forms)
    return tuple(groups)


@lru_cache(maxsize=1)
def national_issuer_re() -> re.Pattern[str]:
    """What opens a phrase naming a national issuer: 国家 / 国务院 / 中共中央 / 中办 / 国办, a ministry (a name ending in
    部 with no place or level before it: 交通运输部, 财政部 — not 中西部, a region's part), or a national body's form of
    ``agency_forms.tsv`` that is one by its own name (工信部, 国家发改委; not 发改委, every level's)."""
    forms = sorted({f for group in load_agency_forms() for f in group if NATIONAL_RE.search(f)}, key=len, reverse=True)
    ministry = r"(?![省市县区])[\u4e00-\u9fff]{1,8}?(?<![东西南北中内外全干])部(?!门|分|署)"
    return re.compile("^(?:国家|国务院|中共中央|中办|国办|" + "|".join(map(re.escape, forms)) + "|" + ministry + ")")


def opens_with_national_issuer(phrase: str) -> bool:
    """Whether a title phrase of a question opens with a national issuer ("交通运输部2021年度节能低碳技术推广目录")."""
    return bool(national_issuer_re().match(normalise(phrase)))


# ----------------------------------------------------------------------------- helpers
def _region_name(obj: Any) -> str | None:
    """The qualified name of whatever a gazetteer returns (Region, str, tuple, dict)."""
    if obj is None:
        return None
    if isinstance(obj, str):
        return obj
    if isinstance(obj, tuple | list) and obj:
        return _region_name(obj[0])
    if isinstance(obj, dict):
        return obj.get("name") or _region_name(obj.get("region"))
    name = getattr(obj, "name", None)
    if isinstance(name, str):
        return name
    return _region_name(getattr(obj, "region", None))


def _mention_parts(obj: Any, text: str) -> tuple[str | None, str, int]:
    """(qualified name, surface form, start offset) of one gazetteer mention."""
    name = _region_name(obj)
    surface, start = "", -1
    for attr in ("surface", "text", "raw", "mention", "span_text"):
        v = obj.get(attr) if isinstance(obj, dict) else getattr(obj, attr, None)
        if isinstance(v, str) and v:
            surface = v
            break
    for attr in ("start", "begin", "offset"):
        v = obj.get(attr) if isinstance(obj, dict) else getattr(obj, attr, None)
        if isinstance(v, int):
            start = v
            break
    if isinstance(obj, tuple | list):
        ints = [x for x in obj if isinstance(x, int)]
        strs = [x for x in obj[1:] if isinstance(x, str)]
        if ints:
            start = ints[0]
            if len(ints) > 1 and not strs:
                surface = text[ints[0] : ints[1]]
        if strs and not surface:
            surface = strs[0]
    if not surface and name:
        for cand in (name, _short_form(name)):
            if cand and cand in text:
                surface = cand
                break
    if start < 0 and surface:
        start = text.find(surface)
    return name, surface, start


def _short_form(name: str) -> str:
    for suf in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "省", "市", "县", "区"):
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


RE_BODY_SUFFIX = re.compile(r"(?:委员会|管理局|事务局|局|委|厅|办公室|办)$")


def _family(canonical: str) -> str:
    """An agency name without its body-type suffix: 住房和城乡建设委员会 -> 住房和城乡建设."""
    return RE_BODY_SUFFIX.sub("", canonical or "")


def _opens_with_a_verb(phrase: str) -> bool:
    """Whether jieba's first word of ``phrase`` is a verb ("打造草原旅游景区": 打造/v; "西湖景区": 西湖/ns)."""
    words = pos_words(phrase)
    return bool(words) and words[0].flag in VERB_TAGS


def _opens_with_a_place(gz: Any, name: str) -> bool:
    """Whether ``name`` opens with a province's or city's name the gazetteer knows, written short or in full ("云南自贸试验区",
    "南京江北新区"): a zone or area of that place, not an unknown place."""
    if gz is None:
        return False
    for size in (3, 2):
        obj = _resolve(gz, name[:size]) if len(name) > size + 1 else None
        if obj is not None and getattr(obj, "level", None) in ("province", "city"):
            return True
    return False


def _resolve(gazetteer: Any, name: str) -> Any:
    if gazetteer is None:
        return None
    try:
        return gazetteer.resolve(name)
    except Exception:  # a gazetteer that raises on unknown names behaves like None
        return None


def _parent(gazetteer: Any, region_obj: Any, name: str) -> str | None:
    parent = getattr(region_obj, "parent", None)
    if isinstance(parent, str) and parent:
        return parent
    if gazetteer is not None and hasattr(gazetteer, "ancestors"):
        try:
            anc = list(gazetteer.ancestors(name))
        except Exception:
            anc = []
        names = [_region_name(a) for a in anc]
        names = [a for a in names if a and a != name]
        if names:
            # ancestors are listed nearest-first or farthest-first depending on the gazetteer
            levels = [getattr(a, "level", "") for a in anc if _region_name(a) != name]
            if "city" in levels:
                return names[levels.index("city")]
            return names[0]
    return None


def _level(region_obj: Any, name: str) -> str:
    level = getattr(region_obj, "level", None)
    if isinstance(level, str) and level:
        return level
    if name in ("全国", "国家", "中国"):
        return "country"
    if name.endswith(("省", "自治区")):
        return "province"
    if name.endswith(("县", "区", "旗")):
        return "county"
    return "city"


# ----------------------------------------------------------------------------- parser
class QuestionParser:
    """Parses questions against one store's vocabulary (regions, agencies) and the data files.

    Args:
        gazetteer: an ``ingest.regions.Gazetteer`` (``resolve``, ``find_mentions``, ``ancestors``).
        known_regions: qualified names of the regions stored documents are issued for.
        agencies: the store's ``Agency`` records (to recognise "太原市机关事务局" in a question).
        topic_matcher: ``question -> [topic_id]`` (``ingest.topics.match_topics_in_query``).
        indicator_matcher: ``question -> normalised indicator | None``.
        agency_normaliser: ``raw agency name -> canonical name`` (alias table), optional.
    """

    def __init__(
        self,
        gazetteer: Any = None,
        known_regions: Collection[str] = (),
        *,
        agencies: Iterable[Any] = (),
        topic_matcher: Callable[[str], list[str]] | None = None,
        indicator_matcher: Callable[[str], str | None] | None = None,
        agency_normaliser: Callable[[str, str], str | None] | None = None,
        intent_rules: tuple[IntentRule, ...] | None = None,
        synonyms: tuple[tuple[str, tuple[str, ...]], ...] | None = None,
        agency_forms: tuple[tuple[str, ...], ...] | None = None,
    ):
        self.gazetteer = gazetteer
        self.known_regions = frozenset(known_regions)
        self.topic_matcher = topic_matcher
        self.indicator_matcher = indicator_matcher
        self.agency_normaliser = agency_normaliser
        self.rules = intent_rules if intent_rules is not None else load_intent_rules()
        self.synonyms = synonyms if synonyms is not None else load_synonyms()
        self.agency_forms = agency_forms if agency_forms is not None else load_agency_forms()
        self._agency_forms = self._build_agency_forms(agencies)
        # the forms a question scoped to one region can match (its own and region-less agencies), in
        # the same longest-first order: a question costs the region's agencies, not the corpus's
        self._forms_of_region: dict[str, list[tuple[str, str, Any]]] = {}
        self._region_agencies: dict[str, list[Any]] = {}
        for item in self._agency_forms:
            a_region = getattr(item[2], "region", "") or ""
            if a_region:
                self._forms_of_region.setdefault(a_region, [])
                self._region_agencies.setdefault(a_region, []).append(item[2])
        regionless: list[tuple[str, str, Any]] = []
        # one pass in the longest-first order: each region's list gets its own forms and the
        # region-less ones (national bodies), so a corpus of thousands of plans costs one scan
        for item in self._agency_forms:
            a_region = getattr(item[2], "region", "") or ""
            if a_region:
                self._forms_of_region[a_region].append(item)
            else:
                regionless.append(item)
                for items in self._forms_of_region.values():
                    items.append(item)
        self._regionless_forms = regionless

    # --- agencies ---------------------------------------------------------------------------
    @staticmethod
    def _build_agency_forms(agencies: Iterable[Any]) -> list[tuple[str, str, Any]]:
        """(surface form, kind, agency): full names and region-free forms, longest first."""
        forms: list[tuple[str, str, Any]] = []
        divisions: dict[tuple[str, str], list[Any]] = {}
        for a in agencies:
            region = getattr(a, "region", "") or ""
            for full in {a.name, a.canonical}:
                if not full:
                    continue
                forms.append((normalise(full), "full", a))
                if region and full.startswith(region):
                    rest = full[len(region) :]
                    if len(rest) >= 2:
                        forms.append((normalise(rest), "bare", a))
                        short = _short_form(region)
                        forms.append((normalise(short + rest), "full", a))
            if getattr(a, "agency_type", ""):
                forms.append((normalise(a.agency_type), "bare", a))
            division = DIVISION_OF_DEPARTMENT_RE.search(a.name)
            if region and division:
                divisions.setdefault((region, division.group("division")), []).append(a)
        # a department's division named alone ("环评处牵头哪些工作？" about a 生态环境厅 plan) is that division, when
        # one department of the region has a division of that name
        for (_region, division_name), bodies in divisions.items():
            if len(bodies) == 1:
                forms.append((normalise(division_name), "division", bodies[0]))
        forms.sort(key=lambda f: (-len(f[0]), f[1] != "full", f[2].name))
        return forms

    def _match_agency(self, text: str, region: str | None) -> Any:
        """The known agency named in ``text`` (region-consistent), or None.

        Agencies are also recognised in their colloquial forms (工信部 = 工业和信息化部, 生态局 =
        生态环境局, ``agency_forms.tsv``); the replaced form must still name an agency of the
        question's region.
        """
        best = self._match_agency_as_written(text, region)
        if best is None:
            for group in self.agency_forms:
                for form in sorted((f for f in group if f in text), key=len, reverse=True):
                    for other in group:
                        if other == form or other in text:
                            continue
                        best = self._match_agency_as_written(text.replace(form, other), region)
                        best_region = getattr(best, "region", "") or ""
                        if best is not None and (
                            region is None
                            or _level(None, region) == "country"
                            or best_region == region
                            # a national body named as one ("国家发改委" in a question about 宁夏's plan, which the
                            # ministries issued): its name says its level, whatever place the question is about
                            or (not best_region and NATIONAL_RE.search(form) and NATIONAL_RE.search(best.name))
                        ):
                            return best
                        best = None
        return best

    def _match_agency_as_written(self, text: str, region: str | None) -> Any:
        best = None
        if region is None:
            forms = self._agency_forms
        else:
            forms = self._forms_of_region.get(region, self._regionless_forms)
        # (an autonomous prefecture's, a league's or a banner's bodies are written with its own level word as a city's
        # with 市: "州生态环境局" in a question about 海西州's plan)
        own_level = region[-1:] if region is not None and region.endswith(("州", "盟", "旗")) else ""
        for form, kind, a in forms:
            if len(form) < 2 or form not in text:
                continue
            a_region = getattr(a, "region", "") or ""
            pos = text.find(form)
            prefix = text[max(0, pos - 1) : pos]  # the level word written before the form, if any
            if kind == "division" or (kind == "bare" and form.startswith("各")):
                # a division (环评处) or the lower levels' bodies (各区生态环境局) name no level of their own: the
                # question's region decides
                if region is None or a_region != region:
                    continue
            elif kind == "bare":
                # "市能源局" in a 太原 question means 太原市能源局; a bare "能源局" with no region is ambiguous
                if region is None or a_region != region:
                    continue
                if prefix not in ("市", "省", "县", "区", "", own_level) and not text[:pos].endswith(_short_form(region)):
                    if not text[:pos].endswith(region):
                        continue
            elif region is not None and a_region and a_region != region:
                continue
            elif region is not None and a_region in ("", "全国") and LEVEL_WORDS & {prefix, form[:1]}:
                # "市发展改革委" in a 上海 question is 上海市发展改革委, never the national 发展改革委; and a body stored
                # without its place ("市生态环境局" of a provincial plan) is not the region's
                continue
            if (
                region is not None
                and a_region in ("", "全国")
                and any(f == form and k != "division" and getattr(b, "region", "") == region for f, k, b in forms)
            ):
                # a national list's bare "发展改革部门" and the region's own body written the same way ("重庆…发展改革部门牵头
                # 的有哪些事"): the question's region decides
                continue
            if best is None:
                best = a
            # the body the duty verb follows is the one asked about ("黑龙江省生态环境厅…方案里，环评处牵头哪些工作"): the
            # plan's issuer named before it is the document, not the subject
            if RE_SUBJECT_VERB.match(text, pos + len(form)):
                best = a
                break
        if best is not None:
            best = self._division_written_short(text, best) or best
        if best is None and self.agency_normaliser is not None and region:
            best = self._match_agency_alias(text, region)
        if best is None and region:
            best = self._match_agency_fuzzy(text, region)
        return best

    def _division_written_short(self, text: str, body: Any) -> Any:
        """A division of ``body`` written right after it in a short form ("生态环境部科财司" for 生态环境部科技与财务司): the
        one stored division of the body whose own name holds the written characters in order, ending alike; else None."""
        at = text.find(body.name)
        m = RE_DIVISION_AFTER.match(text, at + len(body.name)) if at >= 0 else None
        if m is None:
            return None
        written = m.group(0)
        hits = {
            a.name: a for _form, _kind, a in self._agency_forms
            if a.name.startswith(body.name) and (rest := a.name[len(body.name):])
            and rest[-1] == written[-1] and is_subsequence(written, rest)
        }
        return next(iter(hits.values())) if len(hits) == 1 else None

    def _match_agency_fuzzy(self, text: str, region: str) -> Any:
        """An agency written in a short form the tables lack (住建委, 经信委, 市残联), matched by its
        characters: the written body (after the level word) is a subsequence of exactly one agency
        of the region, ending in the same body character. Never across regions."""
        regional = {a.name: a for a in self._region_agencies.get(region, [])}
        for m in RE_AGENCY_MENTION_LOOSE.finditer(text):
            written = m.group("body")
            if len(written) < 2:
                continue
            hits = []
            for a in regional.values():
                rest = a.name[len(region) :] if a.name.startswith(region) else a.name
                if rest and rest[-1] == written[-1] and is_subsequence(written, rest) and len(rest) <= 4 * len(written):
                    hits.append(a)
            if len(hits) == 1:
                return hits[0]
        return None

    def _match_agency_alias(self, text: str, region: str) -> Any:
        """An agency written with an alias (发改委, 住建委) matched through the alias table.

        The canonical names are compared first; failing that, the names without their body-type
        suffix (住房和城乡建设委员会 ~ 住房和城乡建设局: the same department after a renaming).
        """
        regional = list(self._region_agencies.get(region, []))
        short = _short_form(region)
        if len(short) >= 2 and short != region:
            # the region's short form before the body ("长沙住建局"): read as the full name (长沙市住建局)
            text = re.sub(rf"{re.escape(short)}(?!{re.escape(region[len(short):])})", region, text)
        for m in RE_AGENCY_MENTION.finditer(text):
            try:
                canon = self.agency_normaliser(m.group(0), region)
            except Exception:  # an unparsable span is simply not an agency
                canon = None
            if not canon:
                continue
            for a in regional:
                if a.canonical == canon or a.name == canon:
                    return a
            family = {a.name: a for a in regional if _family(a.canonical) == _family(canon)}
            if len(family) == 1:
                return next(iter(family.values()))
        return None

    # --- regions ----------------------------------------------------------------------------
    def _find_regions(self, text: str) -> list[tuple[str, str, int, Any]]:
        """(qualified name, surface, start, region object) of each place mentioned, in order."""
        found: dict[str, tuple[str, str, int, Any]] = {}
        gz = self.gazetteer
        if gz is not None and hasattr(gz, "find_mentions"):
            try:
                mentions = list(gz.find_mentions(text))
            except Exception:
                mentions = []
            last_start = 0
            for m in mentions:
                name, surface, start = _mention_parts(m, text)
                # mentions come in text order; one written in a form not found again in the text
                # ("海西州" for 海西蒙古族藏族自治州) keeps its place in that order
                start = start if start >= 0 else last_start
                last_start = start
                if not name or name in found:
                    continue
                if surface in GENERIC_PLACE_WORDS or RE_GENERIC_PLACE.match(surface or ""):
                    continue
                obj = m if hasattr(m, "level") else _resolve(gz, name)
                found[name] = (name, surface or name, start, obj)
        # full names the gazetteer did not report (e.g. a gazetteer limited to a few provinces)
        for m in RE_REGION_FULL.finditer(text):
            surface = m.group(1)
            # trim leading words that are not part of the name ("和太原市" -> "太原市")
            for cut in range(0, len(surface) - 2):
                cand = surface[cut:]
                if cand in GENERIC_PLACE_WORDS:
                    break
                obj = _resolve(gz, cand)
                name = _region_name(obj)
                if name:
                    if name not in found:
                        found[name] = (name, cand, m.start(1) + cut, obj)
                    break
            else:
                cand = surface
                if (
                    cand in GENERIC_PLACE_WORDS
                    or RE_GENERIC_PLACE.match(cand)
                    or RE_NOT_A_PLACE_NAME.search(cand)
                    or RE_TITLE_OF_A_PLACE.search(cand)
                    or cand.endswith(NOT_A_REGION_ENDINGS)
                    or (cand.endswith(AREA_ENDINGS) and _opens_with_a_verb(cand))
                ):
                    continue
                # (nor one that holds a known place: "想问下浙江发布省…" is words around 浙江, not a place of its own)
                if gz is None or not any(
                    v[2] <= m.start(1) < v[2] + len(v[1]) + 1 or m.start(1) <= v[2] < m.start(1) + len(cand)
                    for v in found.values()
                ):
                    if _resolve(gz, cand) is None and m.start(1) == 0 and not _opens_with_a_place(gz, cand):
                        # an unknown place at the head of the question ("深圳市…"): keep it so the
                        # answer says "not found" instead of answering for another place — never a zone named after a
                        # known place ("云南自贸试验区…": 云南's)
                        found.setdefault(cand, (cand, cand, m.start(1), None))
        if (stored := self._stored_county_short(text)) is not None and all(
            name in self._ancestor_names(stored[0]) for name in found
        ):
            # (also after the places it lies in: "上海为浦东绿色金融立的规定" — 浦东新区, inside 上海市)
            found.setdefault(stored[0], stored)
        if not any(v[2] == 0 for v in found.values()):
            head = self._head_region(text)
            if head is not None and head[0] not in found:
                found[head[0]] = head
        m = RE_NATIONAL.match(text) or (RE_NATIONAL_ANYWHERE.search(text) if not found else None)
        if m and not any(v[2] == 0 for v in found.values()):
            obj = _resolve(gz, "全国")
            found.setdefault(_region_name(obj) or "全国", (_region_name(obj) or "全国", m.group(0), 0, obj))
        return sorted(found.values(), key=lambda v: (v[2] if v[2] >= 0 else 10**6, -len(v[1])))

    def _stored_county_short(self, text: str) -> tuple[str, str, int, Any] | None:
        """A county-level place that documents are stored for, written by its short form in a question that names no
        other place, or only places it lies in ("在浦东拿了绿色金融服务的企业…", "上海为浦东…" → 浦东新区): short county forms
        count in free text only inside a known province, but one of the store's own places is what such a question
        means — when no other stored place shares the short form."""
        gz = self.gazetteer
        if gz is None or not hasattr(gz, "short_name"):
            return None
        hits: dict[str, tuple[str, str, int, Any]] = {}
        for name in self.known_regions:
            obj = _resolve(gz, name)
            if getattr(obj, "level", "") != "county":
                continue
            short = gz.short_name(name)
            at = text.find(short) if len(short) >= 2 and short != name else -1
            if at >= 0 and short not in getattr(gz, "exclusions", ()):
                hits.setdefault(short, (name, short, at, obj))
                if hits[short][0] != name:
                    return None  # two stored places share it
        return next(iter(hits.values())) if len(hits) == 1 else None

    def _head_region(self, text: str) -> tuple[str, str, int, Any] | None:
        """A place name opening the question although the gazetteer lists it as a common word.

        Questions name their place first ("大同VOCs治理哪个局牵头"); 大同/保定/安康 are excluded
        from free-text matching as common words, but at the head of a question they are places.
        Only city- or province-level candidates count.
        """
        gz = self.gazetteer
        by_short = getattr(gz, "by_short", None)
        if not isinstance(by_short, dict):
            return None
        for n in (4, 3, 2):
            piece = text[:n]
            cands = [r for r in by_short.get(piece, []) if getattr(r, "level", "") in ("province", "city")]
            if len(cands) == 1:
                return (cands[0].name, piece, 0, cands[0])
        return None

    def coverage(self, name: str, intent: str = "") -> tuple[str | None, bool]:
        """(region to answer for, covered?) for a qualified region name (see the module docstring)."""
        return self._covered(name, _resolve(self.gazetteer, name), intent)

    def _place_written_inside(self, text: str, regions: list[tuple[str, str, int, Any]]) -> tuple[str, str, int, Any] | None:
        """The second place found when it is written right after the first (nothing or 的 between) and lies inside it
        ("芜湖繁昌区", "山西省的大同市"), else None."""
        if len(regions) < 2 or self.gazetteer is None:
            return None
        (outer, written, start, _obj), inner = regions[0], regions[1]
        if start < 0 or inner[2] < 0:
            return None
        gap = text[start + len(written) : inner[2]]
        # (a stored place's short form may stand after a word making the measure its own: "上海为浦东绿色金融立的规定")
        stored_short = inner[1] != inner[0] and inner[0] in self.known_regions
        if gap not in ("", "的") and not (stored_short and RE_PLACE_GAP_FOR.fullmatch(gap)):
            return None
        return inner if outer in self._ancestor_names(inner[0]) else None

    def _ancestor_names(self, name: str) -> set[str]:
        """The qualified names of the places ``name`` lies in (empty when the gazetteer cannot say)."""
        try:
            return {_region_name(a) for a in self.gazetteer.ancestors(name)} if self.gazetteer is not None else set()
        except Exception:
            return set()

    def _covered(self, name: str, obj: Any, intent: str) -> tuple[str | None, bool]:
        """(region to answer for, covered?) for one mentioned region."""
        if name in self.known_regions:
            return name, True
        level = _level(obj, name)
        if level == "county":
            parent = _parent(self.gazetteer, obj, name)
            if parent and parent in self.known_regions:
                return parent, True
        if level != "country" and intent in ("similar_measures", "document_lookup", "search") and self.gazetteer is not None:
            # broad questions about a province may be answered from its cities' documents
            for known in self.known_regions:
                try:
                    anc = {_region_name(a) for a in self.gazetteer.ancestors(known)}
                except Exception:
                    anc = set()
                if name in anc:
                    return name, True
        return name, False

    # --- main -------------------------------------------------------------------------------
    def parse(self, question: str) -> QuestionFrame:
        """Parse one question.

        Args:
            question: the user's question, any width/punctuation.

        Returns:
            The :class:`QuestionFrame`.
        """
        text = normalise(question).strip()
        regions = self._find_regions(text)

        # region: the first place mentioned; "清徐县所在城市" -> the county's city
        region = region_raw = None
        region_obj: Any = None
        if regions:
            region, region_raw, _start, region_obj = regions[0]
        wants_parent = bool(RE_PARENT_CITY.search(text))
        if region and wants_parent and _level(region_obj, region) == "county":
            parent = _parent(self.gazetteer, region_obj, region)
            if parent:
                region = parent
                region_obj = _resolve(self.gazetteer, parent)

        agency = self._match_agency(text, region if region else None)
        if agency is not None and region is None and getattr(agency, "region", ""):
            region = agency.region
            region_raw = region_raw or agency.region
        # the question's shape decides the intent whatever the agency is ("X牵头哪些工作"): an
        # agency-like subject counts even when no stored agency matches it
        intent = self._intent(text, agency is not None or bool(RE_AGENCY_SUBJECT.search(text)))

        region_known = True
        if region is not None:
            region, region_known = self._covered(region, region_obj, intent)
        if region is not None and (inner := self._place_written_inside(text, regions)) is not None:
            # a place written with a place inside it right after it ("芜湖繁昌区的节能降碳支持措施", "芜湖市繁昌区…",
            # "江苏泰州的生态环境保护规划", "山西省的大同市"): the inner place is the one asked about, when documents cover it
            inner_region, inner_known = self._covered(inner[0], inner[3], intent)
            # (a covered outer place yields only to an inner place documents are issued for, and not to the first of a
            # list of places: "山西省的太原市、晋城市节能目标分别是多少" asks the province's places one by one)
            listed = region_known and RE_PLACE_LIST_AFTER.match(text, inner[2] + len(inner[1])) is not None
            direct = not region_known or inner[0] in self.known_regions
            if inner_known and direct and not listed:
                region, region_raw, region_obj, region_known = inner_region, inner[1], inner[3], True
                if agency is None and (agency := self._match_agency(text, region)) is not None:
                    # (the inner place's body, "广州市黄埔区发展改革局负责哪些工作", is found among its own agencies)
                    intent = self._intent(text, True)

        # years
        base = RE_BASE_YEAR.search(text)
        base_year = int(next(g for g in base.groups() if g)) if base else None
        # a doc number's year ("国管节能〔2021〕195号") is when the plan was issued, not the asked year
        years = [int(y) for y in RE_YEAR.findall(DOC_NUMBER_RE.sub(" ", text))]
        for period, (_start_y, end_y) in PLAN_PERIODS.items():
            if period in text and end_y not in years:
                years.append(end_y)
        issued = {int(next(y for y in m.groups() if y)) for m in RE_ISSUE_YEAR.finditer(text)}
        # a period ("（2021—2025）", "2021-2023年") is asked about at its end
        period_starts = {int(a) for a, _b in RE_YEAR_PERIOD.findall(text)}
        target_years = [y for y in years if y != base_year and y not in issued and y not in period_starts]
        year = target_years[0] if target_years else None

        topics: tuple[str, ...] = ()
        if self.topic_matcher is not None:
            try:
                topics = tuple(dict.fromkeys(self.topic_matcher(text)))
            except Exception:
                topics = ()
        indicator = None
        if self.indicator_matcher is not None:
            try:
                indicator = self.indicator_matcher(text)
            except Exception:
                indicator = None

        keywords, expansions, core = self._keywords(text, [r[1] for r in regions], agency)
        return QuestionFrame(
            question=question,
            intent=intent,
            region=region,
            region_mentioned=region_raw,
            region_known=region_known,
            topics=topics,
            agency=agency.name if agency is not None else None,
            agency_canonical=agency.canonical if agency is not None else None,
            indicator=indicator,
            year=year,
            base_year=base_year,
            years=tuple(years),
            keywords=keywords,
            core=core,
            expansions=expansions,
            regions_mentioned=tuple(r[0] for r in regions),
        )

    def intent_of(self, text: str, has_agency: bool) -> str:
        """The intent the rules give a normalised question (``has_agency``: it names an agency)."""
        return self._intent(text, has_agency)

    def _intent(self, text: str, has_agency: bool) -> str:
        for rule in self.rules:
            if rule.needs_agency and not has_agency:
                continue
            if rule.pattern.search(text):
                return rule.intent
        return "search"

    def _keywords(self, text: str, region_surfaces: list[str], agency: Any) -> tuple[str, tuple[str, ...], str]:
        rest = text
        for surface in sorted(region_surfaces, key=len, reverse=True):
            if surface:
                rest = rest.replace(surface, " ")
        if agency is not None:
            for form in sorted({agency.name, agency.canonical}, key=len, reverse=True):
                rest = rest.replace(form, " ")
        rest = RE_PARENT_CITY.sub(" ", rest)
        rest = RE_SET_APART.sub(" ", rest)
        rest = RE_PLENARY_SESSION.sub(" ", rest)
        rest = RE_FRAME.sub(r" \1 ", rest)
        rest = RE_FILLER.sub(" ", rest)
        rest = re.sub(r"\s+", " ", rest).strip()
        expansions: list[str] = []
        low = text.lower()
        for term, wordings in self.synonyms:
            if term.lower() in low:
                for w in wordings:
                    if w not in text and w not in expansions:
                        expansions.append(w)
        keywords = " ".join([rest, *expansions]).strip()
        return keywords, tuple(expansions), rest


def parse_question(
    question: str,
    gazetteer: Any = None,
    known_regions: Collection[str] = (),
    **kwargs: Any,
) -> QuestionFrame:
    """Parse one question (convenience wrapper around :class:`QuestionParser`).

    Args:
        question: the user's question.
        gazetteer: an ``ingest.regions.Gazetteer``.
        known_regions: regions stored documents are issued for.
        **kwargs: ``agencies``, ``topic_matcher``, ``indicator_matcher``, ``agency_normaliser``.

    Returns:
        The :class:`QuestionFrame`.
    """
    return QuestionParser(gazetteer, known_regions, **kwargs).parse(question)
