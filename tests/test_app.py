"""Streamlit app (ui/app.py) with streamlit.testing.v1.AppTest: the main flow of every page."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui_fixtures import (  # noqa: F401  (fixtures)
    APP,
    DATA,
    TAIYUAN,
    VOCS_EVIDENCE,
    VOCS_QUESTION,
    app_env,
    ui_model_dir,
    ui_service,
    ui_settings,
)
from ui.webview import answer_html, clause_link, highlight, page_link, parse_upload, query_terms, safe_upload_name

pytestmark = pytest.mark.model

TIMEOUT = 180


@pytest.fixture(scope="module")
def seeded_env(ui_service: Any, ui_settings: Any):
    with app_env(ui_settings):
        yield


def run_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


# ----------------------------------------------------------------------------- Ask
def _check_vocs_answer(at: AppTest) -> None:
    text = markdown_text(at)
    assert "太原市生态环境局" in text
    assert 'class="pkg-chip pkg-chip-lead"' in text and 'class="pkg-chip pkg-chip-co"' in text
    assert VOCS_EVIDENCE in text.replace("<mark>", "").replace("</mark>", "")
    assert "<mark>" in text  # matched question terms highlighted in the evidence
    link = clause_link(TAIYUAN, f"{TAIYUAN}#三（九）")
    assert link.replace("&", "&amp;") in text  # evidence links to its clause in the document


def test_ask_typed_question(seeded_env: None) -> None:
    at = run_app()
    assert "请输入问题" in "\n".join(i.value for i in at.info)
    at.text_input(key="question").input(VOCS_QUESTION).run()
    assert not at.exception
    _check_vocs_answer(at)
    assert at.query_params["q"] == [VOCS_QUESTION] or at.query_params["q"] == VOCS_QUESTION


def test_ask_from_url(seeded_env: None) -> None:
    at = run_app(q=VOCS_QUESTION)
    assert at.text_input(key="question").value == VOCS_QUESTION
    _check_vocs_answer(at)


def test_ask_example_button(seeded_env: None) -> None:
    at = run_app()
    at.button(key="example_0").click().run()
    assert at.text_input(key="question").value == VOCS_QUESTION
    assert "太原市生态环境局" in markdown_text(at)


def test_ask_not_found_is_shown_honestly() -> None:
    html = answer_html({"question": "火星", "intent": "lead_agency", "found": False, "answer": "", "agencies": [], "targets": [], "evidence": []})
    assert "未找到" in html and "pkg-notfound" in html


# ----------------------------------------------------------------------------- other pages
def test_graph_page_with_region(seeded_env: None) -> None:
    at = run_app(page="graph", region="太原市")
    assert at.selectbox(key="graph_region").value == "太原市"
    elements = at.session_state["graph_elements"]
    assert elements["nodes"] and elements["edges"]
    labels = {n["data"]["label"] for n in elements["nodes"]}
    assert {"Agency", "Clause"} <= labels
    edge_types = {e["data"]["label"] for e in elements["edges"]}
    assert {"LEADS", "CO_RESPONSIBLE"} <= edge_types
    # choosing an agency shows its clauses
    pick = "graph_pick"
    at.selectbox(key=pick).set_value("Agency:太原市生态环境局").run()
    assert not at.exception
    assert VOCS_EVIDENCE in markdown_text(at)


def test_compare_page(seeded_env: None) -> None:
    at = run_app(page="compare", clause=f"{TAIYUAN}#三（九）")
    text = markdown_text(at)
    assert "所选条款" in text and VOCS_EVIDENCE in text
    assert "相似度" in "\n".join(c.value for c in at.caption)
    assert at.selectbox(key="compare_indicator").value == "单位GDP能耗"
    table = at.dataframe[0].value
    assert set(table["地区 region"]) >= {"太原市"}
    assert at.get("vega_lite_chart"), "bar chart of the indicator across regions"
    at.radio(key="compare_mode").set_value("主题 topic").run()
    assert not at.exception


def test_targets_page_table_and_download(seeded_env: None) -> None:
    at = run_app(page="targets")
    frame = at.dataframe[0].value
    assert len(frame) > 5
    assert {"指标 indicator", "目标值 value", "地区 region", "目标年 year", "限定 qualifier", "文件 document", "条款 clause"} <= set(frame.columns)
    assert at.get("download_button"), "CSV download button"
    at.multiselect(key="t_ind").set_value(["单位GDP能耗"]).run()
    filtered = at.dataframe[0].value
    assert 0 < len(filtered) < len(frame) and set(filtered["指标 indicator"]) == {"单位GDP能耗"}


def test_documents_outline_and_clause(seeded_env: None) -> None:
    cid = f"{TAIYUAN}#三（九）"
    at = run_app(page="documents", doc=TAIYUAN, clause=cid)
    assert at.selectbox(key="doc_select").value == TAIYUAN
    text = markdown_text(at)
    assert "所选条款" in text and VOCS_EVIDENCE in text
    assert "并政发〔2023〕15号" in text
    assert len(at.expander) >= 3  # one per top-level section
    assert any("挥发性有机物综合整治工程" in m.value for m in at.markdown)
    assert "贯彻落实" in text  # lineage: the 太原 plan implements the 山西 plan


def test_ingest_page_renders(seeded_env: None) -> None:
    at = run_app(page="ingest")
    assert at.get("file_uploader"), "file uploader on the ingest page"


# ----------------------------------------------------------------------------- helpers
def test_parse_upload_preview_keeps_name() -> None:
    path = DATA / f"{TAIYUAN}.txt"
    p = parse_upload(path.name, path.read_bytes())
    assert p.ok, p.error
    assert p.name == path.name and p.doc_id == TAIYUAN
    assert p.clauses > 20 and p.responsibilities > 10 and p.targets > 0
    assert "太原" in p.title


def test_parse_upload_reports_errors() -> None:
    bad = parse_upload("broken.pdf", b"not a pdf at all")
    assert not bad.ok and bad.error
    unsupported = parse_upload("notes.xyz", b"hello")
    assert not unsupported.ok and unsupported.error


def test_upload_names_cannot_escape() -> None:
    assert safe_upload_name("../../etc/passwd") == "passwd"
    assert safe_upload_name("C:\\Users\\x\\文件.docx") == "文件.docx"
    assert safe_upload_name("..") == "upload.txt"
    assert safe_upload_name("方案\x00.pdf") == "方案.pdf"  # a NUL byte would make every file call fail
    assert safe_upload_name("\x00\x01") == "upload.txt"
    long = safe_upload_name("节" * 300 + ".pdf")
    assert long.endswith(".pdf") and len(long.encode()) <= 200


def test_upload_with_a_nul_byte_in_its_name_is_parsed() -> None:
    text = (DATA / "taiyuan-shisiwu-jienengjianpai.txt").read_bytes()
    preview = parse_upload("tai\x00yuan.txt", text)
    assert preview.ok and preview.name == "taiyuan.txt" and preview.clauses > 10


def test_highlight_and_links() -> None:
    terms = query_terms(VOCS_QUESTION)
    assert "挥发性有机物" in terms or "挥发性" in terms
    assert "哪个" not in terms and "部门" not in terms
    assert highlight("a<b>挥发性有机物</b>", ["挥发性有机物"]) == "a&lt;b&gt;<mark>挥发性有机物</mark>&lt;/b&gt;"
    link = page_link("documents", doc=TAIYUAN, clause=f"{TAIYUAN}#三（九）")
    assert parse_qs(link[1:]) == {"page": ["documents"], "doc": [TAIYUAN], "clause": [f"{TAIYUAN}#三（九）"]}
