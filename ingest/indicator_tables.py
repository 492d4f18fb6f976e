"""Indicator tables (主要指标表): a plan's quantified targets laid out as a table, from PDF and DOCX.

Plans list their headline targets in a table — 指标 | 单位 | 现状值（2020年） | 目标值（2025年） | 属性,
or 指标 | 2025年 | 指标性质 — whose text layer, once page repair has removed the spaces, glues the
columns together ("1地级城市空气质量优良天数比例%99.5>98.3约束性"); the prose rules cannot read it. The
table is read by its cells instead: a table is an indicator table when one header cell names the
indicator (指标 / 指标名称) and one names a target column (目标… / a year). Each data row whose target
cell is a number becomes an :class:`IndicatorRow`; rows saying "完成省下达指标" / "保持稳定" state no
quantity and are left out. A table continued on the next page without its header keeps the header
of the page before when the column count is the same.

An indicator column headed by no indicator word — blank, 类别, 项目, 名称, 内容 — right before a column headed 单位 alone,
with a year column after it, names the indicator too (专栏: "序号 | 类别 | 单位 | 2020年 | 2025年"), on hinted PDF pages only
(never in a DOCX table, nor in the data-table reader's check); a filled unit cell of its rows must read as a unit.

The attribute (约束性 / 预期性) is the first column right of the indicator headed 属性 or 性质, else one headed 类别 or 类型; a
类别 column left of the indicator holds the indicator's category (环境质量), not its attribute.

PDF tables are read with pdfplumber, only on pages whose text layer holds 约束性 / 预期性 / 指标性质 /
属性 beside the characters 指 and 标, or beside 目标 (found with pypdfium2); DOCX tables with python-docx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from ingest.tables import Cell, _cell, docx_table_grids, pdf_table_grids

PAGE_HINT_RE = re.compile(r"约\s*束\s*性|预\s*期\s*性|指\s*标\s*性\s*质|属\s*性")
# the indicator column's header: 指标, 主要指标, 指标名称, and the other words plans head it with (指标体系, 指标内容, 指标（单位）,
# 二级指标 beside 一级指标 — the rightmost such column names the indicator); a footnote number may follow ("主要指标1")
INDICATOR_HEADER_RE = re.compile(
    r"^(?:主要|规划|具体|核心|重点|[一二三]级)?指标(?:名称|体系|内容|项目?)?(?:[（(]单位[）)])?\d?$"
)
# a column reporting what the previous plan achieved (完成值 / 完成情况 / 实现); "2020年完成情况" before a 2025 target
# column is the base, not a review
REVIEW_HEADER_RE = re.compile(r"^(?:(?P<year>(?:19|20)\d{2})年)?(?:完成值|完成情况|实现值?)$")
UNIT_HEADER_RE = re.compile(r"单位")
# the indicator column headed by no indicator word: blank, or a word that only says "the item" (类别, 项目, 名称, 内容), right
# before a column headed 单位 alone ("序号 | 类别 | 单位 | 2020年 | 2025年", "  | 单位 | 2020年 | 2025年 | 属性")
ITEM_HEADER_RE = re.compile(r"^(?:类别|项目|名称|内容)?$")
# a row that sums others, not an indicator of its own
TOTAL_NAME_RE = re.compile(r"^(?:合计|小计|总计|其中)")
# the attribute column (约束性 / 预期性), right of the indicator; a 类别 column left of it holds the indicator's category
# (环境质量, 应对气候变化), not its attribute
ATTRIBUTE_HEADER_RE = re.compile(r"属性|性质")
# … or, when no column is headed so, one headed 类别 / 类型 right of the indicator ("指标类型": 约束性)
ATTRIBUTE_KIND_HEADER_RE = re.compile(r"类别|类型")
BASE_HEADER_RE = re.compile(r"现状|基期|基准")
TARGET_HEADER_RE = re.compile(r"目标|预期值|规划值")
YEAR_RE = re.compile(r"((?:19|20)\d{2})")
# a five-year cumulative figure is written in brackets ("[15]", "（17）"); a figure may be written with the word that sets
# it ("新增351.9", "减少10%以上", "稳定在41.8%", "不低于24.43", "低于0.58", "90以上") and with its counting unit
# ("新增1600个", "2000万平方米", "3400个")
CELL_WORD = r"新增|减少|下降|降低|提高|提升|增加|稳定在|保持在|控制在|不低于|不高于|不超过|不少于|低于|高于|达到"
CELL_UNIT = r"%|‰|(?:万|亿)?(?:个|家|座|处|项|辆|台|吨|千瓦|平方米|平方公里|公里|千米|立方米|公顷|亩)"
VALUE_RE = re.compile(
    rf"^(?P<word>{CELL_WORD})?\s*(?P<cmp>[≥≤><＞＜]|>=|<=)?\s*[\[［【（(]?(?P<num>\d+(?:\.\d+)?)[\]］】）)]?\s*"
    rf"(?P<unit>{CELL_UNIT})?\s*(?P<about>左右)?(?P<bound>以上|以下|以内)?$"
)
# a note mark after a name or a figure ("…降低（%）#", "…强度降低（%）⑦", "65.3①")
FOOTNOTE_MARK_RE = re.compile(r"[#＃*＊※△▲☆★①-⑳]+$")
# a serial number written before the name in the indicator cell ("1.单位地区生产总值二氧化碳排放降低（%）")
NAME_SERIAL_RE = re.compile(r"^(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)])\s*(?=[\u4e00-\u9fff])")
BRACKET_UNIT_RE = re.compile(r"[（(]([^（）()]{1,12})[）)]$")
# one figure of a target cell that gives a figure per part of the place or per kind ("70%（重点推进地区）50%（积极推进地区）",
# "16.7（国控）"): the figure and the part in brackets after it — a part without digits ("较2015年" says a base, not a part);
# a bracket that notes how the figure holds ("20（以国家下达指标为准）", "15（新增可再生能源抵扣后）") is read the same way
# and kept beside the figure, but it names no part (SCOPE_NOTE_RE)
SCOPED_VALUE_RE = re.compile(
    r"(?P<value>(?:[≥≤><＞＜]|>=|<=)?\d+(?:\.\d+)?(?:%|‰)?(?:左右)?)[（(](?P<scope>[^（）()\d]{2,16})[）)]"
)


@dataclass(frozen=True)
class IndicatorRow:
    """One data row of an indicator table whose target cell is a number."""

    indicator: str  # as written, without a trailing （unit）
    unit: str  # %, 万吨标准煤, 家 … ("" when none is written)
    target: str  # the target cell as written: ≥12%, 20%左右, 150
    base: str = ""  # the current-state cell, when the table has one
    base_year: int | None = None
    target_year: int | None = None
    attribute: str = ""  # 约束性 / 预期性
    page: int | None = None  # 1-based PDF page
    # the bracket after the figure, as its cell writes it: the part of the place or the kind it is for (重点推进地区, 国控,
    # 全省), or a note on it (以国家下达指标为准, :func:`names_a_part`)
    scope: str = ""
    # which table of the file the row is of (1, 2 … in reading order; a table going on over a page keeps its number;
    # 0 when not known)
    table: int = 0


@dataclass(frozen=True)
class _Header:
    indicator: int
    # the last column under the indicator header: a header cell merged over a category column and a serial number
    # column ("规划指标" over 生态环境保护治理 | 1 | 森林覆盖率（%）) spans them; the name is the rightmost of them
    indicator_end: int
    unit: int | None
    base: int | None
    target: int
    attribute: int | None
    base_year: int | None
    target_year: int | None
    width: int
    # the indicator column is headed by no indicator word (:func:`_item_column`): a filled unit cell of its rows must read
    # as a unit (a 单位 column may hold organisations in other tables)
    item_column: bool = False


# a bracket after a figure that notes how it holds, not which part it is for: what it is measured against, after what, a
# provisional or cumulative figure
SCOPE_NOTE_RE = re.compile(r"为准|抵扣|扣除|暂定|累计|年均|以上|以下|左右|预期|约束|指导")


def names_a_part(scope: str) -> bool:
    """Whether the bracket after a table figure names a part of the place or a kind (重点推进地区, 国控, 全省), not a note
    on the figure (以国家下达指标为准)."""
    return bool(scope) and not SCOPE_NOTE_RE.search(scope)


def for_whole_place(scope: str) -> bool:
    """Whether a table figure with this bracket (``IndicatorRow.scope``) is the whole place's: no bracket, a note on the
    figure (以国家下达指标为准), or a whole-place part (全省, 全市) — not one part's or kind's (重点推进地区, 国控)."""
    return not names_a_part(scope) or scope.startswith("全")


def scoped_values(cell: str) -> list[tuple[str, str]]:
    """(figure, part) for each figure of a target cell written wholly as figures each followed by the part of the place
    or the kind it is for ("30%（全省）35%（重点推进地区）" → [("30%", "全省"), ("35%", "重点推进地区")]); [] for any other cell."""
    found = list(SCOPED_VALUE_RE.finditer(cell))
    if not found or "".join(m.group(0) for m in found) != cell:
        return []
    return [(m.group("value"), m.group("scope")) for m in found]


def _header(row: Sequence[Cell], item_column: bool = True) -> _Header | None:
    """The columns of an indicator table's header row, else None; ``item_column``: also a header whose indicator column
    is headed by no indicator word (:func:`_item_column`), which only pages hinted as holding an indicator table may have
    (:func:`indicator_page_hint`)."""
    cells = [_cell(c) for c in row]
    # (the rightmost indicator header: "一级指标 | 二级指标" name their indicators in the second)
    indicator = next((i for i, c in reversed(list(enumerate(cells))) if INDICATOR_HEADER_RE.match(c)), None)
    by_item = indicator is None and item_column
    if by_item:
        indicator = _item_column(row, cells)
    if indicator is None:
        return None
    indicator_end = indicator
    while indicator_end + 1 < len(row) and row[indicator_end + 1] is None:
        indicator_end += 1  # merged cells come back as None
    years = {i: int(m.group(1)) for i, c in enumerate(cells) if (m := YEAR_RE.search(c))}
    target = next((i for i, c in enumerate(cells) if TARGET_HEADER_RE.search(c)), None)
    if target is None and years:
        target = max(years, key=lambda i: (years[i], i))  # the latest year's column
    if target is None or target == indicator:
        return None
    reviews = [m for c in cells if (m := REVIEW_HEADER_RE.match(c))]
    if target not in years and any(not m.group("year") for m in reviews):
        # the previous plan's review (基准值 | 目标值 | 完成值 | 完成情况): its targets bear no year, and the plan's
        # own (title) year would be wrong for them
        return None
    base = next((i for i, c in enumerate(cells) if BASE_HEADER_RE.search(c) and i != target), None)
    if base is None:
        base = next((i for i in sorted(years) if i != target and years[i] < years.get(target, 10_000)), None)
    unit = next((i for i, c in enumerate(cells) if UNIT_HEADER_RE.search(c) and i not in (indicator, target)), None)
    rest = [(i, c) for i, c in enumerate(cells) if i > indicator_end and i not in (target, base, unit)]
    attribute = next((i for i, c in rest if ATTRIBUTE_HEADER_RE.search(c)), None)
    if attribute is None:
        attribute = next((i for i, c in rest if ATTRIBUTE_KIND_HEADER_RE.search(c)), None)
    return _Header(indicator, indicator_end, unit, base, target, attribute, years.get(base) if base is not None else None,
                   years.get(target), len(cells), by_item)


def _item_column(row: Sequence[Cell], cells: Sequence[str]) -> int | None:
    """The indicator column of a header that names it with no indicator word (:data:`ITEM_HEADER_RE`): the column right
    before the one headed 单位 alone, when a year column follows that one; else None (a task table's 牵头单位 is no unit;
    a column under a merged header cell, None, is not blank); ``cells`` are the row's cells as text (``_cell``)."""
    unit = next((i for i, c in enumerate(cells) if c == "单位"), None)
    if not unit or row[unit - 1] is None or not ITEM_HEADER_RE.match(cells[unit - 1]):
        return None
    if not any(YEAR_RE.search(c) for c in cells[unit + 1 :]):
        return None
    return unit - 1


