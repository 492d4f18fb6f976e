"""End-to-end benchmark of ``PolicyKG.ask`` on both graph stores, index build and embedding throughput.

    .venv/bin/python bench/bench_ask.py                      # starts its own Neo4j in a temp dir
    NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=… .venv/bin/python bench/bench_ask.py --clear-neo4j
    .venv/bin/python bench/bench_ask.py --no-neo4j           # networkx only

Measures, over the four seed documents (``data/*.txt``) with the configured embedder
(``ui.config`` settings: ``POLICYKG_EMBED_BACKEND``, ``POLICYKG_MODEL_PATH`` …):

* embedding throughput: sentences/s of ``embed_passages`` on the unique sentences of the seed
  clauses (median of ``--runs`` timed runs after a warm-up batch);
* index build time: a cold ingest with an empty embedding cache (total, and its index-build
  part, with the number of texts embedded), then warm index rebuilds with the populated cache
  (median of ``--runs``) and a warm full ingest into a fresh store;
* ``ask`` latency p50/p95 (ms), warm: after ``warm_up()`` and one untimed pass, the 40 gold
  questions (data/eval/seed_questions.jsonl) x ``--repeat``, on the embedded networkx store and on
  Neo4j. Without env ``NEO4J_URI`` a Neo4j 5.26 server is started with ``graph.server.start`` in a
  temp dir on a free port and stopped at the end; with ``NEO4J_URI`` (+ ``NEO4J_USER`` /
  ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE``) that server's database is used, but only when it is
  empty or ``--clear-neo4j`` is given (it is cleared before and after).

Prints a markdown table and writes bench/results/ask.json. One run; numbers are medians /
percentiles within it. The host may be shared: the 1-minute load average is recorded.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from search.eval import load_gold, score_item  # noqa: E402
from search.service import PolicyKG  # noqa: E402
from timing import free_port, loadavg, ms_stats  # noqa: E402  (bench/ helpers)

SEEDS = sorted((ROOT / "data").glob("*.txt"))
GOLD = ROOT / "data" / "eval" / "seed_questions.jsonl"
OUT = ROOT / "bench" / "results" / "ask.json"
NEO4J_PASSWORD = "policykg-bench-pw"


class CountingEmbedder:
    """Delegates to an embedder and counts the passage texts it embeds."""

    def __init__(self, inner: Any):
        self.inner = inner
        self.passage_texts = 0

    def __getattr__(self, item: str) -> Any:
        return getattr(self.inner, item)

    def embed_passages(self, texts):
        self.passage_texts += len(texts)
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)


def _timed_rebuilds(service: PolicyKG) -> list[float]:
    """Wrap ``service._rebuild_index`` so each call's duration is recorded; returns the list."""
    durations: list[float] = []
    orig = service._rebuild_index

    def timed(*a: Any, **k: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return orig(*a, **k)
        finally:
            durations.append(time.perf_counter() - t0)

    service._rebuild_index = timed  # type: ignore[method-assign]
    return durations


# ----------------------------------------------------------------------------- parts
def bench_throughput(embedder: Any, runs: int) -> dict[str, Any]:
    from ingest.pipeline import parse_file

    sentences = sorted({s for p in SEEDS for c in parse_file(p).clauses for s in c.sentences if s.strip()})
    embedder.embed_passages(sentences[:32])  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        embedder.embed_passages(sentences)
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    return {
        "sentences": len(sentences),
        "mean_chars": round(sum(map(len, sentences)) / len(sentences), 1),
        "runs_s": [round(t, 2) for t in times],
        "sentences_per_s": round(len(sentences) / med, 1),
    }


def bench_build(embedder: Any, tmp: Path, runs: int) -> tuple[dict[str, Any], Path]:
    """Cold ingest (empty cache), warm index rebuilds, warm full ingest; returns (result, cache path)."""
    from graph.networkx_store import NetworkxGraphStore

    cache = tmp / "bench-embcache.sqlite"
    counting = CountingEmbedder(embedder)
    cold = PolicyKG(NetworkxGraphStore(tmp / "cold" / "graph.json"), tmp / "cold" / "index", lambda: counting,
                    embedding_cache=cache)
    rebuilds = _timed_rebuilds(cold)
    report = cold.ingest(SEEDS)
    assert report.ok and len(report.added) == len(SEEDS), str(report)
    cold_texts = counting.passage_texts
    result: dict[str, Any] = {
        "cold": {"ingest_s": round(report.seconds, 2), "index_build_s": round(rebuilds[-1], 2),
                 "texts_embedded": cold_texts, "clauses": len(cold.store.clauses()),
                 "vectors": cold.index.manifest["vectors"]},
    }
    counting.passage_texts = 0
    rebuilds.clear()
    for _ in range(runs):
        cold._rebuild_index()
    result["warm_rebuild"] = {"index_build_s": round(statistics.median(rebuilds), 3),
                              "runs_s": [round(t, 3) for t in rebuilds], "texts_embedded": counting.passage_texts}
    cold.close()

    counting.passage_texts = 0
    warm = PolicyKG(NetworkxGraphStore(tmp / "warm" / "graph.json"), tmp / "warm" / "index", lambda: counting,
                    embedding_cache=cache)
    rebuilds = _timed_rebuilds(warm)
    report = warm.ingest(SEEDS)
    assert report.ok, str(report)
    result["warm_ingest"] = {"ingest_s": round(report.seconds, 2), "index_build_s": round(rebuilds[-1], 3),
                             "texts_embedded": counting.passage_texts}
    warm.close()
    return result, cache


def bench_ask(service: PolicyKG, gold: list[dict[str, Any]], repeat: int) -> dict[str, Any]:
    rebuilds = _timed_rebuilds(service)
    t0 = time.perf_counter()
    report = service.ingest(SEEDS)
    ingest_s = time.perf_counter() - t0
    assert report.ok and len(report.added) == len(SEEDS), str(report)
    service.warm_up()
    questions = [g["question"] for g in gold]
    answers = [service.ask(q) for q in questions]  # untimed pass (caches, JIT paths)
    correct = sum(score_item(g, a)[0] for g, a in zip(gold, answers, strict=True))
    times = []
    for _ in range(repeat):
        for q in questions:
            t1 = time.perf_counter()
            service.ask(q)
            times.append(time.perf_counter() - t1)
    return {"ingest_s": round(ingest_s, 2), "index_build_s": round(sum(rebuilds), 3), "correct": correct,
            "questions": len(questions), **ms_stats(times), "_answers": [a.to_dict() for a in answers]}


class _Neo4j:
    """A Neo4j connection for the bench: the env's server, or one started in a temp dir."""

    def __init__(self, tmp: Path, clear: bool):
        self.data_dir: Path | None = None
        if os.environ.get("NEO4J_URI"):
            self.uri = os.environ["NEO4J_URI"]
            self.user = os.environ.get("NEO4J_USER", "neo4j")
            self.password = os.environ.get("NEO4J_PASSWORD", "")
            self.database = os.environ.get("NEO4J_DATABASE", "neo4j")
            self.source = f"env NEO4J_URI {self.uri}"
        else:
            from graph import server

            self.data_dir = tmp / "neo4j"
            port = free_port()
            t0 = time.perf_counter()
            st = server.start(self.data_dir, port=port, auth=True, password=NEO4J_PASSWORD, timeout=240)
            self.start_s = time.perf_counter() - t0
            self.uri, self.user, self.password, self.database = st.uri, "neo4j", NEO4J_PASSWORD, "neo4j"
            self.source = f"started by graph.server.start on port {port} ({self.start_s:.1f}s)"
        self.clear = clear

    def open_store(self):
        from graph.neo4j_store import Neo4jGraphStore

        store = Neo4jGraphStore(self.uri, self.user, self.password, self.database)
        if store.documents() and self.data_dir is None and not self.clear:
            store.close()
            raise SystemExit(f"{self.uri} database {self.database!r} is not empty; pass --clear-neo4j to clear it")
        store.clear()
        return store

    def stop(self) -> None:
        if self.data_dir is not None:
            from graph import server

            server.stop(self.data_dir, timeout=60)


# ----------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over the gold questions (default 3)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs for throughput and warm rebuild (default 3)")
    ap.add_argument("--no-neo4j", action="store_true", help="networkx store only")
    ap.add_argument("--clear-neo4j", action="store_true", help="allow clearing a non-empty NEO4J_URI database")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    from graph.networkx_store import NetworkxGraphStore
    from ui.config import load_settings
    from ui.factory import embedder_factory

    # an empty Neo4j database makes the driver log "property key does not exist" notifications
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    settings = load_settings()
    load0 = loadavg()
    t0 = time.perf_counter()
    embedder = embedder_factory(settings)()
    load_s = time.perf_counter() - t0
    gold = load_gold(GOLD)
    print(f"embedder {embedder.name} (configured backend {settings.embed_backend!r}), loaded in {load_s:.1f}s",
          flush=True)

    result: dict[str, Any] = {
        "embedder": embedder.name, "backend": getattr(embedder, "backend", None),
        "configured_backend": settings.embed_backend, "model_load_s": round(load_s, 2),
        "machine": {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count()},
        "seeds": len(SEEDS), "gold_questions": len(gold), "repeat": args.repeat, "runs": args.runs,
    }
    with tempfile.TemporaryDirectory(prefix="policykg-bench-ask-") as tmp_name:
        tmp = Path(tmp_name)
        result["throughput"] = bench_throughput(embedder, args.runs)
        print(f"throughput: {result['throughput']['sentences_per_s']} sentences/s "
              f"({result['throughput']['sentences']} sentences)", flush=True)
        result["build"], cache = bench_build(embedder, tmp, args.runs)
        print(f"build: cold {result['build']['cold']['index_build_s']}s, "
              f"warm {result['build']['warm_rebuild']['index_build_s']}s", flush=True)

        stores: dict[str, dict[str, Any]] = {}
        nx = PolicyKG(NetworkxGraphStore(tmp / "nx" / "graph.json"), tmp / "nx" / "index", lambda: embedder,
                      embedding_cache=cache)
        stores["networkx"] = bench_ask(nx, gold, args.repeat)
        nx.close()
        print(f"networkx: p50 {stores['networkx']['p50_ms']} ms, p95 {stores['networkx']['p95_ms']} ms", flush=True)

        if not args.no_neo4j:
            neo = _Neo4j(tmp, args.clear_neo4j)
            result["neo4j_server"] = neo.source
            try:
                store = neo.open_store()
                svc = PolicyKG(store, tmp / "neo4j-index", lambda: embedder, embedding_cache=cache)
                try:
                    stores["neo4j"] = bench_ask(svc, gold, args.repeat)
                finally:
                    store.clear()
                    svc.close()
            finally:
                neo.stop()
            print(f"neo4j: p50 {stores['neo4j']['p50_ms']} ms, p95 {stores['neo4j']['p95_ms']} ms", flush=True)

    answers = {name: s.pop("_answers") for name, s in stores.items()}
    if "neo4j" in answers:
        stores["neo4j"]["answers_equal_networkx"] = sum(
            a == b for a, b in zip(answers["networkx"], answers["neo4j"], strict=True))
    result["ask"] = stores
    result["loadavg_1m"] = {"start": load0, "end": loadavg()}

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    b, tp = result["build"], result["throughput"]
    n = len(gold) * args.repeat
    print()
    print(f"embedder `{result['embedder']}`, {os.cpu_count()} CPUs, load avg {load0} -> {result['loadavg_1m']['end']}")
    print()
    print("| measure | value |")
    print("|---|---|")
    for name, s in stores.items():
        extra = ""
        if "answers_equal_networkx" in s:
            extra = f", answers = networkx {s['answers_equal_networkx']}/{s['questions']}"
        print(f"| ask latency, {name} (warm, {n} asks) | p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, "
              f"max {s['max_ms']} ms; {s['correct']}/{s['questions']} correct{extra} |")
    for name, s in stores.items():
        print(f"| ingest 4 seeds into {name} (warm embedding cache) | {s['ingest_s']} s "
              f"(of which index build {s['index_build_s']} s) |")
    print(f"| index build, cold (empty cache) | {b['cold']['index_build_s']} s, {b['cold']['texts_embedded']} texts "
          f"embedded, {b['cold']['vectors']} vectors (whole ingest {b['cold']['ingest_s']} s) |")
    print(f"| index build, warm (cache full; median of {args.runs}) | {b['warm_rebuild']['index_build_s']} s, "
          f"{b['warm_rebuild']['texts_embedded']} texts embedded |")
    print(f"| ingest 4 seeds, warm cache, fresh store | {b['warm_ingest']['ingest_s']} s "
          f"(index build {b['warm_ingest']['index_build_s']} s) |")
    print(f"| embedding throughput ({result['backend']}, {tp['sentences']} seed sentences, median of {args.runs}) | "
          f"{tp['sentences_per_s']} sentences/s |")
    print(f"| model load | {result['model_load_s']} s |")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
