"""Data tables (catalogues, lists) read by their cells: one clause per numbered row, over real documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.data_tables import is_read_elsewhere, read_data_rows, role_annotation, row_cells, rows_from_grid
from ingest.pipeline import parse_file
from ingest.tables import CAPTION_RE

TABLES = Path(__file__).parent / "fixtures" / "tables"
CATALOGUE = TABLES / "555、关于发布交通运输行业重点节能低碳技术推广目录（2021年度）的公告.pdf"
FUJIAN_SEA = TABLES / "179、福建省“十四五”海洋生态环境保护规划.pdf"

# 江苏省“十四五”海洋生态环境保护规划 (pdf2 436), 表2 as pdfplumber gives it: the responsible city of each section
JIANGSU_SECTIONS = [
    ["序号", "断面名称", "所在水体", "2020年水质现状", "2025年水质目标", "责任城市"],
    ["3", "北凌新闸", "北凌河", "Ⅳ", "Ⅲ", "南通市"],
    ["4", "小洋口", "栟茶运河", "Ⅳ", "Ⅲ", "南通市"],
]
# 关于严格能效约束推动重点领域节能降碳的若干意见 (pdf2 169), 附件1: a product's benchmark levels, a second row of the
# same product without its serial cell's name
BENCHMARKS = [
    ["序号", "产品名称", "指标名称", "指标单位", "基准水平", "标杆水平", "相关计算等参考标准"],
    ["3", "电解铝", "铝液交流电耗", "千瓦时/吨", "13350", "13000", "GB 21346"],
]
# a task table (its roles become responsibilities, ingest.tables) and an indicator table (its rows become targets,
# ingest.indicator_tables) are no data tables
TASK_TABLE = [["序号", "重点任务", "牵头单位", "配合单位"], ["1", "推进工业节能", "市工信局", "市发展改革委"]]
INDICATOR_TABLE = [["序号", "指标名称", "单位", "2020年", "2025年", "属性"], ["1", "单位地区生产总值能耗降低", "%", "—", "14.5", "约束性"]]


@pytest.mark.parametrize(
    ("grid", "expected"),
    [
        (JIANGSU_SECTIONS, [("3", "北凌新闸", "断面名称：北凌新闸；所在水体：北凌河；2020年水质现状：Ⅳ；2025年水质目标：Ⅲ；责任城市：南通市。"),
                            ("4", "小洋口", "断面名称：小洋口；所在水体：栟茶运河；2020年水质现状：Ⅳ；2025年水质目标：Ⅲ；责任城市：南通市。")]),
        (BENCHMARKS, [("3", "电解铝", "产品名称：电解铝；指标名称：铝液交流电耗；指标单位：千瓦时/吨；基准水平：13350；标杆水平：13000；"
                                     "相关计算等参考标准：GB 21346。")]),
        ([["序号", "名称"], ["1", "光伏"]], []),  # two columns: a list, not a data table
    ],
)
def test_rows_by_cells(grid: list[list[str]], expected: list[tuple[str, str, str]]) -> None:
    rows, _ = rows_from_grid(grid, 1)
    assert [(r.serial, r.heading, r.text) for r in rows] == expected


@pytest.mark.parametrize("grid", [TASK_TABLE, INDICATOR_TABLE])
def test_task_and_indicator_tables_are_read_elsewhere(grid: list[list[str]]) -> None:
    assert is_read_elsewhere(grid)
    assert not is_read_elsewhere(JIANGSU_SECTIONS)


def test_a_second_header_row_names_columns_under_a_merged_cell() -> None:
    grid = [
        ["序号", "所属领域", "技术名称", "典型项目", "", "", "推广建议"],
        ["", "", "", "应用规模", "节能量/替代燃料量（年）", "CO2减排量（年）", ""],
        ["31", "道路运输", "节能驾驶操作", "培训驾驶员2万余人", "24190tce", "60306t", "…"],
        ["", "", "", "", "1艘拖轮", "77.05tce", ""],
    ]
    rows, labels = rows_from_grid(grid, 1)
    assert labels == ["序号", "所属领域", "技术名称", "典型项目应用规模", "典型项目节能量/替代燃料量（年）", "典型项目CO2减排量（年）", "推广建议"]
    assert rows[0].text.startswith("所属领域：道路运输；技术名称：节能驾驶操作；典型项目应用规模：培训驾驶员2万余人；"
                                   "典型项目节能量/替代燃料量（年）：24190tce；典型项目CO2减排量（年）：60306t")
    # a row without a serial number continues the numbered row above it
    assert rows[0].text.endswith("典型项目节能量/替代燃料量（年）：1艘拖轮；典型项目CO2减排量（年）：77.05tce。")


def test_a_catalogue_pdf_gives_one_row_per_entry_across_pages() -> None:
    rows = read_data_rows(CATALOGUE)
    assert [r.serial for r in rows] == [str(n) for n in range(1, 32)]
    by_serial = {r.serial: r for r in rows}
    assert by_serial["31"].heading == "节能驾驶操作"
    assert "典型项目节能量/替代燃料量（年）：24190tce" in by_serial["31"].text
    assert "典型项目CO2减排量（年）：60306t" in by_serial["31"].text
    assert by_serial["13"].heading == "公路隧道照明节能关键技术" and "1229tce" in by_serial["13"].text
    # 30 holds two typical projects (its second row has no serial number)
    assert "146.08tce" in by_serial["30"].text and "793.2tce" in by_serial["30"].text
    assert {r.page for r in rows} == set(range(1, 13))


def test_a_table_without_a_name_column_gives_no_rows() -> None:
    # 福建's 海湾 units by 行政区 (pdf2 179): a place's figures, no entries named
    assert read_data_rows(FUJIAN_SEA) == []


def test_row_clauses_in_the_parsed_document_name_no_one_responsible() -> None:
    parsed = parse_file(CATALOGUE)
    rows = [c for c in parsed.clauses if c.kind == "row"]
    assert len(rows) == 31
    row = next(c for c in rows if c.path == "数据表1-31")
    assert row.heading == "节能驾驶操作" and "24190tce" in row.text
    assert len({c.clause_id for c in parsed.clauses}) == len(parsed.clauses)
    # its 推荐单位 / 申报单位 columns are no annotations
    assert not {r.clause_id for r in parsed.responsibilities} & {c.clause_id for c in rows}


JIANGSU_MARINE = TABLES / "436、江苏省“十四五”海洋生态环境保护规划.pdf"


@pytest.mark.parametrize(
    ("text", "cells", "annotation"),
    [
        # 436 江苏 表2: the section's responsible city is its annotation
        ("断面名称：北凌新闸；所在水体：北凌河；2020年水质现状：Ⅳ；2025年水质目标：Ⅲ；责任城市：南通市。",
         ["断面名称：北凌新闸", "所在水体：北凌河", "2020年水质现状：Ⅳ", "2025年水质目标：Ⅲ", "责任城市：南通市"], "责任城市：南通市"),
        # 555 交通运输 目录: 推荐单位 / 申报单位 name no one responsible; a ；inside a value stays in its cell
        ("技术名称：节能驾驶操作；推荐单位：交通运输部公路科学研究院；技术内容：从驾驶操作；车辆维护提出；典型项目CO2减排量（年）：60306t。",
         ["技术名称：节能驾驶操作", "推荐单位：交通运输部公路科学研究院", "技术内容：从驾驶操作；车辆维护提出",
          "典型项目CO2减排量（年）：60306t"], ""),
        # 169 能效 附件1: a product's levels
        ("产品名称：电解铝；指标名称：铝液交流电耗；基准水平：13350；标杆水平：13000。",
         ["产品名称：电解铝", "指标名称：铝液交流电耗", "基准水平：13350", "标杆水平：13000"], ""),
    ],
)
def test_row_cells_and_place_role_annotation(text: str, cells: list[str], annotation: str) -> None:
    assert row_cells(text) == cells
    assert role_annotation(row_cells(text)) == annotation


def test_a_place_role_column_makes_the_place_responsible_for_its_row() -> None:
    # 436 江苏 表2 "入海河流国考断面清单": 32 sections, each a city's (南通 6, 连云港 16, 盐城 10)
    parsed = parse_file(JIANGSU_MARINE)
    rows = {c.clause_id: c for c in parsed.clauses if c.kind == "row"}
    by_row = {rows[r.clause_id].heading: (r.agency, r.role) for r in parsed.responsibilities if r.clause_id in rows}
    assert len(by_row) == 32
    assert by_row["北凌新闸"] == ("南通市", "lead") and by_row["陈港"] == ("盐城市", "lead")
    assert {a for a, _ in by_row.values()} == {"南通市", "连云港市", "盐城市"}


@pytest.mark.parametrize(
    ("pdf", "caption"),
    [
        (JIANGSU_MARINE, "表2“十四五”入海河流国考断面清单"),  # numbered, the line right above the table
        (CATALOGUE, "交通运输行业节能低碳技术推广目录（2021年度）"),  # a list's own name, kept over its 12 pages
    ],
)
def test_a_data_tables_caption_goes_with_each_of_its_rows(pdf: Path, caption: str) -> None:
    rows = read_data_rows(pdf)
    assert rows and {r.caption for r in rows} == {caption}
    parsed = parse_file(pdf)
    row = next(c for c in parsed.clauses if c.kind == "row")
    assert row.text.startswith(caption + "\n")
    assert row_cells(row.text) and not any(caption in cell for cell in row_cells(row.text))


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("表2“十四五”入海河流国考断面清单", True),
        ("附表1 福建省“美丽海湾”保护与建设海湾（湾区）单元选划名录", True),
        ("交通运输行业节能低碳技术推广目录（2021年度）", True),
        # a body line ending a sentence that cites a catalogue, and a line of text, are no captions
        ("将符合条件的装备纳入国家鼓励发展的重大环保技术装备目录。", False),
        ("实现岸滩和近岸海域海洋垃圾治理全覆盖。", False),
    ],
)
def test_caption_lines(line: str, caption: bool) -> None:
    assert bool(CAPTION_RE.search(line)) is caption


def test_a_table_headed_by_no_indicator_word_is_a_data_table_here() -> None:
    # "序号 | 项目 | 单位 | 年份…" is read as an indicator table only on a page hinted for one (ingest.indicator_tables);
    # elsewhere it stays a data table, as before that reading existed
    grid = [["序号", "项目", "单位", "2021年", "2022年", "2023年"], ["1", "新建充电桩", "个", "100", "200", "300"]]
    assert not is_read_elsewhere(grid)
