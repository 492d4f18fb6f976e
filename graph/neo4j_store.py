"""Neo4j graph store over Bolt (official ``neo4j`` driver), same contract as the networkx store.

- Constraints (unique keys), range indexes and the clause full-text index are created on first use.
- Each document is written in ONE transaction: delete the old version's clauses/targets/edges,
  then batched ``UNWIND $rows AS row MERGE …`` statements, then lineage and garbage collection.
- Every statement is a named constant in :mod:`graph.cypher`; write rows, record conversion and
  result ordering are shared with the networkx store through :mod:`graph.common`.

Full-text search: Neo4j Community ships Lucene's ``cjk`` analyzer (overlapping bigrams); the
``clause_text_cjk`` index uses it over ``heading`` and ``text``. With ``jieba_index=True`` (or when
``cjk`` is missing) a jieba-segmented copy ``text_seg`` is stored too and indexed with the
``whitespace`` analyzer (``clause_text_seg``), so the two can be compared.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Callable

import numpy as np

from graph import common as C
from graph import cypher as Q
from graph.store import AgencyRole, DocumentVersion, GraphDump, Subgraph
from ingest.errors import GraphStoreError, StoreUnavailableError
from ingest.records import Agency, Clause, Document, ParsedDocument, Region, Responsibility, Succession, Target

try:
    import neo4j
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired
except ImportError as e:  # pragma: no cover - neo4j is a project dependency
    raise ImportError("缺少 Python 包 neo4j / python package 'neo4j' is not installed") from e

#: Lucene query-syntax characters escaped in full-text queries
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')


def bigram_clause_counts(plains: list[str]) -> dict[str, int]:
    """For each character bigram of some clauses' plain texts, how many of the clauses hold it."""
    counts: dict[str, int] = defaultdict(int)
    for text in plains:
        for bigram in {text[i : i + 2] for i in range(len(text) - 1)}:
            counts[bigram] += 1
    return dict(counts)


def _copy_block_params(doc_id: str, clause_ids: list[str], vectors: np.ndarray, plains: list[str]) -> dict[str, Any]:
    """The parameters of ``WRITE_COPY_BLOCK``: the vector rows as little-endian float32 bytes, the
    bigram counts of the document's clauses' plain texts."""
    rows = np.ascontiguousarray(vectors, dtype="<f4")
    if rows.ndim != 2 or rows.shape[0] != len(clause_ids):
        raise ValueError(f"{doc_id}: {len(clause_ids)} clause ids for vector rows of shape {rows.shape}")
    bigrams = sorted(bigram_clause_counts(plains).items())
    return {"doc_id": doc_id, "clause_ids": list(clause_ids), "vectors": rows.tobytes(), "dim": int(rows.shape[1]),
            "bigrams": [b for b, _n in bigrams], "bigram_clauses": [n for _b, n in bigrams]}


def _rows(result: Any) -> list[dict[str, Any]]:
    """A result's records as plain dicts.

    Every query here returns properties and scalars, never nodes, so ``dict(record)`` is what
    ``Result.data()`` would give; ``data()`` also walks every value recursively, which makes large
    reads 2–3 times slower (and a bytes value element by element).
    """
    return [dict(record) for record in result]


def lucene_escape(text: str) -> str:
    """Escape Lucene query syntax so user text is searched literally."""
    return _LUCENE_SPECIAL.sub(r"\\\1", text)


#: most distinct tokens put in one full-text query (the rest of a very long text is left out)
MAX_QUERY_TOKENS = 256
#: plain-text chunk length and overlap (characters): a chunk stays far below the TEXT index's 32 KB
#: value limit, and any term up to the overlap lies whole inside one chunk
PLAIN_CHUNK_CHARS = 4000
PLAIN_CHUNK_OVERLAP = 64


def plain_chunks(text: str, size: int = PLAIN_CHUNK_CHARS, overlap: int = PLAIN_CHUNK_OVERLAP) -> list[str]:
    """Overlapping pieces of a text (one piece when it is short; none when it is empty)."""
    if len(text) <= size:
        return [text] if text else []
    step = size - overlap
    return [text[i : i + size] for i in range(0, len(text) - overlap, step)]


