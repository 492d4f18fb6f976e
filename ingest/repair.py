"""Pure text repair for extracted policy text: one paragraph per output line.

Order: normalise characters -> drop page markers, running headers and ``**`` -> close OCR
spaces -> rejoin lines broken by page wrapping or page breaks. Chinese punctuation is kept
as written (clause numbering uses full-width brackets); half-width numbering brackets
``(一)`` / ``(1)`` become full-width.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from ingest.doctypes import TITLE_END_EXCLUDED, doc_type_alternation
from ingest.structure import NUMERAL_LIST_RE

# Full-width ASCII letters, digits and a few number symbols -> ASCII. Chinese punctuation
# (（）、，。：；！？) is deliberately not in this table.
_FULLWIDTH_TABLE = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("A") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
    ord("％"): ord("%"),
    ord("\u00a0"): ord(" "),
    ord("\u3000"): ord(" "),
    ord("\u2002"): ord(" "),
    ord("\u2003"): ord(" "),
    ord("\u2009"): ord(" "),
    ord("\t"): ord(" "),
    ord("\u200b"): None,
    ord("\ufeff"): None,
    ord("\u200e"): None,
    ord("\u200f"): None,
}

# A PDF font that maps its glyphs to GB2312 codes yields punctuation as Yi syllables: row A3 of GB2312 is the
# full-width ASCII block, so U+A3AC is "，", U+A3AE the full stop, U+A3BB "；" (青海 108: "清洁电源ꎮ研究论证…ꎬ并").
# No policy text uses Yi syllables; they are read as the characters the font meant.
_FULLWIDTH_TABLE.update(
    {0xA3A1 + i: _FULLWIDTH_TABLE.get(0xFF01 + i, 0xFF01 + i) for i in range(0x5E)} | {0xA3AE: ord("。")}
)

# 1．5 / 1。5 (OCR) -> 1.5 ; "1．" item dots become "1." too.
FULLWIDTH_DECIMAL_RE = re.compile(r"(?<=\d)[．](?=\d|\s|[\u4e00-\u9fff])")
# ／ between digits: 1／12 -> 1/12
FULLWIDTH_SLASH_RE = re.compile(r"(?<=\d)／(?=\d)")
# Markdown bold marks left by web copy-paste: **35%**
BOLD_RE = re.compile(r"\*\*")
# Private-use code points (U+E000–U+F8FF) left by web fonts / OCR: no meaning in the text
PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")
# A numbering token: a Chinese numeral up to 九百九十九 (5 characters) or an Arabic number up to 999
# (ingest.structure reads the same widths; wider tokens are years, amounts or codes).
_CN_NUMERAL = "[一二三四五六七八九十百千零〇]{1,5}"
_ARABIC_NUMBER = r"\d{1,3}"
# Half-width numbering brackets: (一) (十二) (3) (101) -> full-width （一） （3） （101）
HALF_NUMBERING_RE = re.compile(rf"\(\s*({_CN_NUMERAL}|{_ARABIC_NUMBER})\s*\)")
# Full-width brackets with stray inner spaces around a number: （ 一 ） -> （一）
SPACED_NUMBERING_RE = re.compile(
    rf"（\s+({_CN_NUMERAL}|{_ARABIC_NUMBER})\s*）|（({_CN_NUMERAL}|{_ARABIC_NUMBER})\s+）"
)

# A whole line that is only a page marker: "— 1 —", "- 2 -", "－3－", "—— 4 ——", "第 1 页",
# "第1页 共12页", "1/12", or a bare page number.
PAGE_MARKER_RE = re.compile(
    r"^\s*(?:"
    r"[-—－–―~·•]{1,3}\s*\d{1,4}\s*[-—－–―~·•]{1,3}"
    r"|[-—－–―]\s*\d{1,4}|\d{1,4}\s*[-—－–―]"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|\d{1,3}"
    r")\s*$"
)

# Numbered-unit openings (after normalisation): 一、 （一） 1. 1、 （1） 第一条 第一章 ① ...
NUMBERED_START_RE = re.compile(
    rf"^(?:{_CN_NUMERAL}、"
    rf"|（{_CN_NUMERAL}）"
    rf"|（{_ARABIC_NUMBER}）"
    rf"|{_ARABIC_NUMBER}(?:[.．](?!\d)|、)"
    r"|第[一二三四五六七八九十百千零〇\d]{1,5}[章节条部分]"
    r"|[①-⑳㉑-㉟㊱-㊿]"
    r")"
)
# A new bullet-like paragraph: ——总体部署、分类施策。
DASH_BULLET_RE = re.compile(r"^(?:——|－－|--)(?!\s*\d)")
# Lines that stand alone: attachment / distribution / publication headers, signature dates.
STANDALONE_RE = re.compile(
    r"^(?:附件|附表|抄送|抄报|发布日期|来源|索引号|主题分类|原文如下"
    r"|\d{4}年\d{1,2}月\d{1,2}日$"
    r"|[一二〇○零]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$)"
)
# A document-number line: 并政发〔2023〕15号 / （国发〔2021〕23号）
DOC_NUMBER_LINE_RE = re.compile(r"^[（(]?[\u4e00-\u9fff]{1,12}[〔\[［【(（]\d{4}[〕\]］】)）]\d{1,4}号[）)]?$")
# A section number stranded at the end of a line ("…各区（市）县政府］ 四、" + "保障措施"): it
# belongs to the start of the next line.
TRAILING_SECTION_RE = re.compile(rf"(?<=[。；）)］〕】])({_CN_NUMERAL}、)$")
# A section number opening a line: 一、 ... 一百二十、
SECTION_START_RE = re.compile(rf"^{_CN_NUMERAL}、")
# A line ending with the verb or comparator a figure follows ("…排放降低", "…比重达到", "…控制在"): a next line opening with
# digits holds the figure, not a new paragraph.
FIGURE_VERB_END_RE = re.compile(
    r"(?:降低|下降|降至|降到|减少|达到|提高|提高到|提升|提升到|增长|增加|控制在|不低于|不少于|不超过|超过|低于|高于|"
    r"分别为|约为|为|约|比)$"
)
# A figure's footnote mark the text layer put on a line of its own: an indicator table's superscript ① after a value
# ("…优良天数比率（%）65.3" + "①" + "72.6约束性"; "…比例" + "②—≤28.9%约束性"), not a circled sub-item (①…, ②…): a
# line opening with a circled number continues a line ending in a figure; a mark alone or before a figure continues a
# line that ends no sentence; and the row's next value continues the line its mark ends.
CIRCLED = "①-⑳㉑-㉟㊱-㊿"
FIGURE_END_RE = re.compile(r"[\d%％—]$")
CIRCLED_START_RE = re.compile(rf"^[{CIRCLED}]")
FOOTNOTE_MARK_LINE_RE = re.compile(rf"^[{CIRCLED}](?:$|[\d—\-－≤≥<>＜＞])")
FIGURE_MARK_END_RE = re.compile(rf"[\d%％—][{CIRCLED}]$")
FIGURE_START_RE = re.compile(r"^[\d—\-－≤≥<>＜＞]")
# Characters that end a paragraph (sentence-final punctuation and closing brackets).
TERMINAL_CHARS = "。；：！？）)〕】…”』"
# Words a document title ends with (titles are short lines that must not be merged into the preamble):
# the document types (less TITLE_END_EXCLUDED), 公告 / 函 and a closing (试行) / (…年) bracket.
TITLE_SUFFIX_RE = re.compile(
    rf"(?:{doc_type_alternation(exclude=TITLE_END_EXCLUDED)}|公告|函|（试行）|\(试行\)|年）|年\))$"
)
# Line endings typical of an issuer or addressee line (never joined to a following title line).
ISSUER_END_RE = re.compile(r"(?:人民政府|办公厅|办公室|委员会|政府|厅|局|部|院|委|会|中心|文件)$")
# An opening bracket that starts a responsibility annotation: （市发展改革委牵头…）
ANNOTATION_START_RE = re.compile(r"^[（(〔【［][^（）()〔〕【】［］]{0,80}(?:负责|牵头|配合|参与|责任|部门|单位)")
# … and one that ends a line: a bracket naming bodies or their roles
ANNOTATION_END_RE = re.compile(
    r"[（(〔【［][^（）()〔〕【】［］]{0,80}(?:负责|牵头|配合|参与|责任|部门|单位|局|委|厅|办|政府|中心|公司)[^（）()〔〕【】［］]{0,20}[）)〕】］]$"
)
# A title's parenthetical on its own line: （2021—2025年） / (试行)
TITLE_PAREN_RE = re.compile(r"^[（(][^（）()]{2,16}[）)]$")
# Punctuation that never occurs inside a title line.
_NON_TITLE_PUNCT = "。，；：:,;"
# A title wraps over at most this many lines.
MAX_TITLE_LINES = 4

# Spaces between two characters are kept only when both sides are ASCII letters/digits
# (Latin words, "GB 21344"); any other space inside a line is an OCR/layout artefact.
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_SPACE_RUN_RE = re.compile(r" +")

_OPEN_BRACKETS = "（(〔【［《“「"
_CLOSE_BRACKETS = "）)〕】］》”」"


def repair_text(raw: str, title_hint: str | None = None) -> str:
    """Repair extracted text: normalise, drop page noise, close spaces, rejoin broken lines.

    Args:
        raw: text as read (PDF pages separated by ``\\f``).
        title_hint: the document title if known; used to remove running headers such as
            ``0829 晋城市“十四五”节能减排实施方案（发改委）``. Guessed from the text if omitted.

    Returns:
        Repaired text, one paragraph (or heading) per line, no empty lines.
    """
    text = normalise_chars(raw)
    pages = text.split("\f")
    widths = laid_out_widths(line for page in pages for line in page.split("\n"))
    pages = [[_close_spaces(line) for line in page.split("\n")] for page in pages]
    pages = [[line for line in page if not PAGE_MARKER_RE.match(line)] for page in pages]
    lines = _drop_running_headers(pages)
    title = title_hint or guess_title(lines)
    if title:
        lines = [strip_title_header(line, title) for line in lines]
    lines = [line for line in lines if line]
    return "\n".join(rejoin_lines(lines, widths))


def normalise_chars(text: str) -> str:
    """Full-width digits/letters/％ -> ASCII, numbering brackets -> full-width, drop ``**`` and CR."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\f")
    # U+2236 RATIO is printed for a colon in some layouts ("责任单位∶"); between digits it is a ratio (1.25∶1)
    text = re.sub(r"(?<!\d)∶|∶(?!\d)", "：", text)
    text = text.translate(_FULLWIDTH_TABLE)
    text = BOLD_RE.sub("", text)
    text = PRIVATE_USE_RE.sub("", text)
    text = FULLWIDTH_DECIMAL_RE.sub(".", text)
    text = FULLWIDTH_SLASH_RE.sub("/", text)
    text = HALF_NUMBERING_RE.sub(r"（\1）", text)
    return SPACED_NUMBERING_RE.sub(lambda m: f"（{m.group(1) or m.group(2)}）", text)


