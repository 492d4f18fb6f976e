"""Split repaired policy text (one paragraph per line) into numbered :class:`Clause` records.

Numbering levels, outermost first: 第X篇 -> 第X章/第X部分 -> 第X节 -> 一、 -> （一） / 第X条 -> 1. -> （1） -> ①.
Text before the body is the preamble (one block ``前言``; ``前言2``... only for the lines between the
plans of a notice issuing several), text after it the closing (``结尾``). A notice wrapper may carry its
own ``一、`` list: the body is the numbering run (between restarts at "一") that holds the most numbered units.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ingest.doctypes import doc_type_alternation
from ingest.errors import IngestError
from ingest.records import Clause, ClauseKind

_CN_NUM = "一二三四五六七八九十百千零〇两"
# Widest number tokens read as numbering: Chinese numerals up to 九百九十九 / 一千零一 (5 characters, a
# 第…条 article number up to 9999 fits too) and Arabic item numbers up to 999. Wider tokens are years
# (2025、), amounts or codes, never list numbers.
MAX_CN_NUMERAL_CHARS = 5
MAX_ITEM_DIGITS = 3
# Numbers up to this are trusted on their own (they were the only widths read before); a wider number
# (100. / （一百零一）) opens a unit only when it continues its level's numbering (see :func:`_continues`),
# so that an amount or code at a paragraph start ("300、500千伏…") is not a heading.
MAX_UNCHECKED_NUMBER = 99
# How far a checked number may skip ahead of the previous one at its level (a unit lost to a bad
# PDF line break must not cut the rest of a long list off).
MAX_NUMBER_GAP = 3
_CN = rf"[{_CN_NUM}]{{1,{MAX_CN_NUMERAL_CHARS}}}"
_CN_OR_DIGITS = rf"[{_CN_NUM}\d]{{1,{MAX_CN_NUMERAL_CHARS}}}"
_DIGITS = rf"\d{{1,{MAX_ITEM_DIGITS}}}"

# (kind, rank, pattern, label format) -- rank orders nesting; label builds the path segment.
UNIT_PATTERNS: tuple[tuple[ClauseKind, float, re.Pattern[str], str], ...] = (
    # 第一篇 (parts above the chapters in long 规划: "第三篇…" then its own 第一章, 第二章 …; without this
    # level each part's chapters restart at 第一章 and all parts but one fall out of the body)
    ("section", -1, re.compile(rf"^第({_CN_OR_DIGITS})(篇)(?!章)\s*"), "第{n}{suffix}"),
    # 第一章 / 第一部分 (chapter-level parts)
    ("section", 0, re.compile(rf"^第({_CN_OR_DIGITS})(章|部分)\s*"), "第{n}{suffix}"),
    # 第一节 (a chapter's sections in 规划-style plans)
    ("section", 0.5, re.compile(rf"^第({_CN_OR_DIGITS})(节)\s*"), "第{n}{suffix}"),
    # 一、 section
    ("section", 1, re.compile(rf"^({_CN})、\s*"), "{n}"),
    # 第一条 article: a clause, just above the （一） list an article may hold (第十二条…下列行为之一的：（一）…)
    ("clause", 1.9, re.compile(rf"^第({_CN_OR_DIGITS})条\s*"), "第{n}条"),
    # （一） clause (half-width brackets were normalised by repair)
    ("clause", 2, re.compile(rf"^[（(]({_CN})[）)]\s*"), "（{n}）"),
    # 1. / 1． / 1、 item, not a decimal such as 1.3; an item may open with a year ("3．2023年机场…",
    # "2.2014年各市…任务"): a decimal is never followed by a four-digit year and 年 / a year range
    ("item", 3, re.compile(rf"^({_DIGITS})(?:[.．](?!\d)|[.．](?=(?:19|20)\d\d\s*[年—－\-~～至])|、)\s*"), "{n}"),
    # （1） sub-item
    ("subitem", 4, re.compile(rf"^[（(]({_DIGITS})[）)]\s*"), "（{n}）"),
    # ① circled sub-sub-item (① to ㊿)
    ("subitem", 5, re.compile(r"^([①-⑳㉑-㉟㊱-㊿])\s*"), "{n}"),
)

# Numerals listed before a counting word ("一、二星级评价标识", "三、四季度", "二、三产业", "一、二类水体") are no
# section number, though a wrapped line may open with them (长沙 517 "…获得绿色建筑" + "一、二星级…"); the
# counting word must follow the listed numerals directly ("一、二氧化碳排放…" is a heading); months, unit numbers,
# multiples and amounts too ("一、二月份", "三、四号机组", "二、三倍", "三、四个百分点", "二、三百家企业").
NUMERAL_LIST_RE = re.compile(
    rf"^[{_CN_NUM}]{{1,3}}(?:、[{_CN_NUM}]{{1,3}})+(?:星级|星|级|类|档|批|等|期|季度|产业|线城市|线|月|号|倍|个|百|千|万)"
)
# A clause token right after a sentence end inside a paragraph: "…基础数据。（十）规范…", and a plan's chapter or section
# heading the text layer ran into the paragraph before it ("…水源涵养林保护。第二节奋力打造巢湖最好名片")
INLINE_UNIT_RE = re.compile(rf"(?<=[。；])(?=(?:[（(]{_CN}[）)]|{_CN}、|第{_CN}[章节])\S)")
# The ranks of UNIT_PATTERNS (lowest, highest) at which a heading run into a paragraph is split off, or a broken heading
# number mended: within the body everything from 第X篇 to （一） clauses (INLINE_UNIT_RE never matches 篇 or 条); over the
# whole text, before the body is chosen, 一、 sections only, up to the first attachment header after a numbered unit.
BODY_INLINE_RANKS = (-1.0, 2.0)
TEXT_INLINE_RANKS = (1.0, 1.0)
# The first characters of a heading number that the text layer left at the end of the paragraph before it
# ("…信息共享。十" + "一、健全法规标准和统计监测体系"): mended only when the joined number is the next one expected.
BROKEN_NUMERAL_RE = re.compile(rf"(?<=[。；])(?P<head>[{_CN_NUM}]{{1,2}})$")
# The document types a closing sentence names (本方案… / 本意见…; not 本规划 / 本政策, which open content).
CLOSING_TYPES = ("方案", "计划", "意见", "通知", "办法", "规定", "细则", "措施", "要点")
# A date line under a signature ("2022年5月18日"): it closes a document, and heads no attachment's paragraphs.
DATE_LINE_RE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
# A paragraph that starts the closing part: 本方案由…负责解释 / 本计划自…起施行 / 附件 / 抄送 / (此件…)
CLOSING_RE = re.compile(
    rf"^(?:本(?:实施|行动|工作|专项|三年)?(?:{doc_type_alternation(CLOSING_TYPES)})"
    r"|附件|附表|抄送|抄报|[（(]此件|此件|[（(]本文有删减"
    rf"|{DATE_LINE_RE.pattern}$)"
)
# An attachment header line ends the body: "附件", "附件1", "附件：重点任务分工表".
ATTACHMENT_RE = re.compile(r"^附\s*[件表]\s*\d*(?:[:：]|$|\s)")
# The title line of one plan inside a notice that issues several (福建 "冶金、建材、石化化工行业…实施方案":
# "福建省冶金行业“十四五”节能降碳实施方案", then its own 一、二、三、 outline).
# (Plans only: a line ending in 通知 is the covering notice, one ending in 规划 a table-of-contents entry.)
PLAN_TITLE_TYPES = ("方案", "计划", "意见", "办法", "措施", "要点")
PLAN_TITLE_RE = re.compile(
    r"^[^。；，,：:]{4,60}" rf"(?:{doc_type_alternation(PLAN_TITLE_TYPES)})" r"(?:[（(][^）)]{2,20}[）)])?$"
)
PLAN_TITLE_LOOKBACK = 3
# A bare attachment header line ("附件1", "附件"), as opposed to a list of attachments ("附件：1.…").
ATTACHMENT_HEAD_RE = re.compile(r"^附\s*[件表]\s*\d*\s*$")
# Sentence ends, outside brackets.
_SENTENCE_END = "。！？；"
_OPEN = "（(〔【[「"
_CLOSE = "）)〕】]」"
# Heading delimiters: the short title before the first 。 (or ： / ； in some documents).
_HEADING_DELIMS = "。：:；！？"
# the subject label a regulation writes at an article's start: "第六条【管理部门】…", "第三条 〖绿色低碳发展扶持〗…"
ARTICLE_LABEL_RE = re.compile(r"^\s*[【〖]([^【】〖〗\n]{2,16})[】〗]")
MAX_HEADING_CHARS = 50

# Suspicious structure (a warning, not an error). Real plans hold 2,000-14,000 characters of clause text
# (42-PDF corpus and the four seeds) and their largest clause under 16 % of it; only a closing made of
# attachments went higher (64 % of a 9,000-character document), hence a floor on the document length.
# Above the floor, one clause holding more than half of the text means its numbering was not recognised.
SUSPICIOUS_MIN_DOC_CHARS = 30_000
DOMINANT_CLAUSE_SHARE = 0.5
# The corpus maximum is 10 targets in a clause; 100 times that is a table or a whole document read as
# one clause (the failed parse of issue 12 put 100,000 targets on one clause).
MAX_TARGETS_PER_CLAUSE = 1_000


@dataclass
class _Unit:
    kind: ClauseKind
    rank: float
    number: str
    label: str
    value: int
    paragraphs: list[str] = field(default_factory=list)


# Chinese numeral characters: digits, and the multipliers 十 / 百 / 千.
CN_DIGITS: dict[str, int] = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
CN_MULTIPLIERS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
# Circled numbers ①–⑳, ㉑–㉟, ㊱–㊿: (first character, its value) per Unicode block.
_CIRCLED_BLOCKS: tuple[tuple[str, str, int], ...] = (("①", "⑳", 1), ("㉑", "㉟", 21), ("㊱", "㊿", 36))


def cn_to_int(token: str) -> int:
    """Chinese or Arabic numeral (一, 十二, 二十七, 一百零一, 一百二十, 12, 101, ③) to int; 0 if unreadable.

    Chinese numerals are read by their grammar: digit–multiplier pairs with falling multipliers
    (千 > 百 > 十), 零 marking a skipped place, a leading 十 meaning 10 and a trailing bare digit after
    百 / 千 counting the next lower place (一百五 = 150). Anything else -- a digit string such as
    二〇二五, a run such as 十四五 -- is not a number: 0.
    """
    if token.isascii() and token.isdigit():
        return int(token)
    if len(token) == 1:
        for first, last, value in _CIRCLED_BLOCKS:
            if first <= token <= last:
                return ord(token) - ord(first) + value
    total = 0
    digit: int | None = None  # a digit read but not yet multiplied
    last_multiplier = 10_000  # multipliers must fall
    zero = False  # a 零 since the last multiplier
    for ch in token:
        if ch in CN_DIGITS:
            if digit is not None:
                return 0  # two digits in a row: 十四五, 二〇二五
            if CN_DIGITS[ch] == 0:
                if zero or total == 0:
                    return 0
                zero = True
                continue
            digit = CN_DIGITS[ch]
        elif ch in CN_MULTIPLIERS:
            multiplier = CN_MULTIPLIERS[ch]
            if multiplier >= last_multiplier or (digit is None and (total or multiplier != 10)):
                return 0  # 十百, 百 alone, 一百百
            total += (1 if digit is None else digit) * multiplier
            digit, last_multiplier, zero = None, multiplier, False
        else:
            return 0
    if digit is not None:
        # 一百五 = 150 (the place below the last multiplier); 一百零五 / 二十五 = units
        total += digit * (last_multiplier // 10 if not zero and 10 < last_multiplier < 10_000 else 1)
    return total


def match_unit(paragraph: str) -> tuple[_Unit, str] | None:
    """The numbered unit a paragraph opens, and the paragraph without its number token."""
    if NUMERAL_LIST_RE.match(paragraph):
        return None
    for kind, rank, pattern, label in UNIT_PATTERNS:
        m = pattern.match(paragraph)
        if m:
            n = m.group(1)
            value = cn_to_int(n)
            if value == 0:
                return None  # 十四五、 / 0. : not a list number
            token = label.format(n=n, suffix=m.group(2) if pattern.groups >= 2 else "")
            return _Unit(kind, rank, token, token, value), paragraph[m.end() :].strip()
    return None


def split_sentences(text: str) -> tuple[str, ...]:
    """Split on 。！？； outside brackets; a bracketed annotation after a sentence end stays with it."""
    sentences: list[str] = []
    for para in text.split("\n"):
        buf: list[str] = []
        depth = 0
        i = 0
        while i < len(para):
            ch = para[i]
            buf.append(ch)
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE and depth:
                depth -= 1
            elif ch in _SENTENCE_END and depth == 0:
                # Pull following bracketed annotations （…）〔…〕 into this sentence.
                j = i + 1
                while j < len(para) and para[j] in _OPEN:
                    k = _matching_close(para, j)
                    if k < 0:
                        break
                    buf.append(para[j : k + 1])
                    j = k + 1
                    if j < len(para) and para[j] in "。；":
                        buf.append(para[j])
                        j += 1
                sentence = "".join(buf).strip()
                if sentence:
                    sentences.append(sentence)
                buf = []
                i = j
                continue
            i += 1
        rest = "".join(buf).strip()
        if rest:
            sentences.append(rest)
    return tuple(sentences)


def _matching_close(text: str, start: int) -> int:
    depth = 0
    for k in range(start, len(text)):
        if text[k] in _OPEN:
            depth += 1
        elif text[k] in _CLOSE:
            depth -= 1
            if depth == 0:
                return k
    return -1


def heading_of(first_paragraph: str) -> str:
    """The short title of a unit: an article's bracketed label ("【管理部门】省生态环境厅负责…" → 管理部门), else the
    text before the first 。/：/；, or a whole short heading line."""
    if label := ARTICLE_LABEL_RE.match(first_paragraph):
        return label.group(1).strip()
    cut = min((i for i in (first_paragraph.find(d) for d in _HEADING_DELIMS) if i >= 0), default=-1)
    head = first_paragraph if cut < 0 else first_paragraph[:cut]
    head = head.strip()
    return head if 0 < len(head) <= MAX_HEADING_CHARS else ""


def _top_restarts(units: list[tuple[int, _Unit]]) -> list[int]:
    """Paragraph indexes where the top-level numbering starts at 一 (or its first unit)."""
    counts: dict[int, int] = {}
    for _, unit in units:
        counts[unit.rank] = counts.get(unit.rank, 0) + 1
    top = min((r for r, n in counts.items() if n >= 2), default=min(counts))
    return [i for i, u in units if u.rank == top and u.value == 1] or [next(i for i, u in units if u.rank == top)]


def _plan_title(paragraphs: Sequence[str], start: int, floor: int) -> int | None:
    """Index of a plan title line just before the run starting at ``start`` (not before ``floor``)."""
    for k in range(start - 1, max(floor, start - PLAN_TITLE_LOOKBACK) - 1, -1):
        if PLAN_TITLE_RE.match(paragraphs[k]) and not ATTACHMENT_RE.match(paragraphs[k]):
            return k
    return None


def _compound_runs(paragraphs: Sequence[str], units: list[tuple[int, _Unit]]) -> list[tuple[int, int]]:
    """``[(title_index, run_start), ...]`` when the text issues several plans, each under its own title
    with its own 一、二、三、 outline; ``[]`` for the usual single plan (a notice's own numbering is not
    under a plan title, so a notice + one plan stays a single plan)."""
    restarts = _top_restarts(units)
    runs: list[tuple[int, int]] = []
    floor = 0
    for start in restarts:
        # a bare "附件1" header before the run: what follows is an attachment, not another plan
        if runs and any(ATTACHMENT_HEAD_RE.match(paragraphs[k]) for k in range(floor, start)):
            break
        title = _plan_title(paragraphs, start, floor)
        if title is not None:
            runs.append((title, start))
        floor = start + 1
    if len(runs) < 2:
        return []
    # plans issued after an attachment header ("附件：1.…行动方案") are attachments of the document above
    # them, whose own outline stays the body (169 若干意见 with two 行动方案 attached)
    if any(ATTACHMENT_RE.match(paragraphs[k]) for k in range(runs[0][0])):
        return []
    return runs


# a run of at least this many heading lines with no text under any of them is a contents list
MIN_CONTENTS_ENTRIES = 5
# the document's own title stands on one of the few paragraphs before its body's first unit (the title line,
# then an opening paragraph or two)
TITLE_LOOKBACK = 3
# a title shorter than this (a bare 通知, 方案) could end any line
MIN_TITLE_CHARS = 8
# a bracketed qualifier after a plan title line: （试行）, （2021—2025年）
TITLE_QUALIFIER_RE = re.compile(r"[（(][^）)]{1,20}[）)]$")


def _titled(paragraphs: Sequence[str], start: int, floor: int, title: str) -> bool:
    """Whether one of the paragraphs just before ``start`` (not before ``floor``) ends with ``title``:
    the document's own title line heads this numbering run."""
    for k in range(start - 1, max(floor, start - TITLE_LOOKBACK) - 1, -1):
        line = TITLE_QUALIFIER_RE.sub("", paragraphs[k].replace(" ", ""))
        if line.endswith(title):
            return True
    return False


