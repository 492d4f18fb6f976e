"""The ``GraphStore`` protocol: one contract, two stores (networkx embedded, Neo4j over Bolt).

Both implementations must return *equal* results for every method (same records, same order),
so every list is returned sorted deterministically as documented per method.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ingest.records import (
    Agency,
    Clause,
    Document,
    ParsedDocument,
    Region,
    Responsibility,
    Succession,
    Target,
)


@dataclass(frozen=True)
class AgencyRole:
    """An agency's role on one clause (a Responsibility joined with its Agency)."""

    agency: Agency
    responsibility: Responsibility


@dataclass(frozen=True)
class SubgraphNode:
    """A node for visualisation: ``id`` unique, ``label`` is the graph label (Agency, Clause …)."""

    id: str
    label: str
    caption: str
    properties: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)


@dataclass(frozen=True)
class SubgraphEdge:
    """An edge for visualisation: ``type`` is the relationship type (LEADS, CO_RESPONSIBLE …)."""

    source: str
    target: str
    type: str
    properties: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)


@dataclass(frozen=True)
class Subgraph:
    """Nodes and edges, sorted by id / (source, type, target)."""

    nodes: tuple[SubgraphNode, ...] = ()
    edges: tuple[SubgraphEdge, ...] = ()


@dataclass(frozen=True)
class GraphDump:
    """Every node ``(label, key, props)`` and edge ``(type, (label, key), (label, key), props)``.

    Sorted: nodes by (label, key); edges by (type, from, to, JSON of props). Lists stay lists
    (property values as stored); store-internal properties are left out.
    """

    nodes: tuple[tuple[str, str, dict[str, Any]], ...] = ()
    edges: tuple[tuple[str, tuple[str, str], tuple[str, str], dict[str, Any]], ...] = ()


@dataclass(frozen=True)
class DocumentVersion:
    """An earlier version of a document, kept when a changed file was ingested under the same doc_id.

    The version is a snapshot (its clauses, responsibilities and targets under versioned ids
    ``<doc_id>@v<n>#<path>``), read whole with ``GraphStore.document_version``; it is never part of
    ``documents()`` or any other query, so answers use the current version only.
    """

    version_id: str  # "<doc_id>@v<n>"
    doc_id: str  # the document it is a version of
    version: int  # 1, 2, … (the current version is not numbered)
    title: str = ""
    doc_number: str = ""
    date: str = ""  # the version's own document date (成文日期), ISO, where known
    content_hash: str = ""
    file_hash: str = ""
    valid_from: str = ""  # when this version took effect: its document date, else when it was stored
    superseded_at: str = ""  # when the next version replaced it (ISO date-time of the ingest)
    superseded_by: str = ""  # the next version's id, or doc_id when the next one is the current document


@runtime_checkable
class GraphStore(Protocol):
    """What QA, the UI and the API need from a graph database."""

    # --- lifecycle -------------------------------------------------------------------------
    def write_document(self, parsed: ParsedDocument) -> None:
        """Store one parsed document atomically, replacing any earlier version (no orphans)."""

    def remove_document(self, doc_id: str) -> bool:
        """Delete a document, its clauses, targets and responsibility edges; True if it existed."""

    def clear(self) -> None:
        """Delete everything."""

    def close(self) -> None:
        """Release connections / flush files."""

    # --- documents and clauses ------------------------------------------------------------
    def document(self, doc_id: str) -> Document | None:
        """One document by id."""

    def documents(self, region: str | None = None) -> list[Document]:
        """Documents, optionally those covering ``region``; sorted by doc_id."""

    def clause(self, clause_id: str) -> Clause | None:
        """One clause by id."""

    def clauses(self, doc_id: str | None = None) -> list[Clause]:
        """All clauses (of one document); sorted by (doc_id, order)."""

    def lineage(self, doc_id: str, direction: str = "up") -> list[Document]:
        """Documents this one implements (``up``) or that implement it (``down``), by doc_id."""

    # --- document versions ----------------------------------------------------------------
    def archive_document(self, doc_id: str, superseded_at: str = "", valid_from: str = "") -> str | None:
        """Keep the stored version of a document as ``<doc_id>@v<n>`` before a changed file replaces it.

        Call it before ``write_document`` of the new version; the current document is left as it is.
        Returns the new version id, or None when the document is not stored.
        """

    def document_versions(self, doc_id: str) -> list[DocumentVersion]:
        """The kept earlier versions of a document, oldest first."""

    def document_version(self, version_id: str) -> ParsedDocument | None:
        """One kept version, whole (ids rebased to ``<doc_id>@v<n>``); None when unknown."""

    def successions(self, agency: str | None = None) -> list[Succession]:
        """Institutional reforms (SUCCEEDED_BY), optionally those naming ``agency`` (either side);
        sorted by (predecessor, successor)."""

    # --- responsibilities -----------------------------------------------------------------
    def responsibilities(self, clause_id: str) -> list[AgencyRole]:
        """Agencies on a clause, sorted by role (lead, co, implementing) then document order."""

    def agencies_for(
        self,
        region: str | None = None,
        topic: str | None = None,
        clause_id: str | None = None,
        role: str | None = None,
    ) -> list[AgencyRole]:
        """Agencies responsible for clauses matching the filters; sorted (clause_id, role, name)."""

    def clauses_of_agency(self, agency: str, role: str | None = None) -> list[tuple[Clause, Responsibility]]:
        """Clauses an agency (matched on ``name`` or ``canonical``) is responsible for; by (doc_id, order)."""

    def agencies(self, region: str | None = None) -> list[Agency]:
        """Agencies, optionally of one region; sorted by name."""

    # --- targets, regions, topics ---------------------------------------------------------
    def targets(
        self,
        indicator: str | None = None,
        region: str | None = None,
        year: int | None = None,
        doc_id: str | None = None,
        clause_id: str | None = None,
    ) -> list[Target]:
        """Targets matching all given filters; sorted by target_id."""

    def regions(self) -> list[Region]:
        """Every region node; sorted by name."""

    def candidate_clauses(self, topic: str | None = None, region: str | None = None) -> list[Clause]:
        """Clauses tagged with ``topic`` in documents covering ``region`` (or its sub-regions)."""

    def subgraph(
        self, region: str | None = None, agency: str | None = None, topic: str | None = None, limit: int = 300
    ) -> Subgraph:
        """Agency → clause → topic/target neighbourhood for visualisation."""

    # --- bookkeeping ----------------------------------------------------------------------
    def stats(self) -> dict[str, dict[str, int]]:
        """``{"labels": {label: n}, "relationships": {type: n}}`` with every label/type present."""

    def generation(self) -> int:
        """A number bumped by every committed write (document written or removed, store cleared).

        Cheap enough to call per request. A long-lived reader compares it with the generation its
        snapshot was built from and reloads when it moved; it also picks up writes made by other
        processes (the embedded store re-reads its file when it changed on disk).
        """
        ...

    def content_hash(self, doc_id: str) -> str | None:
        """The stored document's content hash (None if absent) — lets ingest skip unchanged files."""

    def dump(self) -> GraphDump:
        """Every node and edge, deterministically sorted (for export and store comparisons)."""
