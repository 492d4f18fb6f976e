"""Display names, role derivations, table cells and the graph view (ui/names.py, ui/graphview.py): pure functions."""

from __future__ import annotations

import pytest

from graph.store import Subgraph, SubgraphEdge, SubgraphNode
from ingest.records import Document, Target
from ui.graphview import agency_activity, focus_view, layout_positions, node_caption, node_info
from ui.names import cell_text, display_name, display_names, level_name, role_derivation, short_title, target_row, year_text

# the five corpus plans whose pickers all read "关于加快建立健全绿色低碳循环发展经济体系的实施方案"
SAME_TITLE_DOCS = [
    Document("234", "234.pdf", "关于加快建立健全绿色低碳循环发展经济体系实施方案", date="2022-03-08", level="city", region="梧州市"),
    Document("242", "242.pdf", "关于加快建立健全绿色低碳循环发展经济体系的实施意见", date="2021-10-20", level="city", region="邯郸市"),
    Document("353", "353.pdf", "关于加快建立健全绿色低碳循环发展经济体系实施方案", date="2022-04-26", level="city", region="天水市"),
    Document("355", "355.pdf", "关于加快建立健全绿色低碳循环发展经济体系的实施方案", date="2022-03-27", level="city", region="上饶市"),
    Document("360", "360.pdf", "关于加快建立健全绿色低碳循环发展经济体系的实施方案", doc_number="定政发〔2021〕48号",
             date="2021-10-29", level="city", region="定西市"),
]


def test_same_titles_read_apart() -> None:
    names = [display_name(d) for d in SAME_TITLE_DOCS]
    assert len(set(names)) == len(names)
    assert names[4] == "定西市 · 加快建立健全绿色低碳循环发展经济体系的实施方案 · 定政发〔2021〕48号 · 2021-10-29"


@pytest.mark.parametrize(
    "title, region, expected",
    [
        ("梧州市人民政府关于加快建立健全绿色低碳循环发展经济体系的实施方案", "梧州市", "加快建立健全绿色低碳循环发展经济体系的实施方案"),
        ("省发展改革委等五部门关于严格能效约束推动重点领域节能降碳工作的实施方案", "浙江省", "严格能效约束推动重点领域节能降碳工作的实施方案"),
        ("黑龙江关于2021-2023年推动碳达峰、碳中和工作滚动实施方案", "黑龙江省", "2021-2023年推动碳达峰、碳中和工作滚动实施方案"),
        ("太原市“十四五”节能减排实施方案", "太原市", "“十四五”节能减排实施方案"),
        ("2030年前碳达峰行动方案", "全国", "2030年前碳达峰行动方案"),
        # long titles keep their start and their type word
        ("贯彻落实碳达峰碳中和目标要求推动数据中心和5G等新型基础设施绿色高质量发展实施方案", "全国",
         "贯彻落实碳达峰碳中和目标要求推动数据中心和…质量发展实施方案"),
    ],
)
def test_short_title(title: str, region: str, expected: str) -> None:
    assert short_title(title, region) == expected


def test_inferred_title_is_marked_and_duplicates_get_their_file() -> None:
    shanxi = Document("shanxi", "shanxi.txt", "山西省2014－2015年节能减排低碳发展行动方案", level="provincial", region="山西省",
                      title_inferred=True)
    assert display_name(shanxi) == "山西省 · 2014－2015年节能减排低碳发展行动方案（推断）"
    twin = Document("shanxi-copy", "shanxi-copy.txt", shanxi.title, region="山西省", title_inferred=True)
    names = display_names([shanxi, twin])
    assert names["shanxi"] != names["shanxi-copy"] and names["shanxi-copy"].endswith("shanxi-copy.txt")


def test_levels_in_words() -> None:
    assert [level_name(x) for x in ("national", "provincial", "city", "county", "unknown")] == [
        "国家级", "省级", "市级", "县级", "层级未知"
    ]


@pytest.mark.parametrize(
    "role, source, evidence, expected",
    [
        ("lead", "annotation", "（市生态环境局牵头，市工信局、市交通局配合）", "written"),
        ("co", "annotation", "（市生态环境局牵头，市工信局、市交通局配合）", "written"),
        ("lead", "annotation", "(市生态环境局、市工信局、市交通局等按职责分工负责)", "first_listed"),
        ("co", "annotation", "(市生态环境局、市工信局、市交通局等按职责分工负责)", "listed_after"),
        ("implementing", "annotation", "（各县（市、区）政府负责落实）", "lower_level"),
        ("implementing", "carry_over", "以下均需县(市、区)政府、开发区管委会配合落实,名单不再一一列出", "carry_over"),
        ("lead", "prose", "省发展改革委要履行好…职责,会同省环保厅等有关部门加强对地方和企业的监督指导", "prose"),
    ],
)
def test_role_derivation(role: str, source: str, evidence: str, expected: str) -> None:
    assert role_derivation(role, source, evidence) == expected


