"""Plans bundled in one document, each after its own preamble (pdf2 224: 福建's 冶金, 建材 and 石化化工 plans in one PDF):
which preamble names a plan, which clauses each plan holds, and which plan a question names by the words that set it
apart. Preamble texts are real ones of pdf2 and the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.records import Clause
from search.answer_text import part_named
from search.readmodel import bundled_parts, part_title

# pdf2 224's three preambles as its text layer gives them (the third opens with the second plan's attachment list)
FUJIAN_PREAMBLES = (
    "福建省工业和信息化厅关于印发冶金、建材、石化化工行业“十四五”节能降碳实施方案的通知\n各设区市工信局，平潭综合实验区经发局：\n"
    "…结合我省实际情况，制定了《福建省冶金行业“十四五”节能降碳实施方案》《福建省建材行业“十四五”节能降碳实施方案》"
    "《福建省石化化工行业“十四五”节能降碳实施方案》，现印发给你们，请抓好组织实施。\n福建省工业和信息化厅\n2022年3月7日\n"
    "（此件主动公开）\n福建省冶金行业“十四五”节能降碳实施方案\n为贯彻落实党中央、国务院关于碳达峰、碳中和重大战略决策部署，…制定本实施方案。",
    "福建省建材行业“十四五”节能降碳实施方案\n为贯彻落实党中央、国务院关于碳达峰碳中和重大战略决策部署，…特制定本行动方案。",
    "附件：1.建材行业重点领域能效基准水平和标杆水平（2021年版）\n2.建材行业限制类工艺装备（产业结构调整指导目录2019年版）\n"
    "3.建材行业淘汰类工艺装备和产品（产业结构调整指导目录2019年版）福建省石化化工行业“十四五”节能降碳实施方案\n"
    "为贯彻落实党中央、国务院关于碳达峰、碳中和重大战略决策部署，…制定本实施方案。",
)


@pytest.mark.parametrize(
    "text, place, title",
    [
        (FUJIAN_PREAMBLES[0], "福建省", "福建省冶金行业“十四五”节能降碳实施方案"),
        (FUJIAN_PREAMBLES[1], "福建省", "福建省建材行业“十四五”节能降碳实施方案"),
        (FUJIAN_PREAMBLES[2], "福建省", "福建省石化化工行业“十四五”节能降碳实施方案"),
        # a notice's title ends with 通知, a body's name with 局, a date or a table of contents is no plan's title (pdf2 428
        # 阿坝, 425 内江, 566 天津 preambles)
        ("关于印发《阿坝藏族羌族自治州“十四五”生态环境保护规划》的通知", "阿坝藏族羌族自治州", ""),
        ("内江市生态环境局", "内江市", ""),
        ("天津市发展和改革委员会", "天津市", ""),
        ("目录", "西宁市", ""),
        # a plan's title inside a sentence is named, not opened ("…制定了《福建省冶金行业…方案》…")
        ("根据《福建省冶金行业“十四五”节能降碳实施方案》，制定本细则。", "福建省", ""),
        # another place's plan opens no part of this document
        ("福建省建材行业“十四五”节能降碳实施方案", "江西省", ""),
        ("福建省建材行业“十四五”节能降碳实施方案", "", ""),
    ],
)
def test_the_plan_a_preamble_opens(text: str, place: str, title: str) -> None:
    assert part_title(text, place) == title


def _clauses(items: list[tuple[str, str, str]]) -> list[Clause]:
    return [
        Clause(f"d#{cid}", "d", kind, "", cid, "", text, (), None, order) for order, (cid, kind, text) in enumerate(items)
    ]


FUJIAN_CLAUSES = _clauses(
    [
        ("前言", "preamble", FUJIAN_PREAMBLES[0]),
        ("二（三）", "clause", "加快节能降碳改造。…并于2024年前完成改造升级…"),
        ("前言2", "preamble", FUJIAN_PREAMBLES[1]),
        ("二（三）~2", "clause", "加快节能降碳改造。…并于2023年前完成改造升级…"),
        ("前言3", "preamble", FUJIAN_PREAMBLES[2]),
        ("二（五）", "clause", "推动产业协同集聚发展。…"),
    ]
)


def test_a_document_bundling_plans_is_read_plan_by_plan() -> None:
    parts = bundled_parts(FUJIAN_CLAUSES, "福建省")
    assert {root.split("#")[1]: (title, sorted(m.split("#")[1] for m in members)) for root, (title, members) in parts.items()} == {
        "前言": ("福建省冶金行业“十四五”节能降碳实施方案", ["二（三）"]),
        "前言2": ("福建省建材行业“十四五”节能降碳实施方案", ["二（三）~2"]),
        # (a clause whose path needed no ~N to be unique still belongs to the plan it follows)
        "前言3": ("福建省石化化工行业“十四五”节能降碳实施方案", ["二（五）"]),
    }


def test_one_plan_titled_in_its_preamble_is_the_document_itself() -> None:
    one = _clauses([("前言", "preamble", FUJIAN_PREAMBLES[1]), ("一", "section", "总体要求")])
    assert bundled_parts(one, "福建省") == {}


@pytest.mark.parametrize(
    "question, plan",
    [
        ("福建建材行业这边，能效低于行业基准水平的存量项目要在哪一年之前完成改造升级？", "前言2"),
        ("福建冶金行业节能降碳方案里，存量项目最晚哪一年前完成改造升级？", "前言"),
        ("福建石化化工行业到2025年能效达到标杆水平的产能比例要超过多少？", "前言3"),
        # no plan's own words, or two plans' at once: none named
        ("福建节能降碳实施方案里存量项目什么时候完成改造？", None),
        ("福建冶金和建材行业的存量项目什么时候完成改造？", None),
    ],
)
def test_the_bundled_plan_a_question_names(question: str, plan: str | None) -> None:
    named = part_named(question, bundled_parts(FUJIAN_CLAUSES, "福建省"))
    assert (named.split("#")[1] if named else None) == plan
