"""Indicator tables (主要指标表) read by their cells, and the targets they give, over real plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.indicator_tables import indicator_page_hint, read_indicator_rows, rows_from_grid
from ingest.pipeline import parse_file

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
BEIJING = CORPUS / "316、北京市“十四五”时期制造业绿色低碳发展行动方案.pdf"

# 福州市“十四五”生态环境保护规划, 表1 as pdfplumber gives it (pdf2 222, pages 19–20)
FUZHOU_GRID = [
    ["类型", "序号", "指标", "单位", "现状值\n（2020年）", "目标值\n（2025年）", "属性"],
    ["环\n境\n质\n量", "1", "地级城市空气质量优良天数比例", "%", "99.5", ">98.3", "约束性"],
    [None, "2", "地级城市细颗粒物年均浓度", "μg/m3", "21", "<20", "约束性"],
    [None, "4", "地表水质量好于Ⅲ类水体比例", "%", "92.9", "优于省下达的考\n核目标", "约束性"],
    [None, "6", "农村生活污水治理率", "%", "-", "≥90", "预期性"],
]
FUZHOU_NEXT_PAGE = [["", "9", "单位地区生产总值二氧化碳排放\n降低", "%", "完成省下达指标", "完成省下达指标", "约束性"],
                    [None, "14", "建成区绿化覆盖率", "%", "45.4", "45.45", "预期性"]]


def test_rows_by_cells_with_base_and_target_years() -> None:
    rows, header = rows_from_grid(FUZHOU_GRID, page=19)
    got = [(r.indicator, r.unit, r.base, r.target, r.base_year, r.target_year, r.attribute) for r in rows]
    assert got == [
        ("地级城市空气质量优良天数比例", "%", "99.5", ">98.3", 2020, 2025, "约束性"),
        ("地级城市细颗粒物年均浓度", "μg/m3", "21", "<20", 2020, 2025, "约束性"),
        ("农村生活污水治理率", "%", "-", "≥90", 2020, 2025, "预期性"),  # "优于省下达的考核目标": no quantity
    ]
    # the table continued on the next page without its header keeps the header
    more, _ = rows_from_grid(FUZHOU_NEXT_PAGE, header, page=20)
    assert [(r.indicator, r.target, r.page) for r in more] == [("建成区绿化覆盖率", "45.45", 20)]


@pytest.mark.parametrize(
    "header",
    [
        ["序号", "指标名称", "单位", "2020年", "2025年", "属性"],
        ["指标", "2025年", "指标性质"],
        ["序号", "主要指标", "基期值", "规划目标值", "指标属性"],
    ],
)
def test_header_forms(header: list[str]) -> None:
    row = ["1", "单位地区生产总值能耗降低", "%", "—", "14.5", "约束性"][: len(header)]
    if len(header) == 3:
        row = ["单位地区生产总值能耗降低（%）", "14.5", "约束性"]
    elif len(header) == 5:
        row = ["1", "单位地区生产总值能耗降低（%）", "—", "14.5", "约束性"]
    rows, _ = rows_from_grid([header, row])
    assert [(r.indicator, r.unit, r.target) for r in rows] == [("单位地区生产总值能耗降低", "%", "14.5")]


def test_a_task_table_is_no_indicator_table() -> None:
    grid = [["序号", "重点任务", "牵头单位", "完成时限"], ["1", "推进工业节能", "市工信局", "2025年"]]
    assert rows_from_grid(grid)[0] == []


def test_beijing_manufacturing_plan_table() -> None:
    rows = read_indicator_rows(BEIJING)
    assert [(r.indicator, r.target, r.target_year, r.attribute) for r in rows] == [
        ("万元工业增加值能耗降低率", "≥12%", 2025, "约束性"),
        ("万元工业增加值碳排放降低率", "20%左右", 2025, "预期性"),
        ("万元工业增加值用水量降低率", "≥10%", 2025, "预期性"),
        ("工业用水重复利用率", "≥95%", 2025, "预期性"),
        ("累计创建国家级绿色工厂", "150", 2025, "预期性"),
        ("累计创建国家级绿色供应链管理企业", "30", 2025, "预期性"),
    ]  # "工业能源消费总量 达到本市要求": no quantity


def test_table_targets_sit_in_the_clause_that_prints_the_table() -> None:
    parsed = parse_file(BEIJING)
    table = [t for t in parsed.targets if "#表" in t.target_id]
    assert {t.indicator_raw for t in table} >= {"累计创建国家级绿色工厂", "万元工业增加值能耗降低率"}
    factories = next(t for t in table if t.indicator_raw == "累计创建国家级绿色工厂")
    assert (factories.value, factories.number, factories.comparator, factories.target_year) == ("150家", 150.0, "达到", 2025)
    energy = next(t for t in table if t.indicator_raw == "万元工业增加值能耗降低率")
    assert (energy.value, energy.comparator, energy.qualifier) == ("12%", "不低于", "约束性")
    # the quoted row reads its cells in the header's unit, the comparator as the table writes it
    assert energy.sentence == "万元工业增加值能耗降低率（%）：2025年目标≥12%（指标表）"
    assert factories.sentence == "累计创建国家级绿色工厂（家）：2025年目标150家（指标表）"
    clause = next(c for c in parsed.clauses if c.clause_id == factories.clause_id)
    assert "国家级绿色工厂" in clause.text.replace("\n", "") and clause.page_start <= 3 <= clause.page_end
    assert len({t.target_id for t in parsed.targets}) == len(parsed.targets)


# 白银市“十四五”生态环境保护规划 (pdf2 413, page 24): the 指标 header is merged over a category column and the name
BAIYIN_GRID = [
    ["序号", "指标", None, None, "2020（现状值）", "2025（目标值）", "指标属性"],
    ["1", "环境\n治理", "空气质量优良天数比率（%）", None, "94.0", "95", "约束性"],
    ["2", None, "细颗粒物（PM ）浓度（μm/m3）\n2.5", None, "27", "26", "约束性"],
]
# 海西州“十四五”生态环境保护规划 (pdf2 445, page 15): the previous plan's review, targets without a year
HAIXI_REVIEW_GRID = [
    ["规划指标", None, "目标值", "完成值", "完成情况", "指标属性"],
    ["环境质量", None, None, None, None, None],
    ["（2）大气环\n境质量", "城市空气质量优良天数比例（%）", "≥90", "96.7", "完成", "约束性"],
]
# 南平市“十四五”生态环境保护规划 (pdf2 465, page 10): a review whose target column has its year stays readable
NANPING_REVIEW_GRID = [
    ["类型", "序号", "指 标 名 称", None, "2015年\n基数值", "2020年\n目标值", "2020年\n完成值", "完成\n情况", "指标\n属性"],
    ["环\n境\n质\n量\n指\n标", "1", "县级以上集中式饮用水源地\n水质达标率（%）", None, "100", "≥95", "100", "完成", "约束性"],
]


def test_the_name_is_the_rightmost_cell_under_a_merged_indicator_header() -> None:
    rows, _ = rows_from_grid(BAIYIN_GRID, page=24)
    assert [(r.indicator, r.unit, r.base, r.target, r.base_year, r.target_year) for r in rows][:1] == [
        ("空气质量优良天数比率", "%", "94.0", "95", 2020, 2025)
    ]


def test_a_review_of_the_previous_plan_gives_no_undated_targets() -> None:
    assert rows_from_grid(HAIXI_REVIEW_GRID, page=15)[0] == []
    rows, _ = rows_from_grid(NANPING_REVIEW_GRID, page=10)
    assert [(r.indicator, r.target, r.target_year) for r in rows] == [("县级以上集中式饮用水源地水质达标率", "≥95", 2020)]


@pytest.mark.parametrize("cell, number", [("[15]", "15"), ("（17）", "17"), ("［10434］", "10434"), ("≥38", "38"), ("稳中向好", None)])
def test_a_bracketed_cumulative_figure_is_a_value(cell: str, number: str | None) -> None:
    # 西安 468 / 郑州 417 / 内蒙古 68 tables write five-year cumulative figures in brackets
    from ingest.indicator_tables import VALUE_RE

    m = VALUE_RE.match(cell)
    assert (m.group("num") if m else None) == number


def test_a_note_mark_after_the_unit_is_no_part_of_the_name() -> None:
    # 西安 468 表: "单位地区生产总值二氧化碳排放降低（%）#" — # marks a note below the table
    grid = [["序号", "指标", "2025年", "属性"], ["14", "单位地区生产总值二氧化碳排放降低（%）#", "[15]", "约束性"]]
    rows, _ = rows_from_grid(grid, page=1)
    assert [(r.indicator, r.unit, r.target) for r in rows] == [("单位地区生产总值二氧化碳排放降低", "%", "[15]")]


# Header words plans head their indicator column with beside 指标 / 主要指标 / 指标名称, each as pdfplumber gives the
# table's first rows (pdf2): the indicator, its unit, base and target as read.
@pytest.mark.parametrize(
    "grid, expected",
    [
        (  # 天津市生态环境保护“十四五”规划 (146, page 10): 指标体系; a footnote mark after the base figure
            [["指标类别", "序号", "指标体系", "2020年", "2025年", "指标属性"],
             ["环境质量", "1", "城市空气质量优良天数比率（%）", "65.3①", "72.6", "约束性"]],
            ("城市空气质量优良天数比率", "%", "65.3", "72.6", 2020, 2025),
        ),
        (  # 内江市“十四五”生态环境保护规划 (425, page 22): 指标（单位）; PM2.5's subscript on a line of its own
            [["指标\n类别", "序号", "指标（单位）", "2020年现状值", "2025年\n目标值", "指标属性"],
             [None, "2", "细颗粒物（PM ）浓度（微克\n2.5\n/立方米）", "34.3", "≤30.7", "约束性"]],
            ("细颗粒物（PM2.5）浓度", "微克/立方米", "34.3", "≤30.7", 2020, 2025),
        ),
        (  # 广东省建筑节能与绿色建筑发展“十四五”规划 (530, page 9): footnote numbers after the header words
            [["主要指标 1", "2025 年 2"], ["既有建筑节能绿色化改造面积（万平方米）", "3000"]],
            ("既有建筑节能绿色化改造面积", "万平方米", "", "3000", None, 2025),
        ),
        (  # 江苏省“十四五”绿色建筑高质量发展规划 (537, page 13): 指标内容 | 指标要求（2025年）
            [["指标内容", "指标要求\n（2025年）", "性质"], ["装配式建筑占同期新开工建筑面积比例", "50%", "约束性"]],
            ("装配式建筑占同期新开工建筑面积比例", "%", "", "50%", None, 2025),
        ),
        (  # 广东省生态文明建设“十四五”规划 (540, page 21): 一级指标 | 二级指标, the name numbered in its cell
            [["一级指标", "二级指标", "2020年", "2025年", "属性"],
             [None, "2.单位地区生产总值能源消耗降低（%）", "[17.05]", "[14.5]", "约束性"]],
            ("单位地区生产总值能源消耗降低", "%", "[17.05]", "[14.5]", 2020, 2025),
        ),
    ],
)
def test_indicator_header_words(grid: list[list[str | None]], expected: tuple) -> None:
    rows, _ = rows_from_grid(grid, page=1)
    assert [(r.indicator, r.unit, r.base, r.target, r.base_year, r.target_year) for r in rows] == [expected]


def test_items_listed_under_an_indicator_take_its_name_and_unit() -> None:
    # 天津 146, page 11 as pdfplumber gives it: 重点工程减排量（万吨） over 氮氧化物 … 氨氮 (its merged cell below: None); the next
    # indicator with its own cell closes the group
    grid = [
        ["指标类别", "序号", "指标体系", None, "2020年", "2025年", "指标属性"],
        ["污染治理", "13", "重点工程减排量（万吨）", "氮氧化物", "—", "2.08", "约束性"],
        [None, None, None, "挥发性有机物", "—", "0.99", None],
        [None, None, None, "化学需氧量", "—", "1.60", None],
        [None, None, None, "氨氮", "—", "0.04", None],
        [None, "14", "城镇污水集中处理率（%）", None, "96", "≥97", "导向性"],
    ]
    rows, _ = rows_from_grid(grid, page=11)
    assert [(r.indicator, r.unit, r.target) for r in rows] == [
        ("氮氧化物重点工程减排量", "万吨", "2.08"), ("挥发性有机物重点工程减排量", "万吨", "0.99"),
        ("化学需氧量重点工程减排量", "万吨", "1.60"), ("氨氮重点工程减排量", "万吨", "0.04"),
        ("城镇污水集中处理率", "%", "≥97"),
    ]


def test_a_bracket_that_writes_no_unit_opens_no_group() -> None:
    # 白银 413 (BAIYIN_GRID above): the category 环境质量 spanned by 规划指标 is no indicator with items; and a bracket that
    # is a remark, not a unit, gives no unit to the names after it
    rows, _ = rows_from_grid(BAIYIN_GRID, page=24)
    assert rows[0].indicator == "空气质量优良天数比率"
    from ingest.indicator_tables import UNIT_WORD_RE

    assert [bool(UNIT_WORD_RE.search(b)) for b in ("万吨", "%", "微克/立方米", "个", "国控断面", "一类、二类")] == [
        True, True, True, True, False, False
    ]


# 广东省建筑节能与绿色建筑发展“十四五”规划 (pdf2 530, page 8, 专栏2) and 广西生态文明强区建设“十四五”规划 (pdf2 544, page 15) as
# pdfplumber gives them: a target cell giving a figure per part of the place or per kind, each with the part in brackets
GUANGDONG_SCOPED_GRID = [
    ["主要指标 1", "2025 年 2"],
    ["城镇建筑可再生能源替代率", "8%"],
    ["一星及以上等级绿色建筑占城镇新增绿色\n建筑比例", "30%（全省）\n45%（粤港澳大湾区\n珠三角九市）"],
    ["城镇新建政府投资工程中装配式建筑比例", "70%（重点推进地区）\n50%（积极推进地区）\n50%（鼓励推进地区）"],
]
GUANGXI_SCOPED_GRID = [
    ["类别", "指标名称", "2020年", "2025年目标", "属性"],
    ["生态生活", "15.县级及以上城市集中式饮用水源地水源达标率（%）", "97.3（设区市）", "以国家下达指标为准（设区市）\n90（县级）", "预期性"],
    [None, "19.农村生活污水治理率（%）", "9.2", "20（以国家下达指标为准）", "预期性"],
]


@pytest.mark.parametrize(
    "cell, figures",
    [
        ("30%（全省）35%（重点推进地区）30%（积极推进地区）20%（鼓励推进地区）",
         [("30%", "全省"), ("35%", "重点推进地区"), ("30%", "积极推进地区"), ("20%", "鼓励推进地区")]),
        ("16.7（国控）5.9（省控及以上）", [("16.7", "国控"), ("5.9", "省控及以上")]),  # 德州 451's 现状 cell
        ("20（以国家下达指标为准）", [("20", "以国家下达指标为准")]),  # 广西 544
        # a base written in the brackets, a part holding a figure, words before a figure: no such cell
        ("15.94（较2015年）", []),  # 海西 445
        ("50%（南京市、苏南60%）", []),  # 江苏 537
        ("以国家下达指标为准（设区市）90（县级）", []),  # 广西 544
        ("≥70", []),
    ],
)
def test_a_target_cell_with_a_figure_per_part(cell: str, figures: list[tuple[str, str]]) -> None:
    from ingest.indicator_tables import scoped_values

    assert scoped_values(cell) == figures


def test_each_part_of_a_scoped_target_cell_is_a_row_of_its_own() -> None:
    rows, _ = rows_from_grid(GUANGDONG_SCOPED_GRID, page=8)
    assert [(r.indicator, r.target, r.scope, r.target_year) for r in rows] == [
        ("城镇建筑可再生能源替代率", "8%", "", 2025),
        ("一星及以上等级绿色建筑占城镇新增绿色建筑比例", "30%", "全省", 2025),
        ("一星及以上等级绿色建筑占城镇新增绿色建筑比例", "45%", "粤港澳大湾区珠三角九市", 2025),
        ("城镇新建政府投资工程中装配式建筑比例", "70%", "重点推进地区", 2025),
        ("城镇新建政府投资工程中装配式建筑比例", "50%", "积极推进地区", 2025),
        ("城镇新建政府投资工程中装配式建筑比例", "50%", "鼓励推进地区", 2025),
    ]
    rows, _ = rows_from_grid(GUANGXI_SCOPED_GRID, page=15)
    assert [(r.indicator, r.unit, r.base, r.target, r.scope) for r in rows] == [
        ("农村生活污水治理率", "%", "9.2", "20", "以国家下达指标为准"),
    ]


def test_a_scoped_table_figure_is_a_target_that_says_its_part() -> None:
    from ingest.records import Clause, Document
    from ingest.targets import indicator_table_targets

    rows, _ = rows_from_grid(GUANGDONG_SCOPED_GRID, page=8)
    text = "具体目标。…城镇新建建筑中装配式建筑比例达到30%…\n城镇新建政府投资工程中装配式建筑比例\n70%（重点推进地区）"
    clause = Clause("530#二（三）2", "530", "item", "2", "二（三）2", "具体目标", text, page_start=8, page_end=9)
    doc = Document("530", "530.pdf", "广东省建筑节能与绿色建筑发展“十四五”规划", region="广东省")
    targets = indicator_table_targets(rows, [clause], doc, [])
    key = next(t for t in targets if t.value == "70%")
    assert (key.indicator_raw, key.qualifier, key.target_year, key.region) == (
        "城镇新建政府投资工程中装配式建筑比例", "重点推进地区", 2025, "广东省"
    )
    assert key.sentence == "城镇新建政府投资工程中装配式建筑比例（%）：重点推进地区，2025年目标70%（指标表）"


def test_a_part_figure_is_kept_beside_the_prose_whole_place_figure_of_the_same_number() -> None:
    """530's 专栏2 装配式 row beside the prose's "城镇新建建筑中装配式建筑比例达到30%": the table's 30%（全省） is that figure
    again, its 30%（积极推进地区） is another; a figure with a note (20（以国家下达指标为准）) is the whole place's too."""
    from ingest.records import Clause, Document, Target
    from ingest.targets import indicator_table_targets, normalise_indicator

    grid = [
        ["主要指标 1", "2025 年 2"],
        ["城镇新建建筑中装配式建筑比例", "30%（全省）\n35%（重点推进地区）\n30%（积极推进地区）\n20%（鼓励推进地区）"],
        ["农村生活污水治理率（%）", "20（以国家下达指标为准）"],
    ]
    rows, _ = rows_from_grid(grid, page=8)
    text = "具体目标。城镇新建建筑中装配式建筑比例达到30%，农村生活污水治理率达到20%。"
    clause = Clause("530#二（三）2", "530", "item", "2", "二（三）2", "具体目标", text, page_start=8, page_end=9)
    doc = Document("530", "530.pdf", "广东省建筑节能与绿色建筑发展“十四五”规划", region="广东省")
    prose = [
        Target(f"{clause.clause_id}#{i}", clause.clause_id, normalise_indicator(name), name, value, number, "%", "达到",
               target_year=2025, region="广东省")
        for i, (name, value, number) in enumerate(
            [("城镇新建建筑中装配式建筑比例", "30%", 30.0), ("农村生活污水治理率", "20%", 20.0)], 1
        )
    ]
    targets = indicator_table_targets(rows, [clause], doc, prose)
    assert [(t.indicator_raw, t.value, t.qualifier) for t in targets] == [
        ("城镇新建建筑中装配式建筑比例", "35%", "重点推进地区"),
        ("城镇新建建筑中装配式建筑比例", "30%", "积极推进地区"),
        ("城镇新建建筑中装配式建筑比例", "20%", "鼓励推进地区"),
    ]


