"""Task-division tables (重点任务分工表): rows with their responsible units, from PDF and DOCX.

Many plans put responsibilities in an attached table: 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限,
or a project list whose last column is 责任单位. A table is a task table when one of its header
cells names a responsibility role (牵头 / 责任 / 配合 / 主责 / 协办 … + 单位 / 部门 / 处室). Each data
row becomes a :class:`TaskRow`: the task text from the task columns, and an annotation composed
from the role columns in the document's own labels ("责任单位：A、B；配合单位：C"), which the
ordinary annotation rules then read. A table continued on the next page without a repeated
header keeps the header of the page before when its column count is the same.

PDF tables are read with pdfplumber, only on pages whose text layer names a role header (found
with pypdfium2, which is fast); DOCX tables with python-docx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from ingest.agencies import looks_like_agency, split_agency_list
from ingest.repair import normalise_chars

# A header cell naming a responsibility role: 牵头单位, 责任单位, 配合部门, 主责处室, 责任单位及完成时限.
ROLE_HEADER_RE = re.compile(
    r"^(?:(?:主要|具体)?(?:牵头|责任|配合|主责|协办|参与|协同|推进|实施|承办|主办)){1,2}(?:单位|部门|处室)"
)
# Header cells holding the task itself (the first one found gives the heading).
TASK_HEADER_RE = re.compile(r"任务|措施|名称|内容|事项|工作|项目|目标|要求|举措")
DEADLINE_HEADER_RE = re.compile(r"时限|时间|进度|期限|节点")
SERIAL_HEADER_RE = re.compile(r"^(?:序号|编号|序)$")
# The role words as they appear on a page's text layer (letter-spaced headers included).
PAGE_HINT_RE = re.compile(r"(?:牵头|责任|配合|主责|协办)\s*(?:单\s*位|部\s*门|处\s*室)")

Cell = str | None


@dataclass(frozen=True)
class TaskRow:
    """One data row of a task-division table."""

    table: int  # 1-based table number within the document
    row: int  # 1-based data-row number within the table
    task: str  # the task text (task columns joined)
    heading: str  # the first task column: the short name of the task
    annotation: str  # "责任单位：A、B；配合单位：C" in the document's own labels
    deadline: str = ""
    page: int | None = None  # 1-based PDF page


def _cell(text: Cell) -> str:
    """A cell's text with layout whitespace removed (Chinese text has no spaces between words)."""
    text = normalise_chars(text or "")
    text = re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class _Header:
    roles: tuple[tuple[int, str], ...]  # (column, label)
    tasks: tuple[int, ...]  # the task columns, those a merged task header covers included
    deadline: int | None
    width: int
    titled: tuple[int, ...] = ()  # the task columns whose header cell names them


def owners(row: Sequence[Cell]) -> list[int]:
    """For each column of an extracted row, the column of the cell that covers it: pdfplumber writes a cell merged
    across several columns as its text in the first and None in the others (a blank cell is "", not None)."""
    covered: list[int] = []
    for i, c in enumerate(row):
        covered.append(covered[i - 1] if c is None and i > 0 else i)
    return covered


def _header(row: Sequence[Cell]) -> _Header | None:
    cells = [_cell(c) for c in row]
    roles = tuple((i, c) for i, c in enumerate(cells) if ROLE_HEADER_RE.match(c))
    if not roles:
        return None
    role_cols = {i for i, _ in roles}
    deadline = next((i for i, c in enumerate(cells) if i not in role_cols and DEADLINE_HEADER_RE.search(c)), None)
    named = {
        i
        for i, c in enumerate(cells)
        if i not in role_cols and i != deadline and c and not SERIAL_HEADER_RE.match(c) and TASK_HEADER_RE.search(c)
    }
    # (a task header merged across several columns covers them all: "重点任务" over the category, item and task columns)
    covered = owners(row)
    tasks = tuple(i for i in range(len(cells)) if covered[i] in named)
    return _Header(roles=roles, tasks=tasks, deadline=deadline, width=len(cells), titled=tuple(sorted(named)))