def _body_span(paragraphs: Sequence[str], units: list[tuple[int, _Unit]], title: str = "") -> tuple[int, int]:
    """Paragraph range [start, end) of the body: the numbering run with the most units, or every plan of
    a notice that issues several (:func:`_compound_runs`). A run after a bare attachment header that follows
    the run headed by the document's own title is that plan's attachment, never the body."""
    runs = _compound_runs(paragraphs, units)
    if runs:
        start, last = runs[0][1], runs[-1][1]
        for i in range(last + 1, len(paragraphs)):
            if ATTACHMENT_RE.match(paragraphs[i]):
                return start, i
        return start, len(paragraphs)
    restarts = _top_restarts(units)
    bounds = restarts + [len(paragraphs)]
    best, best_score = (restarts[0], bounds[1]), -1
    at_unit = {i for i, _ in units}
    candidates = []
    for floor, start, end in zip([0, *bounds], bounds, bounds[1:], strict=False):
        if end - start >= MIN_CONTENTS_ENTRIES and all(i in at_unit for i in range(start, end)) and end < len(paragraphs):
            # a contents list (目录): heading lines only, nothing under any of them, and the text goes on
            # ("第一章现状与形势", "第一节工作成效" … then the chapters themselves, 内蒙古 68)
            continue
        candidates.append((floor, start, end))
    key = TITLE_QUALIFIER_RE.sub("", title.replace(" ", ""))
    if len(key) >= MIN_TITLE_CHARS:
        # the plan under the document's title, not its own attachment after a bare "附件1" header (深圳 528:
        # a 指引 with more units than the plan it is attached to)
        titled = next((c[1] for c in candidates if _titled(paragraphs, c[1], c[0], key)), None)
        if titled is not None:
            candidates = [
                c for c in candidates
                if c[1] <= titled or not any(ATTACHMENT_HEAD_RE.match(paragraphs[k]) for k in range(titled, c[1]))
            ]
    for _, start, end in candidates:
        score = sum(1 for i, _ in units if start <= i < end)
        if score >= best_score:  # ties go to the later run: the plan follows its notice
            best, best_score = (start, end), score
    start, end = best
    for i in range(start + 1, end):
        if ATTACHMENT_RE.match(paragraphs[i]):
            return start, i
    return start, end


