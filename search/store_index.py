"""The search index read from the database: what a stateless reader uses in Neo4j mode.

:class:`StoreSearchIndex` answers the same calls as :class:`search.index.SearchIndex` (``search``,
``search_vector``, ``similar_to_clause``, ``clause_vector``, ``clause_meta``) from the search copy
the writer keeps in Neo4j (:func:`sync_search_copy`): one ``(:Passage)`` vector per embedded text
and one ``(:ClauseTerms)`` per clause with its jieba tokens and plain text. Nothing corpus-sized is
held in the reading process:

* **dense**: exact max-pooled cosine in the reader over the scope's vector blocks (one
  ``(:CopyBlock)`` value per document holding its passage vectors, read once per document into a
  bounded cache, ``max_cached_vectors``) while the scope holds at most that many vectors; else exact
  max-pooled cosine in Cypher over the passages of the documents in scope while
  they hold at most ``exact_max_passages`` passage vectors (the same ranking as the file index's exact
  search), or while the vector index would have to return at least as many rows as the scope holds
  (a city's plans in a national store: scanning them in the database beats shipping a large share of
  the store over Bolt); otherwise the Neo4j vector index (HNSW, like the file index's own HNSW above
  20,000 vectors) with the scope applied to an over-fetched candidate list;
* **BM25**: Lucene's BM25 over the same jieba tokens the file index uses (whitespace full-text
  index), the scope applied to an over-fetched list; scores differ from ``rank_bm25``'s Okapi
  figures in scale, not in what is matched;
* **fusion**: the same reciprocal-rank fusion as the file index.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ingest.records import Clause, Hit
from search.index import (
    BM25_DEPTH,
    DENSE_DEPTH,
    RRF_K,
    BM25Tokenizer,
    meta_filter,
    rrf_fuse,
)
from search.question import normalise
from search.readmodel import latest_year

if TYPE_CHECKING:
    from graph.neo4j_store import Neo4jGraphStore
    from search.embedder import Embedder
    from search.index import SearchIndex

#: scopes up to this many passage vectors are ranked by exact cosine in Cypher (linear in the scope:
#: ≈ 60 ms at 5,000 here); larger ones by the vector index (HNSW), the scope applied to its hits
EXACT_MAX_PASSAGES = 5_000
#: scopes up to this many documents are put inside the full-text query (Lucene allows 1,024 clauses)
MAX_QUERY_DOCS = 400
#: how many more candidates than asked for are fetched when a scope is applied after the query
OVERFETCH = 8
#: passage vectors a reader keeps in memory (float32, ≈ 1.5 KB each at 384 dimensions: ≈ 92 MB); a
#: scope holding at most this many is ranked in the reader from its documents' vector blocks
MAX_CACHED_VECTORS = 60_000
#: documents whose vector blocks are read per query
BLOCK_BATCH = 100


class _VectorBlock:
    """One document's passage vectors, grouped by clause: ``rows[starts[i]:starts[i+1]]`` are the
    passages of ``clauses[i]`` (its own vector first), each row L2-normalised."""

    __slots__ = ("clauses", "rows", "starts")

    def __init__(self, clause_ids: list[str], rows: np.ndarray):
        ids = np.asarray(clause_ids, dtype=object)
        if not len(ids):
            self.clauses, self.rows, self.starts = [], np.zeros((0, 0), np.float32), np.zeros(0, np.int64)
            return
        uniq, inv = np.unique(ids, return_inverse=True)
        order = np.argsort(inv, kind="stable")  # a clause's rows together, in their written order
        grouped = rows[order]
        norms = np.linalg.norm(grouped, axis=1, keepdims=True)
        self.rows = (grouped / np.where(norms > 0, norms, 1.0)).astype(np.float32)
        inv = inv[order]
        self.starts = np.flatnonzero(np.r_[True, inv[1:] != inv[:-1]])
        self.clauses = [str(c) for c in uniq]

    def __len__(self) -> int:
        return len(self.rows)

    def pooled(self, qvec: np.ndarray) -> np.ndarray:
        """Max-pooled cosine of each clause to the (normalised) query."""
        if not len(self.clauses):
            return np.zeros(0, np.float32)
        return np.maximum.reduceat(self.rows @ qvec, self.starts)

    def clause_score(self, clause_id: str, qvec: np.ndarray) -> float | None:
        """Max-pooled cosine of one clause to the (normalised) query, None when the block lacks the clause."""
        i = _index_of(self.clauses, clause_id)
        if i is None:
            return None
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.rows)
        return float(np.max(self.rows[self.starts[i] : end] @ qvec))

    def first_row(self, clause_id: str) -> np.ndarray | None:
        """The clause's own vector (its first passage), None when the block lacks the clause."""
        i = _index_of(self.clauses, clause_id)
        return None if i is None else self.rows[self.starts[i]]


