"""The answer JSON's additions of issue 13: how each agency's role was read (``how``, ``confidence``, one
library function for the UI and the JSON) and the ``target_table`` of an answer split by region."""

from __future__ import annotations

import json

import pytest

from ingest.records import Responsibility
from search.answer import (
    DERIVATIONS,
    TARGET_TABLE_KEYS,
    Answer,
    AnswerAgency,
    AnswerTarget,
    Evidence,
    responsibility_how,
    role_derivation,
    target_table,
)
from ui import names

TY = "taiyuan-shisiwu-jienengjianpai"
JC = "jincheng-shisiwu-jienengjianpai"


def _part(region: str, doc_id: str, targets: tuple[AnswerTarget, ...], found: bool = True) -> Answer:
    ev = Evidence(f"{doc_id}.txt", "t", region, "二", "主要目标", "…", 1.0, clause_id=f"{doc_id}#二")
    return Answer("q", "target_value", found, "a", (), targets, (ev,) if found else (), region=region)


@pytest.mark.parametrize(
    "resp, expected",
    [
        (Responsibility("c", "太原市生态环境局", "lead", 1.0, "annotation", "(市生态环境局、市工信局等按职责分工负责)"),
         ("first_listed", 1.0)),
        (Responsibility("c", "太原市工信局", "co", 1.0, "annotation", "（市生态环境局牵头，市工信局配合）"), ("written", 1.0)),
        (Responsibility("c", "太原市开发区管委会", "implementing", 0.9, "carry_over", "以下均需…配合落实"), ("carry_over", 0.9)),
        (Responsibility("c", "辽宁省发展改革委", "lead", 0.6, "prose", "省发展改革委要履行好…职责"), ("prose", 0.6)),
    ],
)
def test_how_a_role_was_read(resp: Responsibility, expected: tuple[str, float]) -> None:
    assert responsibility_how(resp) == expected
    assert expected[0] in DERIVATIONS


def test_the_ui_uses_the_library_derivation() -> None:
    assert names.role_derivation is role_derivation and names.DERIVATIONS is DERIVATIONS


def test_agency_json_keys_and_equality() -> None:
    a = AnswerAgency("太原市生态环境局", "lead", "太原市", "first_listed", 1.0)
    assert list(a.to_dict()) == ["name", "role", "region", "how", "confidence"]
    assert a.to_dict()["how"] == "first_listed" and a.to_dict()["confidence"] == 1.0
    # one agency in one role is one agency of an answer, however each clause stated it
    assert a == AnswerAgency("太原市生态环境局", "lead", "太原市", "written", 0.6)
    assert AnswerAgency("x", "co").to_dict() == {"name": "x", "role": "co", "region": "", "how": "", "confidence": None}


def test_target_table_rows_per_region() -> None:
    ty = _part("太原市", TY, (
        AnswerTarget("单位GDP能耗", "14.5%", "%", 2025, "太原市", "基本目标", None, f"{TY}#二"),
        AnswerTarget("单位GDP能耗", "16.5%", "%", 2025, "太原市", "激励目标", None, f"{TY}#二"),
    ))
    # the target's own region is a place named in its sentence; the row takes the document's
    jc = _part("晋城市", JC, (AnswerTarget("单位GDP能耗", "15.5%", "%", 2025, "资源县", "", 2020, f"{JC}#二"),))
    missing = _part("大同市", "", (), found=False)
    answer = Answer("太原和晋城的单位GDP能耗分别下降多少？", "target_value", True, "…", (),
                    ty.targets + jc.targets, ty.evidence + jc.evidence, parts=(ty, jc, missing))
    rows = target_table(answer)
    assert [list(r) for r in rows] == [list(TARGET_TABLE_KEYS)] * 3
    assert [(r["region"], r["value"], r["qualifier"], r["base_year"], r["target_year"]) for r in rows] == [
        ("太原市", "14.5%", "基本目标", None, 2025),
        ("太原市", "16.5%", "激励目标", None, 2025),
        ("晋城市", "15.5%", "", 2020, 2025),
    ]
    assert rows[2]["clause_id"] == f"{JC}#二" and rows[2]["doc_id"] == JC
    d = answer.to_dict()
    assert list(d) == ["question", "intent", "found", "answer", "agencies", "targets", "evidence", "target_table", "parts"]
    assert d["target_table"] == rows and "target_table" not in d["parts"][0]
    assert json.loads(answer.to_json())["target_table"][0]["region"] == "太原市"


def test_target_table_only_with_parts_that_state_targets() -> None:
    single = _part("太原市", TY, (AnswerTarget("单位GDP能耗", "14.5%", "%", 2025, "", "", None, f"{TY}#二"),))
    assert "target_table" not in single.to_dict()  # one region: the targets list is the table
    assert target_table(single)[0]["region"] == "太原市"  # … though the UI draws it from the same rows
    no_targets = Answer("q", "lead_agency", True, "a", parts=(_part("太原市", TY, ()), _part("晋城市", JC, ())))
    assert list(no_targets.to_dict())[-1] == "parts" and "target_table" not in no_targets.to_dict()
    assert target_table(Answer("q", "target_value", False, "")) == []