def _note(unit: _Unit, last: dict[float, int]) -> None:
    """Record the latest number seen at a rank; deeper ranks restart."""
    last[unit.rank] = unit.value
    for rank in [r for r in last if r > unit.rank]:
        del last[rank]


def _continues(unit: _Unit, last: dict[float, int]) -> bool:
    """Whether a unit is believable here: numbers up to :data:`MAX_UNCHECKED_NUMBER` always are; a wider
    one (100. / （一百零一）) only a little after the previous number at its rank (``last``, see :func:`_note`)."""
    if unit.value <= MAX_UNCHECKED_NUMBER:
        return True
    previous = last.get(unit.rank, 0)
    return 0 < unit.value - previous <= MAX_NUMBER_GAP


def _match_in_order(paragraph: str, last: dict[float, int]) -> tuple[_Unit, str] | None:
    """:func:`match_unit` for the next paragraph in document order: a unit that continues its rank's
    numbering (:func:`_continues`) is noted in ``last`` and returned; anything else is plain text."""
    hit = match_unit(paragraph)
    if hit is None or not _continues(hit[0], last):
        return None
    _note(hit[0], last)
    return hit


def _expected_inline(text: str, last: dict[float, int], ranks: tuple[float, float]) -> _Unit | None:
    """The unit of a rank within ``ranks`` (lowest, highest) that ``text`` opens when it is exactly the next expected
    number at its rank."""
    hit = match_unit(text)
    if hit and ranks[0] <= hit[0].rank <= ranks[1] and hit[0].value == last.get(hit[0].rank, 0) + 1:
        return hit[0]
    return None


