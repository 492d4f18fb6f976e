"""ui/planview.py: the pure shaping behind the app's original view, implementation map and diff pages
(issue 14), on hand-made records and on the taiyuan seed and a revised copy of it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from graph.store import DocumentVersion
from ingest.pipeline import parse_file
from ingest.records import Document, Succession, Target
from search.answer import Evidence
from search.diff import Measure, diff_parsed
from search.implmap import ImplementationMap, MapCell, MapColumn, MapRow, TargetComparison
from ui.planview import (
    GAP,
    GAPS,
    MAP_LEAD_COLUMNS,
    TAKEN_UP,
    carried_rows,
    column_labels,
    default_diff_pair,
    diff_options,
    diff_summary_html,
    evidence_pages,
    lead_rows,
    map_candidates,
    map_columns,
    map_file_bytes,
    map_file_name,
    map_rows,
    measure_rows,
    mime_type,
    original_label,
    page_span,
    renamed_rows,
    target_rows,
)

ROOT = Path(__file__).resolve().parents[1]
TAIYUAN = ROOT / "data" / "taiyuan-shisiwu-jienengjianpai.txt"
HIGH = "169、关于严格能效约束推动重点领域节能降碳的若干意见"
CQ, ZJ, HB = "100、重庆", "205、浙江", "134、河北"


# ----------------------------------------------------------------------------- originals
def test_evidence_pages_and_labels() -> None:
    ev = Evidence("100、重庆.pdf", "重庆市…实施方案", "重庆市", "二（八）", "推动数据中心绿色高质量发展", "…",
                  clause_id=f"{CQ}#二（八）", page_start=9, page_end=10)
    assert evidence_pages(ev) == [9, 10] and evidence_pages(ev.to_dict()) == [9, 10]
    assert evidence_pages({"page_start": 3, "page_end": 7}, limit=3) == [3, 4, 5]
    assert evidence_pages(Evidence("a.txt", "", "", "", "", "")) == []
    assert page_span([9]) == "第 9 页" and page_span([9, 10]) == "第 9–10 页" and page_span([]) == ""
    assert original_label(ev, "重庆市 · 严格能效约束…") == (
        "原文 / original · 重庆市 · 严格能效约束… › 二（八） 推动数据中心绿色高质量发展 · 第 9–10 页"
    )
    assert original_label(Evidence("a.txt", "标题", "", "一", "", "")) == "原文 / original · 标题 › 一"


@pytest.mark.parametrize(
    "name, mime",
    [("a.PDF", "application/pdf"), ("a.txt", "text/plain"), ("a.htm", "text/html"),
     ("a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")],
)
def test_download_mime_types(name: str, mime: str) -> None:
    assert mime_type(name) == mime


# ----------------------------------------------------------------------------- implementation map
def _target(indicator: str, value: str, number: float, comparator: str = "") -> Target:
    return Target(f"t{value}", "c", indicator, indicator, value, number, "", comparator)


def _map() -> ImplementationMap:
    pue = _target("PUE", "1.3", 1.3, "降至")
    rows = (
        MapRow(Measure(f"{HIGH}#二（七）", "二（七）", "加强数据中心绿色高质量发展", "…", ("国家发展改革委",), (pue,)),
               {CQ: MapCell(f"{CQ}#二（八）", "二（八）", "推动数据中心", "…", 0.4, ("重庆市大数据发展局",), "own",
                            (TargetComparison("PUE", pue, pue, "same"),)),
                ZJ: MapCell(f"{ZJ}#三（六）", "三（六）", "数据中心", "…", 0.3, ("浙江省发展改革委",), "own"),
                HB: None}),
        MapRow(Measure(f"{HIGH}#三（二）", "三（二）", "", "加大监督管理力度，开展专项检查", ()),
               {CQ: None, ZJ: None, HB: None}),
        MapRow(Measure(f"{HIGH}#三（三）", "三（三）", "强化宣传", "…"),
               {CQ: MapCell(f"{CQ}#三", "三", "", "…", 0.2), ZJ: None, HB: None}),
    )
    columns = (
        MapColumn(CQ, "重庆市严格能效约束推动重点领域节能降碳实施方案", "重庆市", "provincial", True, 2),
        MapColumn(ZJ, "浙江省关于严格能效约束推动重点领域节能降碳工作的实施方案", "浙江省", "provincial", False, 1),
        MapColumn(HB, "河北省重点领域严格能效约束推进节能降碳实施方案", "河北省", "provincial", False, 0),
    )
    doc = Document(HIGH, f"{HIGH}.pdf", "关于严格能效约束推动重点领域节能降碳的若干意见", level="national", region="全国")
    return ImplementationMap(doc, columns, rows)


def test_map_rows_cells_and_counts() -> None:
    header, rows = map_rows(_map())
    assert header == [*MAP_LEAD_COLUMNS, "重庆市", "浙江省", "河北省"]
    first = rows[0]
    assert first["条款 clause"] == "二（七）" and first["牵头 lead"] == "国家发展改革委" and first["目标 targets"] == "PUE 降至1.3"
    assert first["重庆市"] == "✓ 重庆市大数据发展局（二（八））；PUE 降至1.3 → 降至1.3（相同 / same）"
    assert first["浙江省"] == "✓ 浙江省发展改革委（三（六））" and first["河北省"] == GAP
    assert (first[TAKEN_UP], first[GAPS]) == (2, 1)
    assert rows[1]["措施 measure"] == "加大监督管理力度，开展专项检查"  # no heading: the start of the text
    assert rows[2]["重庆市"] == "✓ 未指明牵头 / no lead named（三）"


def test_map_rows_sort() -> None:
    imap = _map()
    order = lambda sort: [r["条款 clause"] for r in map_rows(imap, sort)[1]]  # noqa: E731
    assert order("document") == ["二（七）", "三（二）", "三（三）"]
    assert order("gaps") == ["三（二）", "三（三）", "二（七）"]
    assert order("taken_up") == ["二（七）", "三（三）", "三（二）"]
    with pytest.raises(ValueError, match="valid sorts: document, gaps, taken_up"):
        map_rows(imap, "alphabet")


def test_column_labels_are_short_and_unique() -> None:
    cols = [MapColumn("a", "武汉市推动降碳及发展低碳产业工作方案", "武汉市", "city", True),
            MapColumn("b", "武汉市加快建立健全绿色低碳循环发展经济体系实施方案", "武汉市", "city", False),
            MapColumn("c", "", "", "city", False)]
    labels = column_labels(cols)
    assert labels[0].startswith("武汉市 · ") and labels[1].startswith("武汉市 · ") and labels[2] == "?"
    assert len(set(labels)) == 3


def test_map_columns_and_candidates() -> None:
    imap = _map()
    names = {CQ: "重庆市 · 严格能效约束推动重点领域节能降碳实施方案 · 渝发改工业〔2022〕270号"}
    table = map_columns(imap, names)
    assert table[0]["文件 document"] == names[CQ] and table[0]["落实措施 measures taken up"] == "2 / 3"
    assert table[0]["依据 via"].startswith("引用并相似") and table[1]["依据 via"].startswith("措施相似")
    assert table[1]["文件 document"].startswith("浙江省 · ")  # no display name known: built from the column
    docs = [Document("county", "c.txt", "t", level="county"), Document("city", "b.txt", "t", level="city"),
            Document(HIGH, "a.pdf", "t", level="national")]
    assert map_candidates(docs, {}) == [HIGH, "city"]  # a county plan has no lower level


def test_map_files_as_the_cli_writes_them() -> None:
    imap = _map()
    data = map_file_bytes(imap, "csv")
    assert data.startswith("\ufeff".encode())  # Excel reads the Chinese with the BOM
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["条款 / clause", "措施 / measure"] and rows[1][0] == "二（七）" and rows[1][-1] == "—"
    xlsx = map_file_bytes(imap, "xlsx")
    assert xlsx[:2] == b"PK"  # a zip: an Office Open XML workbook
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet.cell(row=2, column=1).value == "二（七）"
    with pytest.raises(ValueError, match="valid kinds: csv, xlsx"):
        map_file_bytes(imap, "pdf")
    assert map_file_name(imap.document, "csv") == "implementation-map-严格能效约束推动重点领域节能降碳的若干意见.csv"
    assert "/" not in map_file_name(Document("x", "x.txt", "a/b c:d", region=""), "xlsx")


# ----------------------------------------------------------------------------- diff
NEW_MEASURE = "（十一）氢能示范应用工程。在公交、物流领域开展氢燃料电池汽车示范应用，到2025年建成加氢站5座。（市发展改革委牵头，市交通局配合）"


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory):
    """The taiyuan seed and a revision: 14.5% -> 15%, one measure added, one lead changed."""
    text = TAIYUAN.read_text(encoding="utf-8")
    lines = text.replace("下降14.5%", "下降15%").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("(十)环境基础设施水平提升工程"))
    lines.insert(at + 1, NEW_MEASURE)
    path = tmp_path_factory.mktemp("revised") / TAIYUAN.name
    path.write_text("\n".join(lines), encoding="utf-8")
    return parse_file(TAIYUAN), parse_file(path)


def test_diff_tables(revised) -> None:
    old, new = revised
    diff = diff_parsed(old, new, [Succession("太原市环境保护局", "太原市生态环境局", 2019)])
    added = measure_rows(diff.added)
    assert [r["措施 measure"] for r in added] == ["氢能示范应用工程"]
    assert added[0]["牵头 lead"] == "太原市发展改革委" and added[0]["目标 targets"].startswith("加氢站")
    assert measure_rows(diff.dropped) == []
    changes = target_rows(diff)
    assert {"措施 measure": "二 主要目标", "指标 indicator": "单位GDP能耗", "之前 old": "下降14.5%", "之后 new": "下降15%",
            "变化 change": "数值 value"} in changes
    carried = carried_rows([c for c in diff.carried_over if c.changed])
    assert {"之前 before": "二 主要目标", "之后 after": "二 主要目标"}.items() <= carried[0].items()
    assert "目标 targets" in carried[0]["变化 what changed"]
    assert carried_rows([c for c in diff.carried_over if not c.changed])[0]["变化 what changed"] == "未变 unchanged"
    assert lead_rows(diff) == []
    assert renamed_rows(diff) == []  # 环保局 is named in neither plan
    summary = diff_summary_html(diff)
    assert "<b>1</b><br><small>新增 added</small>" in summary and "目标变化 target changed" in summary


def test_lead_and_renamed_rows() -> None:
    class Carried:
        a = Measure("a#一", "一", "节能", "…", ("甲局",))
        b = Measure("b#一", "一", "节能", "…", ("乙局",))

    class Diff:
        lead_changed = [Carried()]
        renamed_agencies = (Succession("省环保厅", "省生态环境厅", 2018), Succession("x", "y"))

    assert lead_rows(Diff()) == [{"措施 measure": "一 节能", "之前牵头 lead before": "甲局", "之后牵头 lead after": "乙局"}]
    assert renamed_rows(Diff()) == [{"原名 old name": "省环保厅", "新名 new name": "省生态环境厅", "年份 year": "2018"},
                                    {"原名 old name": "x", "新名 new name": "y", "年份 year": ""}]


def test_diff_pickers_list_versions_under_their_document() -> None:
    docs = [Document("b", "b.txt", "省生态环境厅2022年推动碳达峰碳中和工作计划", region="江苏省"),
            Document("a", "a.txt", "省生态环境厅2021年度推动碳达峰、碳中和工作计划", region="江苏省"),
            Document("c", "c.txt", "太原市“十四五”节能减排实施方案", region="太原市")]
    names = {"a": "江苏省 · 2021", "b": "江苏省 · 2022", "c": "太原市 · 十四五"}
    assert default_diff_pair(docs, {}) == ("a", "b")  # one region's plans, earlier first (the year in the title)
    kept = {"c": [DocumentVersion("c@v1", "c", 1, superseded_at="2024-05-01T08:00:00+00:00", superseded_by="c")]}
    ids, labels = diff_options(docs, kept, names)
    assert ids == ["c", "c@v1", "a", "b"]  # by display name, a version right after its document
    assert labels["c@v1"] == "太原市 · 十四五 · 第1版 v1（2024-05-01 被替代 / superseded）"
    assert default_diff_pair(docs, kept) == ("c@v1", "c")  # a document's earlier version first
    assert default_diff_pair(docs[2:], {}) is None
