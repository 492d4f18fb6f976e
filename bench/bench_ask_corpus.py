"""``ask`` latency on the all-documents store (196 documents), networkx and Neo4j, for one code version.

    .venv/bin/python bench/bench_ask_corpus.py --code /work/main  --store /tmp/store_now
    .venv/bin/python bench/bench_ask_corpus.py --code /tmp/before --store /tmp/store_before \\
        --out bench/results/ask_corpus_before.json
    .venv/bin/python bench/bench_ask_corpus.py ... --no-neo4j --repeat 1     # quick check

``--code DIR`` is the project tree whose code is measured (put first on ``sys.path`` before any
project import), so the same script measures an older checkout (e.g. a git worktree of an earlier
commit) and the current one. Only APIs present in both are used: ``PolicyKG(store, index_dir,
embedder_factory, embedding_cache=...)``, ``ingest``, ``warm_up``, ``ask``, ``close``,
``NetworkxGraphStore(path)``, ``Neo4jGraphStore(uri, user, password, database)``,
``graph.server.start/stop``, ``ui.config.load_settings``, ``ui.factory.embedder_factory``.

Inputs that do not depend on the code version come from this script's own tree (``ROOT``), so both
runs see the same questions and documents:

* questions: ``data/eval/seed_questions.jsonl`` + ``data/eval/pdf2_questions_dev.jsonl`` (never a
  ``*frozen*`` file);
* documents for the Neo4j ingest: ``data/``, ``../shared/corpus/pdf``, ``../shared/corpus/pdf2``.

networkx: ``--store DIR`` is an existing store directory (``graph.json``, or ``graph.pkl`` for code
before the JSON store format, ``index-networkx/``, ``index-networkx.embcache.sqlite``) built by the same
code version. It is copied into a temp dir and opened there (``NetworkxGraphStore.close`` saves the
graph file), so the store is never written.

Neo4j (unless ``--no-neo4j``): a Neo4j server is started with ``graph.server.start`` in a temp dir
on a free port; the documents are ingested into ``PolicyKG(Neo4jGraphStore(...), tmp index,
embedding_cache=<a copy of the store's embedding cache>)`` (so nothing is re-embedded), the ingest
seconds are recorded, and the server is stopped at the end. ``graph/server.py`` and the launcher
sources are the same in both versions; when ``--code``'s launcher is not built (a fresh worktree),
``ROOT``'s built launcher is used instead of running Maven.

Latency: after ``warm_up()`` and one untimed pass over all questions, every question is asked
``--repeat`` times (passes in order); p50/p95 (ms) per store. The 1-minute load average is
recorded at the start and end. JSON goes to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from timing import free_port, loadavg, ms_stats  # bench/ helpers: no project imports

ROOT = Path(__file__).resolve().parents[1]
QUESTION_FILES = [ROOT / "data" / "eval" / "seed_questions.jsonl", ROOT / "data" / "eval" / "pdf2_questions_dev.jsonl"]
DOC_DIRS = [ROOT / "data", ROOT.parent / "shared" / "corpus" / "pdf", ROOT.parent / "shared" / "corpus" / "pdf2"]
OUT = ROOT / "bench" / "results" / "ask_corpus.json"
NEO4J_PASSWORD = "policykg-bench-pw"
CACHE_NAME = "index-networkx.embcache.sqlite"


def _git_rev(path: Path) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(["git", "-C", str(path), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10)
        return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "") if out.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


def load_questions() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in QUESTION_FILES:
        assert "frozen" not in path.name, path
        with open(path, encoding="utf-8") as f:
            items.extend(json.loads(line) for line in f if line.strip())
    return items


def _score(gold: list[dict[str, Any]], answers: list[Any]) -> int | None:
    """Correct answers by the measured code's own ``search.eval.score_item`` (None if it cannot score)."""
    try:
        from search.eval import score_item

        return sum(bool(score_item(g, a)[0]) for g, a in zip(gold, answers, strict=True))
    except Exception as e:  # an older scorer may not know an intent
        print(f"  (scoring skipped: {type(e).__name__}: {e})", flush=True)
        return None


