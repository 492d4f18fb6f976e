"""An item under a clause that only leads into its items is read with it (search.readmodel.lead_in): the words of
"工业能源资源节约和综合利用项目的扶持方向、条件、标准和审核方式如下：" belong to its item "扶持标准：…不超过1000万元"."""

from __future__ import annotations

import pytest

from ingest.records import Clause
from search.readmodel import lead_in, lead_in_actors


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


@pytest.mark.parametrize(
    "text, place, names",
    [
        # cases a named body acts on, read for each item (pdf2 487 浙江 管理办法 第二十条, 34 碳排放权交易管理办法, 110 深圳
        # 操作规程)
        ("以下情形经确定，由省林业局向省碳达峰碳中和工作领导小组办公室提出退出试点名单建议：", "浙江", ["省林业局"]),
        ("全国碳排放权注册登记机构和全国碳排放权交易机构及其工作人员违反本办法规定，有下列行为之一的，由生态环境部依法给予处分：",
         "", ["生态环境部"]),
        ("市工业和信息化主管部门根据下达的项目资助计划拨付资金前，发现下列情形，可以撤销资助项目并终止资金拨付：", "深圳",
         ["市工业和信息化主管部门"]),
        # what a body must have or hand in charges it with none of its items (pdf2 331 湖北 核查机构管理办法)
        ("核查机构应具备以下遴选条件:", "湖北", []),
        # a lead-in naming no body, and a clause that is no lead-in (pdf2 309 深圳: "两部分" is no ministry)
        ("申报单位应提交以下材料:", "", []),
        ("申报条件由基础申报条件和专项申报条件两部分组成。", "深圳", []),
    ],
)
def test_the_actor_a_lead_in_charges_with_its_items(text: str, place: str, names: list[str]) -> None:
    got, _together, sentence = lead_in_actors(_clause(text), place)
    assert got == names
    assert bool(sentence) is bool(names)
