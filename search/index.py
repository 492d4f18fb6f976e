"""Hybrid (dense + BM25) clause search over ingested policy documents.

One :class:`SearchIndex` holds, for every :class:`~ingest.records.Clause`:

* **dense vectors** in a faiss index (inner product over L2-normalised vectors = cosine).
  Each clause contributes one *clause vector* (``heading + text`` with the leading
  numbering dropped, capped at :data:`PASSAGE_MAX_CHARS` characters because
  multilingual-e5-small reads at most 512 tokens) and, when ``sentence_level`` is on
  (the default), one *sentence vector* per sentence of clauses that have more than one
  sentence (heading-prefixed, so a sentence keeps its context). Long clauses (up to 3,000+
  characters in the seeds) lose their tail to the passage cap; the sentence vectors make
  that tail findable. At query time the vector hits are max-pooled back to their clause.
  Measured on the 32 lead_agency/target_value seed questions with multilingual-e5-small
  (bench/bench_index.py): sentence vectors raise dense evidence@3 from 0.78 to 0.94 and the
  hybrid mean evidence rank from 1.28 to 1.19 (whole-index hybrid evidence@3 0.94 -> 0.97),
  for ~5.5x the vectors (152 clauses -> 834 vectors), so they are kept.
* **faiss kind** is chosen by size: an exact ``IndexFlatIP`` while the number of vectors
  is below :data:`HNSW_THRESHOLD` (20,000: brute force over 20k x 384 floats is ~2-3 ms per
  query, exact, and builds instantly), an ``IndexHNSWFlat`` with inner-product metric
  (M=32, efConstruction=200, efSearch=128) above it, where exact search gets linear-slow
  and HNSW recall at these settings is > 0.99. The kind is recorded in ``manifest.json``.
* **BM25** (``rank_bm25.BM25Okapi``) over jieba tokens of the full clause text. jieba runs
  in a private ``jieba.Tokenizer()`` loaded with the shipped domain dictionary
  ``search/dictionaries/user_dict.txt`` plus the caller's ``user_words`` (agencies,
  regions, topics, indicators from ingest), so terms such as 挥发性有机物 or
  单位地区生产总值能耗 stay whole. Stop words (``search/dictionaries/stopwords.txt``),
  punctuation and whitespace are dropped; ASCII is lower-cased after NFKC.
* **Hybrid fusion** is reciprocal rank fusion: ``score(c) = sum 1 / (RRF_K + rank)`` over
  the dense and BM25 rankings (rank from 1, ``RRF_K`` = 60); a clause missing from a
  ranking gets nothing from it. Ties go to the better best-rank, then to the dense order.
* **Filters** (``doc_ids``, ``region``, ``level``, ``year``) are applied *before* ranking,
  so ``k`` results come back whenever that many clauses match. ``region`` matches the
  document region or any of its ancestors (``doc_meta[doc]["ancestors"]``), so 山西省
  finds 太原市 documents.
* **Embedding cache** (:class:`EmbeddingCache`, one sqlite file) keyed by
  ``sha256(model name, prefix, text)`` so a rebuild re-embeds only changed texts.

On disk an index is a folder (written to a temporary sibling, then renamed)::

    manifest.json  format_version, model, dim, faiss_kind, count, vectors, created, ...
    faiss.index    the faiss index (row i = vector i)
    ids.json       clause ids, position = clause number
    meta.json      per-clause doc_id/region/level/year/ancestors/heading + vector->clause rows
    bm25.json      BM25 token lists per clause, BM25 parameters and the tokenizer's user words
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ingest.datafiles import content_lines
from ingest.errors import ConfigError, DictionaryError, IndexNotBuiltError
from ingest.records import Clause, Hit

__all__ = [
    "SearchIndex",
    "EmbeddingCache",
    "BM25Tokenizer",
    "rrf_fuse",
    "passage_text",
    "doc_meta_from_parsed",
    "HNSW_THRESHOLD",
    "RRF_K",
    "FORMAT_VERSION",
]

FORMAT_VERSION = 1
HNSW_THRESHOLD = 20_000  # vectors; below: exact IndexFlatIP, at/above: IndexHNSWFlat
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 128
RRF_K = 60
PASSAGE_MAX_CHARS = 480  # ~ 512 XLM-R tokens for Chinese text, leaving room for the prefix
SENTENCE_MAX_CHARS = 300
DENSE_DEPTH = 100  # vector hits (after filtering) pooled into the dense clause ranking
BM25_DEPTH = 100  # clauses taken from the BM25 ranking into fusion
BM25_K1 = 1.5
BM25_B = 0.75

_DICT_DIR = Path(__file__).resolve().parent / "dictionaries"
USER_DICT_PATH = _DICT_DIR / "user_dict.txt"
STOPWORDS_PATH = _DICT_DIR / "stopwords.txt"

_NOT_BUILT = "索引不存在，请先运行 policykg ingest / index not built; run policykg ingest"

def read_index_manifest(path: Path | str) -> dict | None:
    """The manifest of the index folder ``path`` (None when it is missing or unreadable)."""
    try:
        return json.loads((Path(path) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# Leading numbering of a clause text: 三、 / （九） / (九) / 2. / 2、 / （1） / 第三条 ...
_LEADING_NUMBER = re.compile(
    r"^\s*(?:"
    r"第[一二三四五六七八九十百零〇\d]+[章节条]\s*"  # 第三条
    r"|[一二三四五六七八九十百零〇]+\s*[、．.]"  # 三、
    r"|[（(]\s*[一二三四五六七八九十百零〇\d]+\s*[)）]"  # （九） (九) （1）
    r"|\d{1,3}\s*[、．.](?!\d)"  # 2. 2、 (not 2.5)
    r")\s*"
)
_HEADING_END = re.compile(r"[。；;]")


# --------------------------------------------------------------------------- helpers
def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _strip_numbering(s: str) -> str:
    return _LEADING_NUMBER.sub("", s or "", count=1).strip()


def passage_text(clause: Clause, max_chars: int = PASSAGE_MAX_CHARS) -> str:
    """The text embedded for a clause: heading + text, numbering dropped, capped.

    The heading is not repeated when the text already starts with it (ingest keeps the
    heading inside ``text``).

    Args:
        clause: the clause.
        max_chars: cap in characters (e5-small reads 512 tokens at most).

    Returns:
        The passage text (without the model's passage prefix).
    """
    heading = _strip_numbering(clause.heading)
    text = _strip_numbering(clause.text)
    if heading and not text.startswith(heading):
        text = f"{heading}。{text}" if text else heading
    return text[:max_chars]


def _sentence_texts(clause: Clause) -> list[str]:
    """Heading-prefixed sentences of a multi-sentence clause (empty for short clauses)."""
    sents = [s.strip() for s in clause.sentences if s and s.strip()]
    if len(sents) <= 1:
        return []
    heading = _strip_numbering(clause.heading)
    out = []
    for i, s in enumerate(sents):
        s = _strip_numbering(s) if i == 0 else s
        if not s:
            continue
        if heading and not s.startswith(heading):
            s = f"{heading}：{s}"
        out.append(s[:SENTENCE_MAX_CHARS])
    return out


def doc_meta_from_parsed(parsed_docs: Iterable[Any]) -> dict[str, dict]:
    """Build the ``doc_meta`` mapping from :class:`~ingest.records.ParsedDocument` records.

    Args:
        parsed_docs: ParsedDocument records (document + regions with parents).

    Returns:
        ``{doc_id: {"region", "level", "year", "ancestors"}}``; ``ancestors`` lists the
        document region's parents up to the root (from the document's ``regions``).
    """
    out: dict[str, dict] = {}
    for pd in parsed_docs:
        doc = pd.document
        parents = {r.name: r.parent for r in getattr(pd, "regions", ())}
        anc: list[str] = []
        cur = parents.get(doc.region)
        while cur and cur not in anc:
            anc.append(cur)
            cur = parents.get(cur)
        year = int(doc.date[:4]) if doc.date[:4].isdigit() else None
        out[doc.doc_id] = {"region": doc.region, "level": doc.level, "year": year,
                           "ancestors": anc}
    return out


def rrf_fuse(rankings: Sequence[Sequence[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Reciprocal rank fusion of ranked id lists.

    ``score(id) = sum over lists of 1 / (k + rank)``, rank counted from 1. Ties are broken
    by the best (smallest) rank the id reached in any list, then by first appearance
    (earlier lists first), so the result is deterministic.

    Args:
        rankings: ranked lists of ids, best first (an id appears at most once per list).
        k: the RRF constant (60 as in Cormack et al. 2009).

    Returns:
        ``[(id, fused_score)]`` best first.
    """
    score: dict[str, float] = {}
    best: dict[str, int] = {}
    first: dict[str, int] = {}
    seen = 0
    for ranking in rankings:
        for r, cid in enumerate(ranking, start=1):
            score[cid] = score.get(cid, 0.0) + 1.0 / (k + r)
            best[cid] = min(best.get(cid, r), r)
            if cid not in first:
                first[cid] = seen
                seen += 1
    return sorted(score.items(), key=lambda kv: (-kv[1], best[kv[0]], first[kv[0]]))


