"""Parse one file end to end: read -> repair -> metadata -> structure -> rules -> ParsedDocument."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ingest.errors import IngestError
from ingest.metadata import extract_metadata, title_from_stem
from ingest.pages import locate_clauses, page_starts
from ingest.readers import (
    CJK_CHAR_RE,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_TEXT_BYTES,
    check_text_size,
    iter_files,
    misread_chars,
    read_text,
)
from ingest.records import Clause, Document, ParsedDocument, Target
from ingest.regions import get_gazetteer
from ingest.repair import repair_text
from ingest.responsibility import extract_responsibilities, unreadable_annotations
from ingest.structure import split_clauses, split_sentences, structure_warnings
from ingest.data_tables import DataRow, read_data_rows, role_annotation, row_cells
from ingest.tables import TaskRow, read_task_rows
from ingest.indicator_tables import read_indicator_rows
from ingest.targets import extract_targets, indicator_table_targets
from ingest.topics import tag_topics, topic_records


def parse_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, max_text_bytes: int = DEFAULT_MAX_TEXT_BYTES
) -> ParsedDocument:
    """Parse one policy document into records.

    Time and memory are linear in the size of the text (about 1 s per MB of extracted text on one
    core); a text over ``max_text_bytes`` is refused before any parsing.

    Args:
        path: a .txt, .pdf, .docx, .html or .htm file.
        max_bytes: file size limit passed to the reader.
        max_text_bytes: limit on the extracted text (UTF-8 bytes), see
            :data:`ingest.readers.DEFAULT_MAX_TEXT_BYTES`.

    Returns:
        The :class:`ParsedDocument` (document, clauses with topics and regions, agencies,
        responsibilities, targets, regions with ancestors, topics, successions, warnings).

    Raises:
        IngestError: the file cannot be read or holds no numbered clauses;
            :class:`ingest.errors.DocumentTooLargeError` when its text is over ``max_text_bytes``.
    """
    path = Path(path)
    raw = read_text(path, max_bytes=max_bytes)
    check_text_size(path, raw, max_text_bytes)
    text = repair_text(raw)
    document = extract_metadata(text, path.name)
    if document.title and document.title != title_from_stem(path.name):
        # Re-run repair with the real title so "<number> <title>" running headers are removed.
        text = repair_text(raw, title_hint=document.title)
    document = replace(
        document,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        path=str(path.resolve()),
        file_hash=hashlib.sha256(path.read_bytes()).hexdigest(),
    )
    clauses = split_clauses(text, document.doc_id, source=str(path), title=document.title)
    # provenance: character spans in the repaired text, and PDF pages through the raw text's page breaks
    clauses = locate_clauses(clauses, text, page_starts(raw, text) if path.suffix.lower() == ".pdf" else None)
    clauses += task_clauses(read_task_rows(path), document.doc_id, clauses)
    clauses += data_row_clauses(read_data_rows(path), document.doc_id, clauses)

    gazetteer = get_gazetteer()
    context = document.region or None
    clauses = [
        replace(
            clause,
            topics=tag_topics(clause.text),
            regions=tuple(r.name for r in gazetteer.find_mentions(clause.text, context_region=context)),
        )
        for clause in clauses
    ]
    # (a data table's rows name no one responsible — its 推荐单位 / 申报单位 columns are no annotations — but for a
    # column assigning each entry to a place, read as the row's annotation: "责任城市：南通市")
    row_annotations = [
        replace(c, text=f"{c.heading}（{annotation}）", sentences=())
        for c in clauses
        if c.kind == "row" and (annotation := role_annotation(row_cells(c.text)))
    ]
    responsibilities, agencies, successions = extract_responsibilities(
        [c for c in clauses if c.kind != "row"] + row_annotations, document
    )
    unreadable = unreadable_annotations(clauses, responsibilities, document.region)
    clauses = [replace(c, unreadable_annotation=unreadable[c.clause_id]) if c.clause_id in unreadable else c for c in clauses]
    targets: list[Target] = [t for clause in clauses for t in extract_targets(clause, document)]
    # a plan's indicator table (主要指标表): read by its cells, which page repair glues together in the text
    targets += indicator_table_targets(read_indicator_rows(path), clauses, document, targets)

    region_names = [document.region] if document.region else []
    region_names += [name for clause in clauses for name in clause.regions]
    topic_ids = sorted({t for clause in clauses for t in clause.topics})
    return ParsedDocument(
        document=document,
        clauses=tuple(clauses),
        agencies=tuple(agencies),
        responsibilities=tuple(responsibilities),
        targets=tuple(targets),
        regions=tuple(gazetteer.region_records(region_names, context_region=context)),
        topics=tuple(topic_records(topic_ids)),
        successions=tuple(successions),
        warnings=tuple(_warnings(document, clauses, path, targets)),
    )


def task_clauses(rows: list[TaskRow], doc_id: str, clauses: list[Clause]) -> list[Clause]:
    """One clause (kind ``task``, path ``表1-3``) per task-table row, after the body in document order.

    The clause text is the task followed by its annotation in brackets ("…（责任单位：A、B）"), so
    the ordinary annotation rules give the responsibilities; the deadline is kept as a
    ``完成时限：`` note inside the same bracket.
    """
    start = max((c.order for c in clauses), default=0) + 1
    out: list[Clause] = []
    for i, row in enumerate(rows):
        note = f"；完成时限：{row.deadline}" if row.deadline else ""
        path = f"表{row.table}-{row.row}"
        out.append(
            Clause(
                clause_id=f"{doc_id}#{path}",
                doc_id=doc_id,
                kind="task",
                number=str(row.row),
                path=path,
                heading=row.heading,
                text=f"{row.task}（{row.annotation}{note}）",
                sentences=split_sentences(row.task),
                order=start + i,
                page_start=row.page or 0,
                page_end=row.page or 0,
            )
        )
    return out


def data_row_clauses(rows: list[DataRow], doc_id: str, clauses: list[Clause]) -> list[Clause]:
    """One clause (kind ``row``, path ``数据表1-31``) per numbered data-table row, after the others in document order;
    its text is the row's cells in the table's labels ("技术名称：节能驾驶操作；…；典型项目节能量/替代燃料量（年）：24190tce"),
    after its table's caption on a line of its own when the table has one ("表2“十四五”入海河流国考断面清单")."""
    start = max((c.order for c in clauses), default=0) + 1
    out: list[Clause] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        path = f"数据表{row.table}-{row.serial}"
        if path in seen:
            continue  # a serial number written twice in one table: the first row keeps it
        seen.add(path)
        out.append(
            Clause(
                clause_id=f"{doc_id}#{path}",
                doc_id=doc_id,
                kind="row",
                number=row.serial,
                path=path,
                heading=row.heading,
                text=f"{row.caption}\n{row.text}" if row.caption else row.text,
                sentences=(row.text,),
                order=start + i,
                page_start=row.page or 0,
                page_end=row.page or 0,
            )
        )
    return out