def _split_inline_units(
    paragraphs: list[str], ranks: tuple[float, float] = BODY_INLINE_RANKS, until_attachment: bool = False
) -> list[str]:
    """Split "…基础数据。（十）规范…" where a PDF ran the next clause into the previous paragraph, or a chapter or
    section heading ("…保护。第二节奋力打造巢湖最好名片", "…（详见附件2）。二、工作内容"), and mend a heading number the
    text layer broke over two lines ("…信息共享。十" + "一、健全法规标准…" → "十一、健全法规标准…").

    Only a token of a rank within ``ranks`` that is exactly the next expected number is split off or mended: within
    the body chapters, sections and clauses (:data:`BODY_INLINE_RANKS`); over the whole text, before the body is chosen,
    一、 sections (:data:`TEXT_INLINE_RANKS`), so that such a heading run into a paragraph counts in its numbering run.
    With ``until_attachment`` the paragraphs from the first attachment header after a numbered unit on are left as they
    are: an attachment's run-in list must not outnumber the plan's own sections and be taken for the body.
    """
    out: list[str] = []
    last: dict[float, int] = {}
    # (a mended number moves to the next paragraph, so the loop reads this copy, which never changes length)
    pending = list(paragraphs)
    for k, para in enumerate(pending):
        if until_attachment and last and ATTACHMENT_RE.match(para):
            out.extend(pending[k:])
            break
        _match_in_order(para, last)
        cuts = [0]
        for m in INLINE_UNIT_RE.finditer(para):
            unit = _expected_inline(para[m.start() :], last, ranks)
            if unit is not None:
                cuts.append(m.start())
                _note(unit, last)
        broken = BROKEN_NUMERAL_RE.search(para)
        if broken and k + 1 < len(pending) and _expected_inline(broken.group("head") + pending[k + 1], last, ranks):
            pending[k + 1] = broken.group("head") + pending[k + 1]
            para = para[: broken.start()]
        cuts.append(len(para))
        out.extend(para[a:b] for a, b in zip(cuts, cuts[1:], strict=False))
    return out


# A notice wrapper (title, 文号, addressees, "现将…印发给你们", opening sentence, date) is kept as one
# preamble block. Over the 192 documents of the development corpus the preamble is at most 640
# characters for 80 % of them and then jumps past 1,100 (plans with a contents list or a foreword,
# 办法 whose articles are not numbered): those keep one unit per paragraph, so each can be found.
PREAMBLE_BLOCK_MAX_CHARS = 1000

