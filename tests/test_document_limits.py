"""Documents of any size and shape (issue 12): numbering past 99, suspicious-structure warnings, a ceiling
on the text size. Synthetic documents are built from real sentences of the seed plans in data/."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import ingest.pipeline
from ingest.errors import DocumentTooLargeError, IngestError
from ingest.pipeline import parse_file, parse_paths
from ingest.readers import check_text_size
from ingest.records import Clause, ParsedDocument
from ingest.repair import repair_text
from ingest.structure import (
    DOMINANT_CLAUSE_SHARE,
    MAX_TARGETS_PER_CLAUSE,
    SUSPICIOUS_MIN_DOC_CHARS,
    match_unit,
    split_clauses,
    structure_warnings,
)

from tests.test_structure import _cn  # n as a Chinese numeral, written independently of ingest.structure

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "taiyuan-shisiwu-jienengjianpai.txt"
N_UNITS = 150


@functools.cache
def seed_sentences() -> tuple[str, ...]:
    """Distinct whole sentences of the seed plans' clauses (repaired), none opening with a number token or a
    digit (after "150." a digit reads as a decimal, 150.2014年)."""
    out: dict[str, None] = {}
    for path in sorted(DATA.glob("*.txt")):
        for clause in split_clauses(repair_text(path.read_text(encoding="utf-8")), path.stem):
            if clause.kind == "preamble":
                continue
            for s in clause.sentences:
                balanced = s.count("（") + s.count("(") == s.count("）") + s.count(")")
                if 12 <= len(s) <= 150 and s.endswith("。") and balanced and not match_unit(s) and not s[0].isdigit() and s[0] != "本":
                    out[s] = None
    return tuple(out)


def test_enough_seed_sentences() -> None:
    assert len(seed_sentences()) >= N_UNITS


# (number token format, clause number format, kind, path of the parent unit or "" for top level, lines
# before the list, lines after it)
_ITEM_FRAME = (["一、重点任务", "（一）推进重点行业节能。"], ["二、保障措施", "（一）加强组织领导。"])
WIDE_LISTS = [
    ("{n}.", "{n}", "item", "一（一）", *_ITEM_FRAME),
    ("{n}．", "{n}", "item", "一（一）", *_ITEM_FRAME),
    ("{n}、", "{n}", "item", "一（一）", *_ITEM_FRAME),
    ("（{n}）", "（{n}）", "subitem", "一（一）1", [*_ITEM_FRAME[0], "1.钢铁行业。"], _ITEM_FRAME[1]),
    ("({n})", "（{n}）", "subitem", "一（一）1", [*_ITEM_FRAME[0], "1.钢铁行业。"], _ITEM_FRAME[1]),
    ("（{cn}）", "（{cn}）", "clause", "一", ["一、重点任务"], ["二、保障措施"]),
    ("{cn}、", "{cn}", "section", "", [], []),
    ("第{cn}条 ", "第{cn}条", "clause", "", [], []),
]


@pytest.mark.parametrize("fmt, number, kind, parent, before, after", WIDE_LISTS)
def test_150_numbered_units_are_150_clauses(
    fmt: str, number: str, kind: str, parent: str, before: list[str], after: list[str]
) -> None:
    sentences = seed_sentences()[:N_UNITS]
    lines = ["某市节能减排实施方案", "为确保完成节能减排目标任务，制定本方案。", *before]
    lines += [fmt.format(n=n, cn=_cn(n)) + s for n, s in enumerate(sentences, start=1)]
    lines += after
    clauses = split_clauses(repair_text("\n".join(lines)), "d")
    units = [c for c in clauses if c.kind == kind and c.path.removesuffix(c.number) == parent]
    assert [c.number for c in units] == [number.format(n=n, cn=_cn(n)) for n in range(1, N_UNITS + 1)]
    assert [c.text for c in units] == list(sentences)


def test_150_items_through_the_pipeline(tmp_path: Path) -> None:
    sentences = seed_sentences()[:N_UNITS]
    path = tmp_path / "items-150.txt"
    lines = ["某市节能减排实施方案", "为确保完成节能减排目标任务，制定本方案。", *_ITEM_FRAME[0]]
    lines += [f"{n}.{s}" for n, s in enumerate(sentences, start=1)] + _ITEM_FRAME[1]
    path.write_text("\n".join(lines), encoding="utf-8")
    parsed = parse_file(path)
    items = [c for c in parsed.clauses if c.kind == "item"]
    assert [c.path for c in items] == [f"一（一）{n}" for n in range(1, N_UNITS + 1)]
    assert not [w for w in parsed.warnings if "suspicious structure" in w]


# ----------------------------------------------------------------------------- suspicious structure
def _clauses(lengths: list[int]) -> list[Clause]:
    """Clauses 一、二、… whose texts are seed sentences repeated to the given lengths."""
    text = "".join(seed_sentences())
    text = text * (max(lengths, default=0) // len(text) + 1)
    return [Clause(f"d#{_cn(i)}", "d", "section", _cn(i), _cn(i), "", text[:n]) for i, n in enumerate(lengths, start=1)]


BIG = SUSPICIOUS_MIN_DOC_CHARS
# (clause text lengths, targets per clause path, expected (kind of warning, clause path) pairs)
STRUCTURES = [
    ([BIG // 2, 2_000, 2_000], {}, []),  # a short document: one long clause is fine
    ([BIG, 2_000, 2_000], {}, [("text", "一")]),
    ([2_000, 2 * BIG, 2_000], {}, [("text", "二")]),
    ([BIG, BIG, 2_000], {}, []),  # the largest holds less than half
    ([BIG // 10] * 20, {}, []),
    ([2_000, 2_000], {"二": MAX_TARGETS_PER_CLAUSE}, []),
    ([2_000, 2_000], {"二": MAX_TARGETS_PER_CLAUSE + 1}, [("targets", "二")]),
    ([BIG, 2_000], {"一": 5 * MAX_TARGETS_PER_CLAUSE}, [("text", "一"), ("targets", "一")]),
]


@pytest.mark.parametrize("lengths, targets, expected", STRUCTURES)
def test_structure_warnings(lengths: list[int], targets: dict[str, int], expected: list[tuple[str, str]]) -> None:
    assert DOMINANT_CLAUSE_SHARE == 0.5
    clauses = _clauses(lengths)
    warnings = structure_warnings(clauses, {f"d#{p}": n for p, n in targets.items()}, "plan.pdf")
    kinds = [("targets" if "targets" in w else "text", w.split("clause ")[1].split(" ")[0]) for w in warnings]
    assert kinds == expected
    for w in warnings:
        assert w.count("plan.pdf") == 2 and "结构可疑" in w and "suspicious structure" in w  # Chinese / English


def test_a_document_whose_numbering_is_lost_is_flagged(tmp_path: Path) -> None:
    # numbering the parser cannot read ("第1000项") leaves the whole body in one clause
    path = tmp_path / "unreadable-numbering.txt"
    sentences = seed_sentences()
    body, size, n = [], 0, 0
    while size <= SUSPICIOUS_MIN_DOC_CHARS:
        sentence = sentences[n % len(sentences)]
        n += 1
        body.append(f"第{1000 + n}项{sentence}")
        size += len(body[-1])
    path.write_text("\n".join(["某市节能减排实施方案", "一、重点任务", *body, "二、保障措施"]), encoding="utf-8")
    parsed = parse_file(path)
    flagged = [w for w in parsed.warnings if "suspicious structure" in w]
    assert len(flagged) == 1 and path.name in flagged[0] and "clause 一 " in flagged[0]


# ----------------------------------------------------------------------------- ceiling on the text size
@pytest.mark.parametrize(
    "text, limit, refused",
    [
        ("一" * 10, 30, False),  # 30 UTF-8 bytes
        ("一" * 10, 29, True),
        ("a" * 10, 10, False),
        ("a" * 11, 10, True),
        ("一、总体要求", 1_000, False),
    ],
)
def test_check_text_size(text: str, limit: int, refused: bool) -> None:
    if refused:
        with pytest.raises(DocumentTooLargeError) as info:
            check_text_size("plan.txt", text, limit)
        assert info.value.size == len(text.encode()) and info.value.limit == limit
    else:
        check_text_size("plan.txt", text, limit)


def test_text_over_the_limit_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / SEED.name
    shutil.copy(SEED, path)
    size = len(SEED.read_text(encoding="utf-8").encode())
    with pytest.raises(DocumentTooLargeError) as info:
        parse_file(path, max_text_bytes=10_000)
    error = info.value
    assert isinstance(error, IngestError) and error.path == str(path)
    assert str(path) in str(error) and f"{size:,}" in error.reason and "10,000" in error.reason
    assert "文本过大" in error.reason and "too large" in error.reason
    # the same file within the limit parses
    assert parse_file(path, max_text_bytes=size).clauses


def test_parse_paths_refuses_only_the_large_file(tmp_path: Path) -> None:
    small = tmp_path / "shanxi-2014-2015-jienengjianpai.txt"  # 18 kB
    large = tmp_path / "taiyuan-shisiwu-jienengjianpai.txt"  # 35 kB
    for p in (small, large):
        shutil.copy(DATA / p.name, p)
    results = dict(parse_paths([tmp_path], max_text_bytes=25_000))
    assert isinstance(results[small], ParsedDocument)
    assert isinstance(results[large], DocumentTooLargeError) and large.name in str(results[large])


def _limited(parse: Callable[..., ParsedDocument], limit: int) -> Callable[..., ParsedDocument]:
    def parse_with_limit(path: Path, **kwargs: object) -> ParsedDocument:
        kwargs["max_text_bytes"] = limit
        return parse(path, **kwargs)

    return parse_with_limit


def test_refused_text_leaves_the_store_unchanged(store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from search.embedder import HashingEmbedder
    from search.service import PolicyKG

    doc = tmp_path / "in" / "jincheng-shisiwu-jienengjianpai.txt"
    doc.parent.mkdir()
    shutil.copy(DATA / doc.name, doc)
    kg = PolicyKG(store, tmp_path / "index", lambda: HashingEmbedder(dim=64))
    assert kg.ingest([doc]).ok
    before = store.stats()
    clauses_before = store.clauses("jincheng-shisiwu-jienengjianpai")

    # a new, larger version of the file over a (small) ceiling
    doc.write_text(doc.read_text(encoding="utf-8") + "\n" + SEED.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(ingest.pipeline, "parse_file", _limited(ingest.pipeline.parse_file, 40_000))
    report = kg.ingest([doc])
    assert not report.ok and Path(report.failed[0].path).name == doc.name
    assert "too large" in report.failed[0].reason
    assert store.stats() == before
    assert store.clauses("jincheng-shisiwu-jienengjianpai") == clauses_before


# 西安 468 (pdf2): a PDF font without a character map turns many Chinese characters into Latin / Cyrillic letters.
GARBLED_CLAUSE = (
    "（一）推进城市绿化建设。推М城ˏ绿Ŏ建设ћ按照社Ŗ“15分钟便民服务圈”要ǽ，М一步完善社ŖǍ袋园њ小广场њ社Ŗ绿道建设ћ"
    "Ï极推М节约型园林建设，全面推广园林绿Ŏ病虫害生物防治工作，ĥ快推М植物多样性保护与建设工作，逐步建设城ˏ园林"
    "绿Ŏ智慧监管̟ǕћŃ续αŎ城Ŗ绿地ː局，增τ绿地生态Ĥ能。到2025̷̠，建成Ŗ绿地率力争达到37.5%。"
)


@pytest.mark.parametrize(("clause", "warned"), [(GARBLED_CLAUSE, True), ("（一）推进城市绿化建设。到2025年，建成区绿地率力争达到37.5%。", False)])
def test_a_garbled_text_layer_is_warned_about(tmp_path: Path, clause: str, warned: bool) -> None:
    path = tmp_path / "xian.txt"
    path.write_text("\n".join(["西安市生态环境保护规划", "一、推进绿色城市建设", clause, "二、保障措施"]), encoding="utf-8")
    parsed = parse_file(path)
    assert any("partly garbled" in w for w in parsed.warnings) is warned
