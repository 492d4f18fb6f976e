"""scripts/agency_split_report.py: each agency answer counted right as scored, right as one set of bodies, or why not."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "agency_split_report.py"
SEEDS = ROOT / "data" / "eval" / "seed_questions.jsonl"
_spec = importlib.util.spec_from_file_location("agency_split_report", SCRIPT)
report = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(report)

# the first seed question (太原 三(九): 市生态环境局 leads, 市工信局 and 市交通局 co), as written in the public gold
GOLD = {
    "id": "s01", "intent": "lead_agency", "doc": "taiyuan-shisiwu-jienengjianpai.txt",
    "lead": ["太原市生态环境局"], "co": ["太原市工信局", "太原市交通局"],
}
OWN = [{"source": "taiyuan-shisiwu-jienengjianpai.txt"}]
OTHER = [{"source": "jincheng-shisiwu-jienengjianpai.txt"}]


def _answer(roles: list[tuple[str, str]], evidence: list[dict] = OWN, found: bool = True) -> dict:
    return {"found": found, "agencies": [{"name": n, "role": r} for n, r in roles], "evidence": evidence}


@pytest.mark.parametrize(
    "answer, outcome",
    [
        (_answer([("太原市生态环境局", "lead"), ("太原市工信局", "co"), ("太原市交通局", "co")]), "strict"),
        (_answer([("太原市生态环境局", "lead"), ("太原市工信局", "lead"), ("太原市交通局", "lead")]), "set"),
        (_answer([("太原市工信局", "lead"), ("太原市生态环境局", "co"), ("太原市交通局", "co")]), "set"),
        (_answer([]), "no body named"),
        (_answer([], found=False), "refused"),
        (_answer([("太原市生态环境局", "lead"), ("太原市工信局", "co")]), "a body missing"),
        (_answer([("太原市生态环境局", "lead"), ("太原市工信局", "co"), ("太原市交通局", "co"), ("太原市财政局", "co")]),
         "a body too many"),
        (_answer([("太原市生态环境局", "lead"), ("太原市财政局", "co")]), "some bodies differ"),
        (_answer([("晋城市生态环境局", "lead")], evidence=OTHER), "another document cited"),
        (_answer([("太原市发展改革委", "lead")]), "different bodies"),
        # implementing bodies count among the co names, as the scorer counts them
        (_answer([("太原市生态环境局", "lead"), ("太原市工信局", "implementing"), ("太原市交通局", "implementing")]),
         "strict"),
    ],
)
def test_an_agency_answer_is_classified(answer: dict, outcome: str) -> None:
    assert report.classify(GOLD, answer) == outcome


def test_the_report_prints_totals_only(tmp_path: Path) -> None:
    items = [
        {"id": "s01", "intent": "lead_agency", "answer": _answer([("太原市生态环境局", "lead"), ("太原市工信局", "co"),
                                                                   ("太原市交通局", "co")])},
        {"id": "s02", "intent": "lead_agency", "answer": _answer([], found=False)},
    ]
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"items": items}, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCRIPT), str(results), str(SEEDS)], capture_output=True, text=True,
                         check=True)
    assert run.stdout.startswith("lead_agency: 2 questions, right as scored 1 (0.50), right as one set of bodies 1 (0.50)")
    assert "太原" not in run.stdout  # no question, name or answer is printed


def test_one_loose_name_for_two_gold_names_is_no_body_too_many() -> None:
    # (国家发展改革委 answers both gold names; the scorer counts it as one of two)
    gold = {"id": "x", "intent": "lead_agency", "doc": "a.pdf", "lead": ["国家发展改革委"], "co": ["发展改革委"]}
    answer = _answer([("国家发展改革委", "lead")], evidence=[{"source": "a.pdf"}])
    assert report.classify(gold, answer) == "names matched only loosely"