# --------------------------------------------------------------------------- tokenizer
def _read_lines(path: Path) -> Iterable[tuple[int, str]]:
    """(line number, stripped line) of a word list's non-blank, non-comment lines (:func:`ingest.datafiles.content_lines`)."""
    for n, line in content_lines(path):
        yield n, line.strip()


def load_user_dict(path: Path | str = USER_DICT_PATH) -> list[tuple[str, int | None, str | None]]:
    """Parse a jieba-format user dictionary (``word [freq] [tag]``).

    Raises:
        DictionaryError: a line is malformed (names the file and line).
    """
    path = Path(path)
    out = []
    for n, line in _read_lines(path):
        parts = line.split()
        if len(parts) > 3:
            raise DictionaryError(f"{path}:{n}: 应为 'word [freq] [tag]' / expected 'word [freq] [tag]': {line!r}")
        freq: int | None = None
        tag: str | None = None
        if len(parts) >= 2:
            if not parts[1].isdigit():
                raise DictionaryError(f"{path}:{n}: 词频必须是整数 / freq must be an integer: {line!r}")
            freq = int(parts[1])
        if len(parts) == 3:
            tag = parts[2]
        out.append((parts[0], freq, tag))
    return out


def load_stopwords(path: Path | str = STOPWORDS_PATH) -> frozenset[str]:
    """Read the stop list (one word per line, ``#`` comments).

    Raises:
        DictionaryError: a line holds more than one word (names the file and line).
    """
    path = Path(path)
    words = set()
    for n, line in _read_lines(path):
        if len(line.split()) != 1:
            raise DictionaryError(f"{path}:{n}: 每行一个停用词 / one stop word per line: {line!r}")
        words.add(unicodedata.normalize("NFKC", line).lower())
    return frozenset(words)


