"""Scale: synthetic corpora of N documents recombined from real ones, ingested and asked on both stores.

    .venv/bin/python bench/bench_scale.py --sizes 1000 [--stores networkx,neo4j] [--read-mode auto]
        [--sources DIR ...] [--work DIR] [--shared-cache FILE]
    .venv/bin/python bench/bench_scale.py --sizes 5000 --stores neo4j --work DIR --measure-only

**Generator.** Each synthetic document takes the text of a real plan (the seeds, tests/fixtures/corpus
and, when present, ../shared/corpus/pdf2), moves it to another region of the gazetteer (the plan's
region, its short form and its province replaced — agencies are written with the region, so they become
that region's agencies), gives it its own 文号 and shifts each percentage by a small amount, so every
document is distinct (its own content hash, regions, agencies, targets) while keeping the genre's
structure, annotations and sentence shapes. Sentences that name no region and no percentage stay
as written, as they do across real plans that copy a provincial template — so part of the embedding
work is served by the cache, as in real use.

**Measures** per size and store, one run: cold ingest (empty store; embedding cache shared between the
two stores, so the second store's ingest is embedding-warm), documents/min and texts embedded/s, peak
RSS of the ingest process; warm re-ingest (nothing changed); store size on disk; then in one process
``ask`` p50/p95 (warm) over region-scoped and national questions and index-only ``search`` p95; and
the RSS of an API worker (``policykg serve``) after answering the same questions.
``--measure-only`` skips generation and ingest and measures the store an earlier run left in ``--work``
(for sizes whose ingest takes longer than one sitting); its rows carry no ingest figures.

Writes bench/results/scale.json and prints a markdown table. The host may be shared: the 1-minute load
average is recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import free_port, loadavg, ms_stats  # noqa: E402  (bench/ helpers)

OUT = ROOT / "bench" / "results" / "scale.json"
DEFAULT_SOURCES = [ROOT / "data", ROOT / "tests" / "fixtures" / "corpus", ROOT.parent / "shared" / "corpus" / "pdf2"]
MODEL_DIR = Path(os.environ.get("POLICYKG_MODEL_DIR", Path.home() / ".cache" / "policykg" / "models"))
NEO4J_PW = "scale-bench-password"
QUESTIONS = (
    "{r}挥发性有机物综合整治由哪个部门牵头？",
    "{r}到2025年单位地区生产总值能耗下降多少？",
    "{r}公共机构节能由哪个部门负责？",
    "{r}关于推广新能源汽车有哪些措施？",
)
NATIONAL = ("全国层面碳达峰由哪个部门牵头？", "国家对数据中心PUE有什么要求？", "各省到2025年单位GDP能耗分别下降多少？")
RE_PERCENT = re.compile(r"(\d{1,2})(\.\d)?%")
RE_DOC_NUMBER = re.compile(r"〔(\d{4})〕(\d{1,4})号")


# ----------------------------------------------------------------------------- generator
def load_templates(sources: list[Path]) -> list[tuple[str, str, str]]:
    """(text, region, province) of every readable real document under ``sources``."""
    from ingest.errors import PolicyKGError
    from ingest.pipeline import parse_file
    from ingest.readers import iter_files, read_text
    from ingest.regions import get_gazetteer

    gaz = get_gazetteer()
    out = []
    for path in iter_files([s for s in sources if s.exists()]):
        try:
            parsed = parse_file(path)
            text = read_text(path)
        except PolicyKGError:
            continue
        region = parsed.document.region
        chain = gaz.ancestors(region) if region else []
        province = next((r.name for r in chain if r.level == "province"), "")
        if region and region != "全国":
            out.append((text, region, province))
    return out


def short(name: str) -> str:
    """太原市 -> 太原, 山西省 -> 山西 (the forms plans use in running text)."""
    return re.sub(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区|县|区)$", "", name) or name


def synthesise(templates: list[tuple[str, str, str]], n: int, out_dir: Path, seed: int = 11) -> list[dict]:
    """Write ``n`` synthetic documents (UTF-8 .txt) to ``out_dir``; returns their (file, region) rows."""
    from ingest.regions import get_gazetteer

    gaz = get_gazetteer()
    rng = random.Random(seed)
    cities = [r for r in gaz.regions if r.level == "city" and r.parent]
    rows = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        text, region, province = templates[k % len(templates)]
        city = cities[(k * 7919) % len(cities)]
        new_province = city.parent or ""
        moved = text.replace(region, city.name).replace(short(region), short(city.name))
        if province and new_province:
            moved = moved.replace(province, new_province).replace(short(province), short(new_province))
        moved = RE_DOC_NUMBER.sub(lambda m: f"〔{m.group(1)}〕{1000 + k}号", moved)
        moved = RE_PERCENT.sub(lambda m: f"{int(m.group(1)) + rng.choice((0, 1))}{m.group(2) or ''}%", moved)
        name = f"synth-{k:05d}-{city.name}.txt"
        (out_dir / name).write_text(f"{city.name}节能降碳工作方案（第{k}号样本）\n" + moved, encoding="utf-8")
        rows.append({"file": name, "region": city.name})
    return rows


def read_manifest(docs_dir: Path) -> list[dict]:
    """The (file, region) rows of a folder ``synthesise`` wrote earlier (the region is in each file name)."""
    rows = [{"file": p.name, "region": p.stem.split("-", 2)[2]} for p in sorted(docs_dir.glob("synth-*.txt"))]
    if not rows:
        raise SystemExit(f"--measure-only: no synthetic documents in {docs_dir}")
    return rows


# ----------------------------------------------------------------------------- measurement
def env_for(home: Path, store: Path, graph: str, uri: str = "", read_mode: str = "auto") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POLICYKG_", "NEO4J_"))}
    env.update(PYTHONPATH=str(ROOT), POLICYKG_HOME=str(home), POLICYKG_STORE=str(store), POLICYKG_GRAPH=graph,
               POLICYKG_MODEL_DIR=str(MODEL_DIR), POLICYKG_CONFIG=str(home / "none.toml"),
               POLICYKG_READ_MODE=read_mode)
    if uri:
        env.update(NEO4J_URI=uri, NEO4J_PASSWORD=NEO4J_PW)
    return env


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """(seconds, peak RSS MB of this very child, stderr tail) of one ``policykg`` child process."""
    t0 = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "ui.cli", *args], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage (RUSAGE_CHILDREN: max of all)
        seconds = time.monotonic() - t0
        err.seek(0)
        tail = err.read().decode("utf-8", "replace")[-400:]
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError(f"{args[0]} failed ({code}): {tail}")
    return seconds, round(usage.ru_maxrss / 1024), tail


def cache_rows(cache: Path) -> int:
    if not cache.exists():
        return 0
    db = sqlite3.connect(f"file:{cache}?mode=ro", uri=True)
    try:
        return db.execute("SELECT count(*) FROM emb").fetchone()[0]
    finally:
        db.close()


def folder_mb(path: Path, skip: str = ".embcache.") -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and skip not in p.name) / 1e6, 1)


LATENCY_CHILD = """
import json, sys, time
from ui.config import load_settings
from ui.factory import open_policykg
questions = json.loads(sys.argv[1])
kg = open_policykg(load_settings())
kg.warm_up()
for q in questions[:5]:
    kg.ask(q)