# a gap the extractor wrote as a space between a digit or Latin letter and a Chinese character ("2022 年 7 月 4 日"): it
# takes room on the page that the closed line no longer shows
LAID_OUT_GAP_RE = re.compile(r"(?<=[A-Za-z0-9%.]) +(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) +(?=[A-Za-z0-9])")


def laid_out_widths(lines: Iterable[str]) -> dict[str, float]:
    """The width each line takes on the page, keyed by the line with its spaces closed (:func:`_close_spaces`), for the
    lines whose gaps between digits or Latin letters and Chinese characters (:data:`LAID_OUT_GAP_RE`) make them wider
    than their closed text: "1.网络填报受理时间：2022 年 7 月 4 日至 2022 年 7 月" fills its line where the closed text looks
    short. Each gap counts half a cell; a line written twice keeps its widest."""
    widths: dict[str, float] = {}
    for line in lines:
        gaps = len(LAID_OUT_GAP_RE.findall(line.strip()))
        if gaps:
            closed = _close_spaces(line)
            widths[closed] = max(widths.get(closed, 0.0), _display_width(closed) + 0.5 * gaps)
    return widths


def _close_spaces(line: str) -> str:
    """Strip a line and drop inner spaces unless both neighbours are ASCII letters/digits."""
    line = line.strip()
    if " " not in line:
        return line

    def keep(m: re.Match[str]) -> str:
        start, end = m.start(), m.end()
        left = line[start - 1] if start > 0 else ""
        right = line[end] if end < len(line) else ""
        return " " if left and right and _ASCII_WORD.match(left) and _ASCII_WORD.match(right) else ""

    return _SPACE_RUN_RE.sub(keep, line)