# A document without any numbered unit is kept as opening paragraphs when it holds at least this many Chinese
# characters (one sentence of substance); shorter text (a cover page, a scanned PDF's stray characters) is refused.
MIN_UNNUMBERED_CJK_CHARS = 40
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


# A line ending in one of these ends its paragraph; a full-width line ending otherwise was wrapped by the PDF.
PARAGRAPH_END = "。！？；：:）)”"
TITLE_END_RE = re.compile(rf"(?:{doc_type_alternation(CLOSING_TYPES + ('规划',))})$")
MIN_MEASURED_LINE = 10  # lines shorter than this (titles, dates) do not measure the page's line width
MIN_WRAPPED_LINES = 3  # a page's full line width is a length at least this many lines share


def wrapped_paragraphs(lines: Sequence[str]) -> list[str]:
    """Lines joined into paragraphs where the PDF wrapped them: a line as long as the text's usual full line
    (the most common length of its lines, less 3 for Latin letters and digits, which are narrower) that does not
    end a sentence continues on the next line ("…有力支撑单位GDP二氧" + "化碳排放比2005年下降65%以上，…")."""
    measured = [len(x) for x in lines if len(x) >= MIN_MEASURED_LINE]
    width, seen = Counter(measured).most_common(1)[0] if measured else (0, 0)
    if seen < MIN_WRAPPED_LINES:
        return list(lines)  # no line length recurs: the lines are paragraphs already (text, DOCX, HTML)
    full = width - 3
    out: list[str] = []
    carry = ""
    for line in lines:
        text = carry + line
        if (
            len(line) >= max(full, MIN_MEASURED_LINE)
            and not line.endswith(tuple(PARAGRAPH_END))
            and not TITLE_END_RE.search(line)  # a title line ("…实施方案》的通知") ends its paragraph
        ):
            carry = text
            continue
        out.append(text)
        carry = ""
    if carry:
        out.append(carry)
    return out


# a contents list's own heading line ("目录", "目 录") and how far into the document it may stand
CONTENTS_HEAD_RE = re.compile(r"^目\s*录$")
CONTENTS_HEAD_LOOKAHEAD = 20
# what closes a contents entry: leader dots and a page number ("第一章 现状与形势……3")
CONTENTS_PAGE_RE = re.compile(r"[.…⋯·．\-—－_\s]*(?:\d+|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+|[IVX]+)?[\-—－\s]*$")


def _contents_entry(line: str) -> str:
    """A line as a contents list entry and its heading compare: spaces, leader dots and page number dropped."""
    return CONTENTS_PAGE_RE.sub("", line.replace(" ", "").replace("\u3000", ""))


def without_contents_list(paragraphs: list[str]) -> list[str]:
    """The paragraphs without the document's contents list: the entry lines right after a line that is only "目录", near
    the top, while they last and before the list's first entry is written again as its heading (白皮书: "目录 / 前言 /
    一、走新时代… / … / 结束语", then "前言" and the text). The list ends at its first line that is no entry (a sentence,
    a long line: :func:`_entry_line`), so a foreword the list does not name and an entry the PDF glued to text stay.
    Unchanged when there is no such line, its first entry never comes again, the list is shorter than
    :data:`MIN_CONTENTS_ENTRIES`, or every entry is a numbered heading (the numbering rules skip such a list,
    :func:`_body_span`; it is the unnumbered entries — 前言, 结束语 — that make a list look like text)."""
    head = next((k for k in range(min(len(paragraphs), CONTENTS_HEAD_LOOKAHEAD)) if CONTENTS_HEAD_RE.match(paragraphs[k])), None)
    if head is None or head + 1 >= len(paragraphs):
        return paragraphs
    first = _contents_entry(paragraphs[head + 1])
    again = next((k for k in range(head + 2, len(paragraphs)) if first and _contents_entry(paragraphs[k]) == first), None)
    if again is None:
        return paragraphs
    end = head + 1
    while end < again and _entry_line(paragraphs[end]):
        end += 1
    listed = paragraphs[head + 1 : end]
    if len(listed) < MIN_CONTENTS_ENTRIES or all(match_unit(entry) for entry in listed):
        return paragraphs
    return paragraphs[:head] + paragraphs[end:]


def _entry_line(line: str) -> bool:
    """Whether a line between a 目录 line and the body can be a contents entry: at most :data:`MAX_HEADING_CHARS`
    characters once its leader dots and page number go, and no sentence end."""
    entry = _contents_entry(line)
    return 0 < len(entry) <= MAX_HEADING_CHARS and not entry.endswith(("。", "；", "：", "！", "？"))


