"""Page interactions of the Streamlit app, timed in a real headless chromium (cold and warm, medians).

    .venv/bin/python bench/bench_ui.py [--store-home DIR] [--rounds 5]

The store holds the 46-document corpus a new user sees (the seeds of ``data/`` and the 42 PDFs of
``tests/fixtures/corpus``), ingested once into ``--store-home`` (a temp dir by default) with the
test suite's embedding cache. A Streamlit server is started on it exactly as ``policykg ui`` does
(``ui.launch.streamlit_command``), and Debian's chromium is driven by Playwright at 1400 × 1000 px.

An interaction is timed from the user's action (click, Enter, page load) until the page shows what
was asked for and has settled: the expected text is on the page, Streamlit's "running" widget is
gone and no element is stale. Measured:

* ``open app``: the first page load of a fresh server (it loads the store, the index and the model,
  once, with a visible message), then reloads (warm);
* ``first question`` right after it, then the same and other questions (warm);
* ``page switch``: every sidebar page, first visit (cold) and later rounds (warm);
* ``graph: change agency``: a new agency (cold: the subgraph and layout are computed) and one seen
  before (warm: cached);
* ``citation: open full text``: unfolding an evidence clause in place (no rerun).

Writes ``bench/results/ui.json`` and prints a markdown table. One run; medians within it. The host
may be shared: the 1-minute load average is recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import free_port, loadavg  # noqa: E402  (bench/ helpers)

OUT = ROOT / "bench" / "results" / "ui.json"
CHROMIUM = Path(os.environ.get("POLICYKG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
DOCS = [*sorted((ROOT / "data").glob("*.txt")), *sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.pdf"))]
EMBEDDING_CACHE = Path(
    os.environ.get("POLICYKG_TEST_EMBCACHE", Path.home() / ".cache" / "policykg" / "test-embcache.sqlite")
)
QUESTIONS = (
    ("太原市挥发性有机物综合整治由哪个部门牵头？", "太原市生态环境局"),
    ("各省到2025年单位GDP能耗分别下降多少？", "个地区写明了此项目标"),
    ("太原市公共机构能效提升工程的牵头单位是谁？", "依据条款"),
)
PAGES = (  # sidebar label fragment, text that shows the page is there
    ("责任图谱", "从机构出发"),
    ("对比", "其他地区的类似措施"),
    ("目标", "下载 CSV"),
    ("文件", "目录"),
    ("导入", "选择文件"),
    ("问答", "示例问题"),
)
# the text may be in the page or in a widget's value (a selectbox shows its choice in an <input>)
SETTLED = """(text) => (document.body.innerText.includes(text)
        || [...document.querySelectorAll('input')].some(i => (i.value || '').includes(text)))
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]')"""


def build_store(home: Path) -> Any:
    """Settings of a networkx store in ``home`` holding the corpus (ingested when not there yet)."""
    from search.model import build_model
    from search.service import PolicyKG
    from ui.config import Settings
    from ui.factory import embedder_factory, index_dir, open_store

    models = Path(os.environ.get("POLICYKG_MODEL_DIR", Path.home() / ".cache" / "policykg" / "models"))
    settings = Settings(home=home, store=home / "store", graph="networkx", model_path=build_model(models, progress=False),
                        model_dir=models)
    kg = PolicyKG(open_store(settings), index_dir(settings), embedder_factory(settings), embedding_cache=EMBEDDING_CACHE)
    report = kg.ingest(DOCS)
    kg.close()
    print(f"store: {len(report.added) + len(report.skipped)} documents ({report.seconds:.1f}s)")
    return settings


def start_server(settings: Any, log: Path) -> tuple[subprocess.Popen, str]:
    from ui.launch import settings_env, streamlit_command

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POLICYKG_", "NEO4J_"))}
    env.update(settings_env(settings))
    env["POLICYKG_CONFIG"] = str(ROOT / "no-such-policykg.toml")
    env["PYTHONPATH"] = str(ROOT)
    with log.open("wb") as out:
        proc = subprocess.Popen(streamlit_command(port=port, address="127.0.0.1"), cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"streamlit did not start:\n{log.read_text(errors='replace')[-2000:]}")