@pytest.mark.parametrize(
    "scope, part",
    [("重点推进地区", True), ("国控", True), ("全省", True), ("粤港澳大湾区珠三角九市", True),
     ("以国家下达指标为准", False), ("新增可再生能源抵扣后", False), ("累计", False)],
)
def test_a_bracket_after_a_figure_names_a_part_or_notes_the_figure(scope: str, part: bool) -> None:
    from ingest.indicator_tables import names_a_part

    assert names_a_part(scope) is part


@pytest.mark.parametrize(
    "scope, whole",
    [("", True), ("全省", True), ("以国家下达指标为准", True), ("重点推进地区", False), ("国控", False)],
)
def test_which_table_figures_are_the_whole_place(scope: str, whole: bool) -> None:
    from ingest.indicator_tables import for_whole_place

    assert for_whole_place(scope) is whole


@pytest.mark.parametrize(
    "grid, expected",
    [
        (  # 湖南省“十四五”可再生能源发展规划 (pdf2 561, page 11, 专栏二): the indicator column's header cell left blank; a
           # two-character name under a one-column header is a name (风电), not a unit
            [["", "单位", "2020年", "2025年", "属性"], ["非水可再生电源装机比重", "%", "23", "33", "预期性"],
             ["风电", "万千瓦", "669", "1200", "预期性"]],
            [("非水可再生电源装机比重", "%", "23", "33", 2025, "预期性"), ("风电", "万千瓦", "669", "1200", 2025, "预期性")],
        ),
        (  # 广西可再生能源发展“十四五”规划 (pdf2 565, page 16, 专栏2): headed 类别, a 序号 column before it
            [["序号", "类别", "单位", "2020年", "2025年"], ["", "生物液体燃料（燃料乙醇）", "万吨", "6.6", "7.5"]],
            [("生物液体燃料", "万吨", "6.6", "7.5", 2025, "")],
        ),
        (  # 四川省“十四五”可再生能源发展规划 (pdf2 562, page 10, 表1): headed 项目, an increase column after the target
           # year; the total row (合计) is no indicator
            [["项目", "单位", "2020年", "2025年", "新增或累\n计增长", "属性"], ["合计", "万千瓦", "8800", "12946", "4146", ""],
             ["光伏发电", "万千瓦", "191", "1210", "1019", "预期性"]],
            [("光伏发电", "万千瓦", "191", "1210", 2025, "预期性")],
        ),
    ],
)
def test_an_indicator_column_headed_by_no_indicator_word(grid: list[list[str]], expected: list[tuple]) -> None:
    rows, _ = rows_from_grid(grid, page=1)
    assert [(r.indicator, r.unit, r.base, r.target, r.target_year, r.attribute) for r in rows] == expected