def split_clauses(text: str, doc_id: str, *, source: str = "", title: str = "") -> list[Clause]:
    """Split repaired text into preamble, numbered units and closing.

    Args:
        text: repaired text, one paragraph per line (see :func:`ingest.repair.repair_text`).
        doc_id: the document id; ``clause_id = f"{doc_id}#{path}"``.
        source: file name for error messages.
        title: the document's title, when known: a numbering run headed by it is the body.

    Returns:
        Clauses in document order (``order`` 0..n-1), ids unique and stable.

    Raises:
        IngestError: the text has no numbered units and fewer than :data:`MIN_UNNUMBERED_CJK_CHARS` Chinese
            characters.
    """
    paragraphs = _split_inline_units(
        without_contents_list([p.strip() for p in text.split("\n") if p.strip()]),
        ranks=TEXT_INLINE_RANKS,
        until_attachment=True,
    )
    in_order: dict[float, int] = {}
    units = [(i, hit[0]) for i, p in enumerate(paragraphs) if (hit := _match_in_order(p, in_order))]
    if not units:
        # A notice or news summary without numbering (通知, 印发消息) is kept paragraph by paragraph as its
        # opening text, so that what it states can still be found; text too short to state anything is refused.
        if len(CJK_RE.findall(text)) < MIN_UNNUMBERED_CJK_CHARS:
            raise IngestError(
                source or doc_id,
                f"未找到条款编号，正文不足 {MIN_UNNUMBERED_CJK_CHARS} 个汉字 / no numbered clauses and fewer than "
                f"{MIN_UNNUMBERED_CJK_CHARS} Chinese characters of text (not a policy document)",
            )
        start, end = len(paragraphs), len(paragraphs)
    else:
        start, end = _body_span(paragraphs, units, title)
    preamble = list(paragraphs[:start])
    closing = list(paragraphs[end:])
    # In a notice issuing several plans, the lines between two plans (the previous plan's attachment list,
    # the next plan's title and opening paragraph) are that plan's preamble, not part of the last clause.
    interlude_at: dict[int, int] = {}  # body paragraph index where an interlude starts -> its length
    runs = _compound_runs(paragraphs, units) if units else []
    for (title, run_start), (_, prev_start) in zip(runs[1:], runs, strict=False):
        first = title
        for k in range(prev_start + 1, title):
            if ATTACHMENT_RE.match(paragraphs[k]):
                first = k
                break
        interlude_at[first - start] = run_start - first
    body: list[str | list[str]] = []
    pos = 0
    span = list(paragraphs[start:end])
    while pos < len(span):
        if pos in interlude_at:
            body.append(span[pos : pos + interlude_at[pos]])
            pos += interlude_at[pos]
            continue
        nxt = min([k for k in interlude_at if k > pos], default=len(span))
        body.extend(_split_inline_units(span[pos:nxt]))
        pos = nxt

    records: list[tuple[_Unit | None, str | None, list[str]]] = []  # unit, parent path, interlude
    stack: list[tuple[_Unit, str]] = []
    last: dict[float, int] = {}
    for para in body:
        if isinstance(para, list):
            records.append((None, None, para))
            stack, last = [], {}
            continue
        hit = _match_in_order(para, last)
        if hit is None:
            if records and records[-1][0] is not None:
                records[-1][0].paragraphs.append(para)
            continue
        unit, rest = hit
        while stack and stack[-1][0].rank >= unit.rank:
            stack.pop()
        parent_path = stack[-1][1] if stack else None
        path = (parent_path or "") + unit.label
        unit.paragraphs.append(rest)
        records.append((unit, parent_path, []))
        stack.append((unit, path))

    # The closing starts at a 本方案… / 附件 / date paragraph inside the last unit.
    if records and records[-1][0] is not None:
        last_unit = records[-1][0]
        for k in range(1, len(last_unit.paragraphs)):
            if CLOSING_RE.match(last_unit.paragraphs[k]):
                closing = last_unit.paragraphs[k:] + closing
                del last_unit.paragraphs[k:]
                break

    clauses: list[Clause] = []
    seen: dict[str, int] = {}

    def make_id(path: str) -> str:
        seen[path] = seen.get(path, 0) + 1
        return f"{doc_id}#{path}" + (f"~{seen[path]}" if seen[path] > 1 else "")

    def add_preamble(paras: list[str]) -> None:
        # the notice wrapper, title block and opening stay one block (前言), not one unit per letterhead line
        path = "前言" if n_preamble == 0 else f"前言{n_preamble + 1}"
        text_ = "\n".join(paras)
        clauses.append(
            Clause(make_id(path), doc_id, "preamble", "", path, "", text_, split_sentences(text_), None, len(clauses))
        )

    n_preamble = 0
    if preamble and sum(map(len, preamble)) <= PREAMBLE_BLOCK_MAX_CHARS:
        add_preamble(preamble)
        n_preamble += 1
    else:  # a preamble holding content (a contents list, a foreword, an unnumbered 办法): one unit per paragraph
        for para in wrapped_paragraphs(preamble):
            add_preamble([para])
            n_preamble += 1
    path_ids: dict[str, str] = {}
    for unit, parent_path, interlude in records:
        if unit is None:
            if interlude:  # the lines between two plans of one notice: one block per gap
                add_preamble(interlude)
                n_preamble += 1
            path_ids = {}
            continue
        path = (parent_path or "") + unit.label
        cid = make_id(path)
        text_ = "\n".join(p for p in unit.paragraphs if p)
        parent_id = path_ids.get(parent_path) if parent_path else None
        path_ids[path] = cid
        clauses.append(
            Clause(
                cid,
                doc_id,
                unit.kind,
                unit.number,
                path,
                heading_of(unit.paragraphs[0]) if unit.paragraphs else "",
                text_,
                split_sentences(text_),
                parent_id,
                len(clauses),
            )
        )
    closing, attached = _attachments(closing, doc_id, source)
    if closing:
        text_ = "\n".join(closing)
        clauses.append(Clause(make_id("结尾"), doc_id, "closing", "", "结尾", "", text_, split_sentences(text_), None, len(clauses)))
    labels: dict[str, int] = {}
    for label, parts in attached:
        # an attachment with its own outline (a guide, a plan, a method issued with the notice): its clauses,
        # numbered under the attachment ("附件1一（二）"), not one closing block; its title block is the attachment
        labels[label] = labels.get(label, 0) + 1
        label = label if labels[label] == 1 else f"{label}~{labels[label]}"

        def under(inner: str, label: str = label) -> str:
            return label if inner == "前言" else label + inner

        for c in parts:
            clauses.append(
                replace(
                    c,
                    clause_id=f"{doc_id}#{under(c.clause_id.split('#', 1)[1])}",
                    path=under(c.path),
                    parent_id=f"{doc_id}#{under(c.parent_id.split('#', 1)[1])}" if c.parent_id else None,
                    order=len(clauses),
                )
            )
    return clauses


# an attachment is read as clauses when its own outline has at least this many numbered units, the first of them
# within this many paragraphs of its header (its title, an opening paragraph or two)
MIN_ATTACHMENT_UNITS = 2
ATTACHMENT_OPENING_PARAGRAPHS = 4
# … and at most this share of its units repeat a number already used at their place (over the 11 outlined attachments
# of pdf2 and the corpus: 0–6 %, and 53 % in 南京 184's guide, whose project codes are no recognised level)
MAX_REPEATED_UNITS_SHARE = 0.25


