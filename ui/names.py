"""How the front ends name things: documents, levels, role derivations, years (pure functions).

One display name per document, used by every picker, answer, card and table, so five plans
titled "关于加快建立健全绿色低碳循环发展经济体系的实施方案" read apart::

    天水市 · 加快建立健全绿色低碳循环发展经济体系实施方案 · 2022-04-26
    定西市 · 加快建立健全绿色低碳循环发展经济体系的实施方案 · 定政发〔2021〕48号 · 2021-10-29

(region · short title · 文号 · date; a title the text does not carry is marked 推断). Nothing here
calls Streamlit, so the CLI and the API can use the same names.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from search.answer import DERIVATIONS, role_derivation  # noqa: F401  (re-exported: one derivation for UI and JSON)

LEVEL_NAMES: dict[str, str] = {
    "national": "国家级",
    "provincial": "省级",
    "city": "市级",
    "county": "县级",
    "unknown": "层级未知",
}
INFERRED_MARK = "（推断）"
SEPARATOR = " · "
SHORT_TITLE_CHARS = 30

# Issuing words in front of a title: "梧州市人民政府关于…", "省发展改革委等五部门关于…", "关于…".
ISSUER_PREFIX_RE = re.compile(
    r"^(?:[^关《》]{0,30}?(?:政府|委|厅|局|部|办|署|办公室|办公厅|委员会|领导小组)"
    r"(?:等[一二三四五六七八九十\d]*个?(?:部门|单位))?)?关于"
)
# Level suffixes dropped to get a region's short form (黑龙江省 -> 黑龙江).
REGION_SUFFIX_RE = re.compile(r"(?:省|市|自治区|特别行政区|壮族自治区|回族自治区|维吾尔自治区)$")


def level_name(level: str | None) -> str:
    """``national`` -> 国家级, ``city`` -> 市级 … (the word itself when unknown)."""
    return LEVEL_NAMES.get(level or "unknown", level or LEVEL_NAMES["unknown"])


def _field(obj: Any, name: str, default: Any = "") -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def short_title(title: str, region: str = "", limit: int = SHORT_TITLE_CHARS) -> str:
    """A title without its region and issuing words, at most ``limit`` characters.

    "梧州市人民政府关于加快建立健全绿色低碳循环发展经济体系的实施方案" (梧州市) ->
    "加快建立健全绿色低碳循环发展经济体系的实施方案"; a longer title keeps its start and its end
    ("…实施方案") around an ellipsis.
    """
    t = (title or "").strip()
    short_region = REGION_SUFFIX_RE.sub("", region or "")
    for _ in range(2):  # "黑龙江关于…" : region first, then issuing words
        for prefix in (region, short_region):
            if prefix and len(prefix) >= 2 and t.startswith(prefix) and len(t) > len(prefix) + 4:
                t = t[len(prefix) :]
                break
        m = ISSUER_PREFIX_RE.match(t)
        if m and len(t) > m.end() + 4:
            t = t[m.end() :]
    if len(t) > limit:
        tail = 8
        t = t[: limit - tail - 1] + "…" + t[-tail:]
    return t or (title or "")


def display_name(doc: Any) -> str:
    """"region · short title · 文号 · date" for a Document (or a dict with the same fields)."""
    region = _field(doc, "region") or "地区未知"
    title = short_title(_field(doc, "title") or _field(doc, "doc_id"), _field(doc, "region"))
    if _field(doc, "title_inferred", False):
        title += INFERRED_MARK
    parts = [region, title, _field(doc, "doc_number"), _field(doc, "date")]
    return SEPARATOR.join(p for p in parts if p)


def display_names(docs: Iterable[Any]) -> dict[str, str]:
    """doc_id -> display name, made unique: two documents that would read the same get their file name."""
    docs = list(docs)
    names = {_field(d, "doc_id"): display_name(d) for d in docs}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    for d in docs:
        doc_id = _field(d, "doc_id")
        if counts[names[doc_id]] > 1:
            names[doc_id] = f"{names[doc_id]}{SEPARATOR}{_field(d, 'source') or doc_id}"
    return names


# --------------------------------------------------------------------------- role derivation
# How a role was read is decided once, in the library (search.answer: the answer JSON's "how" and
# "confidence"); DERIVATIONS and role_derivation are imported from there.


def derivation_label(key: str, confidence: float | None = None) -> str:
    """"列首位惯例 · 置信度 1.0" (Chinese label and the confidence when known)."""
    zh, _en = DERIVATIONS.get(key, (key, key))
    return zh if confidence is None else f"{zh} · 置信度 {confidence:.1f}"


# --------------------------------------------------------------------------- cells
def year_text(value: Any) -> str:
    """A year for a table cell: 2025 (never "2025.0"), "" for None / NaN."""
    if value is None or value == "":
        return ""
    try:
        f = float(value)
    except (TypeError, ValueError):
        return str(value)
    return "" if math.isnan(f) else str(int(f))


def cell_text(value: Any) -> str:
    """A table cell: "" for None / NaN, whole floats without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)


TARGET_COLUMNS: tuple[str, ...] = ("地区", "指标", "目标值", "基准年", "目标年", "限定", "文件", "条款")


def target_row(target: Any, doc: Any | None, clause_label: str = "") -> dict[str, str]:
    """One row of a cross-region target table; the region is the document's, never a word of the sentence.

    Args:
        target: a ``Target`` (or ``AnswerTarget`` / dict: ``year`` is read when ``target_year`` is absent).
        doc: its ``Document`` (None when unknown: the target's own region is used).
        clause_label: how to name the clause (its numbering path and heading).
    """
    year = _field(target, "target_year", None)
    if year is None:
        year = _field(target, "year", None)
    return {
        "地区": (_field(doc, "region") if doc is not None else "") or _field(target, "region") or "",
        "指标": _field(target, "indicator") or _field(target, "indicator_raw") or "",
        "目标值": cell_text(_field(target, "value")),
        "基准年": year_text(_field(target, "base_year", None)),
        "目标年": year_text(year),
        "限定": _field(target, "qualifier") or "",
        "文件": display_name(doc) if doc is not None else "",
        "条款": clause_label,
    }
