"""Page-level provenance: where each clause sits in the source (PDF pages, character offsets).

Repair (:mod:`ingest.repair`) rewrites the raw text — page markers, running headers and layout
spaces are dropped, lines are rejoined — but it never reorders the characters it keeps and it
normalises them one by one (:func:`ingest.repair.normalise_chars`). So the repaired text, without
whitespace, is a subsequence of the normalised raw text without whitespace, and aligning the two
tells, for every repaired offset, the PDF page it came from (:func:`page_starts`). A clause's text
is a stretch of the repaired text (:func:`locate_clauses`), so its page span follows.

Pure functions, no I/O: the pipeline passes the raw text (pages separated by ``\\f``) and the
repaired text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from ingest.records import Clause
from ingest.repair import normalise_chars

# Anchors tried when the next repaired character is not the next raw character (the raw text
# has something repair dropped there: a page marker, a running header): the next 8, then 4, then
# 1 repaired characters are searched for in the raw text, each within its window. Longer anchors
# may look further ahead; a single character only nearby, so one character repair changed can
# never pull the alignment pages ahead.
ANCHORS: tuple[tuple[int, int], ...] = ((8, 20_000), (4, 2_000), (1, 64))
# The number token before a clause's text on its line ("三、", "（九）", "2.", "第三条"): at most
# this many characters are searched back for it.
MAX_NUMBER_TOKEN_CHARS = 12


def page_starts(raw: str, text: str) -> tuple[int, ...]:
    """Offsets in the repaired text where each page of the raw text begins.

    Args:
        raw: the text as read, pages separated by ``\\f`` (form feed).
        text: the repaired text (:func:`ingest.repair.repair_text` of ``raw``).

    Returns:
        One offset per raw page, non-decreasing; ``starts[k]`` is where page ``k + 1`` begins. A
        page none of whose characters survived repair (blank, or only a page marker) starts where
        the next page does (the text length after the last one).
    """
    pages = normalise_chars(raw).split("\f")
    stream: list[str] = []
    page_of: list[int] = []
    for i, page in enumerate(pages):
        for ch in page:
            if not ch.isspace():
                stream.append(ch)
                page_of.append(i)
    source = "".join(stream)
    offsets = [i for i, ch in enumerate(text) if not ch.isspace()]
    target = "".join(text[i] for i in offsets)
    first: list[int | None] = [None] * len(pages)
    p = 0
    for j, ch in enumerate(target):
        if p < len(source) and source[p] == ch:
            q = p
        else:
            q = -1
            for size, window in ANCHORS:
                q = source.find(target[j : j + size], p, p + window + size)
                if q >= 0:
                    break
            if q < 0:
                continue  # a character repair made up: it takes no page of its own
        if first[page_of[q]] is None:
            first[page_of[q]] = offsets[j]
        p = q + 1
    starts: list[int] = [0] * len(pages)
    nxt = len(text)
    for k in range(len(pages) - 1, -1, -1):
        got = first[k]
        nxt = got if got is not None and got <= nxt else nxt
        starts[k] = nxt
    if starts:
        starts[0] = 0  # whatever precedes the first matched character is on page 1
    return tuple(starts)


def page_at(starts: Sequence[int], offset: int) -> int:
    """The 1-based page holding repaired-text ``offset`` (0 when there are no pages)."""
    if not starts:
        return 0
    return max(1, bisect.bisect_right(starts, offset))


def _number_start(text: str, pos: int, number: str) -> int:
    """Where the clause's number token begins, when it stands just before ``pos`` on the same line."""
    if not number:
        return pos
    line_start = text.rfind("\n", 0, pos) + 1
    lo = max(line_start, pos - MAX_NUMBER_TOKEN_CHARS)
    j = text.rfind(number, lo, pos)
    if j < 0 or "。" in text[j:pos]:
        return pos
    # 第三条 / 第一章: the 第 before the numeral belongs to the token
    return j - 1 if j > line_start and text[j - 1] == "第" else j


def _find(text: str, clause: Clause, cursor: int) -> tuple[int, int] | None:
    """(start, end) of the clause's text in the repaired text, searching from ``cursor`` first."""
    body = clause.text
    if not body:
        return None
    for needle in (body, body.split("\n", 1)[0]):
        pos = text.find(needle, cursor)
        if pos < 0:
            pos = text.find(needle)
        if pos >= 0:
            end = pos + len(body) if needle is body else pos + len(needle)
            return _number_start(text, pos, clause.number), end
    return None


def locate_clauses(
    clauses: Sequence[Clause], text: str, starts: Sequence[int] | None = None
) -> list[Clause]:
    """Give every clause found in the repaired text its character span, and its page span.

    Args:
        clauses: clauses in document order (from :func:`ingest.structure.split_clauses`; task-table
            clauses, which are not in the text, are returned unchanged).
        text: the repaired text the clauses were split from.
        starts: :func:`page_starts` for a PDF; None for DOCX / TXT / HTML (pages stay 0).

    Returns:
        The clauses with ``char_start`` / ``char_end`` (offsets in ``text``, number token included)
        and, for a PDF, ``page_start`` / ``page_end`` (1-based). A clause whose text cannot be found
        keeps 0s.
    """
    out: list[Clause] = []
    cursor = 0
    for c in clauses:
        if c.kind in ("task", "row"):
            out.append(c)
            continue
        span = _find(text, c, cursor)
        if span is None:
            out.append(c)
            continue
        start, end = span
        cursor = end
        pages = {}
        if starts:
            pages = {"page_start": page_at(starts, start), "page_end": page_at(starts, max(start, end - 1))}
        out.append(replace(c, char_start=start, char_end=end, **pages))
    return out


# Characters ignored when a clause's text is compared with a page's text: whitespace and the
# marks repair may add or drop.
_COMPARE_DROP_RE = re.compile(r"[\s*]")


def comparable(text: str) -> str:
    """Text as compared across extractions: normalised characters, no whitespace."""
    return _COMPARE_DROP_RE.sub("", normalise_chars(text))