# a subscript the text layer set on a line of its own inside a cell ("细颗粒物（PM ）浓度（微克\n2.5\n/立方米）")
SUBSCRIPT_LINE_RE = re.compile(r"\n\s*(2\.5|10)\s*(?=\n|$)")
PM_WITHOUT_SIZE_RE = re.compile(r"PM(?!\s*(?:2\.5|10))")


def _subscript_rejoined(cell: Cell) -> Cell:
    """A cell whose particle-size subscript (PM2.5, PM10) came out on a line of its own, with the size back after PM."""
    if not cell or not PM_WITHOUT_SIZE_RE.search(cell) or not (line := SUBSCRIPT_LINE_RE.search(cell)):
        return cell
    rest = cell[: line.start()] + cell[line.end() :]
    return PM_WITHOUT_SIZE_RE.sub("PM" + line.group(1), rest, count=1)


# a bracket that writes a unit (万吨, %, 个, 微克/立方米 …), not a remark (国控断面)
UNIT_WORD_RE = re.compile(r"[%‰/]|^(?:万|亿|千)?(?:吨|千瓦|瓦|平方米|平方公里|立方米|公顷|亩|个|家|座|处|公里|千米|米|元|天|小时|度|辆|台|项)")


def _items_group(
    named: list[tuple[int, str]], raw: Sequence[Cell], cells: list[str], header: _Header,
    group: tuple[int, str, str] | None,
) -> tuple[int, str, str] | None:
    """The indicator whose items a row lists (:func:`rows_from_grid`'s ``group``): opened by a row whose last two names
    are an indicator with its unit in brackets and an item after it, kept while the indicator's cell stays merged
    (None) with an item to its right, closed by any other row."""
    if len(named) > 1:
        column, parent = named[-2]
        unit = BRACKET_UNIT_RE.search(FOOTNOTE_MARK_RE.sub("", parent))
        if unit and UNIT_WORD_RE.search(unit.group(1)):
            return column, FOOTNOTE_MARK_RE.sub("", parent)[: unit.start()], unit.group(1)
        return None
    if group is not None and raw[group[0]] is None and any(cells[group[0] + 1 : header.indicator_end + 1]):
        return group
    return None


