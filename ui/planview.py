"""Pure shaping behind the app's issue-14 views: an evidence clause's original pages, the implementation
map as a sortable matrix (with its CSV / Excel files), and what changed between two plans as tables.

Nothing here calls Streamlit. Tables are lists of plain dicts (text and numbers only) that the app
shows with ``st.dataframe``, which renders cells as text, so document text needs no escaping there;
the few HTML fragments go through ``ui.webview.esc``.
"""

from __future__ import annotations

import mimetypes
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ui.names import SEPARATOR, display_name, short_title
from ui.webview import esc, field

#: pages of one clause shown as images (a clause spanning more pages shows its first ones)
MAX_ORIGINAL_PAGES = 3
#: a matrix cell without a lower-level measure
GAP = "— 缺 / gap"
TAKEN_UP = "落实 taken up"
GAPS = "缺口 gaps"
MAP_LEAD_COLUMNS: tuple[str, ...] = ("条款 clause", "措施 measure", "牵头 lead", "目标 targets", TAKEN_UP, GAPS)
#: how the matrix rows can be ordered: key -> label
MAP_SORTS: dict[str, str] = {
    "document": "文件顺序 / document order",
    "gaps": "缺口最多 / most gaps first",
    "taken_up": "落实最多 / most taken up first",
}
VIA_LABELS = {
    "lineage": "引用本文件 / cites it",
    "similarity": "措施相似 / echoes its measures",
    "lineage+similarity": "引用并相似 / cites it, echoes its measures",
}
MEASURE_COLUMNS: tuple[str, ...] = ("条款 clause", "措施 measure", "牵头 lead", "目标 targets")
CARRIED_COLUMNS: tuple[str, ...] = ("之前 before", "之后 after", "相似度 similarity", "变化 what changed")
LEAD_COLUMNS: tuple[str, ...] = ("措施 measure", "之前牵头 lead before", "之后牵头 lead after")
DIFF_TARGET_COLUMNS: tuple[str, ...] = ("措施 measure", "指标 indicator", "之前 old", "之后 new", "变化 change")
RENAMED_COLUMNS: tuple[str, ...] = ("原名 old name", "新名 new name", "年份 year")
# a year written in a title ("2021年度…工作计划"), to order two plans of one region
_TITLE_YEAR_RE = re.compile(r"(20\d\d|19\d\d)")


# ----------------------------------------------------------------------------- originals
def evidence_pages(evidence: Any, limit: int = MAX_ORIGINAL_PAGES) -> list[int]:
    """The PDF pages an evidence clause spans (an ``Evidence`` or its dict), at most ``limit``."""
    pages = field(evidence, "pages", None)
    if pages is None:
        start = int(field(evidence, "page_start", 0) or 0)
        end = int(field(evidence, "page_end", 0) or 0)
        pages = list(range(start, max(start, end) + 1)) if start > 0 else []
    return [p for p in pages if isinstance(p, int) and p > 0][:limit]


def page_span(pages: list[int]) -> str:
    """"第 3 页" / "第 3–4 页" ("" without pages)."""
    if not pages:
        return ""
    return f"第 {pages[0]} 页" if pages[-1] == pages[0] else f"第 {pages[0]}–{pages[-1]} 页"


def original_label(evidence: Any, doc_name: str = "") -> str:
    """The label of an evidence clause's "original" switch: "原文 / original · 名称 › 三（九） · 第 9 页"."""
    where = f"{field(evidence, 'clause_no', '')} {field(evidence, 'heading', '')}".strip()
    name = doc_name or field(evidence, "doc_title", "") or field(evidence, "source", "")
    bits = ["原文 / original", f"{name} › {where}" if where else name, page_span(evidence_pages(evidence, 10_000))]
    return SEPARATOR.join(b for b in bits if b)


def mime_type(path: Path | str) -> str:
    """The download's MIME type from the file's suffix (PDF, DOCX, TXT, HTML …)."""
    suffix = Path(path).suffix.lower()
    known = {
        ".pdf": "application/pdf",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".txt": "text/plain",
        ".html": "text/html",
        ".htm": "text/html",
    }
    return known.get(suffix) or mimetypes.guess_type(str(path))[0] or "application/octet-stream"


