"""Figures a sentence states and counts a question asks for (search/answerers.py), over real sentences."""

from __future__ import annotations

import pytest

from search.answerers import RE_ASKED_COUNT, RE_FIGURE

# (sentence from a real plan, states a figure)
FIGURE_SENTENCES = [
    ("开展林草碳汇试点工作，完成1000块碳汇样地调查。", True),  # 辽宁 林业草原 规划
    ("符合上述年度排放量要求的自备电厂视同发电行业重点排放单位。共25家（名单详见附件）。", True),  # 天津 碳市场 通知
    ("到2025年，全市单位地区生产总值能耗下降14.5%。", True),  # 太原 seed
    ("扶持标准:奖励,单个国家级产品奖励金额不超过20万元,省级不超过10万元。", True),  # 深圳 扶持计划
    ("新建大型、超大型数据中心电能利用效率（PUE）降到1.3以下。", False),  # a ratio without unit: a target, not a figure
    ("核查机构名称等信息发生变更的，应当在变更后30日内向主管部门报告。", True),
    ("推进挥发性有机物综合治理。", False),
]


@pytest.mark.parametrize("sentence, figure", FIGURE_SENTENCES)
def test_figures_with_units_and_counting_words(sentence: str, figure: bool) -> None:
    assert bool(RE_FIGURE.search(sentence)) is figure


# (question, counting word asked for)
COUNT_QUESTIONS = [
    ("辽宁林草规划中林草碳汇试点要完成多少块碳汇样地调查？", "块"),
    ("天津2022年纳入全国碳市场的发电行业重点排放单位有多少家？", "家"),
    ("湖北碳排放核查机构名称等信息变更后多少天内要向主管部门报告？", "天"),
    ("全省要建成几个零碳示范园区？", "个"),
    ("太原市挥发性有机物综合整治由哪个部门牵头？", None),
    ("到2025年单位GDP能耗下降多少？", None),
]


@pytest.mark.parametrize("question, word", COUNT_QUESTIONS)
def test_counting_word_a_question_asks_for(question: str, word: str | None) -> None:
    m = RE_ASKED_COUNT.search(question)
    assert (m.group(1) if m else None) == word
