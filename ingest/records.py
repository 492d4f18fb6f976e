"""Records that ingest produces and every later layer consumes (frozen dataclasses, one module).

Identity rules (they keep re-ingest idempotent):
- ``Document.doc_id`` is the NFKC-normalised file stem, e.g. ``taiyuan-shisiwu-jienengjianpai``.
- ``Clause.clause_id`` is ``f"{doc_id}#{path}"`` where ``path`` is the numbering path as printed,
  with full-width brackets: ``三``, ``三（九）``, ``三（九）2``, ``三（九）2（1）``; text before the first
  section is one block ``前言`` (``前言2``... for the lines between the plans of a notice issuing several),
  text after the last clause is ``结尾``.
- ``Agency.name`` is the region-qualified name as written (``市工信局`` in the 太原 plan ->
  ``太原市工信局``); ``Agency.canonical`` is the same name with aliases normalised
  (``太原市工业和信息化局``) and is what queries match on.
- ``Target.target_id`` is ``f"{clause_id}#t{n}"`` (n counts targets within the clause from 1).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Level = Literal["national", "provincial", "city", "county", "unknown"]
# "task": a row of a task-division table (重点任务分工表), numbered 表1-3 (table 1, row 3).
# "row": a numbered row of a data table (a catalogue, a list: ingest.data_tables), numbered 数据表1-31 (table 1, serial 31).
ClauseKind = Literal["preamble", "section", "clause", "item", "subitem", "closing", "task", "row"]
Role = Literal["lead", "co", "implementing"]
# contact: a division named to consult or send material to (ingest.contacts), answered only when asked for
ResponsibilitySource = Literal["annotation", "carry_over", "prose", "contact"]
RegionLevel = Literal["country", "province", "city", "county"]

ROLES: tuple[str, ...] = ("lead", "co", "implementing")


@dataclass(frozen=True)
class Citation:
    """A higher-level document cited by this one: 《title》（doc_number）."""

    title: str
    doc_number: str = ""


@dataclass(frozen=True)
class Document:
    """One ingested policy document (metadata only; clauses are separate records)."""

    doc_id: str
    source: str  # file name as ingested, e.g. "taiyuan-shisiwu-jienengjianpai.txt"
    title: str
    doc_number: str = ""  # e.g. 并政发〔2023〕15号
    issuer: str = ""  # e.g. 太原市人民政府
    date: str = ""  # ISO yyyy-mm-dd where known
    level: Level = "unknown"
    region: str = ""  # qualified region name: 太原市, 山西省, 全国
    cites: tuple[Citation, ...] = ()
    content_hash: str = ""  # sha256 of the repaired text
    path: str = ""  # absolute path read from (informational)
    # True when the text has no title line and ``title`` was inferred (from the opening
    # "为贯彻落实《…》…制订本方案" sentence, the region and years, else the file name)
    title_inferred: bool = False
    file_hash: str = ""  # sha256 of the source file's bytes (tells a moved or edited original apart)


@dataclass(frozen=True)
class Clause:
    """A numbered unit of a document: section 一、, clause （一）, item 1., sub-item （1）."""

    clause_id: str
    doc_id: str
    kind: ClauseKind
    number: str  # the original number token: "三", "（九）", "2", "（1）", "" for preamble
    path: str  # display numbering path, e.g. "三（九）"
    heading: str  # short title before the first 。, e.g. 挥发性有机物综合整治工程
    text: str  # full text, annotations included
    sentences: tuple[str, ...] = ()
    parent_id: str | None = None
    order: int = 0  # position in document order
    topics: tuple[str, ...] = ()  # Topic.topic_id values
    regions: tuple[str, ...] = ()  # qualified region names mentioned in the text
    # An annotation-shaped bracket ("…负责）", "（责任单位：…") from which no agency could be read,
    # as written; answers quote it and say it could not be read instead of "names no agency".
    unreadable_annotation: str = ""
    # Provenance: the PDF pages the clause spans (1-based, first and last; 0 when unknown or not a
    # PDF) and its character offsets in the repaired text (end exclusive; 0, 0 when not in the text,
    # e.g. a task-table row). See ingest/pages.py.
    page_start: int = 0
    page_end: int = 0
    char_start: int = 0
    char_end: int = 0


@dataclass(frozen=True)
class Agency:
    """A government (or non-government) body named in a document."""

    name: str  # region-qualified, as written: 太原市工信局
    canonical: str  # aliases normalised: 太原市工业和信息化局
    agency_type: str  # region-free canonical type for comparison: 工业和信息化局
    region: str = ""  # 太原市; "" for national bodies
    is_government: bool = True  # False for 人行…分行, 国网…公司 etc.


@dataclass(frozen=True)
class Responsibility:
    """Agency -> clause link with its role, as stated in the document."""

    clause_id: str
    agency: str  # Agency.name
    role: Role
    confidence: float = 1.0  # 1.0 annotation, 0.9 carry-over, 0.6 prose
    source: ResponsibilitySource = "annotation"
    evidence: str = ""  # the annotation or sentence it came from


@dataclass(frozen=True)
class Target:
    """A quantified target: indicator, value, comparator, years, qualifier."""

    target_id: str
    clause_id: str
    indicator: str  # normalised indicator name, e.g. 单位GDP能耗
    indicator_raw: str  # as written, e.g. 单位地区生产总值能耗强度
    value: str  # number + unit as a display string, e.g. "14.5%", "1160吨", "1.3"
    number: float
    unit: str  # "%", "吨", "万千瓦", "" ...
    comparator: str = ""  # 下降 / 达到 / 控制在 / 不低于 / 以上 / 以内 / 降至 ...
    base_year: int | None = None
    target_year: int | None = None
    qualifier: str = ""  # 基本目标 / 激励目标 / 力争 / 左右 / 以上 ...
    region: str = ""  # qualified region name the target applies to
    sentence: str = ""  # the sentence it was read from


@dataclass(frozen=True)
class Region:
    """A place in the gazetteer hierarchy (全国 ⊃ 省 ⊃ 市 ⊃ 县/区)."""

    name: str  # full name: 山西省, 太原市, 清徐县
    level: RegionLevel
    parent: str | None = None  # parent Region.name
    code: str = ""  # administrative division code where known


@dataclass(frozen=True)
class Topic:
    """A taxonomy topic tagged on clauses (from the topics data file)."""

    topic_id: str  # e.g. "vocs"
    name: str  # e.g. 挥发性有机物
    category: str = ""  # pollutant / sector / measure ...


@dataclass(frozen=True)
class Succession:
    """Institutional reform: ``predecessor`` was succeeded by ``successor`` (Agency names)."""

    predecessor: str
    successor: str
    year: int | None = None


@dataclass(frozen=True)
class ParsedDocument:
    """Everything ingest extracted from one file; the unit the graph stores write atomically."""

    document: Document
    clauses: tuple[Clause, ...]
    agencies: tuple[Agency, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    targets: tuple[Target, ...] = ()
    regions: tuple[Region, ...] = ()  # the document region and mentioned regions, with ancestors
    topics: tuple[Topic, ...] = ()  # topics tagged on at least one clause
    successions: tuple[Succession, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Plain-dict form for JSON output (``policykg parse --json``)."""
        return asdict(self)


@dataclass(frozen=True)
class Hit:
    """One search result: a clause and its fused score."""

    clause_id: str
    score: float
    rank: int = 0
    dense_score: float | None = None
    bm25_score: float | None = None