# Letters a Chinese policy text has no use for (:data:`ingest.readers.MISREAD_CHAR_RE`): a PDF font without a
# character map yields them in place of Chinese characters (西安 468 as pypdfium2 reads it: "建成Ŗ绿地率", "推М城ˏ绿Ŏ建设ћ";
# the reader reads such pages again with pdfplumber, which decodes that file). A document still holding them past 1 % of
# its Chinese character count (:data:`ingest.readers.CJK_CHAR_RE`) after both readers is warned about.
MISREAD_CHAR_SHARE = 0.01


def _warnings(document: Document, clauses: list[Clause], path: Path, targets: list[Target]) -> list[str]:
    out: list[str] = []
    if document.title == title_from_stem(path.name) and not any(document.title in c.text for c in clauses):
        out.append("未找到标题，使用文件名 / no title found in the text; used the file name")
    if not document.region:
        out.append("未能确定地区 / document region unknown")
    if not document.date:
        out.append("未找到成文日期 / no document date found")
    if not any(c.kind in ("section", "clause") for c in clauses):
        out.append("没有“一、”或“（一）”级条款 / no section- or clause-level numbering")
    text = "".join(c.text for c in clauses)
    misread = misread_chars(text)
    if misread > MISREAD_CHAR_SHARE * max(1, len(CJK_CHAR_RE.findall(text))):
        out.append(
            f"文本层部分乱码：{misread:,} 个字符不是汉字而是拉丁/西里尔等字母（PDF 字体映射缺失），这些段落的引用可能无法阅读 / "
            f"the text layer is partly garbled: {misread:,} characters came out as Latin, Cyrillic or other letters "
            f"instead of Chinese (a PDF font without a character map); quotes from those passages may be unreadable"
        )
    for c in clauses:
        if c.unreadable_annotation:
            out.append(f"条款 {c.path} 的责任标注无法识别 / unreadable responsibility annotation in {c.path}: "
                       f"{c.unreadable_annotation[:80]}")
    out.extend(structure_warnings(clauses, Counter(t.clause_id for t in targets), path.name))
    return out


def parse_paths(
    paths: Iterable[Path | str], *, max_bytes: int = DEFAULT_MAX_BYTES, max_text_bytes: int = DEFAULT_MAX_TEXT_BYTES
) -> Iterator[tuple[Path, ParsedDocument | IngestError]]:
    """Parse files and directories (expanded recursively); one bad file does not stop the rest.

    ``max_bytes`` and ``max_text_bytes`` are passed to :func:`parse_file`.

    Yields:
        (path, ParsedDocument) or (path, IngestError) per file, in sorted order.
    """
    for path in iter_files(paths):
        try:
            yield path, parse_file(path, max_bytes=max_bytes, max_text_bytes=max_text_bytes)
        except IngestError as e:
            yield path, e
        except Exception as e:  # noqa: BLE001 - a bug on one file must not stop a corpus run
            yield path, IngestError(path, f"内部错误 / internal error while parsing: {type(e).__name__}: {e}")
