"""The per-query read model: what QA reads from a Neo4j store without copying the whole graph.

:class:`StoreReadModel` answers the same calls as :class:`search.readmodel.ReadModel`, but holds
only the small, corpus-wide lists (documents, agencies, clause counts per document) and loads a
document's clauses and targets when a question touches it, in one query per batch of documents,
into a bounded cache (``max_cached_clauses``; the documents loaded longest ago are evicted first; one lock
serialises loads, so the API's worker threads may share one model). Text forms (bigrams, plain text)
are computed per clause on first use; substring counts for IDF come from the store's text index.

A question whose scope is small enough (at most ``max_cached_clauses`` clauses: a region's or a
named document's plans) is ranked over every clause of its scope, exactly as the snapshot does.
A wider scope (a national question over thousands of documents) is first narrowed to the
documents holding its best retrieval and full-text hits (:meth:`StoreReadModel.rank_scope`), so
a reader's memory and time stay bounded however large the corpus grows.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from search.docref import normalise_doc_number
from search.question import normalise
from search.readmodel import ReadModel, bigrams, bundled_parts, lead_in, paragraph_heads, part_titles, strip_markup

if TYPE_CHECKING:
    from graph.neo4j_store import Neo4jGraphStore
    from graph.store import AgencyRole
    from ingest.records import Clause, Target
    from ingest.regions import Gazetteer

#: default bound of the clause cache (and of a scope ranked whole)
MAX_CACHED_CLAUSES = 20_000
#: documents fetched per query when a scope is loaded
FETCH_BATCH = 200
#: full-text hits that nominate documents when a wide scope is narrowed
NARROW_TEXT_HITS = 300


class _DocBundle:
    """One document's clauses, their children and targets, and text forms computed on first use."""

    def __init__(
        self, clauses: list[Clause], targets: list[Target], roles: dict[str, list[AgencyRole]], place: str = ""
    ):
        self.clauses = clauses
        self.roles = roles
        self.by_id = {c.clause_id: c for c in clauses}
        self.children: dict[str, list[Clause]] = {}
        for c in clauses:
            if c.parent_id:
                self.children.setdefault(c.parent_id, []).append(c)
        self.targets: dict[str, list[Target]] = {}
        for t in targets:
            self.targets.setdefault(t.clause_id, []).append(t)
        self.forms: dict[str, dict[str, Any]] = {}
        self.plans = bundled_parts(clauses, place)
        self.part_titles = part_titles(self.plans)

    def lead_in_of(self, c: Clause) -> str:
        """:func:`search.readmodel.lead_in` of the clause's parent (in this document), and the title of the bundled plan
        the clause belongs to (:func:`search.readmodel.part_titles`), as the snapshot reads them."""
        return lead_in(self.by_id.get(c.parent_id) if c.parent_id else None) + self.part_titles.get(c.clause_id, "")

    def form(self, name: str, clause_id: str) -> Any:
        cache = self.forms.setdefault(name, {})
        if clause_id not in cache:
            c = self.by_id[clause_id]
            if name == "heading_bg":
                cache[clause_id] = bigrams(c.heading)
            elif name == "para_heads_bg":
                cache[clause_id] = paragraph_heads(c.text)
            elif name == "text_bg":
                cache[clause_id] = bigrams(strip_markup(c.text) + self.lead_in_of(c))
            elif name == "plain":
                cache[clause_id] = normalise(strip_markup(c.text)).lower()
            else:  # plain_heading
                cache[clause_id] = self.form("plain", clause_id) + normalise(c.heading + self.lead_in_of(c)).lower()
        return cache[clause_id]


