"""Document references in a question: a doc number or a title fragment names the plan to answer from.

"郑政办〔2022〕42号规划中…", "按《城乡建设领域碳达峰实施方案》…", "安徽重点流域规划里…",
"江西2021年印发的绿色低碳循环发展若干措施里…". A reference scopes the question to the documents it
names and is removed from the words that drive clause matching (its title words occur in every
clause of the plan and say nothing about the measure asked for).

Resolution, pure and independent of the store:

* doc numbers in any bracket form (〔〕, [], （）, 【】, none) are normalised to ``机关〔年〕号`` and
  looked up among the documents' numbers and header texts;
* a title fragment is a phrase ending in a document-type word (方案 / 规划 / 措施 …, from
  ``dictionaries/document_types.txt``), or anything inside 《》. Each document title is scored by
  the share of the fragment's character bigrams it contains, region names and generic words
  left out; the best-scoring documents above :data:`MIN_TITLE_SHARE` are named.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ingest.doctypes import (  # noqa: F401  (document_types re-exported)
    doc_type_alternation,
    doc_type_re,
    document_type,
    document_types,
    genres_conflict,
)
from ingest.metadata import content_bigrams
from ingest.regions import region_named

# Share of a title fragment's bigrams a document title must hold to be named by it.
MIN_TITLE_SHARE = 0.6
# Fewest shared content bigrams for a title match (a 2-character fragment names nothing).
MIN_SHARED_BIGRAMS = 3

DOC_NUMBER_RE = re.compile(
    r"(?P<issuer>[\u4e00-\u9fff]{1,14}?)\s*(?:[〔\[［【(（]?\s*(?P<year>(?:19|20)\d{2})\s*[〕\]］】)）]"
    # (or with no brackets, as a question may type it: "晋政发2022年25号", "晋政发202225号" — the year's four digits first)
    r"|(?P<bare_year>(?:19|20)\d{2})\s*年?)\s*(?P<no>\d{1,4})\s*号"
)
# Words in a title fragment that name no particular plan (the region is matched separately).
# Spoken framing and demonstratives ("想问下…那份…清单") name no plan either.
TITLE_GENERIC_RE = re.compile(
    r"关于|印发|的|实施|工作|文件|里|中|按|根据|依据|对照|按照|年|省|市|区|县|“|”|\d+"
    # (a government or its general office named as the issuer before the title: "山东省政府办公厅2022年关于遏制“两高”项目的
    # 通知" — no title words, as a stored title's "梧州市人民政府关于…" holds none)
    r"|(?:人民)?政府(?:办公厅|办公室)?|办公厅|办公室"
    r"|[想请]?问一?下|请问|[那这该此]份|[那这][个部]"
)


@lru_cache(maxsize=1)
def _title_ref_re() -> re.Pattern[str]:
    types = doc_type_alternation()
    return re.compile(
        rf"《(?P<quoted>[^》]{{2,80}})》"
        # (a title's qualifier in brackets — a year, 试行, 修订 … — goes with it: "…推广目录（2021年度）里", "…工作方案（试行）中";
        # a document number in brackets is none: "…实施意见（吉政发〔2021〕18号）")
        rf"|(?P<phrase>[\u4e00-\u9fff“”\"0-9—\-（）()、]{{2,40}}?(?:{types}|行动(?=中|里))(?:[（(][^（）()《》〔〕\[\]号]{{0,12}}(?:\d{{4}}|试行|暂行|修订|草案|征求意见稿)[^（）()《》〔〕\[\]号]{{0,12}}[）)])?)(?=里|中|内|上|提出|要求|明确|规定|提到|由|是|有|要|对|关于|的|为|把|将|所|，|,|、|。|$|[？?]"
        # (a title's own 、 — "土壤、地下水和农村生态环境保护规划" — and its carrying out: "…规划实施情况", "…规划落实")
        r"|实施(?!方案|细则|意见|办法|计划|规划|要点)|落实(?!方案|细则|意见|办法)|执行(?!方案|细则|意见|办法)"
        # (what a title is said to do: "云南省能源科技创新“十四五”规划布局了哪些…", "…方案部署了…", "…目录收录了…")
        r"|布局|部署|安排|确定|设定|指出|列出|收录|包括|包含|涉及|给出|定了|定的"
        r"|交给|交由|报送|报给|归谁|归哪|让谁|还有|都有|也有|就是|怎么|如何|能否|可以|会不会|需要|应当|应该|该由|谁|哪"
        # (what a document is said to mean to do: "国管局2022年工作安排打算遴选多少家…", "…方案拟…", "…规划准备…")
        r"|打算|拟(?!定|制)|准备"
        # (when the document itself takes effect: "…实施方案从什么时候起实施", "…办法自何时施行", "…办法什么时候施行")
        r"|从|自|什么时候|何时)"
    )


def normalise_doc_number(text: str) -> str:
    """``郑政办[2022]42号`` / ``郑政办（2022）42号`` / ``郑政办2022 42号`` -> ``郑政办〔2022〕42号``."""
    m = DOC_NUMBER_RE.search(unicodedata.normalize("NFKC", text).replace(" ", ""))
    if not m:
        return ""
    return f"{m.group('issuer')}〔{m.group('year') or m.group('bare_year')}〕{int(m.group('no'))}号"


def _number_key(norm: str) -> tuple[str, str, str] | None:
    m = re.match(r"^(.*)〔(\d{4})〕(\d+)号$", norm or "")
    return (m.group(1), m.group(2), m.group(3)) if m else None


def _issuers_agree(a: str, b: str) -> bool:
    """One issuer ending the other (words read before an issuer go with it: "按照晋政发", "根据生态环境部"), a
    one-character one only when both are it."""
    short, long_ = sorted((a, b), key=len)
    return long_.endswith(short) and (len(short) >= 2 or short == long_)


def _numbers_agree(a: tuple[str, str, str] | None, b: tuple[str, str, str] | None) -> bool:
    if a is None or b is None or a[1:] != b[1:]:
        return False
    return _issuers_agree(a[0], b[0])


@lru_cache(maxsize=65536)
def _title_bigrams(title: str) -> frozenset[str]:
    """A document title's content bigrams (cached: every question compares against every title)."""
    return frozenset(content_bigrams(_content(title, ())))


