"""Streamlit app (ui/app.py) with streamlit.testing.v1.AppTest: the main flow of every page."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui_fixtures import (  # noqa: F401  (fixtures)
    APP,
    DATA,
    REPO,
    TAIYUAN,
    VOCS_EVIDENCE,
    VOCS_QUESTION,
    _open,
    _settings,
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


def test_ask_answer_is_checkable(seeded_env: None) -> None:
    text = markdown_text(run_app(q=VOCS_QUESTION))
    # each role says how it was read, with its confidence
    assert "列首位惯例 · 置信度 1.0" in text  # "（市生态环境局、市工信局…等按职责分工负责）": first listed leads
    assert "承接说明 · 置信度 0.9" in text  # "以下均需县（市、区）政府…配合落实": the carry-over note
    # the key sentence and the responsibility annotation are highlighted; the full text opens in place
    assert '<mark class="pkg-annot">(市生态环境局、市工信局、市交通局等按职责分工负责)</mark>' in text
    assert '<div class="pkg-key">' in text and '<details class="pkg-full">' in text
    assert "太原市 · “十四五”节能减排实施方案 · 并政发〔2023〕15号 · 2023-10-11 › 三（九）" in text


def test_ask_targets_across_regions_as_a_table(seeded_env: None) -> None:
    text = markdown_text(run_app(q="太原和晋城的单位GDP能耗分别下降多少？"))
    assert '<table class="pkg-target-table">' in text
    assert "<th>地区</th><th>指标</th><th>目标值</th><th>基准年</th><th>目标年</th><th>限定</th>" in text
    for region in ("太原市", "晋城市"):
        assert f"<tr><td>{region}</td><td>单位GDP能耗</td>" in text
    assert "None" not in text and "2025.0" not in text


def test_english_question_gets_a_hint(seeded_env: None) -> None:
    at = run_app(q="Who leads VOCs control in Taiyuan?")
    assert "请用中文提问" in "\n".join(i.value for i in at.info)


def test_not_found_lists_covered_regions(seeded_env: None) -> None:
    text = markdown_text(run_app(q="火星的节能目标是多少？"))
    assert "未找到" in text and "覆盖地区" in text and "太原市" in text and "换个说法" in text


def test_ask_not_found_is_shown_honestly() -> None:
    html = answer_html({"question": "火星", "intent": "lead_agency", "found": False, "answer": "", "agencies": [], "targets": [], "evidence": []})
    assert "未找到" in html and "pkg-notfound" in html


def test_ask_original_of_a_text_file(seeded_env: None) -> None:
    """A TXT source has no page image: the original view says so and offers the file."""
    at = run_app(q=VOCS_QUESTION)
    assert at.toggle, "an 原文 / original switch per evidence clause"
    toggle = at.toggle[0]
    assert toggle.label.startswith("原文 / original") and "三（九）" in toggle.label
    assert not at.get("image") and not at.get("download_button")  # nothing rendered until asked for
    toggle.set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    assert "没有页面图像" in "\n".join(i.value for i in at.info)
    (button,) = at.get("download_button")
    assert "下载原文件" in button.proto.label


# ----------------------------------------------------------------------------- issue 14: originals, map, diff
CORPUS = REPO / "tests" / "fixtures" / "corpus"
NATIONAL = "169、关于严格能效约束推动重点领域节能降碳的若干意见"
CHONGQING = "100、重庆市严格能效约束推动重点领域节能降碳实施方案"
JS_2021 = "244、2021年推动碳达峰、碳中和工作计划"
JS_2022 = "55、江苏省2022年推动碳达峰碳中和工作计划"
DATA_CENTRE_QUESTION = "重庆市数据中心绿色高质量发展由哪个部门牵头？"


@pytest.fixture(scope="module")
def pdf_settings(tmp_path_factory: pytest.TempPathFactory, ui_model_dir: Any, ui_service: Any) -> Any:
    """A store with four corpus PDFs (a national opinion and the 重庆 plan implementing it; 江苏's 2021 and
    2022 work plans) and the taiyuan seed ingested twice, the second time revised (so taiyuan@v1 is kept)."""
    settings = _settings(tmp_path_factory.mktemp("pdf-home"), ui_model_dir)
    kg = _open(settings, lambda: ui_service.embedder)
    report = kg.ingest([CORPUS / f"{name}.pdf" for name in (NATIONAL, CHONGQING, JS_2021, JS_2022)] + [DATA / f"{TAIYUAN}.txt"])
    assert not report.failed, report
    revised = tmp_path_factory.mktemp("revised") / f"{TAIYUAN}.txt"
    revised.write_text((DATA / f"{TAIYUAN}.txt").read_text(encoding="utf-8").replace("下降14.5%", "下降15%"), encoding="utf-8")
    assert kg.ingest([revised]).updated
    assert [v.version_id for v in kg.document_versions(TAIYUAN)] == [f"{TAIYUAN}@v1"]
    kg.close()
    return settings


@pytest.fixture
def pdf_env(pdf_settings: Any):
    with app_env(pdf_settings):  # per test: the seeded environment of this module comes back after it
        yield


def test_ask_original_shows_the_pdf_page(pdf_env: None) -> None:
    at = run_app(q=DATA_CENTRE_QUESTION)
    assert "重庆市大数据发展局" in markdown_text(at)
    toggle = next(t for t in at.toggle if "二（八）" in t.label)
    assert "第 9 页" in toggle.label
    toggle.set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    images = at.get("image")
    assert images, "the page image"
    assert "第 9 页" in str(images[0].proto) and "条款所在行已高亮" in str(images[0].proto)
    (button,) = at.get("download_button")
    assert "PDF" in button.proto.label


def test_map_page(pdf_env: None) -> None:
    at = run_app(page="map", doc=NATIONAL)
    assert at.selectbox(key="map_doc").value == NATIONAL
    assert at.selectbox(key="map_doc").format_func(NATIONAL).startswith("全国 · ")  # display names in the picker
    matrix = at.dataframe[0].value
    assert list(matrix.columns)[:6] == ["条款 clause", "措施 measure", "牵头 lead", "目标 targets", "落实 taken up", "缺口 gaps"]
    assert "重庆市" in matrix.columns
    row = matrix[matrix["条款 clause"] == "二（七）"].iloc[0]
    assert row["重庆市"].startswith("✓ 重庆市大数据发展局（二（八））") and "PUE" in row["重庆市"]
    assert (matrix["重庆市"] == "— 缺 / gap").any()  # gaps are said
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("CSV" in x for x in labels) and any("Excel" in x for x in labels)
    assert "渝发改工业" in at.dataframe[1].value["文件 document"].iloc[0]  # the lower-level documents, by name
    at.radio(key="map_sort").set_value("gaps").run()
    assert not at.exception
    gaps = at.dataframe[0].value["缺口 gaps"].tolist()
    assert gaps == sorted(gaps, reverse=True)


def test_diff_page_two_plans(pdf_env: None) -> None:
    at = run_app(page="diff", a=JS_2021, b=JS_2022)
    assert (at.selectbox(key="diff_a").value, at.selectbox(key="diff_b").value) == (JS_2021, JS_2022)
    text = markdown_text(at)
    assert "新增 added" in text and "牵头变化 lead changed" in text
    heads = [h.value for h in at.subheader]
    assert any(h.startswith("新增措施") for h in heads) and any(h.startswith("目标变化") for h in heads)
    frames = [f.value for f in at.dataframe]
    added = next(f for f in frames if list(f.columns)[:2] == ["条款 clause", "措施 measure"])
    assert "加强甲烷排放管控" in set(added["措施 measure"])
    lead = next(f for f in frames if "之前牵头 lead before" in f.columns)
    assert "江苏省生态环境厅自然处" in set(lead["之后牵头 lead after"])  # 碳汇: 自然处 and 海洋处 → 自然处
    targets = next(f for f in frames if "之前 old" in f.columns)
    assert "不低于59%（2021年）" in set(targets["之前 old"])


def test_diff_page_earlier_version(pdf_env: None) -> None:
    at = run_app(page="diff")
    # a document with a kept earlier version opens first: the version, then the document
    assert (at.selectbox(key="diff_a").value, at.selectbox(key="diff_b").value) == (f"{TAIYUAN}@v1", TAIYUAN)
    assert "第1版 v1" in at.selectbox(key="diff_a").format_func(f"{TAIYUAN}@v1")
    targets = next(f.value for f in at.dataframe if "之前 old" in f.value.columns)
    row = targets[targets["指标 indicator"] == "单位GDP能耗"].iloc[0]
    assert (row["之前 old"], row["之后 new"], row["变化 change"]) == ("下降14.5%", "下降15%", "数值 value")


# ----------------------------------------------------------------------------- other pages
def test_graph_page_with_region(seeded_env: None) -> None:
    at = run_app(page="graph", region="太原市")
    assert at.selectbox(key="graph_region").value == "太原市"
    # it starts from the busiest agency (by clauses it leads or co-leads), not from "all"
    assert at.selectbox(key="graph_agency_太原市").value == "太原市生态环境局"
    elements = at.session_state["graph_elements"]
    assert elements["nodes"] and elements["edges"]
    labels = {n["data"]["label"] for n in elements["nodes"]}
    assert {"Agency", "Clause"} <= labels
    edge_types = {e["data"]["label"] for e in elements["edges"]}
    assert {"LEADS", "CO_RESPONSIBLE"} <= edge_types
    # readable captions and side panel: short agency names, clause number + heading, no store ids
    captions = {n["data"]["caption"] for n in elements["nodes"]}
    assert "生态环境局" in captions
    assert all(n["data"]["id"].split("：", 1)[0] in ("机构", "条款", "主题", "目标") for n in elements["nodes"])
    assert not any("ref" in n["data"] or n["data"]["id"].startswith("n") for n in elements["nodes"])
    assert all("position" in n for n in elements["nodes"])  # a seeded layout, drawn with the preset layout
    assert "节点" in markdown_text(at) and "牵头" in markdown_text(at)  # the legend
    # choosing an agency shows a compact table of its clauses
    pick = "graph_pick"
    at.selectbox(key=pick).set_value("Agency:太原市生态环境局").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table.columns) == ["角色 role", "文件 document", "条款 clause", "标题 heading", "依据 derived", "链接 link"]
    row = table[table["条款 clause"] == "三（九）"].iloc[0]
    assert row["角色 role"] == "牵头" and row["标题 heading"] == "挥发性有机物综合整治工程"
    assert row["文件 document"].startswith("太原市 · ") and "并政发〔2023〕15号" in row["文件 document"]
    assert row["依据 derived"] == "列首位惯例 · 置信度 1.0"


def test_graph_page_cap_is_said(seeded_env: None) -> None:
    at = run_app(page="graph", region="太原市")
    at.selectbox(key="graph_agency_太原市").set_value("（全部 all）").run()
    at.number_input(key="graph_limit").set_value(20).run()
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "显示 20 / " in warning and "narrow by agency or topic" in warning
    assert len(at.session_state["graph_elements"]["nodes"]) <= 20


def test_graph_layout_is_stable(seeded_env: None) -> None:
    first = run_app(page="graph", region="太原市").session_state["graph_elements"]
    again = run_app(page="graph", region="太原市").session_state["graph_elements"]
    assert [(n["data"]["id"], n["position"]) for n in first["nodes"]] == [
        (n["data"]["id"], n["position"]) for n in again["nodes"]
    ]


def test_compare_page(seeded_env: None) -> None:
    at = run_app(page="compare", clause=f"{TAIYUAN}#三（九）")
    text = markdown_text(at)
    assert "所选条款" in text and VOCS_EVIDENCE in text
    captions = "\n".join(c.value for c in at.caption)
    assert "相似度排名 similarity rank #1" in captions and "0.9" not in captions  # ranks, not near-equal scores
    names = at.selectbox(key="compare_doc").options
    assert len(set(names)) == len(names) and all(" · " in n for n in names)
    assert "山西省 · 2014－2015年节能减排低碳发展行动方案（推断）" in names  # no file stem, inferred title marked
    assert at.selectbox(key="compare_indicator").value == "单位GDP能耗"
    table = at.dataframe[0].value
    assert set(table["地区 region"]) >= {"太原市"}
    # one period at a time: the chart never puts 2015 annual and 2025 five-year targets on one axis
    year = at.selectbox(key="compare_year").value
    assert set(table["目标年 year"]) == {str(year)}
    assert not any(v in ("None", "nan") or str(v).endswith(".0") for col in table.columns for v in table[col])
    assert at.get("vega_lite_chart"), "bar chart of the indicator across regions"
    at.selectbox(key="compare_year").set_value(2015).run()
    assert set(at.dataframe[0].value["目标年 year"]) == {"2015"}
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


def test_evidence_names_its_pdf_pages_and_folds_the_full_text() -> None:
    ev = {"doc_title": "t", "clause_no": "三（九）", "heading": "挥发性有机物综合整治工程", "pages": [3, 4],
          "text": "挥发性有机物综合整治工程。推进源头清洁替代。（市生态环境局牵头）"}
    out = answer_html({"question": VOCS_QUESTION, "found": True, "answer": "a", "evidence": [ev]},
                      doc_names=["太原市 · 方案"], annotations=[["（市生态环境局牵头）"]])
    assert "太原市 · 方案 › 三（九） 挥发性有机物综合整治工程" in out and "第 3–4 页" in out
    assert '<div class="pkg-key">推进源头清洁替代。</div>' in out  # the key sentence, not the bare heading
    assert '<details class="pkg-full">' in out and '<mark class="pkg-annot">（市生态环境局牵头）</mark>' in out
