"""Topic taxonomy: loading, tagging real sentences, query matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import DictionaryError
from ingest.topics import load_taxonomy, load_taxonomy_file, match_topics_in_query, synonyms, tag_topics, topic_records

TAG_CASES = [
    # 太原 三（九）
    ("推进源头清洁替代，通过使用水性、粉末、高固体分、无溶剂、辐射固化等低VOCs含量的涂料", {"vocs"}),
    ("强化挥发性有机物全流程、全环节综合治理。", {"vocs"}),
    ("推进现役煤电机组节能改造、供热改造、灵活性改造“三改联动”", {"coal_power", "energy_retrofit"}),
    ("加快更新改造燃煤锅炉。开展锅炉能源消耗和污染排放调查。", {"coal_boilers"}),
    ("2023年力争全市新建充电桩1万台", {"charging"}),
    ("全市新建大型、超大型数据中心平均 PUE 值降至 1.3 以下", {"data_center"}),
    ("大力发展绿色信贷，用好碳减排支持工具", {"green_finance", "co2"}),
]


@pytest.mark.parametrize("text, expected", TAG_CASES)
def test_tag_topics_includes(text, expected):
    tags = tag_topics(text)
    assert expected <= set(tags)
    assert list(tags) == sorted(tags)


QUERY_CASES = [
    ("太原市挥发性有机物综合整治由哪个部门牵头？", ["vocs"]),
    ("太原VOCs治理哪个局牵头负责？", ["vocs"]),
    ("各地在燃煤锅炉淘汰改造方面有哪些措施？", ["coal_boilers"]),
    ("晋城新建大型数据中心PUE要降到多少？", ["data_center"]),
    ("太原2023年计划新建多少充电桩？", ["charging"]),
]


@pytest.mark.parametrize("question, expected", QUERY_CASES)
def test_match_topics_in_query(question, expected):
    assert match_topics_in_query(question) == expected


def test_records_and_synonyms():
    tax = load_taxonomy()
    assert tax.topics["vocs"].name == "挥发性有机物"
    assert [t.topic_id for t in topic_records(["nox", "unknown", "vocs"])] == ["nox", "vocs"]
    assert {"挥发性有机物", "VOCs"} <= set(synonyms("vocs"))
    assert synonyms("nope") == []
    assert {t.category for t in tax.topics.values()} == {"pollutant", "sector", "measure", "indicator"}


@pytest.mark.parametrize(
    "content, message",
    [
        ("topics:\n  - {id: a, name: A, category: weird}\n", "unknown category"),
        ("topics:\n  - {id: a, name: A, category: sector}\n  - {id: a, name: B, category: sector}\n", "duplicate"),
        ("topics:\n  - {name: A}\n", "needs 'id'"),
        ("topics: [\n", "invalid YAML"),
    ],
)
def test_bad_taxonomy_names_file(tmp_path: Path, content, message):
    bad = tmp_path / "topics.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message):
        load_taxonomy_file(bad)