def _is_noise(tok: str) -> bool:
    """Whitespace / punctuation / symbol-only tokens."""
    return all(unicodedata.category(ch)[0] in "PZSC" for ch in tok)


_BASE_TOKENIZERS: dict[tuple[str, float], Any] = {}
_BASE_LOCK = threading.Lock()


def _base_tokenizer(user_dict: str) -> Any:
    """A jieba.Tokenizer with the main and the domain dictionary, built once per process.

    Loading jieba's main dictionary takes ~1 s; each :class:`BM25Tokenizer` copies this
    base's word table (~30 ms) instead.
    """
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict…" lines are noise for CLI users
    mtime = os.path.getmtime(user_dict) if user_dict else 0.0
    key = (user_dict, mtime)
    with _BASE_LOCK:
        tk = _BASE_TOKENIZERS.get(key)
        if tk is None:
            entries = load_user_dict(user_dict) if user_dict else []
            tk = jieba.Tokenizer()
            tk.initialize()
            for word, freq, tag in entries:
                tk.add_word(word, freq, tag)
            _BASE_TOKENIZERS[key] = tk
        return tk


class BM25Tokenizer:
    """jieba tokenisation for BM25 with the domain dictionary, in a private jieba instance.

    Args:
        user_words: extra words (agencies, regions, topics, indicators) kept whole.
        user_dict: jieba-format dictionary file (default: the shipped one).
        stopwords: stop list file (default: the shipped one).
    """

    def __init__(self, user_words: Iterable[str] = (), *, user_dict: Path | str | None = USER_DICT_PATH,
                 stopwords: Path | str | None = STOPWORDS_PATH):
        import jieba

        self.user_words = sorted({w.strip() for w in user_words if w and w.strip()})
        self.stopwords = load_stopwords(stopwords) if stopwords else frozenset()
        base = _base_tokenizer(str(user_dict) if user_dict else "")
        # a private instance sharing nothing mutable with the base (or the global jieba)
        self._tk = jieba.Tokenizer()
        self._tk.FREQ = dict(base.FREQ)
        self._tk.total = base.total
        self._tk.user_word_tag_tab = dict(base.user_word_tag_tab)
        self._tk.initialized = True
        for w in self.user_words:
            self._tk.add_word(w)

    def knows(self, word: str) -> bool:
        """Whether the word is in the tokenizer's dictionary (not a word its HMM made up from unknown characters)."""
        return bool(self._tk.FREQ.get(word))

    def segment(self, text: str) -> list[str]:
        """The words of ``text`` as written, every character kept (the pieces join back to ``text``)."""
        return list(self._tk.cut(text or "", HMM=True))

    def tokenize(self, text: str) -> list[str]:
        """NFKC + lower-case, jieba precise mode, stop words and punctuation dropped."""
        text = unicodedata.normalize("NFKC", text or "")
        out = []
        for tok in self._tk.cut(text, HMM=True):
            tok = tok.strip().lower()
            if not tok or _is_noise(tok) or tok in self.stopwords:
                continue
            out.append(tok)
        return out