@pytest.mark.parametrize(
    "grid",
    [
        # a task table: 牵头单位 is no unit column (only a header cell of 单位 alone is)
        [["序号", "项目", "牵头单位", "2025年"], ["1", "推进工业节能", "市工信局", "30"]],
        # no year column after the unit: a target column alone does not make an unheaded indicator column
        [["项目", "单位", "目标值"], ["工业节能", "万吨", "30"]],
        # the column before 单位 names something else than the item
        [["序号", "重点工程", "单位", "2025年"], ["1", "锅炉改造工程", "台", "30"]],
        # … also under a merged header cell (pdfplumber writes its other columns as None, not blank)
        [["重点工程", None, "单位", "2025年"], ["锅炉改造工程", "燃煤锅炉", "台", "30"]],
        # 单位 holding organisations, not units
        [["序号", "名称", "单位", "2022年节能量（吨标准煤）"], ["1", "余热余压利用项目", "某某钢铁有限公司", "12000"]],
    ],
)
def test_a_unit_column_alone_makes_no_indicator_table(grid: list[list[str | None]]) -> None:
    assert rows_from_grid(grid)[0] == []


def test_an_unheaded_indicator_column_needs_a_hinted_page() -> None:
    # a DOCX table, or a table of a page not hinted (the data-table reader's check): only an indicator word heads one
    grid = [["序号", "类别", "单位", "2020年", "2025年"], ["", "生物液体燃料（燃料乙醇）", "万吨", "6.6", "7.5"]]
    assert rows_from_grid(grid, item_column=False)[0] == []


