"""``PolicyKG``: the one library facade behind the CLI, the HTTP API and the Streamlit UI.

It is deliberately thin: parsing is ``ingest.pipeline``, storage the ``GraphStore``, retrieval
``search.index.SearchIndex``, answering :mod:`search.qa`. What it adds is orchestration:
skip-unchanged ingest with per-file errors, index rebuild after changes, and lazy loading (the
embedding model loads once, the first time something needs it).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.errors import IndexNotBuiltError, IngestError, NotFoundError, QuestionTooLongError
from ingest.records import Agency, Clause, Document, Responsibility, Target
from search.answer import Answer, AnswerAgency, AnswerTarget

ProgressFn = Callable[..., None]


# ----------------------------------------------------------------------------- result records
@dataclass(frozen=True)
class IngestReport:
    """What one ``ingest`` call did, per file."""

    added: tuple[str, ...] = ()  # doc_ids stored for the first time
    updated: tuple[str, ...] = ()  # doc_ids whose content changed
    skipped: tuple[str, ...] = ()  # doc_ids unchanged (same content hash)
    failed: tuple[IngestError, ...] = ()
    warnings: tuple[str, ...] = ()
    index_rebuilt: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "updated": list(self.updated),
            "skipped": list(self.skipped),
            "failed": [{"path": e.path, "reason": e.reason} for e in self.failed],
            "warnings": list(self.warnings),
            "index_rebuilt": self.index_rebuilt,
            "seconds": round(self.seconds, 3),
        }

    def __str__(self) -> str:
        lines = [
            f"新增 added {len(self.added)}, 更新 updated {len(self.updated)}, 未变 skipped {len(self.skipped)}, "
            f"失败 failed {len(self.failed)} ({self.seconds:.1f}s)"
        ]
        lines += [f"  ✗ {e.path}: {e.reason}" for e in self.failed]
        lines += [f"  ! {w}" for w in self.warnings]
        return "\n".join(lines)


@dataclass(frozen=True)
class SearchResult:
    """One search hit with its document, agencies and targets."""

    clause: Clause
    document: Document | None
    agencies: tuple[AnswerAgency, ...]
    score: float
    targets: tuple[AnswerTarget, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = self.document
        return {
            "clause_id": self.clause.clause_id,
            "source": d.source if d else "",
            "doc_title": d.title if d else "",
            "region": d.region if d else "",
            "clause_no": self.clause.path,
            "heading": self.clause.heading,
            "text": self.clause.text,
            "score": round(float(self.score), 4),
            "agencies": [a.to_dict() for a in self.agencies],
            "targets": [t.to_dict() for t in self.targets],
        }


SimilarMeasure = SearchResult  # a similar measure is shown exactly like a search hit


@dataclass(frozen=True)
class AgencyProfile:
    """An agency and the clauses it is responsible for."""

    agency: Agency
    duties: tuple[tuple[Clause, Responsibility], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.agency.name,
            "canonical": self.agency.canonical,
            "region": self.agency.region,
            "duties": [
                {"clause_id": c.clause_id, "clause_no": c.path, "heading": c.heading, "role": r.role, "doc_id": c.doc_id}
                for c, r in self.duties
            ],
        }


@dataclass(frozen=True)
class OutlineEntry:
    """One line of a document outline."""

    clause_id: str
    path: str
    heading: str
    kind: str
    depth: int
    agencies: tuple[str, ...] = ()


# ----------------------------------------------------------------------------- helpers
def _default_gazetteer() -> Any:
    try:
        from ingest.regions import get_gazetteer
    except ImportError:  # ingest.regions not installed: region questions degrade to "no region"
        return None
    return get_gazetteer()


def _topic_matcher() -> Callable[[str], list[str]] | None:
    try:
        from ingest.topics import match_topics_in_query
    except ImportError:
        return None
    return match_topics_in_query


def _indicator_matcher() -> Callable[[str], str | None] | None:
    """question -> normalised indicator, from the ``ingest.targets`` indicator table."""
    try:
        from ingest.targets import load_indicator_rules
    except ImportError:
        return None
    pairs = load_indicator_rules()  # (synonym, canonical), longest synonym first

    def match(text: str) -> str | None:
        squeezed = text.replace(" ", "")
        lowered = squeezed.lower()
        for synonym, canonical in pairs:
            if synonym in squeezed or synonym.lower() in lowered:
                return canonical
        return None

    return match


def _agency_normaliser() -> Callable[[str, str], str | None] | None:
    try:
        from ingest.agencies import qualify_agency
    except ImportError:
        return None

    def norm(raw: str, region: str) -> str | None:
        return qualify_agency(raw, region).canonical

    return norm


class _LazyEmbedder:
    """Stands in for the embedder until an attribute is first used, then builds it once."""

    def __init__(self, factory: Callable[[], Any]):
        self._factory = factory
        self._real: Any = None

    @property
    def loaded(self) -> bool:
        return self._real is not None

    def get(self) -> Any:
        if self._real is None:
            self._real = self._factory()
        return self._real

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.get(), name)


# ----------------------------------------------------------------------------- facade
# Longest question accepted (characters); policy questions are one sentence, rarely over 100.
DEFAULT_MAX_QUESTION_CHARS = 500


class PolicyKG:
    """Ingest, ask, search and browse over one graph store + search index.

    Args:
        store: a ``GraphStore`` (networkx or Neo4j).
        index_dir: the search index folder (written by ``ingest``); the embedding cache lives
            next to it (``<index_dir>.embcache.sqlite``).
        embedder_factory: builds the embedder; called at most once, when first needed.
        gazetteer: an ``ingest.regions.Gazetteer`` (default: the shared one).
        embedding_cache: the embedding cache file (default ``<index_dir>.embcache.sqlite``);
            vectors are keyed by model and text, so one cache may serve several stores.
    """

    def __init__(
        self,
        store: Any,
        index_dir: Path,
        embedder_factory: Callable[[], Any],
        *,
        gazetteer: Any = None,
        embedding_cache: Path | None = None,
        max_question_chars: int = DEFAULT_MAX_QUESTION_CHARS,
    ):
        self.max_question_chars = max_question_chars
        self.store = store
        self.embedding_cache = Path(embedding_cache) if embedding_cache else None
        self.index_dir = Path(index_dir)
        self._embedder = _LazyEmbedder(embedder_factory)
        self._gazetteer = gazetteer
        self._index: Any = None
        self._engine: Any = None

    # --- lazy parts ----------------------------------------------------------------------------
    @property
    def embedder(self) -> Any:
        """The embedder (loads the model on first use)."""
        return self._embedder.get()

    @property
    def gazetteer(self) -> Any:
        if self._gazetteer is None:
            self._gazetteer = _default_gazetteer()
        return self._gazetteer

    @property
    def index(self) -> Any:
        """The search index, loaded from ``index_dir`` on first use (built if the store has data).

        Raises:
            IndexNotBuiltError: no index and the store is empty.
        """
        if self._index is None:
            from search.index import SearchIndex

            try:
                self._index = SearchIndex.load(self.index_dir, self._embedder)
            except IndexNotBuiltError:
                if not self.store.documents():
                    raise
                self._index = self._rebuild_index()
        return self._index

    @property
    def engine(self) -> Any:
        """The QA engine (store snapshot cached; rebuilt after ingest/remove)."""
        if self._engine is None:
            from search.qa import QAEngine

            try:
                index = self.index
            except IndexNotBuiltError:
                index = None
            self._engine = QAEngine(
                self.store,
                index,
                self.gazetteer,
                topic_matcher=_topic_matcher(),
                indicator_matcher=_indicator_matcher(),
                agency_normaliser=_agency_normaliser(),
            )
        return self._engine

    def warm_up(self) -> None:
        """Load the model, the index and the store snapshot now (first question is then fast)."""
        self.engine
        if self._index is not None:
            self._embedder.embed_queries(["预热"])

    # --- ingest --------------------------------------------------------------------------------
    def ingest(self, paths: Iterable[Path | str], *, progress: ProgressFn | None = None, force: bool = False) -> IngestReport:
        """Parse files and store them; rebuild the search index when anything changed.

        A file that fails to parse is reported and leaves the store as it was; the others are
        stored. Unchanged files (same content hash) are skipped unless ``force``.

        Args:
            paths: files or folders.
            progress: called as ``progress(done, total, path, status)`` after each file.
            force: re-store files even when unchanged.

        Returns:
            The :class:`IngestReport`.
        """
        from ingest.pipeline import parse_file
        from ingest.readers import iter_files

        t0 = time.perf_counter()
        files = iter_files(paths)
        added: list[str] = []
        updated: list[str] = []
        skipped: list[str] = []
        failed: list[IngestError] = []
        warnings: list[str] = []
        bulk = getattr(self.store, "bulk", None)
        ctx = bulk() if callable(bulk) else _nullcontext()
        with ctx:
            for i, path in enumerate(files, start=1):
                status = "failed"
                try:
                    parsed = parse_file(path)
                    doc = parsed.document
                    old = self.store.content_hash(doc.doc_id)
                    if old is not None and old == doc.content_hash and not force:
                        skipped.append(doc.doc_id)
                        status = "skipped"
                    else:
                        self.store.write_document(parsed)
                        (updated if old is not None else added).append(doc.doc_id)
                        status = "updated" if old is not None else "added"
                        warnings.extend(f"{path.name}: {w}" for w in parsed.warnings)
                except IngestError as e:
                    failed.append(e)
                except Exception as e:  # an unexpected parser/store failure still names the file
                    failed.append(IngestError(str(path), f"{type(e).__name__}: {e}"))
                if progress is not None:
                    progress(i, len(files), path, status)
        rebuilt = False
        if added or updated or not (self.index_dir / "manifest.json").is_file():
            if self.store.documents():
                self._index = self._rebuild_index(show_progress=progress is not None)
                rebuilt = True
        self._engine = None
        return IngestReport(
            tuple(added), tuple(updated), tuple(skipped), tuple(failed), tuple(warnings), rebuilt,
            time.perf_counter() - t0,
        )

    def remove(self, doc_id: str) -> bool:
        """Delete a document and rebuild the index; True if it existed."""
        existed = self.store.remove_document(doc_id)
        if existed:
            if self.store.documents():
                self._index = self._rebuild_index()
            else:
                self._index = None
        self._engine = None
        return existed

    def _doc_meta(self) -> dict[str, dict]:
        parents = {r.name: r.parent for r in self.store.regions()}
        meta: dict[str, dict] = {}
        for d in self.store.documents():
            anc: list[str] = []
            cur = parents.get(d.region)
            while cur and cur not in anc:
                anc.append(cur)
                cur = parents.get(cur)
            year = int(d.date[:4]) if d.date[:4].isdigit() else None
            meta[d.doc_id] = {"region": d.region, "level": d.level, "year": year, "ancestors": anc}
        return meta

    def _user_words(self) -> list[str]:
        words: set[str] = set()
        for a in self.store.agencies():
            words.update(w for w in (a.name, a.canonical, a.agency_type) if w and len(w) >= 2)
        for r in self.store.regions():
            words.add(r.name)
        return sorted(words)

    def _rebuild_index(self, show_progress: bool = False) -> Any:
        from search.index import EmbeddingCache, SearchIndex

        cache_path = self.embedding_cache or self.index_dir.parent / f"{self.index_dir.name}.embcache.sqlite"
        cache = EmbeddingCache(cache_path)
        try:
            index = SearchIndex.build(
                self.store.clauses(), self._embedder, user_words=self._user_words(), cache=cache,
                doc_meta=self._doc_meta(), progress=show_progress,
            )
        finally:
            cache.close()
        index.save(self.index_dir)
        return index

    # --- questions -----------------------------------------------------------------------------
    def ask(self, question: str) -> Answer:
        """Answer one question (see :mod:`search.qa`).

        Raises:
            QuestionTooLongError: the question is longer than ``max_question_chars`` (checked before
                any parsing, so one long request cannot tie up the service).
        """
        if len(question) > self.max_question_chars:
            raise QuestionTooLongError(len(question), self.max_question_chars)
        return self.engine.answer(question)

    def ask_many(self, questions: Sequence[str]) -> list[Answer]:
        """Answer several questions with one model/index load (each within the length limit)."""
        for q in questions:
            if len(q) > self.max_question_chars:
                raise QuestionTooLongError(len(q), self.max_question_chars)
        engine = self.engine
        return [engine.answer(q) for q in questions]

    # --- search / similar ----------------------------------------------------------------------
    def _result(self, clause_id: str, score: float) -> SearchResult | None:
        engine = self.engine
        c = engine.clauses.get(clause_id)
        if c is None:
            return None
        roles, _how = engine.effective_responsibilities(clause_id)
        targets = tuple(
            AnswerTarget(t.indicator, t.value, t.unit, t.target_year, t.region, t.qualifier)
            for t in engine.targets_by_clause.get(clause_id, [])
        )
        return SearchResult(c, engine.docs.get(c.doc_id), tuple(engine.answer_agencies(roles)), float(score), targets)

    def search(
        self,
        text: str,
        *,
        region: str | None = None,
        k: int = 10,
        doc_id: str | None = None,
        level: str | None = None,
        year: int | tuple[int | None, int | None] | None = None,
        mode: str = "hybrid",
    ) -> list[SearchResult]:
        """Hybrid clause search with filters; each hit carries its document, agencies, targets."""
        if region is not None and self.gazetteer is not None:
            resolved = self.gazetteer.resolve(region)
            region = getattr(resolved, "name", None) or region
        hits = self.index.search(text, k=k, doc_ids=doc_id, region=region, level=level, year=year, mode=mode)
        return [r for h in hits if (r := self._result(h.clause_id, h.score)) is not None]

    def similar(self, clause_id: str | None = None, text: str | None = None, k: int = 10) -> list[SimilarMeasure]:
        """Measures in other documents similar to a clause (or a free text), best first.

        Raises:
            ValueError: neither or both of ``clause_id`` and ``text`` given.
            NotFoundError: unknown clause id.
        """
        from search.similar import similar_measures

        if (clause_id is None) == (text is None):
            raise ValueError("give exactly one of clause_id or text")
        if clause_id is not None and clause_id not in self.index:
            raise NotFoundError(f"条款不存在 / clause not found: {clause_id}")
        hits = similar_measures(self.index, clause_id if clause_id is not None else text, k=k)
        return [r for h in hits if (r := self._result(h.clause_id, h.score)) is not None]

    # --- browsing ------------------------------------------------------------------------------
    def agency(self, name: str) -> AgencyProfile:
        """An agency (by name or canonical name) and its duties.

        Raises:
            NotFoundError: no such agency.
        """
        rows = self.store.clauses_of_agency(name)
        found = next((a for a in self.store.agencies() if name in (a.name, a.canonical)), None)
        if found is None:
            raise NotFoundError(f"部门不存在 / agency not found: {name}")
        return AgencyProfile(found, tuple(rows))

    def targets(
        self,
        indicator: str | None = None,
        region: str | None = None,
        year: int | None = None,
        doc_id: str | None = None,
    ) -> list[Target]:
        """Targets from the graph (indicator aliases normalised, e.g. 单位GDP能耗)."""
        if indicator:
            match = _indicator_matcher()
            indicator = (match(indicator) if match else None) or indicator
        return self.store.targets(indicator=indicator, region=region, year=year, doc_id=doc_id)

    def documents(self) -> list[Document]:
        return self.store.documents()

    def document_outline(self, doc_id: str) -> list[OutlineEntry]:
        """The document's clauses in order with depth and their agencies.

        Raises:
            NotFoundError: unknown document.
        """
        if self.store.document(doc_id) is None:
            raise NotFoundError(f"文件不存在 / document not found: {doc_id}")
        clauses = self.store.clauses(doc_id)
        depth: dict[str, int] = {}
        out = []
        for c in clauses:
            d = depth.get(c.parent_id, -1) + 1 if c.parent_id else 0
            depth[c.clause_id] = d
            names = tuple(ar.agency.name for ar in self.store.responsibilities(c.clause_id))
            out.append(OutlineEntry(c.clause_id, c.path, c.heading, c.kind, d, names))
        return out

    def clause(self, clause_id: str) -> SearchResult:
        """One clause with document, agencies and targets.

        Raises:
            NotFoundError: unknown clause.
        """
        c = self.store.clause(clause_id)
        if c is None:
            raise NotFoundError(f"条款不存在 / clause not found: {clause_id}")
        roles = self.store.responsibilities(clause_id)
        from search.qa import QAEngine

        targets = tuple(
            AnswerTarget(t.indicator, t.value, t.unit, t.target_year, t.region, t.qualifier)
            for t in self.store.targets(clause_id=clause_id)
        )
        return SearchResult(c, self.store.document(c.doc_id), tuple(QAEngine.answer_agencies(roles)), 1.0, targets)

    def stats(self) -> dict[str, Any]:
        """Graph counts plus index size and whether the model is loaded."""
        out: dict[str, Any] = dict(self.store.stats())
        out["documents"] = len(self.store.documents())
        out["index"] = {
            "path": str(self.index_dir),
            "built": (self.index_dir / "manifest.json").is_file(),
            "clauses": len(self._index) if self._index is not None else None,
        }
        out["model_loaded"] = self._embedder.loaded
        return out

    def close(self) -> None:
        self.store.close()


class _nullcontext:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> None:
        return None