class Neo4jGraphStore:
    """A ``GraphStore`` backed by a Neo4j 5 server.

    Args:
        uri: Bolt URI, e.g. ``bolt://127.0.0.1:7687``.
        user / password: credentials.
        database: database name (Community has one user database, ``neo4j``).
        jieba_index: also keep a jieba-segmented clause text and its whitespace full-text index.
        connection_timeout: seconds to wait for the server when connecting.
        retry_window: seconds a failed transaction is retried (the server restarting, a leader
            change) before the error is raised as StoreUnavailableError naming the URI; short, so a
            server that went away for good fails an ingest fast instead of file after file.

    Raises:
        StoreUnavailableError: the server cannot be reached (message names the URI).
        GraphStoreError: authentication failed or the schema could not be created.
    """

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str = "neo4j",
        jieba_index: bool = False,
        connection_timeout: float = 5.0,
        retry_window: float = 10.0,
    ):
        self.uri = uri
        self.database = database
        self.jieba_index = jieba_index
        self.fulltext_analyzer = "cjk"
        try:
            # our queries read optional properties (d.stub, d.content_hash) on purpose; the server's
            # "property key does not exist" notifications on an empty database are noise for users
            self._driver = GraphDatabase.driver(
                uri, auth=(user, password), connection_timeout=connection_timeout,
                max_transaction_retry_time=retry_window, notifications_min_severity="OFF",
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as e:
            raise StoreUnavailableError(f"无法连接 Neo4j / cannot reach Neo4j at {uri}: invalid URI ({e})") from e
        try:
            self._driver.verify_connectivity()
        except AuthError as e:
            self._driver.close()
            raise GraphStoreError(f"Neo4j 认证失败 / authentication failed at {uri} for user {user!r}") from e
        except (ServiceUnavailable, SessionExpired, OSError) as e:
            self._driver.close()
            raise StoreUnavailableError(f"无法连接 Neo4j / cannot reach Neo4j at {uri}: {e}") from e
        self._ensure_schema()

    # --- plumbing ----------------------------------------------------------------------------
    def _session(self):
        return self._driver.session(database=self.database)

    def _read(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        try:
            with self._session() as s:
                return s.execute_read(lambda tx: _rows(tx.run(query, params)))
        except (ServiceUnavailable, SessionExpired) as e:
            raise StoreUnavailableError(f"无法连接 Neo4j / cannot reach Neo4j at {self.uri}: {e}") from e
        except Neo4jError as e:
            raise GraphStoreError(f"Neo4j 查询失败 / query failed at {self.uri}: {e}") from e

    def _write(self, work: Callable[[Any], Any]) -> Any:
        try:
            with self._session() as s:
                return s.execute_write(work)
        except (ServiceUnavailable, SessionExpired) as e:
            raise StoreUnavailableError(f"无法连接 Neo4j / cannot reach Neo4j at {self.uri}: {e}") from e
        except Neo4jError as e:
            raise GraphStoreError(f"Neo4j 写入失败 / write failed at {self.uri}: {e}") from e

    def _auto(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run in an auto-commit transaction (schema statements, CALL … IN TRANSACTIONS)."""
        try:
            with self._session() as s:
                return _rows(s.run(query, params))
        except (ServiceUnavailable, SessionExpired) as e:
            raise StoreUnavailableError(f"无法连接 Neo4j / cannot reach Neo4j at {self.uri}: {e}") from e
        except Neo4jError as e:
            raise GraphStoreError(f"Neo4j 语句失败 / statement failed at {self.uri}: {e}") from e

    def _ensure_schema(self) -> None:
        for q in (*Q.CONSTRAINTS, *Q.INDEXES):
            self._auto(q)
        analyzers = self._auto(Q.FULLTEXT_ANALYZERS)[0]["analyzers"]
        if "cjk" in analyzers:
            self._auto(Q.FULLTEXT_INDEX_CJK)
        else:  # fall back to a jieba-segmented copy
            self.fulltext_analyzer = "jieba"
            self.jieba_index = True
        if self.jieba_index:
            self._auto(Q.FULLTEXT_INDEX_JIEBA)
        for q in Q.SEARCH_SCHEMA:
            self._auto(q)
        self._auto(Q.AWAIT_INDEXES, timeout=120)
        self.migrate()

    def migrate(self) -> int:
        """Bring data written by an older policykg up to the current schema (run at every open; a no-op
        when there is nothing to do): document lineage edges typed ``IMPLEMENTS`` become
        ``IMPLEMENTS_DOCUMENT``.

        Returns:
            The number of edges changed (the store generation is bumped when it is not 0).
        """

        if not self._read(Q.COUNT_OLD_LINEAGE)[0]["n"]:
            return 0  # the usual case: a read, no write transaction

        def work(tx) -> int:
            n = tx.run(Q.MIGRATE_LINEAGE_TYPE).single()["migrated"]
            if n:
                tx.run(Q.BUMP_GENERATION, {"key": Q.STORE_STATE_KEY}).consume()
            return int(n)

        return self._write(work)

    # --- lifecycle -----------------------------------------------------------------------------
    def write_document(self, parsed: ParsedDocument) -> None:
        """Store one parsed document in one transaction, replacing any earlier version.

        Raises:
            GraphStoreError: the document is inconsistent, or the write failed.
            StoreUnavailableError: the server went away.
        """
        rows = C.prepare_document(parsed)

        def work(tx) -> None:
            self._write_rows(tx, rows)
            tx.run(Q.BUMP_GENERATION, {"key": Q.STORE_STATE_KEY}).consume()

        self._write(work)

    def _clause_rows(self, rows: C.DocumentRows) -> list[dict[str, Any]]:
        if not self.jieba_index:
            return rows.clauses
        return [{**c, "text_seg": _segment(c.get("heading", "") + "。" + c.get("text", ""))} for c in rows.clauses]

    def _write_rows(self, tx, rows: C.DocumentRows) -> None:
        doc_id = rows.doc_id

        def run(query: str, batch: list[dict[str, Any]] | None = None, **params: Any) -> None:
            if batch is not None:
                if not batch:
                    return
                params["rows"] = batch
            tx.run(query, {"doc_id": doc_id, **params}).consume()

        for q in (Q.DELETE_DOC_TARGETS, Q.DELETE_DOC_CLAUSES, Q.DELETE_DOC_OUT_EDGES, Q.DELETE_DOC_SUCCESSIONS,
                  Q.DELETE_DOC_SEARCH):
            run(q)
        run(Q.UPSERT_DOCUMENT, props=rows.document)
        run(Q.MERGE_REGIONS, rows.regions)
        run(Q.MERGE_REGION_REFS, rows.region_refs)
        run(Q.MERGE_WITHIN, rows.within)
        run(Q.MERGE_TOPICS, rows.topics)
        run(Q.MERGE_TOPIC_REFS, rows.topic_refs)
        run(Q.MERGE_AGENCIES, rows.agencies)
        run(Q.MERGE_AGENCY_REFS, rows.agency_refs)
        run(Q.MERGE_OF_REGION, rows.of_region)
        run(Q.MERGE_CLAUSES, self._clause_rows(rows))
        run(Q.MERGE_HAS_SECTION, rows.sections)
        run(Q.MERGE_HAS_CLAUSE, rows.children)
        run(Q.MERGE_ABOUT, rows.about)
        run(Q.MERGE_MENTIONS, rows.mentions)
        for rtype in sorted(rows.responsibilities):
            run(Q.MERGE_RESPONSIBILITY[rtype], rows.responsibilities[rtype])
        run(Q.MERGE_TARGETS, rows.targets)
        run(Q.MERGE_MEASURES, rows.measures)
        run(Q.MERGE_FOR_REGION, rows.target_regions)
        run(Q.MERGE_COVERS, rows.covers)
        run(Q.MERGE_SUCCESSIONS, rows.successions)
        # lineage: this document's citations, then other documents' citations that may now
        # resolve to it (or away from it); unmatched citations point at stubs
        def candidates(cits) -> list[dict[str, Any]]:
            numbers = sorted({c.doc_number for c in cits if c.doc_number})
            titles = sorted({c.title for c in cits if c.title})
            return [r["props"] for r in tx.run(Q.CITATION_CANDIDATES, {"numbers": numbers, "titles": titles}).data()]

        if rows.citations:
            run(Q.MERGE_LINEAGE, C.lineage_rows(doc_id, rows.citations, candidates(rows.citations)))
        doc = rows.document
        affected = tx.run(
            Q.AFFECTED_LINEAGE, {"doc_id": doc_id, "doc_number": doc.get("doc_number", ""), "title": doc.get("title", "")}
        ).data()
        if affected:
            stored = candidates([C.citation_of(e["props"]) for e in affected])
            delete, merge = C.relink_rows(affected, stored)
            run(Q.DELETE_LINEAGE, delete)
            run(Q.MERGE_LINEAGE, merge)
        for q in Q.GC_ALL:
            run(q)

    def remove_document(self, doc_id: str) -> bool:
        def work(tx) -> bool:
            found = tx.run(Q.GET_DOCUMENT_FOR_REMOVAL, {"doc_id": doc_id}).data()
            if not found:
                return False
            citing = found[0]["citing"]
            for q in (Q.DELETE_DOC_TARGETS, Q.DELETE_DOC_CLAUSES, Q.DELETE_DOC_OUT_EDGES, Q.DELETE_DOC_SUCCESSIONS,
                      Q.DELETE_DOC_SEARCH):
                tx.run(q, {"doc_id": doc_id}).consume()
            tx.run(Q.DELETE_DOCUMENT_NODE, {"doc_id": doc_id}).consume()
            tx.run(Q.DELETE_DOC_VERSIONS, {"doc_id": doc_id}).consume()
            tx.run(Q.BUMP_GENERATION, {"key": Q.STORE_STATE_KEY}).consume()
            if citing:  # documents citing this one: re-resolve (another document, or a stub)
                cits = [C.citation_of(e["props"]) for e in citing]
                numbers = sorted({c.doc_number for c in cits if c.doc_number})
                titles = sorted({c.title for c in cits if c.title})
                stored = [r["props"] for r in tx.run(Q.CITATION_CANDIDATES, {"numbers": numbers, "titles": titles}).data()]
                _, merge = C.relink_rows(citing, stored, exclude=doc_id)
                tx.run(Q.MERGE_LINEAGE, {"rows": merge}).consume()
            for q in Q.GC_ALL:
                tx.run(q).consume()
            return True

        return self._write(work)

    def clear(self) -> None:
        self._auto(Q.CLEAR_ALL)
        self._write(lambda tx: tx.run(Q.BUMP_GENERATION, {"key": Q.STORE_STATE_KEY}).consume())

    def generation(self) -> int:
        """The store generation (one small read; bumped in the same transaction as every write)."""
        return int(self._read(Q.GET_GENERATION, key=Q.STORE_STATE_KEY)[0]["generation"])

    def close(self) -> None:
        self._driver.close()

    # --- full-text -----------------------------------------------------------------------------
    def fulltext_search(self, query: str, limit: int = 10, analyzer: str | None = None) -> list[tuple[str, float]]:
        """Clauses whose heading/text match ``query`` in the Lucene full-text index.

        Args:
            query: plain text (Lucene syntax is escaped).
            limit: maximum number of hits.
            analyzer: ``"cjk"`` (bigram index, default when available) or ``"jieba"``
                (segmented-copy index; needs ``jieba_index=True``).

        Returns:
            ``[(clause_id, score)]`` best first (ties by clause_id).
        """
        analyzer = analyzer or self.fulltext_analyzer
        if analyzer not in Q.FULLTEXT_INDEX_NAMES:
            raise GraphStoreError(f"unknown analyzer {analyzer!r}; valid analyzers are: cjk, jieba")
        if analyzer == "jieba":
            if not self.jieba_index:
                raise GraphStoreError("jieba 索引未启用 / the jieba full-text index needs jieba_index=True")
            terms = [lucene_escape(w) for w in _segment(query).split()]
        else:
            terms = [lucene_escape(query.strip())]
        text = " ".join(t for t in terms if t)
        if not text:
            return []
        rows = self._read(Q.FULLTEXT_QUERY, index=Q.FULLTEXT_INDEX_NAMES[analyzer], query=text, limit=int(limit))
        return [(r["clause_id"], float(r["score"])) for r in rows]

    # --- the search copy (stateless readers) ----------------------------------------------------
    def search_copy_docs(self) -> dict[str, int]:
        """Documents that have a search copy in the database: ``{doc_id: clauses with terms}``."""
        return {r["doc_id"]: int(r["n"]) for r in self._read(Q.SEARCH_DOCS)}

    def write_search_copy(self, doc_id: str, terms: list[dict[str, Any]], passages: list[dict[str, Any]],
                          dim: int, batch: int = 2000) -> None:
        """Replace one document's search copy (BM25 terms, plain text, passage vectors) in one transaction.

        Args:
            doc_id: the document.
            terms: ``{"clause_id", "doc_id", "tokens" (space-joined), "plain", "n_tokens"}`` per clause.
            passages: ``{"clause_id", "doc_id", "seq", "embedding" (list of floats)}`` per embedded text.
            dim: the embedding dimension (the vector index is created with it on first use).
        """
        if passages:
            self._auto(Q.VECTOR_INDEX, dim=int(dim))

        def work(tx) -> None:
            tx.run(Q.DELETE_DOC_SEARCH, {"doc_id": doc_id}).consume()
            for i in range(0, len(terms), batch):
                tx.run(Q.WRITE_CLAUSE_TERMS, {"rows": terms[i : i + batch]}).consume()
            chunks = [
                {"clause_id": t["clause_id"], "doc_id": t["doc_id"], "text": piece}
                for t in terms
                for piece in plain_chunks(t["plain"])
            ]
            for i in range(0, len(chunks), batch):
                tx.run(Q.WRITE_PLAIN_CHUNKS, {"rows": chunks[i : i + batch]}).consume()
            for i in range(0, len(passages), batch):
                tx.run(Q.WRITE_PASSAGES, {"rows": passages[i : i + batch], "property": Q.VECTOR_PROPERTY}).consume()
            vectors = np.asarray([p["embedding"] for p in passages], dtype="<f4").reshape(len(passages), int(dim))
            params = _copy_block_params(doc_id, [p["clause_id"] for p in passages], vectors, [t["plain"] for t in terms])
            tx.run(Q.WRITE_COPY_BLOCK, params).consume()

        self._write(work)

    def write_copy_block(self, doc_id: str, clause_ids: list[str], vectors: np.ndarray, plains: list[str]) -> None:
        """Write one document's copy block alone (its passages and terms are already in the copy: a
        store written before blocks existed gets them from the index files, nothing re-embedded).

        Args:
            doc_id: the document.
            clause_ids: the clause of each vector row.
            vectors: its passage vectors, as its (:Passage) nodes hold them.
            plains: the plain texts of its clauses (:func:`search.store_index.clause_plain`).
        """
        params = _copy_block_params(doc_id, clause_ids, vectors, plains)

        def work(tx) -> None:
            tx.run(Q.SUBTRACT_COPY_BLOCK, {"doc_id": doc_id}).consume()
            tx.run(Q.WRITE_COPY_BLOCK, params).consume()

        self._write(work)

    def copy_block_docs(self) -> set[str]:
        """Documents whose copy has its block."""
        return {r["doc_id"] for r in self._read(Q.COPY_BLOCK_DOCS)}

    def bigram_counts(self, terms: list[str]) -> dict[str, int]:
        """How many clauses' plain text holds each two-character term, from the blocks' counts (exact
        only while every document's copy has its block: :meth:`copy_block_docs`)."""
        if any(len(t) != 2 for t in terms):
            raise ValueError(f"bigram counts hold two-character terms only: {[t for t in terms if len(t) != 2]}")
        return {r["term"]: int(r["n"]) for r in self._read(Q.BIGRAM_COUNTS, terms=list(dict.fromkeys(terms)))}

    def copy_vectors(self, doc_ids: list[str]) -> dict[str, tuple[list[str], np.ndarray]]:
        """The vector blocks of some documents: ``{doc_id: (clause id per row, float32 rows)}`` (documents
        without a block are left out)."""
        out: dict[str, tuple[list[str], np.ndarray]] = {}
        for r in self._read(Q.COPY_VECTORS, doc_ids=list(doc_ids)):
            ids = list(r["clause_ids"] or [])
            rows = np.frombuffer(r["vectors"] or b"", dtype="<f4").astype(np.float32)
            out[r["doc_id"]] = (ids, rows.reshape(len(ids), int(r["dim"] or 0)))
        return out

    def vector_dimension(self) -> int | None:
        """The dimension of the passage vector index (None when it does not exist yet)."""
        rows = self._auto(Q.VECTOR_INDEX_DIMENSION, name=Q.VECTOR_INDEX_NAME, setting="vector.dimensions")
        return int(rows[0]["dim"]) if rows and rows[0]["dim"] is not None else None

    def search_copy_model(self) -> str | None:
        """The embedding model the search copy was written with (None before the first copy)."""
        rows = self._read(Q.GET_COPY_MODEL, key=Q.SEARCH_COPY_KEY)
        return rows[0]["model"] if rows else None

    def set_search_copy_model(self, model: str) -> None:
        """Record the embedding model of the search copy."""
        self._write(lambda tx: tx.run(Q.SET_COPY_MODEL, {"key": Q.SEARCH_COPY_KEY, "model": model}).consume())

    def reset_search_copy(self) -> None:
        """Drop every document's search copy and the vector index (another embedding model took over)."""
        self._auto(Q.DELETE_ALL_SEARCH)
        self._auto(Q.DROP_VECTOR_INDEX)

    def bump_generation(self) -> None:
        """Tell readers the database changed without a document write (the search copy landed)."""
        self._write(lambda tx: tx.run(Q.BUMP_GENERATION, {"key": Q.STORE_STATE_KEY}).consume())

    def delete_search_copy(self, doc_id: str | None = None) -> None:
        """Drop one document's search copy, or every document's (None)."""
        if doc_id is None:
            self._auto(Q.DELETE_ALL_SEARCH)
        else:
            self._write(lambda tx: tx.run(Q.DELETE_DOC_SEARCH, {"doc_id": doc_id}).consume())

    def passage_counts(self) -> dict[str, int]:
        """Passage vectors per document."""
        return {r["doc_id"]: int(r["n"]) for r in self._read(Q.PASSAGE_COUNTS)}

    def passage_count(self) -> int:
        """How many passage vectors the database holds."""
        return int(self._read(Q.COUNT_SEARCH)[0]["passages"])

    def dense_in_documents(self, vector: list[float], doc_ids: list[str], limit: int) -> list[tuple[str, float]]:
        """Exact max-pooled cosine of the documents' clauses to ``vector``: ``[(clause_id, cosine)]`` best first."""
        rows = self._read(Q.DENSE_IN_DOCS, vector=vector, doc_ids=list(doc_ids), limit=int(limit))
        return [(r["clause_id"], float(r["score"])) for r in rows]

    def dense_for_clauses(self, vector: list[float], clause_ids: list[str]) -> dict[str, float]:
        """Exact max-pooled cosine of the given clauses to ``vector``."""
        if not clause_ids:
            return {}
        rows = self._read(Q.DENSE_FOR_CLAUSES, vector=vector, clause_ids=list(clause_ids))
        return {r["clause_id"]: float(r["score"]) for r in rows}

    def dense_nearest(self, vector: list[float], fetch: int) -> list[tuple[str, str, float]]:
        """Approximate nearest passages over the whole store (vector index): ``[(clause_id, doc_id, cosine)]``."""
        rows = self._read(Q.DENSE_ANN, index=Q.VECTOR_INDEX_NAME, fetch=int(fetch), vector=vector)
        return [(r["clause_id"], r["doc_id"], float(r["score"])) for r in rows]

    def clause_vector(self, clause_id: str) -> list[float] | None:
        """The clause's own passage vector (not a sentence's); None when it has none."""
        rows = self._read(Q.CLAUSE_VECTOR, clause_id=clause_id)
        return list(rows[0]["embedding"]) if rows else None

    def terms_search(self, tokens: list[str], limit: int, doc_ids: list[str] | None = None) -> list[tuple[str, str, float]]:
        """BM25 (Lucene) over the clauses' tokens, optionally within some documents: ``[(clause_id, doc_id, score)]``
        best first."""
        # distinct tokens, bounded: Lucene takes at most 1,024 clauses per query
        words = " OR ".join(f'"{lucene_escape(t)}"' for t in list(dict.fromkeys(t for t in tokens if t))[:MAX_QUERY_TOKENS])
        if not words:
            return []
        query = f"tokens:({words})"
        if doc_ids is not None:
            if not doc_ids:
                return []
            query += " AND doc_id:(" + " OR ".join(f'"{lucene_escape(d)}"' for d in doc_ids) + ")"
        rows = self._read(Q.TERMS_QUERY, index=Q.TERMS_INDEX_NAME, query=query, limit=int(limit))
        return [(r["clause_id"], r["doc_id"], float(r["score"])) for r in rows]

    def count_containing(self, term: str) -> int:
        """How many clauses' plain text (normalised, lower-cased) holds ``term``."""
        query = Q.COUNT_CONTAINING if len(term) <= PLAIN_CHUNK_OVERLAP else Q.COUNT_CONTAINING_LONG
        return int(self._read(query, term=term)[0]["n"])

    def count_containing_many(self, terms: list[str]) -> dict[str, int]:
        """:meth:`count_containing` of several terms in one round trip."""
        short = sorted({t for t in terms if t and len(t) <= PLAIN_CHUNK_OVERLAP})
        out = {r["term"]: int(r["n"]) for r in self._read(Q.COUNT_CONTAINING_MANY, terms=short)} if short else {}
        out.update({t: self.count_containing(t) for t in set(terms) - set(out) if t})
        return out

    def first_clauses(self, doc_ids: list[str]) -> dict[str, Clause]:
        """Each document's first clause (by order), one query."""
        rows = self._read(Q.FIRST_CLAUSES, doc_ids=list(doc_ids))
        return {r["doc_id"]: C.clause_from(r["props"]) for r in rows}

    def opening_texts(self, doc_ids: list[str], n: int = 3) -> dict[str, list[str]]:
        """The texts of each document's first ``n`` clauses (by order), one query."""
        rows = self._read(Q.OPENING_TEXTS, doc_ids=list(doc_ids), n=int(n))
        return {r["doc_id"]: list(r["texts"]) for r in rows}

    def document_horizons(self) -> dict[str, int]:
        """The latest year (written 2025年) each document's clauses speak about, from the search copy
        (documents whose copy predates the year field are left out)."""
        return {r["doc_id"]: int(r["year"]) for r in self._read(Q.DOC_HORIZONS) if r["year"] is not None}

    def clause_count(self) -> int:
        """How many clauses have a search copy (the corpus size for IDF)."""
        return int(self._read(Q.COUNT_CLAUSE_TERMS)[0]["n"])

    def clauses_of_documents(self, doc_ids: list[str]) -> list[Clause]:
        """The clauses of several documents in one query; sorted by (doc_id, order)."""
        rows = self._read(Q.CLAUSES_OF_DOCS, doc_ids=list(doc_ids))
        return sorted((C.clause_from(r["props"]) for r in rows), key=C.clause_sort_key)

    def targets_of_documents(self, doc_ids: list[str]) -> list[Target]:
        """The targets set by several documents' clauses; sorted by target_id."""
        rows = self._read(Q.TARGETS_OF_DOCS, doc_ids=list(doc_ids))
        return sorted((C.target_from(r["props"]) for r in rows), key=lambda t: t.target_id)

    def responsibilities_of_documents(self, doc_ids: list[str]) -> dict[str, list[AgencyRole]]:
        """Every clause's AgencyRoles in several documents, one query (each list as :meth:`responsibilities`)."""
        rows: dict[str, list[tuple[AgencyRole, int]]] = defaultdict(list)
        for r in self._read(Q.RESPONSIBILITIES_OF_DOCS, doc_ids=list(doc_ids)):
            rows[r["clause_id"]].append((self._agency_role(r), r["rel"].get("order", 0)))
        return {cid: C.sort_responsibilities(got) for cid, got in rows.items()}

    def clause_counts(self) -> dict[str, int]:
        """Clauses per document."""
        return {r["doc_id"]: int(r["n"]) for r in self._read(Q.CLAUSE_COUNTS)}

    # --- documents and clauses -----------------------------------------------------------------
    def document(self, doc_id: str) -> Document | None:
        rows = self._read(Q.GET_DOCUMENT, doc_id=doc_id)
        return C.document_from(rows[0]["props"]) if rows else None

    def _subregions(self, region: str) -> list[str]:
        return C.subregion_names(region, (r["name"] for r in self._read(Q.SUBREGIONS, region=region)))

    def documents(self, region: str | None = None) -> list[Document]:
        if region is None:
            rows = self._read(Q.ALL_DOCUMENTS)
        else:
            rows = self._read(Q.DOCUMENTS_IN_REGIONS, regions=self._subregions(region))
        return sorted((C.document_from(r["props"]) for r in rows), key=lambda d: d.doc_id)

    def clause(self, clause_id: str) -> Clause | None:
        rows = self._read(Q.GET_CLAUSE, clause_id=clause_id)
        return C.clause_from(rows[0]["props"]) if rows else None

    def clauses(self, doc_id: str | None = None) -> list[Clause]:
        rows = self._read(Q.ALL_CLAUSES) if doc_id is None else self._read(Q.DOC_CLAUSES, doc_id=doc_id)
        return sorted((C.clause_from(r["props"]) for r in rows), key=C.clause_sort_key)

    def lineage(self, doc_id: str, direction: str = "up") -> list[Document]:
        if direction not in ("up", "down"):
            raise ValueError(f"direction must be 'up' or 'down', got {direction!r}")
        rows = self._read(Q.LINEAGE_UP if direction == "up" else Q.LINEAGE_DOWN, doc_id=doc_id)
        return sorted((C.document_from(r["props"]) for r in rows), key=lambda d: d.doc_id)

    # --- document versions ---------------------------------------------------------------------
    def archive_document(self, doc_id: str, superseded_at: str = "", valid_from: str = "") -> str | None:
        parsed = C.parsed_from_store(self, doc_id)
        if parsed is None:
            return None

        def work(tx) -> str:
            older = [r["props"] for r in tx.run(Q.DOCUMENT_VERSIONS, {"doc_id": doc_id}).data()]
            n = (older[-1].get("version", 0) if older else 0) + 1
            props = C.version_props(parsed, n, superseded_at or C.now_iso(), valid_from)
            if older:
                tx.run(
                    Q.SUPERSEDE_DOCUMENT_VERSION,
                    {"version_id": older[-1]["version_id"], "superseded_by": props["version_id"]},
                ).consume()
            tx.run(Q.UPSERT_DOCUMENT_VERSION, {"props": props}).consume()
            tx.run(Q.BUMP_GENERATION, {"key": Q.STORE_STATE_KEY}).consume()
            return props["version_id"]

        return self._write(work)

    def document_versions(self, doc_id: str) -> list[DocumentVersion]:
        return [C.document_version_from(r["props"]) for r in self._read(Q.DOCUMENT_VERSIONS, doc_id=doc_id)]

    def document_version(self, version_id: str) -> ParsedDocument | None:
        rows = self._read(Q.GET_DOCUMENT_VERSION, version_id=version_id)
        if not rows or not rows[0]["props"].get("snapshot"):
            return None
        return C.snapshot_from_json(rows[0]["props"]["snapshot"])

    def successions(self, agency: str | None = None) -> list[Succession]:
        return [C.succession_from(r) for r in self._read(Q.SUCCESSIONS, agency=agency)]

    # --- responsibilities ----------------------------------------------------------------------
    @staticmethod
    def _agency_role(r: dict[str, Any]) -> AgencyRole:
        return AgencyRole(C.agency_from(r["agency"]), C.responsibility_from(r["agency"]["name"], r["type"], r["rel"]))

    def responsibilities(self, clause_id: str) -> list[AgencyRole]:
        rows = self._read(Q.CLAUSE_RESPONSIBILITIES, clause_id=clause_id)
        return C.sort_responsibilities((self._agency_role(r), r["rel"].get("order", 0)) for r in rows)

    def _select_resp(
        self,
        region: str | None = None,
        topic: str | None = None,
        clause_id: str | None = None,
        role: str | None = None,
        agency: str | None = None,
    ) -> list[dict[str, Any]]:
        return self._read(
            Q.SELECT_RESPONSIBILITIES,
            clause_id=clause_id,
            types=None if role is None else [C.ROLE_TYPES.get(role, "")],
            agency=agency,
            regions=None if region is None else self._subregions(region),
            topic=topic,
        )

    def agencies_for(
        self,
        region: str | None = None,
        topic: str | None = None,
        clause_id: str | None = None,
        role: str | None = None,
    ) -> list[AgencyRole]:
        rows = self._select_resp(region=region, topic=topic, clause_id=clause_id, role=role)
        return C.sort_agencies_for(self._agency_role(r) for r in rows)

    def clauses_of_agency(self, agency: str, role: str | None = None) -> list[tuple[Clause, Responsibility]]:
        rows = self._select_resp(agency=agency, role=role)
        return C.sort_clauses_of_agency(
            (C.clause_from(r["clause"]), C.responsibility_from(r["agency"]["name"], r["type"], r["rel"])) for r in rows
        )

    def agencies(self, region: str | None = None) -> list[Agency]:
        rows = self._read(Q.AGENCIES, regions=None if region is None else self._subregions(region))
        return sorted((C.agency_from(r["props"]) for r in rows), key=lambda a: a.name)

    # --- targets, regions, topics --------------------------------------------------------------
    def targets(
        self,
        indicator: str | None = None,
        region: str | None = None,
        year: int | None = None,
        doc_id: str | None = None,
        clause_id: str | None = None,
    ) -> list[Target]:
        rows = self._read(
            Q.TARGETS,
            indicator=indicator,
            regions=None if region is None else self._subregions(region),
            year=year,
            doc_id=doc_id,
            clause_id=clause_id,
        )
        return sorted((C.target_from(r["props"]) for r in rows), key=lambda t: t.target_id)

    def regions(self) -> list[Region]:
        return sorted((C.region_from(r["props"]) for r in self._read(Q.ALL_REGIONS)), key=lambda r: r.name)

    def candidate_clauses(self, topic: str | None = None, region: str | None = None) -> list[Clause]:
        rows = self._read(Q.CANDIDATE_CLAUSES, topic=topic, regions=None if region is None else self._subregions(region))
        return sorted((C.clause_from(r["props"]) for r in rows), key=C.clause_sort_key)

    def subgraph(
        self, region: str | None = None, agency: str | None = None, topic: str | None = None, limit: int = 300
    ) -> Subgraph:
        rows = self._select_resp(region=region, topic=topic, agency=agency)
        resp = [(r["agency"], r["type"], r["rel"], r["clause"]) for r in rows]
        cids = sorted({r["clause"]["clause_id"] for r in rows})
        topics_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
        targets_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if cids:
            for r in self._read(Q.CLAUSE_TOPICS, clause_ids=cids):
                topics_of[r["clause_id"]].append(r["props"])
            for r in self._read(Q.CLAUSE_TARGETS, clause_ids=cids):
                targets_of[r["clause_id"]].append(r["props"])
        return C.assemble_subgraph(resp, topics_of, targets_of, limit)

    # --- bookkeeping ---------------------------------------------------------------------------
    def stats(self) -> dict[str, dict[str, int]]:
        out = C.empty_stats()
        for r in self._read(Q.COUNT_LABELS):
            out["labels"][r["label"]] = r["n"]
        for r in self._read(Q.COUNT_RELATIONSHIPS):
            out["relationships"][r["type"]] = r["n"]
        return out

    def content_hash(self, doc_id: str) -> str | None:
        rows = self._read(Q.CONTENT_HASH, doc_id=doc_id)
        return rows[0]["content_hash"] if rows else None

    def dump(self) -> GraphDump:
        nodes = self._read(Q.DUMP_NODES)
        by_id = {}
        for n in nodes:
            by_id[n["id"]] = (n["label"], n["props"][C.NODE_KEYS[n["label"]]])
        edges = self._read(Q.DUMP_EDGES)
        return C.sorted_dump(
            ((n["label"], by_id[n["id"]][1], n["props"]) for n in nodes),
            ((e["type"], by_id[e["source"]], by_id[e["target"]], e["props"]) for e in edges),
        )


_JIEBA = None


def _segment(text: str) -> str:
    """jieba search-mode segmentation joined by spaces (the whitespace-analyzer copy)."""
    global _JIEBA
    if _JIEBA is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        _JIEBA = jieba
    return " ".join(w for w in _JIEBA.cut_for_search(text) if w.strip())
