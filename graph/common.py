"""Store-independent parts of the graph layer: schema names, record <-> property conversion,
write-row preparation, sort keys and result assembly.

Both stores (networkx and Neo4j) turn a :class:`ParsedDocument` into the *same* rows with
:func:`prepare_document`, fetch raw property maps, and build records / sort / assemble with the
functions here, so their answers are equal by construction.

Property conventions (so records round-trip exactly through Neo4j):
- tuples are stored as lists (``Clause.sentences``, ``Clause.topics``, ``Clause.regions``) and
  turned back into tuples on read;
- ``None`` is never stored (Neo4j cannot hold null properties): the key is left out and read back
  as ``None`` (``Clause.parent_id``, ``Target.base_year``, ``Region.parent`` …);
- ``Document.cites`` is stored as a JSON string ``cites``: ``[{"title": …, "doc_number": …}, …]``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from ingest.errors import GraphStoreError
from ingest.records import (
    ROLES,
    Agency,
    Citation,
    Clause,
    Document,
    ParsedDocument,
    Region,
    Responsibility,
    Succession,
    Target,
    Topic,
)
from graph.store import AgencyRole, DocumentVersion, GraphDump, Subgraph, SubgraphEdge, SubgraphNode

# --- schema names ----------------------------------------------------------------------------

#: label -> key property (unique per label)
NODE_KEYS: dict[str, str] = {
    "Document": "doc_id",
    "Clause": "clause_id",
    "Agency": "name",
    "Target": "target_id",
    "Indicator": "name",
    "Region": "name",
    "Topic": "topic_id",
    "DocumentVersion": "version_id",
}
LABELS: tuple[str, ...] = tuple(sorted(NODE_KEYS))

#: Responsibility.role <-> relationship type (Agency -> Clause)
ROLE_TYPES: dict[str, str] = {"lead": "LEADS", "co": "CO_RESPONSIBLE", "implementing": "IMPLEMENTS"}
TYPE_ROLES: dict[str, str] = {v: k for k, v in ROLE_TYPES.items()}
#: document lineage (Document -> the higher-level Document it implements). Until graph file version 3
#: this was IMPLEMENTS too, told apart only by the node labels; both stores migrate old edges
#: (graph/networkx_store.py reading a version-2 file, graph/cypher.py MIGRATE_LINEAGE_TYPE).
LINEAGE_TYPE = "IMPLEMENTS_DOCUMENT"
#: the lineage type before the rename
OLD_LINEAGE_TYPE = "IMPLEMENTS"

REL_TYPES: tuple[str, ...] = tuple(
    sorted(
        {
            "HAS_SECTION",
            "HAS_CLAUSE",
            "LEADS",
            "CO_RESPONSIBLE",
            "IMPLEMENTS",
            "IMPLEMENTS_DOCUMENT",
            "SETS_TARGET",
            "MEASURES",
            "FOR_REGION",
            "COVERS",
            "OF_REGION",
            "WITHIN",
            "ABOUT",
            "MENTIONS",
            "SUCCEEDED_BY",
        }
    )
)

#: doc_id prefix of a stub Document standing for a cited document that is not stored
STUB_PREFIX = "cited:"

#: properties a store may keep for its own use and that are not part of the data (never dumped)
INTERNAL_PROPS: frozenset[str] = frozenset({"text_seg"})


def role_rank(role: str) -> int:
    """Sort rank of a role: lead < co < implementing (unknown roles last)."""
    return ROLES.index(role) if role in ROLES else len(ROLES)


def stub_doc_id(citation: Citation) -> str:
    """Key of the stub Document for a cited document that is not stored."""
    return STUB_PREFIX + (citation.doc_number or citation.title)


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Drop ``None`` values and turn tuples into lists (Neo4j property rules)."""
    out: dict[str, Any] = {}
    for k, v in props.items():
        if v is None:
            continue
        out[k] = list(v) if isinstance(v, tuple) else v
    return out


# --- records -> properties ---------------------------------------------------------------------


def document_props(d: Document) -> dict[str, Any]:
    return _clean(
        {
            "doc_id": d.doc_id,
            "source": d.source,
            "title": d.title,
            "doc_number": d.doc_number,
            "issuer": d.issuer,
            "date": d.date,
            "level": d.level,
            "region": d.region,
            "cites": json.dumps(
                [{"title": c.title, "doc_number": c.doc_number} for c in d.cites], ensure_ascii=False
            ),
            "content_hash": d.content_hash,
            "path": d.path,
            "title_inferred": True if d.title_inferred else None,  # stored only when set
            "file_hash": d.file_hash or None,  # stored only when set
            "stub": False,
        }
    )


