"""``policykg eval-extraction`` on a 5-line gold written by reading 179 福建 附表3 (tests/fixtures/tables)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.extraction_eval import load_annotation_gold, names_match

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "tests" / "fixtures" / "tables"
GOLD_179 = TABLES / "annotation_gold_179.jsonl"


def _run(*args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a subprocess, as in tests/test_cli.py."""
    return subprocess.run(
        [sys.executable, "-c", "from ui.cli import main; main()", *args],
        capture_output=True, text=True, env=dict(os.environ), cwd=ROOT, timeout=timeout,
    )


def test_eval_extraction_json_on_the_fujian_table_gold():
    proc = _run("eval-extraction", str(GOLD_179), "--corpus", str(TABLES), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert (result["lines"], result["documents"], result["documents_missing"]) == (5, 1, [])
    assert result["clause_not_found"] == 0 and result["false_no_agency"] == 0
    lead = result["roles"]["lead"]
    assert (lead["precision"], lead["recall"]) == (1.0, 1.0)
    assert lead["tp"] == 4
    assert result["roles"]["implementing"]["recall"] == 1.0
    assert result["failures"] == []


def test_eval_extraction_table_output_names_missing_documents(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"doc": "不存在的文件.pdf", "evidence": "任意", "lead": ["市发展改革委"]}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    proc = _run("eval-extraction", str(gold), "--corpus", str(TABLES))
    assert proc.returncode == 0, proc.stderr
    assert "document not found or not parsed: 不存在的文件.pdf" in proc.stdout
    assert proc.stdout.splitlines()[0].split() == ["role", "P", "R", "tp", "fp", "fn"]


def test_eval_extraction_bad_gold_line_exits_2(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a.pdf"}\n', encoding="utf-8")
    proc = _run("eval-extraction", str(gold), "--corpus", str(TABLES))
    assert proc.returncode == 2
    assert "gold.jsonl:1" in proc.stderr


def test_gold_file_lines_are_well_formed():
    lines = load_annotation_gold(GOLD_179)
    assert len(lines) == 5
    assert all((TABLES / g["doc"]).exists() for g in lines)


@pytest.mark.parametrize(
    "gold, extracted, same",
    [
        ("福州市生态环境局", "福州市生态环境局", True),
        ("德州市发展改革委", "德州市发改委", True),  # alias
        ("福州市建设局", "福州市商务局", False),
    ],
)
def test_names_match(gold, extracted, same):
    assert names_match(gold, extracted) is same


@pytest.mark.parametrize(
    "gold, name, same",
    [
        # pdf2 293 安徽: the 配合单位 written by the document's short forms, extracted by the full names it lists
        ("环科院", "安徽省环境科学研究院", True),
        ("信息中心", "安徽省环境信息中心", True),
        ("宣教中心", "安徽省环境保护宣传教育中心", True),
        ("第一专员办公室", "安徽省生态环境厅第一专员办公室", True),
        # another body, a department (alias rules decide those), a name written with its level
        ("信息中心", "安徽省环境监测中心", False),
        ("住建局", "安徽省住房和城乡建设厅", False),
        ("省信息中心", "安徽省环境信息中心", False),
    ],
)
def test_a_bare_short_form_the_document_uses(gold: str, name: str, same: bool) -> None:
    from ingest.extraction_eval import names_match

    assert names_match(gold, name) is same
