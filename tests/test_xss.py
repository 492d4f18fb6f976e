"""Document text containing <script> and HTML-like tags is shown as text everywhere.

A document is ingested whose headings, clause text and responsibility annotation contain
``<script>alert(1)</script>``, ``<b>加粗</b>``, ``<img onerror>`` and ``<i>``. Every page of
the app must show them escaped (``&lt;script&gt;``), never as raw tags, and the graph
component's data (written into its info panel with innerHTML) must hold no markup.
"""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui_fixtures import (  # noqa: F401  (fixtures)
    APP,
    XSS_FILE_NAME,
    app_env,
    ui_model_dir,
    ui_service,
    ui_settings,
    xss_file,
    xss_service,
    xss_settings,
)
from ui.webview import answer_html, esc, graph_elements, highlight, iter_strings, md_text, parse_upload

pytestmark = pytest.mark.model

XSS_DOC = XSS_FILE_NAME.removesuffix(".txt")
RAW_TAGS = ("<script", "</script", "<b>加粗", "<img", "<i>认真")


@pytest.fixture(scope="module")
def xss_env(xss_service: Any, xss_settings: Any):
    with app_env(xss_settings):
        yield


def _rendered(at: AppTest) -> list[str]:
    """Every string the page renders as Markdown/HTML or as a label."""
    out = [m.value for m in at.markdown]
    out += [e.label for e in at.expander]
    out += [c.value for c in at.caption] + [e.value for e in at.error] + [w.value for w in at.warning]
    out += [s.value for s in at.subheader] + [h.value for h in at.header]
    return out


def _assert_no_raw_markup(strings: list[str]) -> None:
    for s in strings:
        for tag in RAW_TAGS:
            assert tag not in s, f"raw {tag!r} rendered in: {s[:300]!r}"


