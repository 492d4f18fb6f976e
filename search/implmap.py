"""Implementation map: which lower-level plans take up each measure of a higher-level document.

For a higher-level document (national → provincial → city) the map has one row per measure of it
and one column per lower-level document that implements it: documents that cite it (lineage,
``IMPLEMENTS_DOCUMENT``, followed down: a city plan implementing a provincial plan implementing a
national one is shown too) and documents of lower levels within its region whose measures clearly
echo its measures (similarity). A cell is the lower document's best matching measure with its lead
agency and its targets beside the higher document's (tightened / same / looser), or a gap.

Similarity is the cosine of IDF-weighted character-bigram vectors (bodies without responsibility
annotations, plus headings; the IDF over every measure considered). It is lexical on purpose: the
offline e5 model puts unrelated plans of this genre at cosine 0.91-0.93 and echoes at 0.94-0.98,
too narrow a band to threshold, while the bigram cosine separates them (unrelated plans ≤ 0.11 on
the measures of 关于严格能效约束推动重点领域节能降碳的若干意见, echoes 0.2-0.8). Thresholds: a
document joins by similarity alone when at least :data:`MIN_DOC_SHARE` of the rows (and
:data:`MIN_DOC_MATCHES`) have a measure :data:`DOC_MATCH` similar in it; within a document on the map a
cell is filled from :data:`MATCH` (lower: provinces split and reword the national measures, "稳妥推进改造
升级" becomes "制定技术改造实施方案" + "限期分批实施改造升级"; set on a first sample of 30 cells, measured
on a second, see README "Implementation map").
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.common import STUB_PREFIX
from ingest.errors import NotFoundError
from ingest.records import Clause, Document, ParsedDocument, Responsibility, Target
from search.diff import Measure, _body, lead_agencies, measures
from search.readmodel import bigrams

if TYPE_CHECKING:
    from graph.store import GraphStore

#: a lower-level measure at least this similar to a row's measure fills the cell (of a document on the map)
MATCH = 0.12
#: a document joins the map by similarity alone when this share of the rows have a measure at least
#: DOC_MATCH similar in it …
DOC_MATCH = 0.25
MIN_DOC_SHARE = 0.25
#: … and at least this many rows
MIN_DOC_MATCHES = 2
#: document levels from the top
LEVEL_RANK = {"national": 0, "provincial": 1, "city": 2, "county": 3}
# Section headings every plan of the genre has, with nothing to implement ("指导思想", "基本原则"):
# not rows of the map (主要目标 stays: its targets are compared).
BOILERPLATE_HEADING_RE = re.compile(r"^(?:指导思想|基本原则|工作原则|总体思路|总体要求|适用范围|编制依据|重要意义|面临形势|发展形势|总体形势)$")
# Target verbs that set a ceiling: a lower value is the stricter target (PUE 降至1.3, 能耗控制在…).
CEILING_COMPARATORS = frozenset({"降低到", "降低至", "下降到", "下降至", "控制在", "不超过", "不高于", "降至", "降到"})
# Verbs that keep a level, whose direction depends on the indicator (优良天数比例 vs PUE): only equal
# values compare.
LEVEL_COMPARATORS = frozenset({"保持在", "稳定在"})
CEILING_QUALIFIERS = frozenset({"以下", "以内"})

Verdict = str  # "tightened" | "same" | "looser" | "not comparable"
VERDICT_LABELS = {"tightened": "更严 / tightened", "same": "相同 / same", "looser": "更宽 / looser",
                  "not comparable": "不可比 / not comparable"}


# ----------------------------------------------------------------------------- records
@dataclass(frozen=True)
class TargetComparison:
    """One indicator's target in the higher document beside the lower document's."""

    indicator: str
    higher: Target
    lower: Target
    verdict: Verdict

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "higher": self.higher.value,
            "lower": self.lower.value,
            "higher_year": self.higher.target_year,
            "lower_year": self.lower.target_year,
            "comparator": self.lower.comparator or self.higher.comparator,
            "verdict": self.verdict,
        }

    def describe(self) -> str:
        return f"{self.indicator} {self.higher.comparator}{self.higher.value} → {self.lower.comparator}{self.lower.value}（{VERDICT_LABELS[self.verdict]}）"


@dataclass(frozen=True)
class MapColumn:
    """A lower-level document on the map."""

    doc_id: str
    title: str
    region: str
    level: str
    lineage: bool  # it cites the higher document (directly or through a document that does)
    matched: int = 0  # rows with a cell

    @property
    def via(self) -> str:
        return "lineage+similarity" if self.lineage and self.matched else ("lineage" if self.lineage else "similarity")

    @property
    def label(self) -> str:
        return f"{self.region or '?'} · {self.title or self.doc_id}"

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "title": self.title, "region": self.region, "level": self.level,
                "lineage": self.lineage, "via": self.via, "matched": self.matched}


@dataclass(frozen=True)
class MapCell:
    """The lower document's measure matching a row."""

    clause_id: str
    path: str
    heading: str
    text: str
    similarity: float
    lead: tuple[str, ...] = ()
    lead_from: str = ""  # "own" | "sub-items" | "parent" | "" (none named)
    targets: tuple[TargetComparison, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "clause_id": self.clause_id,
            "clause_no": self.path,
            "heading": self.heading,
            "similarity": round(self.similarity, 3),
            "lead": list(self.lead),
            "lead_from": self.lead_from,
            "targets": [t.to_dict() for t in self.targets],
        }

    def summary(self) -> str:
        """"✓ 重庆市发展改革委 (二（三）)" plus target verdicts: the matrix cell as text."""
        lead = "、".join(self.lead) or "未指明牵头 / no lead named"
        out = f"✓ {lead}（{self.path}）"
        if self.targets:
            out += "；" + "；".join(t.describe() for t in self.targets)
        return out


