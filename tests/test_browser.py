"""End to end in a real headless browser: Streamlit server + Debian chromium driven by Playwright.

Needs ``/usr/bin/chromium`` (``apt-get install -y chromium chromium-driver fonts-noto-cjk``) and
the ``playwright`` Python package (no ``playwright install``: the system chromium is used).

The store holds the 46-document corpus a new user would see: the four seeds of ``data/`` and the 42
PDFs of ``tests/fixtures/corpus`` (one is refused at ingest: a news summary without clauses). Saves
a full-page screenshot of every page to ``docs/screenshots/<page>.png`` for the README (``original``: an
answer's evidence opened on its PDF page; ``map`` and ``diff``: the pages of issue 14).
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
    DATA,
    REPO,
    SEED_DOCS,
    TAIYUAN,
    VOCS_EVIDENCE,
    VOCS_QUESTION,
    _open,
    _settings,
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
CORPUS_PDFS = sorted((REPO / "tests" / "fixtures" / "corpus").glob("*.pdf"))
ACROSS_REGIONS = "各省到2025年单位GDP能耗分别下降多少？"
SAME_TITLE = "加快建立健全绿色低碳循环发展经济体系"  # five corpus plans share this title
# a question answered from a PDF clause: 重庆's plan, 二（八）, on page 9
PDF_QUESTION = "重庆市数据中心绿色高质量发展由哪个部门牵头？"
NATIONAL = "169、关于严格能效约束推动重点领域节能降碳的若干意见"  # six stored plans implement it
JS_2021 = "244、2021年推动碳达峰、碳中和工作计划"
JS_2022 = "55、江苏省2022年推动碳达峰碳中和工作计划"
# the outline drawn around a clause's lines on a page image (search.provenance.HIGHLIGHT_OUTLINE)
HIGHLIGHT_RGB = (230, 120, 0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def corpus_settings(tmp_path_factory: pytest.TempPathFactory, ui_model_dir: Path, ui_service: Any) -> Any:
    """A networkx store with the 46-document corpus (vectors from the shared embedding cache)."""
    settings = _settings(tmp_path_factory.mktemp("browser-home"), ui_model_dir)
    kg = _open(settings, lambda: ui_service.embedder)
    report = kg.ingest([*SEED_DOCS, *CORPUS_PDFS])
    assert len(report.added) == len(SEED_DOCS) + len(CORPUS_PDFS), report
    kg.close()
    return settings


@pytest.fixture(scope="module")
def server(corpus_settings: Any, tmp_path_factory: pytest.TempPathFactory):
    """A Streamlit server on a free port over the corpus store; yields its base URL."""
    if not CHROMIUM.exists():
        pytest.skip(f"chromium not found at {CHROMIUM}: apt-get install -y chromium chromium-driver fonts-noto-cjk")
    pytest.importorskip("playwright.sync_api", reason="pip install playwright (Python package only)")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POLICYKG_", "NEO4J_"))}
    env.update(settings_env(corpus_settings))
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
def browser(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(browser: Any):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(120_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, errors


def _wait_idle(pg: Any) -> None:
    """Wait until Streamlit has finished running the script (no status widget)."""
    pg.wait_for_timeout(500)
    pg.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000)
    pg.wait_for_timeout(800)


MAX_SHOT_HEIGHT = 6000


def _shot(pg: Any, name: str) -> None:
    """A full-page screenshot: Streamlit scrolls inside its main block, so the viewport is made as tall
    as the page first (and restored after)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = pg.viewport_size
    height = pg.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stAppViewContainer],"
        " section.main')].map(e => e.scrollHeight), document.body.scrollHeight)"
    )
    pg.set_viewport_size({"width": size["width"], "height": min(max(size["height"], int(height) + 40), MAX_SHOT_HEIGHT)})
    pg.wait_for_timeout(600)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    pg.set_viewport_size(size)


def _open_page(pg: Any, url: str, ready_text: str) -> None:
    pg.goto(url)
    pg.get_by_text(ready_text).first.wait_for()
    _wait_idle(pg)


def test_ask_answer_citation_in_place_and_screenshot(server: str, page: Any) -> None:
    pg = page
    _open_page(pg, f"{server}/?q={quote(VOCS_QUESTION)}", "太原市生态环境局")
    pg.locator("mark").first.wait_for()
    body = pg.inner_text("body")
    assert "太原市生态环境局" in body and "牵头" in body
    assert "列首位惯例 · 置信度 1.0" in body and "承接说明 · 置信度 0.9" in body  # how each role was read
    assert pg.locator("mark.pkg-annot").count() >= 1  # the responsibility annotation is highlighted
    assert "Deploy" not in body  # client.toolbarMode = minimal
    # the citation's full text opens in place: no navigation, no rerun
    url = pg.url
    pg.locator("details.pkg-full summary").first.click()
    pg.wait_for_timeout(300)
    assert pg.url == url
    assert VOCS_EVIDENCE in pg.locator("details.pkg-full").first.inner_text().replace("\n", "")
    share = pg.locator("[data-testid='stCode']").first.inner_text().strip()
    assert share.startswith(server + "/?page=ask&q=")  # the share link is absolute
    _shot(pg, "ask")