_DIGITS_RE = re.compile(r"\d+")
# A page number printed with a running header inside a text line: "-5", "—3—", "－ 7 －"
_PAGE_NUMBER_PIECE = r"(?:[-—－–―]\s*\d{1,4}\s*[-—－–―]?)"
# A running header must hold this many characters besides digits to be looked for inside lines.
MIN_INLINE_HEADER_CHARS = 6


def running_header_key(line: str) -> str:
    """A line with its numbers masked: page headers/footers that print the page number compare equal."""
    return _DIGITS_RE.sub("#", line)


def _inline_header_re(keys: set[str]) -> re.Pattern[str] | None:
    """Running headers glued into a text line next to a page number ("市发展改-5XX市人民政府文件革委")."""
    pieces = []
    for key in sorted(keys, key=len, reverse=True):
        text = key.replace("#", "")
        if len(re.sub(r"[\W_]", "", text)) < MIN_INLINE_HEADER_CHARS:
            continue
        body = "".join(r"\d{1,4}" if part == "#" else re.escape(part) for part in re.split(r"(#)", key) if part)
        pieces.append(body)
    if not pieces:
        return None
    either = "|".join(pieces)
    # the header counts only beside a page number, so the same words in a sentence are never cut
    return re.compile(rf"{_PAGE_NUMBER_PIECE}\s*(?:{either})|(?:{either})\s*{_PAGE_NUMBER_PIECE}")


