"""Reliability probes: hostile and huge inputs, a database that goes away, several processes on one store.

    .venv/bin/python bench/probe_reliability.py              # all probes (Neo4j ones need java + mvn)
    .venv/bin/python bench/probe_reliability.py --no-neo4j

Each probe does what a demanding user or an attacker would do, with real processes (``policykg``
CLI children, a real ``policykg serve``, a real Neo4j started in a temp dir) on the four seed
documents, and records what happened. Prints the markdown table of the README's "Reliability"
section and writes bench/results/reliability.json. One run; the numbers are that run's.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import free_port, loadavg  # noqa: E402  (bench/ helpers)

OUT = ROOT / "bench" / "results" / "reliability.json"
SEEDS = sorted((ROOT / "data").glob("*.txt"))
CORPUS = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.pdf"))
MODEL_DIR = Path(os.environ.get("POLICYKG_MODEL_DIR", Path.home() / ".cache" / "policykg" / "models"))
TOKEN = "probe-token"
NEO4J_PW = "probe-password-1"
VOCS = "太原市挥发性有机物综合整治由哪个部门牵头？"
JINCHENG_Q = "晋城新建大型数据中心PUE要降到多少？"


class Probe:
    """Environment and helpers shared by the probes (one temp folder, one seed store)."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.home = tmp / "home"
        self.store = tmp / "store"

    def env(self, store: Path | None = None, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("POLICYKG_", "NEO4J_"))}
        env.update(PYTHONPATH=str(ROOT), POLICYKG_HOME=str(self.home), POLICYKG_MODEL_DIR=str(MODEL_DIR),
                   POLICYKG_STORE=str(store or self.store), POLICYKG_CONFIG=str(self.tmp / "none.toml"))
        env.update(extra)
        return env

    def cli(self, *args: str, store: Path | None = None, timeout: float = 1800, **extra: str):
        t0 = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "ui.cli", *args], cwd=ROOT, env=self.env(store, **extra),
                              capture_output=True, text=True, timeout=timeout)
        return proc, time.monotonic() - t0

    def serve(self, **extra: str) -> tuple[str, subprocess.Popen]:
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "serve", "--port", str(port)], cwd=ROOT,
                                env=self.env(**extra), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(600):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/openapi.json")
                conn.getresponse().read()
                return f"127.0.0.1:{port}", proc
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("serve did not start")


def http_call(addr: str, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
              send_body: bool = True) -> tuple[int, str, float]:
    host, port = addr.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=300)
    t0 = time.monotonic()
    conn.putrequest(method, path)
    for k, v in (headers or {}).items():
        conn.putheader(k, v)
    conn.endheaders()
    if body is not None and send_body:
        conn.send(body)
    resp = conn.getresponse()
    text = resp.read().decode("utf-8", "replace")
    conn.close()
    return resp.status, text, time.monotonic() - t0


def first_line(text: str, n: int = 110) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line[:n] + ("…" if len(line) > n else "")


