"""Document-type words (方案 / 计划 / 意见 / 规划 / 通知 …), the one list every module shares.

The words live in ``dictionaries/document_types.txt`` (one a line, ``#`` comments). Title
detection in repair and metadata, the closing and plan-title lines in structure, the plan horizon
in targets and document references in search build their patterns from :func:`doc_type_alternation`;
a place that accepts only some genres narrows the file's list by head word (``heads``) or drops a
few (``exclude``) instead of keeping a list of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DOCUMENT_TYPES_FILE = Path(__file__).resolve().parent / "dictionaries" / "document_types.txt"
# Types that do not mark a title line or a cited title in repair and metadata: "…等政策" ends
# ordinary wrapped lines ("…环保等政策" + "要求，…"), 《…排放清单》 cites data, not a document.
TITLE_END_EXCLUDED = ("政策", "清单", "操作规程", "目录")


@lru_cache(maxsize=1)
def document_types(path: Path = DOCUMENT_TYPES_FILE) -> tuple[str, ...]:
    """Document-type words (方案, 规划, 实施意见 …), longest first, from the data file."""
    words = [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return tuple(sorted(dict.fromkeys(words), key=len, reverse=True))


@lru_cache(maxsize=None)
def doc_type_alternation(heads: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> str:
    """The document-type words as a regex alternation (escaped, longest first, no group).

    Args:
        heads: keep only the words ending in one of these genre words ("方案" keeps 方案, 实施方案,
            行动方案 …); each must be a word of the file. Empty keeps every word.
        exclude: drop the words ending in one of these ("政策" drops 政策 and 若干政策).

    Raises:
        ValueError: a head is not a word of the data file.
    """
    words = document_types()
    missing = [h for h in heads if h not in words]
    if missing:
        raise ValueError(f"not in {DOCUMENT_TYPES_FILE.name}: {', '.join(missing)}")
    if heads:
        words = tuple(w for w in words if w.endswith(tuple(heads)))
    if exclude:
        words = tuple(w for w in words if not w.endswith(tuple(exclude)))
    return "|".join(map(re.escape, words))


@lru_cache(maxsize=1)
def doc_type_re() -> re.Pattern[str]:
    """Every document-type word of the data file, compiled (longest first)."""
    return re.compile(doc_type_alternation())


def document_type(title: str) -> str:
    """The genre word of a title (方案, 规划, 意见, 通知 …: the head of the last document-type word in it, 实施方案 and
    行动方案 both 方案), "" when it names none."""
    text = re.sub(r"[（(][^（）()]*[）)]\s*$", "", title or "")  # a closing （试行）/（2021—2025年）
    found = list(doc_type_re().finditer(text))
    return found[-1].group(0)[-2:] if found else ""


# the genre words of rules binding as law (a regulation, measures, provisions, rules for implementation): a document
# named so is never a plan, a programme or an opinion of the same subject, nor the reverse ("江西省生态环境保护条例" is not
# 江西省“十四五”…生态环境保护规划); a notice may carry either
RULE_GENRES = frozenset({"条例", "办法", "规定", "细则", "准则"})
# genre words that say nothing of what a notice carries
CARRIER_GENRES = frozenset({"通知", "公告", "决定"})


def genres_conflict(asked: str, stored: str) -> bool:
    """Whether a document named with the genre word ``asked`` cannot be a stored one of genre ``stored`` (both from
    :func:`document_type`): one a rule (:data:`RULE_GENRES`), the other a plan, programme or opinion; a notice and an
    unknown genre conflict with none."""
    if not asked or not stored or asked in CARRIER_GENRES or stored in CARRIER_GENRES:
        return False
    return (asked in RULE_GENRES) != (stored in RULE_GENRES)