@pytest.mark.parametrize(
    "page_text, hinted",
    [
        ("专栏2 广西“十四五”可再生能源发展预期性目标\n序号 类别 单位 2020年 2025年", True),  # pdf2 565, page 16
        ("专栏二 可再生能源发展主要指标\n单位 2020年 2025年 属性", True),  # pdf2 561, page 11
        ("（一）加强组织领导。各地要把节能降碳目标任务落到实处", False),  # no attribute word: no table looked for
    ],
)
def test_pages_looked_at_for_an_indicator_table(page_text: str, hinted: bool) -> None:
    assert indicator_page_hint(page_text) is hinted


@pytest.mark.parametrize(
    "header, attribute",
    [
        # (constructed headers) a 类别 / 类型 column right of the indicator yields to one headed 属性 / 性质 …
        (["序号", "指标", "指标类别", "单位", "2025年", "属性"], "约束性"),
        # … and a note mark after the attribute ("预期性①", pdf2 157 辽宁 林业草原 page 9) is no part of it
        (["序号", "指标", "2025年", "指标属性"], "预期性"),
    ],
)
def test_which_column_right_of_the_indicator_is_the_attribute(header: list[str], attribute: str) -> None:
    cells = {"序号": "1", "指标": "森林覆盖率（%）", "指标类别": "生态保护", "单位": "%", "2025年": "30", "属性": "约束性",
             "指标属性": "预期性①"}
    rows, _ = rows_from_grid([header, [cells[h] for h in header]], page=1)
    assert [(r.indicator, r.target, r.attribute) for r in rows] == [("森林覆盖率", "30", attribute)]


