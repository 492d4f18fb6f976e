"""Index-only search at a million clause vectors: build time, recall@10 against exact search, query latency.

    .venv/bin/python bench/bench_ann.py --cache STORE/index-networkx.embcache.sqlite [--n 1000000]

Vectors: the real e5 passage vectors of an embedding cache (``search.index.EmbeddingCache``; the
all-documents store holds ~49k), recombined to ``--n`` distinct vectors — each one a real vector plus
Gaussian noise of the size of the spread between real neighbours, re-normalised — so the data keeps
the clustered shape of clause vectors instead of the uniform sphere of random vectors (which would
make approximate search look worse than it is). Queries: 1,000 other real vectors with fresh noise.

For each index kind — the store's HNSW settings (``search.index``: M, efConstruction, efSearch), a
cheaper HNSW build (efConstruction 40), and IVF (4,096 lists, nprobe 16 / 64) — reports build seconds,
memory of the vectors, p50/p95 single-query latency (1 thread, k=10, like one API request) and
recall@10 against exact inner-product search. Writes bench/results/ann.json. One run; faiss uses the
machine's cores for building only.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.index import HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M  # noqa: E402
from timing import loadavg, ms_stats  # noqa: E402  (bench/ helpers)

OUT = ROOT / "bench" / "results" / "ann.json"
K = 10


def real_vectors(cache: Path, dim: int = 384) -> np.ndarray:
    """Every cached passage vector of dimension ``dim`` (float32, normalised)."""
    db = sqlite3.connect(f"file:{cache}?mode=ro", uri=True)
    rows = db.execute("SELECT vec FROM emb WHERE dim = ?", (dim,)).fetchall()
    db.close()
    vecs = np.frombuffer(b"".join(r[0] for r in rows), dtype=np.float32).reshape(len(rows), dim)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def recombined(base: np.ndarray, n: int, noise: float, rng: np.random.Generator) -> np.ndarray:
    """``n`` vectors: random real ones plus Gaussian noise, re-normalised (built in chunks)."""
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    for start in range(0, n, 100_000):
        stop = min(n, start + 100_000)
        picked = base[rng.integers(0, len(base), stop - start)]
        chunk = picked + rng.normal(0, noise, picked.shape).astype(np.float32)
        out[start:stop] = chunk / np.linalg.norm(chunk, axis=1, keepdims=True)
    return out


def neighbour_spread(base: np.ndarray, rng: np.random.Generator) -> float:
    """Per-dimension noise that moves a vector about as far as its nearest real neighbour."""
    sample = base[rng.choice(len(base), size=min(2000, len(base)), replace=False)]
    sims = sample @ base.T
    sims[sims > 0.9999] = -1  # itself
    nearest = np.sqrt(np.maximum(0, 2 - 2 * sims.max(axis=1)))  # euclidean distance on the unit sphere
    return float(np.median(nearest) / np.sqrt(base.shape[1]))


def timed_queries(index, queries: np.ndarray) -> tuple[np.ndarray, list[float]]:
    import faiss

    faiss.omp_set_num_threads(1)
    ids = np.empty((len(queries), K), dtype=np.int64)
    times = []
    for i, q in enumerate(queries):
        t0 = time.perf_counter()
        _, found = index.search(q[None, :], K)
        times.append(time.perf_counter() - t0)
        ids[i] = found[0]
    faiss.omp_set_num_threads(0)
    return ids, times


def main() -> None:
    import faiss

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, required=True, help="an embedding cache (*.embcache.sqlite)")
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--kinds", default="hnsw-store,hnsw-fast,ivf", help="comma-separated subset")
    args = ap.parse_args()
    rng = np.random.default_rng(7)
    base = real_vectors(args.cache)
    noise = neighbour_spread(base, rng)
    vectors = recombined(base, args.n, noise, rng)
    queries = recombined(base, args.queries, noise, rng)
    dim = vectors.shape[1]
    print(f"{len(base)} real vectors -> {args.n} ({vectors.nbytes / 1e9:.2f} GB), noise {noise:.4f}", flush=True)

    exact = faiss.IndexFlatIP(dim)
    exact.add(vectors)
    truth, exact_times = timed_queries(exact, queries)
    results = [{"kind": "exact IndexFlatIP", "build_s": 0.0, **ms_stats(exact_times), "recall_at_10": 1.0}]
    print(results[-1], flush=True)
    del exact

    def report(kind: str, index, build_s: float, **extra) -> None:
        found, times = timed_queries(index, queries)
        recall = float(np.mean([len(set(f) & set(t)) / K for f, t in zip(found, truth)]))
        results.append({"kind": kind, "build_s": round(build_s, 1), **ms_stats(times),
                        "recall_at_10": round(recall, 4), **extra})
        print(results[-1], flush=True)

    kinds = set(args.kinds.split(","))
    for name, ef_c in (("hnsw-store", HNSW_EF_CONSTRUCTION), ("hnsw-fast", 40)):
        if name not in kinds:
            continue
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = ef_c
        t0 = time.perf_counter()
        index.add(vectors)
        build = time.perf_counter() - t0
        for ef_s in (HNSW_EF_SEARCH, 64):
            index.hnsw.efSearch = ef_s
            report(f"HNSW M={HNSW_M} efC={ef_c} efS={ef_s}", index, build)
        del index
    if "ivf" in kinds:
        quantizer = faiss.IndexFlatIP(dim)
        index = faiss.IndexIVFFlat(quantizer, dim, 4096, faiss.METRIC_INNER_PRODUCT)
        t0 = time.perf_counter()
        index.train(vectors[rng.choice(len(vectors), size=min(len(vectors), 200_000), replace=False)])
        index.add(vectors)
        build = time.perf_counter() - t0
        for nprobe in (16, 64):
            index.nprobe = nprobe
            report(f"IVF4096 nprobe={nprobe}", index, build)
    OUT.write_text(json.dumps({"n": args.n, "real_vectors": len(base), "noise": noise, "queries": args.queries,
                               "loadavg_1m": loadavg(), "results": results}, indent=1), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