# ----------------------------------------------------------------------------- probes
def probe_api(p: Probe) -> list[tuple[str, str, str]]:
    rows = []
    addr, proc = p.serve(POLICYKG_API_TOKEN=TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    try:
        http_call(addr, "GET", "/ask?q=" + urllib.parse.quote(VOCS), headers=auth)  # warm
        status, _, s = http_call(addr, "POST", "/ask", headers={**auth, "Content-Length": "1000000"}, body=b"",
                                 send_body=False)
        rows.append(("1 MB POST /ask", "declares a 1 MB JSON body", f"HTTP {status} after {s * 1000:.0f} ms, body never read"))
        big = json.dumps({"question": "节" * 600}).encode()
        status, text, s = http_call(addr, "POST", "/ask", big, {**auth, "Content-Length": str(len(big))})
        rows.append(("600-character question", "POST /ask", f"HTTP {status} in {s * 1000:.0f} ms: {json.loads(text)['detail'][:60]}…"))
        for name, q in (("500 × one character", "节" * 500),
                        ("500 regex-hostile characters", ("（【〔“《(((]]]**??++..\\\\||{{}}》”〕】）" * 20)[:500]),
                        ("500 characters of region names", ("太原市、大同市、山西省、江苏省、成都市、" * 30)[:500])):
            body = json.dumps({"question": q}).encode()
            status, text, s = http_call(addr, "POST", "/ask", body, {**auth, "Content-Length": str(len(body))})
            rows.append((name, "POST /ask at the length limit",
                         f"HTTP {status} in {s * 1000:.0f} ms, found={json.loads(text).get('found')}"))
        status, _, _ = http_call(addr, "GET", "/stats")
        rows.append(("no bearer token", "GET /stats with POLICYKG_API_TOKEN set", f"HTTP {status}"))
        # a normal request while two oversized ones arrive
        body = json.dumps({"question": "节" * 40_000}).encode()
        import threading

        results: list[Any] = []
        threads = [threading.Thread(target=lambda: results.append(http_call(
            addr, "POST", "/ask", body, {**auth, "Content-Length": str(len(body))}))) for _ in range(2)]
        for t in threads:
            t.start()
        status, _, s = http_call(addr, "GET", "/ask?q=" + urllib.parse.quote(VOCS), headers=auth)
        for t in threads:
            t.join()
        rows.append(("two 40,000-character questions + a normal one", "concurrent POST /ask",
                     f"oversized: HTTP {sorted({r[0] for r in results})}; normal: HTTP {status} in {s * 1000:.0f} ms"))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return rows


def probe_generations(p: Probe) -> list[tuple[str, str, str]]:
    rows = []
    store = p.tmp / "live"
    p.cli("ingest", str(SEEDS[3]), store=store)  # taiyuan
    addr, proc = p.serve(POLICYKG_STORE=str(store))
    try:
        q = "/ask?q=" + urllib.parse.quote(JINCHENG_Q)

        def found() -> Any:
            status, text, s = http_call(addr, "GET", q)
            return (json.loads(text)["found"] if status == 200 else f"HTTP {status} {text[:80]}"), s

        before, _ = found()
        p.cli("ingest", str(SEEDS[0]), store=store)
        after, s = found()
        p.cli("remove", SEEDS[0].stem, store=store)
        gone, _ = found()
        rows.append(("serve running, ingest + remove from another shell", "GET /ask before, after ingest, after remove",
                     f"found {before} → {after} ({s * 1000:.0f} ms, reload included) → {gone}; no restart"))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    store2 = p.tmp / "race"
    t0 = time.monotonic()
    procs = [subprocess.Popen([sys.executable, "-m", "ui.cli", "ingest", *map(str, half)], cwd=ROOT,
                              env=p.env(store2), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for half in (SEEDS[:2], SEEDS[2:])]
    codes = [pr.wait(timeout=1800) for pr in procs]
    stats, _ = p.cli("stats", "--json", store=store2)
    rows.append(("two ingests of 2 + 2 files started together", "same embedded store",
                 f"exit {codes}, {json.loads(stats.stdout)['documents']} documents stored "
                 f"({time.monotonic() - t0:.0f} s; the second waited for the first)"))
    # kill -9 during the index build, then a normal ingest
    store3 = p.tmp / "killed"
    proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "ingest", *map(str, SEEDS)], cwd=ROOT,
                            env=p.env(store3), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not (store3 / "graph.json").exists() and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(1.0)
    proc.kill()
    proc.wait()
    leftovers = sorted(x.name for x in store3.iterdir() if x.name.startswith("."))
    again, s = p.cli("ingest", *map(str, SEEDS), store=store3)
    state, _ = p.cli("reindex", "--json", store=store3)
    stats, _ = p.cli("stats", "--json", store=store3)
    rows.append(("kill -9 one second into an ingest, then ingest again", "embedded store",
                 f"left {len(leftovers)} temp files; next ingest exit {again.returncode} in {s:.0f} s; "
                 f"{json.loads(stats.stdout)['documents']} documents, index behind afterwards: "
                 f"{json.loads(state.stdout)['behind']}; temp files left: "
                 f"{sum(x.name.startswith('.') for x in store3.iterdir())}"))
    return rows


def probe_inputs(p: Probe) -> list[tuple[str, str, str]]:
    from ingest.errors import PolicyKGError
    from ingest.pipeline import parse_file
    from ui.webview import parse_upload

    rows = []
    seed = SEEDS[3].read_text(encoding="utf-8")
    sentences = [s + "。" for s in seed.replace("\n", "").split("。") if 10 < len(s) < 80][:150]
    text = "关于印发某市节能降碳行动方案的通知\n" + "".join(f"{i}．{s}\n" for i, s in enumerate(sentences, 1))
    path = p.tmp / "items150.txt"
    path.write_text(text, encoding="utf-8")
    parsed = parse_file(path)
    rows.append(("document with 150 numbered items", "parse", f"{sum(c.kind == 'item' for c in parsed.clauses)} item clauses"))
    huge = p.tmp / "huge.txt"
    huge.write_text(seed * (25_000_000 // len(seed.encode()) + 1), encoding="utf-8")
    t0 = time.monotonic()
    try:
        parse_file(huge)
        outcome = "parsed"
    except PolicyKGError as e:
        outcome = first_line(str(e), 90)
    rows.append((f"{huge.stat().st_size / 1e6:.0f} MB text file", "parse (default max_text_bytes)",
                 f"refused in {time.monotonic() - t0:.1f} s: {outcome}"))
    utf16 = p.tmp / "utf16.txt"
    utf16.write_bytes(seed.encode("utf-16-le"))
    rows.append(("UTF-16-LE text without BOM", "parse", f"{len(parse_file(utf16).clauses)} clauses (UTF-8 original: "
                                                         f"{len(parse_file(SEEDS[3]).clauses)})"))
    preview = parse_upload("tai\x00yuan.txt", SEEDS[3].read_bytes())
    rows.append(("upload named with a NUL byte", "UI upload preview", f"ok={preview.ok}, stored as {preview.name!r}"))
    empty, _ = p.cli("ask", VOCS, "--json", store=p.tmp / "empty")
    rows.append(("ask on an empty store", "policykg ask", json.loads(empty.stdout)["answer"][:60] + "…"))
    # an old pickle store
    legacy = p.tmp / "legacy"
    legacy.mkdir()
    from graph.networkx_store import read_graph

    with open(legacy / "graph.pkl", "wb") as f:
        pickle.dump({"format": 1, "graph": read_graph(p.store / "graph.json")}, f)
    opened, _ = p.cli("stats", store=legacy)
    migrated, s = p.cli("store", "migrate", store=legacy)
    rows.append(("store folder with an old graph.pkl", "policykg stats, then store migrate",
                 f"stats exit {opened.returncode} ({'store migrate' in opened.stderr and 'names the fix' or 'no hint'}); "
                 f"migrate exit {migrated.returncode} in {s:.1f} s"))
    for args, what in ((["serve", "--host", "0.0.0.0"], "policykg serve --host 0.0.0.0"),
                       (["ui", "--host", "0.0.0.0"], "policykg ui --host 0.0.0.0"),
                       (["neo4j", "start", "--host", "0.0.0.0"], "policykg neo4j start --host 0.0.0.0")):
        proc, _ = p.cli(*args, timeout=120)
        rows.append((what, "defaults (no token / password, default Neo4j password)",
                     f"exit {proc.returncode}: refused, names the fix and --insecure"
                     if proc.returncode and "--insecure" in proc.stderr else f"exit {proc.returncode}: NOT refused"))
    return rows


def probe_neo4j(p: Probe) -> list[tuple[str, str, str]]:
    from graph import server

    data_dir, port = p.tmp / "neo4j", free_port()
    server.start(data_dir, port=port, password=NEO4J_PW, timeout=240)
    env = {"POLICYKG_GRAPH": "neo4j", "NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": NEO4J_PW,
           "POLICYKG_NEO4J_RETRY_S": "5"}
    files = CORPUS[:20]
    proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "ingest", *map(str, files)], cwd=ROOT,
                            env=p.env(p.tmp / "neo4j-store", **env), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(8)
    server.stop(data_dir, timeout=60)
    t0 = time.monotonic()
    _, stderr = proc.communicate(timeout=1800)
    waited = time.monotonic() - t0
    flat = " ".join(stderr.split())
    added = re.search(r"added (\d+)", flat)
    failed = stderr.count("✗")
    retries = flat.count("will be retried")
    return [("Neo4j stopped during an ingest of 20 PDFs", "retry window 5 s (POLICYKG_NEO4J_RETRY_S)",
             f"exit {proc.returncode} {waited:.0f} s after the stop; {added.group(1) if added else '?'} stored before "
             f"the stop, {failed} reported not ingested (names the URI: {'bolt://' in flat}); {retries} retry log lines")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-neo4j", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="policykg-probe-"))
    p = Probe(tmp)
    rows: list[tuple[str, str, str]] = []
    try:
        done, s = p.cli("ingest", *map(str, SEEDS))
        assert done.returncode == 0, done.stderr
        print(f"seed store ready in {s:.0f} s", flush=True)
        steps: list[Callable[[Probe], list[tuple[str, str, str]]]] = [probe_api, probe_inputs, probe_generations]
        if not args.no_neo4j and shutil.which("java") and shutil.which("mvn"):
            steps.append(probe_neo4j)
        for step in steps:
            got = step(p)
            for row in got:
                print(" | ".join(row), flush=True)
            rows += got
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    table = ["| probe | what it does | observed |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
    print("\n".join(table))
    OUT.write_text(json.dumps({"loadavg_1m": loadavg(), "rows": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
