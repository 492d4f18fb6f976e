"""The shared document-type words (ingest/dictionaries/document_types.txt) and the patterns built on them."""

from __future__ import annotations

import re

import pytest

from ingest.doctypes import DOCUMENT_TYPES_FILE, doc_type_alternation, document_types
from ingest.metadata import TITLE_END_RE
from ingest.repair import TITLE_SUFFIX_RE
from ingest.structure import CLOSING_RE, PLAN_TITLE_RE
from ingest.targets import TITLE_PLAN_END_RE, title_year


def test_words_come_from_the_file_longest_first() -> None:
    words = document_types()
    listed = [
        line.strip()
        for line in DOCUMENT_TYPES_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert set(words) == set(listed) and len(words) == len(set(listed))
    assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True)
    assert {"方案", "计划", "意见", "规划", "通知", "实施方案"} <= set(words)


def test_alternation_is_escaped_and_longest_first() -> None:
    alternation = doc_type_alternation()
    assert alternation.split("|") == [re.escape(w) for w in document_types()]
    assert re.fullmatch(f"(?:{alternation})", "实施方案").group(0) == "实施方案"


def test_heads_and_exclude_narrow_the_list() -> None:
    plans = doc_type_alternation(("方案", "计划")).split("|")
    assert {"方案", "计划", "实施方案", "行动计划"} <= set(plans)
    assert "意见" not in plans and "规划" not in plans
    rest = doc_type_alternation(exclude=("政策",)).split("|")
    assert "政策" not in rest and "若干政策" not in rest and "方案" in rest
    with pytest.raises(ValueError):
        doc_type_alternation(("安排",))


@pytest.mark.parametrize(
    ("pattern", "matches", "misses"),
    [
        (TITLE_SUFFIX_RE, ["重庆市节能降碳实施方案", "关于开展试点工作的函", "某某工作方案（试行）"], ["需符合产业、节能、环保等政策"]),
        (TITLE_END_RE, ["江苏省2022年推动碳达峰碳中和工作计划", "某某规划（2021—2025年）"], ["江苏省温室气体排放清单"]),
        (CLOSING_RE, ["本方案由市发展改革委负责解释。", "本实施意见自印发之日起施行。", "抄送：市委办公室"], ["本规划基准年为2020年"]),
        (PLAN_TITLE_RE, ["福建省冶金行业“十四五”节能降碳实施方案"], ["关于印发冶金行业实施方案的通知", "某某市生态环境保护规划"]),
        (TITLE_PLAN_END_RE, ["山东省绿色低碳转型2022年行动计划", "关于2022年公共机构节能工作安排"], ["辽宁省“十四五”林业草原发展规划"]),
    ],
)
def test_patterns_built_from_the_file(pattern: re.Pattern[str], matches: list[str], misses: list[str]) -> None:
    for text in matches:
        assert pattern.search(text), text
    for text in misses:
        assert not pattern.search(text), text


def test_title_year_unchanged() -> None:
    assert title_year("山东省绿色低碳转型2022年行动计划") == 2022
    assert title_year("湖南省制造业绿色低碳转型行动方案（2022-2025年）") == 2025
    assert title_year("辽宁省“十四五”林业草原发展规划") is None


def test_docref_reads_the_same_words() -> None:
    from search import docref

    assert docref.document_types() == document_types()