def _content(text: str, region_words: Iterable[str]) -> str:
    text = unicodedata.normalize("NFKC", text)
    for w in sorted(region_words, key=len, reverse=True):
        if w:
            text = text.replace(w, "")
    return TITLE_GENERIC_RE.sub("", text)


@dataclass(frozen=True)
class DocumentReference:
    """What a question says about the document it asks about."""

    doc_ids: tuple[str, ...]  # documents named (empty: none named)
    spans: tuple[str, ...]  # the reference text as written, to remove from the clause-matching words
    kind: str = ""  # "number" | "title" | "type"


@lru_cache(maxsize=1)
def _issuer_opening_re() -> re.Pattern[str]:
    # what may stand before a doc number's issuer abbreviation in a question: the issuing government, a
    # document word or a citing verb ("西安市政府市政发〔2021〕21号", "按照节能减排方案晋政发〔2022〕25号")
    return re.compile(rf"^.*(?:政府|办公厅|的|印发|按照|根据|依据|对照|按|在|{doc_type_alternation()})")


# a number written as a citation: right after the title it belongs to ("《…指导意见》（国发〔2021〕4号）")
CITED_NUMBER_RE = re.compile(r"[》>]\s*[（(]\s*$")


def find_doc_numbers(question: str) -> list[tuple[str, str]]:
    """Doc numbers written in a question: (as written, normalised). "As written" starts at the issuer's
    abbreviation, not at the words before it the pattern may have taken in ("按照节能减排方案晋政发〔2022〕25号"
    -> "晋政发〔2022〕25号"), so that removing it leaves the question's content."""
    text = unicodedata.normalize("NFKC", question)
    out = []
    for m in DOC_NUMBER_RE.finditer(text):
        written = _written_from_issuer(text, m)
        out.append((written, normalise_doc_number(written)))
    return out


def _written_from_issuer(text: str, m: re.Match[str]) -> str:
    """A number ``m`` matched in ``text`` as written from its issuer on, without the words before the issuer the
    pattern took in with it ("按照节能减排方案晋政发〔2022〕25号" -> "晋政发〔2022〕25号"; a whole issuer stays)."""
    opening = _issuer_opening_re().match(m.group("issuer"))
    start = m.start() + (opening.end() if opening and opening.end() < len(m.group("issuer")) else 0)
    return text[start : m.end()]


# A rule's order number ("生态环境部令第19号", "部令第 19 号", "省政府令第371号", "沪府令10号", "国家发展改革委令2023年第2号"):
# numbered by its issuer — a body's word ends it (部, 委, 院, 府, 局 …: no 责令) — without a bracketed year. A rule prints
# its own in its opening ("2021年12月11日生态环境部令第24号公布"); other documents cite it in a bracket right after its
# title ("根据《碳排放权交易管理办法（试行）》（生态环境部令第19号）", "…》（2020年12月31日生态环境部令第19号公布）"),
# which names the rule by that title.
ORDER_NUMBER_RE = re.compile(
    r"(?P<issuer>[\u4e00-\u9fff]{0,19}[部委院府局署行会席办])令\s*(?:(?:19|20)\d{2}\s*年\s*)?第?\s*(?P<no>\d{1,4})\s*号"
)
# the title a citation gives an order number: "《…》（" and at most a date before the issuer
CITED_ORDER_TITLE_RE = re.compile(r"《(?P<title>[^《》]{2,80})》[（(][^（）()《》]{0,24}$")
# a rule's own number: followed by how it was made public ("…令第24号公布", "…发布", "…施行")
OWN_ORDER_AFTER_RE = re.compile(r"[^，,。；;（）()]{0,4}(?:公布|发布|施行)")
# issuers every place writes the same way: they name a rule only written in full or with the place asked in scope
GENERIC_ORDER_ISSUERS = frozenset({"省政府", "市政府", "省人民政府", "市人民政府", "自治区人民政府", "区政府", "县政府"})


def find_order_numbers(question: str) -> list[tuple[str, tuple[str, str]]]:
    """Order numbers of rules written in a question: (as written from the issuer on, (issuer, serial)). Unlike a doc
    number, one names a document only when :func:`order_number_hits` finds it: a rule the store does not hold leaves the
    question to the other checks (a title of another place's rule is still refused)."""
    text = unicodedata.normalize("NFKC", question)
    out = []
    for m in ORDER_NUMBER_RE.finditer(text):
        written = _written_from_issuer(text, m)
        if (key := _order_key(normalise_order_number(written))) is not None:
            out.append((written, key))
    return out