def test_cells_never_say_none_or_dot_zero() -> None:
    assert [year_text(v) for v in (None, float("nan"), 2025.0, 2025, "")] == ["", "", "2025", "2025", ""]
    assert [cell_text(v) for v in (None, float("nan"), 14.5, 3.0, "14.5%")] == ["", "", "14.5", "3", "14.5%"]


def test_target_row_region_is_the_documents() -> None:
    # a target stored by an older ingest under a look-alike region ("能源资源…" -> 资源县)
    t = Target("d#一#t1", "d#一", "单位GDP能耗", "单位地区生产总值能耗", "13.5%", 13.5, "%", "下降", None, 2025.0, "",
               region="资源县")
    doc = Document("d", "d.pdf", "梧州市人民政府关于加快建立健全绿色低碳循环发展经济体系的实施方案", region="梧州市")
    row = target_row(t, doc, "一 总体要求")
    assert row == {"地区": "梧州市", "指标": "单位GDP能耗", "目标值": "13.5%", "基准年": "", "目标年": "2025", "限定": "",
                   "文件": "梧州市 · 加快建立健全绿色低碳循环发展经济体系的实施方案", "条款": "一 总体要求"}


# --------------------------------------------------------------------------- graph view
def _graph(n_clauses: int) -> Subgraph:
    nodes = [
        SubgraphNode("Agency:太原市生态环境局", "Agency", "太原市生态环境局", {"name": "太原市生态环境局", "region": "太原市"}),
        SubgraphNode("Agency:太原市工信局", "Agency", "太原市工信局", {"name": "太原市工信局", "region": "太原市"}),
        SubgraphNode("Topic:vocs", "Topic", "挥发性有机物", {"topic_id": "vocs", "name": "挥发性有机物"}),
    ]
    edges = []
    for i in range(n_clauses):
        cid = f"Clause:d#三（{i}）"
        nodes.append(SubgraphNode(cid, "Clause", f"三（{i}）", {"clause_id": cid[7:], "doc_id": "d", "path": f"三（{i}）",
                                                               "heading": "挥发性有机物综合整治工程"}))
        edges.append(SubgraphEdge("Agency:太原市生态环境局", cid, "LEADS"))
        edges.append(SubgraphEdge("Agency:太原市工信局", cid, "CO_RESPONSIBLE"))
        edges.append(SubgraphEdge(cid, "Topic:vocs", "ABOUT"))
    return Subgraph(tuple(sorted(nodes, key=lambda n: n.id)), tuple(edges))


def test_focus_keeps_all_clauses_of_the_agency_and_says_when_capped() -> None:
    full = _graph(19)
    view = focus_view(full, agency="太原市工信局", limit=21)
    clauses = [n for n in view.nodes if n.label == "Clause"]
    assert len(clauses) == 19 and view.focus == "Agency:太原市工信局"
    assert view.total_nodes == 22 and view.capped  # the topic and the other agency did not all fit
    assert not focus_view(full, agency="太原市工信局", limit=80).capped
    assert agency_activity(full) == {"太原市生态环境局": 19, "太原市工信局": 19}


def test_captions_and_side_panel_are_short_and_without_ids() -> None:
    full = _graph(1)
    by_id = {n.id: n for n in full.nodes}
    assert node_caption(by_id["Agency:太原市生态环境局"]) == "生态环境局"
    assert node_caption(by_id["Clause:d#三（0）"]) == "三（0） 挥发性有机物综合整…"
    info = node_info(by_id["Clause:d#三（0）"], {"d": "太原市 · “十四五”节能减排实施方案"})
    assert info == {"类别": "条款", "条款": "三（0）", "标题": "挥发性有机物综合整治工程", "文件": "太原市 · “十四五”节能减排实施方案"}


def test_layout_is_seeded() -> None:
    full = _graph(6)
    assert layout_positions(full.nodes, full.edges) == layout_positions(full.nodes, full.edges)


def test_cli_prints_targets_across_regions_as_a_table() -> None:
    import io

    from rich.console import Console

    from ui.render import print_answer

    part = {"found": True, "targets": [{"indicator": "单位GDP能耗", "value": "14.5%", "year": 2025, "qualifier": "", "region": ""}],
            "evidence": [{"doc_title": "太原市“十四五”节能减排实施方案", "clause_no": "一（二）"}]}
    answer = {"question": "太原和晋城的单位GDP能耗分别下降多少？", "intent": "target_value", "found": True, "answer": "…",
              "agencies": [], "targets": [], "evidence": [],
              "parts": [dict(part, region="太原市"), dict(part, region="晋城市", targets=[dict(part["targets"][0], value="14%")])]}
    out = io.StringIO()
    print_answer(answer, Console(file=out, width=160))
    lines = [line for line in out.getvalue().splitlines() if "单位GDP能耗" in line and "市" in line[:8]]
    assert len(lines) == 2 and "太原市" in lines[0] and "14.5%" in lines[0] and "2025" in lines[0]
    assert "晋城市" in lines[1] and "14%" in lines[1]