@pytest.mark.parametrize(
    "grid, expected",
    [
        (  # 泰州市“十四五”生态环境保护规划 (pdf2 455, page 13): 类别 on the left is the category, 指标属性 the attribute
            [["类别", "指标名称", None, "单位", "2020年\n现状值", "2025年\n目标值", "指标\n属性"],
             ["绿色发展\n与资源能\n源", "高新技术产业产值占规模以上工\n业产值比重", None, "%", "45", "48", "预期性"]],
            ("高新技术产业产值占规模以上工业产值比重", "48", "预期性"),
        ),
        (  # 西安市“十四五”生态环境保护规划 (pdf2 468, page 15)
            [["类别", "序号", "指 标", "2025年", "属性"], [None, "2", "空气质量优良天数比例（%）#", "74", "约束性"]],
            ("空气质量优良天数比例", "74", "约束性"),
        ),
        (  # 安徽省“十四五”…规划 (pdf2 435, page 11): the attribute column headed 指标类型
            [["类别", "序号", "指标", "2020年\n现状", "2025年目标", "指标类型"],
             [None, "2", "地表水劣Ⅴ类水体比例（%）", "0.5*", "0", "约束性"]],
            ("地表水劣Ⅴ类水体比例", "0", "约束性"),
        ),
    ],
)
def test_the_attribute_is_the_column_right_of_the_indicator(grid: list[list[str | None]], expected: tuple) -> None:
    rows, _ = rows_from_grid(grid, page=1)
    assert [(r.indicator, r.target, r.attribute) for r in rows] == [expected]