def normalise_order_number(text: str) -> str:
    """``生态环境部令 第 19 号`` -> ``生态环境部令第19号`` ("" when ``text`` holds none)."""
    m = ORDER_NUMBER_RE.search(unicodedata.normalize("NFKC", text).replace(" ", ""))
    return f"{m.group('issuer')}令第{int(m.group('no'))}号" if m else ""


def _order_key(norm: str) -> tuple[str, str] | None:
    m = re.match(r"^(.*)令第(\d+)号$", norm or "")
    return (m.group(1), m.group(2)) if m else None


def _orders_agree(a: tuple[str, str] | None, b: tuple[str, str] | None, scoped: bool = True) -> bool:
    """The same order number: the serial equal and the issuers ending alike in at least three characters, or in two
    that are one of them (words read before either issuer — "请问", a date's 日 — go with it: 请问生态环境部 and 日生态环境部
    agree, 财政部 and 生态环境部 do not); issuers every place writes alike (省政府) agree only written the same, or with the
    document in the question's place (``scoped``)."""
    if a is None or b is None or a[1] != b[1]:
        return False
    x, y = a[0], b[0]
    common = 0
    while common < min(len(x), len(y)) and x[-1 - common] == y[-1 - common]:
        common += 1
    shared = x[len(x) - common :]
    if common < 2 or (common == 2 and shared not in (x, y)):
        return False
    generic = shared in GENERIC_ORDER_ISSUERS or shared in ("政府", "人民政府")
    return not generic or scoped or x == y


def _same_title(a: str, b: str) -> bool:
    def flat(t: str) -> str:
        return re.sub(r"[\s“”\"]", "", unicodedata.normalize("NFKC", t))

    return flat(a) == flat(b)