def test_targets_across_regions_are_a_table(server: str, page: Any) -> None:
    pg = page
    _open_page(pg, f"{server}/?q={quote(ACROSS_REGIONS)}", "个地区写明了此项目标")
    rows = pg.locator("table.pkg-target-table tr")
    assert rows.count() >= 3  # header + one row per region
    header = rows.first.inner_text()
    for column in ("地区", "指标", "目标值", "基准年", "目标年", "限定", "条款"):
        assert column in header
    table = pg.locator("table.pkg-target-table").inner_text()
    assert "None" not in table and "2025.0" not in table and "资源县" not in table
    _shot(pg, "ask-targets")


def test_graph_labels_and_cap_message(server: str, page: Any) -> None:
    pg = page
    _open_page(pg, f"{server}/?page=graph&region={quote('太原市')}", "节点")
    frame = pg.frame_locator("iframe[title*='st_link_analysis']")
    frame.locator("canvas").first.wait_for()
    pg.wait_for_timeout(1500)
    iframe = next(f for f in pg.frames if "st_link_analysis" in (f.url or "") or f.name.startswith("st_link"))
    # cytoscape keeps its instance on the container: every node has a label drawn at the fitted zoom
    labels = iframe.evaluate(
        """() => { const cy = document.getElementById('cy')._cyreg.cy;
                   return cy.nodes().map(n => [n.style('label'),
                       parseFloat(n.style('font-size')) * cy.zoom() >= parseFloat(n.style('min-zoomed-font-size'))]); }"""
    )
    assert labels and all(text and visible for text, visible in labels), labels[:5]
    assert any(text == "生态环境局" for text, _ in labels)
    body = pg.inner_text("body")
    assert "牵头" in body and "配合" in body and "机构" in body  # the legend
    _shot(pg, "graph")

    # the whole country, every agency: the cap is said, with the way out
    _open_page(pg, f"{server}/?page=graph&region={quote('全国')}&agency={quote('（全部 all）')}", "节点")
    warning = pg.get_by_text("显示 80 / ").first.inner_text()
    assert "narrow by agency or topic" in warning and int(warning.split("/ ")[1].split()[0].replace(",", "")) > 1000


def test_compare_picker_names_are_distinct(server: str, page: Any) -> None:
    pg = page
    _open_page(pg, f"{server}/?page=compare&clause={quote(TAIYUAN + '#三（九）')}", "其他地区的类似措施")
    pg.wait_for_timeout(1500)  # chart rendering
    _shot(pg, "compare")
    picker = pg.locator("[data-testid='stSelectbox']").filter(has_text="文件 / document").locator("input")
    picker.click()
    picker.fill(SAME_TITLE)
    pg.wait_for_timeout(500)
    options = [o.inner_text() for o in pg.get_by_role("option").all()]
    assert len(options) >= 5, options
    assert len(set(options)) == len(options), options  # region · short title · 文号 · date tell them apart
    assert all(" · " in o and o.split(" · ")[0].endswith(("市", "省")) for o in options), options
    pg.keyboard.press("Escape")


def test_targets_and_documents_pages(server: str, page: Any) -> None:
    pg = page
    _open_page(pg, f"{server}/?page=targets", "下载 CSV")
    assert "Choose options" not in pg.inner_text("body")  # multiselect placeholders in Chinese
    _shot(pg, "targets")
    doc = "shanxi-2014-2015-jienengjianpai"
    _open_page(pg, f"{server}/?page=documents&doc={doc}", "目录")
    body = pg.inner_text("body")
    assert "山西省2014－2015年节能减排低碳发展行动方案（推断）" in body and "省级" in body
    assert doc not in body.split("来源文件")[0]  # the file stem is no title
    assert "前言2" not in body  # the notice preamble is one block
    _shot(pg, "documents")


def _highlighted_pixels(png: bytes) -> int:
    """Pixels of the highlight outline colour in a PNG."""
    import io

    from PIL import Image

    import numpy as np

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    return int((np.abs(pixels - np.array(HIGHLIGHT_RGB)).max(axis=-1) <= 12).sum())