def test_a_table_going_on_over_a_page_stays_in_the_clause_of_its_rows_before() -> None:
    """天津市生态环境保护“十四五”规划 (pdf2 146, 表1 on pages 10–11): the rows on page 11 whose names the clause's text
    writes apart (a merged cell: "氮氧化物 … 重点工程减排量") stay in 第二章四 主要指标, whose pages reach page 11, not in 第三章
    that opens below the table; a row of another table that starts lower on that page (表2) is not the first table's,
    and goes to the last clause on its page as before."""
    from ingest.indicator_tables import IndicatorRow
    from ingest.records import Clause, Document
    from ingest.targets import indicator_table_targets

    table_clause = Clause(
        "146#第二章四", "146", "section", "四", "第二章四", "主要指标",
        "表1 天津市“十四五”生态环境保护主要指标\n单位GDP水污染物排放强度降低 % — ≥30 约束性\n"
        "主要污染物 氮氧化物 万吨 — 2.08\n重点工程减排量 挥发性有机物 — 0.99",
        page_start=10, page_end=11,
    )
    below = Clause("146#第三章", "146", "chapter", "第三章", "第三章", "推动减污降碳协同增效",
                   "坚持以降碳为重点战略方向，把减污降碳协同增效作为促进经济社会发展全面绿色转型的总抓手。\n表2 重点工程\n"
                   "主要污染物 化学需氧量 万吨 — 1.60",
                   page_start=11, page_end=12)
    later = Clause("146#第四章", "146", "chapter", "第四章", "第四章", "深入打好污染防治攻坚战",
                   "持续改善环境质量。", page_start=14, page_end=15)
    doc = Document("146", "146.pdf", "天津市生态环境保护“十四五”规划", region="天津市")
    rows = [
        IndicatorRow("单位GDP水污染物排放强度降低", "%", "≥30", target_year=2025, page=11, table=1),
        IndicatorRow("挥发性有机物重点工程减排量", "万吨", "0.99", target_year=2025, page=11, table=1),
        IndicatorRow("化学需氧量重点工程减排量", "万吨", "1.60", target_year=2025, page=11, table=2),
        IndicatorRow("城市绿地率", "%", "40", target_year=2025, page=15, table=3),
    ]
    targets = indicator_table_targets(rows, [table_clause, below, later], doc, [])
    assert [(t.indicator_raw, t.clause_id) for t in targets] == [
        ("单位GDP水污染物排放强度降低", "146#第二章四"),
        ("挥发性有机物重点工程减排量", "146#第二章四"),
        ("化学需氧量重点工程减排量", "146#第三章"),
        ("城市绿地率", "146#第四章"),
    ]