@lru_cache(maxsize=65536)
def _flat_opening(text: str) -> str:
    """A document's opening text as order numbers are looked for in it: NFKC, no whitespace (a number broken over lines,
    "生态环境部令第\n19 号", reads whole); cached, as every question writing an order number reads every opening."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def order_number_hits(
    key: tuple[str, str], titles: Mapping[str, str], openings: Mapping[str, str], scope: set[str] | None = None
) -> tuple[str, ...]:
    """The documents an order number names: those printing it as their own in their opening text ("…令第24号公布"),
    else the stored documents whose title a citation gives it in any document's opening ("《碳排放权交易管理办法（试行）》
    （生态环境部令第19号）"); a number merely mentioned ("根据生态环境部令第19号要求") names neither. ``scope``: the documents of
    the place the question names (None: no place), for issuers every place writes alike."""
    own: list[str] = []
    cited: set[str] = set()
    for d, opening in sorted(openings.items()):
        text = _flat_opening(opening)
        scoped = scope is not None and d in scope
        for m in ORDER_NUMBER_RE.finditer(text):
            if not _orders_agree(key, _order_key(normalise_order_number(m.group(0))), scoped):
                continue
            if c := CITED_ORDER_TITLE_RE.search(text, 0, m.start()):
                cited.add(c.group("title"))
            elif OWN_ORDER_AFTER_RE.match(text, m.end()):
                own.append(d)
    if own:
        return tuple(own)
    return tuple(sorted(d for d, title in titles.items() if any(_same_title(title, t) for t in cited)))


# Words that open a reference inside a longer phrase: the fragment starts after the last of them
# ("北京市民政局在绿色社区创建行动" -> 绿色社区创建行动, "江西2021年印发的…若干措施" -> …若干措施).
# (a demonstrative before the title also opens it: "台州市财政局和税务局2022年那份双碳财税意见"; a year does not, it
# may be the title's own: "2030年前碳达峰行动方案")
# (being listed in a catalogue opens its title too: "…应用技术被列进了交通运输部2021年度节能低碳技术推广目录"; not 纳入, which
# titles write themselves: "关于开展本市纳入碳排放配额管理单位…的通知")
REFERENCE_OPENER_RE = re.compile(r"按照|根据|依据|对照|印发的|出台的|发布的|制定的|(?:列入|列进)了?|在|按|的|[那这该此]份")
# A particle right after a reference ("…方案里", "…规划中") goes with it.
REFERENCE_PARTICLE_RE = re.compile(r"^(?:里面|里|中|内|当中)")
REFERENCE_PARTICLE_END_RE = re.compile(r"(?:里面|里|中|内|当中)$")
# the verb of a measure that makes the title quoted after it ("制定实施《…条例》", "研究出台《…办法》"): a law or rule to be
# drawn up, not the document asked about
MADE_TITLE_BEFORE_RE = re.compile(r"(?:制定|制订|出台|修订|修改|起草|编制)(?:并?实施)?$")


# what stands for a document number's characters while title fragments are matched (no character a title holds)
NUMBER_MASK = "\u25a1"


def title_fragments(question: str) -> list[tuple[str, str]]:
    """Phrases of a question that name a document by (part of) its title: (fragment, span to remove)."""
    text = unicodedata.normalize("NFKC", question)
    # (a document number is no part of a title, however its brackets are typed: "…实施方案（发改高技（2021）1742号）规定"
    # would read as a title running through the number's brackets; matched on a copy with the numbers blanked out, the
    # fragments and spans taken from the question as written)
    masked = text
    for written, _norm in find_doc_numbers(text):
        masked = masked.replace(written, NUMBER_MASK * len(written))
    out = []
    for m in _title_ref_re().finditer(masked):
        if m.group("quoted"):
            frag, start = text[m.start("quoted") : m.end("quoted")], m.start()
            end = m.end()
        else:
            phrase = text[m.start("phrase") : m.end("phrase")] if m.group("phrase") else ""
            # the fragment starts after the last opener that leaves a title's worth of words: "…科委在上海加快
            # 建立健全…经济体系的方案" -> after 在 (after 的 only 方案 is left); none: the whole phrase
            frag = phrase
            for cut in reversed([o.end() for o in REFERENCE_OPENER_RE.finditer(phrase)]):
                rest = phrase[cut:]
                # a title's worth of words besides the document type ("…体系的那份指导意见": 指导意见 alone names
                # no document, the cut goes back to 在)
                named = doc_type_re().sub("", _content(rest, ()))
                if len(rest) >= 4 and len(content_bigrams(named)) >= MIN_SHARED_BIGRAMS:
                    frag = rest
                    break
            start, end = m.start("phrase") + (len(phrase) - len(frag)), m.end("phrase")
            if not content_bigrams(doc_type_re().sub("", _content(frag, ()))):
                continue  # a bare type word after a number or a particle ("〔2021〕42号）的规划实施…") names nothing
        particle = REFERENCE_PARTICLE_RE.match(text[end:])
        if particle:
            end += particle.end()
        if frag:
            out.append((frag, text[start:end]))
    return out


def place_after_references(question: str, place_forms: Iterable[str]) -> bool:
    """Whether a question names a document by its title before it first writes a place (in any of ``place_forms``: the
    place as written, qualified, short), no title naming the place ("交通运输行业重点节能低碳技术推广目录（2021年度）里，
    秦皇岛港…": the place is inside the measure, not the document's)."""
    text = unicodedata.normalize("NFKC", question)
    forms = [unicodedata.normalize("NFKC", f) for f in place_forms if f]
    written = [at for f in forms if (at := text.find(f)) >= 0]
    spans = [span for _frag, span in title_fragments(text)]
    if not written or not spans:
        return False
    first = min(written)
    for span in spans:
        at = text.find(span)
        if at < 0 or at + len(span) > first or any(f in span for f in forms):
            return False
    return first > 0


def fragment_variants(frag: str, synonyms: Iterable[tuple[str, tuple[str, ...]]] = ()) -> list[str]:
    """A title fragment and its spellings with a user's short form written as documents write it
    ("科技支撑双碳实施方案" -> also "科技支撑碳达峰碳中和实施方案"), from the query synonyms."""
    variants = [frag]
    for term, wordings in synonyms:
        if term and term in frag:
            variants += [v.replace(term, w) for v in list(variants) for w in wordings]
        if len(variants) > 16:
            break
    return variants


# what follows a document named by its type alone: a locative, a verb of stating, a comma
TYPE_REFERENCE_TAIL = r"(?=里|中|对|上|规定|提出|要求|明确|提到|，|,)"


@lru_cache(maxsize=1)
def _demonstrative_type_re() -> re.Pattern[str]:
    return re.compile(rf"(?:那个|这个|那份|这份|该)(?P<type>{doc_type_alternation()}){TYPE_REFERENCE_TAIL}")


def type_only_reference(
    question: str, titles: Mapping[str, str], in_scope: Iterable[str], region_words: Iterable[str] = ()
) -> DocumentReference:
    """The one document of the question's region whose title ends with the type the question names it by, written
    right after the region or a demonstrative ("福建省的条例对排污单位监测数据保存时间有什么要求" → 福建省生态环境保护条例,
    "安徽那个规划里…"), or none (no such phrase — "北京市关于…报送的通知" names a title, not a type —, or several
    documents of that type in scope)."""
    text = unicodedata.normalize("NFKC", question)
    words = sorted({w for w in region_words if w}, key=len, reverse=True)
    m = None
    if words:
        m = re.search(
            rf"(?:{'|'.join(map(re.escape, words))})(?:的|那个|这个|那份|这份)?(?P<type>{doc_type_alternation()})"
            + TYPE_REFERENCE_TAIL,
            text,
        )
    m = m or _demonstrative_type_re().search(text)
    if m is None:
        return DocumentReference((), ())
    kind = m.group("type")
    ends = re.compile(rf"{re.escape(kind)}(?:[（(][^（）()]{{1,16}}[）)])?\s*$")
    hits = tuple(sorted(d for d in in_scope if ends.search(unicodedata.normalize("NFKC", titles.get(d, "")))))
    return DocumentReference(hits, (kind,), "type") if len(hits) == 1 else DocumentReference((), ())


def resolve_reference(
    question: str,
    titles: Mapping[str, str],
    numbers: Mapping[str, str],
    headers: Mapping[str, str] | Callable[[], Mapping[str, str]],
    region_words: Iterable[str] = (),
    in_scope: Iterable[str] | None = None,
    synonyms: Iterable[tuple[str, tuple[str, ...]]] = (),
) -> DocumentReference:
    """The documents a question names.

    Args:
        question: the question as asked.
        titles: doc_id -> title.
        numbers: doc_id -> normalised doc number ("" when unknown).
        headers: doc_id -> the document's opening text (where an unread doc number still stands, and where rules'
            order numbers are printed or cited), or a function returning it (called only when a question's doc number
            matches no metadata or it writes an order number).
        region_words: region names and short forms mentioned in the question (left out of title
            matching, since the region is matched on its own).
        in_scope: doc_ids of the region the question names; a title fragment shared by several
            regions' plans is resolved within it.
        synonyms: ``(user term, (document wordings, ...))`` pairs; a fragment also matches a title
            in the documents' wording (双碳 -> 碳达峰碳中和).
    """
    text = unicodedata.normalize("NFKC", question)
    scope = set(in_scope) if in_scope is not None else None
    # 1. doc numbers: the year and serial must agree, and one issuer be a suffix of the other
    #    ("按郑政办〔2022〕42号" names 郑政办〔2022〕42号).
    for written, norm in find_doc_numbers(text):
        key = _number_key(norm)
        if key is None:
            continue
        hits = tuple(sorted(d for d, n in numbers.items() if n and _numbers_agree(key, _number_key(n))))
        if not hits:
            opening = headers() if callable(headers) else headers
            own: list[str] = []
            citing: list[str] = []
            for d, h in sorted(opening.items()):
                h = unicodedata.normalize("NFKC", h)
                for written_here, found in find_doc_numbers(h):
                    if _numbers_agree(key, _number_key(found)):
                        cited = CITED_NUMBER_RE.search(h, 0, max(h.find(written_here), 0))
                        (citing if cited else own).append(d)
                        break
            # a number printed as a document's own (its header line) names it; one a document cites after the title it
            # carries out ("…指导意见》（国发〔2021〕4号）") names the citing plans of the named region only: "大连贯彻
            # 国发〔2021〕4号的实施方案" is 大连's plan, not the ten other places' that cite the number
            hits = tuple(own) + tuple(d for d in citing if scope is None or d in scope)
        if hits:
            return DocumentReference(hits, (written,), "number")
    # 1b. a rule's order number ("生态环境部令第19号"): the rule printing it, or the stored rule a citation gives it
    for written, order in find_order_numbers(text):
        opening = headers() if callable(headers) else headers
        if hits := order_number_hits(order, titles, opening, scope):
            return DocumentReference(hits, (written,), "number")
    # 2. title fragments
    region_words = list(region_words)
    best: tuple[float, tuple[str, ...], str] = (0.0, (), "")
    best_rank: tuple[bool, bool, float] = (False, False, 0.0)
    synonyms = tuple(synonyms)
    for frag, span in title_fragments(text):
        shares: dict[str, float] = {}
        for variant in fragment_variants(frag, synonyms):
            f_bg = content_bigrams(_content(variant, region_words))
            if len(f_bg) < MIN_SHARED_BIGRAMS:
                continue
            for doc_id, title in titles.items():
                shared = len(f_bg & _title_bigrams(title))
                if shared >= MIN_SHARED_BIGRAMS:
                    shares[doc_id] = max(shares.get(doc_id, 0.0), shared / len(f_bg))
        # a rule is not named by a plan's title, nor the reverse ("江西省生态环境保护条例" and the stored 江西省“十四五”…
        # 生态环境保护规划)
        asked_genre = asked_genre_of(frag)
        scored = [
            (share, doc_id) for doc_id, share in shares.items()
            if not genres_conflict(asked_genre, document_type(titles.get(doc_id, "")))
        ]
        if not scored:
            continue
        top = max(s for s, _ in scored)
        if top < MIN_TITLE_SHARE:
            continue
        if scope is not None:
            scored = [(s, d) for s, d in scored if d in scope]
            if not scored:
                continue
            top = max(s for s, _ in scored)
            if top < MIN_TITLE_SHARE:
                continue
        # a fragment naming an edition year ("2021年推动碳达峰碳中和工作计划") names that year's edition: titles of the
        # same name with another year lose to one with the year (year digits are no content bigrams)
        # (or right before it, title words only between them: "2021年推动碳达峰、碳中和工作计划" — the 、 cut the fragment;
        # not a target year of the measure, "2025年单位GDP能耗下降目标在节能减排实施方案里")
        years = edition_years(frag) or _year_just_before(text, span)
        if years:
            same_year = [(s, d) for s, d in scored if years & edition_years(titles.get(d, "") + d)]
            if same_year and max(s for s, _ in same_year) >= max(MIN_TITLE_SHARE, top - EDITION_SHARE_SLACK):
                scored = same_year
                top = max(s for s, _ in scored)
        hits = [d for s, d in scored if s >= top - 1e-9]
        # a fragment the question writes as where to look ("…披露管理办法里，…格式准则规定由谁来制定": its 里 / 中) names
        # the document before one that is the measure's object, however well that one matches another title
        # (never over a title quoted in 《》, and only when it names one document)
        # (a title quoted as what a measure makes — "制定实施《碳排放权交易管理暂行条例》" — is the measure's object too)
        quoted = span.lstrip().startswith("《") and not MADE_TITLE_BEFORE_RE.search(text[: max(text.find(span.lstrip()), 0)])
        rank = (quoted, bool(REFERENCE_PARTICLE_END_RE.search(span)) and len(hits) == 1, top)
        if rank > best_rank:
            best, best_rank = (top, tuple(sorted(hits)), span), rank
    if best[1]:
        return DocumentReference(best[1], (best[2],), "title")
    return DocumentReference((), ())


def asked_genre_of(fragment: str) -> str:
    """The genre word a title fragment names (:func:`ingest.doctypes.document_type`); a 规定 after a title that already
    ends in a genre is the verb "stipulates" ("…工作方案（试行）规定，…": 方案)."""
    head = re.sub(r"规定$", "", fragment)
    return (head != fragment and document_type(head)) or document_type(fragment)


def strongest_title_match(
    question: str,
    titles: Mapping[str, str],
    region_words: Iterable[str] = (),
    min_bigrams: int = MIN_SHARED_BIGRAMS,
) -> tuple[float, tuple[str, ...], str]:
    """(share, documents, fragment): the titles, of the whole store, that hold the largest share of the content bigrams
    of a title fragment the question writes as a place's title — right after the place's name or inside 《》 — (one of at
    least ``min_bigrams`` content bigrams, region words left out), the fragment without the place; (0.0, (), "") when
    it names none."""
    region_words = [w for w in region_words if w]
    text = unicodedata.normalize("NFKC", question)
    best: tuple[float, tuple[str, ...], str] = (0.0, (), "")
    for frag, span in title_fragments(question):
        own = next((w for w in sorted(region_words, key=len, reverse=True) if frag.startswith(w)), None)
        if own is None and not span.startswith("《") and not any(w + frag in text for w in region_words):
            continue
        f_bg = content_bigrams(_content(frag, region_words))
        if len(f_bg) < min_bigrams:
            continue
        shares = {d: len(f_bg & _title_bigrams(t)) / len(f_bg) for d, t in titles.items()}
        top = max(shares.values(), default=0.0)
        if top > best[0] or not best[2]:
            best = (top, tuple(sorted(d for d, sh in shares.items() if sh >= top - 1e-9)) if top else (), frag[len(own or "") :])
    return best


# a year naming an edition of a yearly document ("2022年全国节能宣传周", "推广目录（2021年度）"); not a deadline or a
# target year ("到2025年", "2030年前", "2023年底"), nor either end of a range ("2021-2025年", "2014—2015年"), nor a date's
# year ("上海市生态环境局2021年11月的通知": when a document was issued, not the year its name carries)
EDITION_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年度?(?![前底末内初中])(?!\s*\d{1,2}\s*月)")
# what stands right before a year that is no edition: a target's 到 / 至 / 在, a verb's 于 (not 关于), a range's start
NOT_EDITION_BEFORE_RE = re.compile(r"(?:[\d到至在]|(?<!关)于|(?:19|20)\d{2}\s*年?\s*[-—–－~～至到])\s*$")
# … and right after the year's number: a range's end ("2021—2025年" read from its start)
RANGE_AFTER_RE = re.compile(r"^\s*[-—–－~～至到]\s*(?:19|20)\d{2}")
# an edition year written in brackets after the document's name ("推广目录（2021年度）")
BRACKETED_YEAR_RE = re.compile(r"[（(]\s*$")
# what a title and a question may write between an edition's year and its name: brackets, quotes, spaces
EDITION_GLUE_RE = re.compile(r"[\s（）()“”\"《》〈〉]")
# words a yearly document's name shares with others of its kind and that name no series (全国, 全省, 本市 …)
EDITION_COMMON_RE = re.compile(r"全国|全省|全市|本省|本市|[省市县区]")
# fewest Chinese characters of the name an edition's year stands beside, common words left out: "节能宣传周" names a
# series, "碳排放" does not
MIN_EDITION_NAME = 5
# the punctuation a title's words before a year run back to
WORDS_BREAK_RE = re.compile(r"[，,。；;：:？?、]")


# a period written as its first and last year ("2019-2020年", "2014—2015年度"); how many years apart they may be for the
# period to name one edition of a recurring document (a five-year plan's 2021-2025年 names its plan, not an edition)
RANGE_EDITION_RE = re.compile(
    r"((?:19|20)\d{2})\s*年?\s*[-—–－~～至到]\s*((?:19|20)\d{2})\s*年度?(?![前底末内初中])"
)
MAX_EDITION_SPAN = 2


def _is_ordinal(key: str) -> bool:
    """Whether an edition key is an ordinal's (第2个|…), not a year's or a period's."""
    return key.startswith("第")


def _edition_years_of(key: str) -> set[int]:
    """The years a year or period key covers ("2019-2020" -> {2019, 2020})."""
    first, _, last = key.partition("-")
    return set(range(int(first), int(last or first) + 1))


def _same_edition(asked: str, stored: str) -> bool:
    """Whether two edition keys of one kind may name the same edition: equal ordinals, or years and periods that overlap
    (the 2020年度 report is of the 2019-2020年 period; the caller takes only equal keys as proof, see
    :func:`edition_not_stored`)."""
    if _is_ordinal(asked):
        return asked.split("|", 1)[0] == stored.split("|", 1)[0]
    return bool(_edition_years_of(asked) & _edition_years_of(stored))


# an ordinal naming an edition of a recurring document ("第二个履约周期", "第三批"): its number and its counter
ORDINAL_EDITION_RE = re.compile(r"第([一二三四五六七八九十]{1,3}|\d{1,2})(个|批|期|届|轮)")
CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# characters of the counted noun after 个 shown with an ordinal edition ("第二个" + "履约周期"); fewest characters of the
# name an ordinal edition shares with a title (the counted noun itself names the series: 履约周期)
ORDINAL_NOUN = 4
MIN_ORDINAL_NAME = 4


def _ordinal_number(written: str) -> int:
    """二 -> 2, 十二 -> 12, 二十 -> 20, 3 -> 3."""
    if written.isdigit():
        return int(written)
    tens, _, ones = written.rpartition("十")
    if "十" not in written:
        return CHINESE_DIGITS.get(written, 0)
    return (CHINESE_DIGITS.get(tens, 0) if tens else 1) * 10 + CHINESE_DIGITS.get(ones, 0)


def _ordinal_editions(text: str) -> list[tuple[str, str, str, str]]:
    """(ordinal as shown, name after it, "", words right before it) for each ordinal edition written in ``text``
    ("…第一个履约周期碳排放配额清缴…" -> ("第一个履约周期", "履约周期碳排放配额清缴…", "", "…全国碳排放权交易市场"))."""
    out = []
    for m in ORDINAL_EDITION_RE.finditer(text):
        after = EDITION_GLUE_RE.sub("", text[m.end() :])
        noun = re.match(rf"[\u4e00-\u9fff]{{1,{ORDINAL_NOUN}}}", after) if m.group(2) == "个" else None
        shown = m.group(0) + (noun.group(0) if noun else "")
        out.append(_edition_entry(f"第{_ordinal_number(m.group(1))}{m.group(2)}|{shown}", text, m.start(), m.end()))
    return out


def _edition_entry(key: str, text: str, start: int, end: int) -> tuple[str, str, str, str]:
    """(key, name after it, name before it, words right before it) for an edition written at ``text[start:end]``, glue
    characters removed; the name before it only when the edition is bracketed after the name, else "" (see
    :func:`_edition_names`)."""
    before = text[:start]
    return (
        key,
        EDITION_GLUE_RE.sub("", text[end:]),
        EDITION_GLUE_RE.sub("", before) if BRACKETED_YEAR_RE.search(before) else "",
        EDITION_GLUE_RE.sub("", WORDS_BREAK_RE.split(before)[-1]),
    )


def edition_shown(key: str) -> str:
    """An edition as an answer writes it: a year's number, or an ordinal as the text wrote it (第二个履约周期)."""
    return key.split("|", 1)[-1]


@lru_cache(maxsize=65536)
def _edition_names(text: str) -> tuple[tuple[str, str, str, str], ...]:
    """(year, name after it, name before it, words right before it) for each edition year written in ``text``, glue
    characters removed; the name before it only when the year is bracketed after the name ("…推广目录（2021年度）"), else
    ""; the words right before it back to the last punctuation whatever the year's form (the name a year inside a title
    stands in: "山东省绿色低碳转型" of "…转型2023年行动计划")."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    # a period of one to MAX_EDITION_SPAN years naming an edition ("2019-2020年全国碳排放权交易配额总量设定与分配实施方案");
    # its key "2019-2020"
    for m in RANGE_EDITION_RE.finditer(text):
        if NOT_EDITION_BEFORE_RE.search(text[: m.start()]) or not 0 < int(m.group(2)) - int(m.group(1)) <= MAX_EDITION_SPAN:
            continue
        out.append(_edition_entry(f"{m.group(1)}-{m.group(2)}", text, m.start(), m.end()))
    for m in EDITION_YEAR_RE.finditer(text):
        if NOT_EDITION_BEFORE_RE.search(text[: m.start()]) or RANGE_AFTER_RE.match(text, m.start(1) + 4):
            continue
        out.append(_edition_entry(m.group(1), text, m.start(), m.end()))
    # (an ordinal edition's key is its number and counter before "|", as shown after it: 第2个|第二个履约周期)
    return tuple(out + _ordinal_editions(text))


# how much less of a fragment the title of the edition its year names may hold than the best title (年度, 、 written in one
# title and not the other)
EDITION_SHARE_SLACK = 0.2
# what may stand between an edition year and the fragment it cut off: the title's own words and a 、 (no locative, no
# target word)
YEAR_TO_FRAGMENT_RE = re.compile(r"^\s*年度?[\u4e00-\u9fff、“”]{0,12}$")


def _year_just_before(text: str, span: str) -> frozenset[str]:
    """The edition year written right before ``span`` in ``text`` with only title words between them, or none."""
    at = text.find(span)
    if at <= 0:
        return frozenset()
    m = None
    for m in EDITION_YEAR_RE.finditer(text, 0, at):
        pass
    if m is None or not YEAR_TO_FRAGMENT_RE.match(text[m.start(1) + 4 : at]) or re.search(r"[在里中的]|目标", text[m.end() : at]):
        return frozenset()
    return edition_years(text[m.start() : at])


def edition_years(text: str) -> frozenset[str]:
    """The edition years written in ``text`` ("2021年度…工作计划" -> {"2021"}; not "到2025年" nor "2021—2025年")."""
    return frozenset(year for year, *_names in _edition_names(text) if year.isdigit())


def _shared_name(a: str, b: str, *, forward: bool) -> str:
    """The run ``a`` and ``b`` share from their start (``forward``) or from their end."""
    n = 0
    while n < min(len(a), len(b)) and (a[n] == b[n] if forward else a[-1 - n] == b[-1 - n]):
        n += 1
    return a[:n] if forward else a[len(a) - n :]


def _name_ending(opening: str, closing: str) -> str:
    """The longest start of ``opening`` that ``closing`` ends with (a name written after a year in one text and before a
    bracketed year in the other)."""
    for n in range(min(len(opening), len(closing)), 0, -1):
        if closing.endswith(opening[:n]):
            return opening[:n]
    return ""


def _name_length(shared: str) -> int:
    """Chinese characters of a shared name, common words left out."""
    return len(re.sub(r"[^\u4e00-\u9fff]", "", EDITION_COMMON_RE.sub("", shared)))


# fewest characters of the name on each side of an edition year written inside it (转型 | 行动计划)
MIN_INSIDE_SIDE = 2


# a place's level written after its name (福建省, 厦门市): left out when the places before two years are compared
PLACE_LEVEL_END_RE = re.compile(r"(?:省|市|自治区|自治州|州|县|区)$")


def _other_place_ahead(q_ahead: str, t_ahead: str) -> bool:
    """Whether the words right before the year in the question and in a title name two different places: both end with a
    place (:func:`ingest.regions.region_named` of the last words) and neither place ends the other ("福建省" / "广东省";
    not "福建" / "福建省", nor a question's "想问下福建省")."""
    if not q_ahead or not t_ahead:
        return False
    q_place, t_place = PLACE_LEVEL_END_RE.sub("", q_ahead), PLACE_LEVEL_END_RE.sub("", t_ahead)
    if not q_place or not t_place or q_place.endswith(t_place) or t_place.endswith(q_place):
        return False
    return _ends_with_place(q_ahead) and _ends_with_place(t_ahead)


def _ends_with_place(words: str) -> bool:
    """Whether ``words`` end with a place's name (its last two to four characters name a region: 福建省, 广东, 厦门市)."""
    return any(region_named(words[-n:]) for n in (4, 3, 2) if len(words) >= n)


def edition_not_stored(question: str, titles: Mapping[str, str]) -> tuple[str, dict[str, str]] | None:
    """(asked year, {doc id: its year}) when the question names a yearly document by a year no stored title gives it
    (or a recurring one by an ordinal: "第二个履约周期…" with only the 第一个 one stored; the ordinals as written)
    ("2023年全国节能宣传周…" with only 关于开展2022年全国节能宣传周和全国低碳日活动的通知 stored; "《…推广目录（2022年度）》"
    with the 2021年度 one): the documents are other years' editions of it; else None (the year asked is stored, or no
    title shares the name).

    The name must be the same in question and title for at least :data:`MIN_EDITION_NAME` Chinese characters (common
    words left out), right after the year, or right before a bracketed year. Only the candidates: whether the question
    is about such a document is for the caller to decide (its answer would come from one)."""
    named = _edition_names(question)
    # (an ordinal and a year are compared each with its own kind: "2021年度…专项（第二批）" with the 2021年度 第一批 stored is
    # another edition by its ordinal though its year is stored)
    for ordinal in (True, False):
        asked = tuple(n for n in named if _is_ordinal(n[0]) == ordinal)
        found = _other_editions(asked, titles) if asked else None
        if found is not None:
            return found
    return None


def _other_editions(asked: tuple[tuple[str, str, str, str], ...], titles: Mapping[str, str]) -> tuple[str, dict[str, str]] | None:
    """:func:`edition_not_stored` for the editions of one kind (years, or ordinals) the question writes."""
    other: dict[str, str] = {}
    asked_year = ""
    for doc_id, title in titles.items():
        for t_year, t_after, t_before, t_ahead in _edition_names(title):
            for q_year, q_after, q_before, q_ahead in asked:
                if _is_ordinal(q_year) != _is_ordinal(t_year):
                    continue  # (editions of the other kind)
                after = _name_length(_shared_name(q_after, t_after, forward=True))
                before = _name_length(_shared_name(q_before, t_before, forward=False)) if q_before and t_before else 0
                # the year written before the name in one and bracketed after it in the other ("2022年度交通运输行业重点节能
                # 低碳技术推广目录" and "…推广目录（2021年度）")
                across = max(_name_length(_name_ending(q_after, t_before)), _name_length(_name_ending(t_after, q_before)))
                # the year inside the name ("山东省绿色低碳转型2023年行动计划" and the stored "…转型2022年行动计划"): the
                # name's words on both sides of it count, each side sharing some
                inside = 0
                if not q_before and not t_before:
                    ahead = _name_length(_shared_name(q_ahead, t_ahead, forward=False))
                    inside = ahead + after if ahead >= MIN_INSIDE_SIDE and after >= MIN_INSIDE_SIDE else 0
                if max(after, before, across, inside) < (MIN_ORDINAL_NAME if _is_ordinal(q_year) else MIN_EDITION_NAME):
                    continue
                if _other_place_ahead(q_ahead, t_ahead):
                    continue  # (another place's document of the same name: "福建省2021年度…" is not "广东省2021年度…")
                q_key, t_key = q_year.split("|", 1)[0], t_year.split("|", 1)[0]
                if _same_edition(q_year, t_year):
                    if q_key != t_key and "-" in q_key + t_key:
                        # (a year inside a stored period, or periods that overlap, may be another plan's that shares the
                        # name's words: "江苏省…2023年推动碳达峰碳中和工作计划" and 黑龙江's "2021-2023年推动碳达峰、碳中和工作
                        # 滚动实施方案" — no proof the edition is stored, nor that it is not)
                        continue
                    return None  # the edition asked about is stored
                asked_year = asked_year or q_year
                if q_key == asked_year.split("|", 1)[0]:
                    other.setdefault(doc_id, edition_shown(t_year))
    return (edition_shown(asked_year), other) if other else None
