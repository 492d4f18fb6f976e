"""An item under a clause that only leads into its items is read with it (search.readmodel.lead_in): the words of
"工业能源资源节约和综合利用项目的扶持方向、条件、标准和审核方式如下：" belong to its item "扶持标准：…不超过1000万元"."""

from __future__ import annotations

import pytest

from ingest.records import Clause
from search.readmodel import lead_in


def _clause(text: str) -> Clause:
    return Clause(clause_id="d#1", doc_id="d", kind="item", number="1", path="1", heading="", text=text, parent_id=None, order=1)


@pytest.mark.parametrize(
    "text, leads",
    [
        # pdf2 110 深圳 操作规程 第三章第八条, and the genre's "…如下：" lead-ins
        ("工业能源资源节约和综合利用项目的扶持方向、条件、标准和审核方式如下：", True),
        ("申报单位应提交以下材料:", True),
        # a clause with content of its own, or a long one, is no lead-in
        ("扶持标准：事后直接资助，资助金额不超过审计核定的项目总投资的30%，单个项目资助金额不超过1000万元。", False),
        ("加快节能降碳改造。对能效低于行业基准水平的存量项目，应加快节能降碳、提质增效改造，并于2024年前完成改造升级，"
         "未能按期完成改造升级的项目坚决予以淘汰退出，引导冶金行业集中集聚发展，具体要求如下：", False),
        ("", False),
    ],
)
def test_a_clause_that_only_leads_into_its_items(text: str, leads: bool) -> None:
    got = lead_in(_clause(text))
    assert bool(got) is leads
    assert not leads or got == text.strip()


def test_no_parent_no_lead_in() -> None:
    assert lead_in(None) == ""