def role_value(raw: Sequence[Cell], covered: Sequence[int], column: int, header: _Header) -> str:
    """The value of a row under a role column: its own cell, or — the cell there merged into one begun further left
    (None; ``covered``: the row's :func:`owners`) — that cell's text when it begins in a column no task, role or deadline
    header names and it reads as bodies ("市工信局" written from the blank column before 牵头单位 across it)."""
    own = _cell(raw[column])
    if own or raw[column] is not None:
        return own
    start = covered[column]
    named = {*header.tasks, *(c for c, _ in header.roles), header.deadline}
    text = _cell(raw[start])
    reads_as_bodies = bool(text) and all(looks_like_agency(name) for name in split_agency_list(text))
    return text if start != column and start not in named and reads_as_bodies else ""


def _label(header_text: str) -> str:
    m = ROLE_HEADER_RE.match(header_text)
    return m.group(0) if m else header_text


def rows_from_grid(
    grid: Sequence[Sequence[Cell]], table: int, header: _Header | None = None, page: int | None = None
) -> tuple[list[TaskRow], _Header | None]:
    """Task rows of one extracted table; ``header`` carries over from a table continued from before.

    Returns:
        (rows, the header in force at the end, for a continuation on the next page).
    """
    out: list[TaskRow] = []
    for raw in grid:
        found = _header(raw)
        if found is not None:
            header = found
            continue
        if header is None or len(raw) != header.width:
            continue
        cells = [_cell(c) for c in raw]
        covered = owners(raw)
        values = {i: role_value(raw, covered, i, header) for i, _ in header.roles}
        parts = [
            f"{_label(label)}：{values[i]}" for i, label in header.roles if values[i] and values[i] not in ("/", "-", "—")
        ]
        if not parts:
            continue
        task_cols = header.tasks or tuple(
            i for i in range(len(cells)) if i not in {c for c, _ in header.roles} and i != header.deadline
        )
        task_cells = [cells[i] for i in task_cols if cells[i] and not re.fullmatch(r"\d{1,3}", cells[i])]
        if not task_cells:
            continue
        # (the column its header names gives the heading; when that one is blank under a header merged over the category
        # columns too, the last — the task itself, not the part of the plan it falls in)
        named = [cells[i] for i in header.titled if cells[i] and not re.fullmatch(r"\d{1,3}", cells[i])]
        heading = named[0] if named else (task_cells[-1] if header.titled else task_cells[0])
        deadline = cells[header.deadline] if header.deadline is not None else ""
        out.append(
            TaskRow(
                table=table,
                row=len(out) + 1,
                task="。".join(t.rstrip("。；;") for t in task_cells) + "。",
                heading=heading[:60],
                annotation="；".join(parts),
                deadline=deadline,
                page=page,
            )
        )
    return out, header


def _same_shape(a: _Header, b: _Header) -> bool:
    return a.width == b.width and [label for _, label in a.roles] == [label for _, label in b.roles]


def _renumber(rows: list[TaskRow]) -> list[TaskRow]:
    counters: dict[int, int] = {}
    fixed = []
    for r in rows:
        counters[r.table] = counters.get(r.table, 0) + 1
        fixed.append(TaskRow(r.table, counters[r.table], r.task, r.heading, r.annotation, r.deadline, r.page))
    return fixed


def _hinted_pages(path: Path, page_hint: Callable[[str], bool]) -> Iterator[tuple[int, Any]]:
    """(0-based page, pdfplumber page) of the pages whose text layer ``page_hint`` accepts (pypdfium2, fast), and of the
    page after each (a table continued without its header)."""
    import pdfplumber
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        hinted = [i for i in range(len(doc)) if page_hint(doc[i].get_textpage().get_text_range())]
    finally:
        doc.close()
    if not hinted:
        return
    with pdfplumber.open(str(path)) as pdf:
        for i in sorted({*hinted, *(i + 1 for i in hinted if i + 1 < len(pdf.pages))}):
            yield i, pdf.pages[i]