def stub_props(citation: Citation) -> dict[str, Any]:
    return {
        "doc_id": stub_doc_id(citation),
        "title": citation.title,
        "doc_number": citation.doc_number,
        "stub": True,
    }


def record_props(record: Clause | Agency | Target | Region | Topic) -> dict[str, Any]:
    """Every field of a record as node properties (None dropped, tuples as lists), in field order."""
    return _clean({f.name: getattr(record, f.name) for f in dataclasses.fields(record)})


# --- properties -> records ---------------------------------------------------------------------


def document_from(p: dict[str, Any]) -> Document:
    cites = tuple(Citation(title=c["title"], doc_number=c.get("doc_number", "")) for c in json.loads(p.get("cites") or "[]"))
    return Document(
        doc_id=p["doc_id"],
        source=p.get("source", ""),
        title=p.get("title", ""),
        doc_number=p.get("doc_number", ""),
        issuer=p.get("issuer", ""),
        date=p.get("date", ""),
        level=p.get("level", "unknown"),
        region=p.get("region", ""),
        cites=cites,
        content_hash=p.get("content_hash", ""),
        path=p.get("path", ""),
        title_inferred=bool(p.get("title_inferred", False)),
        file_hash=p.get("file_hash", ""),
    )


def clause_from(p: dict[str, Any]) -> Clause:
    return Clause(
        clause_id=p["clause_id"],
        doc_id=p["doc_id"],
        kind=p["kind"],
        number=p.get("number", ""),
        path=p.get("path", ""),
        heading=p.get("heading", ""),
        text=p.get("text", ""),
        sentences=tuple(p.get("sentences") or ()),
        parent_id=p.get("parent_id"),
        order=p.get("order", 0),
        topics=tuple(p.get("topics") or ()),
        regions=tuple(p.get("regions") or ()),
        unreadable_annotation=p.get("unreadable_annotation") or "",
        page_start=p.get("page_start", 0),
        page_end=p.get("page_end", 0),
        char_start=p.get("char_start", 0),
        char_end=p.get("char_end", 0),
    )


def agency_from(p: dict[str, Any]) -> Agency:
    return Agency(
        name=p["name"],
        canonical=p.get("canonical", p["name"]),
        agency_type=p.get("agency_type", ""),
        region=p.get("region", ""),
        is_government=p.get("is_government", True),
    )


def target_from(p: dict[str, Any]) -> Target:
    return Target(
        target_id=p["target_id"],
        clause_id=p["clause_id"],
        indicator=p.get("indicator", ""),
        indicator_raw=p.get("indicator_raw", ""),
        value=p.get("value", ""),
        number=p.get("number", 0.0),
        unit=p.get("unit", ""),
        comparator=p.get("comparator", ""),
        base_year=p.get("base_year"),
        target_year=p.get("target_year"),
        qualifier=p.get("qualifier", ""),
        region=p.get("region", ""),
        sentence=p.get("sentence", ""),
    )


def region_from(p: dict[str, Any]) -> Region:
    return Region(name=p["name"], level=p.get("level", ""), parent=p.get("parent"), code=p.get("code", ""))


def responsibility_from(agency_name: str, rel_type: str, rp: dict[str, Any]) -> Responsibility:
    return Responsibility(
        clause_id=rp["clause"],
        agency=agency_name,
        role=TYPE_ROLES[rel_type],
        confidence=rp.get("confidence", 1.0),
        source=rp.get("source", "annotation"),
        evidence=rp.get("evidence", ""),
    )


# --- write rows --------------------------------------------------------------------------------