def bench_ask(service: Any, gold: list[dict[str, Any]], repeat: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    service.warm_up()
    warm_s = time.perf_counter() - t0
    questions = [g["question"] for g in gold]
    t0 = time.perf_counter()
    answers = [service.ask(q) for q in questions]  # untimed pass (caches, lazy paths)
    first_pass_s = time.perf_counter() - t0
    times: list[float] = []
    for _ in range(repeat):
        for q in questions:
            t1 = time.perf_counter()
            service.ask(q)
            times.append(time.perf_counter() - t1)
    return {"warm_up_s": round(warm_s, 2), "untimed_pass_s": round(first_pass_s, 2),
            "correct": _score(gold, answers), "questions": len(questions), **ms_stats(times),
            "_answers": [a.to_dict() for a in answers]}


def _start_neo4j(tmp: Path, code: Path) -> tuple[Any, Path, str, str]:
    from graph import server

    launcher = Path(server.LAUNCHER_DIR)
    note = f"launcher {launcher}"
    if not (launcher / "target" / getattr(server, "JAR_NAME", "neo4j-launcher-1.0.0.jar")).is_file():
        own = ROOT / "graph" / "neo4j_launcher"
        if (own / "target").is_dir():
            server.LAUNCHER_DIR = own  # same sources in both versions; avoids a Maven build in --code
            note = f"launcher {own} (--code's launcher not built)"
    data_dir = tmp / "neo4j"
    port = free_port()
    t0 = time.perf_counter()
    st = server.start(data_dir, port=port, auth=True, password=NEO4J_PASSWORD, timeout=240)
    source = f"graph.server.start on port {port} ({time.perf_counter() - t0:.1f}s), {note}"
    return server, data_dir, st.uri, source


# ----------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--code", type=Path, default=ROOT, help=f"project tree to measure (default {ROOT})")
    ap.add_argument("--store", type=Path, required=True, help="existing networkx store dir built by that code")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over the questions (default 3)")
    ap.add_argument("--no-neo4j", action="store_true", help="networkx store only")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--tmp", type=Path, default=None, help="parent folder for the temp dir (default system temp)")
    args = ap.parse_args(argv)

    code = args.code.expanduser().resolve()
    store_dir = args.store.expanduser().resolve()
    if not (code / "search" / "service.py").is_file():
        raise SystemExit(f"{code}: not a project tree (no search/service.py)")
    # graph.json since the JSON store format; graph.pkl in stores built by older code (--code)
    graph_file = next((n for n in ("graph.json", "graph.pkl") if (store_dir / n).is_file()), "graph.json")
    for name in (graph_file, "index-networkx", CACHE_NAME):
        if not (store_dir / name).exists():
            raise SystemExit(f"{store_dir}: missing {name}")
    out = args.out if args.out.is_absolute() else Path.cwd() / args.out
    sys.path.insert(0, str(code))

    import search.service as service_mod  # noqa: E402
    from graph.networkx_store import NetworkxGraphStore  # noqa: E402
    from search.service import PolicyKG  # noqa: E402
    from ui.config import load_settings  # noqa: E402
    from ui.factory import embedder_factory  # noqa: E402

    loaded_from = Path(service_mod.__file__).resolve()
    if not loaded_from.is_relative_to(code):
        raise SystemExit(f"search.service imported from {loaded_from}, not from {code}")
    print(f"code {code} ({_git_rev(code)}), store {store_dir}", flush=True)

    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    settings = load_settings()
    load0 = loadavg()
    t0 = time.perf_counter()
    embedder = embedder_factory(settings)()
    model_load_s = time.perf_counter() - t0
    gold = load_questions()
    print(f"embedder {embedder.name} (backend {getattr(embedder, 'backend', None)!r}), loaded in {model_load_s:.1f}s; "
          f"{len(gold)} questions x {args.repeat}", flush=True)

    result: dict[str, Any] = {
        "code": str(code), "code_rev": _git_rev(code), "store": str(store_dir),
        "embedder": embedder.name, "backend": getattr(embedder, "backend", None),
        "configured_backend": settings.embed_backend, "model_load_s": round(model_load_s, 2),
        "machine": {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count()},
        "question_files": [str(p.relative_to(ROOT)) for p in QUESTION_FILES], "questions": len(gold),
        "repeat": args.repeat,
    }
    stores: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="policykg-bench-ask-corpus-", dir=args.tmp) as tmp_name:
        tmp = Path(tmp_name)

        # --- networkx: a copy of the existing store --------------------------------------------
        t0 = time.perf_counter()
        nx_dir = tmp / "nx-store"
        nx_dir.mkdir()
        shutil.copy2(store_dir / graph_file, nx_dir / graph_file)
        shutil.copytree(store_dir / "index-networkx", nx_dir / "index-networkx")
        shutil.copy2(store_dir / CACHE_NAME, nx_dir / CACHE_NAME)
        copy_s = time.perf_counter() - t0
        nx = PolicyKG(NetworkxGraphStore(nx_dir / graph_file), nx_dir / "index-networkx", lambda: embedder,
                      embedding_cache=nx_dir / CACHE_NAME)
        try:
            n_docs = len(nx.store.documents())
            print(f"networkx: {n_docs} documents (store copied in {copy_s:.1f}s)", flush=True)
            stores["networkx"] = {"documents": n_docs, **bench_ask(nx, gold, args.repeat)}
        finally:
            nx.close()
        s = stores["networkx"]
        print(f"networkx: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, max {s['max_ms']} ms; "
              f"correct {s['correct']}/{s['questions']}", flush=True)

        # --- Neo4j: ingest the same documents with a copy of the embedding cache ----------------
        if not args.no_neo4j:
            cache = tmp / "neo4j-embcache.sqlite"
            shutil.copy2(store_dir / CACHE_NAME, cache)
            server, data_dir, uri, source = _start_neo4j(tmp, code)
            result["neo4j_server"] = source
            print(f"neo4j: {source}", flush=True)
            try:
                from graph.neo4j_store import Neo4jGraphStore
                from ingest.readers import iter_files

                store = Neo4jGraphStore(uri, "neo4j", NEO4J_PASSWORD, "neo4j")
                store.clear()
                svc = PolicyKG(store, tmp / "neo4j-index", lambda: embedder, embedding_cache=cache)
                try:
                    t0 = time.perf_counter()
                    report = svc.ingest(DOC_DIRS)
                    ingest_s = time.perf_counter() - t0
                    if not report.ok:
                        print(f"neo4j ingest reported failures: {report}", flush=True)
                    n_docs = len(store.documents())
                    print(f"neo4j: ingested {n_docs} documents in {ingest_s:.1f}s "
                          f"({len(iter_files(DOC_DIRS))} files: added {len(report.added)}, "
                          f"updated {len(report.updated)}, skipped {len(report.skipped)}, failed {len(report.failed)})",
                          flush=True)
                    stores["neo4j"] = {"documents": n_docs, "ingest_s": round(ingest_s, 2),
                                       "ingest_added": len(report.added), "ingest_updated": len(report.updated),
                                       "ingest_skipped": len(report.skipped), "ingest_failed": len(report.failed),
                                       **bench_ask(svc, gold, args.repeat)}
                finally:
                    try:
                        store.clear()
                    finally:
                        svc.close()
            finally:
                server.stop(data_dir, timeout=60)
            s = stores["neo4j"]
            print(f"neo4j: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, max {s['max_ms']} ms; "
                  f"correct {s['correct']}/{s['questions']}", flush=True)

    answers = {name: s.pop("_answers") for name, s in stores.items()}
    if "neo4j" in answers:
        stores["neo4j"]["answers_equal_networkx"] = sum(
            a == b for a, b in zip(answers["networkx"], answers["neo4j"], strict=True))
    result["ask"] = stores
    result["loadavg_1m"] = {"start": load0, "end": loadavg()}

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    n = len(gold) * args.repeat
    print()
    print(f"code `{code}` ({result['code_rev']}), embedder `{result['embedder']}`, {os.cpu_count()} CPUs, "
          f"load avg {load0} -> {result['loadavg_1m']['end']}")
    print()
    print("| store | docs | p50 ms | p95 ms | max ms | correct | ingest s |")
    print("|---|---|---|---|---|---|---|")
    for name, s in stores.items():
        print(f"| {name} ({n} asks) | {s['documents']} | {s['p50_ms']} | {s['p95_ms']} | {s['max_ms']} | "
              f"{s['correct']}/{s['questions']} | {s.get('ingest_s', '–')} |")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
