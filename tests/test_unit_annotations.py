"""An annotation that speaks for a whole unit: a label line closing a section, and items answered from their unit.

Sources (texts as pdfplumber gives them): 231 辽宁省自然资源厅2021年度生态环境保护工作计划和措施清单 (each section
一、…十四、 closes with one "责任处室：…" line after its last item), 490 三明市林业碳汇“三建两创”行动 (every item closes
with its own "牵头单位：…\n责任单位：…" lines), 404 福州 “数字·绿色”技术改造专项行动方案 (every clause closes with its own
"责任单位：…" line); ../shared/corpus/pdf2.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import parse_file
from ingest.records import Clause
from ingest.responsibility import closes_with_bracket, closes_with_label, closing_bracket_owner, closing_label_owner
from search.embedder import HashingEmbedder
from search.service import PolicyKG

# --------------------------------------------------------------------------- which label lines close a unit
CLOSES = [
    # 231 一（二）3: the division line after the last measure
    ("强力推动工作进展。定期召开各市自然资源部门分管负责同志参加的工作调度会议，通报工作进展，部署下步重点工作。"
     "\n责任处室：自然资源调查监测处", ["责任处室：自然资源调查监测处"], True),
    # 231 八（二）: a deadline line may follow the label
    ("具体工作措施\n按照国家要求全面开展“十三五”期间省级政府耕地保护责任目标履行情况自查并形成自查报告报国家。"
     "\n责任处室：耕地保护监督处\n完成时限：按照自然资源部统一部署要求", ["责任处室：耕地保护监督处"], True),
    # 490 三（二）1: lead and responsible lines together
    ("加强林业碳汇计量评估。开展碳汇计量评估监测，科学评估森林生态系统的固碳能力及其碳汇价值。"
     "\n牵头单位：市林业局\n责任单位：市发改委、生态环境局、自然资源局，各县（市、区）人民政府",
     ["牵头单位：市林业局\n责任单位：市发改委、生态环境局、自然资源局，各县（市、区）人民政府"], True),
    # a bracketed annotation closes its sentence, not a unit
    ("推进城镇生活污水处理设施建设。（市住建局、市生态环境局按职责分工负责）",
     ["（市住建局、市生态环境局按职责分工负责）"], False),
    # a label followed by more of the clause's text is not its closing line
    ("绩效考核促争先。\n责任单位：市工信局、市统计局、市效能办\n对完成年度技改目标任务的县（市）区加分。",
     ["责任单位：市工信局、市统计局、市效能办"], False),
]


@pytest.mark.parametrize("text, written, expected", CLOSES)
def test_closes_with_label(text, written, expected):
    assert closes_with_label(text, written) is expected


def test_an_indented_closing_label_closes_too():
    assert closes_with_label("强力推动工作进展。\n  责任处室：自然资源调查监测处", ["责任处室：自然资源调查监测处"])


def _clause(cid: str, kind: str, parent: str | None, text: str = "") -> Clause:
    return Clause(clause_id=f"d#{cid}", doc_id="d", kind=kind, number="", path=cid, heading=cid, text=text,  # type: ignore[arg-type]
                  parent_id=f"d#{parent}" if parent else None)


# 231 section 一: the label line ends item 一（二）3 and nothing else in 一 is annotated -> section 一 owns it
LIAONING_231 = [
    _clause("前言", "preamble", None),
    _clause("一", "section", None),
    _clause("一（一）", "clause", "一"),
    _clause("一（二）", "clause", "一"),
    _clause("一（二）1", "item", "一（二）"),
    _clause("一（二）2", "item", "一（二）"),
    _clause("一（二）3", "item", "一（二）"),
    _clause("二", "section", None),
    _clause("二（一）", "clause", "二"),
]
# 490 三（二）: every item closes with its own lines -> each keeps its own
SANMING_490 = [
    _clause("三", "section", None),
    _clause("三（二）", "clause", "三"),
    _clause("三（二）1", "item", "三（二）"),
    _clause("三（二）2", "item", "三（二）"),
    _clause("三（二）3", "item", "三（二）"),
]
# 404 四: every clause closes with its own 责任单位 line -> each keeps its own
FUZHOU_404 = [
    _clause("四", "section", None),
    _clause("四（一）", "clause", "四"),
    _clause("四（二）", "clause", "四"),
    _clause("四（三）", "clause", "四"),
]


def _children(clauses: list[Clause]) -> dict[str, list[Clause]]:
    out: dict[str, list[Clause]] = {}
    for c in clauses:
        if c.parent_id:
            out.setdefault(c.parent_id, []).append(c)
    return out


@pytest.mark.parametrize(
    "clauses, labelled, annotated, owner",
    [
        (LIAONING_231, "一（二）3", {"一（二）3"}, "一"),
        (SANMING_490, "三（二）3", {"三（二）1", "三（二）2", "三（二）3"}, "三（二）3"),
        (SANMING_490, "三（二）1", {"三（二）1", "三（二）2", "三（二）3"}, "三（二）1"),  # not the last item
        (FUZHOU_404, "四（三）", {"四（一）", "四（二）", "四（三）"}, "四（三）"),
        # the section itself annotated: the line closes only the unit below it whose last item it ends
        (LIAONING_231, "一（二）3", {"一", "一（二）3"}, "一（二）"),
    ],
)
def test_closing_label_owner(clauses, labelled, annotated, owner):
    by_id = {c.clause_id: c for c in clauses}
    got = closing_label_owner(f"d#{labelled}", by_id, _children(clauses), {f"d#{a}" for a in annotated})
    assert got == f"d#{owner}"


# --------------------------------------------------------------------------- a bracket ending a unit's last item
CLOSES_WITH_BRACKET = [
    # pdf2 122 广州黄埔 第三条（一）2: the bracket after the item's last sentence
    ("项目投资方根据区发展改革部门的申报通知申报，区发展改革部门对申报项目进行评审论证，将符合补助条件的项目纳入补助计划。"
     "项目评审论证及验收由区发展改革部门委托第三方评估机构开展。（责任单位：区发展改革局）", ["（责任单位：区发展改革局）"], True),
    # pdf2 122 第八条（二）3: the same, the full stop after the bracket
    ("按照活动实际支出经费的30%给予补贴，最高100万元。（责任单位：区发展改革局）。", ["（责任单位：区发展改革局）"], True),
    # a bracket inside the item, more text after it
    ("推进城镇生活污水处理设施建设（市住建局负责），到2025年城市污水处理率达到97%。", ["（市住建局负责）"], False),
    # two annotations: each closes its own sentence
    ("推进污水处理。（市住建局负责）加强污泥处置。（市生态环境局负责）", ["（市住建局负责）", "（市生态环境局负责）"], False),
    # a label line is the other rule's
    ("强力推动工作进展。\n责任处室：自然资源调查监测处", ["责任处室：自然资源调查监测处"], False),
    ("", [""], False),
]


@pytest.mark.parametrize("text, written, expected", CLOSES_WITH_BRACKET)
def test_closes_with_bracket(text, written, expected):
    assert closes_with_bracket(text, written) is expected


# pdf2 122 广州黄埔: 第三条（一） holds items 1 (the subsidy) and 2 (the procedure, annotated at its end); 第三条（二）, a unit
# without items beside it, carries its own annotation -> the document annotates at the （N） level, 第三条（一） owns it
HUANGPU_122 = [
    _clause("第三条", "article", None),
    _clause("第三条（一）", "clause", "第三条"),
    _clause("第三条（一）1", "item", "第三条（一）"),
    _clause("第三条（一）2", "item", "第三条（一）"),
    _clause("第三条（二）", "clause", "第三条"),
]


@pytest.mark.parametrize(
    "clauses, bracketed, annotated, owner",
    [
        (HUANGPU_122, "第三条（一）2", {"第三条（一）2", "第三条（二）"}, "第三条（一）"),
        # no unit beside the parent annotated on its own: the items may be measures of their own, the bracket stays
        (HUANGPU_122, "第三条（一）2", {"第三条（一）2"}, "第三条（一）2"),
        # the other item annotated too: each keeps its own
        (HUANGPU_122, "第三条（一）2", {"第三条（一）1", "第三条（一）2", "第三条（二）"}, "第三条（一）2"),
        # not the last item
        (HUANGPU_122, "第三条（一）1", {"第三条（一）1", "第三条（二）"}, "第三条（一）1"),
        # the last item's own sub-items annotated: its bracket is its own
        (HUANGPU_122 + [_clause("第三条（一）2（1）", "item", "第三条（一）2")], "第三条（一）2",
         {"第三条（一）2", "第三条（一）2（1）", "第三条（二）"}, "第三条（一）2"),
        # nothing beside 一（二） annotated (二（一） is under another section): the bracket stays with its item
        (LIAONING_231, "一（二）3", {"一（二）3", "二（一）"}, "一（二）3"),
    ],
)
def test_closing_bracket_owner(clauses, bracketed, annotated, owner):
    by_id = {c.clause_id: c for c in clauses}
    got = closing_bracket_owner(f"d#{bracketed}", by_id, _children(clauses), {f"d#{a}" for a in annotated})
    assert got == f"d#{owner}"


# --------------------------------------------------------------------------- end to end, both stores
PLAN_231 = """辽宁省自然资源厅2021年度生态环境保护工作计划和措施清单