@dataclass
class DocumentRows:
    """Everything one document writes, as flat rows of primitive values (UNWIND-ready)."""

    doc_id: str
    document: dict[str, Any]
    citations: list[Citation]
    clauses: list[dict[str, Any]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)  # {clause_id}: Document -> Clause
    children: list[dict[str, Any]] = field(default_factory=list)  # {parent_id, clause_id}
    regions: list[dict[str, Any]] = field(default_factory=list)  # full Region props
    region_refs: list[dict[str, Any]] = field(default_factory=list)  # {name}: referenced, not described
    within: list[dict[str, Any]] = field(default_factory=list)  # {name, parent}
    topics: list[dict[str, Any]] = field(default_factory=list)  # full Topic props
    topic_refs: list[dict[str, Any]] = field(default_factory=list)  # {topic_id}
    agencies: list[dict[str, Any]] = field(default_factory=list)  # full Agency props
    agency_refs: list[dict[str, Any]] = field(default_factory=list)  # {name}
    of_region: list[dict[str, Any]] = field(default_factory=list)  # {agency, region}
    responsibilities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # type -> rows
    targets: list[dict[str, Any]] = field(default_factory=list)  # full Target props (clause_id inside)
    measures: list[dict[str, Any]] = field(default_factory=list)  # {target_id, indicator}
    target_regions: list[dict[str, Any]] = field(default_factory=list)  # {target_id, region}
    about: list[dict[str, Any]] = field(default_factory=list)  # {clause_id, topic_id}
    mentions: list[dict[str, Any]] = field(default_factory=list)  # {clause_id, region}
    covers: list[dict[str, Any]] = field(default_factory=list)  # {region}
    successions: list[dict[str, Any]] = field(default_factory=list)  # {predecessor, successor, year}

    def count(self) -> int:
        """Number of records written (nodes + edges), for throughput figures."""
        n = 1 + len(self.clauses) + len(self.sections) + len(self.children) + len(self.regions)
        n += len(self.region_refs) + len(self.within) + len(self.topics) + len(self.topic_refs)
        n += len(self.agencies) + len(self.agency_refs) + len(self.of_region)
        n += sum(len(v) for v in self.responsibilities.values()) + 2 * len(self.targets)
        n += len(self.measures) + len(self.target_regions)
        n += len(self.about) + len(self.mentions) + len(self.covers) + len(self.successions)
        return n + len(self.citations)