def _page_numbered(occurrences: list[tuple[int, str]]) -> bool:
    """Whether a masked line's numbers count up with the pages (a printed page number), not repeat."""
    numbers = [tuple(int(n) for n in _DIGITS_RE.findall(line)) for _page, line in sorted(occurrences)]
    return all(a < b for a, b in zip(numbers, numbers[1:]))


def _drop_running_headers(pages: list[list[str]]) -> list[str]:
    """Flatten pages, dropping lines that repeat as page headers/footers (≥3 times).

    On paged input a header/footer is a first/last line of a page that recurs on ≥3 pages, either
    as written or with a page number that counts up with the pages ("资料整理：…公众号—2—"; numbers
    that repeat or jump about — "附件3", "不超过3个项目" — are content). Such a header glued into a
    text line beside a page number is cut out of the line.
    """
    nonempty = [[line for line in page if line] for page in pages]
    if len(nonempty) >= 3:
        exact = Counter(line for page in nonempty for line in {*page[:2], *page[-2:]})
        masked: dict[str, list[tuple[int, str]]] = {}
        for index, page in enumerate(nonempty):
            for line in {*page[:2], *page[-2:]}:
                if _DIGITS_RE.search(line) and not STANDALONE_RE.match(line):
                    masked.setdefault(running_header_key(line), []).append((index, line))
        repeated = {line for line, n in exact.items() if n >= 3 and not NUMBERED_START_RE.match(line)}
        repeated_keys = {
            key for key, seen in masked.items()
            if len(seen) >= 3 and not NUMBERED_START_RE.match(seen[0][1]) and _page_numbered(seen)
        }
        inline = _inline_header_re(repeated_keys | {running_header_key(line) for line in repeated})
        out = []
        for page in nonempty:
            for line in page:
                if line in repeated or running_header_key(line) in repeated_keys:
                    continue
                if inline is not None:
                    line = inline.sub("", line)
                if line:
                    out.append(line)
        return out
    # Unpaged text: a short non-sentence line that recurs ≥3 times is a running header.
    counts = Counter(line for page in nonempty for line in page)
    repeated = {
        line
        for line, n in counts.items()
        if n >= 3 and len(line) >= 6 and line[-1] not in TERMINAL_CHARS + "，、" and not NUMBERED_START_RE.match(line)
    }
    return [line for page in nonempty for line in page if line not in repeated]