一、开展年度国土变更调查工作
（一）年度工作计划
按照自然资源部统一部署，及时启动2021年度国土变更调查工作，按时保质保量完成任务，为全省自然资源管理和重大政策决策的制定提供详实的自然资源本底数据支撑。
（二）具体工作措施
1.选用高水平作业队伍。通过公开招标，选聘信誉好、技术力量强、具有丰富国土调查工作经验的省级作业队伍。
2.加强与自然资源部沟通联系。及时了解国家层面工作动态，重点关注2021年工作变化情况。
3.强力推动工作进展。定期召开各市自然资源部门分管负责同志参加的工作调度会议，通报工作进展，部署下步重点工作。
责任处室：自然资源调查监测处
二、严格管控围填海
（一）年度工作计划
严格管控围填海项目，除国家重大项目外，全面停止新增围填海项目审批。
（二）具体工作措施
继续实施最严格的围填海管控要求，除国家重大战略项目外，全面停止新增围填海项目审核。
责任处室：海域海岛管理处
"""


def test_a_closing_label_speaks_for_its_section_and_its_items(store, tmp_path: Path):
    plan = tmp_path / "辽宁省自然资源厅2021年度生态环境保护工作计划和措施清单.txt"
    plan.write_text(PLAN_231, encoding="utf-8")
    parsed = parse_file(plan)
    by_path = {c.clause_id: c.path for c in parsed.clauses}
    owners = {(by_path[r.clause_id], r.agency, r.role) for r in parsed.responsibilities}
    assert owners == {
        ("一", "辽宁省自然资源厅自然资源调查监测处", "lead"),
        ("二", "辽宁省自然资源厅海域海岛管理处", "lead"),
    }

    kg = PolicyKG(store, tmp_path / "index", lambda: HashingEmbedder(dim=64))
    assert kg.ingest([plan]).ok
    engine = kg.engine
    item = next(c for c in parsed.clauses if c.path == "一（一）")
    roles, how = engine.effective_responsibilities(item.clause_id)
    assert how == "parent" and [r.agency.name for r in roles] == ["辽宁省自然资源厅自然资源调查监测处"]
    # an item of the section (its own measure, not the section's heading) answers from the section's label line
    answer = kg.ask("辽宁省自然资源厅2021年选用高水平作业队伍由哪个处室负责？")
    assert answer.found and answer.lead == ["辽宁省自然资源厅自然资源调查监测处"]
    assert answer.evidence[0].clause_no == "一（二）1" and "据其所在条目的责任标注" in answer.answer