def timed(pg: Any, action: Any, text: str) -> float:
    """Seconds from ``action()`` until ``text`` is on the page and the app has settled."""
    t0 = time.perf_counter()
    action()
    pg.wait_for_timeout(120)  # let the rerun start (the widget / stale marks appear)
    pg.wait_for_function(SETTLED, arg=text, timeout=180_000)
    return time.perf_counter() - t0


def median_s(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def run(settings: Any, rounds: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, Any]] = {}

    def record(name: str, cold: list[float], warm: list[float]) -> None:
        results[name] = {"cold_s": median_s(cold), "warm_s": median_s(warm), "n_cold": len(cold), "n_warm": len(warm),
                         "warm_all_s": [round(v, 3) for v in warm]}
        print(f"  {name}: cold {results[name]['cold_s']} s, warm {results[name]['warm_s']} s")

    with tempfile.TemporaryDirectory(prefix="policykg-bench-ui-") as tmp:
        proc, base = start_server(settings, Path(tmp) / "server.log")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
                pg = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN").new_page()
                pg.set_default_timeout(180_000)

                cold = [timed(pg, lambda: pg.goto(base + "/"), "示例问题")]
                warm = [timed(pg, lambda: pg.reload(), "示例问题") for _ in range(rounds)]
                record("open app (store, index and model load once)", cold, warm)

                box = pg.get_by_label("问题 / Question")

                def ask(q: str) -> Any:
                    def go() -> None:
                        box.fill(q)
                        box.press("Enter")
                    return go

                first_q, first_text = QUESTIONS[0]
                cold = [timed(pg, ask(first_q), first_text)]
                warm = []
                for _ in range(rounds):
                    for q, text in QUESTIONS[1:] + QUESTIONS[:1]:
                        warm.append(timed(pg, ask(q), text))
                record("ask a question", cold, warm)

                pg.locator("details.pkg-full summary").first.wait_for()
                opened = []
                for _ in range(rounds):
                    summary = pg.locator("details.pkg-full summary").first
                    t0 = time.perf_counter()
                    summary.click()
                    pg.wait_for_function("() => document.querySelector('details.pkg-full').open")
                    opened.append(time.perf_counter() - t0)
                    summary.click()  # fold again
                record("citation: open full text in place", [], opened)

                sidebar = pg.locator("[data-testid='stSidebar']")
                cold, warm = [], []
                for r in range(rounds + 1):
                    for label, text in PAGES:
                        t = timed(pg, lambda label=label: sidebar.get_by_text(label, exact=False).first.click(), text)
                        (cold if r == 0 else warm).append(t)
                record("page switch (sidebar)", cold, warm)

                pg.goto(base + "/?page=graph&region=" + quote("太原市"))
                pg.wait_for_function(SETTLED, arg="从机构出发")
                picker = pg.locator("[data-testid='stSelectbox']").filter(has_text="从机构出发")
                agencies = ["太原市发展改革委", "太原市工信局", "太原市能源局", "太原市交通局", "太原市生态环境局"]

                def choose(name: str) -> Any:
                    def go() -> None:
                        picker.locator("input").click()
                        picker.locator("input").fill(name)
                        pg.get_by_role("option").filter(has_text=name).first.click()
                    return go

                cold = [timed(pg, choose(a), f"{a}（") for a in agencies[:-1]]
                warm = [timed(pg, choose(a), f"{a}（") for _ in range(max(1, rounds // 2)) for a in agencies]
                record("graph: change agency", cold, warm)
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store-home", type=Path, help="keep the corpus store here (built when missing)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"chromium not found at {CHROMIUM}: apt-get install -y chromium fonts-noto-cjk")
    with tempfile.TemporaryDirectory(prefix="policykg-bench-ui-store-") as tmp:
        home = args.store_home or Path(tmp)
        settings = build_store(home)
        load_before = loadavg()
        results = run(settings, args.rounds)
    out = {
        "documents": len(DOCS),
        "rounds": args.rounds,
        "viewport": "1400x1000",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "loadavg_1m_before": load_before,
                    "loadavg_1m_after": loadavg()},
        "interactions": results,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("\n| interaction | cold (s) | warm median (s) |\n|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['cold_s'] if r['cold_s'] is not None else '–'} | {r['warm_s']} |")
    print(f"\nwrote {OUT}")


if __name__ == "__main__":
    main()