@dataclass(frozen=True)
class MapRow:
    """A measure of the higher document and its cells, by column doc_id (None: a gap)."""

    measure: Measure
    cells: dict[str, MapCell | None] = field(default_factory=dict)

    def gaps(self, columns: list[MapColumn]) -> list[MapColumn]:
        return [c for c in columns if self.cells.get(c.doc_id) is None]


@dataclass(frozen=True)
class ImplementationMap:
    """Rows (measures of ``document``) × columns (lower-level documents)."""

    document: Document
    columns: tuple[MapColumn, ...] = ()
    rows: tuple[MapRow, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = self.document
        return {
            "document": {"doc_id": d.doc_id, "title": d.title, "region": d.region, "level": d.level,
                         "doc_number": d.doc_number},
            "columns": [c.to_dict() for c in self.columns],
            "rows": [
                {
                    **row.measure.to_dict(),
                    "cells": {c.doc_id: (cell.to_dict() if (cell := row.cells.get(c.doc_id)) else None) for c in self.columns},
                    "gaps": [{"doc_id": c.doc_id, "region": c.region} for c in row.gaps(list(self.columns))],
                }
                for row in self.rows
            ],
        }

    def table(self) -> tuple[list[str], list[list[str]]]:
        """The matrix as text: a header and one row per measure (for CSV, Excel and terminals)."""
        header = ["条款 / clause", "措施 / measure", "牵头 / lead", "目标 / targets"] + [c.label for c in self.columns]
        body = []
        for row in self.rows:
            m = row.measure
            targets = "；".join(f"{t.indicator or t.indicator_raw} {t.comparator}{t.value}" for t in m.targets)
            cells = [(cell.summary() if (cell := row.cells.get(c.doc_id)) else "—") for c in self.columns]
            body.append([m.path, m.heading or m.text[:40], "、".join(m.lead), targets, *cells])
        return header, body

    def write_csv(self, path: Path | str) -> Path:
        """The matrix as UTF-8 CSV (with BOM, so Excel reads the Chinese text)."""
        path = Path(path)
        header, body = self.table()
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(body)
        return path

    def write_xlsx(self, path: Path | str) -> Path:
        """The matrix as an Excel workbook (openpyxl): sheet 实施图 with gaps shaded, sheet 文件 with the columns."""
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        path = Path(path)
        header, body = self.table()
        wb = Workbook()
        ws = wb.active
        ws.title = "实施图 map"
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        gap = PatternFill("solid", fgColor="F8D7DA")
        done = PatternFill("solid", fgColor="D4EDDA")
        for values in body:
            ws.append(values)
            for cell in ws[ws.max_row][4:]:
                cell.fill = gap if cell.value == "—" else done
            for cell in ws[ws.max_row]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for i, width in enumerate([10, 28, 20, 24] + [30] * len(self.columns), start=1):
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
        ws.freeze_panes = "E2"
        docs = wb.create_sheet("文件 documents")
        docs.append(["doc_id", "title", "region", "level", "via", "matched"])
        for c in self.columns:
            docs.append([c.doc_id, c.title, c.region, c.level, c.via, c.matched])
        wb.save(path)
        return path

    def format_text(self, max_columns: int = 8) -> str:
        """A readable summary for terminals: per column the matched rows, per row the gaps."""
        d = self.document
        lines = [f"《{d.title or d.doc_id}》（{d.region}）: {len(self.rows)} 项措施 measures × {len(self.columns)} 份下级文件 documents"]
        for c in self.columns:
            lines.append(f"  [{c.via}] {c.label}: {c.matched}/{len(self.rows)}")
        for row in self.rows:
            m = row.measure
            lines.append(f"{m.path} {m.heading or m.text[:30]}")
            for c in self.columns[:max_columns]:
                cell = row.cells.get(c.doc_id)
                lines.append(f"    {c.region or c.doc_id}: {cell.summary() if cell else '— 缺 / gap'}")
        return "\n".join(lines)


# ----------------------------------------------------------------------------- targets
def _direction(t: Target) -> int | None:
    """+1 when a higher number is the stricter target, -1 when a lower one is, None when unknown."""
    if t.comparator in LEVEL_COMPARATORS:
        return None
    if t.comparator in CEILING_COMPARATORS or t.qualifier in CEILING_QUALIFIERS:
        return -1
    return 1


def compare_target(higher: Target, lower: Target) -> Verdict:
    """How the lower document's target compares with the higher document's (same indicator)."""
    if higher.unit != lower.unit:
        return "not comparable"
    if higher.number == lower.number:
        return "same"
    direction = _direction(higher)
    if direction is None or direction != _direction(lower):
        return "not comparable"
    return "tightened" if (lower.number - higher.number) * direction > 0 else "looser"


def compare_targets(higher: tuple[Target, ...], lower: tuple[Target, ...]) -> tuple[TargetComparison, ...]:
    """The lower targets of the indicators the higher measure sets, each beside one higher target.

    One-to-one, per indicator: a lower target with the same value is taken first, then one with the
    same qualifier (基本目标 beside 基本目标), then the next in order; a higher target left without a
    partner (national PUE 1.5 for existing data centres when the province sets only 1.3 for new ones)
    is not compared.
    """
    out = []
    used: set[int] = set()
    for h in higher:
        ind = h.indicator or h.indicator_raw
        same = [(i, t) for i, t in enumerate(lower) if i not in used and (t.indicator or t.indicator_raw) == ind]
        if not same:
            continue
        i, lo = next(
            (x for x in same if x[1].number == h.number and x[1].unit == h.unit),
            next((x for x in same if x[1].qualifier == h.qualifier), same[0]),
        )
        used.add(i)
        out.append(TargetComparison(ind, h, lo, compare_target(h, lo)))
    return tuple(out)


# ----------------------------------------------------------------------------- similarity
class _Vectors:
    """IDF-weighted bigram vectors of measures (body without annotations, plus heading), unit length."""

    def __init__(self, all_measures: list[Measure]):
        grams = {m.clause_id: bigrams(_body(m.text)) | bigrams(m.heading) for m in all_measures}
        df: Counter[str] = Counter()
        for g in grams.values():
            df.update(g)
        n = max(1, len(all_measures))
        idf = {g: math.log(1 + n / k) for g, k in df.items()}
        self.vec: dict[str, dict[str, float]] = {}
        for cid, g in grams.items():
            norm = math.sqrt(sum(idf[x] ** 2 for x in g)) or 1.0
            self.vec[cid] = {x: idf[x] / norm for x in g}
        # inverted index: bigram -> [(clause_id, weight)]
        self.postings: dict[str, list[tuple[str, float]]] = {}
        for cid, v in self.vec.items():
            for x, w in v.items():
                self.postings.setdefault(x, []).append((cid, w))

    def scores(self, clause_id: str, candidates: set[str]) -> dict[str, float]:
        """Cosine of one measure with every candidate measure sharing a bigram with it."""
        acc: dict[str, float] = {}
        for x, w in self.vec.get(clause_id, {}).items():
            for cid, w2 in self.postings.get(x, ()):
                if cid in candidates:
                    acc[cid] = acc.get(cid, 0.0) + w * w2
        return acc


# ----------------------------------------------------------------------------- building the map
def _is_row(m: Measure) -> bool:
    return not BOILERPLATE_HEADING_RE.match(m.heading or "")


def _lead_with_parent(clauses: dict[str, Clause], leads: dict[str, tuple[str, ...]],
                      own: set[str], clause_id: str) -> tuple[tuple[str, ...], str]:
    """The clause's lead (own, else its sub-items', else the nearest ancestor's) and where it came from."""
    got = leads.get(clause_id, ())
    if got:
        return got, "own" if clause_id in own else "sub-items"
    parent = clauses[clause_id].parent_id if clause_id in clauses else None
    while parent:
        if leads.get(parent) and parent in own:
            return leads[parent], "parent"
        parent = clauses[parent].parent_id if parent in clauses else None
    return (), ""


def _region_names(store: GraphStore, region: str) -> set[str] | None:
    """The region and every region within it (None: everywhere, for a national document)."""
    if not region or region == "全国":
        return None
    return {d.region for d in store.documents(region=region)} | {region}


def build_map(store: GraphStore, doc_id: str, *, match: float = MATCH) -> ImplementationMap:
    """The implementation map of one stored document.

    Args:
        store: a ``GraphStore``.
        doc_id: the higher-level document.
        match: the similarity a lower measure needs to fill a cell (default :data:`MATCH`).

    Returns:
        The :class:`ImplementationMap`: columns are the lower documents that cite it (lineage, followed
        down) and those of lower levels within its region that echo enough of its measures; columns
        are sorted by level, region and id; rows are its measures in document order.

    Raises:
        NotFoundError: the document is not stored.
    """
    doc = store.document(doc_id)
    if doc is None:
        raise NotFoundError(f"文件不存在 / document not found: {doc_id}")
    top = LEVEL_RANK.get(doc.level)
    lineage = {d.doc_id for d in store.lineage(doc_id, "down") if not d.doc_id.startswith(STUB_PREFIX)}
    regions = _region_names(store, doc.region)
    candidates: dict[str, Document] = {}
    for d in store.documents():
        if d.doc_id == doc_id:
            continue
        below = top is not None and LEVEL_RANK.get(d.level, -1) > top and (regions is None or d.region in regions)
        if d.doc_id in lineage or below:
            candidates[d.doc_id] = d

    wanted = {doc_id, *candidates}
    clauses = [c for c in store.clauses() if c.doc_id in wanted]
    doc_of = {c.clause_id: c.doc_id for c in clauses}
    # (a division named to contact leads no measure)
    lead_roles = [
        ar.responsibility for ar in store.agencies_for(role="lead")
        if ar.responsibility.clause_id in doc_of and ar.responsibility.source != "contact"
    ]
    by_doc: dict[str, list[Clause]] = {}
    for c in clauses:
        by_doc.setdefault(c.doc_id, []).append(c)
    resp: dict[str, list[Responsibility]] = {}
    for r in lead_roles:
        resp.setdefault(doc_of[r.clause_id], []).append(r)
    tgt: dict[str, list[Target]] = {}
    for t in store.targets():
        if t.clause_id in doc_of:
            tgt.setdefault(doc_of[t.clause_id], []).append(t)

    def parsed(d_id: str, d: Document) -> ParsedDocument:
        return ParsedDocument(d, tuple(by_doc.get(d_id, ())), responsibilities=tuple(resp.get(d_id, ())),
                              targets=tuple(tgt.get(d_id, ())))

    top_parsed = parsed(doc_id, doc)
    rows = [m for m in measures(top_parsed) if _is_row(m)]
    lower: dict[str, list[Measure]] = {}
    leads: dict[str, tuple[str, ...]] = {}
    own_lead: set[str] = {r.clause_id for r in lead_roles}
    clause_by_id = {c.clause_id: c for c in clauses}
    for d_id, d in candidates.items():
        p = parsed(d_id, d)
        lower[d_id] = measures(p)
        leads.update(lead_agencies(p))
    vectors = _Vectors(rows + [m for ms in lower.values() for m in ms])
    owner = {m.clause_id: d_id for d_id, ms in lower.items() for m in ms}
    measure_of = {m.clause_id: m for ms in lower.values() for m in ms}
    everything = set(owner)

    best: dict[tuple[int, str], tuple[float, str]] = {}  # (row, doc) -> (score, clause_id)
    for i, m in enumerate(rows):
        for cid, s in vectors.scores(m.clause_id, everything).items():
            key = (i, owner[cid])
            if s >= match and (key not in best or (s, cid) > best[key]):
                best[key] = (s, cid)
    echoes: Counter[str] = Counter(d_id for (_, d_id), (s, _) in best.items() if s >= DOC_MATCH)
    matched: Counter[str] = Counter(d_id for (_, d_id) in best)
    keep = [
        d_id
        for d_id in candidates
        if d_id in lineage or (echoes[d_id] >= MIN_DOC_MATCHES and echoes[d_id] >= MIN_DOC_SHARE * len(rows))
    ]
    columns = sorted(
        (MapColumn(d_id, candidates[d_id].title, candidates[d_id].region, candidates[d_id].level, d_id in lineage,
                   matched[d_id]) for d_id in keep),
        key=lambda c: (LEVEL_RANK.get(c.level, 9), c.region, c.doc_id),
    )
    out_rows = []
    for i, m in enumerate(rows):
        cells: dict[str, MapCell | None] = {}
        for col in columns:
            hit = best.get((i, col.doc_id))
            if hit is None:
                cells[col.doc_id] = None
                continue
            score, cid = hit
            lm = measure_of[cid]
            lead, lead_from = _lead_with_parent(clause_by_id, leads, own_lead, cid)
            cells[col.doc_id] = MapCell(cid, lm.path, lm.heading, lm.text, score, lead, lead_from,
                                        compare_targets(m.targets, lm.targets))
        out_rows.append(MapRow(m, cells))
    return ImplementationMap(doc, tuple(columns), tuple(out_rows))


__all__ = [
    "ImplementationMap",
    "MapCell",
    "MapColumn",
    "MapRow",
    "TargetComparison",
    "build_map",
    "compare_target",
    "compare_targets",
]
