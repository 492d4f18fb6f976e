"""What an answer says when no agency was extracted, and the report's annotation counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.report import TOTAL_FILE, corpus_report
from search.answer import NO_AGENCY_SENTENCE, no_agency_sentence


@pytest.mark.parametrize(
    "unreadable, expected",
    [
        ("", "文件未指明该条款的责任部门"),
        # 465 南平 第七章: the bracket is quoted instead of claiming the document names no agency
        ("（推进单位：相关部门按职责推进）",
         "该条款写有责任标注“（推进单位：相关部门按职责推进）”，但未能从中识别出责任部门，请以原文为准"),
        ("（责任单位：2022年6月底前由市政府确定）",
         "该条款写有责任标注“（责任单位：2022年6月底前由市政府确定）”，但未能从中识别出责任部门，请以原文为准"),
    ],
)
def test_no_agency_sentence(unreadable, expected):
    assert no_agency_sentence(unreadable) == expected


def test_no_agency_sentence_never_says_no_agency_when_something_was_unreadable():
    assert NO_AGENCY_SENTENCE not in no_agency_sentence("（责任单位：各项目业主单位（名单见附件3））")


def test_report_counts_unreadable_annotations_and_task_rows(tmp_path: Path):
    plan = tmp_path / "德州市试点工作方案.txt"
    plan.write_text(
        "德州市试点工作方案\n\n一、重点任务\n"
        "（一）开展试点示范。选择部分园区开展减污降碳试点。（责任单位：2022年6月底前由市政府确定）\n"
        "（二）强化资金保障。统筹用好各级资金。（市财政局、市发展改革委等按职责分工负责）\n",
        encoding="utf-8",
    )
    bad = tmp_path / "空文件.txt"
    bad.write_text("", encoding="utf-8")
    rows = corpus_report([plan, bad])
    total = rows[-1]
    assert total["file"] == TOTAL_FILE
    assert {"unreadable_annotations", "task_rows"} <= set(total)
    assert (total["unreadable_annotations"], total["task_rows"]) == (1, 0)
    assert (total["files"], total["parsed"], total["failed"]) == (2, 1, 1)
    by_file = {Path(r["file"]).name: r for r in rows[:-1]}
    assert by_file["空文件.txt"]["unreadable_annotations"] == 0 and by_file["空文件.txt"]["task_rows"] == 0
    assert by_file["德州市试点工作方案.txt"]["annotated_clauses"] == 1