# --------------------------------------------------------------------------- cache
class EmbeddingCache:
    """Persistent text -> vector cache (one sqlite file; each ``put_many`` is one transaction).

    Keys are ``sha256(model name + "\\x1f" + prefix + "\\x1f" + text)``, so a different model
    or prefix never returns a stale vector.

    Args:
        path: the sqlite file (created with its parent folder).
    """

    def __init__(self, path: Path | str):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, dim INTEGER, vec BLOB)")
            self._db.commit()
        except (OSError, sqlite3.Error) as e:
            raise ConfigError(f"{self.path}: 无法打开嵌入缓存 / cannot open embedding cache: {e}") from e
        self._lock = threading.Lock()

    @staticmethod
    def key(model: str, prefix: str, text: str) -> str:
        """The cache key of one text."""
        return hashlib.sha256(f"{model}\x1f{prefix}\x1f{text}".encode("utf-8")).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Vectors for the keys present in the cache."""
        out: dict[str, np.ndarray] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                chunk = list(keys[i:i + 500])
                q = f"SELECT key, dim, vec FROM emb WHERE key IN ({','.join('?' * len(chunk))})"
                for key, dim, blob in self._db.execute(q, chunk):
                    v = np.frombuffer(blob, dtype=np.float32)
                    if v.shape[0] == dim:
                        out[key] = v
        return out

    def put_many(self, items: Mapping[str, np.ndarray]) -> None:
        """Store vectors (one transaction: all or nothing)."""
        rows = [(k, int(v.shape[0]), np.ascontiguousarray(v, dtype=np.float32).tobytes())
                for k, v in items.items()]
        with self._lock, self._db:
            self._db.executemany("INSERT OR REPLACE INTO emb (key, dim, vec) VALUES (?, ?, ?)", rows)

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM emb").fetchone()[0])

    def close(self) -> None:
        """Close the sqlite connection."""
        self._db.close()


def _embed_passages_cached(texts: Sequence[str], embedder: Any, cache: EmbeddingCache | None,
                           progress: bool, batch: int = 64) -> np.ndarray:
    dim = int(embedder.dim)
    out = np.zeros((len(texts), dim), dtype=np.float32)
    if not texts:
        return out
    name = str(getattr(embedder, "name", type(embedder).__name__))
    prefix = str(getattr(embedder, "passage_prefix", ""))
    keys = [EmbeddingCache.key(name, prefix, t) for t in texts]
    have = cache.get_many(keys) if cache is not None else {}
    todo: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        if k in have and have[k].shape[0] == dim:
            out[i] = have[k]
        else:
            todo.setdefault(k, []).append(i)
    # similar lengths per batch -> less padding in the transformer
    order = sorted(todo, key=lambda k: len(texts[todo[k][0]]))
    t0 = time.perf_counter()
    for s in range(0, len(order), batch):
        chunk = order[s:s + batch]
        vecs = np.asarray(embedder.embed_passages([texts[todo[k][0]] for k in chunk]), dtype=np.float32)
        if vecs.shape != (len(chunk), dim):
            raise ConfigError(f"embedder {name!r} returned shape {vecs.shape}, expected ({len(chunk)}, {dim})")
        for k, v in zip(chunk, vecs):
            for i in todo[k]:
                out[i] = v
        if cache is not None:
            cache.put_many(dict(zip(chunk, vecs)))
        if progress:
            done = min(s + batch, len(order))
            print(f"\r  embedded {done}/{len(order)} new texts ({time.perf_counter() - t0:.0f}s)",
                  end="", flush=True)
    if progress and order:
        print()
    return out


# --------------------------------------------------------------------------- faiss
def _make_faiss(vectors: np.ndarray, dim: int) -> tuple[Any, str]:
    import faiss

    n = vectors.shape[0]
    if n >= HNSW_THRESHOLD:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
        kind = "hnsw-ip"
    else:
        index = faiss.IndexFlatIP(dim)
        kind = "flat-ip"
    if n:
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index, kind


def _faiss_kind(index: Any) -> str:
    import faiss

    return "hnsw-ip" if isinstance(index, faiss.IndexHNSWFlat) else "flat-ip"


# --------------------------------------------------------------------------- index
class SearchIndex:
    """Hybrid dense + BM25 index over clauses. Build with :meth:`build`, or :meth:`load`."""

    def __init__(self, *, embedder: Any, clause_ids: list[str], meta: list[dict],
                 vec_clause: np.ndarray, faiss_index: Any, tokens: list[list[str]],
                 tokenizer: BM25Tokenizer, manifest: dict):
        self.embedder = embedder
        self.clause_ids = clause_ids
        self.meta = meta
        self.vec_clause = np.asarray(vec_clause, dtype=np.int64)  # vector row -> clause number
        self.faiss_index = faiss_index
        self.tokens = tokens
        self.tokenizer = tokenizer
        self.manifest = manifest
        self._pos = {cid: i for i, cid in enumerate(clause_ids)}
        n = faiss_index.ntotal
        self._vectors = (faiss_index.reconstruct_n(0, n) if n else
                         np.zeros((0, int(manifest["dim"])), dtype=np.float32))
        # the clause (not sentence) vector row of each clause
        self._clause_row = np.full(len(clause_ids), -1, dtype=np.int64)
        for row in range(len(self.vec_clause) - 1, -1, -1):
            self._clause_row[self.vec_clause[row]] = row
        self._bm25 = None
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if tokens and any(tokens):
            from rank_bm25 import BM25Okapi

            # BM25Okapi cannot take an empty document list; empty token lists are fine
            self._bm25 = BM25Okapi(tokens, k1=BM25_K1, b=BM25_B)
            # postings (clause numbers, term frequencies) so a query touches only the clauses
            # holding its terms; BM25Okapi.get_scores loops over every clause in Python
            acc: dict[str, tuple[list[int], list[int]]] = {}
            for i, freqs in enumerate(self._bm25.doc_freqs):
                for t, f in freqs.items():
                    a = acc.setdefault(t, ([], []))
                    a[0].append(i)
                    a[1].append(f)
            self._postings = {t: (np.asarray(d, dtype=np.int64), np.asarray(f, dtype=np.float64))
                              for t, (d, f) in acc.items()}
            self._doc_len = np.asarray(self._bm25.doc_len, dtype=np.float64)

    # ------------------------------------------------------------------ build
    @classmethod
    def build(cls, clauses: Sequence[Clause], embedder: Any, *, user_words: Iterable[str] = (),
              cache: EmbeddingCache | None = None, doc_meta: Mapping[str, dict] | None = None,
              progress: bool = False, sentence_level: bool = True) -> "SearchIndex":
        """Embed and index clauses.

        Args:
            clauses: the clauses (clause ids must be unique).
            embedder: has ``embed_passages``, ``embed_queries``, ``dim``, ``name``.
            user_words: words jieba must keep whole (agencies, regions, topics, indicators).
            cache: embedding cache; unchanged texts are not re-embedded.
            doc_meta: ``{doc_id: {"region", "level", "year", "ancestors"}}`` for filters.
            progress: print embedding progress.
            sentence_level: add one vector per sentence of multi-sentence clauses.

        Returns:
            The index (in memory; :meth:`save` it).

        Raises:
            ConfigError: duplicate clause ids or an embedder returning the wrong shape.
        """
        doc_meta = doc_meta or {}
        clause_ids = [c.clause_id for c in clauses]
        if len(set(clause_ids)) != len(clause_ids):
            dup = sorted({c for c in clause_ids if clause_ids.count(c) > 1})[:5]
            raise ConfigError(f"duplicate clause ids: {dup}")
        meta = []
        for c in clauses:
            dm = doc_meta.get(c.doc_id, {})
            region = dm.get("region", "") or ""
            meta.append({
                "doc_id": c.doc_id,
                "region": region,
                "ancestors": list(dm.get("ancestors", []) or []),
                "level": dm.get("level", "unknown") or "unknown",
                "year": dm.get("year"),
                "heading": c.heading,
                "path": c.path,
            })
        texts: list[str] = []
        rows: list[int] = []
        for i, c in enumerate(clauses):
            texts.append(passage_text(c))
            rows.append(i)
            if sentence_level:
                for s in _sentence_texts(c):
                    texts.append(s)
                    rows.append(i)
        t0 = time.perf_counter()
        vectors = _embed_passages_cached(texts, embedder, cache, progress)
        t_embed = time.perf_counter() - t0
        dim = int(embedder.dim)
        index, kind = _make_faiss(vectors, dim)
        tokenizer = BM25Tokenizer(user_words)
        tokens = [tokenizer.tokenize(f"{c.heading}。{c.text}") for c in clauses]
        manifest = {
            "format_version": FORMAT_VERSION,
            "model": str(getattr(embedder, "name", type(embedder).__name__)),
            "dim": dim,
            "passage_prefix": str(getattr(embedder, "passage_prefix", "")),
            "faiss_kind": kind,
            "hnsw": ({"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION, "efSearch": HNSW_EF_SEARCH}
                     if kind == "hnsw-ip" else None),
            "count": len(clauses),
            "vectors": int(vectors.shape[0]),
            "sentence_level": bool(sentence_level),
            "passage_max_chars": PASSAGE_MAX_CHARS,
            "rrf_k": RRF_K,
            "docs": len({c.doc_id for c in clauses}),
            "created": _now(),
            "embed_seconds": round(t_embed, 2),
        }
        return cls(embedder=embedder, clause_ids=clause_ids, meta=meta, vec_clause=np.array(rows, dtype=np.int64),
                   faiss_index=index, tokens=tokens, tokenizer=tokenizer, manifest=manifest)

    # ------------------------------------------------------------------ persistence
    def save(self, path: Path | str) -> Path:
        """Write the index folder atomically (temporary sibling folder, then rename).

        Raises:
            ConfigError: the folder cannot be written.
        """
        import faiss

        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.tmp-", dir=path.parent))
        except OSError as e:
            raise ConfigError(f"{path}: 无法写入索引 / cannot write index: {e}") from e
        try:
            faiss.write_index(self.faiss_index, str(tmp / "faiss.index"))
            _write_json(tmp / "ids.json", self.clause_ids)
            _write_json(tmp / "meta.json", {"clauses": self.meta, "vector_clause": self.vec_clause.tolist()})
            _write_json(tmp / "bm25.json", {"k1": BM25_K1, "b": BM25_B, "tokens": self.tokens,
                                            "user_words": self.tokenizer.user_words})
            _write_json(tmp / "manifest.json", self.manifest)  # last: its presence marks completeness
            old = None
            if path.exists():
                old = path.with_name(f".{path.name}.old-{os.getpid()}-{time.time_ns()}")
                os.replace(path, old)
            os.replace(tmp, path)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except BaseException as e:
            shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(e, OSError):
                raise ConfigError(f"{path}: 无法写入索引 / cannot write index: {e}") from e
            raise
        return path

    @classmethod
    def load(cls, path: Path | str, embedder: Any) -> "SearchIndex":
        """Load an index folder written by :meth:`save`.

        Args:
            path: the index folder.
            embedder: the embedder queries will use; must match the manifest's model and dim.

        Raises:
            IndexNotBuiltError: the folder or a file is missing/corrupt, or the embedder's
                dim/name/format differs from the manifest (the message names the path).
        """
        import faiss

        path = Path(path)
        mf = path / "manifest.json"
        if not mf.is_file():
            raise IndexNotBuiltError(f"{path}: {_NOT_BUILT}")
        try:
            manifest = json.loads(mf.read_text(encoding="utf-8"))
            if manifest.get("format_version") != FORMAT_VERSION:
                raise IndexNotBuiltError(
                    f"{path}: 索引格式版本 {manifest.get('format_version')} 不受支持，请重新运行 policykg ingest / "
                    f"index format {manifest.get('format_version')} != {FORMAT_VERSION}; rerun policykg ingest")
            dim = int(getattr(embedder, "dim"))
            name = str(getattr(embedder, "name", type(embedder).__name__))
            if int(manifest["dim"]) != dim:
                raise IndexNotBuiltError(
                    f"{path}: 索引维度 {manifest['dim']} 与嵌入模型 {name} 维度 {dim} 不一致，请重新运行 policykg ingest / "
                    f"index dim {manifest['dim']} does not match embedder dim {dim}; rebuild with policykg ingest")
            if _base_name(manifest.get("model", "")) != _base_name(name):
                raise IndexNotBuiltError(
                    f"{path}: 索引由模型 {manifest.get('model')} 构建，当前模型为 {name}，请重新运行 policykg ingest / "
                    f"index built with {manifest.get('model')!r}, embedder is {name!r}; rebuild with policykg ingest")
            clause_ids = json.loads((path / "ids.json").read_text(encoding="utf-8"))
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
            bm = json.loads((path / "bm25.json").read_text(encoding="utf-8"))
            index = faiss.read_index(str(path / "faiss.index"))
        except IndexNotBuiltError:
            raise
        except (OSError, ValueError, KeyError, RuntimeError) as e:
            raise IndexNotBuiltError(f"{path}: 索引文件损坏或不完整，请重新运行 policykg ingest / "
                                     f"index is corrupt or incomplete ({e}); rerun policykg ingest") from e
        if index.d != int(manifest["dim"]) or len(clause_ids) != len(meta["clauses"]) \
                or index.ntotal != len(meta["vector_clause"]):
            raise IndexNotBuiltError(f"{path}: 索引文件不一致，请重新运行 policykg ingest / "
                                     "index files disagree; rerun policykg ingest")
        if isinstance(index, faiss.IndexHNSWFlat):
            index.hnsw.efSearch = int((manifest.get("hnsw") or {}).get("efSearch", HNSW_EF_SEARCH))
        tokenizer = BM25Tokenizer(bm.get("user_words", []))
        return cls(embedder=embedder, clause_ids=clause_ids, meta=meta["clauses"],
                   vec_clause=np.array(meta["vector_clause"], dtype=np.int64), faiss_index=index,
                   tokens=bm["tokens"], tokenizer=tokenizer, manifest=manifest)

    # ------------------------------------------------------------------ accessors
    def __len__(self) -> int:
        return len(self.clause_ids)

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self._pos

    @property
    def faiss_kind(self) -> str:
        """``"flat-ip"`` or ``"hnsw-ip"``."""
        return _faiss_kind(self.faiss_index)

    def clause_meta(self, clause_id: str) -> dict:
        """Filter metadata of one clause (doc_id, region, ancestors, level, year, heading, path)."""
        return self.meta[self._pos[clause_id]]

    def clause_vector(self, clause_id: str) -> np.ndarray:
        """The stored clause vector (no re-embedding).

        Raises:
            KeyError: unknown clause id.
        """
        return self._vectors[self._clause_row[self._pos[clause_id]]]

    def passages_of(self, clause_ids: Sequence[str]) -> tuple[np.ndarray, list[int]]:
        """The vectors of some clauses' passages (the clause's own, then its sentences') and, per vector
        row, the position in ``clause_ids`` of the clause it belongs to."""
        nums = [self._pos[c] for c in clause_ids]
        local = {num: i for i, num in enumerate(nums)}
        rows = np.nonzero(np.isin(self.vec_clause, nums))[0]
        return self._vectors[rows], [local[int(self.vec_clause[r])] for r in rows]

    def tokens_of(self, clause_id: str) -> list[str]:
        """The BM25 tokens of a clause."""
        return list(self.tokens[self._pos[clause_id]])

    # ------------------------------------------------------------------ filtering
    def _allowed(self, doc_ids=None, region=None, level=None, year=None,
                 exclude_doc_ids=None) -> np.ndarray | None:
        """Boolean mask over clauses, or None when nothing is filtered."""
        if doc_ids is None and region is None and level is None and year is None and not exclude_doc_ids:
            return None
        keep = meta_filter(doc_ids, region, level, year, exclude_doc_ids)
        return np.fromiter((keep(m["doc_id"], m) for m in self.meta), dtype=bool, count=len(self.meta))

    # ------------------------------------------------------------------ rankings
    def _dense_ranking(self, qvec: np.ndarray, mask: np.ndarray | None, depth: int) -> list[tuple[int, float]]:
        """Clause numbers with max-pooled cosine, best first (at most ``depth``)."""
        import faiss

        n = self.faiss_index.ntotal
        if n == 0 or depth <= 0:
            return []
        q = np.ascontiguousarray(qvec.reshape(1, -1), dtype=np.float32)
        # over-fetch vectors: several vectors (sentences) can map to one clause
        per_clause = max(1.0, n / max(1, len(self.clause_ids)))
        fetch = min(n, int(depth * per_clause * 2) + 16)
        params = None
        if mask is not None:
            rows = np.nonzero(mask[self.vec_clause])[0].astype(np.int64)
            if rows.size == 0:
                return []
            fetch = min(fetch, rows.size)
            sel = faiss.IDSelectorBatch(rows)
            params = (faiss.SearchParametersHNSW(sel=sel, efSearch=max(HNSW_EF_SEARCH, fetch))
                      if self.faiss_kind == "hnsw-ip" else faiss.SearchParameters(sel=sel))
        elif self.faiss_kind == "hnsw-ip":
            params = faiss.SearchParametersHNSW(efSearch=max(HNSW_EF_SEARCH, fetch))
        scores, ids = self.faiss_index.search(q, fetch, params=params)
        best: dict[int, float] = {}
        for s, row in zip(scores[0], ids[0]):
            if row < 0:
                continue
            c = int(self.vec_clause[row])
            if c not in best or s > best[c]:
                best[c] = float(s)
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:depth]

    def _bm25_scores(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """BM25 scores and a mask of clauses sharing at least one token with the query."""
        toks = list(dict.fromkeys(self.tokenizer.tokenize(query)))
        n = len(self.clause_ids)
        if self._bm25 is None or not toks:
            return np.zeros(n), np.zeros(n, dtype=bool)
        bm = self._bm25
        scores = np.zeros(n)
        overlap = np.zeros(n, dtype=bool)
        for t in toks:  # the Okapi formula of BM25Okapi.get_scores, over the postings only
            post = self._postings.get(t)
            if post is None:
                continue
            d, f = post
            norm = bm.k1 * (1 - bm.b + bm.b * self._doc_len[d] / bm.avgdl)
            scores[d] += (bm.idf.get(t) or 0.0) * (f * (bm.k1 + 1) / (f + norm))
            overlap[d] = True
        return scores, overlap

    def _bm25_ranking(self, scored: tuple[np.ndarray, np.ndarray], mask: np.ndarray | None,
                      depth: int) -> list[tuple[int, float]]:
        # Rank every clause sharing a query token, even when Okapi's idf of a term found in
        # more than half the clauses makes its score <= 0; clauses sharing none are unranked.
        scores, ok = scored
        if mask is not None:
            ok = ok & mask
        idx = np.nonzero(ok)[0]
        order = idx[np.lexsort((idx, -scores[idx]))][:depth]
        return [(int(i), float(scores[i])) for i in order]

    def _dense_scores_for(self, qvec: np.ndarray, clause_nums: Iterable[int]) -> dict[int, float]:
        """Max-pooled cosine for given clauses from the stored vectors (exact)."""
        nums = list(clause_nums)
        if not nums:
            return {}
        want = set(nums)
        rows = np.nonzero(np.isin(self.vec_clause, list(want)))[0]
        sims = self._vectors[rows] @ qvec.astype(np.float32)
        out: dict[int, float] = {}
        for r, s in zip(rows, sims):
            c = int(self.vec_clause[r])
            if c not in out or s > out[c]:
                out[c] = float(s)
        return out

    # ------------------------------------------------------------------ search
    def search(self, query: str, k: int = 10, *, doc_ids: Iterable[str] | str | None = None,
               region: str | Iterable[str] | None = None, level: str | Iterable[str] | None = None,
               year: int | tuple[int | None, int | None] | None = None, mode: str = "hybrid") -> list[Hit]:
        """Search clauses for a query.

        Args:
            query: the question or keywords.
            k: number of hits.
            doc_ids: only these documents.
            region: a region name; matches documents of that region or of its sub-regions.
            level: document level(s): national/provincial/city/county/unknown.
            year: a year or an inclusive ``(from, to)`` range (either end may be None).
            mode: ``"hybrid"`` (RRF of dense and BM25), ``"dense"`` or ``"bm25"``.

        Returns:
            Hits best first, ``rank`` from 1. ``score`` is the RRF score in hybrid mode, the
            cosine in dense mode and the BM25 score in bm25 mode; ``dense_score`` and
            ``bm25_score`` are filled for every hit in every mode.

        Raises:
            ValueError: unknown mode.
        """
        if mode not in ("hybrid", "dense", "bm25"):
            raise ValueError(f"unknown search mode {mode!r} (hybrid/dense/bm25)")
        if k <= 0 or not self.clause_ids:
            return []
        mask = self._allowed(doc_ids, region, level, year)
        qvec = None
        if mode in ("hybrid", "dense"):
            qvec = np.asarray(self.embedder.embed_queries([query]), dtype=np.float32)[0]
        bm_scored = self._bm25_scores(query)
        bm_scores = bm_scored[0]
        if mode == "dense":
            ranked = self._dense_ranking(qvec, mask, k)
            return [Hit(self.clause_ids[c], s, r, s, float(bm_scores[c])) for r, (c, s) in enumerate(ranked, 1)]
        if mode == "bm25":
            ranked = self._bm25_ranking(bm_scored, mask, k)
            dense = {}
            if ranked and self.embedder is not None:  # bm25 mode also works without a model
                qv = np.asarray(self.embedder.embed_queries([query]), dtype=np.float32)[0]
                dense = self._dense_scores_for(qv, [c for c, _ in ranked])
            return [Hit(self.clause_ids[c], s, r, dense.get(c), s) for r, (c, s) in enumerate(ranked, 1)]
        dense_ranked = self._dense_ranking(qvec, mask, max(DENSE_DEPTH, k))
        bm_ranked = self._bm25_ranking(bm_scored, mask, max(BM25_DEPTH, k))
        fused = rrf_fuse([[str(c) for c, _ in dense_ranked], [str(c) for c, _ in bm_ranked]], k=RRF_K)[:k]
        dense = dict(dense_ranked)
        missing = [int(c) for c, _ in fused if int(c) not in dense]
        dense.update(self._dense_scores_for(qvec, missing))
        return [Hit(self.clause_ids[int(c)], s, r, dense.get(int(c)), float(bm_scores[int(c)]))
                for r, (c, s) in enumerate(fused, 1)]

    def search_vector(self, vec: np.ndarray, k: int = 10, *, doc_ids=None, region=None, level=None,
                      year=None, exclude_doc_ids: Iterable[str] | str | None = None,
                      exclude_clause_ids: Iterable[str] = ()) -> list[Hit]:
        """Dense-only search with a given (L2-normalised) vector; same filters as :meth:`search`.

        Returns:
            Hits best first; ``score`` = ``dense_score`` = max-pooled cosine, ``bm25_score`` None.
        """
        if k <= 0 or not self.clause_ids:
            return []
        mask = self._allowed(doc_ids, region, level, year, exclude_doc_ids)
        excl = [self._pos[c] for c in exclude_clause_ids if c in self._pos]
        if excl:
            mask = np.ones(len(self.clause_ids), dtype=bool) if mask is None else mask.copy()
            mask[excl] = False
        ranked = self._dense_ranking(np.asarray(vec, dtype=np.float32), mask, k)
        return [Hit(self.clause_ids[c], s, r, s, None) for r, (c, s) in enumerate(ranked, 1)]

    def similar_to_clause(self, clause_id: str, k: int = 10, exclude_doc: str | None = None,
                          **filters: Any) -> list[Hit]:
        """Clauses most similar to a stored clause (its stored vector; no re-embedding).

        Args:
            clause_id: the source clause (itself is never returned).
            k: number of hits.
            exclude_doc: a document to leave out (e.g. the source clause's own).
            **filters: doc_ids / region / level / year as in :meth:`search`.

        Raises:
            KeyError: unknown clause id.
        """
        vec = self.clause_vector(clause_id)
        return self.search_vector(vec, k, exclude_doc_ids=exclude_doc, exclude_clause_ids=[clause_id], **filters)


def meta_filter(doc_ids=None, region=None, level=None, year=None,
                exclude_doc_ids=None) -> Callable[[str, Mapping[str, Any]], bool]:
    """Whether a document (its id and its ``doc_meta`` entry) passes the search filters.

    ``doc_ids`` / ``exclude_doc_ids``: an id or ids; ``level``: one or several; ``year``: a year or an
    inclusive ``(from, to)``; ``region``: a name or names, matching the document's region or an ancestor.
    """
    docs = {doc_ids} if isinstance(doc_ids, str) else (set(doc_ids) if doc_ids is not None else None)
    excl = {exclude_doc_ids} if isinstance(exclude_doc_ids, str) else set(exclude_doc_ids or ())
    levels = {level} if isinstance(level, str) else (set(level) if level is not None else None)
    if year is None:
        ylo = yhi = None
    elif isinstance(year, int):
        ylo = yhi = year
    else:
        ylo, yhi = year
    regions = {region} if isinstance(region, str) else (set(region) if region is not None else None)

    def keep(doc_id: str, m: Mapping[str, Any]) -> bool:
        if (docs is not None and doc_id not in docs) or doc_id in excl:
            return False
        if levels is not None and m.get("level") not in levels:
            return False
        if ylo is not None or yhi is not None:
            y = m.get("year")
            if y is None or (ylo is not None and y < ylo) or (yhi is not None and y > yhi):
                return False
        return regions is None or m.get("region") in regions or bool(regions.intersection(m.get("ancestors", [])))

    return keep


def _base_name(name: str) -> str:
    """Model name without a backend suffix: ``m[torch]`` and ``m[onnx]`` embed alike."""
    return re.sub(r"\[[^\]]*\]$", "", str(name))


def _write_json(path: Path, obj: Any) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
