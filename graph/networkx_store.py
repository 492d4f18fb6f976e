"""Embedded graph store: a networkx ``MultiDiGraph`` persisted to one pickle file.

Nodes are keyed ``(label, key)`` (e.g. ``("Clause", "taiyuan-…#三（九）")``) with attributes
``{"label": label, "props": {...}}``; edges are keyed by their relationship type (at most one edge
of a type between two nodes, like Cypher ``MERGE``) with attributes ``{"props": {...}}``.
The schema and the replace/garbage-collect rules are the same as the Neo4j store's (see
``graph/SCHEMA.md``); the write rows come from :func:`graph.common.prepare_document`.

Persistence: every mutating call rewrites the file atomically (temp file in the same folder +
``os.replace``), so a crash leaves either the old or the new graph, never a torn file.

Security: the file is a **pickle**. Unpickling runs code chosen by whoever wrote the file, so only
open store files this class wrote itself (the store folder is not a place for downloaded files).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections import Counter, deque
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import networkx as nx

from graph import common as C
from graph.store import AgencyRole, GraphDump, Subgraph
from ingest.errors import GraphStoreError
from ingest.records import Agency, Clause, Document, ParsedDocument, Region, Responsibility, Target

FORMAT_VERSION = 1
RESP_TYPES = tuple(C.ROLE_TYPES.values())
Node = tuple[str, str]


class NetworkxGraphStore:
    """A ``GraphStore`` kept in memory and persisted to ``path`` (a pickle file).

    Args:
        path: the store file, e.g. ``store/graph.pkl``; created on first write.
        autosave: save after every mutating call (default). With ``False`` call
            :meth:`save` (or :meth:`close`) yourself; :meth:`bulk` does this for a block.

    Raises:
        GraphStoreError: the file exists but is not a store file of this version.
    """

    def __init__(self, path: Path, autosave: bool = True):
        self.path = Path(path)
        self.autosave = autosave
        self.g: nx.MultiDiGraph = self._load()

    # --- persistence -------------------------------------------------------------------------
    def _load(self) -> nx.MultiDiGraph:
        if not self.path.exists():
            return nx.MultiDiGraph()
        try:
            with open(self.path, "rb") as f:
                data = pickle.load(f)
        except Exception as e:  # corrupt / foreign file
            raise GraphStoreError(f"无法读取图文件 / cannot read graph store file {self.path}: {e}") from e
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise GraphStoreError(
                f"图文件格式不符 / {self.path} is not a policykg graph store file (format {FORMAT_VERSION})"
            )
        return data["graph"]

    def save(self) -> None:
        """Write the graph atomically (temp file + ``os.replace``)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump({"format": FORMAT_VERSION, "graph": self.g}, f, protocol=pickle.HIGHEST_PROTOCOL)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def _changed(self) -> None:
        if self.autosave:
            self.save()

    @contextmanager
    def bulk(self) -> Iterator[NetworkxGraphStore]:
        """Defer saving to the end of the block (bulk loads): ``with store.bulk(): ...``."""
        old, self.autosave = self.autosave, False
        try:
            yield self
        finally:
            self.autosave = old
            self.save()

    # --- low-level helpers ---------------------------------------------------------------------
    def _props(self, label: str, key: str) -> dict[str, Any] | None:
        data = self.g.nodes.get((label, key))
        return data["props"] if data else None

    def _nodes(self, label: str) -> Iterator[tuple[Node, dict[str, Any]]]:
        for n, data in self.g.nodes(data=True):
            if data["label"] == label:
                yield n, data["props"]

    def _set_node(self, label: str, props: dict[str, Any]) -> Node:
        """MERGE on the key, then replace all properties (``SET n = props``)."""
        n = (label, props[C.NODE_KEYS[label]])
        if n in self.g:
            self.g.nodes[n]["props"] = dict(props)
        else:
            self.g.add_node(n, label=label, props=dict(props))
        return n

    def _merge_node(self, label: str, key: str) -> Node:
        """MERGE on the key only (``ON CREATE`` sets just the key)."""
        n = (label, key)
        if n not in self.g:
            self.g.add_node(n, label=label, props={C.NODE_KEYS[label]: key})
        return n

    def _merge_edge(self, u: Node, v: Node, rtype: str, props: dict[str, Any] | None = None) -> None:
        if u not in self.g or v not in self.g:
            return  # MATCH found nothing
        if self.g.has_edge(u, v, key=rtype):
            if props is not None:
                self.g.edges[u, v, rtype]["props"] = dict(props)
        else:
            self.g.add_edge(u, v, key=rtype, props=dict(props or {}))

    # _succ/_pred are networkx's adjacency dicts ({neighbour: {key: data}}); reading them directly
    # avoids building a view per call, which dominated bulk-load time
    def _out(self, n: Node, types: tuple[str, ...] | str) -> Iterator[tuple[Node, dict[str, Any], str]]:
        types = (types,) if isinstance(types, str) else types
        for v, keyed in self.g._succ[n].items():
            for k, d in keyed.items():
                if k in types:
                    yield v, d["props"], k

    def _in(self, n: Node, types: tuple[str, ...] | str) -> Iterator[tuple[Node, dict[str, Any], str]]:
        types = (types,) if isinstance(types, str) else types
        for u, keyed in self.g._pred[n].items():
            for k, d in keyed.items():
                if k in types:
                    yield u, d["props"], k

    def _replace_out_edges(self, n: Node, rtype: str, keep: Node | None) -> None:
        for v in [v for v, _, _ in self._out(n, rtype) if v != keep]:
            self.g.remove_edge(n, v, key=rtype)

    # --- lifecycle -----------------------------------------------------------------------------
    def write_document(self, parsed: ParsedDocument) -> None:
        """Store one parsed document, replacing any earlier version (see ``GraphStore``).

        Raises:
            GraphStoreError: the document is inconsistent (see ``prepare_document``).
        """
        rows = C.prepare_document(parsed)
        try:
            self._write_rows(rows)
        except BaseException:
            self.g = self._load()  # never keep a half-applied write in memory
            raise
        self._changed()

    def _write_rows(self, rows: C.DocumentRows) -> None:
        self._delete_content(rows.doc_id)
        d = self._set_node("Document", rows.document)
        for r in rows.regions:
            n = self._set_node("Region", r)
            self._replace_out_edges(n, "WITHIN", ("Region", r["parent"]) if "parent" in r else None)
        for r in rows.region_refs:
            self._merge_node("Region", r["name"])
        for w in rows.within:
            self._merge_edge(("Region", w["name"]), ("Region", w["parent"]), "WITHIN")
        for t in rows.topics:
            self._set_node("Topic", t)
        for t in rows.topic_refs:
            self._merge_node("Topic", t["topic_id"])
        for a in rows.agencies:
            n = self._set_node("Agency", a)
            self._replace_out_edges(n, "OF_REGION", ("Region", a["region"]) if a.get("region") else None)
        for a in rows.agency_refs:
            self._merge_node("Agency", a["name"])
        for o in rows.of_region:
            self._merge_edge(("Agency", o["agency"]), ("Region", o["region"]), "OF_REGION")
        for c in rows.clauses:
            self._set_node("Clause", c)
        for s in rows.sections:
            self._merge_edge(d, ("Clause", s["clause_id"]), "HAS_SECTION")
        for s in rows.children:
            self._merge_edge(("Clause", s["parent_id"]), ("Clause", s["clause_id"]), "HAS_CLAUSE")
        for a in rows.about:
            self._merge_edge(("Clause", a["clause_id"]), ("Topic", a["topic_id"]), "ABOUT")
        for m in rows.mentions:
            self._merge_edge(("Clause", m["clause_id"]), ("Region", m["region"]), "MENTIONS")
        for rtype, rrows in rows.responsibilities.items():
            for r in rrows:
                self._merge_edge(("Agency", r["agency"]), ("Clause", r["clause_id"]), rtype, r["props"])
        for t in rows.targets:
            n = self._set_node("Target", t)
            self._merge_edge(("Clause", t["clause_id"]), n, "SETS_TARGET")
        for m in rows.measures:
            i = self._merge_node("Indicator", m["indicator"])
            self._merge_edge(("Target", m["target_id"]), i, "MEASURES")
        for r in rows.target_regions:
            self._merge_edge(("Target", r["target_id"]), ("Region", r["region"]), "FOR_REGION")
        for c in rows.covers:
            self._merge_edge(d, ("Region", c["region"]), "COVERS")
        for s in rows.successions:
            u, v = ("Agency", s["predecessor"]), ("Agency", s["successor"])
            if self.g.has_edge(u, v, key="SUCCEEDED_BY"):
                p = self.g.edges[u, v, "SUCCEEDED_BY"]["props"]
            else:
                self.g.add_edge(u, v, key="SUCCEEDED_BY", props={})
                p = self.g.edges[u, v, "SUCCEEDED_BY"]["props"]
            if "year" in s:
                p["year"] = s["year"]
            p["docs"] = sorted(set(p.get("docs", [])) | {rows.doc_id})
        # lineage: this document's citations, then other documents' citations that may now
        # resolve to it (or away from it); unmatched citations point at stubs
        if rows.citations:
            self._merge_lineage(C.lineage_rows(rows.doc_id, rows.citations, self._candidates(rows.citations)))
        doc = rows.document
        affected = [
            {"source": u[1], "target": v[1], "props": rp}
            for u, _ in self._nodes("Document")
            if u[1] != rows.doc_id
            for v, rp, _ in self._out(u, "IMPLEMENTS")
            if v[1] == rows.doc_id
            or (rp.get("doc_number") and rp["doc_number"] == doc.get("doc_number"))
            or rp.get("title") == doc.get("title")
        ]
        if affected:
            delete, merge = C.relink_rows(affected, self._candidates([C.citation_of(e["props"]) for e in affected]))
            for e in delete:
                self.g.remove_edge(("Document", e["source"]), ("Document", e["target"]), key="IMPLEMENTS")
            self._merge_lineage(merge)
        self._gc()

    def _candidates(self, citations) -> list[dict[str, Any]]:
        """Stored (non-stub) documents a citation could match (CITATION_CANDIDATES)."""
        numbers = {c.doc_number for c in citations if c.doc_number}
        titles = {c.title for c in citations if c.title}
        return [
            p
            for _, p in self._nodes("Document")
            if not p.get("stub") and ((p.get("doc_number") and p["doc_number"] in numbers) or p.get("title") in titles)
        ]

    def _merge_lineage(self, rows: list[dict[str, Any]]) -> None:
        """MERGE_LINEAGE: create stub targets on first use; edge properties set on create only."""
        for r in rows:
            x, t = ("Document", r["source"]), ("Document", r["target"])
            if x not in self.g:
                continue
            if t not in self.g:
                self._set_node("Document", r["stub"])
            if not self.g.has_edge(x, t, key="IMPLEMENTS"):
                self.g.add_edge(x, t, key="IMPLEMENTS", props=dict(r["props"]))

    def _delete_content(self, doc_id: str) -> None:
        d = ("Document", doc_id)
        # the document's clauses: its HAS_SECTION/HAS_CLAUSE tree (same set as Clause {doc_id})
        clauses: list[Node] = []
        if d in self.g:
            stack = [c for c, _, _ in self._out(d, "HAS_SECTION")]
            while stack:
                c = stack.pop()
                clauses.append(c)
                stack.extend(x for x, _, _ in self._out(c, "HAS_CLAUSE"))
        targets = [t for c in clauses for t, _, _ in self._out(c, "SETS_TARGET")]
        self.g.remove_nodes_from(targets)
        self.g.remove_nodes_from(clauses)
        if d in self.g:
            for v, _, k in list(self._out(d, ("COVERS", "IMPLEMENTS"))):
                self.g.remove_edge(d, v, key=k)
        for u, _ in list(self._nodes("Agency")):
            for v, props, k in list(self._out(u, "SUCCEEDED_BY")):
                if doc_id in props.get("docs", []):
                    docs = [x for x in props["docs"] if x != doc_id]
                    if docs:
                        props["docs"] = docs
                    else:
                        self.g.remove_edge(u, v, key=k)

    def _gc(self) -> None:
        """Remove nodes nothing refers to any more (same rules as the Neo4j GC_* statements)."""
        g = self.g
        for n, p in list(self._nodes("Document")):
            if p.get("stub") and not any(True for _ in self._in(n, "IMPLEMENTS")):
                g.remove_node(n)
        for n, p in self._nodes("Document"):  # STUB_TITLES
            if p.get("stub"):
                p["title"] = min(rp.get("title", "") for _, rp, _ in self._in(n, "IMPLEMENTS"))
        for n, _ in list(self._nodes("Agency")):
            if not any(True for _ in self._out(n, RESP_TYPES + ("SUCCEEDED_BY",))) and not any(
                True for _ in self._in(n, "SUCCEEDED_BY")
            ):
                g.remove_node(n)
        for n, _ in list(self._nodes("Topic")):
            if not any(True for _ in self._in(n, "ABOUT")):
                g.remove_node(n)
        for n, _ in list(self._nodes("Indicator")):
            if not any(True for _ in self._in(n, "MEASURES")):
                g.remove_node(n)
        refs = ("COVERS", "FOR_REGION", "OF_REGION", "MENTIONS")
        used = {n for n, _ in self._nodes("Region") if any(True for _ in self._in(n, refs))}
        keep = set(used)
        for n in used:  # ancestors of a used region stay
            stack = [n]
            while stack:
                for p, _, _ in self._out(stack.pop(), "WITHIN"):
                    if p not in keep:
                        keep.add(p)
                        stack.append(p)
        g.remove_nodes_from([n for n, _ in list(self._nodes("Region")) if n not in keep])

    def remove_document(self, doc_id: str) -> bool:
        d = ("Document", doc_id)
        p = self._props("Document", doc_id)
        if p is None or p.get("stub"):
            return False
        citing = [
            {"source": x[1], "target": doc_id, "props": rp} for x, rp, _ in self._in(d, "IMPLEMENTS") if x != d
        ]
        self._delete_content(doc_id)
        self.g.remove_node(d)
        if citing:  # documents citing this one: re-resolve (another document, or a stub)
            stored = self._candidates([C.citation_of(e["props"]) for e in citing])
            _, merge = C.relink_rows(citing, stored, exclude=doc_id)
            self._merge_lineage(merge)
        self._gc()
        self._changed()
        return True

    def clear(self) -> None:
        self.g = nx.MultiDiGraph()
        self._changed()

    def close(self) -> None:
        self.save()

    # --- documents and clauses -----------------------------------------------------------------
    def document(self, doc_id: str) -> Document | None:
        p = self._props("Document", doc_id)
        return C.document_from(p) if p and not p.get("stub") else None

    def _subregions(self, region: str) -> list[str]:
        found: set[str] = set()
        start = ("Region", region)
        if start in self.g:
            queue = deque([start])
            while queue:
                for u, _, _ in self._in(queue.popleft(), "WITHIN"):
                    if u[1] not in found:
                        found.add(u[1])
                        queue.append(u)
        return C.subregion_names(region, found)

    def _doc_ids_in(self, region: str) -> set[str]:
        regions = set(self._subregions(region))
        return {
            n[1]
            for n, p in self._nodes("Document")
            if not p.get("stub") and any(v[1] in regions for v, _, _ in self._out(n, "COVERS"))
        }

    def documents(self, region: str | None = None) -> list[Document]:
        ids = self._doc_ids_in(region) if region is not None else None
        docs = [
            C.document_from(p)
            for n, p in self._nodes("Document")
            if not p.get("stub") and (ids is None or n[1] in ids)
        ]
        return sorted(docs, key=lambda d: d.doc_id)

    def clause(self, clause_id: str) -> Clause | None:
        p = self._props("Clause", clause_id)
        return C.clause_from(p) if p else None

    def clauses(self, doc_id: str | None = None) -> list[Clause]:
        cs = [C.clause_from(p) for _, p in self._nodes("Clause") if doc_id is None or p["doc_id"] == doc_id]
        return sorted(cs, key=C.clause_sort_key)

    def lineage(self, doc_id: str, direction: str = "up") -> list[Document]:
        if direction not in ("up", "down"):
            raise ValueError(f"direction must be 'up' or 'down', got {direction!r}")
        start = ("Document", doc_id)
        if start not in self.g:
            return []
        step = self._out if direction == "up" else self._in
        seen: set[Node] = set()
        queue = deque([start])
        while queue:
            for x, _, _ in step(queue.popleft(), "IMPLEMENTS"):
                if x[0] == "Document" and x not in seen:
                    seen.add(x)
                    queue.append(x)
        seen.discard(start)
        return sorted((C.document_from(self.g.nodes[n]["props"]) for n in seen), key=lambda d: d.doc_id)

    # --- responsibilities ----------------------------------------------------------------------
    def _resp_rows(self) -> Iterator[tuple[dict[str, Any], str, dict[str, Any], dict[str, Any]]]:
        """(agency_props, type, rel_props, clause_props) of every responsibility edge."""
        nodes = self.g.nodes
        for a, ap in self._nodes("Agency"):
            for c, rp, k in self._out(a, RESP_TYPES):
                yield ap, k, rp, nodes[c]["props"]

    def _clause_topics(self, clause_id: str) -> list[dict[str, Any]]:
        return [self.g.nodes[t]["props"] for t, _, _ in self._out(("Clause", clause_id), "ABOUT")]

    def _has_topic(self, clause_id: str, topic: str) -> bool:
        return any(t["topic_id"] == topic or t.get("name") == topic for t in self._clause_topics(clause_id))

    @staticmethod
    def _agency_role(ap: dict[str, Any], rtype: str, rp: dict[str, Any]) -> AgencyRole:
        return AgencyRole(C.agency_from(ap), C.responsibility_from(ap["name"], rtype, rp))

    def responsibilities(self, clause_id: str) -> list[AgencyRole]:
        c = ("Clause", clause_id)
        if c not in self.g:
            return []
        rows = [
            (self._agency_role(self.g.nodes[a]["props"], k, rp), rp.get("order", 0))
            for a, rp, k in self._in(c, RESP_TYPES)
            if a[0] == "Agency"
        ]
        return C.sort_responsibilities(rows)

    def _select_resp(
        self,
        region: str | None = None,
        topic: str | None = None,
        clause_id: str | None = None,
        role: str | None = None,
        agency: str | None = None,
    ) -> list[tuple[dict[str, Any], str, dict[str, Any], dict[str, Any]]]:
        doc_ids = self._doc_ids_in(region) if region is not None else None
        rtype = C.ROLE_TYPES.get(role, "") if role is not None else None
        out = []
        for ap, k, rp, cp in self._resp_rows():
            if clause_id is not None and cp["clause_id"] != clause_id:
                continue
            if rtype is not None and k != rtype:
                continue
            if agency is not None and agency not in (ap["name"], ap.get("canonical")):
                continue
            if doc_ids is not None and cp["doc_id"] not in doc_ids:
                continue
            if topic is not None and not self._has_topic(cp["clause_id"], topic):
                continue
            out.append((ap, k, rp, cp))
        return out

    def agencies_for(
        self,
        region: str | None = None,
        topic: str | None = None,
        clause_id: str | None = None,
        role: str | None = None,
    ) -> list[AgencyRole]:
        rows = self._select_resp(region=region, topic=topic, clause_id=clause_id, role=role)
        return C.sort_agencies_for(self._agency_role(ap, k, rp) for ap, k, rp, _ in rows)

    def clauses_of_agency(self, agency: str, role: str | None = None) -> list[tuple[Clause, Responsibility]]:
        rows = self._select_resp(agency=agency, role=role)
        return C.sort_clauses_of_agency(
            (C.clause_from(cp), C.responsibility_from(ap["name"], k, rp)) for ap, k, rp, cp in rows
        )

    def agencies(self, region: str | None = None) -> list[Agency]:
        regions = set(self._subregions(region)) if region is not None else None
        out = [C.agency_from(p) for _, p in self._nodes("Agency") if regions is None or p.get("region") in regions]
        return sorted(out, key=lambda a: a.name)

    # --- targets, regions, topics --------------------------------------------------------------
    def targets(
        self,
        indicator: str | None = None,
        region: str | None = None,
        year: int | None = None,
        doc_id: str | None = None,
        clause_id: str | None = None,
    ) -> list[Target]:
        regions = set(self._subregions(region)) if region is not None else None
        out = []
        for n, p in self._nodes("Target"):
            if indicator is not None and indicator not in (p.get("indicator"), p.get("indicator_raw")):
                continue
            if year is not None and p.get("target_year") != year:
                continue
            if clause_id is not None and p["clause_id"] != clause_id:
                continue
            cp = self._props("Clause", p["clause_id"]) or {}
            if doc_id is not None and cp.get("doc_id") != doc_id:
                continue
            if regions is not None:
                dp = self._props("Document", cp.get("doc_id", "")) or {}
                if C.effective_target_region(p.get("region", ""), dp.get("region", "")) not in regions:
                    continue
            out.append(C.target_from(p))
        return sorted(out, key=lambda t: t.target_id)

    def regions(self) -> list[Region]:
        return sorted((C.region_from(p) for _, p in self._nodes("Region")), key=lambda r: r.name)

    def candidate_clauses(self, topic: str | None = None, region: str | None = None) -> list[Clause]:
        doc_ids = self._doc_ids_in(region) if region is not None else None
        out = [
            C.clause_from(p)
            for _, p in self._nodes("Clause")
            if (doc_ids is None or p["doc_id"] in doc_ids) and (topic is None or self._has_topic(p["clause_id"], topic))
        ]
        return sorted(out, key=C.clause_sort_key)

    def subgraph(
        self, region: str | None = None, agency: str | None = None, topic: str | None = None, limit: int = 300
    ) -> Subgraph:
        rows = self._select_resp(region=region, topic=topic, agency=agency)
        cids = sorted({cp["clause_id"] for _, _, _, cp in rows})
        topics_of = {cid: self._clause_topics(cid) for cid in cids}
        targets_of = {
            cid: [self.g.nodes[t]["props"] for t, _, _ in self._out(("Clause", cid), "SETS_TARGET")] for cid in cids
        }
        return C.assemble_subgraph(rows, topics_of, targets_of, limit)

    # --- bookkeeping ---------------------------------------------------------------------------
    def stats(self) -> dict[str, dict[str, int]]:
        out = C.empty_stats()
        out["labels"].update(Counter(d["label"] for _, d in self.g.nodes(data=True)))
        out["relationships"].update(Counter(k for _, _, k in self.g.edges(keys=True)))
        return out

    def content_hash(self, doc_id: str) -> str | None:
        p = self._props("Document", doc_id)
        return p.get("content_hash") if p and not p.get("stub") else None

    def dump(self) -> GraphDump:
        nodes = ((d["label"], n[1], d["props"]) for n, d in self.g.nodes(data=True))
        edges = ((k, u, v, d["props"]) for u, v, k, d in self.g.edges(keys=True, data=True))
        return C.sorted_dump(nodes, edges)