def guess_title(lines: list[str]) -> str:
    """The first short line near the top that ends like a document title (方案, 计划, 意见...)."""
    for line in lines[:40]:
        if 6 <= len(line) <= 60 and TITLE_SUFFIX_RE.search(line) and "。" not in line and not NUMBERED_START_RE.match(line):
            inner = re.search(r"《([^》]+)》", line)
            return inner.group(1) if inner and "印发" in line else line
    return ""


def strip_title_header(line: str, title: str) -> str:
    """Remove a running header "<page/code number> <title>(（note）)" from inside a line."""
    pattern = re.compile(r"\s*\d{2,6}\s*" + re.escape(title) + r"(?:[（(][^（）()\n]{1,12}[）)])?\s*")
    return pattern.sub("", line)


def _bracket_depth(line: str, depth: int = 0) -> int:
    """Open-bracket depth after reading ``line``, starting from ``depth``."""
    for ch in line:
        if ch in _OPEN_BRACKETS:
            depth += 1
        elif ch in _CLOSE_BRACKETS and depth > 0:
            depth -= 1
    return depth


# narrow glyphs: ASCII and Latin letters, digits, half-width forms; CJK text sets dashes (——), Roman numerals (Ⅲ) and
# other symbols full-width
_NARROW_RE = re.compile(r"[\u0000-\u02ff\uff61-\uff9f]")


# widest run of a full line's last characters that a PDF extractor may set on a line of its own (justified text whose
# last glyphs are placed apart: pdf2 52, 179)
MAX_STRAY_TAIL = 3
# a sentence's end: a numbered paragraph holding none is a heading
SENTENCE_PUNCT_RE = re.compile(r"[。；！？]")


def _full_line(physical_width: float, width: float, full: frozenset[int] = frozenset()) -> bool:
    """Whether a physical line of ``physical_width`` fills the page width, or one of the widths at which the document
    wraps."""
    return physical_width >= 0.85 * width or any(abs(physical_width - w) <= 1 for w in full)


def _display_width(line: str) -> float:
    """Width in CJK cells: ASCII and other narrow characters count half."""
    return len(line) - 0.5 * len(_NARROW_RE.findall(line))


def _wrap_width(line_widths: list[float]) -> float:
    """Typical full-line width (75th percentile of the line widths ≥10), capped at 60."""
    widths = sorted(w for w in line_widths if w >= 10)
    if not widths:
        return 60.0
    return min(widths[int(len(widths) * 0.75)], 60.0)


