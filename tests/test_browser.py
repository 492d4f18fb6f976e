"""End to end in a real headless browser: Streamlit server + Debian chromium driven by Playwright.

Needs ``/usr/bin/chromium`` (``apt-get install -y chromium chromium-driver fonts-noto-cjk``) and
the ``playwright`` Python package (no ``playwright install``: the system chromium is used).
Saves a screenshot of every page to ``docs/screenshots/<page>.png`` for the README.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.ui_fixtures import (  # noqa: F401  (fixtures)
    REPO,
    TAIYUAN,
    VOCS_EVIDENCE,
    VOCS_QUESTION,
    ui_model_dir,
    ui_service,
    ui_settings,
)
from ui.launch import settings_env, streamlit_command

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]

CHROMIUM = Path(os.environ.get("POLICYKG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = REPO / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(ui_service: Any, ui_settings: Any, tmp_path_factory: pytest.TempPathFactory):
    """A Streamlit server on a free port over the seeded store; yields its base URL."""
    if not CHROMIUM.exists():
        pytest.skip(f"chromium not found at {CHROMIUM}: apt-get install -y chromium chromium-driver fonts-noto-cjk")
    pytest.importorskip("playwright.sync_api", reason="pip install playwright (Python package only)")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POLICYKG_", "NEO4J_"))}
    env.update(settings_env(ui_settings))
    env["POLICYKG_CONFIG"] = str(REPO / "tests" / "no-such-policykg.toml")
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    cmd = streamlit_command(port=port, headless=True, address="127.0.0.1")
    cmd[0] = sys.executable
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                pytest.fail(f"streamlit did not start (rc={proc.poll()}):\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def page(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 1500}, locale="zh-CN")
        pg = context.new_page()
        pg.set_default_timeout(120_000)
        yield pg
        context.close()
        browser.close()


def _wait_idle(pg: Any) -> None:
    """Wait until Streamlit has finished running the script (no status widget)."""
    pg.wait_for_timeout(500)
    pg.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000
    )
    pg.wait_for_timeout(800)


def _shot(pg: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_end_to_end_and_screenshots(server: str, page: Any) -> None:
    pg = page
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))

    # Ask: the question in the URL runs on load; the answer names the lead agency and quotes the clause
    pg.goto(f"{server}/?q={quote(VOCS_QUESTION)}")
    pg.get_by_text("太原市生态环境局").first.wait_for()
    pg.locator("mark").first.wait_for()
    pg.get_by_text(VOCS_EVIDENCE[:6], exact=False).first.wait_for()
    body = pg.inner_text("body")
    assert "太原市生态环境局" in body and "牵头" in body
    assert VOCS_EVIDENCE in body.replace("\n", "")
    _wait_idle(pg)
    _shot(pg, "ask")

    # the evidence links to the clause in its document
    pg.locator("a[href*='page=documents']").first.click()
    pg.get_by_text("所选条款").first.wait_for()
    _wait_idle(pg)
    assert "挥发性有机物综合整治工程" in pg.inner_text("body")
    _shot(pg, "documents")

    pg.goto(f"{server}/?page=graph&region={quote('太原市')}&agency={quote('太原市生态环境局')}")
    pg.get_by_text("节点").first.wait_for()
    frame = pg.frame_locator("iframe[title*='st_link_analysis']")
    frame.locator("canvas").first.wait_for()
    _wait_idle(pg)
    pg.wait_for_timeout(2500)  # let the cose layout settle
    _shot(pg, "graph")

    pg.goto(f"{server}/?page=compare&clause={quote(TAIYUAN + '#三（九）')}")
    pg.get_by_text("其他地区的类似措施").first.wait_for()
    _wait_idle(pg)
    pg.wait_for_timeout(1500)  # chart rendering
    _shot(pg, "compare")

    pg.goto(f"{server}/?page=targets")
    pg.get_by_text("下载 CSV").first.wait_for()
    _wait_idle(pg)
    _shot(pg, "targets")

    pg.goto(f"{server}/?page=ingest")
    pg.get_by_text("选择文件").first.wait_for()
    _wait_idle(pg)
    _shot(pg, "ingest")

    assert not errors, errors
    for name in ("ask", "documents", "graph", "compare", "targets", "ingest"):
        assert (SHOTS / f"{name}.png").stat().st_size > 10_000, name