class _ClauseView:
    """A read-only mapping ``clause_id -> value`` over the cached documents (loaded on access)."""

    def __init__(self, model: StoreReadModel, get: Any, size: Any = None):
        self._model = model
        self._get = get
        self._size = size

    def get(self, clause_id: str, default: Any = None) -> Any:
        bundle = self._model._clause_bundle.get(clause_id)  # the hot path: a cached clause, one lookup
        if bundle is None:
            bundle = self._model._bundle_of_clause(clause_id)
            if bundle is None or clause_id not in bundle.by_id:
                return default
        return self._get(bundle, clause_id)

    def __getitem__(self, clause_id: str) -> Any:
        missing = object()
        got = self.get(clause_id, missing)
        if got is missing:
            raise KeyError(clause_id)
        return got

    def __contains__(self, clause_id: object) -> bool:
        if not isinstance(clause_id, str):
            return False
        if clause_id in self._model._clause_bundle:
            return True
        bundle = self._model._bundle_of_clause(clause_id)
        return bundle is not None and clause_id in bundle.by_id

    def __len__(self) -> int:
        return self._size() if self._size is not None else self._model.clause_total

    def __iter__(self) -> Iterator[str]:
        raise TypeError("the per-query read model does not iterate over every clause; ask for a document's")


class _DocView:
    """A read-only mapping ``doc_id -> list of clauses`` (loaded on access)."""

    def __init__(self, model: StoreReadModel):
        self._model = model

    def get(self, doc_id: str, default: Any = None) -> Any:
        bundle = self._model._bundle_of(doc_id)
        return default if bundle is None or not bundle.clauses else bundle.clauses

    def __getitem__(self, doc_id: str) -> list[Clause]:
        got = self.get(doc_id)
        if got is None:
            raise KeyError(doc_id)
        return got

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self.get(doc_id) is not None