# ----------------------------------------------------------------------------- implementation map
LEVEL_ORDER = {"national": 0, "provincial": 1, "city": 2, "county": 3}


def map_candidates(docs: Iterable[Any], names: Mapping[str, str]) -> list[str]:
    """Documents a map can start from: every level above county, national first, by display name."""
    out = [d for d in docs if LEVEL_ORDER.get(field(d, "level", ""), 9) < 3]
    out.sort(key=lambda d: (LEVEL_ORDER.get(field(d, "level", ""), 9), names.get(field(d, "doc_id"), "")))
    return [field(d, "doc_id") for d in out]


def column_labels(columns: Iterable[Any]) -> list[str]:
    """Short, unique matrix column names: the region, with a short title when a region has two plans."""
    columns = list(columns)
    regions = [field(c, "region", "") or "?" for c in columns]
    labels = []
    for c, region in zip(columns, regions):
        label = region
        if regions.count(region) > 1:
            label = f"{region}{SEPARATOR}{short_title(field(c, 'title', '') or field(c, 'doc_id'), region, 16)}"
        while label in labels:
            label += "＊"
        labels.append(label)
    return labels


def map_cell(cell: Any) -> str:
    """A matrix cell: "✓ lead（clause）" and the target comparison, or :data:`GAP`."""
    return cell.summary() if cell is not None else GAP


def map_rows(imap: Any, sort: str = "document") -> tuple[list[str], list[dict[str, Any]]]:
    """The implementation map as a table: (column names, rows).

    Columns: clause, measure, its lead and targets, how many lower-level documents take it up and how
    many do not (numbers, so the table sorts by them), then one column per lower-level document
    (:func:`column_labels`) holding :func:`map_cell`.

    Args:
        imap: a ``search.implmap.ImplementationMap``.
        sort: a key of :data:`MAP_SORTS`.

    Raises:
        ValueError: an unknown sort key (the message lists the valid ones).
    """
    if sort not in MAP_SORTS:
        raise ValueError(f"unknown sort {sort!r}; valid sorts: {', '.join(MAP_SORTS)}")
    columns = list(imap.columns)
    labels = column_labels(columns)
    rows = []
    for order, row in enumerate(imap.rows):
        m = row.measure
        cells = [row.cells.get(c.doc_id) for c in columns]
        done = sum(1 for c in cells if c is not None)
        out: dict[str, Any] = {
            "条款 clause": m.path,
            "措施 measure": m.heading or m.text[:40],
            "牵头 lead": "、".join(m.lead),
            "目标 targets": "；".join(f"{t.indicator or t.indicator_raw} {t.comparator}{t.value}" for t in m.targets),
            TAKEN_UP: done,
            GAPS: len(columns) - done,
        }
        for label, cell in zip(labels, cells):
            out[label] = map_cell(cell)
        rows.append((order, out))
    if sort == "gaps":
        rows.sort(key=lambda r: (-r[1][GAPS], r[0]))
    elif sort == "taken_up":
        rows.sort(key=lambda r: (-r[1][TAKEN_UP], r[0]))
    return [*MAP_LEAD_COLUMNS, *labels], [r for _, r in rows]


