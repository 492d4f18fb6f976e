"""``PolicyKG``: the one library facade behind the CLI, the HTTP API and the Streamlit UI.

It is deliberately thin: parsing is ``ingest.pipeline``, storage the ``GraphStore``, retrieval
``search.index.SearchIndex``, answering :mod:`search.qa`. What it adds is orchestration:
skip-unchanged ingest with per-file errors, index rebuild after changes, one writer at a time per
store, readers that follow the store's generation, and lazy loading (the embedding model loads
once, the first time something needs it).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.networkx_store import file_stamp
from ingest.errors import ConfigError, IndexNotBuiltError, IngestError, NotFoundError, QuestionTooLongError, StoreUnavailableError
from ingest.records import Agency, Clause, Document, Responsibility, Target
from search.answer import Answer, AnswerAgency, AnswerTarget

if TYPE_CHECKING:
    from graph.store import GraphStore
    from search.qa import QAEngine

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
    aborted: str = ""  # why the run stopped early (the database went away); remaining files are in failed
    # (file name, doc_id): files whose content (hash of the repaired text) is already stored under
    # another name; not added again unless forced
    duplicates: tuple[tuple[str, str], ...] = ()

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
            "aborted": self.aborted,
            "duplicates": [{"path": name, "existing": doc_id, "message": f"already stored as {doc_id}"}
                           for name, doc_id in self.duplicates],
        }

    def __str__(self) -> str:
        lines = [
            f"新增 added {len(self.added)}, 更新 updated {len(self.updated)}, 未变 skipped {len(self.skipped)}, "
            f"失败 failed {len(self.failed)} ({self.seconds:.1f}s)"
        ]
        lines += [f"  = {name}: 内容已入库为 {doc_id} / already stored as {doc_id}" for name, doc_id in self.duplicates]
        if self.aborted:
            lines.append(f"已中止 / stopped: {self.aborted}")
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
REPAIR_HINT = "运行 policykg reindex 修复 / run `policykg reindex` to repair it"
NOT_INGESTED = "未导入：数据库已不可用，请恢复后重新运行 ingest / not ingested: the database became unreachable; rerun ingest"


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
        max_question_chars: longest question ``ask`` accepts.
        max_text_bytes: largest extracted text ``ingest`` parses (default: ``ingest.readers``'s).
        read_mode: ``"per_query"`` (a Neo4j store only: every question reads the graph, the vector
            and the full-text indexes through Cypher; the process holds nothing corpus-sized),
            ``"snapshot"`` (the whole graph and the search index files in memory), or ``"auto"``
            (per_query when the store supports it, else snapshot).
        read_cache_clauses: per_query mode: clauses a reader caches, and the largest scope ranked whole.
        write_lock_timeout: seconds ``ingest`` / ``remove`` wait for another writer of the same
            store folder before StoreBusyError.
        on_message: receives progress notes meant for the user (waiting for a writer, repairing the
            index); None: silent.

    Several processes may share one store: every read method first calls
    :meth:`refresh_if_changed` (one ``stat`` or one small query), so a long-lived API or UI
    process answers from the store's current generation; writers hold the store folder's write
    lock (``graph.lock``) for a whole ingest or remove.
    """

    def __init__(
        self,
        store: GraphStore,
        index_dir: Path,
        embedder_factory: Callable[[], Any],
        *,
        gazetteer: Any = None,
        embedding_cache: Path | None = None,
        max_question_chars: int = DEFAULT_MAX_QUESTION_CHARS,
        write_lock_timeout: float = 600.0,
        on_message: Callable[[str], None] | None = None,
        max_text_bytes: int | None = None,
        read_mode: str = "auto",
        read_cache_clauses: int = 20_000,
    ):
        supports = callable(getattr(store, "search_copy_docs", None))
        if read_mode not in ("auto", "snapshot", "per_query"):
            raise ConfigError(f"unknown read mode {read_mode!r}; valid: auto, snapshot, per_query")
        if read_mode == "per_query" and not supports:
            raise ConfigError("per_query 读取模式需要 Neo4j / read mode per_query needs the Neo4j store")
        self.read_mode = ("per_query" if supports else "snapshot") if read_mode == "auto" else read_mode
        self.read_cache_clauses = read_cache_clauses
        # a Neo4j store keeps a search copy (vectors, terms) in the database whatever this process's
        # read mode, so per-query readers elsewhere stay in line with any writer
        self.keeps_search_copy = supports
        self.max_text_bytes = max_text_bytes
        self.max_question_chars = max_question_chars
        self.store = store
        self.embedding_cache = Path(embedding_cache) if embedding_cache else None
        self.index_dir = Path(index_dir)
        self._embedder = _LazyEmbedder(embedder_factory)
        self._gazetteer = gazetteer
        self._index: Any = None
        self._engine: QAEngine | None = None
        self._generation: int | None = None  # store generation the cached snapshot was built from
        self._index_stamp: tuple[int, int, int] | None = None  # the index manifest file the index came from
        self.write_lock_timeout = write_lock_timeout
        self.on_message = on_message

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
        """The search index, loaded from ``index_dir`` on first use.

        Read paths never build it (a build embeds every clause: minutes): a missing or damaged index
        is an error telling how to repair it; an index behind the store is used as it is (see
        :meth:`index_state`).

        Raises:
            IndexNotBuiltError: no usable index (the message names the folder and the repair command).
        """
        if self._index is None and self.per_query:
            self._index = self._store_index()
        if self._index is None:
            from search.index import SearchIndex

            self._index_stamp = file_stamp(self.index_dir / "manifest.json")
            try:
                self._index = SearchIndex.load(self.index_dir, self._embedder)
            except IndexNotBuiltError as e:
                if not self.store.documents():
                    raise
                raise IndexNotBuiltError(f"{e}（{REPAIR_HINT}）") from e
        return self._index

    @property
    def per_query(self) -> bool:
        """Whether readers query the store per question (Neo4j) instead of holding a snapshot."""
        return self.read_mode == "per_query"

    def _store_index(self) -> Any:
        """The search index read from the database (per_query mode)."""
        from search.index import BM25Tokenizer
        from search.store_index import StoreSearchIndex

        if not self.store.search_copy_docs():
            if not self.store.documents():
                raise IndexNotBuiltError("索引不存在，请先运行 policykg ingest / index not built; run policykg ingest")
            raise IndexNotBuiltError(
                f"数据库中没有检索副本 / the database holds no search copy yet（{REPAIR_HINT}）"
            )
        return StoreSearchIndex(self.store, self._embedder, BM25Tokenizer(self._user_words()), self._doc_meta())

    # --- several processes, one store ----------------------------------------------------------
    def refresh_if_changed(self) -> bool:
        """Drop the cached snapshot / index when the store or the index moved on (any process's write).

        Returns:
            True when something was dropped (it is reloaded lazily on next use).
        """
        changed = False
        generation = self.store.generation()
        if generation != self._generation:
            self._generation = generation
            self._engine = None
            changed = True
        if changed and self.per_query:
            self._index = None  # the search copy moves with the store's generation
        if (self._index is not None and not self.per_query
                and file_stamp(self.index_dir / "manifest.json") != self._index_stamp):
            self._index = None
            self._engine = None
            changed = True
        return changed

    def index_state(self) -> dict[str, Any]:
        """How the search index compares with the store, per document content hash.

        Returns:
            ``{"built", "behind", "missing", "stale", "extra", "message"}``: documents in the store but
            not in the index, indexed from another version, or indexed but no longer stored; ``behind``
            is True when any list is non-empty (or the index predates per-document hashes).
        """
        from search.index import read_index_manifest

        docs = {d.doc_id: d.content_hash for d in self.store.documents()}
        if self.per_query:
            # this process reads the database's copy only: the local index files do not matter here
            # (a write replaces a document's copy, so a changed document shows as missing)
            has_copy, missing, extra = self._copy_behind(docs)
            return self._state(has_copy, missing, [], extra)
        manifest = read_index_manifest(self.index_dir)
        if manifest is None:
            indexed: dict[str, str] | None = {}
        else:
            indexed = manifest.get("doc_hashes")
        if indexed is None:  # built before indexes recorded their documents
            missing, stale, extra = [], sorted(docs), []
        else:
            missing = sorted(set(docs) - set(indexed))
            stale = sorted(d for d in docs if d in indexed and indexed[d] != docs[d])
            extra = sorted(set(indexed) - set(docs))
        if self.keeps_search_copy:  # per-query readers search the database's copy: it must match too
            _has_copy, copy_missing, copy_extra = self._copy_behind(docs)
            missing = sorted(set(missing) | set(copy_missing))
            extra = sorted(set(extra) | set(copy_extra))
        return self._state(manifest is not None, missing, stale, extra)

    def _copy_behind(self, docs: Mapping[str, str]) -> tuple[bool, list[str], list[str]]:
        """(any copy at all, documents whose database search copy is missing, of another clause count or
        without its vector block, documents copied but no longer stored)."""
        have = self.store.search_copy_docs()
        counts = self.store.clause_counts()
        blocked = self.store.copy_block_docs()
        missing = sorted(d for d in docs if have.get(d) != counts.get(d) or (d in have and d not in blocked))
        return bool(have), missing, sorted(set(have) - set(docs))

    @staticmethod
    def _state(built: bool, missing: list[str], stale: list[str], extra: list[str]) -> dict[str, Any]:
        behind = bool(missing or stale or extra)
        message = ""
        if behind:
            message = (
                f"搜索索引落后于图谱：缺 {len(missing)} 个文件、过期 {len(stale)} 个、多余 {len(extra)} 个 / the search index "
                f"is behind the graph: {len(missing)} documents missing, {len(stale)} stale, {len(extra)} removed. "
                + REPAIR_HINT
            )
        return {"built": built, "behind": behind, "missing": missing, "stale": stale, "extra": extra,
                "message": message}

    def reindex(self, *, progress: bool = False) -> dict[str, Any]:
        """Bring the search index in line with the store (a write command: takes the write lock).

        Only texts the embedding cache lacks are embedded, so repairing after an interrupted ingest
        costs the missing part, not a full rebuild. Returns the :meth:`index_state` found before.
        """
        with self._writing():
            state = self.index_state()
            if state["behind"] or not state["built"]:
                self._sync_index(state, progress)
            return state

    def _note(self, message: str) -> None:
        if self.on_message is not None:
            self.on_message(message)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """The store folder's write lock, temp files of interrupted writers removed, state re-read."""
        from graph.lock import write_lock

        with write_lock(self.index_dir.parent, self.write_lock_timeout, on_wait=self._note):
            _remove_leftovers(self.index_dir)
            self.refresh_if_changed()  # another writer may have committed while we waited
            yield

    def _sync_index(self, state: dict[str, Any], progress: bool) -> bool:
        """Rebuild the index from the store (cache-backed), or delete it when the store is empty.

        ``state`` is the :meth:`index_state` found before this command wrote anything: when it was
        already behind (an interrupted writer), the user is told what is being repaired.
        """
        documents = self.store.documents()
        if not documents:
            if self.index_dir.exists():
                shutil.rmtree(self.index_dir)
            self._index = None
            if self.keeps_search_copy:
                self.store.delete_search_copy()
            return False
        if state.get("behind"):
            self._note(
                f"修复索引 / repairing the index: {len(state['missing'])} missing, {len(state['stale'])} stale, "
                f"{len(state['extra'])} removed"
            )
        self._index = self._current_file_index(documents) or self._rebuild_index(show_progress=progress)
        if self.keeps_search_copy:
            from search.store_index import sync_search_copy

            step = max(1, len(documents) // 10)

            def report(done: int, total: int, doc_id: str) -> None:
                if progress and (done == total or done % step == 0):
                    self._note(f"检索副本 / search copy in the database: {done}/{total} documents")

            sync_search_copy(self.store, self._index, on_progress=report)
        if self.per_query:
            self._index = None  # this process reads the database's copy (built on next use)
        return True

    def _current_file_index(self, documents: Sequence[Document]) -> Any:
        """The index files when they already match the stored ``documents`` one for one (only the
        database's search copy is behind: it is written from them, nothing is rebuilt); else None."""
        if not self.keeps_search_copy:
            return None
        from search.index import SearchIndex, read_index_manifest

        manifest = read_index_manifest(self.index_dir)
        docs = {d.doc_id: d.content_hash for d in documents}
        if manifest is None or manifest.get("doc_hashes") != docs:
            return None
        try:
            return SearchIndex.load(self.index_dir, self._embedder)
        except IndexNotBuiltError:
            return None

    @property
    def engine(self) -> QAEngine:
        """The QA engine (store snapshot cached; rebuilt after ingest/remove)."""
        if self._engine is None:
            from search.qa import QAEngine

            try:
                index = self.index
            except IndexNotBuiltError:
                index = None
            read_model = None
            if self.per_query:
                from search.querymodel import StoreReadModel

                cap = self.read_cache_clauses

                def read_model(store: Any, gazetteer: Any) -> Any:
                    return StoreReadModel(store, gazetteer, max_cached_clauses=cap)

            self._engine = QAEngine(
                self.store,
                index,
                self.gazetteer,
                topic_matcher=_topic_matcher(),
                indicator_matcher=_indicator_matcher(),
                agency_normaliser=_agency_normaliser(),
                read_model=read_model,
            )
        return self._engine

    def warm_up(self) -> None:
        """Load the model, the index and the store snapshot now (first question is then fast)."""
        self.refresh_if_changed()  # record the store's generation, or the first question reloads everything
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
        from ingest.readers import iter_files

        t0 = time.perf_counter()
        files = iter_files(paths)
        with self._writing():
            return self._ingest_locked(files, progress, force, t0)

    def _ingest_locked(self, files: list[Path], progress: ProgressFn | None, force: bool, t0: float) -> IngestReport:
        from ingest.metadata import doc_id_from_source
        from ingest.pipeline import parse_file
        from search.provenance import file_sha256

        limit = {"max_text_bytes": self.max_text_bytes} if self.max_text_bytes else {}
        found = self.index_state()  # before this run's writes: behind means an earlier writer was interrupted
        added: list[str] = []
        updated: list[str] = []
        skipped: list[str] = []
        failed: list[IngestError] = []
        warnings: list[str] = []
        duplicates: list[tuple[str, str]] = []
        aborted = ""
        # content hash -> doc_id: a renamed copy of a stored file is reported, not stored twice
        # (read inside the loop, so an unreachable store is reported like any other store failure)
        stored_as: dict[str, str] | None = None
        file_hashes: dict[str, str] | None = None  # doc_id -> sha256 of the stored file's bytes
        bulk = getattr(self.store, "bulk", None)
        ctx = bulk() if callable(bulk) else _nullcontext()
        with ctx:
            for i, path in enumerate(files, start=1):
                status = "failed"
                try:
                    if not force:
                        # the very bytes stored before: skip without parsing (a warm re-ingest of a large
                        # corpus costs one read + hash per file); --force re-parses after an upgrade
                        if file_hashes is None:
                            file_hashes = {d.doc_id: d.file_hash for d in self.store.documents() if d.file_hash}
                        stored = file_hashes.get(doc_id_from_source(path.name))
                        if stored is not None and stored == file_sha256(path):
                            skipped.append(doc_id_from_source(path.name))
                            status = "skipped"
                            if progress is not None:
                                progress(i, len(files), path, status)
                            continue
                    parsed = parse_file(path, **limit)
                    doc = parsed.document
                    old = self.store.content_hash(doc.doc_id)
                    if stored_as is None:
                        stored_as = {d.content_hash: d.doc_id for d in self.store.documents() if d.content_hash}
                    if old is not None and old == doc.content_hash and not force:
                        skipped.append(doc.doc_id)
                        status = "skipped"
                    elif stored_as.get(doc.content_hash, doc.doc_id) != doc.doc_id and not force:
                        duplicates.append((path.name, stored_as[doc.content_hash]))
                        status = "duplicate"
                    else:
                        stored_as[doc.content_hash] = doc.doc_id
                        self.record_revision(parsed)  # a revised file: the stored version is kept as doc@vN
                        self.store.write_document(parsed)
                        self.keep_original(doc.doc_id, path)  # <store>/originals/: download, page images
                        (updated if old is not None else added).append(doc.doc_id)
                        status = "updated" if old is not None else "added"
                        warnings.extend(f"{path.name}: {w}" for w in parsed.warnings)
                except StoreUnavailableError as e:
                    # the database went away (after the store's bounded retry window): stop here,
                    # report this file and every remaining one as not ingested, touch nothing else
                    aborted = str(e)
                    failed.append(IngestError(str(path), aborted))
                    failed.extend(IngestError(str(rest), NOT_INGESTED) for rest in files[i:])
                    if progress is not None:
                        progress(len(files), len(files), path, status)
                    break
                except IngestError as e:
                    failed.append(e)
                except Exception as e:  # an unexpected parser/store failure still names the file
                    failed.append(IngestError(str(path), f"{type(e).__name__}: {e}"))
                if progress is not None:
                    progress(i, len(files), path, status)
        if aborted:
            return IngestReport(
                tuple(added), tuple(updated), tuple(skipped), tuple(failed), tuple(warnings), False,
                time.perf_counter() - t0, aborted=aborted, duplicates=tuple(duplicates),
            )
        rebuilt = False
        state = self.index_state()
        if added or updated or state["behind"] or not state["built"]:
            rebuilt = self._sync_index(found, progress is not None)
        self._engine = None
        return IngestReport(
            tuple(added), tuple(updated), tuple(skipped), tuple(failed), tuple(warnings), rebuilt,
            time.perf_counter() - t0, duplicates=tuple(duplicates),
        )

    def remove(self, doc_id: str) -> bool:
        """Delete a document and bring the index in line (write lock held); True if it existed."""
        with self._writing():
            found = self.index_state()
            existed = self.store.remove_document(doc_id)
            if existed:
                from search.provenance import remove_original

                remove_original(self.store_dir, doc_id)
            if existed or found["behind"]:
                self._sync_index(found, False)
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
        # what the index was built from: any later reader or writer can tell whether it is behind
        index.manifest["doc_hashes"] = {d.doc_id: d.content_hash for d in self.store.documents()}
        index.manifest["generation"] = self.store.generation()
        index.save(self.index_dir)
        self._index_stamp = file_stamp(self.index_dir / "manifest.json")
        return index

    # --- questions -----------------------------------------------------------------------------
    def ask(self, question: str) -> Answer:
        """Answer one question (see :mod:`search.qa`).

        Raises:
            QuestionTooLongError: the question is longer than ``max_question_chars`` (checked before
                any parsing, so one long request cannot tie up the service).
        """
        self.refresh_if_changed()
        if len(question) > self.max_question_chars:
            raise QuestionTooLongError(len(question), self.max_question_chars)
        return self.engine.answer(question)

    def ask_many(self, questions: Sequence[str]) -> list[Answer]:
        """Answer several questions with one model/index load (each within the length limit)."""
        self.refresh_if_changed()
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
        self.refresh_if_changed()
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
        self.refresh_if_changed()
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
        self.refresh_if_changed()
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
        self.refresh_if_changed()
        if indicator:
            match = _indicator_matcher()
            indicator = (match(indicator) if match else None) or indicator
        return self.store.targets(indicator=indicator, region=region, year=year, doc_id=doc_id)

    def documents(self) -> list[Document]:
        self.refresh_if_changed()
        return self.store.documents()

    def document_outline(self, doc_id: str) -> list[OutlineEntry]:
        """The document's clauses in order with depth and their agencies.

        Raises:
            NotFoundError: unknown document.
        """
        self.refresh_if_changed()
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
        self.refresh_if_changed()
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
        self.refresh_if_changed()
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

    # --- provenance: originals and page images (issue 14) ---------------------------------------
    @property
    def store_dir(self) -> Path:
        """The store folder (the index folder's parent): originals and the page-image cache live there."""
        return self.index_dir.parent

    def _document(self, doc_id: str) -> Document:
        doc = self.store.document(doc_id)
        if doc is None:
            raise NotFoundError(f"文件不存在 / document not found: {doc_id}")
        return doc

    def keep_original(self, doc_id: str, path: Path | str) -> Path:
        """Keep a copy of an ingested file in the store folder (``originals/``), for download and page images."""
        from search.provenance import keep_original

        return keep_original(self.store_dir, doc_id, Path(path))

    def original_file(self, doc_id: str) -> Path:
        """The document's source file (the kept copy, else the ingested path while unchanged).

        Raises:
            NotFoundError: unknown document, or its original is not available.
        """
        self.refresh_if_changed()
        from search.provenance import require_original

        return require_original(self.store_dir, self._document(doc_id))

    def page_image(self, doc_id: str, page: int, clause_id: str | None = None) -> Path:
        """A page of the document's PDF as a PNG (cached), the clause's lines highlighted when given.

        Raises:
            NotFoundError: unknown document or clause, no original, not a PDF, or no such page.
        """
        self.refresh_if_changed()
        from search.provenance import page_png

        doc = self._document(doc_id)
        clause = None
        if clause_id:
            clause = self.store.clause(clause_id)
            if clause is None:
                raise NotFoundError(f"条款不存在 / clause not found: {clause_id}")
        return page_png(self.store_dir, doc, page, clause)

    # --- document versions and what changed (issue 14) ------------------------------------------
    def record_revision(self, parsed: Any, superseded_at: str = "") -> str | None:
        """Before ``parsed`` replaces the stored document of the same doc_id: keep the stored one as
        ``<doc_id>@v<n>`` when the file is a revision (other content from other bytes; the same file
        re-parsed, e.g. by ``ingest --force`` after an upgrade, is not a revision).

        Returns:
            The kept version's id, or None when nothing was kept.
        """
        new = parsed.document
        old = self.store.document(new.doc_id)
        if old is None or old.content_hash == new.content_hash:
            return None
        if old.file_hash and old.file_hash == new.file_hash:
            return None
        return self.store.archive_document(new.doc_id, superseded_at=superseded_at)

    def document_versions(self, doc_id: str) -> list[Any]:
        """The kept earlier versions of a document, oldest first (``graph.store.DocumentVersion``).

        Raises:
            NotFoundError: unknown document.
        """
        self.refresh_if_changed()
        versions = self.store.document_versions(doc_id)
        if not versions:
            self._document(doc_id)
        return versions

    def diff(self, a: str, b: str) -> Any:
        """What changed from document ``a`` to ``b`` (``doc_id@v1`` names a kept earlier version).

        Returns:
            A ``search.diff.DocumentDiff``.

        Raises:
            NotFoundError: an unknown document or version.
        """
        self.refresh_if_changed()
        from search.diff import diff_documents

        return diff_documents(self.store, a, b)

    def implementation_map(self, doc_id: str) -> Any:
        """Which lower-level plans take up each measure of a document (lineage and similarity), with
        their lead agencies and targets beside its own, and the gaps.

        Returns:
            A ``search.implmap.ImplementationMap``.

        Raises:
            NotFoundError: unknown document.
        """
        self.refresh_if_changed()
        from search.implmap import build_map

        return build_map(self.store, doc_id)


def _remove_leftovers(index_dir: Path) -> None:
    """Temp files and folders a killed writer left in the store folder (called with the write lock held)."""
    folder = index_dir.parent
    if not folder.is_dir():
        return
    for pattern in (".graph-*.tmp", f".{index_dir.name}.tmp-*", f".{index_dir.name}.old-*"):
        for leftover in folder.glob(pattern):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


class _nullcontext:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> None:
        return None