def rows_from_grid(
    grid: Sequence[Sequence[Cell]], header: _Header | None = None, page: int | None = None, item_column: bool = True
) -> tuple[list[IndicatorRow], _Header | None]:
    """Indicator rows of one extracted table; ``header`` carries over from a table continued from before;
    ``item_column`` as for :func:`_header` (a table from a page not hinted, a DOCX table: False).

    Returns:
        (rows, the header in force at the end, for a continuation on the next page).
    """
    out: list[IndicatorRow] = []
    # an indicator whose items the next column lists ("重点工程减排量（万吨）" | 氮氧化物, then 挥发性有机物 … under its merged
    # cell): (its column, its name, its unit) while its items are read; each item is named with it (氮氧化物重点工程减排量)
    group: tuple[int, str, str] | None = None
    for raw in grid:
        found = _header(raw, item_column)
        if found is not None:
            header, group = found, None
            continue
        if header is None or len(raw) != header.width:
            continue
        cells = [_cell(_subscript_rejoined(c)) for c in raw]
        # the rightmost written name under the indicator header (not a category, not a serial number)
        # (a cell of one or two characters under a header spanning the unit column is the unit: 万吨, 个; under a header of
        # one column it is a short name, 风电, 水电 — not a total)
        named = [(i, c) for i, c in enumerate(cells[: header.indicator_end + 1]) if i >= header.indicator
                 and re.search(r"[\u4e00-\u9fff]", c)
                 and (len(re.sub(r"[（）()]", "", c)) > 2
                      or header.indicator_end == header.indicator and not TOTAL_NAME_RE.match(c))]
        target = FOOTNOTE_MARK_RE.sub("", cells[header.target].replace("％", "%"))
        group = _items_group(named, raw, cells, header, group)
        name = named[-1][1] if named else ""
        if group is not None:
            item = next((c for c in reversed(cells[group[0] + 1 : header.indicator_end + 1]) if c), "")
            name = item + group[1] if re.search(r"[\u4e00-\u9fff]", item) else ""
        # "单位地区生产总值二氧化碳排放降低（%）#": a note mark, not the name; nor a serial number before it
        name = NAME_SERIAL_RE.sub("", FOOTNOTE_MARK_RE.sub("", name))
        # the target cell: one figure, or a figure per part of the place or kind, each a row of its own
        figures = [(target, "")] if VALUE_RE.match(target) else scoped_values(target)
        if not name or not figures or not re.search(r"[\u4e00-\u9fff]", name):
            continue
        written_unit = cells[header.unit] if header.unit is not None else ""
        if header.item_column and written_unit and not UNIT_WORD_RE.search(written_unit):
            continue  # "某某钢铁有限公司" under 单位: an organisation, not a unit
        bracket = BRACKET_UNIT_RE.search(name)
        if bracket:
            name = name[: bracket.start()]
        for figure, scope in figures:
            value = VALUE_RE.match(figure)
            if value is None:
                continue
            unit = (value.group("unit") or (written_unit if written_unit not in ("-", "—", "/") else "")
                    or (bracket.group(1) if bracket else "") or (group[2] if group is not None else ""))
            out.append(
                IndicatorRow(
                    indicator=name,
                    unit=unit,
                    target=figure,
                    base=FOOTNOTE_MARK_RE.sub("", cells[header.base]) if header.base is not None else "",
                    base_year=header.base_year,
                    target_year=header.target_year,
                    attribute=FOOTNOTE_MARK_RE.sub("", cells[header.attribute]) if header.attribute is not None else "",
                    page=page,
                    scope=scope,
                )
            )
    return out, header


