"""What changed between two plans: measures added, dropped and carried over, lead agencies and targets.

Works for a region's successive plans (江苏 2021 → 2022 work plans) and for the versions of one
document (a revised file ingested under the same name keeps the earlier one as ``<doc_id>@v<n>``,
see ``GraphStore.archive_document``): ``diff_documents(store, "doc@v1", "doc")``.

How measures are matched (pure functions, deterministic):

- A *measure* is a numbered unit with content: a clause, item, sub-item or task-table row, or a
  section with text of its own beyond its heading (preamble and closing are not measures).
- Similarity of two measures is the IDF-weighted Jaccard overlap of their character bigrams, body
  (annotations removed) and heading blended :data:`BODY_WEIGHT` / :data:`HEADING_WEIGHT`; the IDF is
  taken over the measures of both documents, so the words every measure of a carbon plan shares
  (碳达峰, 推进, 开展) count little and the subject (公共机构, 国际合作, 温室气体监测) counts.
- Pairs are taken best first, one-to-one. A pair is *carried over* when its similarity is at least
  :data:`STRONG`, or at least :data:`WEAK` and either both measures have the same number (三（二） in a
  revised file) or the pair is clearly better than each side's next candidate (:data:`MARGIN` times).
  Thresholds were set on the 江苏 2021 → 2022 pair by reading both plans (README, "What changed").
- For a carried-over pair: the lead agencies before and after (institutional reforms, SUCCEEDED_BY,
  are applied to the earlier names first, so 环保厅 → 生态环境厅 is a rename, not a change of lead),
  and the targets paired by indicator (old value → new value).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.common import parsed_from_store, split_version_id
from ingest.errors import NotFoundError
from ingest.records import Agency, Clause, ParsedDocument, Succession, Target
from search.readmodel import bigrams

if TYPE_CHECKING:
    from graph.store import GraphStore

#: blend of body and heading similarity (a measure's heading names its subject)
BODY_WEIGHT = 0.6
HEADING_WEIGHT = 0.4
#: a pair at least this similar is the same measure
STRONG = 0.14
#: a pair at least this similar is the same measure when numbered alike or clearly the best candidate
WEAK = 0.08
#: "clearly the best": this many times the next candidate's similarity, on both sides
MARGIN = 1.75
#: clause kinds that are measures whatever their length; a section is one when it has text of its own
MEASURE_KINDS = frozenset({"clause", "item", "subitem", "task"})
#: a section's own text must exceed its heading by this many characters to be a measure
MIN_SECTION_BODY = 10
# A responsibility annotation in brackets ("（责任部门：气候处，完成期限：8月底）", "（市发展改革委牵头）"):
# removed before comparing texts, or every annotated pair would look alike.
ANNOTATION_RE = re.compile(
    r"[（(〔【［][^（）()〔〕【】［］]{0,160}(?:负责|牵头|配合|责任|完成期限|完成时限|单位|部门)[^（）()〔〕【】［］]{0,160}[）)〕】］]"
)


# ----------------------------------------------------------------------------- records
@dataclass(frozen=True)
class Measure:
    """A measure of one document, as the diff reports it."""

    clause_id: str
    path: str
    heading: str
    text: str
    lead: tuple[str, ...] = ()  # lead agencies (own, else of its sub-items)
    targets: tuple[Target, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "clause_id": self.clause_id,
            "clause_no": self.path,
            "heading": self.heading,
            "text": self.text,
            "lead": list(self.lead),
            "targets": [_target_dict(t) for t in self.targets],
        }


@dataclass(frozen=True)
class TargetChange:
    """A target of one indicator in both versions with a different value or year."""

    indicator: str
    old: Target
    new: Target

    @property
    def value_changed(self) -> bool:
        """The value itself changed (not only its target year: an annual plan rolling a target over)."""
        o, n = self.old, self.new
        return (o.number, o.unit, o.comparator) != (n.number, n.unit, n.comparator)

    def describe(self) -> str:
        """"14.5% → 13.5%", with the years when they differ: "59%（2021年）→ 59%（2022年）"."""

        def show(t: Target) -> str:
            year = f"（{t.target_year}年）" if t.target_year and self.old.target_year != self.new.target_year else ""
            return f"{t.comparator}{t.value}{year}"

        return f"{show(self.old)} → {show(self.new)}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "value_changed": self.value_changed,
            "old": self.old.value,
            "new": self.new.value,
            "old_year": self.old.target_year,
            "new_year": self.new.target_year,
            "old_sentence": self.old.sentence,
            "new_sentence": self.new.sentence,
        }


@dataclass(frozen=True)
class CarriedOver:
    """A measure present in both documents, with what changed in it."""

    a: Measure
    b: Measure
    similarity: float
    text_changed: bool
    lead_changed: bool  # both name a lead and the leads differ (after renames)
    targets_changed: tuple[TargetChange, ...] = ()
    targets_added: tuple[Target, ...] = ()
    targets_dropped: tuple[Target, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text_changed or self.lead_changed or bool(self.targets_changed or self.targets_added or self.targets_dropped)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "similarity": round(self.similarity, 3),
            "text_changed": self.text_changed,
            "lead_before": list(self.a.lead),
            "lead_after": list(self.b.lead),
            "lead_changed": self.lead_changed,
            "targets_changed": [t.to_dict() for t in self.targets_changed],
            "targets_added": [_target_dict(t) for t in self.targets_added],
            "targets_dropped": [_target_dict(t) for t in self.targets_dropped],
        }


@dataclass(frozen=True)
class DocumentDiff:
    """Everything that changed from document ``a`` to document ``b``."""

    a: dict[str, Any]  # {"doc_id", "title", "date", "region", "version"}
    b: dict[str, Any]
    added: tuple[Measure, ...] = ()
    dropped: tuple[Measure, ...] = ()
    carried_over: tuple[CarriedOver, ...] = ()
    renamed_agencies: tuple[Succession, ...] = ()

    @property
    def lead_changed(self) -> list[CarriedOver]:
        return [c for c in self.carried_over if c.lead_changed]

    @property
    def target_changed(self) -> list[CarriedOver]:
        """Carried-over measures with a target whose value changed (a year rolled over alone is not counted)."""
        return [c for c in self.carried_over if any(t.value_changed for t in c.targets_changed)]

    def summary(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "dropped": len(self.dropped),
            "carried_over": len(self.carried_over),
            "changed": sum(1 for c in self.carried_over if c.changed),
            "lead_changed": len(self.lead_changed),
            "target_changed": len(self.target_changed),
            "renamed_agencies": len(self.renamed_agencies),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "summary": self.summary(),
            "added": [m.to_dict() for m in self.added],
            "dropped": [m.to_dict() for m in self.dropped],
            "carried_over": [c.to_dict() for c in self.carried_over],
            "renamed_agencies": [{"old": s.predecessor, "new": s.successor, "year": s.year} for s in self.renamed_agencies],
        }

    def format_text(self, max_chars: int = 40) -> str:
        """A plain-text report for terminals."""

        def label(m: Measure) -> str:
            head = m.heading or m.text[:max_chars]
            return f"{m.path} {head}".strip()

        def lead(m: Measure) -> str:
            return "、".join(m.lead) or "未指明 / not stated"

        s = self.summary()
        lines = [
            f"《{self.a.get('title') or self.a['doc_id']}》 → 《{self.b.get('title') or self.b['doc_id']}》",
            f"新增 added {s['added']} · 删除 dropped {s['dropped']} · 延续 carried over {s['carried_over']} "
            f"(有变化 changed {s['changed']}; 牵头变化 lead changed {s['lead_changed']}; "
            f"目标变化 target changed {s['target_changed']}) · 机构更名 renamed {s['renamed_agencies']}",
        ]
        if self.added:
            lines.append("新增 / added:")
            lines += [f"  + {label(m)}" for m in self.added]
        if self.dropped:
            lines.append("删除 / dropped:")
            lines += [f"  - {label(m)}" for m in self.dropped]
        if self.carried_over:
            lines.append("延续 / carried over:")
        for c in self.carried_over:
            mark = "*" if c.changed else "="
            lines.append(f"  {mark} {label(c.a)} → {label(c.b)}  (相似度 {c.similarity:.2f})")
            if c.lead_changed:
                lines.append(f"      牵头 / lead: {lead(c.a)} → {lead(c.b)}")
            for t in c.targets_changed:
                lines.append(f"      目标 / target {t.indicator}: {t.describe()}")
            for t in c.targets_added:
                lines.append(f"      新目标 / new target {t.indicator or t.indicator_raw}: {t.value}")
            for t in c.targets_dropped:
                lines.append(f"      取消目标 / dropped target {t.indicator or t.indicator_raw}: {t.value}")
        for r in self.renamed_agencies:
            year = f"（{r.year}）" if r.year else ""
            lines.append(f"  机构更名 / renamed: {r.predecessor} → {r.successor}{year}")
        return "\n".join(lines)


def _target_dict(t: Target) -> dict[str, Any]:
    return {
        "indicator": t.indicator or t.indicator_raw,
        "value": t.value,
        "unit": t.unit,
        "comparator": t.comparator,
        "year": t.target_year,
        "qualifier": t.qualifier,
        "region": t.region,
    }


# ----------------------------------------------------------------------------- loading
def load_document(store: GraphStore, ref: str) -> ParsedDocument:
    """A stored document (``doc_id``) or a kept earlier version (``doc_id@v1``) as records.

    Raises:
        NotFoundError: no such document or version (the message lists the document's versions).
    """
    if split_version_id(ref) is not None:
        parsed = store.document_version(ref)
        if parsed is not None:
            return parsed
        doc_id = split_version_id(ref)[0]
        kept = [v.version_id for v in store.document_versions(doc_id)]
        raise NotFoundError(
            f"版本不存在 / no version {ref}; kept versions of {doc_id}: {', '.join(kept) or 'none'}"
        )
    parsed = parsed_from_store(store, ref)
    if parsed is None:
        raise NotFoundError(f"文件不存在 / document not found: {ref}")
    return parsed


def _doc_info(parsed: ParsedDocument) -> dict[str, Any]:
    d = parsed.document
    version = split_version_id(d.doc_id)
    return {
        "doc_id": d.doc_id,
        "title": d.title,
        "date": d.date,
        "region": d.region,
        "version": version[1] if version else None,
    }


# ----------------------------------------------------------------------------- measures
def is_measure(c: Clause) -> bool:
    """A numbered unit with content (see the module docstring)."""
    if c.kind in MEASURE_KINDS:
        return True
    return c.kind == "section" and len(c.text) > len(c.heading) + MIN_SECTION_BODY


def lead_agencies(parsed: ParsedDocument) -> dict[str, tuple[str, ...]]:
    """clause_id -> lead agency names: the clause's own, else those of its sub-units (in order)."""
    own: dict[str, list[str]] = {}
    for r in parsed.responsibilities:
        if r.role == "lead" and r.agency not in own.setdefault(r.clause_id, []):
            own[r.clause_id].append(r.agency)
    children: dict[str, list[str]] = {}
    for c in sorted(parsed.clauses, key=lambda c: c.order):
        if c.parent_id:
            children.setdefault(c.parent_id, []).append(c.clause_id)

    def collect(cid: str) -> list[str]:
        if own.get(cid):
            return own[cid]
        out: list[str] = []
        for child in children.get(cid, []):
            out += [a for a in collect(child) if a not in out]
        return out

    return {c.clause_id: tuple(collect(c.clause_id)) for c in parsed.clauses}


def measures(parsed: ParsedDocument) -> list[Measure]:
    """The document's measures in document order, with their leads and targets."""
    leads = lead_agencies(parsed)
    targets: dict[str, list[Target]] = {}
    for t in parsed.targets:
        targets.setdefault(t.clause_id, []).append(t)
    return [
        Measure(c.clause_id, c.path, c.heading, c.text, leads.get(c.clause_id, ()), tuple(targets.get(c.clause_id, ())))
        for c in sorted(parsed.clauses, key=lambda c: c.order)
        if is_measure(c)
    ]


def _body(text: str) -> str:
    return ANNOTATION_RE.sub("", text)


class _Similarity:
    """IDF-weighted Jaccard similarity over the measures of two documents (see the module docstring)."""

    def __init__(self, a: list[Measure], b: list[Measure]):
        self.body = {m.clause_id: bigrams(_body(m.text)) for m in (*a, *b)}
        self.head = {m.clause_id: bigrams(m.heading) for m in (*a, *b)}
        df: Counter[str] = Counter()
        for m in (*a, *b):
            df.update(self.body[m.clause_id] | self.head[m.clause_id])
        n = max(1, len(a) + len(b))
        self.idf = {g: math.log(1 + n / k) for g, k in df.items()}
        self.unseen = math.log(1 + n)

    def _weighted_jaccard(self, x: set[str], y: set[str]) -> float:
        union = x | y
        if not union:
            return 0.0
        weight = self.idf.get
        return sum(weight(g, self.unseen) for g in x & y) / sum(weight(g, self.unseen) for g in union)

    def __call__(self, a: Measure, b: Measure) -> float:
        body = self._weighted_jaccard(self.body[a.clause_id], self.body[b.clause_id])
        if not (a.heading and b.heading):
            return body
        return BODY_WEIGHT * body + HEADING_WEIGHT * self._weighted_jaccard(self.head[a.clause_id], self.head[b.clause_id])


def match_measures(a: list[Measure], b: list[Measure]) -> list[tuple[Measure, Measure, float]]:
    """One-to-one pairs of measures that are the same measure (rules in the module docstring), in ``b`` order."""
    if not a or not b:
        return []
    sim = _Similarity(a, b)
    scores = {(i, j): sim(x, y) for i, x in enumerate(a) for j, y in enumerate(b)}

    def runner_up(values: list[float]) -> float:
        ranked = sorted(values, reverse=True)
        return ranked[1] if len(ranked) > 1 else 0.0

    row_second = {i: runner_up([scores[i, j] for j in range(len(b))]) for i in range(len(a))}
    col_second = {j: runner_up([scores[i, j] for i in range(len(a))]) for j in range(len(b))}
    pairs: list[tuple[int, int, float]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for (i, j), s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < WEAK:
            break
        if i in used_a or j in used_b:
            continue
        same_number = a[i].path == b[j].path
        clear = s >= MARGIN * row_second[i] and s >= MARGIN * col_second[j]
        if s >= STRONG or same_number or clear:
            pairs.append((i, j, s))
            used_a.add(i)
            used_b.add(j)
    return [(a[i], b[j], s) for i, j, s in sorted(pairs, key=lambda p: p[1])]


# ----------------------------------------------------------------------------- comparison
def _successor_map(successions: list[Succession]) -> dict[str, str]:
    """predecessor -> its latest successor (chains followed, cycles cut)."""
    direct = {s.predecessor: s.successor for s in successions}
    out: dict[str, str] = {}
    for start in direct:
        cur, seen = start, {start}
        while cur in direct and direct[cur] not in seen:
            cur = direct[cur]
            seen.add(cur)
        out[start] = cur
    return out


def _canonical(names: tuple[str, ...], agencies: dict[str, Agency], renames: dict[str, str]) -> frozenset[str]:
    out = set()
    for name in names:
        name = renames.get(name, name)
        agency = agencies.get(name)
        out.add(agency.canonical if agency is not None and agency.canonical else name)
    return frozenset(out)


def _indicator(t: Target) -> str:
    return t.indicator or t.indicator_raw


def compare_targets(old: tuple[Target, ...], new: tuple[Target, ...]) -> tuple[list[TargetChange], list[Target], list[Target]]:
    """Targets paired by indicator (in order of appearance): (changed, added, dropped)."""
    changed: list[TargetChange] = []
    remaining = list(new)
    dropped: list[Target] = []
    for t in old:
        same = [n for n in remaining if _indicator(n) == _indicator(t)]
        if not same:
            dropped.append(t)
            continue
        # the same qualifier (基本目标 / 激励目标) first, then the first one
        n = next((x for x in same if x.qualifier == t.qualifier), same[0])
        remaining.remove(n)
        if (n.number, n.unit, n.target_year, n.comparator) != (t.number, t.unit, t.target_year, t.comparator):
            changed.append(TargetChange(_indicator(t), t, n))
    return changed, remaining, dropped


def diff_parsed(a: ParsedDocument, b: ParsedDocument, successions: list[Succession] = ()) -> DocumentDiff:
    """The diff of two documents given as records (see :func:`diff_documents`)."""
    ma, mb = measures(a), measures(b)
    pairs = match_measures(ma, mb)
    matched_a = {x.clause_id for x, _, _ in pairs}
    matched_b = {y.clause_id for _, y, _ in pairs}
    all_successions = {(s.predecessor, s.successor): s for s in (*successions, *a.successions, *b.successions)}
    renames = _successor_map(list(all_successions.values()))
    agencies = {x.name: x for x in (*a.agencies, *b.agencies)}
    carried: list[CarriedOver] = []
    for x, y, s in pairs:
        before = _canonical(x.lead, agencies, renames)
        after = _canonical(y.lead, agencies, renames)
        changed, added, dropped = compare_targets(x.targets, y.targets)
        carried.append(
            CarriedOver(
                a=x,
                b=y,
                similarity=s,
                text_changed=_body(x.text) != _body(y.text) or x.heading != y.heading,
                lead_changed=bool(before and after and before != after),
                targets_changed=tuple(changed),
                targets_added=tuple(added),
                targets_dropped=tuple(dropped),
            )
        )
    names_a = {n for n in (*(r.agency for r in a.responsibilities), *(x.name for x in a.agencies))}
    names_b = {n for n in (*(r.agency for r in b.responsibilities), *(x.name for x in b.agencies))}
    renamed = sorted(
        (s for s in all_successions.values() if s.predecessor in names_a and (s.successor in names_b or renames.get(s.predecessor) in names_b)),
        key=lambda s: (s.predecessor, s.successor),
    )
    return DocumentDiff(
        a=_doc_info(a),
        b=_doc_info(b),
        added=tuple(m for m in mb if m.clause_id not in matched_b),
        dropped=tuple(m for m in ma if m.clause_id not in matched_a),
        carried_over=tuple(carried),
        renamed_agencies=tuple(renamed),
    )


def diff_documents(store: GraphStore, a: str, b: str) -> DocumentDiff:
    """What changed from document ``a`` to document ``b`` (ids; ``doc_id@v<n>`` for a kept version).

    Args:
        store: a ``GraphStore``.
        a: the earlier document (or version) id.
        b: the later one.

    Returns:
        The :class:`DocumentDiff`: measures added, dropped and carried over (with lead and target
        changes), and the institutional reforms that renamed agencies between them.

    Raises:
        NotFoundError: an id names no stored document or kept version.
    """
    return diff_parsed(load_document(store, a), load_document(store, b), store.successions())


__all__ = [
    "CarriedOver",
    "DocumentDiff",
    "Measure",
    "TargetChange",
    "diff_documents",
    "diff_parsed",
    "lead_agencies",
    "load_document",
    "match_measures",
    "measures",
]