class StoreReadModel(ReadModel):
    """A read model that queries the store per question (see the module docstring).

    Args:
        store: a graph store with the batch reads of ``graph.neo4j_store.Neo4jGraphStore``
            (``clauses_of_documents``, ``targets_of_documents``, ``clause_counts``,
            ``count_containing``, ``terms_search``).
        gazetteer: region hierarchy for region descent.
        max_cached_clauses: bound of the clause cache, and the largest scope ranked whole.
    """

    def __init__(self, store: Neo4jGraphStore, gazetteer: Gazetteer | None = None, *,
                 max_cached_clauses: int = MAX_CACHED_CLAUSES):
        self.store = store
        self.gazetteer = gazetteer
        self.max_cached_clauses = max_cached_clauses
        self.docs = {d.doc_id: d for d in store.documents()}
        self._ancestor_cache: dict[str, frozenset[str]] = {}
        self.clause_counts = {d: n for d, n in store.clause_counts().items() if d in self.docs}
        self.clause_total = sum(self.clause_counts.values())
        self._bundles: OrderedDict[str, _DocBundle] = OrderedDict()
        self._clause_bundle: dict[str, _DocBundle] = {}  # every cached clause's bundle (kept with _bundles)
        self._lock = threading.RLock()
        self._cached = 0
        self._df_cache: dict[str, int] = {}
        self._bigram_counts_complete: bool | None = None  # read on the first count
        self._horizon_cache: dict[str, int] = {}
        self._period_cache: dict[str, set[tuple[int, int]]] = {}
        self._headers: dict[str, str] | None = None
        self.clauses = _ClauseView(self, lambda b, cid: b.by_id[cid])
        self.by_doc = _DocView(self)
        self.children = _ClauseView(self, lambda b, cid: b.children.get(cid, []))
        self.targets_by_clause = _ClauseView(self, lambda b, cid: b.targets.get(cid, []))
        self.heading_bg = _ClauseView(self, lambda b, cid: b.form("heading_bg", cid))
        self.para_heads_bg = _ClauseView(self, lambda b, cid: b.form("para_heads_bg", cid))
        self.text_bg = _ClauseView(self, lambda b, cid: b.form("text_bg", cid))
        self.plain = _ClauseView(self, lambda b, cid: b.form("plain", cid))
        self.plain_heading = _ClauseView(self, lambda b, cid: b.form("plain_heading", cid))
        self.agencies = list(store.agencies())
        self.doc_titles = {d: doc.title for d, doc in self.docs.items()}
        self.doc_numbers = {d: normalise_doc_number(doc.doc_number) for d, doc in self.docs.items()}
        self.doc_regions = {d.region for d in self.docs.values() if d.region}

    # ------------------------------------------------------------------------- the clause cache
    @property
    def cached_clauses(self) -> int:
        """How many clauses the cache holds now."""
        return self._cached

    def _bundles_of(self, doc_ids: Sequence[str]) -> dict[str, _DocBundle]:
        """The bundles of some documents, loading the missing ones in batches (LRU order refreshed)."""
        with self._lock:
            return self._load(doc_ids)

    def _load(self, doc_ids: Sequence[str]) -> dict[str, _DocBundle]:
        out: dict[str, _DocBundle] = {}
        missing = [d for d in dict.fromkeys(doc_ids) if d not in self._bundles and d in self.docs]
        for i in range(0, len(missing), FETCH_BATCH):
            batch = missing[i : i + FETCH_BATCH]
            clauses: dict[str, list[Clause]] = {d: [] for d in batch}
            for c in self.store.clauses_of_documents(batch):
                clauses[c.doc_id].append(c)
            targets: dict[str, list[Target]] = {d: [] for d in batch}
            for t in self.store.targets_of_documents(batch):
                targets.setdefault(t.clause_id.split("#", 1)[0], []).append(t)
            roles: dict[str, dict[str, list[AgencyRole]]] = {d: {} for d in batch}
            for cid, got in self.store.responsibilities_of_documents(batch).items():
                roles.setdefault(cid.split("#", 1)[0], {})[cid] = got
            for d in batch:
                if d not in self._bundles:  # counted once, however it got here
                    bundle = self._bundles[d] = _DocBundle(
                        clauses[d], targets.get(d, []), roles.get(d, {}), self.docs[d].region or ""
                    )
                    self._clause_bundle.update(dict.fromkeys(bundle.by_id, bundle))
                    self._cached += len(clauses[d])
        for d in doc_ids:
            b = self._bundles.get(d)
            if b is not None:
                self._bundles.move_to_end(d)
                out[d] = b
        self._trim(set(doc_ids))
        return out

    def _trim(self, keep: set[str]) -> None:
        """Evict least recently loaded documents, other than ``keep``, down to ``max_cached_clauses``."""
        for doc_id in list(self._bundles):
            if self._cached <= self.max_cached_clauses:
                break
            if doc_id not in keep:
                bundle = self._bundles.pop(doc_id)
                self._cached -= len(bundle.clauses)
                for cid in bundle.by_id:
                    self._clause_bundle.pop(cid, None)

    def _bundle_of(self, doc_id: str) -> _DocBundle | None:
        """One document's bundle: from the cache as it is (no reordering: this is the hot path of
        ranking), else loaded."""
        if not isinstance(doc_id, str):
            return None
        got = self._bundles.get(doc_id)
        if got is not None or doc_id not in self.docs:
            return got
        return self._bundles_of([doc_id]).get(doc_id)

    def _bundle_of_clause(self, clause_id: str) -> _DocBundle | None:
        if not isinstance(clause_id, str):
            return None
        return self._bundle_of(clause_id.split("#", 1)[0])

    def bundled_plans(self, doc_id: str) -> dict[str, tuple[str, frozenset[str]]]:
        """The plans a document bundles (read once with its clauses), {} for one of one plan."""
        bundle = self._bundle_of(doc_id)
        return bundle.plans if bundle is not None else {}

    def bundled_plan_title(self, clause_id: str) -> str:
        """The title of the plan a clause belongs to when its document bundles several (read with its document)."""
        bundle = self._bundle_of_clause(clause_id)
        return bundle.part_titles.get(clause_id, "") if bundle is not None else ""

    # ------------------------------------------------------------------------- graph facts
    def _roles(self, clause_id: str) -> list[AgencyRole]:
        """Every AgencyRole of the clause (read with its document's clauses)."""
        bundle = self._bundle_of_clause(clause_id)
        return list(bundle.roles.get(clause_id, [])) if bundle is not None else []

    # ------------------------------------------------------------------------- text statistics
    def df(self, term: str) -> int:
        """How many clauses' plain text holds the term (memoised; see :meth:`prefetch_df`)."""
        got = self._df_cache.get(term)
        if got is None:
            self.prefetch_df([term])
            got = self._df_cache.get(term)
            if got is None:  # a term the batch leaves out (the empty one)
                got = self._df_cache[term] = self.store.count_containing(term)
        return got

    def doc_horizon(self, doc_id: str) -> int:
        """The latest year a document speaks about, for every document in one query (the search copy)."""
        if not self._horizon_cache:
            self._horizon_cache.update(self.store.document_horizons())
            self._horizon_cache.setdefault("", 0)  # read once even when no document has a copy
        got = self._horizon_cache.get(doc_id)
        return super().doc_horizon(doc_id) if got is None else got

    def first_clauses(self, doc_ids: Sequence[str]) -> dict[str, Clause]:
        """Each document's first clause, in batched queries (documents are not loaded whole)."""
        out: dict[str, Clause] = {}
        ids = list(doc_ids)
        for i in range(0, len(ids), FETCH_BATCH):
            out.update(self.store.first_clauses(ids[i : i + FETCH_BATCH]))
        return out

    def prefetch_df(self, terms: Sequence[str]) -> None:
        """Count several terms (:meth:`df` then answers from memory): two-character terms from the
        store's bigram counts while every document's copy has its block (the text index cannot serve
        them: it would scan every clause), the rest through the text index, in one query each."""
        missing = [t for t in dict.fromkeys(terms) if t not in self._df_cache]
        if not missing:
            return
        if len(self._df_cache) > 50_000:
            self._df_cache.clear()
        if self._bigram_counts_complete is None:
            self._bigram_counts_complete = set(self.clause_counts) <= self.store.copy_block_docs()
        pairs = [t for t in missing if len(t) == 2] if self._bigram_counts_complete else []
        if pairs:
            self._df_cache.update(self.store.bigram_counts(pairs))
        rest = [t for t in missing if t not in self._df_cache]
        if rest:
            self._df_cache.update(self.store.count_containing_many(rest))

    @property
    def doc_headers(self) -> dict[str, str]:
        """The opening text of every document (read once, when a question names an unknown doc number or a rule's order
        number)."""
        if self._headers is None:
            self._headers = {}
            ids = sorted(self.docs)
            for i in range(0, len(ids), FETCH_BATCH):
                batch = ids[i : i + FETCH_BATCH]
                first = self.store.opening_texts(batch, 3)
                self._headers.update({d: " ".join(first.get(d, []))[:800] for d in batch})
        return self._headers

    # ------------------------------------------------------------------------- scope
    def rank_scope(self, doc_ids: Sequence[str], retrieved: Sequence[str], tokens: Callable[[], Sequence[str]]) -> list[str]:
        """The documents whose clauses are ranked for a question.

        The whole scope while it holds at most ``max_cached_clauses`` clauses (loaded in one batch);
        otherwise the scope's documents holding a retrieved clause or one of the best full-text hits
        of the question's tokens, in the scope's order.
        """
        doc_ids = list(doc_ids)
        if sum(self.clause_counts.get(d, 0) for d in doc_ids) <= self.max_cached_clauses:
            self._bundles_of(doc_ids)
            return doc_ids
        # documents by the rank of their first nomination (retrieval hits first, then full-text hits),
        # as many as the cache holds
        order = [cid.split("#", 1)[0] for cid in retrieved]
        words = list(tokens())
        if words:
            order += [d for _c, d, _s in self.store.terms_search(words, NARROW_TEXT_HITS)]
        in_scope = set(doc_ids)
        picked: set[str] = set()
        total = 0
        for d in dict.fromkeys(order):
            n = self.clause_counts.get(d, 0)
            if d not in in_scope or (picked and total + n > self.max_cached_clauses):
                continue
            picked.add(d)
            total += n
        narrowed = [d for d in doc_ids if d in picked]
        self._bundles_of(narrowed)
        return narrowed


__all__ = ["MAX_CACHED_CLAUSES", "StoreReadModel"]