def test_answer_original_shows_the_pdf_page(server: str, page: Any) -> None:
    """An answer from a PDF clause: its "original" switch shows the page image with the clause's lines
    highlighted, and the original file to download."""
    pg = page
    _open_page(pg, f"{server}/?q={quote(PDF_QUESTION)}", "重庆市大数据发展局")
    assert pg.locator("img[src*='/media/']").count() == 0  # nothing rendered until asked for
    switch = pg.locator("label").filter(has_text="原文 / original").filter(has_text="二（八）").first
    assert "第 9 页" in switch.inner_text()
    switch.click()
    img = pg.locator("img[src*='/media/']").first
    img.wait_for()
    pg.wait_for_function(
        "() => [...document.querySelectorAll(\"img[src*='/media/']\")].some(i => i.complete && i.naturalWidth > 0)"
    )
    _wait_idle(pg)
    box = img.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300, box
    natural = img.evaluate("i => [i.naturalWidth, i.naturalHeight]")
    assert natural[0] > 500 and natural[1] > 500, natural  # a whole page, rendered by pypdfium2
    png = pg.request.get(img.get_attribute("src")).body()
    assert png.startswith(b"\x89PNG")  # served losslessly, the highlight colours exact
    assert _highlighted_pixels(png) > 2000  # the clause's lines are outlined
    body = pg.inner_text("body")
    assert "第 9 页 · 条款所在行已高亮" in body and "下载原文件" in body
    _shot(pg, "original")
    # the original file, as ingested
    with pg.expect_download() as got:
        pg.get_by_role("button", name="下载原文件").first.click()
    download = got.value
    assert download.suggested_filename == "100、重庆市严格能效约束推动重点领域节能降碳实施方案.pdf"
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"


def test_map_page(server: str, page: Any) -> None:
    pg = page
    _open_page(pg, f"{server}/?page=map&doc={quote(NATIONAL)}", "项措施 measures")
    pg.locator("[data-testid='stDataFrame']").first.wait_for()
    picker = pg.locator("[data-testid='stSelectbox']").filter(has_text="上级文件").first
    assert picker.locator("input").input_value().startswith("全国 · 严格能效约束推动重点领域节能降碳的若干意见")  # display name
    body = pg.inner_text("body")
    # 12 measures of its body, 24 of the two action plans attached to it (read as clauses since the eleventh round)
    assert "36 项措施 measures × 8 份下级文件 documents" in body and "下载 CSV" in body and "下载 Excel" in body
    assert pg.locator("[data-testid='stDataFrame']").count() == 2  # the matrix and its documents
    pg.wait_for_timeout(1000)  # the grids draw on canvas
    _shot(pg, "map")


def test_diff_page(server: str, page: Any) -> None:
    pg = page
    _open_page(pg, f"{server}/?page=diff&a={quote(JS_2021)}&b={quote(JS_2022)}", "新增措施")
    body = pg.inner_text("body")
    for heading in ("新增措施", "删除措施", "延续并有变化", "牵头单位变化", "目标变化", "机构更名"):
        assert heading in body
    pickers = pg.locator("[data-testid='stSelectbox'] input")
    assert "2021年度推动碳达峰" in pickers.nth(0).input_value() and "2022年推动碳达峰" in pickers.nth(1).input_value()
    pg.wait_for_timeout(1000)
    _shot(pg, "diff")


def test_duplicate_upload_is_refused(server: str, page: Any) -> None:
    pg = page
    _open_page(pg, f"{server}/?page=ingest", "选择文件")
    data = (DATA / f"{TAIYUAN}.txt").read_bytes()
    pg.locator("input[type=file]").set_input_files(
        files=[{"name": "太原市节能减排方案-副本.txt", "mimeType": "text/plain", "buffer": data}]
    )
    pg.get_by_text("already stored as").first.wait_for()
    _wait_idle(pg)
    body = pg.inner_text("body")
    assert f"already stored as {TAIYUAN}" in body and "所选文件均已入库" in body
    assert pg.get_by_role("button", name="加入知识库").count() == 0  # nothing to add unless forced
    assert "文件 46 ·" in body  # the sidebar count did not grow
    _shot(pg, "ingest")


def test_phone_width(server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    pg = context.new_page()
    pg.set_default_timeout(120_000)
    try:
        _open_page(pg, f"{server}/?q={quote(VOCS_QUESTION)}", "太原市生态环境局")
        overflow = pg.evaluate("() => document.querySelector('.pkg-answer').scrollWidth - document.querySelector('.pkg-answer').clientWidth")
        assert overflow <= 2  # the answer card fits the phone's width
        _shot(pg, "ask-phone")
    finally:
        context.close()