# 天津市生态环境保护“十四五”规划 (pdf2 146) 表1 as pdfplumber gives it on pages 10 and 11: page 11 repeats the header with
# a cell split otherwise; 广东 540's 十四五 table heads its columns differently from its review table
TIANJIN_PAGE10 = [["指标类别", "序号", "指标体系", "2020年", "2025年", "指标属性"],
                  ["环境质量", "1", "城市空气质量优良天数比率（%）", "65.3①", "72.6", "约束性"]]
TIANJIN_PAGE11 = [["指标类别", "序号", "指标体系", None, "2020年", "2025年", "指标属性"],
                  ["", "12", "单位GDP水污染物排放强度降低（%）⑦", None, "—", "≥30", "导向性"]]
OTHER_TABLE = [["类别", "序号", "指标", "单位", "2020年", "2025年", "属性"],
               ["能源", "1", "非化石能源占一次能源消费比重", "%", "26", "29", "预期性"]]


def test_a_table_printed_over_two_pages_reads_as_one_by_its_header_words() -> None:
    """A grid whose header reads as the last table's on the next page goes on with that table (pdf_indicator_rows numbers
    them alike); another header opens another table."""
    from ingest.indicator_tables import _header_words

    assert _header_words(TIANJIN_PAGE10[0]) == _header_words(TIANJIN_PAGE11[0])
    assert _header_words(OTHER_TABLE[0]) != _header_words(TIANJIN_PAGE10[0])