# An attachment without an outline may still be headed paragraphs: a guide's projects ("7203氢能动力关键技术集成及在交通
# 领域的应用示范" then its 研究内容 and 有关说明), a glossary's terms ("七区叠加" then what it means). A heading line is
# short and ends no sentence or lead-in; the attachment is read as one clause per heading (with the paragraphs under it)
# when it has at least MIN_HEADED_BLOCKS headings each followed by text, and headings make at most MAX_HEADING_LINE_SHARE
# of its lines (a table's rows are short lines without sentence ends, nearly all of them).
MAX_BLOCK_HEADING_CHARS = 40
MIN_HEADED_BLOCKS = 2
MAX_HEADING_LINE_SHARE = 0.5
_BLOCK_BODY_END = "。；！？，,：:、"
# a modal charging someone: a paragraph's first line the text layer cut off ("各级节能主管部门要按照党中央、国务院关于碳达峰
# 碳中" + "和重大决策部署…"), not a heading (主要 / 重要 / 要求 / 要点 are words of headings)
_CHARGING_MODAL_RE = re.compile(r"(?<![主重纲需])要(?![求点素])|应当|必须")


def _is_block_heading(line: str) -> bool:
    """Whether a line of an unoutlined attachment is a heading: at most :data:`MAX_BLOCK_HEADING_CHARS` characters, no
    sentence end inside or at its end, no modal charging someone, and not a date."""
    line = line.strip()
    return (
        0 < len(line) <= MAX_BLOCK_HEADING_CHARS
        and line[-1] not in _BLOCK_BODY_END
        and "。" not in line
        and not _CHARGING_MODAL_RE.search(line)
        and not DATE_LINE_RE.fullmatch(line)
    )


def headed_blocks(lines: Sequence[str]) -> tuple[list[str], list[tuple[list[str], list[str]]]] | None:
    """(the title lines, [(heading lines, text lines)]) of an unoutlined attachment's lines (its header line left out)
    read as headed paragraphs — the first line is its title, and each run of heading lines (:func:`_is_block_heading`)
    heads the text lines after it, below the last numbered heading before it ("二、一般竞争项目" heads each of its projects)
    — or None unless it holds :data:`MIN_HEADED_BLOCKS` such blocks, every heading run
    followed by text, and at most :data:`MAX_HEADING_LINE_SHARE` of its lines are headings."""
    lines = [x for x in (x.strip() for x in lines) if x]
    if len(lines) < 1 + 2 * MIN_HEADED_BLOCKS:
        return None
    title = [lines[0]]
    blocks: list[tuple[list[str], list[str]]] = []
    section = ""  # the numbered heading ("二、一般竞争项目") the blocks after it stand under, until the next
    headings = 0
    for line in lines[1:]:
        if _is_block_heading(line):
            headings += 1
            numbered = match_unit(line)
            if blocks and not blocks[-1][1]:
                blocks[-1][0].append(line)
            else:
                blocks.append(([section, line] if section and not numbered else [line], []))
            if numbered:
                section = line
        elif blocks:
            blocks[-1][1].append(line)
        else:
            title.append(line)  # (an opening paragraph under the title)
    if len(blocks) < MIN_HEADED_BLOCKS or not all(text for _, text in blocks) or headings > MAX_HEADING_LINE_SHARE * len(lines):
        return None
    return title, blocks


def _headed_block_clauses(lines: Sequence[str], doc_id: str) -> list[Clause] | None:
    """The clauses of an unoutlined attachment read as headed paragraphs (:func:`headed_blocks`): its title (and opening)
    as the attachment's opening clause (path 前言, re-labelled by the caller), then one section per heading, numbered
    （1）（2）… in order under it; None when it is not such an attachment."""
    read = headed_blocks(lines)
    if read is None:
        return None
    title, blocks = read
    return _unoutlined_clauses(doc_id, "\n".join(title), [(h[-1], "\n".join([*h, *body])) for h, body in blocks])


def _unoutlined_clauses(doc_id: str, opening: str, sections: Sequence[tuple[str, str]]) -> list[Clause]:
    """An unoutlined attachment's clauses: its ``opening`` (title) as the opening clause (path 前言, re-labelled by the
    caller), then one section per (heading, text), numbered （1）（2）… in order under it."""
    root = f"{doc_id}#前言"
    out = [Clause(root, doc_id, "preamble", "", "前言", "", opening, split_sentences(opening), None, 0)]
    for n, (heading, text_) in enumerate(sections, start=1):
        path = f"（{n}）"
        out.append(Clause(f"{doc_id}#{path}", doc_id, "section", str(n), path, heading, text_, split_sentences(text_), root, n))
    return out


# An attachment of prose without an outline or headings (key points of a campaign, one paragraph per body: "各级节能主管部门
# 要…", "各级教育部门要…") is read one clause per paragraph, as a preamble holding content is, when it holds more than
# PREAMBLE_BLOCK_MAX_CHARS characters, MIN_PROSE_PARAGRAPHS paragraphs, and nearly all of its text (MIN_PROSE_SHARE) in
# paragraphs that end a sentence — a table's or a list's lines do not.
MIN_PROSE_PARAGRAPHS = 3
MIN_PROSE_SHARE = 0.8