def map_columns(imap: Any, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """The lower-level documents of a map, one row each: column name, document, level, why it is on
    the map, measures it takes up."""
    from ui.names import level_name

    return [
        {
            "列 column": label,
            "文件 document": names.get(c.doc_id) or display_name(c),
            "层级 level": level_name(c.level),
            "依据 via": VIA_LABELS.get(c.via, c.via),
            "落实措施 measures taken up": f"{c.matched} / {len(imap.rows)}",
        }
        for label, c in zip(column_labels(imap.columns), imap.columns)
    ]


def map_file_bytes(imap: Any, kind: str) -> bytes:
    """The map as the CLI writes it (``policykg map --csv / --xlsx``): CSV (UTF-8 with BOM) or Excel bytes.

    Raises:
        ValueError: ``kind`` is neither ``csv`` nor ``xlsx``.
    """
    if kind not in ("csv", "xlsx"):
        raise ValueError(f"unknown file kind {kind!r}; valid kinds: csv, xlsx")
    with tempfile.TemporaryDirectory(prefix="policykg-map-") as tmp:
        path = Path(tmp) / f"map.{kind}"
        (imap.write_csv if kind == "csv" else imap.write_xlsx)(path)
        return path.read_bytes()


def map_file_name(doc: Any, kind: str) -> str:
    """A download name: "implementation-map-<short title>.<kind>" (no path characters)."""
    title = short_title(field(doc, "title", "") or field(doc, "doc_id", ""), field(doc, "region", ""), 24)
    safe = re.sub(r"[\\/:*?\"<>|\s]+", "_", title).strip("_") or "map"
    return f"implementation-map-{safe}.{kind}"


# ----------------------------------------------------------------------------- diff
def _title_year(title: str) -> int:
    m = _TITLE_YEAR_RE.search(title or "")
    return int(m.group(1)) if m else 0


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def diff_options(
    docs: Iterable[Any], versions: Mapping[str, list[Any]], names: Mapping[str, str]
) -> tuple[list[str], dict[str, str]]:
    """What the diff pickers offer: every document, each followed by its kept earlier versions.

    Returns:
        (ids in picker order, id -> label); a version reads "<display name> · 第1版 v1（2024-05-01 被替代）".
    """
    ids: list[str] = []
    labels: dict[str, str] = {}
    for doc_id in sorted((field(d, "doc_id") for d in docs), key=lambda i: names.get(i, i)):
        ids.append(doc_id)
        labels[doc_id] = names.get(doc_id, doc_id)
        for v in versions.get(doc_id, []):
            when = (field(v, "superseded_at", "") or "")[:10]
            note = f"（{when} 被替代 / superseded）" if when else "（早先版本 / earlier version）"
            ids.append(v.version_id)
            labels[v.version_id] = f"{labels[doc_id]}{SEPARATOR}第{v.version}版 v{v.version}{note}"
    return ids, labels


def default_diff_pair(docs: Iterable[Any], versions: Mapping[str, list[Any]]) -> tuple[str, str] | None:
    """The pair the diff page opens with: a document's latest kept version and the document, else the
    two plans of one region whose titles are most alike, earlier first (date, then a year in the title)."""
    docs = list(docs)
    for d in sorted(docs, key=lambda d: field(d, "doc_id")):
        kept = versions.get(field(d, "doc_id"), [])
        if kept:
            return kept[-1].version_id, field(d, "doc_id")
    best: tuple[float, str, str] | None = None
    by_region: dict[str, list[Any]] = {}
    for d in docs:
        if field(d, "region", ""):
            by_region.setdefault(field(d, "region"), []).append(d)
    for group in by_region.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                x, y = _bigrams(field(a, "title", "")), _bigrams(field(b, "title", ""))
                score = len(x & y) / len(x | y) if x | y else 0.0
                first, second = sorted(
                    (a, b), key=lambda d: (field(d, "date", "") or "", _title_year(field(d, "title", "")), field(d, "doc_id"))
                )
                key = (score, field(first, "doc_id"), field(second, "doc_id"))
                if best is None or key[0] > best[0]:
                    best = key
    if best is not None:
        return best[1], best[2]
    ids = sorted(field(d, "doc_id") for d in docs)
    return (ids[0], ids[1]) if len(ids) >= 2 else None


def _measure_label(m: Any, chars: int = 40) -> str:
    return f"{m.path} {m.heading or m.text[:chars]}".strip()


def _targets_text(targets: Iterable[Any]) -> str:
    return "；".join(f"{t.indicator or t.indicator_raw} {t.comparator}{t.value}" for t in targets)


def measure_rows(measures: Iterable[Any]) -> list[dict[str, Any]]:
    """Measures added or dropped: clause, measure, lead, targets."""
    return [
        {
            "条款 clause": m.path,
            "措施 measure": m.heading or m.text[:60],
            "牵头 lead": "、".join(m.lead) or "未指明 / not stated",
            "目标 targets": _targets_text(m.targets),
        }
        for m in measures
    ]


def change_words(c: Any) -> str:
    """What changed in a carried-over measure, in words ("文字 text；牵头 lead；目标 target"); "未变" when nothing."""
    bits = []
    if c.text_changed:
        bits.append("文字 text")
    if c.lead_changed:
        bits.append("牵头 lead")
    if c.targets_changed or c.targets_added or c.targets_dropped:
        bits.append("目标 targets")
    return "；".join(bits) or "未变 unchanged"


def carried_rows(carried: Iterable[Any]) -> list[dict[str, Any]]:
    """Measures in both plans: before → after, similarity, what changed."""
    return [
        {
            "之前 before": _measure_label(c.a),
            "之后 after": _measure_label(c.b),
            "相似度 similarity": round(float(c.similarity), 2),
            "变化 what changed": change_words(c),
        }
        for c in carried
    ]


def lead_rows(diff: Any) -> list[dict[str, Any]]:
    """Carried-over measures whose lead agency changed: before → after (renamed agencies are no change)."""
    return [
        {
            "措施 measure": _measure_label(c.b),
            "之前牵头 lead before": "、".join(c.a.lead),
            "之后牵头 lead after": "、".join(c.b.lead),
        }
        for c in diff.lead_changed
    ]


def target_rows(diff: Any) -> list[dict[str, Any]]:
    """Every target change of the carried-over measures: indicator, old → new value (with the years when
    they differ), new and dropped targets."""
    rows = []
    for c in diff.carried_over:
        where = _measure_label(c.b)
        for t in c.targets_changed:
            old, new = t.describe().split(" → ", 1)
            rows.append({"措施 measure": where, "指标 indicator": t.indicator, "之前 old": old, "之后 new": new,
                         "变化 change": "数值 value" if t.value_changed else "仅年份 year only"})
        for t in c.targets_added:
            rows.append({"措施 measure": where, "指标 indicator": t.indicator or t.indicator_raw, "之前 old": "",
                         "之后 new": f"{t.comparator}{t.value}", "变化 change": "新目标 new target"})
        for t in c.targets_dropped:
            rows.append({"措施 measure": where, "指标 indicator": t.indicator or t.indicator_raw,
                         "之前 old": f"{t.comparator}{t.value}", "之后 new": "", "变化 change": "取消 dropped"})
    return rows


def renamed_rows(diff: Any) -> list[dict[str, Any]]:
    """Institutional reforms that renamed agencies between the two plans."""
    return [
        {"原名 old name": s.predecessor, "新名 new name": s.successor, "年份 year": str(s.year) if s.year else ""}
        for s in diff.renamed_agencies
    ]


def diff_summary_html(diff: Any) -> str:
    """One line of counts (added, dropped, carried over, changed, lead / target changed, renamed)."""
    s = diff.summary()
    items = [
        ("新增 added", s["added"]),
        ("删除 dropped", s["dropped"]),
        ("延续 carried over", s["carried_over"]),
        ("其中有变化 changed", s["changed"]),
        ("牵头变化 lead changed", s["lead_changed"]),
        ("目标变化 target changed", s["target_changed"]),
        ("机构更名 renamed", s["renamed_agencies"]),
    ]
    cells = "".join(f"<td><b>{esc(n)}</b><br><small>{esc(label)}</small></td>" for label, n in items)
    return f'<div class="pkg-box pkg-diff-summary"><table><tr>{cells}</tr></table></div>'


__all__ = [
    "GAP",
    "MAP_SORTS",
    "carried_rows",
    "change_words",
    "column_labels",
    "default_diff_pair",
    "diff_options",
    "diff_summary_html",
    "evidence_pages",
    "lead_rows",
    "map_candidates",
    "map_cell",
    "map_columns",
    "map_file_bytes",
    "map_file_name",
    "map_rows",
    "measure_rows",
    "mime_type",
    "original_label",
    "page_span",
    "renamed_rows",
    "target_rows",
]
