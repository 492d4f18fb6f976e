"""Data tables (catalogues, project lists): one record per numbered row, from PDF and DOCX.

A catalogue or list lays its entries out as a ruled table — 序号 | 技术名称 | 推荐单位 | … | 典型项目（应用规模 |
节能量（年） | CO2减排量（年）） | 推广建议 — whose text layer comes out as scattered cell fragments, one or two
characters each, that no prose rule can read ("24190tce 60306t" lands lines away from 节能驾驶操作). The table is read
by its cells instead: a table is a data table when its header's first cell is the serial column (序号 / 编号), it has at
least :data:`MIN_COLUMNS` columns, one of them naming its entries (:data:`NAME_HEADER_RE`: 技术名称, 项目, 断面名称 …; a
table of a place's or a category's figures, 行政区 | 面积 | …, lists no entries), and it is neither a task table
(:mod:`ingest.tables`, its roles become responsibilities) nor an indicator table (:mod:`ingest.indicator_tables`, its
rows become targets). A second header row
under a merged cell (典型项目 over 应用规模 | 节能量 | CO2减排量) names its columns with the merged cell's label before
theirs. Each numbered row becomes a :class:`DataRow` written "label：value；…" in the table's own labels; a row without
a serial number continues the numbered row above it (a second typical project of the same technology). A table
continued on the next page keeps the header of the page before when it repeats none and the column count is the same.

PDF tables are read with pdfplumber, only on pages whose text layer holds 序号 / 编号 (found with pypdfium2); DOCX
tables with python-docx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ingest.indicator_tables import _header as indicator_header
from ingest.responsibility import PLACE_ROLE_LABEL
from ingest.tables import Cell, _cell, docx_table_grids, pdf_captioned_grids
from ingest.tables import _header as task_header

PAGE_HINT_RE = re.compile(r"序\s*号|编\s*号")
SERIAL_HEADER_RE = re.compile(r"^(?:序号|编号)$")
SERIAL_RE = re.compile(r"^\d{1,3}$")
# the column that names an entry (its heading): 技术名称, 项目名称, 名称, 项目, 任务, 措施 …
NAME_HEADER_RE = re.compile(r"名称|项目|技术|任务|措施|工程|事项|内容")
# a column assigning each entry to a place (责任城市, 责任地区, 牵头地市): the one kind of cell a data row is read for
# responsibilities by, as an annotation in the table's own label ("责任城市：南通市"); a column of bodies (责任单位, 牵头部门)
# makes the table a task table instead, and 推荐单位 / 申报单位 name no one responsible
PLACE_ROLE_HEADER_RE = re.compile(rf"^{PLACE_ROLE_LABEL}$")
MIN_COLUMNS = 4
EMPTY_VALUES = frozenset({"", "/", "-", "—", "——"})
MAX_HEADING = 60


@dataclass(frozen=True)
class DataRow:
    """One numbered row of a data table, with the rows continuing it."""

    table: int  # 1-based data-table number within the document
    serial: str  # the row's serial number as written
    heading: str  # the entry's name (its name column's cell)
    text: str  # "label：value；label：value。" in the table's labels
    page: int | None = None  # 1-based PDF page
    caption: str = ""  # the table's caption ("表2“十四五”入海河流国考断面清单"; a continued table keeps it), or ""


def _label(cell: Cell) -> str:
    """A header cell without any space (letter-spaced headers, a subscript set apart: "CO 2减排量")."""
    return re.sub(r"\s+", "", _cell(cell))


def _labels(rows: Sequence[Sequence[Cell]]) -> tuple[list[str], int] | None:
    """The column labels of a data table whose header opens ``rows`` and the number of header rows, or None."""
    if not rows:
        return None
    top = [_label(c) for c in rows[0]]
    if len(top) < MIN_COLUMNS or not SERIAL_HEADER_RE.match(top[0]):
        return None
    labels = list(top)
    used = 1
    if len(rows) > 1:
        sub = [_label(c) for c in rows[1]]
        if len(sub) == len(top) and not sub[0] and any(sub):
            # a second header row under merged cells: "典型项目" over 应用规模 | 节能量… (the merged cell's label is
            # written once, in its first column)
            merged = ""
            for i, (above, below) in enumerate(zip(top, sub)):
                merged = above or merged if below else ""
                labels[i] = f"{merged}{below}" if below and merged != below else (below or above)
            used = 2
    return labels, used


def is_read_elsewhere(rows: Sequence[Sequence[Cell]]) -> bool:
    """A task or indicator table (read by their own modules; an indicator table whose indicator column is headed by no
    indicator word is read as one only on a page hinted for it, so it is not counted here)."""
    return any(task_header(r) is not None or indicator_header(r, item_column=False) is not None for r in rows[:3])


def rows_from_grid(
    grid: Sequence[Sequence[Cell]],
    table: int,
    labels: list[str] | None = None,
    page: int | None = None,
    caption: str = "",
) -> tuple[list[DataRow], list[str] | None]:
    """Data rows of one extracted table; ``labels`` carry over from a table continued from before.

    Returns:
        (rows, the labels in force at the end, for a continuation on the next page).
    """
    found = _labels(grid)
    start = 0
    if found is not None:
        labels, start = found
    if labels is None:
        return [], None
    # (a table without a name column lists no entries — a place's or a category's figures: it gives no rows)
    name_col = next((i for i, label in enumerate(labels) if i and NAME_HEADER_RE.search(label)), None)
    if name_col is None:
        return [], labels
    out: list[tuple[str, str, list[str]]] = []  # (serial, heading, parts)
    for raw in grid[start:]:
        if len(raw) != len(labels):
            continue
        # (a figure and its Latin unit split over two lines of a cell: "146.08\ntce")
        cells = [re.sub(r"(?<=\d)\s+(?=[A-Za-z%])", "", _cell(c)) for c in raw]
        parts = [
            f"{labels[i]}：{v.rstrip('。；;')}" for i, v in enumerate(cells) if i and v not in EMPTY_VALUES and labels[i]
        ]
        if SERIAL_RE.match(cells[0]):
            out.append((cells[0], cells[name_col][:MAX_HEADING], parts))
        elif not cells[0] and out and parts:
            out[-1][2].extend(parts)  # a row continuing the numbered row above it
    rows = [
        DataRow(table=table, serial=serial, heading=heading, text="；".join(parts) + "。", page=page, caption=caption)
        for serial, heading, parts in out
        if parts
    ]
    return rows, labels


# where a row's text ("label：value；label：value。") passes from one cell to the next: a ；before the next label
CELL_BREAK_RE = re.compile(r"(?<=；)(?=[^；：。]{1,40}：)")


def row_cells(text: str) -> list[str]:
    """A data row's "label：value" cells, from its text (:attr:`DataRow.text`, a row clause's text); a ； inside a
    cell's value stays in it. Each cell is one figure's wording: what a figure is, its column's label says."""
    text = text.rsplit("\n", 1)[-1]  # (a row clause's text opens with its table's caption on a line of its own)
    return [cell.rstrip("；。") for cell in CELL_BREAK_RE.split(text) if cell.strip("；。")]