def indicator_page_hint(text: str) -> bool:
    """Whether a page's text suggests an indicator table (an attribute word, and the characters 指 and 标, or 目标): only
    such pages' tables are extracted."""
    # (a table of 预期性目标 may name no 指标 on its page: "专栏2 广西“十四五”可再生能源发展预期性目标")
    return bool(PAGE_HINT_RE.search(text)) and ("指" in text and "标" in text or "目标" in text)


def pdf_indicator_rows(path: Path) -> list[IndicatorRow]:
    """Indicator rows of a PDF: pdfplumber tables on the pages whose text suggests an indicator table."""
    rows: list[IndicatorRow] = []
    header: _Header | None = None
    last_page = -2
    table = 0
    header_words: list[str] = []
    for i, grid in pdf_table_grids(path, indicator_page_hint):
        header_row, first = next(((r, h) for r in grid if (h := _header(r)) is not None), ((), None))
        carried = header if (first is None and i in (last_page, last_page + 1)) else None
        if first is None and carried is None:
            continue  # not an indicator table, nor the continuation of one
        # (a grid with its own header opens a table, unless its header reads as the last one's on the next page — a
        # table printed over two pages repeats it, its cells perhaps split otherwise —; a carried grid goes on with it)
        words = _header_words(header_row) if first is not None else header_words
        table += carried is None and not (words == header_words and i == last_page + 1)
        header_words = words
        got, header = rows_from_grid(grid, carried, page=i + 1)
        rows.extend(replace(row, table=table) for row in got)
        last_page = i
    return rows


def _header_words(row: Sequence[Cell]) -> list[str]:
    """The filled cells of a header row as text (``_cell``), in order."""
    return [c for c in map(_cell, row) if c]


def docx_indicator_rows(path: Path) -> list[IndicatorRow]:
    """Indicator rows of a DOCX file's tables (python-docx); no page tells whether a table is an indicator table, so an
    indicator column must be headed by an indicator word."""
    rows: list[IndicatorRow] = []
    for table, grid in enumerate(docx_table_grids(path), 1):
        got, _ = rows_from_grid(grid, item_column=False)
        rows.extend(replace(row, table=table) for row in got)
    return rows


def read_indicator_rows(path: Path) -> list[IndicatorRow]:
    """Indicator rows of a PDF or DOCX file; other formats have none."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return pdf_indicator_rows(path)
    if suffix == ".docx":
        return docx_indicator_rows(path)
    return []