def prepare_document(parsed: ParsedDocument) -> DocumentRows:
    """Validate a parsed document and flatten it into write rows (deduplicated, first one wins).

    Raises:
        GraphStoreError: a clause, target or responsibility points at a clause of another
            document or one that is not in ``parsed.clauses``.
    """
    doc = parsed.document
    doc_id = doc.doc_id
    if not doc_id:
        raise GraphStoreError("文档缺少 doc_id / document has an empty doc_id")
    rows = DocumentRows(doc_id=doc_id, document=document_props(doc), citations=[])

    seen_cite: set[tuple[str, str]] = set()
    for c in doc.cites:
        if (c.title, c.doc_number) not in seen_cite and (c.title or c.doc_number):
            seen_cite.add((c.title, c.doc_number))
            rows.citations.append(c)

    clause_ids: set[str] = set()
    for c in parsed.clauses:
        if c.doc_id != doc_id:
            raise GraphStoreError(f"{doc_id}: clause {c.clause_id} belongs to document {c.doc_id}")
        if c.clause_id in clause_ids:
            raise GraphStoreError(f"{doc_id}: duplicate clause id {c.clause_id}")
        clause_ids.add(c.clause_id)
    for c in parsed.clauses:
        rows.clauses.append(record_props(c))
        if c.parent_id is None:
            rows.sections.append({"clause_id": c.clause_id})
        elif c.parent_id in clause_ids:
            rows.children.append({"parent_id": c.parent_id, "clause_id": c.clause_id})
        else:
            raise GraphStoreError(f"{doc_id}: clause {c.clause_id} has unknown parent {c.parent_id}")

    # regions: full records first, then every other name the document refers to
    described: dict[str, Region] = {}
    for r in parsed.regions:
        described.setdefault(r.name, r)
    referenced: list[str] = []

    def ref_region(name: str | None) -> None:
        if name and name not in described and name not in referenced:
            referenced.append(name)

    for r in described.values():
        rows.regions.append(record_props(r))
        if r.parent:
            ref_region(r.parent)
            rows.within.append({"name": r.name, "parent": r.parent})
    if doc.region:
        ref_region(doc.region)
        rows.covers.append({"region": doc.region})

    described_topics: dict[str, Topic] = {}
    for t in parsed.topics:
        described_topics.setdefault(t.topic_id, t)
    rows.topics = [record_props(t) for t in described_topics.values()]
    topic_refs: list[str] = []
    for c in parsed.clauses:
        for tid in dict.fromkeys(c.topics):
            rows.about.append({"clause_id": c.clause_id, "topic_id": tid})
            if tid not in described_topics and tid not in topic_refs:
                topic_refs.append(tid)
        for reg in dict.fromkeys(c.regions):
            if reg:
                ref_region(reg)
                rows.mentions.append({"clause_id": c.clause_id, "region": reg})
    rows.topic_refs = [{"topic_id": t} for t in topic_refs]

    described_agencies: dict[str, Agency] = {}
    for a in parsed.agencies:
        described_agencies.setdefault(a.name, a)
    agency_refs: list[str] = []

    def ref_agency(name: str) -> None:
        if name not in described_agencies and name not in agency_refs:
            agency_refs.append(name)

    for a in described_agencies.values():
        rows.agencies.append(record_props(a))
        if a.region:
            ref_region(a.region)
            rows.of_region.append({"agency": a.name, "region": a.region})

    seen_resp: set[tuple[str, str, str]] = set()
    for i, r in enumerate(parsed.responsibilities):
        if r.clause_id not in clause_ids:
            raise GraphStoreError(f"{doc_id}: responsibility of {r.agency} names unknown clause {r.clause_id}")
        if r.role not in ROLE_TYPES:
            raise GraphStoreError(f"{doc_id}: unknown role {r.role!r}; valid roles are: {', '.join(ROLES)}")
        key = (r.clause_id, r.agency, r.role)
        if key in seen_resp:
            continue
        seen_resp.add(key)
        ref_agency(r.agency)
        rows.responsibilities.setdefault(ROLE_TYPES[r.role], []).append(
            {
                "agency": r.agency,
                "clause_id": r.clause_id,
                "props": {
                    "doc": doc_id,
                    "clause": r.clause_id,
                    "confidence": r.confidence,
                    "source": r.source,
                    "evidence": r.evidence,
                    "order": i,
                },
            }
        )

    seen_t: set[str] = set()
    for t in parsed.targets:
        if t.clause_id not in clause_ids:
            raise GraphStoreError(f"{doc_id}: target {t.target_id} names unknown clause {t.clause_id}")
        if t.target_id in seen_t:
            continue
        seen_t.add(t.target_id)
        ref_region(t.region)
        rows.targets.append(record_props(t))
        indicator = t.indicator or t.indicator_raw
        if indicator:
            rows.measures.append({"target_id": t.target_id, "indicator": indicator})
        if t.region:
            rows.target_regions.append({"target_id": t.target_id, "region": t.region})

    seen_s: set[tuple[str, str]] = set()
    for s in parsed.successions:
        if (s.predecessor, s.successor) in seen_s or s.predecessor == s.successor:
            continue
        seen_s.add((s.predecessor, s.successor))
        ref_agency(s.predecessor)
        ref_agency(s.successor)
        row: dict[str, Any] = {"predecessor": s.predecessor, "successor": s.successor}
        if s.year is not None:
            row["year"] = s.year
        rows.successions.append(row)

    rows.region_refs = [{"name": n} for n in referenced]
    rows.agency_refs = [{"name": n} for n in agency_refs]
    return rows


# --- lineage resolution -------------------------------------------------------------------------


def resolve_citation(
    citation: Citation, stored: Iterable[dict[str, Any]], exclude: Iterable[str] = ()
) -> str | None:
    """The stored (non-stub) document a citation refers to: by doc_number, else by title.

    Ties (two stored documents with the same number or title) go to the smallest doc_id.
    """
    skip = set(exclude)
    real = sorted((d for d in stored if not d.get("stub") and d["doc_id"] not in skip), key=lambda d: d["doc_id"])
    if citation.doc_number:
        hit = next((d for d in real if d.get("doc_number") == citation.doc_number), None)
        if hit is not None:
            return hit["doc_id"]
    if citation.title:
        hit = next((d for d in real if d.get("title") == citation.title), None)
        if hit is not None:
            return hit["doc_id"]
    return None