ask, search = [], []
for q in questions:
    t0 = time.perf_counter(); kg.ask(q); ask.append(time.perf_counter() - t0)
    t0 = time.perf_counter(); kg.index.search(q, k=10); search.append(time.perf_counter() - t0)
print(json.dumps({"ask": ask, "search": search}))
"""


def latencies(env: dict[str, str], questions: list[str]) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-c", LATENCY_CHILD, json.dumps(questions, ensure_ascii=False)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=7200)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-2000:])
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    slowest = sorted(zip(got["ask"], questions), reverse=True)[:5]
    return {"ask": ms_stats(got["ask"]), "search": ms_stats(got["search"]),
            "slowest_asks": [{"question": q, "ms": round(t * 1000, 1)} for t, q in slowest]}


def api_worker(env: dict[str, str], questions: list[str]) -> dict[str, Any]:
    """RSS (MB) of a ``policykg serve`` process after it answered ``questions``, and its answer times.

    The request budget is lifted for the measurement (a first answer may load the model); answers
    that took longer than the default budget (30 s) are counted, never dropped.
    """
    port = free_port()
    env = {**env, "POLICYKG_REQUEST_TIMEOUT_S": "3600"}
    proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(1200):
            try:
                urllib.request.urlopen(base + "/openapi.json", timeout=2)
                break
            except OSError:
                time.sleep(0.25)
        times, errors = [], 0
        for q in questions:
            t0 = time.perf_counter()
            try:
                urllib.request.urlopen(base + "/ask?q=" + urllib.parse.quote(q), timeout=3600).read()
            except urllib.error.HTTPError:
                errors += 1
            times.append(time.perf_counter() - t0)
        status = Path(f"/proc/{proc.pid}/status").read_text()
        rss = round(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
        return {"api_worker_rss_mb": rss, "api_ask": ms_stats(times), "api_errors": errors,
                "api_over_default_budget": sum(t > 30 for t in times)}
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def bench_store(graph: str, docs_dir: Path, work: Path, questions: list[str], shared_cache: Path,
                uri: str = "", read_mode: str = "auto", measure_only: bool = False) -> dict[str, Any]:
    home, store = work / f"home-{graph}", work / f"store-{graph}"
    env = env_for(home, store, graph, uri, read_mode)
    if read_mode == "auto":
        read_mode = "per_query" if graph == "neo4j" else "snapshot"
    if measure_only:
        if not store.is_dir():
            raise SystemExit(f"--measure-only: no store at {store} (run the ingest first)")
        result = {"store": graph, "read_mode": read_mode, "documents": len(list(docs_dir.glob("*.txt"))),
                  "embedding_cache": "n/a (measure only)", "store_mb": folder_mb(store)}
        result.update(latencies(env, questions))
        print(json.dumps(result, ensure_ascii=False), flush=True)
        result.update(api_worker(env, questions[:40]))
        print(json.dumps(result, ensure_ascii=False), flush=True)
        return result
    cache = store / f"index-{graph}.embcache.sqlite"
    store.mkdir(parents=True, exist_ok=True)
    warm_cache = shared_cache.exists()
    if warm_cache:
        shutil.copyfile(shared_cache, cache)
    rows_before = cache_rows(cache)
    n_docs = len(list(docs_dir.glob("*.txt")))
    seconds, peak, tail = run_child(["ingest", str(docs_dir)], env)
    embedded = cache_rows(cache) - rows_before
    if not shared_cache.exists():
        shutil.copyfile(cache, shared_cache)
    warm_s, _, _ = run_child(["ingest", str(docs_dir)], env)
    result = {
        "store": graph, "read_mode": read_mode, "documents": n_docs, "embedding_cache": "warm (copied)" if warm_cache else "cold",
        "ingest_s": round(seconds, 1), "docs_per_min": round(n_docs / seconds * 60, 1),
        "texts_embedded": embedded, "texts_embedded_per_s": round(embedded / seconds, 1),
        "ingest_peak_rss_mb": peak, "reingest_unchanged_s": round(warm_s, 1),
        "store_mb": folder_mb(store), "ingest_tail": tail,
    }
    result.update(latencies(env, questions))
    print(json.dumps(result, ensure_ascii=False), flush=True)
    result.update(api_worker(env, questions[:40]))
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000", help="comma-separated corpus sizes, e.g. 1000,5000,20000")
    ap.add_argument("--stores", default="networkx,neo4j", help="stores to measure (networkx, neo4j)")
    ap.add_argument("--read-mode", default="auto", choices=("auto", "snapshot", "per_query"),
                    help="readers' mode (auto: per_query on Neo4j, snapshot on networkx)")
    ap.add_argument("--out", type=Path, default=OUT, help=f"results file (default {OUT.relative_to(ROOT)})")
    ap.add_argument("--shared-cache", type=Path, default=None,
                    help="an embedding cache to start from (default: cold, then shared between the stores)")
    ap.add_argument("--sources", nargs="*", type=Path, default=DEFAULT_SOURCES)
    ap.add_argument("--work", type=Path, default=None, help="work folder (default: a temp dir, removed)")
    ap.add_argument("--measure-only", action="store_true",
                    help="skip generation and ingest; measure the stores an earlier run left in --work")
    args = ap.parse_args()
    if args.measure_only and args.work is None:
        ap.error("--measure-only needs --work (the folder of an earlier run)")
    work = args.work or Path(tempfile.mkdtemp(prefix="policykg-scale-"))
    templates = load_templates(args.sources)
    print(f"{len(templates)} template documents", flush=True)
    results = []
    try:
        for n in (int(x) for x in args.sizes.split(",")):
            docs = work / f"docs-{n}"
            rows = read_manifest(docs) if args.measure_only else synthesise(templates, n, docs)
            rng = random.Random(n)
            regions = [r["region"] for r in rng.sample(rows, min(len(rows), 60))]
            questions = [t.format(r=r) for r in regions for t in QUESTIONS][:180] + list(NATIONAL) * 4
            shared_cache = args.shared_cache or work / f"shared-{n}.embcache.sqlite"
            stores = args.stores.split(",")
            if "networkx" in stores:
                results.append({"size": n, **bench_store("networkx", docs, work / f"n{n}", questions, shared_cache,
                                                         read_mode="snapshot", measure_only=args.measure_only)})  # its only mode
            if "neo4j" in stores and shutil.which("java") and shutil.which("mvn"):
                from graph import server

                data_dir, port = work / f"neo4j-{n}", free_port()
                server.start(data_dir, port=port, password=NEO4J_PW, timeout=300, heap="2g", pagecache="1g")
                try:
                    results.append({"size": n, **bench_store("neo4j", docs, work / f"n{n}", questions, shared_cache,
                                                             uri=f"bolt://127.0.0.1:{port}", read_mode=args.read_mode,
                                                             measure_only=args.measure_only)})
                finally:
                    server.stop(data_dir, timeout=120)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    args.out.write_text(json.dumps({"loadavg_1m": loadavg(), "results": results}, ensure_ascii=False, indent=1),
                   encoding="utf-8")
    head = ("| docs | store | ingest | docs/min | texts embedded/s | ingest peak RSS | re-ingest unchanged | store size "
            "| ask p50 / p95 | search p95 | API worker RSS |")
    print(head + "\n|" + "---|" * 11)
    for r in results:
        g = lambda key: r.get(key, "–")  # noqa: E731  (measure-only rows carry no ingest figures)
        print(f"| {r['size']} | {r['store']} ({r.get('read_mode', '')}, {r['embedding_cache']} cache) | {g('ingest_s')} s "
              f"| {g('docs_per_min')} | {g('texts_embedded_per_s')} | {g('ingest_peak_rss_mb')} MB "
              f"| {g('reingest_unchanged_s')} s | {r['store_mb']} MB | {r['ask']['p50_ms']} / {r['ask']['p95_ms']} ms "
              f"| {r['search']['p95_ms']} ms | {r['api_worker_rss_mb']} MB |")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