def pdf_table_grids(path: Path, page_hint: Callable[[str], bool]) -> Iterator[tuple[int, list[list[Cell]]]]:
    """(0-based page, grid) of every pdfplumber table on the pages :func:`_hinted_pages` selects."""
    for i, page in _hinted_pages(path, page_hint):
        for grid in page.extract_tables():
            yield i, grid


# a table's caption: its number (表2, 附表1) or a list's own name (…清单, …目录, …名录, …一览表)
CAPTION_RE = re.compile(r"^(?:附)?表\s*\d|(?:清单|目录|名录|名单|一览表)(?:[（(][^（）()]{1,12}[）)])?$")
CAPTION_NUMBER_RE = re.compile(r"^(?:附)?表\s*\d")
CAPTION_MAX = 60
CAPTION_SPAN = 80  # points above a table's top edge searched for its caption


def pdf_captioned_grids(path: Path, page_hint: Callable[[str], bool]) -> Iterator[tuple[int, list[list[Cell]], str]]:
    """(0-based page, grid, caption) of every table :func:`pdf_table_grids` yields (the same grids: ``find_tables`` and
    ``extract`` with pdfplumber's defaults); the caption is the line right above the table when it is one
    (:data:`CAPTION_RE`: "表 2 “十四五”入海河流国考断面清单"), else ""."""
    for i, page in _hinted_pages(path, page_hint):
        for table in page.find_tables():
            yield i, table.extract(), caption_above(page, table.bbox[1])


def caption_above(page: Any, top: float) -> str:
    """The caption right above a table whose top edge is at ``top`` on a pdfplumber ``page`` (its last line, joined to the
    line before when that one opens with the table's number: a caption wrapped over two lines), or ""."""
    x0, y0, x1, _y1 = page.bbox  # (the page's own box: a PDF's MediaBox need not start at 0, 0)
    if top - y0 <= 1:
        return ""
    try:
        above = page.crop((x0, max(y0, top - CAPTION_SPAN), x1, top)).extract_text() or ""
    except ValueError:
        return ""  # a table's edge outside the page box: no caption read, the table is read as before
    lines = [_cell(line) for line in above.split("\n") if line.strip()]
    if not lines:
        return ""
    line = lines[-1]
    if len(lines) >= 2 and CAPTION_NUMBER_RE.match(lines[-2]) and not CAPTION_NUMBER_RE.match(line):
        line = lines[-2] + line
    return line if len(line) <= CAPTION_MAX and CAPTION_RE.search(line) else ""


def pdf_task_rows(path: Path) -> list[TaskRow]:
    """Task rows of a PDF: pdfplumber tables on the pages whose text names a role header."""
    rows: list[TaskRow] = []
    table_no = 0
    header: _Header | None = None
    last_page = -2
    for i, grid in pdf_table_grids(path, lambda text: bool(PAGE_HINT_RE.search(text))):
        first = next((h for h in map(_header, grid) if h is not None), None)
        adjacent = header is not None and i in (last_page, last_page + 1)
        if first is None:
            if not adjacent:
                continue  # not a task table, and not the continuation of one
        elif not (adjacent and header is not None and _same_shape(header, first)):
            table_no += 1
        got, header = rows_from_grid(grid, table_no, header, page=i + 1)
        rows.extend(got)
        last_page = i
    return _renumber(rows)


def docx_table_grids(path: Path) -> Iterator[list[list[Cell]]]:
    """The grid (rows of cell texts) of every table of a DOCX file, in document order (python-docx)."""
    import docx

    for table in docx.Document(str(path)).tables:
        yield [[cell.text for cell in row.cells] for row in table.rows]


def docx_task_rows(path: Path) -> list[TaskRow]:
    """Task rows of a DOCX file's tables (python-docx)."""
    rows: list[TaskRow] = []
    for n, grid in enumerate(docx_table_grids(path), 1):
        got, _ = rows_from_grid(grid, n)
        rows.extend(got)
    return _renumber(rows)


def read_task_rows(path: Path) -> list[TaskRow]:
    """Task rows of a PDF or DOCX file; other formats have none."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return pdf_task_rows(path)
    if suffix == ".docx":
        return docx_task_rows(path)
    return []