def _run(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_store_kept_the_markup_as_text(xss_service: Any) -> None:
    clauses = xss_service.store.clauses(XSS_DOC)
    # ingest normalises brackets to full width (alert（1）) but keeps the tags as text
    assert any("<script>alert" in c.text and "<b>加粗</b>" in c.text for c in clauses)
    assert any(xss_service.store.responsibilities(c.clause_id) for c in clauses)


def test_ask_page_escapes(xss_env: None) -> None:
    at = _run(q="挥发性有机物加粗综合整治工程由哪个部门牵头？")
    strings = _rendered(at)
    _assert_no_raw_markup(strings)
    joined = "\n".join(strings)
    assert "&lt;script&gt;" in joined or "&lt;b&gt;" in joined, "the evidence shows the tags as text"


def test_documents_page_escapes(xss_env: None) -> None:
    at = _run(page="documents", doc=XSS_DOC, clause=f"{XSS_DOC}#二（一）")
    strings = _rendered(at)
    _assert_no_raw_markup(strings)
    joined = "\n".join(strings)
    assert "&lt;script&gt;alert" in joined and "&lt;/script&gt;" in joined
    assert "&lt;b&gt;加粗&lt;/b&gt;" in joined


def test_graph_page_and_component_data_escape(xss_env: None) -> None:
    at = _run(page="graph", region="太原市")
    _assert_no_raw_markup(_rendered(at))
    elements = at.session_state["graph_elements"]
    strings = list(iter_strings(elements))
    assert strings
    for s in strings:
        assert "<" not in s and ">" not in s, f"markup in graph data: {s[:200]!r}"
    # choose each agency: its clause list (with the tags) renders escaped
    pick = "graph_pick"
    for option in at.selectbox(key=pick).options[1:4]:
        at.selectbox(key=pick).set_value(option).run()
        assert not at.exception
        _assert_no_raw_markup(_rendered(at))


def test_compare_page_escapes(xss_env: None) -> None:
    at = _run(page="compare", clause=f"{XSS_DOC}#二（一）")
    _assert_no_raw_markup(_rendered(at))
    at.radio(key="compare_mode").set_value("主题 topic").run()
    _assert_no_raw_markup(_rendered(at))


def test_targets_page_escapes(xss_env: None) -> None:
    at = _run(page="targets")
    _assert_no_raw_markup(_rendered(at))
    assert at.get("download_button")


def test_original_view_escapes(xss_env: None) -> None:
    """The "original" switch of an evidence clause names the document and clause: a widget label, whose
    Markdown punctuation (``<`` included) is backslash-escaped; the view itself shows no document text."""
    at = _run(q="挥发性有机物加粗综合整治工程由哪个部门牵头？")
    toggle = next(t for t in at.toggle if "挥发性有机物" in t.label)
    assert "<" not in toggle.label.replace("\\<", "")
    toggle.set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    _assert_no_raw_markup(_rendered(at))
    assert at.get("download_button")


def test_map_and_diff_pages_escape(xss_env: None) -> None:
    at = _run(page="map", doc=XSS_DOC)
    _assert_no_raw_markup(_rendered(at))
    at = _run(page="diff", a="taiyuan-shisiwu-jienengjianpai", b=XSS_DOC)
    _assert_no_raw_markup(_rendered(at))
    assert "pkg-diff-summary" in "\n".join(m.value for m in at.markdown)
    # the tables hold the document text as text (st.dataframe draws cells as plain text, never HTML)
    cells = " ".join(str(v) for f in at.dataframe for v in f.value.to_numpy().ravel())
    assert "<b>加粗</b>" in cells or "<script>" in cells
    for label in [s.label for s in at.selectbox]:
        assert "<script" not in label


def test_ingest_preview_escapes(xss_file: Any) -> None:
    p = parse_upload(xss_file.name, xss_file.read_bytes())
    assert p.ok, p.error
    # the preview is shown via st.dataframe / st.text (plain text) and md_text labels
    label = md_text(f"{p.name} → {p.title}")
    assert "<script" not in label.replace("\\<script", "")


def test_helpers_escape() -> None:
    evil = '<script>alert(1)</script><b>加粗</b>"\'`*_[x](javascript:alert(1))$x$'
    out = esc(evil)
    assert "<" not in out and ">" not in out and "[" not in out and "$" not in out
    assert "&lt;script&gt;" in out
    assert "<script" not in highlight(evil, ["alert", "加粗"])
    html = answer_html(
        {
            "question": evil,
            "intent": "lead_agency",
            "found": True,
            "answer": evil,
            "agencies": [{"name": evil, "role": "lead", "region": evil}],
            "targets": [{"indicator": evil, "value": evil, "unit": "", "year": 2025, "region": evil, "qualifier": evil}],
            "evidence": [{"source": evil, "doc_title": evil, "region": evil, "clause_no": evil, "heading": evil, "text": evil, "score": 1.0}],
        },
        [f"?page=documents&doc={evil}"],
        doc_names=[evil],
        derivations={evil: ("first_listed", 1.0)},
        annotations=[[evil, "alert"]],
        target_rows=[{"地区": evil, "指标": evil, "目标值": evil, "文件": evil, "条款": evil}],
        target_links=[f"?page=documents&doc={evil}"],
        covered=([evil], 1),
    )
    for tag in RAW_TAGS + ("](javascript:",):
        assert tag not in html
    assert '<mark class="pkg-annot">' in html  # the annotation is marked, its text escaped
    not_found = answer_html({"question": evil, "found": False, "answer": evil}, covered=([evil], 1))
    assert "<script" not in not_found and "覆盖地区" in not_found
    from ui.webview import UploadPreview

    card = UploadPreview(name=evil, ok=True, title=evil, doc_number=evil, region=evil, warnings=(evil,),
                         target_lines=(evil,), outline=(evil,)).card_html(duplicate_of=evil)
    for tag in RAW_TAGS:
        assert tag not in card
    assert "<script" not in UploadPreview(name=evil, ok=False, error=evil).card_html()
    elements, _ = graph_elements(
        {
            "nodes": [{"id": evil, "label": "Agency", "caption": evil, "properties": {"name": evil, evil: evil}}],
            "edges": [{"source": evil, "target": evil, "type": "LEADS", "properties": {"evidence": evil}}],
        }
    )
    for s in iter_strings(elements):
        assert "<" not in s and ">" not in s