def _index_of(sorted_ids: list[str], item: str) -> int | None:
    """Position of ``item`` in a sorted list, None when absent."""
    i = bisect_left(sorted_ids, item)
    return i if i < len(sorted_ids) and sorted_ids[i] == item else None


def clause_plain(clause: Clause) -> str:
    """The clause's text as substring counts read it (bold markers dropped, normalised, lower-cased)."""
    return normalise((clause.text or "").replace("**", "")).lower()


def search_copy_rows(clauses: list[Clause], vectors: np.ndarray, vec_clause: np.ndarray,
                     tokens: list[list[str]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ``ClauseTerms`` and ``Passage`` rows of some clauses.

    Args:
        clauses: the clauses, position i = clause number i.
        vectors: the passage vectors (row r belongs to clause ``vec_clause[r]``).
        vec_clause: clause number of each vector row.
        tokens: the BM25 tokens of each clause.
    """
    terms = [
        {"clause_id": c.clause_id, "doc_id": c.doc_id, "tokens": " ".join(tokens[i]), "plain": plain,
         "n_tokens": len(tokens[i]), "max_year": latest_year(plain)}
        for i, c in enumerate(clauses)
        for plain in (clause_plain(c),)
    ]
    seq: dict[int, int] = {}
    passages = []
    for row, num in enumerate(vec_clause):
        c = clauses[int(num)]
        n = seq.get(int(num), 0)
        seq[int(num)] = n + 1
        passages.append({"clause_id": c.clause_id, "doc_id": c.doc_id, "seq": n,
                         "embedding": [float(x) for x in vectors[row]]})
    return terms, passages


def sync_search_copy(
    store: Neo4jGraphStore, index: SearchIndex, on_progress: Callable[[int, int, str], None] | None = None
) -> dict[str, int]:
    """Bring the database's search copy in line with a freshly built file index.

    Documents whose copy is missing or has another clause count are written (vectors and tokens
    taken from ``index``, nothing re-embedded); copies of documents no longer stored are dropped; a
    copy written before documents carried a block (``CopyBlock``: vectors in one value, bigram counts)
    gets the block alone.

    Returns:
        ``{"written": n, "dropped": n, "blocks": n}`` documents (``blocks``: blocks added to copies
        that lacked them).
    """
    dim = int(index.manifest["dim"])
    model = str(index.manifest.get("model", ""))
    if store.vector_dimension() not in (None, dim) or store.search_copy_model() not in (None, model):
        store.reset_search_copy()  # vectors of another model: every document's copy is rewritten
    store.set_search_copy_model(model)
    have = store.search_copy_docs()
    counts = store.clause_counts()
    stale = sorted(d for d, n in counts.items() if have.get(d) != n)
    dropped = sorted(set(have) - set(counts))
    for d in dropped:
        store.delete_search_copy(d)
    blocked = store.copy_block_docs()
    unblocked = sorted(d for d in counts if d in have and d not in stale and d not in blocked)
    if not stale and not unblocked:
        if dropped:
            store.bump_generation()
        return {"written": 0, "dropped": len(dropped), "blocks": 0}
    for n, doc_id in enumerate(stale, start=1):
        clauses = [c for c in store.clauses(doc_id) if c.clause_id in index]
        vectors, owners = index.passages_of([c.clause_id for c in clauses])
        terms, passages = search_copy_rows(clauses, vectors, np.asarray(owners, dtype=np.int64),
                                           [index.tokens_of(c.clause_id) for c in clauses])
        store.write_search_copy(doc_id, terms, passages, dim)
        if on_progress is not None:
            on_progress(n, len(stale) + len(unblocked), doc_id)
    for n, doc_id in enumerate(unblocked, start=len(stale) + 1):
        clauses = [c for c in store.clauses(doc_id) if c.clause_id in index]
        ids = [c.clause_id for c in clauses]
        vectors, owners = index.passages_of(ids)
        store.write_copy_block(doc_id, [ids[i] for i in owners], np.asarray(vectors, dtype=np.float32).reshape(-1, dim),
                               [clause_plain(c) for c in clauses])
        if on_progress is not None:
            on_progress(n, len(stale) + len(unblocked), doc_id)
    store.bump_generation()  # readers that answered without the copy (or with the old one) reload
    return {"written": len(stale), "dropped": len(dropped), "blocks": len(unblocked)}


class StoreSearchIndex:
    """Hybrid dense + BM25 search over the search copy in a Neo4j store (see the module docstring).

    Args:
        store: a ``Neo4jGraphStore`` (it has the search-copy methods).
        embedder: embeds the query (the same model the writer used).
        tokenizer: the BM25 tokenizer (same user words as the writer's).
        doc_meta: ``{doc_id: {"region", "level", "year", "ancestors"}}`` for filters.
        exact_max_passages: largest scope (in passage vectors) ranked by exact cosine.

    Known difference from the file index: the copy keeps each document's tokens as they were when it
    was written, while the file index re-tokenises every clause at each build with the current user
    words (agency and region names); a name that became one jieba word later still matches the older
    documents there, here only after they are written again.
    """

    def __init__(self, store: Neo4jGraphStore, embedder: Embedder, tokenizer: BM25Tokenizer, doc_meta: Mapping[str, dict],
                 *, exact_max_passages: int = EXACT_MAX_PASSAGES, max_cached_vectors: int = MAX_CACHED_VECTORS):
        self.store = store
        self.embedder = embedder
        self.tokenizer = tokenizer
        self.doc_meta = dict(doc_meta)
        self.exact_max_passages = exact_max_passages
        self.max_cached_vectors = max_cached_vectors
        self._blocks: OrderedDict[str, _VectorBlock] = OrderedDict()
        self._block_rows = 0
        self._unblocked: set[str] = set()  # documents whose copy has no vector block (an older writer)
        self._block_lock = threading.RLock()
        self._passage_counts = store.passage_counts()
        self._count = store.clause_count()
        self.manifest = {"model": str(getattr(embedder, "name", "")), "dim": int(getattr(embedder, "dim", 0) or 0),
                         "faiss_kind": "neo4j-vector", "count": self._count, "source": "neo4j"}
        self._clause_cache: dict[str, Clause | None] = {}
        self._has_vector: dict[str, bool] = {}

    # ------------------------------------------------------------------ what the file index offers
    def __len__(self) -> int:
        return self._count

    def __contains__(self, clause_id: object) -> bool:
        """Whether the clause has a vector in the copy (what similar-measures search starts from)."""
        if not isinstance(clause_id, str):
            return False
        block = self._blocks.get(clause_id.split("#", 1)[0])
        if block is not None:
            return _index_of(block.clauses, clause_id) is not None
        if clause_id not in self._has_vector:
            if len(self._has_vector) > 4096:
                self._has_vector.clear()
            self._has_vector[clause_id] = self.store.clause_vector(clause_id) is not None
        return self._has_vector[clause_id]

    @property
    def faiss_kind(self) -> str:
        return "neo4j-vector"

    def _clause(self, clause_id: str) -> Clause | None:
        if clause_id not in self._clause_cache:
            if len(self._clause_cache) > 4096:
                self._clause_cache.clear()
            self._clause_cache[clause_id] = self.store.clause(clause_id)
        return self._clause_cache[clause_id]

    def clause_meta(self, clause_id: str) -> dict:
        """``{"doc_id", "heading", "path", "region", "level", …}`` of a clause (KeyError when unknown)."""
        c = self._clause(clause_id)
        if c is None:
            raise KeyError(clause_id)
        return {**self.doc_meta.get(c.doc_id, {}), "doc_id": c.doc_id, "heading": c.heading, "path": c.path}

    def clause_vector(self, clause_id: str) -> np.ndarray:
        """The clause's stored vector (KeyError when it has none)."""
        block = self._blocks.get(clause_id.split("#", 1)[0]) if isinstance(clause_id, str) else None
        got = block.first_row(clause_id) if block is not None else None
        if got is not None:
            return got.copy()
        vec = self.store.clause_vector(clause_id)
        if vec is None:
            raise KeyError(clause_id)
        return self._unit(np.asarray(vec, dtype=np.float32))  # L2-normalised, as a block's rows are

    # ------------------------------------------------------------------ filtering
    def _allowed(self, doc_ids=None, region=None, level=None, year=None, exclude_doc_ids=None) -> set[str] | None:
        """Documents in scope, or None when nothing is filtered."""
        if doc_ids is None and region is None and level is None and year is None and not exclude_doc_ids:
            return None
        if doc_ids is not None:  # only the named documents can pass: test those, not the whole corpus
            named = [doc_ids] if isinstance(doc_ids, str) else list(doc_ids)  # an iterator is read once
            keep = meta_filter(named, region, level, year, exclude_doc_ids)
            return {d for d in named if d in self.doc_meta and keep(d, self.doc_meta[d])}
        keep = meta_filter(doc_ids, region, level, year, exclude_doc_ids)
        return {d for d, m in self.doc_meta.items() if keep(d, m)}

    # ------------------------------------------------------------------ vector blocks
    @property
    def cached_vectors(self) -> int:
        """How many passage vectors the reader holds now."""
        return self._block_rows

    def _blocks_of(self, doc_ids: list[str]) -> list[_VectorBlock] | None:
        """The vector blocks of the documents (read in batches when missing; least recently used
        evicted beyond ``max_cached_vectors``), or None when one of them has passages but no block."""
        with self._block_lock:
            wanted = [d for d in doc_ids if self._passage_counts.get(d, 0)]
            if any(d in self._unblocked for d in wanted):
                return None
            missing = [d for d in wanted if d not in self._blocks]
            for i in range(0, len(missing), BLOCK_BATCH):
                batch = missing[i : i + BLOCK_BATCH]
                got = self.store.copy_vectors(batch)
                for d in batch:
                    if d not in got:
                        self._unblocked.add(d)
                        continue
                    block = _VectorBlock(*got[d])
                    self._blocks[d] = block
                    self._block_rows += len(block)
            if any(d in self._unblocked for d in wanted):
                return None
            for d in wanted:
                self._blocks.move_to_end(d)
            keep = set(wanted)
            for d in list(self._blocks):
                if self._block_rows <= self.max_cached_vectors:
                    break
                if d not in keep:
                    self._block_rows -= len(self._blocks.pop(d))
            return [self._blocks[d] for d in wanted]

    @staticmethod
    def _unit(qvec: np.ndarray) -> np.ndarray:
        q = np.asarray(qvec, dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(q))
        return q / norm if norm > 0 else q

    def _local_dense(self, qvec: np.ndarray, scope: list[str], depth: int,
                     excl: set[str]) -> list[tuple[str, float]] | None:
        """Exact max-pooled cosine over the scope's vector blocks, best first (ties by clause id, as the
        database's query orders them); None when a block is missing."""
        blocks = self._blocks_of(scope)
        if blocks is None:
            return None
        q = self._unit(qvec)
        ids: list[str] = []
        parts: list[np.ndarray] = []
        for block in blocks:
            if block.clauses:
                ids.extend(block.clauses)
                parts.append(block.pooled(q))
        if not parts:
            return []
        scores = np.concatenate(parts)
        want = min(len(scores), depth + len(excl))
        if want <= 0:
            return []
        cut = np.partition(scores, len(scores) - want)[len(scores) - want]
        picked = np.flatnonzero(scores >= cut)  # every clause tied with the last one kept, then ordered
        ranked = sorted(((ids[i], float(scores[i])) for i in picked), key=lambda kv: (-kv[1], kv[0]))
        return [(c, s) for c, s in ranked if c not in excl][:depth]

    def _dense_for(self, vector: list[float], qvec: np.ndarray, clause_ids: list[str]) -> dict[str, float]:
        """Max-pooled cosine of some clauses: from the cached blocks where they are, else from the database."""
        out: dict[str, float] = {}
        rest: list[str] = []
        q = None
        for cid in clause_ids:
            block = self._blocks.get(cid.split("#", 1)[0])
            q = self._unit(qvec) if q is None else q
            got = block.clause_score(cid, q) if block is not None else None
            if got is None:
                rest.append(cid)
            else:
                out[cid] = got
        if rest:
            out.update(self.store.dense_for_clauses(vector, rest))
        return out

    # ------------------------------------------------------------------ rankings
    def _dense_ranking(self, qvec: np.ndarray, allowed: set[str] | None, depth: int,
                       exclude_clause_ids: Iterable[str] = ()) -> list[tuple[str, float]]:
        vector = [float(x) for x in qvec]
        excl = set(exclude_clause_ids)
        scope = sorted(self._passage_counts) if allowed is None else sorted(allowed)
        if not scope or depth <= 0:
            return []
        in_scope = sum(self._passage_counts.get(d, 0) for d in scope)
        if in_scope <= self.max_cached_vectors:
            local = self._local_dense(qvec, scope, depth, excl)
            if local is not None:
                return local
        total = sum(self._passage_counts.values())
        # several passages per clause, and a scope that is a share of the store: fetch enough at once
        fetch = int((depth * 4 + len(excl)) * total / max(in_scope, 1))
        if in_scope <= self.exact_max_passages or fetch >= in_scope:
            got = self.store.dense_in_documents(vector, scope, depth + len(excl))
            return [(c, s) for c, s in got if c not in excl][:depth]
        best: dict[str, float] = {}
        while True:
            best.clear()
            for cid, doc_id, s in self.store.dense_nearest(vector, min(fetch, total)):
                if (allowed is None or doc_id in allowed) and cid not in excl and s > best.get(cid, -2.0):
                    best[cid] = s
            if len(best) >= depth or fetch >= total:
                break
            fetch *= OVERFETCH
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:depth]

    def _bm25_ranking(self, query: str, allowed: set[str] | None, depth: int) -> list[tuple[str, float]]:
        toks = list(dict.fromkeys(self.tokenizer.tokenize(query)))
        if not toks:
            return []
        if allowed is not None and len(allowed) <= MAX_QUERY_DOCS:  # the scope inside the Lucene query
            rows = self.store.terms_search(toks, depth, sorted(allowed))
            return sorted(((c, s) for c, d, s in rows if d in allowed), key=lambda kv: (-kv[1], kv[0]))
        limit = depth if allowed is None else depth * OVERFETCH * 4
        out: list[tuple[str, float]] = []
        while True:
            rows = self.store.terms_search(toks, limit)
            out = [(c, s) for c, d, s in rows if allowed is None or d in allowed]
            if len(out) >= depth or len(rows) < limit:
                break
            limit *= OVERFETCH
        out.sort(key=lambda kv: (-kv[1], kv[0]))
        return out[:depth]

    # ------------------------------------------------------------------ search
    def search(self, query: str, k: int = 10, *, doc_ids: Iterable[str] | str | None = None,
               region: str | Iterable[str] | None = None, level: str | Iterable[str] | None = None,
               year: int | tuple[int | None, int | None] | None = None, mode: str = "hybrid") -> list[Hit]:
        """Search clauses for a query (arguments and result as :meth:`search.index.SearchIndex.search`)."""
        if mode not in ("hybrid", "dense", "bm25"):
            raise ValueError(f"unknown search mode {mode!r} (hybrid/dense/bm25)")
        if k <= 0 or not self._count:
            return []
        allowed = self._allowed(doc_ids, region, level, year)
        if allowed is not None and not allowed:
            return []
        qvec = np.asarray(self.embedder.embed_queries([query]), dtype=np.float32)[0]
        vector = [float(x) for x in qvec]
        if mode == "dense":
            ranked = self._dense_ranking(qvec, allowed, k)
            bm = dict(self._bm25_ranking(query, allowed, max(BM25_DEPTH, k)))
            return [Hit(c, s, r, s, bm.get(c, 0.0)) for r, (c, s) in enumerate(ranked, 1)]
        if mode == "bm25":
            ranked = self._bm25_ranking(query, allowed, k)
            dense = self._dense_for(vector, qvec, [c for c, _ in ranked])
            return [Hit(c, s, r, dense.get(c), s) for r, (c, s) in enumerate(ranked, 1)]
        dense_ranked = self._dense_ranking(qvec, allowed, max(DENSE_DEPTH, k))
        bm_ranked = self._bm25_ranking(query, allowed, max(BM25_DEPTH, k))
        fused = rrf_fuse([[c for c, _ in dense_ranked], [c for c, _ in bm_ranked]], k=RRF_K)[:k]
        dense = dict(dense_ranked)
        dense.update(self._dense_for(vector, qvec, [c for c, _ in fused if c not in dense]))
        bm = dict(bm_ranked)
        return [Hit(c, s, r, dense.get(c), bm.get(c, 0.0)) for r, (c, s) in enumerate(fused, 1)]

    def search_vector(self, vec: np.ndarray, k: int = 10, *, doc_ids=None, region=None, level=None, year=None,
                      exclude_doc_ids: Iterable[str] | str | None = None,
                      exclude_clause_ids: Iterable[str] = ()) -> list[Hit]:
        """Dense-only search with a given (L2-normalised) vector; same filters as :meth:`search`."""
        if k <= 0 or not self._count:
            return []
        allowed = self._allowed(doc_ids, region, level, year, exclude_doc_ids)
        if allowed is not None and not allowed:
            return []
        ranked = self._dense_ranking(np.asarray(vec, dtype=np.float32), allowed, k, exclude_clause_ids)
        return [Hit(c, s, r, s, None) for r, (c, s) in enumerate(ranked, 1)]

    def similar_to_clause(self, clause_id: str, k: int = 10, exclude_doc: str | None = None, **filters: Any) -> list[Hit]:
        """Clauses most similar to a stored clause (its stored vector; KeyError when unknown)."""
        vec = self.clause_vector(clause_id)
        return self.search_vector(vec, k, exclude_doc_ids=exclude_doc, exclude_clause_ids=[clause_id], **filters)


__all__ = ["EXACT_MAX_PASSAGES", "MAX_CACHED_VECTORS", "StoreSearchIndex", "clause_plain", "search_copy_rows", "sync_search_copy"]