def role_annotation(cells: Sequence[str]) -> str:
    """The annotation a data row's place-role cells make ("责任城市：南通市"), "" when it has none; ``cells`` are the
    row's "label：value" cells (:func:`row_cells`)."""
    kept = []
    for cell in cells:
        label, sep, value = cell.partition("：")
        if sep and value and PLACE_ROLE_HEADER_RE.match(label):
            kept.append(f"{label}：{value}")
    return "；".join(kept)


def pdf_data_rows(path: Path) -> list[DataRow]:
    """Data rows of a PDF: pdfplumber tables on the pages whose text names a serial column."""
    rows: list[DataRow] = []
    table_no = 0
    labels: list[str] | None = None
    caption = ""
    last_page = -2
    for i, grid, above in pdf_captioned_grids(path, lambda text: bool(PAGE_HINT_RE.search(text))):
        if not grid or is_read_elsewhere(grid):
            labels = None
            continue
        found = _labels(grid)
        adjacent = labels is not None and i in (last_page, last_page + 1)
        if found is None and not (adjacent and labels is not None and len(grid[0]) == len(labels)):
            continue  # not a data table, and not the continuation of one
        if found is not None and not (adjacent and found[0] == labels):
            table_no += 1
            caption = above
        got, labels = rows_from_grid(grid, table_no, labels, page=i + 1, caption=caption)
        rows.extend(got)
        last_page = i
    return rows


def docx_data_rows(path: Path) -> list[DataRow]:
    """Data rows of a DOCX file's tables (python-docx)."""
    rows: list[DataRow] = []
    table_no = 0
    for grid in docx_table_grids(path):
        if not grid or is_read_elsewhere(grid) or _labels(grid) is None:
            continue
        table_no += 1
        rows.extend(rows_from_grid(grid, table_no)[0])
    return rows


def read_data_rows(path: Path) -> list[DataRow]:
    """Data rows of a PDF or DOCX file; other formats have none."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return pdf_data_rows(path)
    if suffix == ".docx":
        return docx_data_rows(path)
    return []