# target cells written with the word that sets the figure or with its counting unit, as pdfplumber gives the rows (pdf2
# 435 安徽 表1, 437 南充, 465 南平, 468 西安, 389 黑龙江, 430 内蒙古, 537 江苏 三（三）, 445 海西)
@pytest.mark.parametrize(
    ("cell", "word", "number", "unit", "bound"),
    [
        ("新增351.9", "新增", "351.9", None, None),
        ("新增1600个", "新增", "1600", "个", None),
        ("减少10%以上", "减少", "10", "%", "以上"),
        ("稳定在41.8%", "稳定在", "41.8", "%", None),
        ("不低于24.43", "不低于", "24.43", None, None),
        ("低于0.58", "低于", "0.58", None, None),
        ("90以上", None, "90", None, "以上"),
        ("2000万平方米", None, "2000", "万平方米", None),
        ("3400个", None, "3400", "个", None),
        # still no figure: a year, a word, two figures, a figure with a remark after a comma
        ("2020年", None, None, None, None),
        ("持续改善", None, None, None, None),
        ("200/400", None, None, None, None),
        ("30%，力争40%", None, None, None, None),
        ("新增1600个村", None, None, None, None),
        ("100亿千瓦时", None, None, None, None),
        ("2000万元", None, None, None, None),
        ("减少", None, None, None, None),
    ],
)
def test_a_target_cell_may_write_its_setting_word_and_counting_unit(cell, word, number, unit, bound) -> None:
    from ingest.indicator_tables import VALUE_RE

    m = VALUE_RE.match(cell)
    assert ((m.group("word"), m.group("num"), m.group("unit"), m.group("bound")) if m else (None,) * 4) == (
        word, number, unit, bound
    )


ANHUI_WORDED_GRID = [
    ["类别", "序号", "指标", "2020年\n现状", "2025年目标", "指标类型"],
    ["水生态", "5", "水生生物完整性指数", "-", "持续改善", "预期性"],
    [None, "6", "河湖生态缓冲带修复长度（公\n里）", "-", "新增351.9", "预期性"],
    [None, "7", "湿地恢复（建设）面积（平方\n公里）", "-", "新增132.8", "预期性"],
]


def test_a_worded_table_figure_is_a_target_with_its_word_as_comparator() -> None:
    from ingest.records import Clause, Document
    from ingest.targets import indicator_table_targets

    rows, _ = rows_from_grid(ANHUI_WORDED_GRID, page=11)
    assert [(r.indicator, r.unit, r.target, r.target_year) for r in rows] == [
        ("河湖生态缓冲带修复长度", "公里", "新增351.9", 2025),
        ("湿地恢复（建设）面积", "平方公里", "新增132.8", 2025),
    ]
    clause = Clause("435#二3", "435", "clause", "", "第二章第三节", "主要指标", "表1 …", page_start=11, page_end=11)
    doc = Document("435", "435.pdf", "安徽省“十四五”重点流域水生态环境保护规划", region="安徽省")
    targets = indicator_table_targets(rows, [clause], doc, [])
    assert [(t.value, t.comparator, t.target_year) for t in targets] == [
        ("351.9公里", "新增", 2025), ("132.8平方公里", "新增", 2025)
    ]
    nanping = [["指标", "2020年", "2025年", "属性"], ["化肥施用量", "-", "减少10%以上", "预期性"], ["危险废物利用处置率（%）", "-", "90以上", "预期性"]]
    rows, _ = rows_from_grid(nanping, page=11)
    targets = indicator_table_targets(rows, [clause], doc, [])
    # (a bound after the figure is its qualifier, as in prose: "达到90%以上"; the unit goes before it in the sentence)
    assert [(t.value, t.comparator, t.qualifier) for t in targets] == [
        ("10%", "减少", "预期性、以上"), ("90%", "达到", "预期性、以上")
    ]
    assert targets[1].sentence == "危险废物利用处置率（%）：2020年-，2025年目标90%以上（指标表）"


def test_a_base_cell_writing_its_own_unit_takes_none_from_the_header() -> None:
    """pdf2 425 内江's review table: "化学需氧量排放量下降比例（%）" with the base 2015年 "53254吨" — not "53254吨%"."""
    from ingest.records import Clause, Document
    from ingest.targets import indicator_table_targets

    grid = [["指标", "2015年", "2020年目标", "属性"], ["化学需氧量排放量下降比例（%）", "53254吨", "13", "约束性"]]
    rows, _ = rows_from_grid(grid, page=5)
    clause = Clause("425#一1", "425", "clause", "", "第一章第一节", "主要成效", "表 …", page_start=5, page_end=5)
    doc = Document("425", "425.pdf", "内江市“十四五”生态环境保护规划", region="内江市")
    (target,) = indicator_table_targets(rows, [clause], doc, [])
    assert target.sentence == "化学需氧量排放量下降比例（%）：2015年53254吨，2020年目标13%（指标表）"
