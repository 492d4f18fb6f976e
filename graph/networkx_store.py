"""Embedded graph store: a networkx ``MultiDiGraph`` persisted to one JSON file (``graph.json``).

Nodes are keyed ``(label, key)`` (e.g. ``("Clause", "taiyuan-…#三（九）")``) with attributes
``{"label": label, "props": {...}}``; edges are keyed by their relationship type (at most one edge
of a type between two nodes, like Cypher ``MERGE``) with attributes ``{"props": {...}}``.
The schema and the replace/garbage-collect rules are the same as the Neo4j store's (see
``graph/SCHEMA.md``); the write rows come from :func:`graph.common.prepare_document`.

File format (plain data, nothing in it is executed when read)::

    {"format": "policykg-graph", "version": 3, "generation": 17,
     "nodes": [[label, key, props], ...],
     "edges": [[u_label, u_key, v_label, v_key, rel_type, props], ...]}

UTF-8 JSON, compact separators; property values are strings, numbers, booleans and lists of them
(tuples are written as lists, as ``prepare_document`` already does). Reading checks the format name,
the version, every entry's shape, that labels and relationship types are known, that a node's key
equals its key property, and that every edge joins two listed nodes; any fault is a
``GraphStoreError`` naming the file and the reason.

Persistence: every mutating call rewrites the file atomically (temp file in the same folder +
fsync + ``os.replace``), so a crash leaves either the old or the new graph, never a torn file.

Version 2 files (before document lineage got its own relationship type, ``IMPLEMENTS_DOCUMENT``; it
was ``IMPLEMENTS`` like the agency role) are read too: their Document -> Document ``IMPLEMENTS``
edges are renamed on reading (:func:`upgrade_v2`) and the next save writes version 3.
``policykg store migrate`` rewrites such a file at once.

Stores written before version 2 were a pickle file ``graph.pkl``. Such a file is never read here:
opening a folder that holds only ``graph.pkl`` (or a pickle under the new name) raises
:class:`LegacyStoreError`, which says to run ``policykg store migrate`` (``graph/migrate.py``).
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
from collections import Counter, deque
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import networkx as nx

from graph import common as C
from graph.store import AgencyRole, DocumentVersion, GraphDump, Subgraph
from ingest.errors import GraphStoreError
from ingest.records import Agency, Clause, Document, ParsedDocument, Region, Responsibility, Succession, Target

FORMAT_NAME = "policykg-graph"
FORMAT_VERSION = 3
#: older versions this code still reads (and upgrades in memory, see :func:`upgrade_v2`)
READABLE_VERSIONS: tuple[int, ...] = (2, 3)
#: the pre-version-2 pickle file (see ``graph/migrate.py``)
LEGACY_FILE = "graph.pkl"
RESP_TYPES = tuple(C.ROLE_TYPES.values())
Node = tuple[str, str]

_LABELS = frozenset(C.LABELS)
_REL_TYPES = frozenset(C.REL_TYPES)


class LegacyStoreError(GraphStoreError):
    """The store is in the old pickle format (``graph.pkl``); ``policykg store migrate`` converts it."""


def _legacy_error(path: Path, folder: Path) -> LegacyStoreError:
    return LegacyStoreError(
        f"图存储为旧的 pickle 格式，出于安全不再直接读取；请运行 `policykg store migrate --store {folder}` / "
        f"{path} is a graph store in the old pickle format, which is no longer loaded (unpickling can run code); "
        f"run `policykg store migrate --store {folder}` to convert it to {FORMAT_NAME} version {FORMAT_VERSION}"
    )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while ~10^5 containers are built or encoded (it would rescan the growing heap
    many times: 2-3x the load time of a 192-document store); none of them is cyclic garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def encode_graph(g: nx.MultiDiGraph) -> bytes:
    """The store file's bytes for ``g`` (UTF-8 JSON, see the module docstring).

    Raises:
        TypeError / ValueError: a property value is not JSON data (or is NaN / infinite).
    """
    nodes = [[d["label"], n[1], d["props"]] for n, d in g.nodes(data=True)]
    edges = [[u[0], u[1], v[0], v[1], k, d["props"]] for u, v, k, d in g.edges(keys=True, data=True)]
    data = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "generation": int(g.graph.get("generation", 0)),
            "nodes": nodes, "edges": edges}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def decode_graph(data: Any, path: Path | str) -> nx.MultiDiGraph:
    """Check parsed store-file JSON strictly and build the graph; ``path`` is only named in errors.

    Raises:
        GraphStoreError: wrong format name or version, or a malformed node or edge (names the entry).
    """

    def bad(reason: str) -> GraphStoreError:
        return GraphStoreError(f"图文件内容不符 / graph store file {path} is invalid: {reason}")

    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise bad(f"not a policykg graph store (expected \"format\": \"{FORMAT_NAME}\")")
    version = data.get("version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        hint = "; written by a newer policykg?" if type(version) is int and version > FORMAT_VERSION else ""
        readable = " and ".join(str(v) for v in READABLE_VERSIONS)
        raise bad(f"unsupported version {version!r} (this policykg reads versions {readable}){hint}")
    nodes, edges = data.get("nodes"), data.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise bad('"nodes" and "edges" must be lists')
    node_attrs: dict[Node, dict[str, Any]] = {}
    for i, entry in enumerate(nodes):
        if not (isinstance(entry, list) and len(entry) == 3):
            raise bad(f"nodes[{i}] is not [label, key, props]")
        label, key, props = entry
        if not (isinstance(label, str) and label in _LABELS and isinstance(key, str) and isinstance(props, dict)):
            raise bad(f"nodes[{i}] is not [label, key, props] with a known label: {entry!r:.200}")
        if props.get(C.NODE_KEYS[label]) != key:
            raise bad(f"nodes[{i}]: key {key!r} differs from its property {C.NODE_KEYS[label]!r}")
        if (label, key) in node_attrs:
            raise bad(f"nodes[{i}]: duplicate node ({label!r}, {key!r})")
        node_attrs[(label, key)] = {"label": label, "props": props}
    generation = data.get("generation", 0)
    if type(generation) is not int or generation < 0:
        raise bad(f'"generation" must be a non-negative integer, not {generation!r:.40}')
    g = nx.MultiDiGraph(generation=generation)
    g.add_nodes_from(node_attrs.items())
    add_edge = g.add_edge  # one call per edge; add_edges_from builds a view per edge (3x slower here)
    for i, entry in enumerate(edges):
        if not (isinstance(entry, list) and len(entry) == 6):
            raise bad(f"edges[{i}] is not [u_label, u_key, v_label, v_key, type, props]")
        ul, uk, vl, vk, rtype, props = entry
        if not (isinstance(rtype, str) and rtype in _REL_TYPES and isinstance(props, dict)):
            raise bad(f"edges[{i}] has an unknown relationship type or non-object props: {entry!r:.200}")
        ends_ok = all(isinstance(x, str) for x in (ul, uk, vl, vk))
        if not (ends_ok and (ul, uk) in node_attrs and (vl, vk) in node_attrs):
            raise bad(f"edges[{i}] joins a node that is not listed: {entry!r:.200}")
        if version >= 3 and rtype == C.OLD_LINEAGE_TYPE and ul == "Document":
            raise bad(f"edges[{i}]: lineage is {C.LINEAGE_TYPE} since version 3, not {rtype}: {entry!r:.200}")
        add_edge((ul, uk), (vl, vk), rtype, props=props)
    if g.number_of_edges() != len(edges):  # an edge listed twice (same ends and type) was merged
        counts = Counter((e[0], e[1], e[2], e[3], e[4]) for e in edges)
        dup = next(k for k, n in counts.items() if n > 1)
        raise bad(f"duplicate {dup[4]} edge ({dup[0]!r}, {dup[1]!r}) -> ({dup[2]!r}, {dup[3]!r})")
    if version < 3:
        upgrade_v2(g)
    return g


def upgrade_v2(g: nx.MultiDiGraph) -> int:
    """Rename lineage edges to their own type: Document -> Document ``IMPLEMENTS`` becomes
    ``IMPLEMENTS_DOCUMENT`` (properties kept); Agency -> Clause ``IMPLEMENTS`` stays.

    Returns:
        The number of edges renamed (0 for a graph already in version 3).
    """
    old = [
        (u, v, d["props"])
        for u, v, k, d in g.edges(keys=True, data=True)
        if k == C.OLD_LINEAGE_TYPE and u[0] == "Document" and v[0] == "Document"
    ]
    for u, v, props in old:
        g.remove_edge(u, v, key=C.OLD_LINEAGE_TYPE)
        g.add_edge(u, v, key=C.LINEAGE_TYPE, props=props)
    return len(old)


def read_graph(path: Path) -> nx.MultiDiGraph:
    """Read and check a store file (a missing file is an empty graph).

    Raises:
        LegacyStoreError: the file, or the folder's only store file, is an old-format pickle.
        GraphStoreError: the file cannot be read, is not JSON, or fails the checks of :func:`decode_graph`.
    """
    path = Path(path)
    if not path.exists():
        legacy = path.with_name(LEGACY_FILE)
        if legacy.exists():
            raise _legacy_error(legacy, path.parent)
        return nx.MultiDiGraph()
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise GraphStoreError(f"无法读取图文件 / cannot read graph store file {path}: {e}") from e
    if raw[:1] == b"\x80":  # pickle protocol 2+ opcode PROTO
        raise _legacy_error(path, path.parent)
    with _gc_paused():
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError) as e:  # JSONDecodeError / UnicodeDecodeError / nesting bomb
            raise GraphStoreError(f"图文件不是有效的 JSON / graph store file {path} is not valid JSON: {e}") from e
        return decode_graph(data, path)


def write_graph(path: Path, g: nx.MultiDiGraph) -> None:
    """Write ``g`` to ``path`` atomically (temp file in the same folder + fsync + ``os.replace``).

    Raises:
        GraphStoreError: a property value is not JSON data (names the file and the reason).
        OSError: the folder or disk cannot be written.
    """
    path = Path(path)
    try:
        with _gc_paused():
            raw = encode_graph(g)
    except (TypeError, ValueError) as e:
        raise GraphStoreError(f"图无法写为 JSON / cannot write graph store file {path}: {e}") from e
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """(inode, mtime ns, size) of a file replaced atomically on every write (the store file, an index
    manifest): it changes whenever any process saves; None when the file is absent."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class NetworkxGraphStore:
    """A ``GraphStore`` kept in memory and persisted to ``path`` (a JSON file, see the module docstring).

    Args:
        path: the store file, e.g. ``store/graph.json``; created on first write.
        autosave: save after every mutating call (default). With ``False`` call
            :meth:`save` (or :meth:`close`) yourself; :meth:`bulk` does this for a block.

    Raises:
        LegacyStoreError: the folder holds an old pickle store (run ``policykg store migrate``).
        GraphStoreError: the file exists but is not a store file of this version.
    """

    def __init__(self, path: Path, autosave: bool = True):
        self.path = Path(path)
        self.autosave = autosave
        self._dirty = False  # changes not yet written (autosave off, or inside bulk())
        self._stamp = file_stamp(self.path)
        self.g: nx.MultiDiGraph = self._load()

    # --- persistence -------------------------------------------------------------------------
    def _load(self) -> nx.MultiDiGraph:
        return read_graph(self.path)

    def save(self) -> None:
        """Write the graph atomically (temp file + fsync + ``os.replace``), one generation up."""
        self.g.graph["generation"] = int(self.g.graph.get("generation", 0)) + 1
        write_graph(self.path, self.g)
        self._stamp = file_stamp(self.path)
        self._dirty = False

    def _changed(self) -> None:
        self._dirty = True
        if self.autosave:
            self.save()

    def generation(self) -> int:
        """The generation of the store file, re-read first when another process replaced the file.

        One ``stat`` when nothing changed. Every save writes a whole new file and renames it over
        the old one, so a reload sees one complete generation, never half a write. Unsaved changes
        of this process (inside :meth:`bulk`) are never dropped for a reload.
        """
        stamp = file_stamp(self.path)
        if stamp != self._stamp and not self._dirty:
            self.g = self._load()
            self._stamp = stamp
        return int(self.g.graph.get("generation", 0))

    @contextmanager
    def bulk(self) -> Iterator[NetworkxGraphStore]:
        """Defer saving to the end of the block (bulk loads): ``with store.bulk(): ...``."""
        old, self.autosave = self.autosave, False
        try:
            yield self
        finally:
            self.autosave = old
            if self._dirty:
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
            for v, rp, _ in self._out(u, C.LINEAGE_TYPE)
            if v[1] == rows.doc_id
            or (rp.get("doc_number") and rp["doc_number"] == doc.get("doc_number"))
            or rp.get("title") == doc.get("title")
        ]
        if affected:
            delete, merge = C.relink_rows(affected, self._candidates([C.citation_of(e["props"]) for e in affected]))
            for e in delete:
                self.g.remove_edge(("Document", e["source"]), ("Document", e["target"]), key=C.LINEAGE_TYPE)
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
            if not self.g.has_edge(x, t, key=C.LINEAGE_TYPE):
                self.g.add_edge(x, t, key=C.LINEAGE_TYPE, props=dict(r["props"]))

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
            for v, _, k in list(self._out(d, ("COVERS", C.LINEAGE_TYPE))):
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
            if p.get("stub") and not any(True for _ in self._in(n, C.LINEAGE_TYPE)):
                g.remove_node(n)
        for n, p in self._nodes("Document"):  # STUB_TITLES
            if p.get("stub"):
                p["title"] = min(rp.get("title", "") for _, rp, _ in self._in(n, C.LINEAGE_TYPE))
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
            {"source": x[1], "target": doc_id, "props": rp} for x, rp, _ in self._in(d, C.LINEAGE_TYPE) if x != d
        ]
        self._delete_content(doc_id)
        self.g.remove_node(d)
        self.g.remove_nodes_from([("DocumentVersion", p["version_id"]) for p in self._version_nodes(doc_id)])
        if citing:  # documents citing this one: re-resolve (another document, or a stub)
            stored = self._candidates([C.citation_of(e["props"]) for e in citing])
            _, merge = C.relink_rows(citing, stored, exclude=doc_id)
            self._merge_lineage(merge)
        self._gc()
        self._changed()
        return True

    def clear(self) -> None:
        self.g = nx.MultiDiGraph(generation=int(self.g.graph.get("generation", 0)))
        self._changed()

    def close(self) -> None:
        """Write unsaved changes (a reader writes nothing: it must not overwrite newer generations)."""
        if self._dirty:
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
            for x, _, _ in step(queue.popleft(), C.LINEAGE_TYPE):
                if x[0] == "Document" and x not in seen:
                    seen.add(x)
                    queue.append(x)
        seen.discard(start)
        return sorted((C.document_from(self.g.nodes[n]["props"]) for n in seen), key=lambda d: d.doc_id)

    # --- document versions ---------------------------------------------------------------------
    def _version_nodes(self, doc_id: str) -> list[dict[str, Any]]:
        found = [p for _, p in self._nodes("DocumentVersion") if p.get("doc_id") == doc_id]
        return sorted(found, key=lambda p: p.get("version", 0))

    def archive_document(self, doc_id: str, superseded_at: str = "", valid_from: str = "") -> str | None:
        parsed = C.parsed_from_store(self, doc_id)
        if parsed is None:
            return None
        older = self._version_nodes(doc_id)
        n = (older[-1].get("version", 0) if older else 0) + 1
        props = C.version_props(parsed, n, superseded_at or C.now_iso(), valid_from)
        if older:
            older[-1]["superseded_by"] = props["version_id"]
        self._set_node("DocumentVersion", props)
        self._changed()
        return props["version_id"]

    def document_versions(self, doc_id: str) -> list[DocumentVersion]:
        return [C.document_version_from(p) for p in self._version_nodes(doc_id)]

    def document_version(self, version_id: str) -> ParsedDocument | None:
        p = self._props("DocumentVersion", version_id)
        return C.snapshot_from_json(p["snapshot"]) if p and p.get("snapshot") else None

    def successions(self, agency: str | None = None) -> list[Succession]:
        out = [
            C.succession_from({"predecessor": u[1], "successor": v[1], "year": rp.get("year")})
            for u, _ in self._nodes("Agency")
            for v, rp, _ in self._out(u, "SUCCEEDED_BY")
            if agency is None or agency in (u[1], v[1])
        ]
        return sorted(out, key=lambda x: (x.predecessor, x.successor))

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
