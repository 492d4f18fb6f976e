"""Task-division tables: rows_from_grid on grids copied from real tables, and one real PDF.

The grids are the cells pdfplumber gives for 179 福建省“十四五”海洋生态环境保护规划 附表3 (pages 78-79,
layout newlines kept); the PDF itself is tests/fixtures/tables/ (a development document of
../shared/corpus/pdf2, see data/eval/splits.json).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.tables import TaskRow, read_task_rows, rows_from_grid

ROOT = Path(__file__).resolve().parent.parent
FUJIAN_179 = ROOT / "tests" / "fixtures" / "tables" / "179、福建省“十四五”海洋生态环境保护规划.pdf"

HEADER_179 = ["沿海\n地市", "海湾\n（湾区）", "类别", "名称", "实施内容", "实施区域\n（或对象）", "拟解决的突出问题", "目标指标", "责任单位"]
# 179 附表3 page 78 (the table's first page): header, then two rows
PAGE_78 = [
    HEADER_179,
    ["福州市", "鉴江半岛-\n黄岐半岛\n东部海域\n湾区", "海湾污染\n治理", "人工渔礁工程",
     "在连江县黄岐半岛海域国家级海洋牧\n场示范区建设人工渔礁面积约 1330\n公顷。", "黄岐半岛海域",
     "北部底栖动物生物多样性\n指数呈下降趋势；南部潮\n下带底栖动物栖息密度、\n生物量和均匀度指数显著\n下降。",
     "建造投放人工鱼礁 2.89 万立\n方米。", "连江县人民政府"],
    [None, None, "海湾污染\n治理", "连江县可门经济\n区污水厂深海排\n放工程", "污水管网建设22千米。", "可门经济区污水\n处理厂",
     "排放口所在海域无机氮、\n磷酸盐偶有超标。", "完成可门经济区深海排放工\n程，工程规模为10万吨/天。", "连江可门港建设发\n展有限公司"],
]
# 179 附表3 page 79 as a continuation without its repeated header
PAGE_79_BODY = [
    [None, "兴化湾福\n州段", "海湾污染\n治理", "江阴港工业园区\n整治工程",
     "加快污水处理厂及其配套管网建设，\n推进污水处理厂提标改造工作；加强\n对区域内工业企业的环境监管，查处\n企业违法偷排、生活污水直排等问题。",
     "江阴工业园区", "河道水质污染严重，工业\n废水总氮超标排放。", "河道水质得到改善，工业废水\n总氮达标排放。",
     "福州市商务局、建\n设局、生态环境局，\n福清市人民政府"],
]


def test_rows_from_a_grid_with_its_header():
    rows, header = rows_from_grid(PAGE_78, table=1, page=78)
    assert header is not None
    assert rows == [
        TaskRow(
            table=1, row=1,
            task="人工渔礁工程。在连江县黄岐半岛海域国家级海洋牧场示范区建设人工渔礁面积约1330公顷。建造投放人工鱼礁2.89万立方米。",
            heading="人工渔礁工程", annotation="责任单位：连江县人民政府", page=78,
        ),
        TaskRow(
            table=1, row=2,
            task="连江县可门经济区污水厂深海排放工程。污水管网建设22千米。完成可门经济区深海排放工程，工程规模为10万吨/天。",
            heading="连江县可门经济区污水厂深海排放工程", annotation="责任单位：连江可门港建设发展有限公司", page=78,
        ),
    ]


def test_a_continuation_keeps_the_header_of_the_page_before():
    _, header = rows_from_grid(PAGE_78, table=1, page=78)
    rows, kept = rows_from_grid(PAGE_79_BODY, table=1, header=header, page=79)
    assert kept == header
    assert [(r.heading, r.annotation, r.page) for r in rows] == [
        ("江阴港工业园区整治工程", "责任单位：福州市商务局、建设局、生态环境局，福清市人民政府", 79),
    ]


def test_a_continuation_without_any_header_gives_nothing():
    assert rows_from_grid(PAGE_79_BODY, table=1) == ([], None)


def test_a_continuation_of_another_width_is_not_read_with_the_header():
    _, header = rows_from_grid(PAGE_78, table=1)
    narrow = [row[3:] for row in PAGE_79_BODY]
    assert rows_from_grid(narrow, table=1, header=header)[0] == []


def test_a_table_without_a_role_column_is_not_a_task_table():
    """179 附表1-style indicator table: no 牵头/责任/配合 header, so no task rows."""
    grid = [["序号", "指标名称", "2020年现状", "2025年目标", "指标属性"], ["1", "近岸海域优良水质比例（%）", "85.5", "完成国家下达任务", "约束性"]]
    assert rows_from_grid(grid, table=1) == ([], None)


def test_lead_co_and_deadline_columns():
    """The 重点任务分工表 shape (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限), wording of 451 德州 annotations."""
    grid = [
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "推进污水垃圾与污泥处理及再生水产品增值税返还等税收优惠政策", "市发展改革委、\n市生态环境局", "市财政局、市城管局、\n市税务局", "2025年"],
        ["2", "加快农业面源污染治理", "市农业农村局", "/", "持续推进"],
    ]
    rows, _ = rows_from_grid(grid, table=2)
    assert [(r.row, r.heading, r.annotation, r.deadline) for r in rows] == [
        (1, "推进污水垃圾与污泥处理及再生水产品增值税返还等税收优惠政策",
         "牵头单位：市发展改革委、市生态环境局；配合单位：市财政局、市城管局、市税务局", "2025年"),
        (2, "加快农业面源污染治理", "牵头单位：市农业农村局", "持续推进"),
    ]


# --- the real PDF ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rows_179() -> list[TaskRow]:
    return read_task_rows(FUJIAN_179)


@pytest.fixture(scope="module")
def parsed_179():
    from ingest.pipeline import parse_file

    return parse_file(FUJIAN_179)


def test_read_task_rows_on_the_fujian_plan(rows_179):
    assert len(rows_179) >= 60
    first = rows_179[0]
    assert (first.table, first.row, first.heading, first.annotation) == (1, 1, "人工渔礁工程", "责任单位：连江县人民政府")
    assert first.page == 78
    by_heading = {r.heading: r.annotation for r in rows_179}
    # a row whose 名称 cell is broken over two lines, and a row continued on the next page
    assert by_heading["龙江水质改善工程"] == "责任单位：福州市生态环境局，福清市人民政府"
    assert by_heading["海漂垃圾视频监控系统建设"] == "责任单位：泉州市生态环境局"
    assert by_heading["岸线/海堤生态修复"] == "责任单位：平潭综合实验区管委会及有关职能部门"


@pytest.mark.parametrize(
    "heading, agency, role",
    [
        ("人工渔礁工程", "连江县人民政府", "implementing"),
        ("海漂垃圾视频监控系统建设", "泉州市生态环境局", "lead"),
        ("泉港、泉惠石化园区周边海域环境风险防范和应急响应体系建设", "泉州市生态环境局", "lead"),
        ("泉港、泉惠石化园区周边海域环境风险防范和应急响应体系建设", "惠安县人民政府", "implementing"),
        ("龙江水质改善工程", "福州市生态环境局", "lead"),
        ("龙江水质改善工程", "福清市人民政府", "implementing"),
    ],
)
def test_task_clauses_carry_the_table_responsibilities(parsed_179, heading, agency, role):
    tasks = [c for c in parsed_179.clauses if c.kind == "task" and c.heading == heading]
    assert tasks, heading
    ids = {c.clause_id for c in tasks}
    got = {(r.agency, r.role) for r in parsed_179.responsibilities if r.clause_id in ids}
    assert (agency, role) in got


def test_task_clauses_are_numbered_by_table_and_row(parsed_179, rows_179):
    tasks = [c for c in parsed_179.clauses if c.kind == "task"]
    assert len(tasks) == len(rows_179)
    assert tasks[0].path == "表1-1" and tasks[0].heading == "人工渔礁工程"
    assert tasks[0].text.endswith("（责任单位：连江县人民政府）")
    assert [c.path for c in tasks] == [f"表{r.table}-{r.row}" for r in rows_179]
    # task clauses come after the body
    body = [c.order for c in parsed_179.clauses if c.kind not in ("task", "row")]
    assert min(c.order for c in tasks) > max(body)
    # no lead from position for a row naming only county governments
    ids = {c.clause_id for c in tasks if c.heading == "人工渔礁工程"}
    assert not [r for r in parsed_179.responsibilities if r.clause_id in ids and r.role == "lead"]


def test_report_counts_the_task_rows(rows_179):
    from ingest.report import corpus_report

    rows = corpus_report([FUJIAN_179])
    assert rows[0]["task_rows"] == len(rows_179) == rows[-1]["task_rows"]


# 360 定西 重点任务分工 (tests/fixtures/corpus, page 4) as pdfplumber gives it: the task header merged over the category,
# item, serial and task columns (None after "重点任务"), the lead's name written from the blank column before 牵头单位 and
# merged across it (None under the header)
DINGXI_360 = [
    ["", "重点任务", None, None, None, None, None, None, "", "", "牵头单位", ""],
    ["一、推\n进生产", None, "", "（一）实施", None, "", "1", "开展原材料行业符合规范条件动态核", "", "市工信局", None, None],
]


@pytest.mark.parametrize(
    "grid, expected",
    [
        (DINGXI_360, [("开展原材料行业符合规范条件动态核", "牵头单位：市工信局")]),
        # a role cell merged down from the row above (None) is never filled from the task cell on its left
        ([["序号", "重点任务", "责任单位"], ["1", "推进工业节能", "市工信局"], ["2", "推进建筑节能", None]],
         [("推进工业节能", "责任单位：市工信局")]),
        # the 179 plan's own table reads as before
        (PAGE_78, [("人工渔礁工程", "责任单位：连江县人民政府"), ("连江县可门经济区污水厂深海排放工程", "责任单位：连江可门港建设发展有限公司")]),
    ],
)
def test_merged_cells_under_task_and_role_headers(grid, expected):
    rows, _ = rows_from_grid(grid, table=1)
    assert [(r.heading, r.annotation) for r in rows] == expected


def test_the_dingxi_task_table_row_is_read_from_the_pdf():
    rows = read_task_rows(ROOT / "tests" / "fixtures" / "corpus" / "360、定西市关于加快建立健全绿色低碳循环发展经济体系实施方案.pdf")
    assert [(r.heading, r.annotation, r.page) for r in rows] == [("开展原材料行业符合规范条件动态核", "牵头单位：市工信局", 4)]