def lineage_row(source: str, citation: Citation, stored: Iterable[dict[str, Any]], exclude: str = "") -> dict[str, Any]:
    """One ``(source)-[:IMPLEMENTS_DOCUMENT {title, doc_number}]->(target)`` row for a citation.

    The target is the matching stored document, else the stub ``cited:<doc_number or title>``
    (``stub`` holds the stub's properties, or ``None`` for a real target). The edge keeps the
    citation as written, so it can be re-resolved when documents arrive or leave.
    """
    hit = resolve_citation(citation, stored, exclude={source, exclude} - {""})
    props = {"title": citation.title, "doc_number": citation.doc_number}
    if hit is not None:
        return {"source": source, "target": hit, "props": props, "stub": None}
    sp = stub_props(citation)
    return {"source": source, "target": sp["doc_id"], "props": props, "stub": sp}


def lineage_rows(source: str, citations: Iterable[Citation], stored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows for a document's citations: one per distinct target, first citation wins; by target."""
    out: dict[str, dict[str, Any]] = {}
    for c in citations:
        row = lineage_row(source, c, stored)
        out.setdefault(row["target"], row)
    return [out[k] for k in sorted(out)]


def citation_of(edge_props: dict[str, Any]) -> Citation:
    """The citation recorded on a lineage edge."""
    return Citation(title=edge_props.get("title", ""), doc_number=edge_props.get("doc_number", ""))


def relink_rows(
    edges: Iterable[dict[str, Any]], stored: list[dict[str, Any]], exclude: str = ""
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Re-resolve existing lineage edges ``{source, target, props}`` against the stored documents.

    Returns:
        ``(to_delete, to_merge)``: edges whose target changes (``{source, target}``) and their
        new rows (as :func:`lineage_row`), both sorted.
    """
    delete, merge = [], []
    for e in sorted(edges, key=lambda e: (e["source"], e["target"])):
        row = lineage_row(e["source"], citation_of(e["props"]), stored, exclude=exclude)
        if row["target"] != e["target"]:
            delete.append({"source": e["source"], "target": e["target"]})
            merge.append(row)
    return delete, merge


# --- sorting and assembly ----------------------------------------------------------------------


def agency_role_key(ar: AgencyRole) -> tuple:
    return (ar.responsibility.clause_id, role_rank(ar.responsibility.role), ar.agency.name)


def sort_responsibilities(rows: Iterable[tuple[AgencyRole, int]]) -> list[AgencyRole]:
    """Sort (AgencyRole, order) pairs by role then document order then name."""
    return [
        ar
        for ar, _ in sorted(
            rows, key=lambda x: (role_rank(x[0].responsibility.role), x[1], x[0].agency.name)
        )
    ]


def sort_agencies_for(rows: Iterable[AgencyRole]) -> list[AgencyRole]:
    return sorted(rows, key=agency_role_key)


def clause_sort_key(c: Clause) -> tuple:
    return (c.doc_id, c.order, c.clause_id)


def sort_clauses_of_agency(rows: Iterable[tuple[Clause, Responsibility]]) -> list[tuple[Clause, Responsibility]]:
    return sorted(rows, key=lambda x: (*clause_sort_key(x[0]), role_rank(x[1].role), x[1].agency))


def subregion_names(region: str, found: Iterable[str]) -> list[str]:
    """The region itself plus every region found WITHIN it (sorted, unique)."""
    return sorted(set(found) | {region})


def effective_target_region(target_region: str, doc_region: str) -> str:
    """A target without its own region applies to its document's region."""
    return target_region or doc_region


def clause_caption(c: dict[str, Any]) -> str:
    head = c.get("heading") or (c.get("text") or "")[:30]
    return f"{c.get('path', '')} {head}".strip()


def assemble_subgraph(
    resp_rows: Iterable[tuple[dict[str, Any], str, dict[str, Any], dict[str, Any]]],
    topics_of: dict[str, list[dict[str, Any]]],
    targets_of: dict[str, list[dict[str, Any]]],
    limit: int,
) -> Subgraph:
    """Build the Agency → Clause → Topic/Target neighbourhood, at most ``limit`` nodes.

    Args:
        resp_rows: ``(agency_props, rel_type, rel_props, clause_props)`` of the selected
            responsibilities (any order).
        topics_of / targets_of: clause_id -> Topic / Target property maps.
        limit: maximum number of nodes; responsibilities are taken in (clause_id, role, agency)
            order and one is added only if all its new nodes fit.
    """
    nodes: dict[str, SubgraphNode] = {}
    edges: dict[tuple[str, str, str], SubgraphEdge] = {}
    ordered = sorted(resp_rows, key=lambda r: (r[3]["clause_id"], role_rank(TYPE_ROLES[r[1]]), r[0]["name"]))
    for ap, rtype, rp, cp in ordered:
        cid = cp["clause_id"]
        new: dict[str, SubgraphNode] = {}
        new_edges: list[SubgraphEdge] = []
        aid, cnode = f"Agency:{ap['name']}", f"Clause:{cid}"
        if aid not in nodes:
            new[aid] = SubgraphNode(aid, "Agency", ap["name"], dict(ap))
        if cnode not in nodes:
            new[cnode] = SubgraphNode(
                cnode,
                "Clause",
                clause_caption(cp),
                {k: cp[k] for k in ("clause_id", "doc_id", "kind", "path", "heading") if k in cp},
            )
            for tp in sorted(topics_of.get(cid, []), key=lambda t: t["topic_id"]):
                tid = f"Topic:{tp['topic_id']}"
                if tid not in nodes:
                    new[tid] = SubgraphNode(tid, "Topic", tp.get("name") or tp["topic_id"], dict(tp))
                new_edges.append(SubgraphEdge(cnode, tid, "ABOUT"))
            for tg in sorted(targets_of.get(cid, []), key=lambda t: t["target_id"]):
                gid = f"Target:{tg['target_id']}"
                new[gid] = SubgraphNode(gid, "Target", f"{tg.get('indicator', '')} {tg.get('value', '')}".strip(), dict(tg))
                new_edges.append(SubgraphEdge(cnode, gid, "SETS_TARGET"))
        if len(nodes) + len(new) > limit:
            continue
        nodes.update(new)
        new_edges.append(
            SubgraphEdge(aid, cnode, rtype, {k: rp[k] for k in ("confidence", "source", "evidence") if k in rp})
        )
        for e in new_edges:
            edges.setdefault((e.source, e.type, e.target), e)
    return Subgraph(
        nodes=tuple(nodes[k] for k in sorted(nodes)),
        edges=tuple(edges[k] for k in sorted(edges)),
    )


def empty_stats() -> dict[str, dict[str, int]]:
    return {"labels": {label: 0 for label in LABELS}, "relationships": {t: 0 for t in REL_TYPES}}


# --- dump --------------------------------------------------------------------------------------


def sorted_dump(nodes: Iterable[tuple[str, str, dict[str, Any]]], edges: Iterable[tuple]) -> GraphDump:
    def public(p: dict[str, Any]) -> dict[str, Any]:
        return {k: p[k] for k in sorted(p) if k not in INTERNAL_PROPS}

    ns = sorted(((lab, key, public(p)) for lab, key, p in nodes), key=lambda n: (n[0], n[1]))
    es = sorted(
        ((t, a, b, public(p)) for t, a, b, p in edges),
        key=lambda e: (e[0], e[1], e[2], json.dumps(e[3], ensure_ascii=False, sort_keys=True)),
    )
    return GraphDump(nodes=tuple(ns), edges=tuple(es))


# --- document versions -------------------------------------------------------------------------

#: a kept earlier version of a document: "<doc_id>@v<n>"
VERSION_ID_RE = re.compile(r"^(?P<doc_id>.+)@v(?P<n>[1-9]\d*)$")


def version_id(doc_id: str, n: int) -> str:
    """The id of version ``n`` of ``doc_id``: ``<doc_id>@v<n>``."""
    return f"{doc_id}@v{n}"


def split_version_id(vid: str) -> tuple[str, int] | None:
    """(doc_id, n) of a version id, None for a plain doc_id."""
    m = VERSION_ID_RE.match(vid)
    return (m.group("doc_id"), int(m.group("n"))) if m else None


def parsed_from_store(store: Any, doc_id: str) -> ParsedDocument | None:
    """A stored document read back whole through the ``GraphStore`` protocol (no regions or topics
    records: the version snapshot and the diff need the document, clauses, responsibilities, targets,
    agencies and the successions the document states)."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    clauses = store.clauses(doc_id)
    agencies: dict[str, Agency] = {}
    responsibilities: list[Responsibility] = []
    for c in clauses:
        for ar in store.responsibilities(c.clause_id):
            agencies.setdefault(ar.agency.name, ar.agency)
            responsibilities.append(ar.responsibility)
    return ParsedDocument(
        document=doc,
        clauses=tuple(clauses),
        agencies=tuple(agencies[k] for k in sorted(agencies)),
        responsibilities=tuple(responsibilities),
        targets=tuple(store.targets(doc_id=doc_id)),
        # the reforms naming one of its agencies (a later version may no longer state them)
        successions=tuple(x for x in store.successions() if x.predecessor in agencies or x.successor in agencies),
    )


def rebase(parsed: ParsedDocument, new_doc_id: str) -> ParsedDocument:
    """The same document under another doc_id: clause ids ``<doc_id>#…`` and target ids follow."""
    old = parsed.document.doc_id
    prefix, new_prefix = old + "#", new_doc_id + "#"

    def cid(x: str | None) -> str | None:
        return new_prefix + x[len(prefix) :] if x is not None and x.startswith(prefix) else x

    return dataclasses.replace(
        parsed,
        document=dataclasses.replace(parsed.document, doc_id=new_doc_id),
        clauses=tuple(
            dataclasses.replace(c, clause_id=cid(c.clause_id), doc_id=new_doc_id, parent_id=cid(c.parent_id))
            for c in parsed.clauses
        ),
        responsibilities=tuple(dataclasses.replace(r, clause_id=cid(r.clause_id)) for r in parsed.responsibilities),
        targets=tuple(
            dataclasses.replace(t, target_id=cid(t.target_id), clause_id=cid(t.clause_id)) for t in parsed.targets
        ),
    )


def _fields(cls: type, d: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: (tuple(v) if isinstance(v, list) else v) for k, v in d.items() if k in names}


def snapshot_from_json(text: str) -> ParsedDocument:
    """A version snapshot (JSON of a ParsedDocument, see :func:`version_props`) as records."""
    d = json.loads(text)
    doc = dict(d["document"])
    doc["cites"] = [Citation(**_fields(Citation, c)) for c in doc.get("cites", [])]
    return ParsedDocument(
        document=Document(**_fields(Document, doc)),
        clauses=tuple(Clause(**_fields(Clause, c)) for c in d.get("clauses", [])),
        agencies=tuple(Agency(**_fields(Agency, a)) for a in d.get("agencies", [])),
        responsibilities=tuple(Responsibility(**_fields(Responsibility, r)) for r in d.get("responsibilities", [])),
        targets=tuple(Target(**_fields(Target, t)) for t in d.get("targets", [])),
        successions=tuple(Succession(**_fields(Succession, x)) for x in d.get("successions", [])),
    )


def version_props(
    parsed: ParsedDocument, n: int, superseded_at: str, valid_from: str = ""
) -> dict[str, Any]:
    """The ``(:DocumentVersion)`` node of version ``n`` of a stored document (its snapshot rebased to
    ``<doc_id>@v<n>``); ``superseded_by`` is the current document until a later version is kept."""
    doc = parsed.document
    vid = version_id(doc.doc_id, n)
    snapshot = dataclasses.asdict(dataclasses.replace(rebase(parsed, vid), regions=(), topics=(), warnings=()))
    return {
        "version_id": vid,
        "doc_id": doc.doc_id,
        "version": n,
        "title": doc.title,
        "doc_number": doc.doc_number,
        "date": doc.date,
        "source": doc.source,
        "content_hash": doc.content_hash,
        "file_hash": doc.file_hash,
        "valid_from": valid_from or doc.date,
        "superseded_at": superseded_at,
        "superseded_by": doc.doc_id,
        "snapshot": json.dumps(snapshot, ensure_ascii=False),
    }


def document_version_from(p: dict[str, Any]) -> DocumentVersion:
    return DocumentVersion(
        version_id=p["version_id"],
        doc_id=p.get("doc_id", ""),
        version=int(p.get("version", 0)),
        title=p.get("title", ""),
        doc_number=p.get("doc_number", ""),
        date=p.get("date", ""),
        content_hash=p.get("content_hash", ""),
        file_hash=p.get("file_hash", ""),
        valid_from=p.get("valid_from", ""),
        superseded_at=p.get("superseded_at", ""),
        superseded_by=p.get("superseded_by", ""),
    )


def succession_from(p: dict[str, Any]) -> Succession:
    return Succession(p["predecessor"], p["successor"], p.get("year"))


def now_iso() -> str:
    """The current UTC time, ISO seconds (when a version is superseded)."""
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