def _full_widths(line_widths: list[float]) -> frozenset[int]:
    """Line widths (rounded display widths ≥ 20) shared by at least a tenth of the lines ≥ 10 wide (and 8 lines): the
    widths at which the document's text wraps. A document may wrap at two (安徽 435: body pages 28 cells, others 34),
    where the 75th percentile alone sees the wider only."""
    widths = [round(w) for w in line_widths if w >= 10]
    counts = Counter(widths)
    floor = max(8, len(widths) // 10)
    return frozenset(w for w, n in counts.items() if w >= 20 and n >= floor)


def starts_unit(line: str) -> bool:
    """True if the line opens a numbered unit, a dash bullet or a standalone header line."""
    if NUMERAL_LIST_RE.match(line):
        return False  # "一、二星级…": listed numerals, not a section number
    return bool(NUMBERED_START_RE.match(line) or DASH_BULLET_RE.match(line) or STANDALONE_RE.match(line))


def rejoin_lines(lines: list[str], widths: Mapping[str, float] | None = None) -> list[str]:
    """Join lines broken mid-sentence (page wrapping, page breaks, split annotations).

    A line is joined to the next unless it ends a sentence, or the next line opens a numbered
    unit / bullet / attachment, or the line is a short heading or title (narrower than the
    page's wrap width). ``widths``: the width a line takes on the page where it is wider than its text
    (:func:`laid_out_widths`); any other line is as wide as its display width.
    """
    widths = widths or {}

    def width_of(line: str) -> float:
        return widths.get(line) or _display_width(line)

    line_widths = [width_of(line) for line in lines]
    width = _wrap_width(line_widths)
    full = _full_widths(line_widths)
    lines = merge_title_blocks(_move_trailing_sections(lines))
    out: list[str] = []
    last_physical = ""
    last_width = 0.0  # the page width last_physical takes
    depth = 0  # unclosed brackets in out[-1], kept incrementally (paragraphs can be long)
    for line in lines:
        if out and _should_join(out[-1], last_physical, line, width, depth, full, last_width):
            out[-1] = out[-1] + line
            depth = _bracket_depth(line, depth)
            # a line's last characters the extractor put on a line of their own ("…新能源汽车比例原则上" + "不低" +
            # "于 30%；…"): the full line they end is the physical line the next one continues
            stray = (
                _display_width(line) <= MAX_STRAY_TAIL
                and _full_line(last_width, width, full)
                and not (NUMBERED_START_RE.match(out[-1]) and not SENTENCE_PUNCT_RE.search(out[-1]))
            )  # (a wrapped heading's last word is its end: "（三）…绿色低碳转" + "型发展" + "各地要…")
            last_physical, last_width = (
                (last_physical + line, last_width + width_of(line)) if stray else (line, width_of(line))
            )
        else:
            out.append(line)
            depth = _bracket_depth(line)
            last_physical, last_width = line, width_of(line)
    return out


def _move_trailing_sections(lines: list[str]) -> list[str]:
    """Move a section number stranded at a line end onto the next line."""
    out = list(lines)
    for i in range(len(out) - 1):
        m = TRAILING_SECTION_RE.search(out[i])
        if m and not NUMBERED_START_RE.match(out[i + 1]):
            out[i] = out[i][: m.start()]
            out[i + 1] = m.group(1) + out[i + 1]
    return [line for line in out if line]


def _title_piece(line: str) -> bool:
    return (
        len(line) <= 40
        and line[0] not in "（(〔【［"
        and not line.endswith("文件")
        and not DOC_NUMBER_LINE_RE.match(line)
        and not any(c in line for c in _NON_TITLE_PUNCT)
        and not NUMBERED_START_RE.match(line)
        and not STANDALONE_RE.match(line)
        and not ISSUER_END_RE.search(line)
    )


def merge_title_blocks(lines: list[str]) -> list[str]:
    """Merge a title wrapped over short centred lines ("天津市人民政府关于印发天津市加快" +
    "建立健全绿色低碳循环发展经济" + "体系实施方案的通知"), and a title's "（2021—2025年）" line."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if out and TITLE_PAREN_RE.match(line) and TITLE_SUFFIX_RE.search(out[-1]):
            out[-1] += line
            i += 1
            continue
        end = i
        if _title_piece(line) and not TITLE_SUFFIX_RE.search(line):
            for j in range(i + 1, min(i + MAX_TITLE_LINES, len(lines))):
                nxt = lines[j]
                if not (len(nxt) <= 40 and not any(c in nxt for c in _NON_TITLE_PUNCT) and not starts_unit(nxt)):
                    break
                if TITLE_SUFFIX_RE.search(nxt):
                    end = j
                    break
        if end > i and sum(len(x) for x in lines[i : end + 1]) <= 80:
            out.append("".join(lines[i : end + 1]))
            i = end + 1
        else:
            out.append(line)
            i += 1
    return out


# a list cut by a line break inside one of its items: the line before holds at least this many list separators (、) and is
# no numbered heading, and the line opens with the rest of the item and the next separator (a new paragraph opens with a
# whole item: caught by the line before ending its own sentence, or by a unit number)
MIN_CUT_LIST_SEPARATORS = 2
LIST_ITEM_REST_RE = re.compile(r"^[\u4e00-\u9fff]{1,4}、")


def footnote_mark_continues(prev: str, line: str) -> bool:
    """Whether ``line`` continues the paragraph ``prev`` across a figure's footnote mark (:data:`CIRCLED`): the mark
    after a figure ("…65.3" + "①…"), a mark alone or before a figure after a line that ends no sentence ("…比例" +
    "②—≤28.9%"), or the value after a mark ending the line ("…65.3①" + "72.6约束性")."""
    if CIRCLED_START_RE.match(line):
        return bool(FIGURE_END_RE.search(prev)) or (
            bool(FOOTNOTE_MARK_LINE_RE.match(line)) and prev[-1] not in TERMINAL_CHARS and prev[-1] not in "，、:"
        )
    return bool(FIGURE_MARK_END_RE.search(prev) and FIGURE_START_RE.match(line))


def _should_join(
    prev: str,
    physical: str,
    line: str,
    width: float,
    depth: int,
    full: frozenset[int],
    physical_width: float,
) -> bool:
    """Join ``line`` to the paragraph ``prev`` (last physical line ``physical``, taking ``physical_width`` on the page;
    ``depth`` open brackets; ``full``: the document's full-line widths, :func:`_full_widths`)?"""
    last = prev[-1]
    if depth > 0 and not SECTION_START_RE.match(line):
        return True  # an unclosed annotation or title bracket continues: （市发展改\n革委牵头）
    if last in "。；！？…" and ANNOTATION_START_RE.match(line):
        return True  # an annotation on its own line belongs to the sentence before it
    if footnote_mark_continues(prev, line):
        return True
    if starts_unit(line) or STANDALONE_RE.match(prev) or DOC_NUMBER_LINE_RE.match(prev):
        return False
    if TITLE_SUFFIX_RE.search(prev) and len(prev) <= 80 and not any(c in prev for c in _NON_TITLE_PUNCT):
        return False  # a title line stands alone
    full_line = _full_line(physical_width, width, full)
    if last in "）)" and full_line and not ANNOTATION_END_RE.search(prev) and not starts_unit(line):
        return True  # a bracket closing a full line is no annotation's end: "…水质优良（Ⅰ-Ⅲ类）" + "比例达83%以上" (435)
    if last in TERMINAL_CHARS:
        return False
    if last in "，、":
        return True  # a comma never ends a paragraph
    if (
        physical.count("、") >= MIN_CUT_LIST_SEPARATORS
        and not NUMBERED_START_RE.match(physical)  # (a numbered heading is a heading: "（三）推进钢铁、有色、建材行业…")
        and LIST_ITEM_REST_RE.match(line)
    ):
        return True  # a list cut inside an item: "…财政、生态环境、人民" + "银行、市场监管、证监等部门要…" (corpus 169)
    if full_line:
        # the previous line filled the page width, or one of the widths at which the document wraps: the sentence wraps
        return True
    if FIGURE_VERB_END_RE.search(prev) and line[:1].isdigit():
        return True  # a figure wrapped onto the next line: "…二氧化碳排放降低" + "18%，钢铁…" (pdf2 327)
    # A short line: a heading, title, issuer or date -- unless it is the first half of a title
    # wrapped over two centred lines ("重庆市严格能效约束" + "推动重点领域节能降碳实施方案").
    return bool(
        TITLE_SUFFIX_RE.search(line)
        and prev == physical
        and len(prev) + len(line) <= 60
        and not NUMBERED_START_RE.match(prev)
        and not ISSUER_END_RE.search(prev)
        and not re.search(r"\d{4}年\d{1,2}月\d{1,2}日$", prev)
        and not TITLE_SUFFIX_RE.search(prev)
    )