def _prose_paragraph_clauses(lines: Sequence[str], doc_id: str) -> list[Clause] | None:
    """The clauses of an unoutlined attachment of prose: its first line (the title, with a short wrapped tail) as the
    opening clause (path 前言, re-labelled by the caller), then one section per paragraph (lines the PDF wrapped joined:
    :func:`wrapped_paragraphs`), numbered （1）（2）…; None unless it is prose (see :data:`MIN_PROSE_SHARE`)."""
    lines = [x for x in (x.strip() for x in lines) if x]
    # (the title's last characters the PDF wrapped onto a line of their own: "…宣传重" + "点")
    title = 1
    while title < len(lines) and len(lines[title]) < MIN_MEASURED_LINE and not lines[title].endswith(tuple(_SENTENCE_END)):
        title += 1
    paragraphs = wrapped_paragraphs(lines[title:])
    chars = sum(len(p) for p in paragraphs)
    prose = sum(len(p) for p in paragraphs if p.endswith(tuple(_SENTENCE_END)))
    if len(paragraphs) < MIN_PROSE_PARAGRAPHS or chars <= PREAMBLE_BLOCK_MAX_CHARS or prose < MIN_PROSE_SHARE * chars:
        return None
    # (no heading: a paragraph of prose has none, as a preamble's paragraph has none)
    return _unoutlined_clauses(doc_id, "".join(lines[:title]), [("", para) for para in paragraphs])


# an attachment's header written with a colon and nothing after it ("附件：" over 广东 366's key points): a header when the
# next line opens no numbered item (then it lists the attachments: "附件：" + "1.…" + "2.…")
COLON_ATTACHMENT_HEAD_RE = re.compile(r"^附\s*[件表]\s*\d*\s*[:：]$")


def _attachment_header(lines: Sequence[str], k: int) -> bool:
    """Whether closing line ``k`` is a bare attachment header (:data:`ATTACHMENT_HEAD_RE`, or
    :data:`COLON_ATTACHMENT_HEAD_RE` before a line that opens no numbered item)."""
    if ATTACHMENT_HEAD_RE.match(lines[k]):
        return True
    return bool(COLON_ATTACHMENT_HEAD_RE.match(lines[k])) and k + 1 < len(lines) and match_unit(lines[k + 1]) is None


def _attachments(closing: list[str], doc_id: str, source: str) -> tuple[list[str], list[tuple[str, list[Clause]]]]:
    """(the closing without them, [(label, clauses)]) for the attachments after the body: a bare header line ("附件1",
    "附件", :func:`_attachment_header`), a title, then numbered units (its own outline), headed paragraphs
    (:func:`headed_blocks`) or paragraphs of prose (:func:`_prose_paragraph_clauses`). Lists and tables stay closing text."""
    heads = [k for k, line in enumerate(closing) if _attachment_header(closing, k)]
    if not heads:
        return closing, []
    kept = list(closing[: heads[0]])
    out: list[tuple[str, list[Clause]]] = []
    for k, nxt in zip(heads, [*heads[1:], len(closing)], strict=True):
        part = closing[k + 1 : nxt]
        in_order: dict[float, int] = {}
        units = [i for i, p in enumerate(part) if _match_in_order(p, in_order)]
        # an outlined attachment: "附件N", its title (and an opening paragraph or two), then its numbered units — not a
        # table ("附表…", rows numbered 1 2 3 under a long header) or a list
        label = re.sub(r"[\s:：]+", "", closing[k])
        if not closing[k].lstrip().startswith("附件"):
            kept.extend(closing[k:nxt])
            continue
        if len(units) < MIN_ATTACHMENT_UNITS or units[0] > ATTACHMENT_OPENING_PARAGRAPHS:
            # no outline: headed paragraphs (a glossary's terms), paragraphs of prose, or closing text
            if (blocks := _headed_block_clauses(part, doc_id) or _prose_paragraph_clauses(part, doc_id)) is not None:
                out.append((label, blocks))
            else:
                kept.extend(closing[k:nxt])
            continue
        try:
            parts = split_clauses("\n".join(part), doc_id, source=source, title=part[0])
        except IngestError:
            kept.extend(closing[k:nxt])
            continue
        if sum("~" in c.clause_id for c in parts) > MAX_REPEATED_UNITS_SHARE * len(parts):
            # numbers that restart again and again under a level the outline does not show (南京 184's projects
            # "7201…", "7202…", each with its own (1) (2)): the units would lose what they belong to — read by its
            # headings instead, when it has them
            if (blocks := _headed_block_clauses(part, doc_id)) is not None:
                out.append((label, blocks))
            else:
                kept.extend(closing[k:nxt])
            continue
        out.append((label, parts))
    return kept, out


def structure_warnings(clauses: Sequence[Clause], targets_per_clause: Mapping[str, int], source: str) -> list[str]:
    """Warnings (Chinese / English, naming ``source`` and the clause) for a structure that was most likely
    not recognised: one clause holding more than :data:`DOMINANT_CLAUSE_SHARE` of a document longer than
    :data:`SUSPICIOUS_MIN_DOC_CHARS`, or more than :data:`MAX_TARGETS_PER_CLAUSE` targets in one clause.

    Args:
        clauses: the document's clauses.
        targets_per_clause: number of targets per ``clause_id`` (missing ids count 0).
        source: the file name the messages name.
    """
    out: list[str] = []
    total = sum(len(c.text) for c in clauses)
    biggest = max(clauses, key=lambda c: len(c.text), default=None)
    if biggest is not None and total > SUSPICIOUS_MIN_DOC_CHARS and len(biggest.text) > DOMINANT_CLAUSE_SHARE * total:
        share = len(biggest.text) / total
        out.append(
            f"结构可疑：{source} 的条款 {biggest.path} 占全文 {share:.0%}（{len(biggest.text):,} / {total:,} 字），"
            f"其中的编号可能未被识别 / suspicious structure: clause {biggest.path} of {source} holds {share:.0%} of the "
            f"text ({len(biggest.text):,} of {total:,} characters); its numbering may not have been recognised"
        )
    for c in clauses:
        n = targets_per_clause.get(c.clause_id, 0)
        if n > MAX_TARGETS_PER_CLAUSE:
            out.append(
                f"结构可疑：{source} 的条款 {c.path} 含 {n:,} 个量化目标（上限 {MAX_TARGETS_PER_CLAUSE:,}） / suspicious "
                f"structure: clause {c.path} of {source} holds {n:,} targets (more than {MAX_TARGETS_PER_CLAUSE:,})"
            )
    return out
