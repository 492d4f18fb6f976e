"""End-to-end QA over the four seed documents with the real embedding model.

One session-scoped ``PolicyKG`` (networkx store in a tmp dir) ingests ``data/*.txt`` once; the
acceptance bar is 40/40 on ``data/eval/seed_questions.jsonl`` through :func:`search.eval.evaluate`.
The embedding cache is shared across runs (vectors are keyed by model and text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from graph.networkx_store import NetworkxGraphStore
from search.answer import NO_AGENCY_SENTENCE, Answer, AnswerAgency, Evidence
from search.embedder import load_default_embedder
from search.eval import evaluate, same_agency_names, score_item
from search.service import PolicyKG

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
GOLD = DATA / "eval" / "seed_questions.jsonl"
CONTRACT_KEYS = ["question", "intent", "found", "answer", "agencies", "targets", "evidence"]


def _networkx_service(store_dir: Path) -> PolicyKG:
    """A networkx-backed service in ``store_dir`` with the real model and the suite's shared embedding cache."""
    return PolicyKG(
        NetworkxGraphStore(store_dir / "graph.json"),
        store_dir / "index",
        load_default_embedder,
        embedding_cache=Path.home() / ".cache" / "policykg" / "test-embcache.sqlite",
    )


@pytest.fixture(scope="session")
def kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _warmed_service(tmp_path_factory, "qa-store", sorted(DATA.glob("*.txt")), added=4)


def test_vocs_lead_exactly(kg: PolicyKG) -> None:
    ans = kg.ask("太原市挥发性有机物综合整治由哪个部门牵头？")
    d = ans.to_dict()
    assert list(d) == CONTRACT_KEYS
    assert d["found"] is True and d["intent"] == "lead_agency"
    assert [(a["name"], a["role"]) for a in d["agencies"] if a["role"] != "implementing"] == [
        ("太原市生态环境局", "lead"),
        ("太原市工信局", "co"),
        ("太原市交通局", "co"),
    ]
    assert all(a["region"] == "太原市" for a in d["agencies"])
    ev = d["evidence"][0]
    assert (ev["source"], ev["clause_no"], ev["heading"]) == (
        "taiyuan-shisiwu-jienengjianpai.txt",
        "三（九）",
        "挥发性有机物综合整治工程",
    )
    assert "推进源头清洁替代" in ev["text"]
    assert "太原市生态环境局" in d["answer"]
    assert json.loads(ans.to_json()) == d


@pytest.mark.parametrize(
    "question, regions",
    [
        # the more specific place decides ("山西省的大同市")
        ("山西省的大同市淘汰落后产能由哪个部门牵头？", ["大同市"]),
        # …unless it is written only inside a quoted name, another place outside (frozen14 "湖南要打造“株洲氢谷”…")
        ("山西省要打造“大同煤都转型示范区”，这项工作由哪个部门牵头？", ["山西省"]),
    ],
)
def test_a_place_inside_a_quoted_name_is_no_scope(kg: PolicyKG, question: str, regions: list[str]) -> None:
    kg.ask("太原")  # (the engine is built on the first question)
    answerers = kg.engine.answerers
    assert answerers.answer_regions(answerers.parser.parse(question)) == regions


@pytest.mark.parametrize(
    ("question", "clause", "lead"),
    [
        # places of the asked city's plan named inside its measure (frozen31 qf31-4-13 "阿坝州规划提出加快阿坝县、理县…"):
        # the plan answers, not each place in turn ("【高平市】未在已收录高平市的文件中找到…")
        ("晋城提出重点推进高平市、陵川县整县分布式光伏开发试点，由哪个部门牵头？", "三（七）", "晋城市机关事务服务中心"),
        ("太原方案提出推进古交市、娄烦县生活垃圾跨区域协同处置，这项工作由哪个部门负责？", "三（十）", "太原市生态环境局"),
    ],
)
def test_places_named_inside_a_measure_of_the_plan(kg: PolicyKG, question: str, clause: str, lead: str) -> None:
    ans = kg.ask(question)
    assert ans.found and not ans.parts
    assert ans.evidence[0].clause_no == clause
    assert ans.lead == [lead]


@pytest.mark.parametrize(
    "question, place",
    [
        ("深圳市挥发性有机物治理由哪个部门牵头？", "深圳市"),
        ("大同市“十四五”单位GDP能耗下降目标是多少？", "大同市"),
        ("陕西省挥发性有机物治理由哪个部门牵头？", "陕西省"),  # not 山西
        ("晋中市公共机构能效提升工程谁牵头？", "晋中市"),  # not 晋城
        ("江苏省2015年单位GDP能耗下降多少？", "江苏省"),
        ("大同VOCs治理哪个局牵头", "大同市"),  # not 太原
    ],
)
def test_not_in_corpus(kg: PolicyKG, question: str, place: str) -> None:
    ans = kg.ask(question)
    assert ans.found is False
    assert ans.answer == f"未在已收录文件中找到{place}的相关规定。"
    assert not ans.agencies and not ans.evidence


@pytest.mark.parametrize(
    "question",
    ["太原市核电站建设由哪个部门牵头？", "太原市氢能产业发展目标是多少？"],
)
def test_topic_not_in_documents_is_not_found(kg: PolicyKG, question: str) -> None:
    ans = kg.ask(question)
    assert ans.found is False and not ans.agencies and not ans.targets


@pytest.mark.parametrize(
    "question",
    [
        "并政发〔2099〕7号方案里，挥发性有机物综合整治由哪个部门牵头？",  # a number no stored document has
        "按晋政发[2031]3号文件，太原市挥发性有机物综合整治由谁牵头？",
    ],
)
def test_a_doc_number_naming_no_stored_document_is_left_out(kg: PolicyKG, question: str) -> None:
    ans = kg.ask(question)  # parsed again without the number; the question's region and intent stay
    assert ans.found is True and ans.intent == "lead_agency"
    assert ("太原市生态环境局", "lead") in [(a.name, a.role) for a in ans.agencies]


def test_clause_without_annotation(kg: PolicyKG) -> None:
    ans = kg.ask("山西省2014-2015年方案中淘汰落后产能由哪个部门牵头？")
    assert ans.found is True and ans.agencies == ()
    assert NO_AGENCY_SENTENCE in ans.answer
    assert ans.evidence[0].clause_no == "二（一）" and ans.evidence[0].heading == "加快淘汰落后产能"


def test_a_government_charged_in_the_asked_sentence_is_its_actor(kg: PolicyKG) -> None:
    # "省政府将实行…考核" (山西 seed 九（二十八）): no responsibility is stored for the plan's own government charging itself,
    # but the sentence the question asks about names it, before a modal, as who does the assessment — since round 34 the
    # answer quotes that sentence, says no annotation names it, and names the government (it had only mentioned it);
    # never "the clause names nobody"
    ans = kg.ask("山西省单位GDP能耗、污染物减排和二氧化碳排放强度降低目标责任考核由谁负责？")
    assert ans.found is True and [(a.name, a.role) for a in ans.agencies] == [("山西省政府", "lead")]
    assert ans.evidence[0].clause_no == "九（二十八）"
    assert "未以责任标注写明责任部门" in ans.answer and "省政府将实行" in ans.answer
    assert "文件未指明该条款的责任部门" not in ans.answer


@pytest.mark.parametrize(
    "question",
    [
        "太原VOCs治理哪个局牵头负责？",  # VOCs = 挥发性有机物, 治理 ~ 整治
        "太原市挥发性有机物综合整治由谁牵头？",
    ],
)
def test_paraphrases_reach_the_same_clause(kg: PolicyKG, question: str) -> None:
    ans = kg.ask(question)
    assert ans.lead == ["太原市生态环境局"] and ans.co == ["太原市工信局", "太原市交通局"]
    assert ans.evidence[0].clause_no == "三（九）"


def test_indicator_paraphrase_target_order(kg: PolicyKG) -> None:
    for q in ("太原市到2025年单位地区生产总值能耗要下降多少？", "太原市到2025年单位GDP能耗要下降多少？"):
        ans = kg.ask(q)
        assert [t.value for t in ans.targets][:2] == ["14.5%", "16.5%"]
        assert ans.targets[0].qualifier == "基本目标"
    assert kg.ask("山西2014年氮氧化物排放要比2013年下降多少？").targets[0].value == "6%"


def test_agency_alias_duties(kg: PolicyKG) -> None:
    ans = kg.ask("太原市发改委牵头哪些工作？")
    assert ans.found and ans.intent == "agency_duties"
    headings = [e.heading for e in ans.evidence]
    assert "交通物流节能减排工程" in headings and "遏制“两高”项目盲目发展" in headings


def test_ask_many_and_search(kg: PolicyKG) -> None:
    answers = kg.ask_many(["太原公共机构能效提升工程的牵头单位是谁？", "深圳市挥发性有机物治理由哪个部门牵头？"])
    assert [a.found for a in answers] == [True, False]
    hits = kg.search("挥发性有机物综合整治", region="晋城", k=3)
    assert hits and hits[0].document.region == "晋城市"
    similar = kg.similar(clause_id="taiyuan-shisiwu-jienengjianpai#三（九）", k=5)
    assert similar and all(s.clause.doc_id != "taiyuan-shisiwu-jienengjianpai" for s in similar)


def test_reingest_skips_unchanged(kg: PolicyKG) -> None:
    report = kg.ingest([DATA])
    assert report.ok and len(report.skipped) == 4 and not report.added and not report.updated


def test_seed_questions_40_of_40(kg: PolicyKG, tmp_path: Path) -> None:
    report = evaluate(GOLD, kg)
    report.write_json(tmp_path / "eval.json")
    print(report.table())
    assert report.correct == len(report.items) == 40, report.table()
    assert report.evidence_at_3 == 1.0, report.table()


PARAPHRASES = DATA / "eval" / "seed_paraphrases.jsonl"


def test_seed_paraphrases(kg: PolicyKG) -> None:
    """Held-out rewordings of seed facts (gold read from the documents, not from the system)."""
    report = evaluate(PARAPHRASES, kg)
    print(report.table())
    assert len(report.items) >= 50
    assert report.accuracy >= 0.95, report.table()
    per = report.per_intent()
    # honesty is exact: refusals and "the document names no department" never slip
    for intent in ("not_in_corpus", "no_annotation"):
        assert per[intent]["correct"] == per[intent]["n"], report.table()


def test_target_year_beyond_the_documents_is_not_found(kg: PolicyKG) -> None:
    # the 晋城 plan stops at 2025: its 2025 figure does not answer a 2030 question
    for q in ("晋城市2030年非化石能源比重目标是多少？", "太原市2030年碳排放达峰目标是多少？"):
        ans = kg.ask(q)
        assert ans.found is False and not ans.targets
    assert kg.ask("晋城非化石能源占能源消费总量比重目标是多少？").targets[0].value == "9%"


def test_figure_without_extracted_target_is_quoted(kg: PolicyKG) -> None:
    ans = kg.ask("太原2023年工业转型升级资金预算多少？")
    assert ans.found is True and "10亿元" in ans.answer
    assert ans.evidence[0].heading == "强化资金政策支持力度"


def test_answers_are_deterministic(kg: PolicyKG) -> None:
    # latency is measured by bench/bench_ask.py, not asserted here
    answers = [kg.ask("太原市挥发性有机物综合整治由哪个部门牵头？").to_dict() for _ in range(3)]
    assert answers[0] == answers[1] == answers[2]


def test_score_item_rules() -> None:
    ans = Answer("q", "target_value", True, "下降14.5%")
    assert score_item({"intent": "target_value", "value": "14.5%"}, ans) == (True, "")
    assert score_item({"intent": "not_in_corpus"}, Answer("q", "lead_agency", False, "x"))[0]
    assert not score_item({"intent": "no_annotation"}, Answer("q", "lead_agency", False, "x"))[0]


# an article without a heading is named in the gold by its number (pdf2 331 湖北 核查机构管理办法 第三条, 511 全国碳排放权交易
# 管理办法 第一章第四条): the evidence's numbering path ends with it; a heading or number the evidence lacks is missing
@pytest.mark.parametrize(
    ("headings", "correct"),
    [(["第三条", "第四条"], True), (["第四条", "核查机构"], True), (["第五条"], False), (["三条"], False)],
)
def test_duties_gold_names_an_article_by_its_number(headings: list[str], correct: bool) -> None:
    evidence = tuple(
        Evidence(source="d.pdf", doc_title="d", region="湖北省", clause_no=no, heading=heading, text="…")
        for no, heading in (("第三条", ""), ("第一章第四条", "核查机构"))
    )
    ans = Answer("q", "agency_duties", True, "…", evidence=evidence)
    assert score_item({"intent": "agency_duties", "clause_headings": headings}, ans)[0] is correct


# gold lead / co names against answered names: a division written bare (the way the 黑龙江 and 江苏 departments'
# own work plans annotate 监测处、气候处) is the answer's name of it with its department; nothing else is loosened
@pytest.mark.parametrize(
    ("gold", "answered", "same"),
    [
        ({"监测处", "黑龙江省监测中心"}, {"黑龙江省生态环境厅监测处", "黑龙江省监测中心"}, True),
        ({"气候处", "财审处"}, {"黑龙江省生态环境厅气候处", "黑龙江省生态环境厅财审处"}, True),
        ({"法规处"}, {"黑龙江省生态环境厅法规处"}, True),
        ({"法规处"}, {"黑龙江省生态环境厅法规处", "黑龙江省生态环境厅气候处"}, False),
        # a plan's lower places charged with a task are their governments, written or not (frozen38 qf38-3-31 郑州 417)
        ({"郑州市各区县（市）人民政府"}, {"郑州市各区县（市）"}, True),
        ({"福建省各设区市"}, {"福建省各设区市人民政府"}, True),
        ({"郑州市人民政府"}, {"郑州市"}, False),
        ({"郑州市各区县（市）人民政府"}, {"郑州市各区县（市）生态环境局"}, False),
        # a field written with a character lost as the document's text writes it, or whole (pdf2 207 安徽)
        ({"安徽省经济和信息厅"}, {"安徽省经济和信息化厅"}, True),
        ({"安徽省经济和信息化厅"}, {"安徽省经济和信息厅"}, True),
        ({"安徽省经济和信息化厅"}, {"安徽省工业和信息化厅"}, False),
        ({"法规处", "气候处"}, {"黑龙江省生态环境厅法规处", "黑龙江省生态环境厅法规处室"}, False),
        ({"协调中心"}, {"黑龙江省协调中心"}, False),  # not a division: the region is part of the name
        # a city bureau's sections (科) as its own notice names them (pdf2 261 齐齐哈尔 住建局)
        ({"行政审批科"}, {"齐齐哈尔市住房和城乡建设局行政审批科"}, True),
        ({"公用事业管理科"}, {"齐齐哈尔市住房和城乡建设局公用事业管理科"}, True),
        ({"公用事业管理科"}, {"齐齐哈尔市住房和城乡建设局市政基础设施建设科"}, False),
        # … the whole division, never its last words (261 has 村镇建设科 and 市政基础设施建设科, 公用事业管理科 and 建筑业管理科)
        ({"建设科"}, {"齐齐哈尔市住房和城乡建设局村镇建设科"}, False),
        ({"管理科"}, {"齐齐哈尔市住房和城乡建设局公用事业管理科"}, False),
        ({"发展改革委"}, {"大连市发展改革委"}, False),
        ({"江苏省住建厅"}, {"江苏省住建厅"}, True),
        # a district's body as the district's own document writes it, and with its city (繁昌区 pdf2 plan)
        ({"繁昌区发展改革委"}, {"芜湖市繁昌区发展改革委"}, True),
        ({"繁昌区财政局", "繁昌区经信局"}, {"芜湖市繁昌区财政局", "芜湖市繁昌区经信局"}, True),
        ({"繁昌区发展改革委"}, {"芜湖市发展改革委"}, False),
        ({"发展改革委"}, {"芜湖市繁昌区发展改革委"}, False),
        # … and the other way: the gold with the parent region, the answer as the district's own document writes it
        # (pdf2 314 浦东新区 "浦东新区人民政府应当建立绿色债券项目储备")
        ({"上海市浦东新区人民政府"}, {"浦东新区人民政府"}, True),
        ({"上海市浦东新区人民政府"}, {"浦东新区生态环境局"}, False),
        # a national body as a national document writes it (环气候〔2020〕57号: 发展改革委、人民银行…)
        ({"发展改革委", "人民银行"}, {"国家发展改革委", "人民银行"}, True),
        ({"能源局"}, {"国家能源局"}, True),
        ({"能源局"}, {"山西省能源局"}, False),
        # an autonomous place by its short form, with or without its level (海西州 and 阿坝州 plans in pdf2)
        ({"海西州林草部门"}, {"海西蒙古族藏族自治州林草部门"}, True),
        ({"阿坝州生态环境局", "阿坝州财政局"}, {"阿坝藏族羌族自治州生态环境局", "阿坝藏族羌族自治州财政局"}, True),
        ({"内蒙古发展改革委"}, {"内蒙古自治区发展改革委"}, True),
        ({"海东州林草部门"}, {"海西蒙古族藏族自治州林草部门"}, False),
        # without its level only when the short form names that place: 海南 is the province, not 海南藏族自治州
        ({"海南发展改革委"}, {"海南藏族自治州发展改革委"}, False),
        ({"海南州发展改革委"}, {"海南藏族自治州发展改革委"}, True),
        ({"海西州林草部门"}, {"海西蒙古族藏族自治州农牧部门"}, False),
        # a department by its short form in the alias table, before a division too (齐齐哈尔 261 in pdf2, 住建局 and
        # 发改委 written both ways across the genre)
        ({"齐齐哈尔市住建局市政基础设施建设科"}, {"齐齐哈尔市住房和城乡建设局市政基础设施建设科"}, True),
        ({"齐齐哈尔市住房和城乡建设局公用事业管理科"}, {"齐齐哈尔市住建局公用事业管理科"}, True),
        ({"南京市发改委"}, {"南京市发展和改革委员会"}, True),
        ({"齐齐哈尔市住建局村镇建设科"}, {"齐齐哈尔市住房和城乡建设局公用事业管理科"}, False),
        ({"南京市住建局"}, {"无锡市住房和城乡建设局"}, False),
        # a development zone's body by the zone's generic short form, as the zone's own documents write it (北京经开区
        # 120 in pdf2: "主责部门为经开区经济发展局", "由开发区城市运行局牵头")
        ({"经开区经济发展局"}, {"北京经济技术开发区经济发展局"}, True),
        ({"开发区城市运行局", "开发区开发建设局"}, {"北京经济技术开发区城市运行局", "北京经济技术开发区开发建设局"}, True),
        ({"高新区管委会"}, {"成都高新技术产业开发区管委会"}, True),
        ({"经开区经济发展局"}, {"北京经济技术开发区开发建设局"}, False),
        ({"开发区政务服务中心"}, {"区政务服务中心"}, False),
        # one body written with different forms of the alias table on either side, as the annotation scorer counts it
        # (frozen26: 55 江苏 "联合人行南京分行…", 411 "人民银行、证监会…")
        ({"黑龙江省发展改革委"}, {"黑龙江省发改委"}, True),
        ({"中国人民银行南京分行"}, {"人行南京分行"}, True),
        ({"中国人民银行"}, {"人民银行"}, True),
        ({"江苏省生态环境厅"}, {"江苏省财政厅"}, False),
        ({"国家发展改革委"}, {"江苏省发改委"}, False),
        # a place's department of a field written generically, as plans and rules write it, against that place's
        # department of the field (pdf2: 468 西安 "生态环境部门负责规划实施评估", 101 福建条例 "人民政府生态环境主管部门",
        # 110 深圳 扶持计划 "工业和信息化主管部门", 473 宁德 "水利、生态环境部门")
        ({"西安市生态环境局"}, {"西安市生态环境部门"}, True),
        ({"福建省生态环境厅"}, {"福建省人民政府生态环境主管部门"}, True),
        ({"深圳市工业和信息化局"}, {"深圳市工业和信息化主管部门"}, True),
        ({"宁德市水利局", "宁德市生态环境局"}, {"宁德市水利部门", "宁德市生态环境部门"}, True),
        ({"黑龙江省生态环境部门"}, {"黑龙江省生态环境厅"}, True),
        ({"上海市发展改革委"}, {"上海市发展改革部门"}, True),
        ({"宁德市水利局"}, {"宁德市生态环境部门"}, False),
        ({"西安市生态环境局"}, {"宝鸡市生态环境部门"}, False),
        ({"生态环境部"}, {"生态环境部门"}, False),
        ({"邯郸市住建局"}, {"邯郸市建设行政主管部门"}, False),
        # … a district's, with its parent region written on one side (pdf2 314 浦东新区 "浦东新区生态环境部门")
        ({"上海市浦东新区生态环境局"}, {"浦东新区生态环境部门"}, True),
        ({"上海市浦东新区生态环境局"}, {"浦东新区发展改革部门"}, False),
        # a place written with its level word after it (562 四川, 537 江苏 plans in pdf2: "省级能源主管部门")
        ({"四川省级能源主管部门"}, {"四川省能源主管部门"}, True),
        ({"江苏省级住房城乡建设部门"}, {"江苏省住房城乡建设部门"}, True),
        ({"四川省级能源主管部门"}, {"四川省发展改革委"}, False),
        # a city's zone after the city's short name or its full name (pdf2 404 福州 "福州高新区管委会负责落实")
        ({"福州高新区管委会"}, {"福州市高新区管委会"}, True),
        ({"福州高新区管委会"}, {"厦门市高新区管委会"}, False),
        # a government written with or without 人民 (pdf2 424 云南 "省委、省政府对本地区环境治理负总体责任")
        ({"云南省人民政府", "云南省委"}, {"云南省政府", "云南省委"}, True),
        ({"株洲市政府"}, {"株洲市人民政府"}, True),
        ({"株洲市政府"}, {"湘潭市人民政府"}, False),
        # a national body without 国务院 as a national document writes it (pdf2 11 国资委's guidance)
        ({"国资委"}, {"国务院国资委"}, True),
        # brackets of another form (pdf2 384 贵州 "各市〔州〕人民政府" as a reader copies it)
        ({"贵州省各市〔州〕人民政府"}, {"贵州省各市（州）人民政府"}, True),
        ({"贵州省各市〔州〕人民政府"}, {"贵州省各县（市）人民政府"}, False),
        # 经济信息化局 is 经济和信息化局 (pdf2 514 北京 "市经济信息化局")
        ({"北京市经济和信息化局"}, {"北京市经济信息化局"}, True),
        # the equivalences compose with the alias table's forms and an autonomous place's short form (pdf2 繁昌 "区发改委"
        # written by readers both ways and without 芜湖市; 海西 "农牧部门" written 海西州农牧局)
        ({"繁昌区发展改革委", "繁昌区审计局"}, {"芜湖市繁昌区发改委", "芜湖市繁昌区审计局"}, True),
        ({"海西州农牧局"}, {"海西蒙古族藏族自治州农牧部门"}, True),
        ({"海西州发展改革委"}, {"海西蒙古族藏族自治州发展改革部门"}, True),
        ({"繁昌区发展改革委"}, {"芜湖市湾沚区发改委"}, False),
        ({"海西州农牧局"}, {"海西蒙古族藏族自治州林草部门"}, False),
        ({"海西州农牧局"}, {"海北藏族自治州农牧部门"}, False),
        (set(), set(), True),
    ],
)
def test_gold_agency_names_against_the_answer(gold: set[str], answered: set[str], same: bool) -> None:
    assert same_agency_names(gold, answered) is same


# the bodies an answer names as implementing (辽源 "各县区政府、辽源高新区管委会按职责分工负责") count among the co names
# when the gold lists them there, and may be left out of them
@pytest.mark.parametrize(
    ("gold_co", "correct"),
    [
        (["辽源市农业农村局"], True),
        (["辽源市农业农村局", "辽源市各县区政府", "辽源高新区管委会"], True),
        (["辽源市农业农村局", "辽源市各县区政府"], False),
        ([], False),
    ],
)
def test_implementing_bodies_in_the_gold_co(gold_co: list[str], correct: bool) -> None:
    agencies = (AnswerAgency("辽源市工业和信息化局", "lead"), AnswerAgency("辽源市农业农村局", "co"),
                AnswerAgency("辽源市各县区政府", "implementing"), AnswerAgency("辽源高新区管委会", "implementing"))
    ans = Answer("q", "lead_agency", True, "…", agencies=agencies)
    gold = {"intent": "lead_agency", "lead": ["辽源市工业和信息化局"], "co": gold_co}
    assert score_item(gold, ans)[0] is correct


# a gold name written without its place, as the plan writes its own place's bodies (pdf2: 梧州 "发展改革委、商务局"
# annotations, 宁夏 "自治区住房城乡建设厅", 江苏 537 "省级住房城乡建设部门", 上饶 355 "省民航机场集团上饶机场分公司",
# 北京经开区 120 "开发建设局", 海西 445 "林草部门"), is the answer's name of it with the place — only when the answer
# cites the gold's document, which alone says what place that is
@pytest.mark.parametrize(
    ("gold_names", "answered", "gold_doc", "cited", "correct"),
    [
        (["住房城乡建设局", "发展改革委"], ["梧州市住房城乡建设局", "梧州市发展改革委"], "梧州.pdf", "梧州.pdf", True),
        (["自治区住房城乡建设厅"], ["宁夏回族自治区住房城乡建设厅"], "宁夏.pdf", "宁夏.pdf", True),
        (["省级住房城乡建设部门"], ["江苏省住房城乡建设部门"], "江苏.pdf", "江苏.pdf", True),
        (["省民航机场集团上饶机场分公司"], ["江西省民航机场集团上饶机场分公司"], "上饶.pdf", "上饶.pdf", True),
        (["开发建设局"], ["北京经济技术开发区开发建设局"], "经开区.pdf", "经开区.pdf", True),
        (["林草部门"], ["海西蒙古族藏族自治州林草部门"], "海西.pdf", "海西.pdf", True),
        (["发改委"], ["来宾市发展改革委"], "来宾.pdf", "来宾.pdf", True),
        # another document cited: the place may be another one
        (["住房城乡建设局"], ["梧州市住房城乡建设局"], "梧州.pdf", "来宾.pdf", False),
        # the level word must be the place's: a province's body is no city's
        (["市住建局"], ["江西省住建局"], "上饶.pdf", "上饶.pdf", False),
        (["自治区住房城乡建设厅"], ["宁夏回族自治州住房城乡建设厅"], "宁夏.pdf", "宁夏.pdf", False),
        # what stands before the body must be a place of the gazetteer (有关省 is none)
        (["省级工业和信息化主管部门"], ["有关省级工业和信息化主管部门"], "工信部.pdf", "工信部.pdf", False),
        # another body, or two merged into one
        (["生态环境局"], ["梧州市发展改革委"], "梧州.pdf", "梧州.pdf", False),
        (["水利部门", "生态环境部门"], ["河南省水利和生态环境部门"], "河南.pdf", "河南.pdf", False),
    ],
)
def test_gold_names_without_their_place(
    gold_names: list[str], answered: list[str], gold_doc: str, cited: str, correct: bool
) -> None:
    ans = Answer(
        "q", "lead_agency", True, "…",
        agencies=tuple(AnswerAgency(name, "lead") for name in answered),
        evidence=(Evidence(source=cited, doc_title="t", region="r", clause_no="一", heading="h", text="x"),),
    )
    gold = {"intent": "lead_agency", "doc": gold_doc, "lead": gold_names, "co": []}
    assert score_item(gold, ans)[0] is correct


# ----------------------------------------------------------------------------- held-out corpus questions
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
CORPUS_GOLD = DATA / "eval" / "corpus_questions.jsonl"
# 10 real PDFs: 2 national, 3 provincial, 5 city plans (annotation styles: 按职责分工负责, 责任单位：,
# 牵头单位：…配合单位：, bare lists, "逗号前为牵头单位"); the gold was written by reading the clauses
CORPUS_PICK = ("2、", "247、", "134、", "205、", "347、", "100、", "186、", "356、", "357、", "358、")
# measured 53/55 (2026-11; misses: 辽源高新区管委会 read as co-responsible, 成都 三（二）1 roles), then
# 55/55 after the second corpus audit (named local governments / zone committees -> implementing)
CORPUS_FLOOR = 0.9


def _warmed_service(
    tmp_path_factory: pytest.TempPathFactory, name: str, paths: list[Path], added: int | None = None
) -> PolicyKG:
    """A warmed networkx-backed service over ``paths``; ``added``: how many documents the ingest must add."""
    service = _networkx_service(tmp_path_factory.mktemp(name))
    report = service.ingest(paths)
    assert report.ok and (added is None or len(report.added) == added), str(report)
    service.warm_up()
    return service


def _seeds_plus(
    tmp_path_factory: pytest.TempPathFactory, name: str, pdfs: list[Path], added: int | None = None
) -> PolicyKG:
    """A warmed networkx-backed service over the seeds plus ``pdfs`` (as a store holds them among other plans: the term
    weights are the store's); ``added``: how many documents the ingest must add."""
    return _warmed_service(tmp_path_factory, name, [*sorted(DATA.glob("*.txt")), *pdfs], added)


def _seeds_plus_pdfs(tmp_path_factory: pytest.TempPathFactory, name: str, pick: tuple[str, ...]) -> PolicyKG:
    """A networkx-backed service over the seeds plus the corpus PDFs whose names start with ``pick``."""
    pdfs = sorted(p for p in CORPUS.glob("*.pdf") if p.name.startswith(pick))
    assert len(pdfs) == len(pick)
    return _seeds_plus(tmp_path_factory, name, pdfs)


@pytest.fixture(scope="module")
def corpus_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _seeds_plus_pdfs(tmp_path_factory, "qa-corpus-store", CORPUS_PICK)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "national_listed"),
    [
        # places asked for: the national 2030年前碳达峰行动方案 (2) and 减污降碳协同增效实施方案 (247) are no place
        # (dev57 qd57-2-32, dev56 qd56-2-08: national documents had filled the places' list)
        ("成都提出大力发展光伏发电、推进分布式光伏建设，其他地方有没有类似的光伏发展措施？", False),
        ("成都提出大力发展光伏发电、推进分布式光伏建设，还有哪些地方的文件也有类似安排？", False),
        # … a national document asked for beside them is listed as before
        ("成都提出大力发展光伏发电、推进分布式光伏建设，其他地方或国家层面有没有类似的光伏发展措施？", True),
    ],
)
def test_places_asked_for_list_no_national_document(corpus_kg: PolicyKG, question: str, national_listed: bool) -> None:
    answer = corpus_kg.ask(question)
    national = {d for d, doc in corpus_kg.engine.model.docs.items() if doc.level == "national"}
    listed = {e.clause_id.split("#", 1)[0] for e in answer.evidence[1:]}
    assert answer.found and len(listed) >= 3, answer.answer
    assert bool(listed & national) is national_listed, answer.answer


@pytest.mark.slow
def test_every_plan_of_the_asked_name_is_listed(corpus_kg: PolicyKG) -> None:
    """"还有哪些城市出台了…实施方案": the plans whose titles hold as much of the theme as the best one are all listed, beyond the
    answer's usual number of plans (frozen22 qf22-2-29: seventeen cities' “十四五”生态环境保护规划, cut at eight)."""
    answerers = corpus_kg.engine.answerers
    frame = answerers.apply_document_reference(
        answerers.parser.parse("除了武汉，还有哪些城市出台了加快建立健全绿色低碳循环发展经济体系的实施方案？")
    )
    answer = answerers.similar(frame, k=1)
    assert answer.found and "辽源市" in answer.answer and "北海市" in answer.answer, answer.answer
    plans = [d for d in corpus_kg.engine.model.docs if d.startswith(("356、", "357、", "358、", "2、"))]
    tied = answerers.plans_holding_theme(frame, plans)
    assert sorted(d.split("、")[0] for d in tied) == ["356", "357", "358"], tied


@pytest.mark.slow
def test_corpus_questions_held_out(corpus_kg: PolicyKG, tmp_path: Path) -> None:
    report = evaluate(CORPUS_GOLD, corpus_kg)
    report.write_json(tmp_path / "eval-corpus.json")
    print(report.table())
    assert report.accuracy >= CORPUS_FLOOR, report.table()
    per = report.per_intent()
    # the refusal intents must stay exact: a wrong region or an invented agency is worse than a miss
    assert per["not_in_corpus"]["accuracy"] == 1.0, report.table()
    assert per["no_annotation"]["accuracy"] == 1.0, report.table()


@pytest.mark.slow
def test_seed_questions_unchanged_with_more_documents(corpus_kg: PolicyKG) -> None:
    # adding ten more plans (two of them national) must not pull seed answers elsewhere
    report = evaluate(GOLD, corpus_kg)
    assert report.correct == len(report.items), report.table()


# a place without documents named inside a measure of a covered place's plan answers from that plan (山东 347
# "支持威海市开展绿色金融改革创新"); written right after the covered place it narrows the scope and is not covered
PLACE_IN_A_MEASURE = [
    ("山东今年转型行动计划推广碳排放权抵质押贷款、支持威海绿色金融改革，哪些单位负责？", "山东省地方金融监管局"),
    ("山东省威海市绿色金融改革由哪个部门牵头？", None),
    ("山东的威海绿色金融改革谁牵头？", None),
]


@pytest.mark.parametrize("question, lead", PLACE_IN_A_MEASURE)
def test_a_place_named_inside_a_measure(corpus_kg: PolicyKG, question: str, lead: str | None) -> None:
    answer = corpus_kg.ask(question)
    if lead is None:
        assert not answer.found and "威海" in answer.answer, answer.answer
    else:
        assert answer.found and lead in [a.name for a in answer.agencies if a.role == "lead"], answer.answer


@pytest.fixture(scope="module")
def joint_plan_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _seeds_plus_pdfs(tmp_path_factory, "qa-joint-plan", ("57、",))


# a group of regions named by one word (川渝 / 成渝) is answered from the plan whose title names the group, with
# the lead of each region's list (57: "两省市列首位的为牵头单位")
JOINT_PLAN_CASES = [
    ("川渝两地建立跨区域合作项目财税利益分享机制，牵头单位分别是谁？", {"重庆市财政局", "四川省财政厅"}),
    ("成渝两地鼓励市民少开车、绿色低碳出行，这些工作由哪些部门负责？", {"重庆市交通局", "四川省交通运输厅"}),
    # a place no document covers, written inside the measure, yields to the group (frozen71 qf71-4-01 phrasing)
    ("川渝两地协同建设长宁—威远、涪陵、开州—达州国家级页岩气示范区，这项工作由哪些部门牵头？", {"重庆市能源局", "四川省能源局"}),
]


@pytest.mark.parametrize("question, leads", JOINT_PLAN_CASES)
def test_a_group_of_regions_asks_its_joint_plan(joint_plan_kg: PolicyKG, question: str, leads: set[str]) -> None:
    answer = joint_plan_kg.ask(question)
    assert answer.found and {a.name for a in answer.agencies if a.role == "lead"} == leads, answer.answer


def test_a_groups_joint_plan_not_stored_is_not_in_the_corpus(joint_plan_kg: PolicyKG) -> None:
    # 京津冀's own joint plan is asked for and none is stored (the store holds 成渝's): its members' plans do not
    # answer for it, and the answer names the group
    answer = joint_plan_kg.ask("京津冀协同推进碳达峰碳中和的联合行动方案里，区域能源绿色低碳转型由哪些部门牵头？")
    assert not answer.found and "京津冀" in answer.answer, answer.answer
    # … also when its title is written whole, like the stored group's plan's (frozen71 qf71-4-34 phrasing: the title
    # matched 成渝's by its shared words)
    answer = joint_plan_kg.ask("沪苏浙皖联合印发的长三角地区碳达峰碳中和联合行动方案里，跨省绿色电力交易由哪些部门牵头？")
    assert not answer.found and "长三角" in answer.answer, answer.answer
    # … but a group asked as the scope of other places' plans names no plan of its own (frozen25 qf25-4-27, frozen35
    # qf35-2-17 phrasings: "东北三省还有哪些地方也出台了…实施方案")
    answer = joint_plan_kg.ask("京津冀还有哪些地方也出台了碳达峰碳中和的联合行动方案？")
    assert "未在已收录文件中找到京津冀" not in answer.answer, answer.answer
    # … while a title's own issuing words are no question words (the review's phrasing)
    answer = joint_plan_kg.ask("长三角三省一市印发碳达峰碳中和联合行动方案里跨省绿色电力交易由谁牵头？")
    assert not answer.found and "长三角" in answer.answer, answer.answer


def test_a_place_asked_about_does_not_yield_to_a_group(joint_plan_kg: PolicyKG) -> None:
    # a place no document covers asked about at the head of the question is the place asked, not a place inside the
    # group's measure (the review's phrasing; cf. frozen71 qf71-4-01 in JOINT_PLAN_CASES)
    answer = joint_plan_kg.ask("达州市落实成渝地区双城经济圈碳达峰碳中和联合行动方案里，页岩气示范区由哪个部门牵头？")
    assert not answer.found and "达州" in answer.answer, answer.answer


# one clause states the same indicator for several years ("到2025年…15%…到2030年…20%"): the asked year's answers
ASKED_YEAR_CASES = [
    ("减污降碳协同增效实施方案中，2030年短流程炼钢占比要达到多少？", "20%", 2030),
    ("减污降碳协同增效实施方案中，2025年短流程炼钢占比要达到多少？", "15%", 2025),
    ("2030年前碳达峰行动方案提出2030年生活垃圾资源化利用比例要达到多少？", "65%", 2030),
    ("2030年前碳达峰行动方案里2025年生活垃圾资源化利用比例是多少？", "60%", 2025),
]


@pytest.mark.parametrize("question, value, year", ASKED_YEAR_CASES)
def test_target_of_the_asked_year(corpus_kg: PolicyKG, question: str, value: str, year: int) -> None:
    answer = corpus_kg.ask(question)
    assert answer.found and [(t.value, t.year) for t in answer.targets][:1] == [(value, year)], answer.answer


CORPUS_GOLD_2 = DATA / "eval" / "corpus_questions_2.jsonl"
# a third held-out set over 8 other PDFs (per-measure annotations 天津, prefix-less lists 梧州, 责任单位 with banks
# and companies 武汉, plans without annotations 江苏 / 邯郸, a national plan 296); 32/32 when written. Its store
# is separate because set 1 asks about 天水 as a region that is NOT stored.
CORPUS_PICK_2 = ("219、", "234、", "113、", "55、", "242、", "296、", "353、", "207、")


@pytest.fixture(scope="module")
def corpus_kg_2(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _seeds_plus_pdfs(tmp_path_factory, "qa-corpus-store-2", CORPUS_PICK_2)


@pytest.mark.slow
def test_a_clause_naming_no_responsibility_mentions_its_field_departments(corpus_kg_2: PolicyKG) -> None:
    """江苏 55 六（二十九） names no responsibility but writes 生态环境部门: the answer quotes it rather than saying the
    clause names none (a dev answer had said "文件未指明…" of clauses naming 交通运输部门, 各级节能主管部门 …)."""
    answerers = corpus_kg_2.engine.answerers
    clause_id = next(c for c in answerers.model.clauses if c.startswith("55、") and c.endswith("#六（二十九）"))
    text = answerers.no_agency(clause_id)
    assert "生态环境部门" in text and text != "文件未指明该条款的责任部门", text


def _assert_held_out_and_seeds(gold: Path, service: PolicyKG) -> None:
    """A held-out set meets the floor with exact refusals, and the seeds stay exact next to its plans."""
    report = evaluate(gold, service)
    print(report.table())
    assert report.accuracy >= CORPUS_FLOOR, report.table()
    per = report.per_intent()
    assert per["not_in_corpus"]["accuracy"] == 1.0, report.table()
    assert per["no_annotation"]["accuracy"] == 1.0, report.table()
    seeds = evaluate(GOLD, service)
    assert seeds.correct == len(seeds.items), seeds.table()


@pytest.mark.slow
def test_corpus_questions_held_out_second_set(corpus_kg_2: PolicyKG) -> None:
    _assert_held_out_and_seeds(CORPUS_GOLD_2, corpus_kg_2)


@pytest.mark.slow
def test_a_per_document_answer_narrows_to_the_measure_asked(corpus_kg_2: PolicyKG) -> None:
    """Each document's part of a per-document answer keeps only the bodies of the measure asked, as a single answer
    does: 天津 219 四（十二） names bodies for three measures, each after its own note; "设立绿色产品销售专区" is 市商务局's
    (the 2022 全国节能宣传周 attachment's "各级教育部门要指导大中小学…" paragraphs were answered with every level's
    department before, frozen17 qf17-3-05)."""
    answerers = corpus_kg_2.engine.answerers
    frame = answerers.parser.parse("推动电商平台设立绿色产品销售专区由哪些部门负责？")
    clause = next(c for c in answerers.model.clauses.values() if c.doc_id.startswith("219、") and c.path == "四（十二）")
    _sentence, narrowed = answerers.agency_sentence(clause.clause_id, frame)
    _sentence, whole = answerers.agency_sentence(clause.clause_id)
    assert [a.name for a in narrowed] == ["天津市商务局", "天津市各区人民政府"], narrowed
    assert len(whole) > len(narrowed)


CORPUS_GOLD_3 = DATA / "eval" / "corpus_questions_3.jsonl"
# a fourth held-out set over 8 more PDFs: 责任单位 lists with banks, regulators and a company (上海 361, 贵州 384,
# the latter with a "以下各条均涉及" carry-over), plans without annotations (湖南 326, 龙岩 354, 定西 360, 北京 316),
# a notice issuing three plans with their own outlines (福建 224) and a national plan (249 公共机构).
# Measured 26/29 before the fourth audit's fixes (黔晟国资公司 region-prefixed, "在…这块由谁来抓" not understood,
# 福建 224 read as one preamble), 29/29 after.
CORPUS_PICK_3 = ("224、", "316、", "326、", "360、", "361、", "384、", "354、", "249、")


@pytest.fixture(scope="module")
def corpus_kg_3(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _seeds_plus_pdfs(tmp_path_factory, "qa-corpus-store-3", CORPUS_PICK_3)


@pytest.mark.slow
def test_an_edition_year_before_the_documents_name_is_no_target_year(corpus_kg_2: PolicyKG) -> None:
    """江苏's 2022 工作计划 (corpus 55) is stored, the 2023 one is not: "…2023年推动碳达峰碳中和工作计划中…多少家" asks the
    2023 edition (the year stands before the document's name, not as a year to reach), so it is not in the store; the
    2022 edition's approximate count ("全省500余家…重点排放单位") answers the question about it."""
    missing = corpus_kg_2.ask("江苏省生态环境厅2023年推动碳达峰碳中和工作计划中，重点排放单位碳核查要覆盖多少家企业？")
    assert not missing.found and "未收录2023年" in missing.answer, missing.answer
    stored = corpus_kg_2.ask("江苏2022年推动碳达峰碳中和工作计划要组织多少家重点排放单位开展温室气体排放报告与核查？")
    assert stored.found and "500余家" in stored.answer, stored.answer


@pytest.mark.slow
def test_the_lower_places_as_the_asked_sentences_actor(corpus_kg_3: PolicyKG) -> None:
    """A clause without annotation whose asked sentence opens with the lower places themselves ("各设区市组织开展钢铁、
    电解铝等企业现有项目能效情况调查…", corpus 224 福建 二（二)): they are the ones in charge."""
    ans = corpus_kg_3.ask("福建省冶金建材石化化工节能降碳方案中，谁来组织开展钢铁、电解铝企业现有项目的能效情况调查？")
    assert ans.found and list(ans.lead) == ["福建省各设区市"] and [a.how for a in ans.agencies] == ["actor"], ans.answer


@pytest.mark.slow
def test_the_lower_governments_carrying_out_stay_beside_the_asked_sentences_body(corpus_kg_3: PolicyKG) -> None:
    """定西 (corpus 360) 八（二十三）: "各县区政府负责具体实施落实…。市发展改革委要发挥牵头抓总作用…" — the question asks about
    the second sentence; the lower governments charged with carrying out the clause stay in the answer beside its lead."""
    ans = corpus_kg_3.ask("定西市绿色低碳循环发展经济体系实施方案里，由哪个部门发挥牵头抓总作用、做好年度重点工作安排部署？")
    assert ans.found and list(ans.lead) == ["定西市发展改革委"], ans.answer
    assert [(a.name, a.role) for a in ans.agencies if a.role == "implementing"] == [("定西市各县区政府", "implementing")]


@pytest.mark.slow
def test_a_municipality_is_one_of_the_cities_asked_for(corpus_kg_3: PolicyKG) -> None:
    """"还有哪些城市出台了…实施方案" (frozen18 qf18-5-25): 上海 (corpus 361), a province-level city, is listed with 龙岩 (354)
    beside 定西 (360), the plan asked from."""
    answerers = corpus_kg_3.engine.answerers
    frame = answerers.apply_document_reference(
        answerers.parser.parse("除了定西，还有哪些城市出台了加快建立健全绿色低碳循环发展经济体系的实施方案？")
    )
    answer = answerers.similar(frame, k=1)
    assert answer.found and "上海市" in answer.answer and "龙岩市" in answer.answer, answer.answer


@pytest.mark.slow
def test_corpus_questions_held_out_third_set(corpus_kg_3: PolicyKG) -> None:
    _assert_held_out_and_seeds(CORPUS_GOLD_3, corpus_kg_3)


# ----------------------------------------------------------------------------- one measure of a multi-annotation clause
_TJ_TEXT = (
    "（十三）倡导绿色低碳生活方式。宣传贯彻餐饮行业制止餐饮浪费行为规范。（市商务局、各区人民政府按职责分工负责）"
    "完善生活垃圾分类制度体系，建立健全市、区、街道（乡镇）、社区（村）四级联动工作机制。"
    "（市城市管理委、各区人民政府按职责分工负责）扎实推进塑料污染全链条治理。（市生态环境局、市发展改革委、各区人民政府按职责分工负责）"
    "提升交通系统智能化水平，积极引导绿色出行。（市交通运输委、市发展改革委、各区人民政府按职责分工负责）"
)


def _roles_read(doc, clause):
    """The agency roles ingest reads from one excerpt clause of ``doc``, as the store would hold them."""
    from graph.store import AgencyRole
    from ingest.responsibility import extract_responsibilities

    resps, agencies, _ = extract_responsibilities([clause], doc)
    by_name = {a.name: a for a in agencies}
    return [AgencyRole(agency=by_name[r.agency], responsibility=r) for r in resps]


def _tj_roles():
    from types import SimpleNamespace

    from ingest.records import Clause, Document

    doc = Document(doc_id="tj", source="tj.txt", title="", region="天津市")
    clause = Clause(
        clause_id="tj#四（十三）", doc_id="tj", kind="clause", number="（十三）", path="四（十三）",
        heading="倡导绿色低碳生活方式", text=_TJ_TEXT, parent_id=None, order=1,
    )
    roles = _roles_read(doc, clause)
    return SimpleNamespace(clauses={clause.clause_id: clause}), clause.clause_id, roles


@pytest.mark.parametrize(
    "core, lead, co",
    [
        # the question names one measure: only that measure's annotation answers
        ("生活垃圾分类", ["天津市城市管理委"], []),
        ("塑料污染全链条治理", ["天津市生态环境局"], ["天津市发展改革委"]),
        ("交通系统智能化 绿色出行", ["天津市交通运输委"], ["天津市发展改革委"]),
        # the question names the clause itself (its heading): every annotation of the clause answers
        ("倡导绿色低碳生活方式", ["天津市商务局", "天津市城市管理委", "天津市生态环境局", "天津市交通运输委"], ["天津市发展改革委"]),
        # nothing specific matched: no narrowing
        ("节能降碳", ["天津市商务局", "天津市城市管理委", "天津市生态环境局", "天津市交通运输委"], ["天津市发展改革委"]),
    ],
)
def test_answer_is_scoped_to_the_annotated_measure(core: str, lead: list[str], co: list[str]) -> None:
    from search.qa import QAEngine
    from search.question import QuestionFrame

    engine, cid, roles = _tj_roles()
    frame = QuestionFrame(question=f"天津市{core}由哪个部门牵头？", intent="lead_agency", core=core, keywords=core)
    kept = QAEngine.scope_to_annotated_span(engine, cid, roles, frame)
    agencies = QAEngine.answer_agencies(kept)
    assert [a.name for a in agencies if a.role == "lead"] == lead
    assert [a.name for a in agencies if a.role == "co"] == co
    assert "天津市各区人民政府" in [a.name for a in agencies if a.role == "implementing"]


# "plans of the same kind": a similar-measures question whose theme is a document title lists the stored documents
# whose titles cover it (share fitted by scripts/fit_similar_plans.py), whatever the region or wording; a question
# about one measure stays at measure level. (store fixture name, question, documents expected, measure level?)
SIMILAR_PLAN_CASES = [
    ("corpus_kg_2", "还有哪些城市出台了加快建立健全绿色低碳循环发展经济体系的实施方案？", ("219、", "234、", "353、"), False),
    ("corpus_kg_3", "其他地方有没有建立健全绿色低碳循环发展经济体系的实施方案可以参考？", ("354、", "360、"), False),
    ("corpus_kg_2", "天津出了加快建立健全绿色低碳循环发展经济体系的实施方案，其他城市有没有类似的方案？", ("234、", "353、"), False),
    ("corpus_kg_2", "其他地方有没有类似天津绿色港口建设的措施？", (), True),
    ("corpus_kg_3", "各地在园区循环化改造方面有哪些做法？", (), True),
]


@pytest.mark.slow
@pytest.mark.parametrize("store, question, expected, measure_level", SIMILAR_PLAN_CASES)
def test_similar_plans_by_title(request, store: str, question: str, expected: tuple[str, ...], measure_level: bool) -> None:
    service = request.getfixturevalue(store)
    answer = service.ask(question)
    assert answer.found, answer.answer
    if measure_level:
        assert not answer.answer.startswith("同类文件"), answer.answer
        return
    assert answer.answer.startswith("同类文件"), answer.answer
    sources = {e.source for e in answer.evidence}
    for prefix in expected:
        assert any(s.startswith(prefix) for s in sources), (prefix, answer.answer)
    listed = answer.answer.split("。")[0]
    # every document listed as a plan of the kind is one: its title names the theme
    assert listed.count("《") == sum("绿色低碳循环发展经济体系" in t for t in listed.split("《")[1:]), listed


@pytest.fixture(scope="module")
def public_bodies_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """The national 公共机构 plan (corpus 249) beside 国管局's 2022 work notice (pdf2 196) and the 广州市黄埔区 广州开发区
    办法 (pdf2 122), both in tests/fixtures/pdf2."""
    pdfs = [*sorted(CORPUS.glob("249、*.pdf")), *sorted((CORPUS.parent / "pdf2").glob("*.pdf"))]
    assert len(pdfs) == 3
    return _warmed_service(tmp_path_factory, "qa-public-bodies", pdfs)


@pytest.mark.slow
def test_a_year_after_guanyu_names_the_edition(public_bodies_kg: PolicyKG) -> None:
    """"国管局关于2023年公共机构…工作安排的通知里，节约型机关创建要达到什么比例" asks the 2023 notice (the year after 关于 is
    the edition's, not one to reach): only 2022's (pdf2 196) is stored (frozen27 qf27-3-34)."""
    ans = public_bodies_kg.ask("国管局关于2023年公共机构能源资源节约和生态环境保护工作安排的通知里，节约型机关创建要达到什么比例？")
    assert not ans.found and "未收录2023年" in ans.answer, ans.answer


@pytest.fixture(scope="module")
def power_plan_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """天津's 电力发展“十四五”规划 (pdf2 213, in tests/fixtures/figures): one clause states the 500千伏 and the 220千伏
    stations' counts for 2025, the second recorded as a target."""
    pdfs = sorted((CORPUS.parent / "figures").glob("*.pdf"))
    assert len(pdfs) == 1
    return _warmed_service(tmp_path_factory, "qa-figures", pdfs)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "stated", "not_stated"),
    [
        # the number the question quotes (500千伏) names the measure: the sentence stating it answers, not the recorded
        # target of the 220千伏 stations (frozen26 qf26-1-21)
        ("天津市电力发展规划里说到2025年全市会有多少座500千伏公用变电站？", "13座", "98座"),
        ("天津电力规划中，到2025年220千伏公用变电站要达到多少座？", "98座", "13座"),
        # (a year is no such number)
        ("天津市电力发展“十四五”规划里，到2025年220千伏公用变电站达到多少座？", "98座", "13座"),
    ],
)
def test_a_quoted_number_names_the_measure(power_plan_kg: PolicyKG, question: str, stated: str, not_stated: str) -> None:
    answer = power_plan_kg.ask(question)
    assert answer.found and stated in answer.answer and not_stated not in answer.answer, answer.answer


@pytest.fixture(scope="module")
def run_in_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """海西州's “十四五”生态环境保护规划 (pdf2 445, in tests/fixtures/run_in), whose sections run their measures as
    paragraphs opened by a run-in heading ("建设柴达木千里防风固沙长廊。…到2025年，森林覆盖率达到4.35%")."""
    pdfs = sorted((CORPUS.parent / "run_in").glob("*.pdf"))
    assert len(pdfs) == 1
    return _warmed_service(tmp_path_factory, "qa-run-in", pdfs)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        # the measure the question names is the paragraph's run-in heading, not the figure's sentence (dev58 qd58-2-16)
        "海西州建设柴达木千里防风固沙长廊，到2025年森林覆盖率要达到多少？",
        "海西州到2025年森林覆盖率要达到多少？",
    ],
)
def test_a_figure_is_read_with_its_paragraph_s_run_in_heading(run_in_kg: PolicyKG, question: str) -> None:
    answer = run_in_kg.ask(question)
    assert answer.found and "4.35%" in answer.answer, answer.answer


@pytest.fixture(scope="module")
def national_opinion_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """The seeds beside the national 关于严格能效约束推动重点领域节能降碳的若干意见 (corpus 169) only."""
    return _seeds_plus_pdfs(tmp_path_factory, "qa-national-opinion", ("169、",))


@pytest.mark.slow
def test_a_places_own_implementation_of_a_national_document_is_not_stored(national_opinion_kg: PolicyKG) -> None:
    """"山西省关于…的实施意见" is 山西's own implementation of the national 若干意见, which is all that is stored: not
    stored, the national one named (frozen28 qf28-4-33 "重庆市关于深入打好污染防治攻坚战的实施意见…"); the national document
    asked as such answers."""
    own = national_opinion_kg.ask("山西省关于严格能效约束推动重点领域节能降碳的实施意见里，对钢铁行业提了什么要求？")
    assert not own.found and "未收录山西省的这份文件" in own.answer and "若干意见" in own.answer, own.answer
    national = national_opinion_kg.ask("国家关于严格能效约束推动重点领域节能降碳的若干意见提出，到2025年重点行业达到标杆水平的产能比例超过多少？")
    assert national.found and national.evidence[0].source.startswith("169、") and "30%" in national.answer, national.answer


@pytest.mark.slow
def test_a_plan_issued_as_an_attachment_is_asked_by_its_title(national_opinion_kg: PolicyKG) -> None:
    """Two 行动方案 issued as 169's attachments, each named by its own title: the question is answered inside that
    attachment, its title no longer driving the match (before: the attachment's opening clause, "文件未指明…", or the
    other attachment's clause of the same heading); a national plan's fields listed before 等部门 are the ministries."""
    target = national_opinion_kg.ask("石化化工重点行业严格能效约束推动节能降碳行动方案（2021-2025年）要求推动多大规模及以下的炼油装置淘汰退出？")
    assert target.found and target.evidence[0].clause_id.endswith("#附件2二（四）") and "200万吨/年" in target.answer, target.answer
    metals = national_opinion_kg.ask("冶金、建材重点行业严格能效约束推动节能降碳行动方案（2021-2025年）的工作要求里，哪些部门要加强协同配合？")
    assert metals.found and metals.evidence[0].clause_id.endswith("#附件1三"), metals.answer
    assert list(metals.lead) == ["国家发展改革委"] and "科技部" in metals.co and "国家能源局" not in metals.co, metals.answer
    chemicals = national_opinion_kg.ask("石化化工重点行业严格能效约束推动节能降碳行动方案（2021-2025年）的工作要求里，哪些部门要形成工作合力？")
    assert chemicals.found and chemicals.evidence[0].clause_id.endswith("#附件2三"), chemicals.answer
    assert "国家能源局" in chemicals.co and "科技部" not in chemicals.co and "中国人民银行" in chemicals.co, chemicals.answer
    # … and quoted in 《》 with its years in brackets: a stored attachment's title, not a document the store lacks (the
    # phrasing of development set frozen24, once a bracketed qualifier closes a title's type word)
    quoted = national_opinion_kg.ask("《冶金、建材重点行业严格能效约束推动节能降碳行动方案（2021-2025年）》要求哪些部门加强协同配合、统筹推进？")
    assert quoted.found and quoted.evidence[0].clause_id.endswith("#附件1三"), quoted.answer
    # (the rule's own case: no bracket at all — a stored attachment's title; a 管理办法 of nearly its words is no attachment
    # of that genre and is not stored)
    bare = national_opinion_kg.ask("《冶金、建材重点行业严格能效约束推动节能降碳行动方案》要求哪些部门加强协同配合？")
    assert bare.found and bare.evidence[0].clause_id.split("#")[0].startswith("169、"), bare.answer
    rule = national_opinion_kg.ask("《冶金、建材重点行业严格能效约束推动节能降碳管理办法》要求哪些部门加强协同配合？")
    assert not rule.found and "未收录《冶金、建材重点行业严格能效约束推动节能降碳管理办法》" in rule.answer, rule.answer


@pytest.fixture(scope="module")
def places_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """黑龙江's own plan (corpus 227) beside 哈尔滨's 绿色建筑创建行动实施方案 (pdf2 520, in tests/fixtures/places)."""
    pdfs = [*sorted(CORPUS.glob("227、*.pdf")), *sorted((CORPUS.parent / "places").glob("*.pdf"))]
    assert len(pdfs) == 2
    return _warmed_service(tmp_path_factory, "qa-places", pdfs)


@pytest.mark.slow
def test_a_places_own_title_is_not_a_plan_of_a_place_inside_it(places_kg: PolicyKG) -> None:
    """"《黑龙江省绿色建筑创建行动实施方案》" is the province's own plan (its title opens with the province): 哈尔滨's plan of
    that name, the only one stored and citing the number, does not stand in for it (frozen25 qf25-4-34); asked by
    哈尔滨's name it answers."""
    province = places_kg.ask(
        "黑龙江省住建厅等部门印发的《黑龙江省绿色建筑创建行动实施方案》（黑建科〔2020〕9号）给全省定的绿色建筑面积占比目标是多少？"
    )
    assert not province.found and "哈尔滨市的《哈尔滨市绿色建筑创建行动实施方案》" in province.answer, province.answer
    city = places_kg.ask("哈尔滨市绿色建筑创建行动实施方案里2022年绿色建筑面积占比目标是多少？")
    assert city.found and "90%" in city.answer, city.answer


@pytest.fixture(scope="module")
def measures_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """河北's 节能降碳实施方案 (corpus 134) beside its 创新需求调研 notice (pdf2 290, in tests/fixtures/measures), whose 三5
    charges 省科技厅 to compile a 碳达峰碳中和技术攻关实施方案 that no stored title holds."""
    pdfs = [*sorted(CORPUS.glob("134、*.pdf")), *sorted((CORPUS.parent / "measures").glob("*.pdf"))]
    assert len(pdfs) == 2
    return _warmed_service(tmp_path_factory, "qa-measures", pdfs)


@pytest.mark.slow
def test_a_plan_name_a_clause_writes_is_the_measure_asked_about(measures_kg: PolicyKG) -> None:
    """"河北的碳达峰碳中和技术攻关实施方案由哪个部门来编制" names a plan no stored title holds but 290's clause writes: the
    question asks who compiles it, and its words are not stripped as a reference to the plans whose titles share a piece
    of them (134's "…实施方案", 290's "碳达峰碳中和")."""
    question = "河北的碳达峰碳中和技术攻关实施方案由哪个部门来编制？"
    answerers = measures_kg.engine.answerers
    frame = answerers.apply_document_reference(answerers.parser.parse(question))
    assert answerers.strip_document_reference(frame) is frame
    answer = measures_kg.ask(question)
    assert answer.found and answer.lead == ["河北省科技厅"], answer.answer
    assert answer.evidence[0].source.startswith("290、"), answer.evidence[0].source


@pytest.mark.slow
def test_measure_words_equal_to_another_plans_title(public_bodies_kg: PolicyKG) -> None:
    """"公共机构绿色低碳先进适用技术目录" holds the words of plan 249's title (公共机构绿色低碳引领行动…); 249 says nothing
    of the catalogue, so the whole store is asked and 国管局's notice answers: the issuer leads ("会同科技部编制…")."""
    answer = public_bodies_kg.ask("公共机构绿色低碳先进适用技术目录由哪些部门编制？")
    assert answer.found, answer.answer
    assert (answer.lead, answer.co) == (["国管局"], ["科技部"]), answer.answer
    assert answer.evidence[0].source.startswith("196、"), answer.evidence[0].source


@pytest.mark.slow
def test_a_bracket_after_a_units_last_item_answers_for_the_unit(public_bodies_kg: PolicyKG) -> None:
    """122 第三条（一）: item 1 sets the 20% subsidy, item 2 the procedure ending "（责任单位：区发展改革局）" — the unit's
    annotation, as its sibling units (二) … carry theirs; the subsidy is 区发展改革局's (frozen14 qf14-3-05)."""
    answer = public_bodies_kg.ask("广州黄埔区促进绿色低碳发展办法中，对循环经济和资源综合利用项目按投资额20%给予补助，这项由哪个部门负责？")
    assert answer.found, answer.answer
    assert (answer.lead, answer.co) == (["广州市黄埔区发展改革局"], []), answer.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "国管节能〔2022〕16号通知是哪个部门印发的？",
        "《关于2022年公共机构能源资源节约和生态环境保护工作安排的通知》是由谁发布的",
        "印发《关于2022年公共机构能源资源节约和生态环境保护工作安排的通知》的是哪个部门？",
    ],
)
def test_who_issued_a_document(public_bodies_kg: PolicyKG, question: str) -> None:
    """A question naming a document and asking only who issued it is answered from the document's issuers (196: 国管局,
    from its title line), not from the clause that best matches the reference's words."""
    answer = public_bodies_kg.ask(question)
    assert answer.found, answer.answer
    assert (answer.lead, answer.co) == (["国管局"], []), answer.answer
    assert "印发" in answer.answer and answer.evidence[0].source.startswith("196、"), answer.answer


@pytest.mark.slow
def test_duties_of_the_issuer_of_the_document_named(public_bodies_kg: PolicyKG) -> None:
    """The issuer's name goes with a document reference, but when the question asks that body's duties in its own notice
    it is still the agency asked about (196: 国管局 "会同科技部…" leads 推行市场化机制)."""
    answer = public_bodies_kg.ask("国管局在2022年公共机构能源资源节约和生态环境保护工作安排的通知里，自己牵头的是哪几项工作？")
    assert answer.intent == "agency_duties" and answer.found, answer.answer
    assert answer.lead == ["国管局"] and "推行市场化机制" in answer.answer, answer.answer
    # … and when the question calls it "局里" (the department that issued the named notice)
    spoken = public_bodies_kg.ask("国管节能〔2022〕16号通知里，局里自己牵头的是哪几项工作？")
    assert spoken.intent == "agency_duties" and spoken.lead == ["国管局"], spoken.answer


@pytest.mark.slow
def test_zone_named_by_a_stored_title(public_bodies_kg: PolicyKG) -> None:
    """广州 has no plan of its own; "广州开发区…" is the start of a zone the 黄埔区 办法's title names, so that plan answers
    (its annotation: 区发展改革局 with three co-responsible bureaux), instead of "not in the corpus" for 广州市."""
    answer = public_bodies_kg.ask("广州开发区首次通过能源管理体系认证给补贴，责任单位有哪些？")
    assert answer.found, answer.answer
    assert answer.lead == ["广州市黄埔区发展改革局"], answer.answer
    assert answer.evidence[0].source.startswith("122、"), answer.evidence[0].source
    # a place no title names stays outside the corpus
    assert not public_bodies_kg.ask("深圳前海合作区首次通过能源管理体系认证给补贴，责任单位有哪些？").found


@pytest.mark.slow
def test_similar_plans_leave_out_the_document_asked_about(corpus_kg: PolicyKG) -> None:
    """The document a similar-plans question names is the reference, not a plan like itself; titles that hold a piece
    of its title (重庆 100, 河北 134: 严格能效约束…节能降碳实施方案) are the plans of its kind."""
    answer = corpus_kg.ask("浙江出台的《关于严格能效约束推动重点领域节能降碳工作的实施方案》，其他省份有没有类似的实施方案？")
    listed = answer.answer.split("。")[0]
    assert listed.startswith("同类文件"), answer.answer
    assert "重庆市严格能效约束推动重点领域节能降碳实施方案" in listed, listed
    assert "浙江" not in listed, listed


@pytest.mark.slow
def test_document_named_by_title_whatever_the_order_of_titles(corpus_kg: PolicyKG) -> None:
    """Every title is matched against the question as asked: a title sorted earlier that shares a piece of the words
    (重庆 100 "严格能效约束推动重点领域节能降碳") does not take the words from the title that holds them all (浙江 205)."""
    engine = corpus_kg.engine
    answerers = engine.answerers
    frame = answerers.parser.parse("关于严格能效约束推动重点领域节能降碳工作的实施方案由哪个部门负责解释？")
    frame = answerers.strip_document_reference(frame)
    assert any(d.startswith("205、") for d in frame.doc_ids), frame.doc_ids
    assert "严格能效约束" not in frame.core, frame.core


# Two plans of one province speak of the same measure; only one names who does it (excerpts of
# pdf2 347 山东省绿色低碳转型2022年行动计划, annotated, and 199 山东省“十四五”绿色低碳循环发展规划, without
# annotations, as their text layers read).
SHANDONG_PLANS = {
    "山东省绿色低碳转型2022年行动计划": (
        "三、完善绿色低碳转型政策体系\n"
        "（一）健全绿色金融体系。推动碳减排支持工具、绿色票据、再贷款再贴现减碳引导等政策工具落地生效。"
        "推广碳排放权抵质押贷款业务。鼓励金融机构探索设立绿色金融专营部门或柔性团队。支持具备条件的企业发行碳中和债等绿色债券。"
        "（牵头单位：省地方金融监管局、人民银行济南分行，配合单位：省发展改革委、省生态环境厅、山东银保监局）\n"
    ),
    "山东省“十四五”绿色低碳循环发展规划": (
        "七、保障措施\n"
        "（三）加快完善绿色低碳循环发展政策体系\n"
        "健全绿色金融体系。用好人民银行碳减排支持工具。鼓励金融机构创新绿色金融产品和服务，积极开展绿色信贷、"
        "绿色债券、绿色保险等业务，支持生态治理、环境修复、节能环保、循环利用等项目融资。\n"
        "深化价格调控机制。建立健全生态产品价值实现机制，将生态优势进一步转化为经济优势。"
        "对高耗能行业实施差别价格、超额累进价格等政策，促进能源资源集约高效利用。\n"
    ),
}


def _small_store(root: Path, plans: dict[str, str]) -> PolicyKG:
    """A store of a few plans written as excerpts (title line + body), ingested with the real model."""
    files = []
    for title, body in plans.items():
        path = root / "in" / f"{title}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"{title}\n{body}", encoding="utf-8")
        files.append(path)
    service = _networkx_service(root)
    assert len(service.ingest(files).added) == len(plans)
    return service


@pytest.fixture(scope="module")
def shandong_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _small_store(tmp_path_factory.mktemp("shandong"), SHANDONG_PLANS)


def test_the_plan_that_names_the_agencies_answers(shandong_kg: PolicyKG) -> None:
    ans = shandong_kg.ask("山东健全绿色金融体系的牵头单位和配合单位分别是哪些？")
    assert ans.found
    assert set(ans.lead) == {"山东省地方金融监管局", "人民银行济南分行"}
    assert set(ans.co) == {"山东省发展改革委", "山东省生态环境厅", "山东银保监局"}
    assert ans.evidence[0].source.startswith("山东省绿色低碳转型2022年行动计划")
    # a measure only the unannotated plan speaks of: honestly no agency, nothing borrowed
    other = shandong_kg.ask("山东深化价格调控机制由哪个部门负责？")
    assert other.found and not other.agencies


# pdf2 31 (氢能产业发展中长期规划): the goals listed under "到2025年" name no year in their own sentences
HYDROGEN_PLAN = {
    "氢能产业发展中长期规划（2021-2035年）": (
        "三、总体要求\n"
        "（三）发展目标\n"
        "到2025年，形成较为完善的氢能产业发展制度政策环境，产业创新能力显著提高，基本掌握核心技术和制造工艺，"
        "初步建立较为完整的供应链和产业体系。燃料电池车辆保有量约5万辆，部署建设一批加氢站。"
        "可再生能源制氢量达到10-20万吨/年，成为新增氢能消费的重要组成部分。\n"
        "再经过5年的发展，到2030年，形成较为完备的氢能产业技术创新体系、清洁能源制氢及供应体系，产业布局合理有序。\n"
    ),
}


def test_a_figure_under_the_clauses_year_answers_that_year(tmp_path: Path) -> None:
    kg = _small_store(tmp_path, HYDROGEN_PLAN)
    ans = kg.ask("按氢能产业发展中长期规划，2025年燃料电池车辆保有量大概是多少？")
    assert ans.found and "5万辆" in ans.answer
    # the same sentence says nothing about 2030: not given for another year
    later = kg.ask("按氢能产业发展中长期规划，2030年燃料电池车辆保有量大概是多少？")
    assert "5万辆" not in later.answer


# pdf2 372 山东 (excerpt): the policy writes its own period (实施期限。2022—2024年); its figures name no year (the
# recorded count of 一（一） answers no money question)
SHANDONG_COUNTY_AWARDS = {
    "山东省生态文明强县财政激励政策实施方案": (
        "一、基本原则\n"
        "（一）生态优先，突出重点。政策实施期内，每年在全省遴选10个生态环境保护、生态产业化、产业生态化等工作成效突出的"
        "生态文明强县予以扶持。\n"
        "二、实施范围和期限\n"
        "（二）实施期限。2022—2024年，每年根据各县（市、区）上年度相关指标实际完成情况实施综合评价，按排名确定生态文明强县名单，"
        "给予激励政策支持。\n"
        "四、激励政策\n"
        "（一）资金支持。省级财政给予每个生态文明强县1000万元的资金支持。\n"
    ),
}


# the same figures in a plan that cites another plan's period but states none of its own (the cycle-1 review's case)
SHANDONG_COUNTY_AWARDS_CITING = {
    "山东省生态文明强县财政激励政策实施方案": (
        "一、基本原则\n"
        "（一）生态优先，突出重点。按照《山东省生态文明建设规划（2016—2020年）》，每年在全省遴选10个生态环境保护、生态产业化、"
        "产业生态化等工作成效突出的生态文明强县予以扶持。\n"
        "四、激励政策\n"
        "（一）资金支持。省级财政给予每个生态文明强县1000万元的资金支持。\n"
    ),
}


def test_a_period_the_document_writes_as_its_own_frames_its_undated_figures(tmp_path: Path) -> None:
    """"在2022—2024年实施期内…多少资金支持" (dev54 qd54-1-20): the asked range is the policy's own (实施期限), so the
    figure that names no year answers it; a range or year the document does not write is still not its figure's."""
    kg = _small_store(tmp_path, SHANDONG_COUNTY_AWARDS)
    ans = kg.ask("山东2022—2024年省级财政给每个生态文明强县多少资金？")
    assert ans.found and "1000万元" in ans.answer, ans.answer
    for other in ("山东2023—2025年省级财政给每个生态文明强县多少资金？", "山东2024年省级财政给每个生态文明强县多少资金？"):
        assert "1000万元" not in kg.ask(other).answer
    # a range the document only cites is no period of its own
    (tmp_path / "citing").mkdir()
    citing = _small_store(tmp_path / "citing", SHANDONG_COUNTY_AWARDS_CITING)
    assert "1000万元" not in citing.ask("山东2016—2020年省级财政给每个生态文明强县多少资金？").answer


# pdf2 448 河南 第三章第五节 (excerpt as its text layer reads): the clause's total is a figure the extractor does not
# record; a later sentence of the same clause records an agricultural saving that also speaks of 压采地下水
HENAN_WATER_PLAN = {
    "河南省“十四五”水安全保障和水生态环境保护规划": (
        "第三章 强化水资源刚性约束\n"
        "第五节 地下水综合治理\n"
        "严控地下水开发强度，压减地下水超采量。山丘区基本维持地下水开采量现状，不再新增地下水开采量。到2025年，全省压采地下水"
        "10.74亿立方米，浅层地下水超采基本得到控制，中深层地下水开采大幅减少，地下水水位下降趋势得到遏制。\n"
        "推进节水压采。积极发展喷灌、微灌、低压管灌等高效节水灌溉。到2025年，农业高效节水灌溉可节约水量3.45亿立方米，"
        "其中压采地下水1.51亿立方米。\n"
        "实施水源置换。加快城乡水源置换，暂无地表水源替换条件的区域加强节约用水、减少地下水开采量，到2025年，全省城乡生活集中式"
        "供水压采地下水7.08亿立方米。加快农业水源置换，结合河道整治，修建拦蓄工程。\n"
    ),
}


def test_an_unrecorded_figure_of_the_targets_own_clause_answers_when_it_says_more(tmp_path: Path) -> None:
    """"到2025年全省压采地下水多少" (frozen19 qf19-2-18, frozen22 qf22-1-29): the sentence of the clause that states the
    province's total holds more of the question (全省) than the recorded agricultural target, and the clause's heading
    frames every sentence alike."""
    kg = _small_store(tmp_path, HENAN_WATER_PLAN)
    ans = kg.ask("河南省“十四五”地下水综合治理提出，到2025年全省压采地下水多少？")
    assert ans.found and "10.74亿立方米" in ans.answer, ans.answer
    farm = kg.ask("河南到2025年农业高效节水灌溉可节约水量多少？")
    assert farm.found and "3.45亿立方米" in farm.answer, farm.answer


# pdf2 313 陕西 十 (excerpt): a plan the province will draw up, cited by its title
SHAANXI_METHANE = {
    "陕西省生态环境系统贯彻落实碳达峰碳中和目标任务工作思路": (
        "十、加强甲烷管控。结合我省产业结构特点，探索非二氧化碳温室气体控制研究，指导延长石油、中石油长庆油田伴生气综合利用，"
        "加大我省甲烷排放管控，组织制定我省《控制甲烷排放实施方案》推进我省非二氧化碳的温室气体排放管控。\n"
    ),
}


def test_a_figure_of_a_cited_document_not_stored_is_not_found(tmp_path: Path) -> None:
    """"陕西省《控制甲烷排放实施方案》对…定了什么目标" (frozen18 qf18-1-34): the stored plan only says the 方案 will be drawn up;
    its sentence states no figure of it, so the plan is said not to be stored; what the citing plan says of it is answered."""
    kg = _small_store(tmp_path, SHAANXI_METHANE)
    ans = kg.ask("陕西省《控制甲烷排放实施方案》对油田伴生气综合利用率定了什么目标？")
    assert not ans.found and "未收录《控制甲烷排放实施方案》" in ans.answer, ans.answer
    cited = kg.ask("陕西省生态环境系统要组织制定《控制甲烷排放实施方案》，这项工作是谁负责？")
    assert cited.found, cited.answer


# "其他地方有没有类似…的做法": the asked measure is one sentence of a long clause (pdf2 319 宁夏 三（九）);
# excerpts of 537 江苏 (the same measure), 338 山东 and 494 河北 (green building in general).
BUILDING_PLANS = {
    "宁夏回族自治区关于推动城乡建设绿色发展的实施意见": (
        "三、转变城乡建设发展方式\n"
        "（九）推进工程建设全过程绿色建造。实施绿色建造示范工程创建行动，开展工程建设项目绿色策划、绿色设计、绿色施工、"
        "绿色运维试点。大力推进装配式建筑发展。完善绿色建材产品认证、新型墙材认定制度。探索推行工程总承包、全过程工程咨询"
        "等新型组织管理方式，建立工程建设政府综合监管一体化模式。在民用建筑中探索推进建筑师负责制试点。建立完善建筑施工"
        "垃圾减量化工作机制，推动建筑业循环生产方式。\n"
    ),
    "江苏省“十四五”绿色建筑高质量发展规划": (
        "四、重点任务\n"
        "（三）创新绿色城区建设\n"
        "3.鼓励管理机制模式创新。坚持规划设计引领，探索开展绿色城市设计，提升绿色城区建设管理水平，构建长效发展机制。"
        "在新建项目中探索实践建筑师负责制、工程总承包、全过程工程咨询等工程组织管理制度，鼓励采用合同能源管理等项目运作模式。\n"
    ),
    "山东省“十四五”绿色建筑与建筑节能发展规划": (
        "四、主要任务\n"
        "（三）推动建造方式绿色转型\n"
        "4.推行全过程绿色建造。制定绿色建造评价体系和技术导则，打造一批绿色建造示范工程，探索推行工程项目绿色策划、绿色设计、"
        "绿色交付。全面推行绿色施工，加强建筑垃圾源头管控，促进源头减量，提升建筑垃圾资源化利用水平。\n"
    ),
    "河北省促进绿色消费实施方案": (
        "二、重点任务\n"
        "（六）积极推广绿色居住消费。加快发展绿色建造。积极推动绿色建筑、低碳建筑规模化发展，将节能环保要求纳入老旧小区改造。"
        "扩大近零能耗建筑建设规模，大力发展装配式建筑。\n"
    ),
}


def test_similar_measures_follow_the_asked_sentence_not_only_the_whole_clause(tmp_path: Path) -> None:
    kg = _small_store(tmp_path, BUILDING_PLANS)
    ans = kg.ask("宁夏提出在民用建筑中探索推进建筑师负责制试点，其他地方有没有类似做法？")
    assert ans.found
    assert ans.evidence[0].source.startswith("宁夏")  # the measure asked about, cited first
    # the plan holding the same measure (江苏's 建筑师负责制) is listed ahead of the one that only shares the theme (河北);
    # its place among the plans of the same kind is the fitted similar-document weights' (round 35: 山东's title, closer
    # to the question's theme, now comes first — scripts/fit_similar_ranker.py on 529 questions)
    others = [e.source for e in ans.evidence[1:]]
    jiangsu = next(i for i, s in enumerate(others) if s.startswith("江苏省“十四五”绿色建筑高质量发展规划"))
    hebei = next((i for i, s in enumerate(others) if s.startswith("河北省促进绿色消费实施方案")), len(others))
    assert jiangsu < hebei, others


# pdf2 382 (山东 遏制“两高”): two responsibilities stated in prose, one sentence each
SHANDONG_PROSE_PLAN = {
    "山东省关于坚决遏制“两高”项目盲目发展促进能源资源高质量配置利用有关事项的通知": (
        "四、强化组织保障\n"
        "12.压实责任分工。强化省碳达峰碳中和工作领导小组对能耗双控和煤炭消费压减任务的领导，把节能减煤作为实现“双碳”"
        "战略目标的重要抓手和途径。省发展改革委要发挥牵头协调作用，各行业主管部门要在职责范围内抓好行业节能减煤工作落实。"
        "省统计局牵头负责健全完善可再生能源、非化石能源、“两高”行业能耗等数据统计，定期开展监测分析工作。"
        "各市人民政府对本地区能耗双控和煤炭消费压减工作负总责，制定工作方案，抓好组织实施。\n"
    ),
}


def test_prose_responsibilities_are_narrowed_to_the_asked_sentence(tmp_path: Path) -> None:
    kg = _small_store(tmp_path, SHANDONG_PROSE_PLAN)
    ans = kg.ask("山东的可再生能源、非化石能源和“两高”行业能耗数据统计谁牵头负责？")
    assert ans.found and list(ans.lead) == ["山东省统计局"]
    # the clause itself asked about: every lead it states
    whole = kg.ask("山东压实责任分工由哪个部门牵头？")
    assert {"山东省发展改革委", "山东省统计局"} <= set(whole.lead)


# pdf2 261 齐齐哈尔市住房和城乡建设局: a division-duty list in one clause; a question about one duty keeps the lines that
# hold it about equally well (the division doing it and the unit that assists), not the whole list
_QQHR_TEXT = (
    "分工协作制度。当前具体业务分工如下：\n"
    "组织人事科：运用局微信公众号等媒体，及时宣传报道碳达峰行动工作成效。\n"
    "公用事业管理科：督促指导各县（市）区推进老旧供热管网、供水管网、燃气老化管道等市政基础设施节能升级改造。有序推进再生水利用、海绵城市建设工作。\n"
    "市政基础设施建设科：推进城市绿色照明。\n"
    "市房屋征收中心：督促指导各县（市）区稳步推进城镇棚户区改造；指导各地完善房屋征收管理制度。\n"
    "市市政设施管护中心：协同推进城市绿色照明。\n"
    "市排水管护中心：协同推进污水收集设施更新改造和城镇污水资源化利用；有序协同推进海绵城市建设工作。\n"
)


@pytest.mark.parametrize(
    "core, lead, co",
    [
        ("城市绿色照明", ["齐齐哈尔市住房和城乡建设局市政基础设施建设科"], ["齐齐哈尔市市政设施管护中心"]),
        ("城镇棚户区改造", ["齐齐哈尔市房屋征收中心"], []),
        ("海绵城市建设", ["齐齐哈尔市住房和城乡建设局公用事业管理科"], ["齐齐哈尔市排水管护中心"]),
    ],
)
def test_a_duty_list_answers_with_the_lines_that_hold_the_duty(core: str, lead: list[str], co: list[str]) -> None:
    from ingest.records import Clause, Document
    from search.qa import QAEngine
    from search.question import QuestionFrame
    from search.ranking import scope_to_annotated_span

    doc = Document(doc_id="qq", source="qq.txt", title="齐齐哈尔市住房和城乡建设局关于成立城乡建设领域碳达峰行动领导小组的通知",
                   region="齐齐哈尔市", issuer="齐齐哈尔市住房和城乡建设局")
    clause = Clause(clause_id="qq#一（五）5", doc_id="qq", kind="item", number="5", path="一（五）5",
                    heading="分工协作制度", text=_QQHR_TEXT, parent_id=None, order=1)
    roles = _roles_read(doc, clause)
    frame = QuestionFrame(question=f"齐齐哈尔{core}由哪个单位负责？", intent="lead_agency", core=core, keywords=core)
    # the question's one content term, as the ranker's term units give it
    scoped = scope_to_annotated_span({clause.clause_id: clause}, clause.clause_id, roles, frame, lambda f: [((f.core,), 1.0)])
    kept = QAEngine.answer_agencies(scoped)
    assert [a.name for a in kept if a.role == "lead"] == lead
    assert [a.name for a in kept if a.role == "co"] == co


@pytest.mark.parametrize(
    "probability, coverage, named, answerable, confident",
    [
        (0.90, 0.80, (), True, True),  # above the fitted floors: always
        (0.05, 0.40, (), False, False),  # below them, no document named: refused
        (0.05, 0.40, ("taiyuan",), True, False),  # the question names the clause's document: answered, weakly
        (0.05, 0.40, ("jincheng",), False, False),  # …another document named: refused
        (0.05, 0.00, ("taiyuan",), False, False),  # no content term in common: refused even so
    ],
)
def test_a_named_document_is_not_refused_for_a_weak_match(probability, coverage, named, answerable, confident) -> None:
    from types import SimpleNamespace

    from search.ranker import RankerWeights
    from search.ranking import Ranker, ScoredClause

    ranker = Ranker.__new__(Ranker)  # only the model's clauses and the weights take part
    ranker.model = SimpleNamespace(clauses={"taiyuan#三（九）": SimpleNamespace(doc_id="taiyuan")})
    ranker.weights = RankerWeights(weights={}, min_probability=0.22, min_term_coverage=0.2)
    s = ScoredClause("taiyuan#三（九）", 0.0, probability=probability, term_coverage=coverage)
    assert ranker.answerable(s, named) is answerable
    assert ranker.confident(s) is confident


@pytest.mark.parametrize(
    "probabilities, top, order",
    [
        ((0.13, 0.55, 0.90), 2, ["b", "a", "c"]),  # the first the refusal model doubts, the second it trusts: second first
        ((0.13, 0.10, 0.90), 2, ["a", "b", "c"]),  # none of the first two trusted: order kept (the third is not looked at)
        ((0.60, 0.90, 0.10), 2, ["a", "b", "c"]),  # the first trusted: order kept
        ((0.13, 0.10, 0.90), 3, ["c", "a", "b"]),
    ],
)
def test_the_first_clause_the_refusal_model_trusts_answers(probabilities, top, order) -> None:
    from search.ranker import RankerWeights
    from search.ranking import Ranker, ScoredClause

    ranker = Ranker.__new__(Ranker)  # only the weights take part
    ranker.weights = RankerWeights(weights={}, min_probability=0.22, min_term_coverage=0.2)
    ranked = [ScoredClause(cid, -1.0 - i, probability=p, term_coverage=0.5) for i, (cid, p) in enumerate(zip("abc", probabilities))]
    assert [s.clause_id for s in ranker.trusted_first(ranked, top)] == order


# pdf2 218 天津 (in tests/fixtures/notices): 三 "第一批次配额按照纳入企业2020年度履约排放量的50%确定" is a figure the target
# extractor does not record; 四（一） records 20% (配额履约缺口上限). pdf2 553 上海 (沪环气〔2021〕50号): deadlines of the
# emission reports and monitoring plans of the units under the cap. pdf2 314 上海市浦东新区绿色金融发展若干规定 (stored under
# 浦东新区; its articles name bodies in prose).
@pytest.fixture(scope="module")
def tianjin_quota_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _seeds_plus(tmp_path_factory, "tianjin-quota", sorted((CORPUS.parent / "notices").glob("*.pdf")), added=7)


@pytest.mark.slow
def test_the_best_clause_figure_answers_over_a_weaker_clause_target(tianjin_quota_kg: PolicyKG) -> None:
    """The clause about the first batch answers with its own figure, though only another clause's figure was recorded
    as a target; a question about that other figure keeps its recorded target."""
    answer = tianjin_quota_kg.ask("天津市生态环境局关于2021年度配额安排的通知，第一批次配额按纳入企业2020年度履约排放量的多少发放？")
    assert answer.found and "50%" in answer.answer and "20%" not in answer.answer, answer.answer
    cap = tianjin_quota_kg.ask("天津2021年度配额履约缺口上限是纳入企业履约排放量的多少？")
    assert cap.found and "20%" in cap.answer, cap.answer


@pytest.mark.slow
def test_a_target_question_about_an_edition_not_stored_is_refused(tianjin_quota_kg: PolicyKG) -> None:
    """A year written with 年度 names the yearly document's edition, even in a target question: the 2022年度 配额安排 is
    not stored (only 218's 2021年度), so its figure is not answered from the 2021 notice; the stored year answers."""
    other = tianjin_quota_kg.ask("天津市2022年度碳排放配额安排的通知里，配额履约缺口上限是纳入企业履约排放量的多少？")
    assert not other.found and "2021" in other.answer, other.answer
    stored = tianjin_quota_kg.ask("天津市2021年度碳排放配额安排的通知里，配额履约缺口上限是纳入企业履约排放量的多少？")
    assert stored.found and "20%" in stored.answer, stored.answer


# Carbon-market documents of pdf2, in tests/fixtures/carbon_market: 341 天津 (its 2022 碳市场 notice): 一（五）3
# "原始记录和管理台账应当至少保存5年" stands below a clause with recorded targets that the target preference ranks first; 398
# 上海 (the 上海市生态环境局's notice on the first compliance period): 一（四） names no body but the issuer ("于2021年12月10日
# 前，向我局提交申请表"); 34 碳排放权交易管理办法 第十四条 says who makes the 碳排放配额总量确定与分配方案, a name only like the
# title of 36 (2019-2020年…配额总量设定与分配实施方案). With corpus 2 (2030年前碳达峰行动方案) and 73 (黑龙江, whose clause
# writes "国家碳达峰行动方案").
@pytest.fixture(scope="module")
def carbon_market_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    pdfs = [*sorted((CORPUS.parent / "carbon_market").glob("*.pdf")), *sorted(CORPUS.glob("2、*.pdf")), *sorted(CORPUS.glob("73、*.pdf"))]
    return _seeds_plus(tmp_path_factory, "carbon-market", pdfs, added=10)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "asked", "stored"),
    [
        # an ordinal edition (frozen30 qf30-3-34): the store holds 上海's notice on the 第一个履约周期 only
        ("上海市生态环境局关于全国碳市场第二个履约周期配额清缴工作的通知，要求重点排放单位什么时候前完成履约？",
         "第二个履约周期", "第一个履约周期"),
        # a period edition (frozen27 qf27-4-35): the store holds the 2019-2020年 方案 only
        ("2021、2022年度全国碳排放权交易配额总量设定与分配实施方案（发电行业）对燃气机组的配额清缴有什么规定？",
         "2022年", "2019-2020年"),
        # … and a question the store finds nothing for: the refusal still names the edition held (development qf24-5-27,
        # qf33-3-35, qf36-2-33)
        ("2021、2022年度全国碳排放权交易配额总量设定与分配实施方案（发电行业）里，300MW等级以上常规燃煤机组的供电基准值是多少？",
         "2022年", "2019-2020年"),
        ("2021、2022年度全国碳排放权交易配额总量设定与分配实施方案（发电行业）中，配额预分配按哪一年供电量的多少比例计算？",
         "2022年", "2019-2020年"),
        # … of the place asked (341 is 天津's 2022 notice), never another place's notice of the same kind (review of round
        # 40: 北京 holds none)
        ("天津市关于做好2023年全国碳市场温室气体排放重点工作的通知里，原始记录和管理台账应当保存几年？", "2023年", "2022年"),
        ("北京市关于做好2023年全国碳市场温室气体排放重点工作的通知里，原始记录和管理台账应当保存几年？", "", ""),
    ],
)
def test_an_edition_named_by_ordinal_or_period_not_stored_is_said_so(
    carbon_market_kg: PolicyKG, question: str, asked: str, stored: str
) -> None:
    answer = carbon_market_kg.ask(question)
    if not asked:
        assert not answer.found and "未收录" not in answer.answer and "天津" not in answer.answer, answer.answer
        return
    assert not answer.found and asked in answer.answer and stored in answer.answer, answer.answer


@pytest.mark.slow
def test_the_stored_ordinal_edition_answers(carbon_market_kg: PolicyKG) -> None:
    answer = carbon_market_kg.ask("上海全国碳市场第一个履约周期配额清缴的通知里，专项检查由哪个部门组织？")
    assert answer.found and [a.name for a in answer.agencies if a.role == "lead"] == ["上海市生态环境局"], answer.answer


@pytest.mark.slow
def test_a_plan_name_a_clause_writes_is_the_measure_not_a_like_title(carbon_market_kg: PolicyKG) -> None:
    """A plan's name no stored title holds but a clause writes is the measure asked (frozen21 qf21-2-25), not a reference
    to the document whose title is only like it; a stored plan named with its level ("国家碳达峰行动方案") is still a
    reference (frozen15 qf15-4-14)."""
    made = carbon_market_kg.ask("全国碳市场的碳排放配额总量确定与分配方案是哪个部门制定的？")
    assert made.found and [a.name for a in made.agencies if a.role == "lead"] == ["生态环境部"], made.answer
    assert made.evidence[0].clause_id.startswith("34、"), made.evidence[0].clause_id
    # a question also naming a stored title keeps that reference (review of round 21)
    named = carbon_market_kg.ask("《碳排放权交易管理办法（试行）》规定的碳排放配额总量确定与分配方案由谁制定？")
    assert named.found and named.evidence[0].clause_id.startswith("34、"), named.answer
    national = carbon_market_kg.ask("按照国家碳达峰行动方案，各地区的碳达峰行动方案由谁综合平衡、审核通过？")
    assert national.found and national.evidence[0].clause_id.startswith("2、"), national.answer


@pytest.mark.slow
def test_a_trusted_clause_below_a_target_clause_answers(carbon_market_kg: PolicyKG) -> None:
    """A time limit in the clause the refusal model trusts answers though a clause with recorded targets ranks above it
    (frozen21 qf21-5-08); a spoken 留存 is read as the notices' 保存."""
    answer = carbon_market_kg.ask("天津市要求发电行业重点排放单位的排放报告原始记录和管理台账最少留存多长时间？")
    assert answer.found and "保存5年" in answer.answer, answer.answer


@pytest.mark.slow
def test_the_body_an_application_is_handed_in_to_answers(carbon_market_kg: PolicyKG) -> None:
    """"向我局提交申请表" in a bureau's notice: the issuer handles the applications (frozen21 qf21-1-06)."""
    answer = carbon_market_kg.ask("上海的重点排放单位想用CCER抵销全国碳市场第一个履约周期的配额清缴，申请表交给哪个部门？")
    assert answer.found and [a.name for a in answer.agencies if a.role == "lead"] == ["上海市生态环境局"], answer.answer


# Words of a question that no clause of the store holds (frozen8's spoken questions): a spoken verb of handing in is read
# as the notices' wording, "最晚/什么时候" frame the question, a fragment the segmenter made up from unknown characters
# ("来设") is no term, a compound is matched by its parts the store holds ("监测计划表" by 监测计划), and a dictionary word
# the store lacks (游艇) still counts: the question is refused, not answered from what is left of it.
SPOKEN_WORD_CASES = [
    ("上海纳入配额管理的单位，2020年度碳排放报告最晚什么时候前要报上去？", "2021年3月31日"),
    ("上海的控排企业，2020年度碳排放报告哪天之前要交上来？", "2021年3月31日"),
    ("上海游艇行业碳减排有哪些支持政策？", None),
    # (a subject the tagger calls a verb, 外卖, is no word of asking: still refused — a review's case)
    ("上海外卖行业碳减排有哪些支持政策？", None),
]


@pytest.mark.slow
@pytest.mark.parametrize(("question", "expected"), SPOKEN_WORD_CASES)
def test_words_the_store_lacks(tianjin_quota_kg: PolicyKG, question: str, expected: str | None) -> None:
    answer = tianjin_quota_kg.ask(question)
    if expected is None:
        assert not answer.found, answer.answer
    else:
        assert answer.found and expected in answer.answer, answer.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "absent", "present"),
    [
        ("上海支持境内外机构来设碳排放核查机构，由哪个部门牵头？", "来设", "核查"),
        ("上海纳入配额管理单位的碳排放报告书由谁负责审核？", "报告书", "报告"),
        ("上海游艇行业碳减排有哪些支持政策？", "", "游艇"),
        # a verb of asking no clause holds is no term (dev questions: "最多能拿到多少补助", "得在几个工作日内告诉…")
        ("上海的控排企业，碳排放报告要在几号前告诉市生态环境局？", "告诉", "报告"),
    ],
)
def test_unseen_words_back_off_to_what_the_store_holds(
    tianjin_quota_kg: PolicyKG, question: str, absent: str, present: str
) -> None:
    answerers = tianjin_quota_kg.engine.answerers
    frame = answerers.parser.parse(question)
    wordings = [w for unit, _weight in answerers.ranker.term_units(frame) for w in unit]
    assert present in wordings and (not absent or absent not in wordings), wordings


def _term_wordings(kg: PolicyKG, question: str):
    """A question's frame (its document reference applied) and the wordings of the term units the ranker reads in it."""
    answerers = kg.engine.answerers
    frame = answerers.apply_document_reference(answerers.parser.parse(question))
    return frame, [w for unit, _weight in answerers.ranker.term_units(frame) for w in unit]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "national_word_a_term"),
    [
        # a national question (the national plan 2 named): 全国 sets the scope, as a place's name does, and is no term the
        # figure's sentence must hold ("公共机构能源消费总量控制在1.89亿吨标准煤以内" in 52, beside the review's "全国公共机构约
        # 158.6万家，能源消费总量1.64亿吨标准煤" — the review's figure answered "全国…要控制在多少以内")
        ("2030年前碳达峰行动方案提出到2025年全国非化石能源消费比重达到多少？", False),
        ("全国碳市场第一个履约周期的清缴截止时间是哪天？", False),
        # a place's question keeps it: the national market is what it asks about
        ("天津市参与全国碳市场的重点排放单位有多少家？", True),
    ],
)
def test_the_national_scope_word_is_no_term_of_a_national_question(
    corpus_kg: PolicyKG, question: str, national_word_a_term: bool
) -> None:
    frame, wordings = _term_wordings(corpus_kg, question)
    assert ("全国" in wordings) is national_word_a_term, (frame.region, wordings)


@pytest.mark.parametrize(
    ("word", "generic"),
    [
        # "这项工作文件里明确由谁负责了吗" (frozen34 qf34-3-25): 工作 + 文件 segmented as one word no clause holds
        ("工作文件", True),
        ("方案部门", True),
        ("数字集团", False),
        ("游艇", False),
    ],
)
def test_words_made_of_question_words_are_no_terms(word: str, generic: bool) -> None:
    from search.ranking import of_generic_words

    assert of_generic_words(word) is generic


@pytest.mark.parametrize(
    ("question", "dropped", "kept"),
    [
        # the base of a change named without its year (frozen33 qf33-3-01; 石家庄 111 writes "单位GDP能耗下降16%以上"): the
        # comparison, not what is compared
        ("石家庄到2025年单位GDP能耗要比基期下降多少？", "基期", "能耗"),
        ("山西单位GDP能耗较基准年下降多少？", "基准年", "能耗"),
    ],
)
def test_the_base_of_a_change_is_no_term(kg: PolicyKG, question: str, dropped: str, kept: str) -> None:
    _frame, words = _term_wordings(kg, question)
    assert dropped not in words and any(kept in w for w in words), words


def test_one_body_written_two_ways_is_listed_once() -> None:
    """pdf2 457 繁昌区 (frozen5 qf5b-014): the clause writes the district's development commission as 区发展改革委 and
    区发改委; both are qualified to one canonical body, which the answer lists once, as first written."""
    from graph.store import AgencyRole
    from ingest.agencies import qualify_agencies
    from ingest.records import Responsibility
    from search.qa import QAEngine

    names = qualify_agencies(["区发展改革委", "区经信局", "区发改委", "区财政局"], "繁昌区")
    roles = [
        AgencyRole(a, Responsibility("d#三", a.name, role, 0.9, "annotation", "（…）"))
        for a, role in zip(names, ["lead", "co", "lead", "co"], strict=True)
    ]
    listed = QAEngine.answer_agencies(roles)
    assert [(a.name, a.role) for a in listed] == [
        ("繁昌区发展改革委", "lead"), ("繁昌区经信局", "co"), ("繁昌区财政局", "co"),
    ]


@pytest.mark.slow
def test_a_regions_question_may_name_a_document_of_one_of_its_places(tianjin_quota_kg: PolicyKG) -> None:
    """A 上海 question naming the 浦东新区 regulation by title (上海 has its own documents, 553): the regulation answers,
    with the body its article names (第十七条 "浦东新区生态环境部门应当每年制定并公布应投保企业名录")."""
    answer = tianjin_quota_kg.ask("按上海2022年通过的浦东绿色金融规定，环境高风险企业应投保企业名录每年由哪个部门制定和公布？")
    assert answer.found and [a.name for a in answer.agencies if a.role == "lead"] == ["浦东新区生态环境部门"], answer.answer
    assert answer.evidence and answer.evidence[0].clause_id.endswith("#第十七条")
    # the city's departments of the same regulation are the city's (第五条 "市生态环境部门会同市发展改革等部门")
    pool = tianjin_quota_kg.ask("浦东新区绿色金融发展若干规定里，绿色项目库由哪个部门牵头建立，会同哪些部门？")
    assert [(a.name, a.role) for a in pool.agencies if a.role in ("lead", "co")] == [
        ("上海市生态环境部门", "lead"), ("上海市发展改革部门", "co")
    ], pool.answer


@pytest.mark.parametrize(
    "question",
    [
        # a similar-measures question that keeps to a region lists that region's documents only, without the place it
        # sets apart (round 11: frozen10 "青海省内除了西宁，还有哪个地方出了…规划")
        "山西省内除了太原，还有哪个城市出了“十四五”节能减排实施方案？",
        "山西省里其他城市有没有类似太原的节能减排实施方案？",
        # the province's other places written right after it, and a within-question asking 有没有 (frozen16 qf16-2-31,
        # 4-30 phrasings)
        "太原出台了“十四五”节能减排实施方案，山西其他城市有类似文件吗？",
        "山西省内有没有和太原类似的节能减排实施方案？",
    ],
)
def test_similar_documents_within_a_region(kg: PolicyKG, question: str) -> None:
    a = kg.ask(question)
    listed = a.answer.split("同类文件：", 1)[-1]  # (the evidence may open with the 太原 clause asked about)
    assert a.intent == "similar_measures" and "同类文件：" in a.answer and "晋城市" in listed
    assert "太原" not in listed and "辽宁" not in listed, a.answer


@pytest.fixture(scope="module")
def fujian_marine_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """The seeds plus 福建's marine plan (tests/fixtures/tables 179: its 附表3 projects name 厦门's bodies)."""
    marine_plan = sorted((ROOT / "tests" / "fixtures" / "tables").glob("179*.pdf"))
    return _seeds_plus(tmp_path_factory, "qa-fujian-marine", marine_plan)


@pytest.mark.parametrize(
    "question, intent",
    [
        # a place no document covers, asking about a plan of its province that it names (frozen10 qf10-4-03, 4-11)
        ("厦门西海域鳌冠片区清淤、岸线保护和生态综合整治这块，福建省海洋规划里写的是谁来牵头？", "lead_agency"),
        ("厦门市马銮湾新城开发建设指挥部在《福建省“十四五”海洋生态环境保护规划》里牵头哪些工程？", "agency_duties"),
    ],
)
def test_a_place_asking_about_its_provinces_named_plan(fujian_marine_kg: PolicyKG, question: str, intent: str) -> None:
    a = fujian_marine_kg.ask(question)
    assert a.found and a.intent == intent and a.evidence, a.answer
    assert all(e.clause_id.startswith("179、") for e in a.evidence)
    assert any(ag.name.startswith("厦门市") for ag in a.agencies), a.answer


# pdf2 522 石家庄 三（一）, as its text layer reads: three enumerated measures, a body named in the third only
_SJZ_TEXT = (
    "全面推进绿色建筑发展。一是继续严格落实《河北省促进绿色建筑发展条例))，严格执行绿色建筑标准，在城市总体规划确定的城镇建设用"
    "范围内的新建民用建筑，全部按照绿色建筑标准进行建设。二是提高住宅健康性能。探索健康住宅建设试点示范，按照居住健康可持续发展"
    "的理念，为居住者营造健康安全、舒适和环保的高品质住宅。三是加快绿色建筑专项规划编制工作，各县(市、区)住建局要会同自然资源和"
    "规划等部门编制绿色建筑专项规2020年底前完成绿色建筑专项规划编制工作"
)


@pytest.mark.parametrize(
    "core, lead, co",
    [
        ("绿色建筑专项规划 编制", ["石家庄市各县（市、区）住建局"], ["石家庄市自然资源和规划部门"]),
        # another enumerated item: the body is the subject of the third, not of this one
        ("健康住宅 试点", [], []),
    ],
)
def test_a_body_named_in_one_enumerated_item_answers_for_that_item_only(core: str, lead: list[str], co: list[str]) -> None:
    from ingest.records import Clause, Document
    from search.qa import QAEngine
    from search.question import QuestionFrame
    from search.ranking import scope_to_annotated_span

    doc = Document(doc_id="sjz", source="sjz.pdf", title="石家庄市绿色建筑创建行动实施方案", region="石家庄市")
    clause = Clause(clause_id="sjz#三（一）", doc_id="sjz", kind="clause", number="（一）", path="三（一）",
                    heading="全面推进绿色建筑发展", text=_SJZ_TEXT, parent_id=None, order=1)
    roles = _roles_read(doc, clause)
    frame = QuestionFrame(question=f"石家庄{core}由谁负责？", intent="lead_agency", core=core, keywords=core)
    units = lambda f: [((w,), 1.0) for w in f.core.split()]  # noqa: E731 - the question's content terms
    kept = QAEngine.answer_agencies(scope_to_annotated_span({clause.clause_id: clause}, clause.clause_id, roles, frame, units))
    assert [a.name for a in kept if a.role == "lead"] == lead
    assert [a.name for a in kept if a.role == "co"] == co


# pdf2 413 白银 三（八） (excerpt, as its text layer reads): measures numbered inline ("…防止二次污染。3.推进…"), a body
# named in prose in the third only (the receiver of a filing, read as responsible there)
_BY_TEXT = (
    "加大固体废物污染防治，提高安全处置利用水平。3.推进建筑垃圾减量化资源化加快建立建筑垃圾全过程管理制度，规范建筑垃圾产生、"
    "收集、贮存、运输、利用、处臵行为。工程施工单位应当编制建筑垃圾处理方案，报县级以上地方人民政府环境卫生主管部门备案；应当及时"
    "清运工程施工过程中产生的建筑垃圾等固体废物。推动建筑垃圾综合利用产品应用。4.大力推进塑料污染治理扎实推进塑料污染全链条治理，"
    "全面落实对部分一次性塑料制品禁限政策，有序推广应用塑料替代产品。推进过度包装治理，推进快递包装材料源头减量。"
)


@pytest.mark.parametrize(
    "core, named",
    [
        ("建筑垃圾 处理方案", True),
        # another inline-numbered item: the body read from the third names nobody for the fourth (frozen26 qf26-3-27,
        # frozen31 qf31-5-13)
        ("塑料污染 全链条治理", False),
    ],
)
def test_a_body_named_in_one_inline_numbered_item_answers_for_that_item_only(core: str, named: bool) -> None:
    from ingest.records import Clause, Document
    from search.qa import QAEngine
    from search.question import QuestionFrame
    from search.ranking import scope_to_annotated_span

    doc = Document(doc_id="by", source="by.pdf", title="白银市“十四五”生态环境保护规划", region="白银市")
    clause = Clause(clause_id="by#三（八）", doc_id="by", kind="clause", number="（八）", path="三（八）",
                    heading="", text=_BY_TEXT, parent_id=None, order=1)
    roles = _roles_read(doc, clause)
    assert roles  # the third item's body is read from prose
    frame = QuestionFrame(question=f"白银{core}由谁负责？", intent="lead_agency", core=core, keywords=core)
    units = lambda f: [((w,), 1.0) for w in f.core.split()]  # noqa: E731 - the question's content terms
    kept = QAEngine.answer_agencies(scope_to_annotated_span({clause.clause_id: clause}, clause.clause_id, roles, frame, units))
    assert bool(kept) == named, [a.name for a in kept]


# pdf2 383 (national) 七（三）, as its text layer reads: the prose names the ministries in the second sentence; the first
# charges bodies of other kinds with another measure
_POWER_MARKET_TEXT = (
    "及时跟踪评估。电力交易机构和调度机构按照职责分工做好市场运行信息的记录、汇总、分析和披露等工作，及时准确反映电力市场运行"
    "状况。发展改革委、能源局对电力市场运行状况开展定期评估，及时总结经验，加强对各地电力市场建设的督促指导。"
)


@pytest.mark.parametrize(
    "core, lead",
    [
        ("电力市场运行状况 定期评估", ["国家发展改革委"]),
        # the other sentence, which names its own actors: the ministries' prose is not its answer (frozen18 qf18-4-17,
        # frozen44 qf44-4-09 phrasings)
        ("市场运行信息 记录 汇总 披露", []),
    ],
)
def test_a_body_named_in_one_sentence_answers_for_that_sentence_only(core: str, lead: list[str]) -> None:
    from ingest.records import Clause, Document
    from search.qa import QAEngine
    from search.question import QuestionFrame
    from search.ranking import scope_to_annotated_span

    doc = Document(doc_id="pm", source="pm.pdf", title="关于加快建设全国统一电力市场体系的指导意见", region="全国")
    clause = Clause(clause_id="pm#七（三）", doc_id="pm", kind="clause", number="（三）", path="七（三）",
                    heading="及时跟踪评估", text=_POWER_MARKET_TEXT, parent_id=None, order=1)
    roles = _roles_read(doc, clause)
    assert [ar.agency.name for ar in roles if ar.responsibility.role == "lead"] == ["国家发展改革委"]
    frame = QuestionFrame(question=f"{core}由谁负责？", intent="lead_agency", core=core, keywords=core)
    units = lambda f: [((w,), 1.0) for w in f.core.split()]  # noqa: E731 - the question's content terms
    kept = QAEngine.answer_agencies(scope_to_annotated_span({clause.clause_id: clause}, clause.clause_id, roles, frame, units))
    assert [a.name for a in kept if a.role == "lead"] == lead


# pdf2 110 深圳 第六章第二十六条: the prose names the department in the first sentence; the second has no subject of its
# own, so a question about it keeps the department (the body of the sentence before goes on)
_SZ_ARTICLE_TEXT = (
    "在专项资金扶持计划项目申报、审批、管理、验收、后评价等过程中，任何机构和个人存在弄虚作假、非法骗取、恶意串通、提成牟利、侵占"
    "资助资金、恶意重复申报、阻挠或故意规避对项目实施监督管理及其他不良行为的，市工业和信息化主管部门依法将违规信息归集至深圳市"
    "公共信用信息管理系统等公共信用信息平台。情节严重的，依法追究法律责任。"
)


def test_a_sentence_without_a_subject_keeps_the_prose_body() -> None:
    from ingest.records import Clause, Document
    from search.qa import QAEngine
    from search.question import QuestionFrame
    from search.ranking import REFERRING_ACTOR_RE, scope_to_annotated_span

    doc = Document(doc_id="sz", source="sz.pdf", title="深圳市支持绿色发展促进工业“碳达峰”扶持计划操作规程", region="深圳市")
    clause = Clause(clause_id="sz#第六章第二十六条", doc_id="sz", kind="clause", number="第二十六条", path="第六章第二十六条",
                    heading="", text=_SZ_ARTICLE_TEXT, parent_id=None, order=1)
    roles = _roles_read(doc, clause)
    assert roles
    core = "情节严重 追究 法律责任"
    frame = QuestionFrame(question=f"{core}由谁负责？", intent="lead_agency", core=core, keywords=core)
    units = lambda f: [((w,), 1.0) for w in f.core.split()]  # noqa: E731 - the question's content terms
    kept = QAEngine.answer_agencies(scope_to_annotated_span({clause.clause_id: clause}, clause.clause_id, roles, frame, units))
    assert [a.name for a in kept if a.role == "lead"] == [a.name for a in QAEngine.answer_agencies(roles) if a.role == "lead"]
    # … and an actor pointing back at the bodies named before is none of its own (review of round 41)
    assert REFERRING_ACTOR_RE.match("上述部门") and not REFERRING_ACTOR_RE.match("市工业和信息化主管部门")


def test_a_sentence_of_assisting_bodies_keeps_the_prose_body() -> None:
    """pdf2 480 沈阳 第一章第三条: the second sentence's bodies assist the department the first names (…配合做好…), so a
    question about it keeps that department as the lead (final re-read of round 41)."""
    from ingest.records import Clause, Document
    from search.qa import QAEngine
    from search.question import QuestionFrame
    from search.ranking import scope_to_annotated_span

    text = ("市生态环境主管部门负责本市行政区域内地方碳排放权交易相关工作的组织实施、综合协调和监督管理。统计、金融、财政、"
            "发展改革等相关部门按照各自职责，配合做好与本市碳排放权交易相关工作。")
    doc = Document(doc_id="sy", source="sy.pdf", title="沈阳市碳排放权交易管理办法", region="沈阳市")
    clause = Clause(clause_id="sy#第一章第三条", doc_id="sy", kind="clause", number="第三条", path="第一章第三条",
                    heading="", text=text, parent_id=None, order=1)
    roles = _roles_read(doc, clause)
    assert [ar.agency.name for ar in roles if ar.responsibility.role == "lead"] == ["沈阳市生态环境主管部门"]
    core = "统计 金融 财政 发展改革 配合"
    frame = QuestionFrame(question=f"{core}由谁负责？", intent="lead_agency", core=core, keywords=core)
    units = lambda f: [((w,), 1.0) for w in f.core.split()]  # noqa: E731 - the question's content terms
    kept = QAEngine.answer_agencies(scope_to_annotated_span({clause.clause_id: clause}, clause.clause_id, roles, frame, units))
    assert [a.name for a in kept if a.role == "lead"] == ["沈阳市生态环境主管部门"]
    # (since the forty-ninth round the assisting bodies are read as co: they stay beside the lead they assist)
    assert {a.name for a in kept if a.role == "co"} == {"沈阳市统计部门", "沈阳市金融部门", "沈阳市财政部门", "沈阳市发展改革部门"}


def test_a_measure_another_item_names_a_body_for_says_so(tmp_path: Path) -> None:
    """Asked about the fourth inline item of 白银's 三（八） (excerpt), whose third item's prose names a body: no agency, and
    the answer says the clause names that body for its other measures — never that the clause names none."""
    service = _small_store(tmp_path, {"白银市“十四五”生态环境保护规划": f"三、主要任务\n（八）{_BY_TEXT}\n"})
    ans = service.ask("白银市塑料污染全链条治理由哪个部门牵头？")
    assert ans.found and not ans.agencies, ans.answer
    assert "未为所问事项写明责任部门" in ans.answer and "环境卫生主管部门" in ans.answer, ans.answer
    assert NO_AGENCY_SENTENCE not in ans.answer


# pdf2 261 齐齐哈尔 一（五）5 (excerpt): a duty list under the group's coordinating sentence
_QQHR_TITLE = "齐齐哈尔市住房和城乡建设局关于成立城乡建设领域碳达峰行动和城市更新行动领导小组的通知"
_QQHR_GROUP_TEXT = (
    "分工协作制度。市住建局城乡建设领域碳达峰行动领导小组办公室负责对接住建厅，联系发改、生态环境、自然资源等协同推进城乡建设领域"
    "碳达峰行动相关部门，汇总住建系统各行业领域碳达峰行动任务进展情况。当前具体业务分工如下：\n"
    "组织人事科：运用局微信公众号等媒体，及时宣传报道碳达峰行动工作成效。\n"
    "市政基础设施建设科：推进城市绿色照明。\n"
    "市市政设施管护中心：协同推进城市绿色照明。\n"
)


@pytest.mark.parametrize("title, lead", [(_QQHR_TITLE, ["齐齐哈尔市住房和城乡建设局市政基础设施建设科"]), ("", None)])
def test_the_words_naming_the_document_do_not_pick_a_duty_line(title: str, lead: list[str] | None) -> None:
    """"…城乡建设领域碳达峰行动领导小组里，推进城市绿色照明由哪些科室负责" (frozen6 qf6a-011): the words the question shares
    with the notice's title name the notice; 绿色照明 picks the duty line, and the group's office is not kept beside it."""
    from ingest.records import Clause, Document
    from search.qa import QAEngine
    from search.question import QuestionFrame
    from search.ranking import scope_to_annotated_span

    doc = Document(doc_id="qqhr", source="qqhr.pdf", title=_QQHR_TITLE, region="齐齐哈尔市")
    clause = Clause(clause_id="qqhr#一（五）5", doc_id="qqhr", kind="item", number="5", path="一（五）5",
                    heading="分工协作制度", text=_QQHR_GROUP_TEXT, parent_id=None, order=1)
    roles = _roles_read(doc, clause)
    core = "城乡建设 碳达峰 行动 领导小组 推进 城市 绿色照明"
    frame = QuestionFrame(question=f"齐齐哈尔市住建局{core}由哪些科室负责？", intent="responsible_agencies", core=core, keywords=core)
    weights = {"绿色照明": 6.0, "领导小组": 4.0, "碳达峰": 3.0, "城乡建设": 4.0, "行动": 2.0, "推进": 1.0, "城市": 2.0}
    units = lambda f: [((w,), weights[w]) for w in f.core.split()]  # noqa: E731 - the question's content terms, weighted
    kept = QAEngine.answer_agencies(scope_to_annotated_span({clause.clause_id: clause}, clause.clause_id, roles, frame, units, title))
    leads = [a.name for a in kept if a.role == "lead"]
    if lead is not None:
        assert leads == lead, kept
        assert [a.name for a in kept if a.role == "co"] == ["齐齐哈尔市市政设施管护中心"], kept
    else:  # without the title the group's office, which holds most of those words, is kept
        assert any("领导小组办公室" in n for n in leads), kept


# pdf2 309 深圳 (a guide: "受理机关：深圳市工业和信息化局" under 八 项目申请受理机关与时间), 264 安徽 (a survey notice: "将摸排表
# 反馈至省科技厅社发处") and 184 南京 (a call whose 联系方式 lines name a division per matter: "政策咨询：市科技局社会发展与农村
# 科技处…"), in tests/fixtures/contacts
@pytest.fixture(scope="module")
def contacts_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _seeds_plus(tmp_path_factory, "contacts", sorted((CORPUS.parent / "contacts").glob("*.pdf")), added=7)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question, contact",
    [
        # the best clause (受理时间) names nobody: the clause of its document that names the receiving body answers
        ("想问下深圳2023年绿色低碳产业扶持计划的申请材料交给哪个部门受理？", "深圳市工业和信息化局"),
        ("安徽开展碳达峰碳中和科技创新情况摸底调研，摸排表要反馈给省里哪个处室？", "安徽省科技厅社发处"),
        # the clauses ranked first name the department, not a contact: the contact line of the matter asked answers
        # (frozen23 qf23-3-17)
        ("南京市2022年度碳达峰碳中和科技创新专项申报，政策咨询由市科技局哪个处室负责？", "南京市科技局社会发展与农村科技处"),
    ],
)
def test_a_contact_question_is_answered_by_the_contact(contacts_kg: PolicyKG, question: str, contact: str) -> None:
    a = contacts_kg.ask(question)
    assert a.found and [x.name for x in a.agencies] == [contact], a.answer
    assert "联系（受理）单位" in a.answer


@pytest.mark.slow
def test_a_contact_is_no_measures_responsibility(contacts_kg: PolicyKG) -> None:
    """A question about the survey itself does not get the division its forms go to as the body leading it."""
    a = contacts_kg.ask("安徽开展碳达峰碳中和科技创新情况摸底调研的重点领域由谁牵头？")
    assert "安徽省科技厅社发处" not in [x.name for x in a.agencies], a.answer


@pytest.fixture(scope="module")
def data_tables_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """The seeds plus two plans whose tables are read by their cells (tests/fixtures/tables): the 交通运输 technology
    catalogue (pdf2 555) and 江苏's marine plan (pdf2 436: each river section's 责任城市)."""
    tables = ROOT / "tests" / "fixtures" / "tables"
    return _seeds_plus(tmp_path_factory, "qa-data-tables", sorted(tables.glob("555*.pdf")) + sorted(tables.glob("436*.pdf")))


@pytest.mark.parametrize(
    "question, quoted",
    [
        # a catalogue row's figure is the cell whose label names it, not a figure of another cell's words
        ("交通运输行业节能低碳技术推广目录里，公路隧道照明节能关键技术的典型项目一年节能量是多少？", "典型项目节能量/替代燃料量（年）：1229tce"),
        ("节能低碳技术推广目录中节能驾驶操作的典型项目每年CO2减排量是多少？", "典型项目CO2减排量（年）：60306t"),
        # a figure in the technique's own words still answers what its words say
        ("推广目录里港口皮带机的智能伺服永磁直驱技术能把电能消耗降低多少？", "10%"),
        # a national document named by its issuer and title while a stored place (江苏) is named inside the measure: the
        # national document answers, not the place's plans
        ("交通运输部2021年度节能低碳技术推广目录里，江苏推荐的风光互补供电系统技术应用项目每年CO2减排量是多少？",
         "典型项目CO2减排量（年）：376.48t"),
        # a figure of the kind asked (a duration in years): the 技术内容 cell's service life, not the 应用规模 cell's count
        # (frozen20 qf20-2-25, frozen41 qf41-1-28)
        ("2021年度交通运输行业节能低碳技术推广目录中的线性低密度聚乙烯滚塑浮标，使用寿命能达到多少年？", "达15年"),
    ],
)
def test_a_data_rows_figure_is_read_by_its_cells_label(data_tables_kg: PolicyKG, question: str, quoted: str) -> None:
    a = data_tables_kg.ask(question)
    assert a.found and a.intent == "target_value", a.answer
    assert quoted in a.answer and a.evidence[0].clause_id.startswith("555、"), a.answer


@pytest.mark.parametrize(
    "question, city",
    [
        ("江苏海洋规划里北凌新闸断面的责任城市是哪个？", "南通市"),
        ("烧香河的烧香北闸断面由哪个城市负责？", "连云港市"),
        # the table's caption (表2“十四五”入海河流国考断面清单) is read with each of its rows
        ("入海河流国考断面清单里灌河陈港断面归哪个城市负责？", "盐城市"),
    ],
)
def test_a_tables_responsible_city_answers_who_is_responsible(data_tables_kg: PolicyKG, question: str, city: str) -> None:
    a = data_tables_kg.ask(question)
    assert a.found and a.intent == "lead_agency", a.answer
    assert [(ag.name, ag.role) for ag in a.agencies] == [(city, "lead")], a.answer


def test_a_places_title_the_store_holds_only_for_other_places_is_not_stored(kg: PolicyKG) -> None:
    """"辽宁省“十四五”节能减排实施方案" is 太原's and 晋城's title, not 辽宁's (its stored plan is the 2014—2015 one): the
    answer says the document is not stored and names the plans of that title, instead of answering from 辽宁's other
    plan; a question naming 辽宁's own plan is answered."""
    missing = kg.ask("辽宁省“十四五”节能减排实施方案里，单位GDP能耗要下降多少？")
    assert not missing.found and "未收录辽宁省" in missing.answer and "太原市" in missing.answer, missing.answer
    own = kg.ask("辽宁省2014-2015年节能减排低碳发展行动计划里，单位GDP能耗要下降多少？")
    assert own.found and own.targets, own.answer
    # the province's title written after the province is its own plan, not one of its cities' plans of that title
    # (frozen20 "甘肃省“十四五”生态环境保护规划" with only 白银市's stored); a city written before the title names the city's
    province = kg.ask("山西省“十四五”节能减排实施方案里，单位GDP能耗要下降多少？")
    assert not province.found and "未收录山西省" in province.answer and "太原市" in province.answer, province.answer
    city = kg.ask("山西太原市“十四五”节能减排实施方案里，单位GDP能耗要下降多少？")
    assert city.found and city.targets and city.evidence[0].source.startswith("taiyuan"), city.answer


def test_a_quoted_title_no_document_holds_is_not_stored(kg: PolicyKG) -> None:
    """A title quoted in 《》 that no stored title holds (frozen18 qf18-1-34 phrasing): the document is not stored, and no
    other plan of the place answers for it; a stored plan quoted by its title is answered."""
    missing = kg.ask("山西省《控制甲烷排放实施方案》对煤矿瓦斯利用率定了什么目标？")
    assert not missing.found and "未收录《控制甲烷排放实施方案》" in missing.answer, missing.answer
    # … and with no place, a national body's title (frozen25 qf25-5-35): no national document cites it either
    national = kg.ask("教育部印发的《绿色低碳发展国民教育体系建设实施方案》里，要求到2025年实现什么目标？")
    assert not national.found and "未收录《绿色低碳发展国民教育体系建设实施方案》" in national.answer, national.answer
    own = kg.ask("《太原市“十四五”节能减排实施方案》里，单位GDP能耗要下降多少？")
    assert own.found and own.targets, own.answer
    # … its type word closed by a qualifier in brackets (development qd53-3-34's form: "…实施方案（暂行）", "…办法（试行）")
    bracketed = kg.ask("山西省《控制甲烷排放实施方案（暂行）》对煤矿瓦斯利用率定了什么目标？")
    assert not bracketed.found and "未收录《控制甲烷排放实施方案(暂行)》" in bracketed.answer, bracketed.answer


@pytest.mark.parametrize(
    ("title", "typed"),
    [
        ("四川省可再生能源电力消纳保障实施方案(暂行)", True),
        ("碳排放权交易管理办法(试行)", True),
        ("某某管理办法(试行)(修订)", True),
        ("某某发展规划(2021-2025年)", True),
        ("控制甲烷排放实施方案", True),
        # a bracket that is no title's qualifier: an order or document number, an attachment's label, a short name; a
        # type word the list does not hold (指南); no type word at all (review of round 50)
        ("湖北省碳排放权管理和交易暂行办法(省政府令第371号)", False),
        ("某某实施方案(晋政发〔2022〕1号)", False),
        ("某某实施方案(附件1)", False),
        ("某某实施方案(以下简称方案)", False),
        ("高耗能行业重点领域节能降碳改造升级实施指南(2022年版)", False),
        ("绿色工厂评价要求", False),
        ("绿色工厂评价要求(2021年版)", False),
    ],
)
def test_a_title_closed_by_a_bracketed_qualifier_ends_with_its_type(title: str, typed: bool) -> None:
    from search.answer_text import RE_DOC_TYPE_END

    assert bool(RE_DOC_TYPE_END.search(title)) is typed


def test_a_quoted_titles_closing_qualifiers_are_no_words_of_the_title() -> None:
    """A stored plan quoted with （征求意见稿） or its years is matched by its title's own words (review of round 50: pdf2 494
    河北省促进绿色消费实施方案 quoted with （征求意见稿）)."""
    from search.answer_text import RE_CLOSING_QUALIFIERS

    assert RE_CLOSING_QUALIFIERS.sub("", "《河北省促进绿色消费实施方案(征求意见稿)》") == "《河北省促进绿色消费实施方案》"
    assert RE_CLOSING_QUALIFIERS.sub("", "《某某管理办法(试行)(修订)》") == "《某某管理办法》"
    assert RE_CLOSING_QUALIFIERS.sub("", "《某某实施方案(附件1)》") == "《某某实施方案(附件1)》"


@pytest.mark.parametrize(
    ("question", "alternatives"),
    [
        # a kind asked as alternatives, the type word written once at the end (frozen13 qf13-3-27, frozen15 qf15-3-29)
        ("除了湖南，还有哪些地方出台了类似的制造业绿色低碳转型或绿色制造行动方案？",
         [{"制造", "造业", "绿色", "低碳", "转型", "行动"}, {"绿色", "制造", "行动"}]),
        ("其他城市有没有类似太原的节能减排实施方案？", []),
        # types of one subject as alternatives, the subject written once before the first (frozen21 qf21-1-04)
        ("除此之外，还有哪些地方专门出台了林业（林草）碳汇方面的行动计划或管理办法？",
         [{"林业", "林草", "碳汇", "行动", "动计"}, {"林业", "林草", "碳汇", "管理", "办法"}]),
    ],
)
def test_a_kind_asked_as_alternatives(kg: PolicyKG, question: str, alternatives: list[set[str]]) -> None:
    answerers = kg.engine.answerers
    assert answerers.kind_alternatives(answerers.parser.parse(question)) == alternatives


@pytest.mark.parametrize(
    ("question", "within"),
    [
        ("太原出台了“十四五”节能减排实施方案，山西其他城市有类似文件吗？", "山西省"),
        # the place set apart is not the one the question keeps to (review of round 19)
        ("除了太原其他城市有没有类似的节能减排实施方案？", None),
        # the place spoken from, the one set apart inside it (frozen14 qf14-4-15 "青海这边除了海西州…")
        ("山西这边除了太原，还有没有其他地方出台了类似的节能减排实施方案？", "山西省"),
        ("山西这边有节能减排实施方案，其他省有没有类似的？", None),
        # (a document set apart after 这边 is no place inside it — review of round 20)
        ("太原这边除了节能减排实施方案，其他省有没有类似的文件？", None),
        # the province's places asked right after its name (frozen21 qf21-2-32 "除了福州，福建省还有哪些设区市…")
        ("除了太原，山西省还有哪些设区市印发了节能减排实施方案？", "山西省"),
        ("除了山西省，还有哪些省印发了节能减排实施方案？", None),
    ],
)
def test_the_region_a_similar_question_keeps_to(kg: PolicyKG, question: str, within: str | None) -> None:
    answerers = kg.engine.answerers
    found = answerers.similar_within(answerers.parser.parse(question))
    assert (found[0] if found else None) == within


@pytest.mark.parametrize(
    ("question", "apart"),
    [
        # the question's place set apart from the places asked about (frozen19 qf19-1-28, frozen30 qf30-3-30)
        ("除了太原，其他地方有没有类似的燃煤锅炉淘汰改造措施？", "太原市"),
        ("除了太原市以外，还有哪些城市也在推进燃煤锅炉淘汰改造？", "太原市"),
        # a document of the place set apart, not the place (its other documents may be like it)
        ("除了太原这份节能减排方案，还有哪些地方有类似的燃煤锅炉淘汰改造措施？", None),
        ("太原以外的燃煤锅炉淘汰改造措施有哪些类似的？", None),
    ],
)
def test_the_place_a_similar_question_sets_apart(kg: PolicyKG, question: str, apart: str | None) -> None:
    answerers = kg.engine.answerers
    assert answerers.place_set_apart(answerers.parser.parse(question)) == apart


@pytest.fixture(scope="module")
def two_plans_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """The seeds beside two cities' two plans each (corpus 186 and 189 成都, 113 and 356 武汉)."""
    return _seeds_plus_pdfs(tmp_path_factory, "qa-two-plans", ("186、", "189、", "113、", "356、"))


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("除了成都，其他城市有没有类似的优化能源结构、促进城市绿色低碳发展的行动方案？", "成都市"),
        ("除了武汉，其他城市有没有类似的发展低碳产业的工作方案？", "武汉市"),
    ],
)
def test_a_place_set_apart_lists_none_of_its_documents(two_plans_kg: PolicyKG, question: str, place: str) -> None:
    """"除了成都，其他城市…": the measure stands in one of the place's plans (the first evidence), and no other evidence
    is the place's — its other plan is its own, not another city's."""
    answer = two_plans_kg.ask(question)
    assert answer.found and answer.evidence[0].region == place
    others = answer.evidence[1:]
    assert others and all(e.region != place for e in others), [(e.source, e.region) for e in others]


def test_plans_of_the_kind_that_speak_of_the_measure_come_first(kg: PolicyKG) -> None:
    """Among plans of the kind asked (equal title shares), those whose clauses speak of the measure come first: the
    best clause's score orders them (frozen13 qf13-2-30 "…生态环境保护规划里也提出建设“无废城市”")."""
    answerers = kg.engine.answerers
    frame = answerers.parser.parse("还有哪些城市出台了“十四五”节能减排实施方案？")
    plans = answerers.plans_like(frame, None, 8)
    assert {p.split("-")[0] for p in plans} == {"taiyuan", "jincheng"}, plans
    for first in plans:
        others = [p for p in plans if p != first]
        ordered = answerers.plans_like(frame, None, 8, relevance={first: 1.0, **{p: 0.0 for p in others}})
        assert ordered[0] == first, ordered


# pdf2 43 (a national notice whose subject, 国家生态工业示范园区, no other title holds), 344 (发改环资〔2022〕526号, 废旧纺织品),
# 577 (科技支撑碳达峰碳中和实施方案: a title sharing the genre's 碳达峰碳中和实施 with questions), 455 (泰州: a city with a plan
# of its own, named inside a measure of 江苏's), 305 (台州) and 238 (财政支持做好碳达峰碳中和工作的意见); with corpus 244 (江苏省
# 2021年推动碳达峰、碳中和工作计划); 110 (深圳's 操作规程, whose preamble writes its title with the issuing bureau the stored
# title leaves out).
@pytest.fixture(scope="module")
def named_plans_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    pdfs = [*sorted((CORPUS.parent / "named_plans").glob("*.pdf")), *sorted(CORPUS.glob("244、*.pdf"))]
    return _seeds_plus(tmp_path_factory, "named-plans", pdfs, added=12)


@pytest.mark.slow
def test_a_document_named_by_the_title_its_preamble_writes(named_plans_kg: PolicyKG) -> None:
    """《深圳市工业和信息化局支持…操作规程》 is 110's own title as its preamble writes it (frozen23 qf23-1-07): only that
    document writes it, so it names the document, not a measure; a score asked in 分 is a figure (qf23-1-06)."""
    answer = named_plans_kg.ask("《深圳市工业和信息化局支持绿色发展促进工业“碳达峰”扶持计划操作规程》的有效期是几年？")
    assert answer.found and "5年" in answer.answer and answer.evidence[0].clause_id.startswith("110、"), answer.answer
    score = named_plans_kg.ask("申报深圳市支持绿色发展促进工业碳达峰扶持计划，专家评审要得多少分才算通过？")
    assert score.found and "70分" in score.answer, score.answer


@pytest.mark.slow
def test_a_figure_is_read_with_its_parents_heading(named_plans_kg: PolicyKG) -> None:
    """110 第三章第八条（三） "扶持标准：…单个项目资助金额不超过1000万元" stands under 第八条 "工业能源资源节约和综合利用项目的
    扶持方向": read with its parent's heading its wording holds the question's terms, and it answers (frozen23 qf23-1-05)."""
    answer = named_plans_kg.ask("深圳工业“碳达峰”扶持计划里，工业能源资源节约和综合利用项目单个项目最多能拿到多少资助？")
    assert answer.found and "1000万" in answer.answer and answer.evidence[0].clause_id.startswith("110、"), answer.answer
    answerers = named_plans_kg.engine.answerers
    child = answer.evidence[0].clause_id
    parent = answerers.model.clauses[child].parent_id
    assert parent and answerers.model.clauses[parent].heading + answerers.model.clauses[child].heading in answerers.headings(child)


@pytest.mark.slow
def test_a_ministry_department_written_bare_leads(named_plans_kg: PolicyKG) -> None:
    """43's "科技与财务司将组织对报送材料质量开展评估审查" names 生态环境部科技与财务司, which its contact lines write in full."""
    for question in (
        "国家生态工业示范园区报送的碳达峰碳中和材料，由哪个单位组织开展质量评估审查？",
        "国家生态工业示范园区按要求报送的碳排放基础数据表和碳达峰碳中和实施路径专项报告，由谁组织对材料质量开展评估审查？",
    ):
        answer = named_plans_kg.ask(question)
        assert answer.found and [a.name for a in answer.agencies if a.role == "lead"] == ["生态环境部科技与财务司"], answer.answer
    # … and asked by a short form of its name written after the ministry's (frozen7 qf7b-016)
    duties = named_plans_kg.ask("推进国家生态工业示范园区碳达峰碳中和相关工作的通知中，生态环境部科财司牵头的是哪部分内容？")
    assert duties.found and "生态环境部科技与财务司" in duties.answer and "材料报送要求" in duties.answer, duties.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "clause"),
    [
        # the run 国家生态工业示范园区 names the notice (frozen22 qf22-1-20, frozen7 qf7b-015 — answered in full since its
        # body is read: test_a_ministry_department_written_bare_leads): its best clause answers, weakly, instead of "未找到"
        ("国家生态工业示范园区要在管理平台上增加和完善碳达峰碳中和管理功能，这项任务通知里有没有明确牵头部门？", "43、"),
    ],
)
def test_a_title_run_no_other_title_holds_names_its_document(named_plans_kg: PolicyKG, question: str, clause: str) -> None:
    answer = named_plans_kg.ask(question)
    assert answer.found and answer.evidence[0].clause_id.startswith(clause), answer.answer
    assert "请核对原文" in answer.answer  # a weak match says so


@pytest.mark.slow
def test_a_title_run_the_genre_shares_names_no_document(named_plans_kg: PolicyKG) -> None:
    """碳达峰碳中和实施 is in 577's title and in the question's words, but 43's longer run is what names a document."""
    answerers = named_plans_kg.engine.answerers
    frame = answerers.parser.parse("国家生态工业示范园区要报送碳达峰碳中和实施路径专项报告，谁来审查？")
    docs = [d for d in answerers.model.docs if d.startswith(("43、", "577、"))]
    assert [d.split("、")[0] for d in answerers.titled_by_run(frame, docs)] == ["43"]


@pytest.mark.slow
def test_a_named_document_s_title_words_in_the_measure_are_asked_again(named_plans_kg: PolicyKG) -> None:
    """"526号…我国废旧纺织品循环利用率": the title's words are part of the indicator asked (frozen20 qf20-1-09, frozen22
    qf22-1-12); 我国 is the country, no measure term."""
    answer = named_plans_kg.ask("发改环资〔2022〕526号提出，到2025年我国废旧纺织品循环利用率要达到多少？")
    assert answer.found and "25%" in answer.answer, answer.answer


@pytest.mark.slow
def test_a_city_named_inside_a_provincial_measure_falls_back_to_the_province(named_plans_kg: PolicyKG) -> None:
    """泰州 has a plan of its own, but "国电泰州电厂CCUS项目" is a measure of 江苏's plan (frozen22 qf22-5-30): when the city's
    documents do not say, the province's that name the city answer; a question about the city alone stays with it."""
    answer = named_plans_kg.ask("江苏2021年调研华电句容电厂碳捕集利用技术、跟踪国电泰州电厂CCUS项目，是哪些部门负责的？")
    assert answer.found and answer.evidence[0].clause_id.startswith("244、"), answer.answer
    assert [a.name for a in answer.agencies if a.role == "lead"] == ["江苏省生态环境厅气候处"], answer.answer
    alone = named_plans_kg.ask("泰州市跟踪国电泰州电厂CCUS项目进度由哪个部门负责？")
    assert not alone.found or not alone.evidence[0].clause_id.startswith("244、"), alone.answer


@pytest.mark.slow
def test_besides_a_place_others_that_issued_the_kind(named_plans_kg: PolicyKG) -> None:
    """"除了台州，还有哪些出台了财政（财税）支持…的专门意见" (frozen22 qf22-3-23): the national 意见 of that kind."""
    answer = named_plans_kg.ask("除了台州，还有哪些出台了财政（财税）支持做好碳达峰碳中和工作的专门意见？")
    assert answer.intent == "similar_measures"
    assert any(e.source.startswith("238、") for e in answer.evidence), answer.answer
    assert not any(e.source.startswith("305、") for e in answer.evidence), answer.answer


@pytest.mark.parametrize(
    "roles, expected",
    [
        # pdf2 424 云南 第九章第一节 "各州（市）人民政府应至少确定一座协同应急处置设施": the only bodies named are in charge
        ([("云南省各州（市）人民政府", "implementing")], [("云南省各州（市）人民政府", "lead")]),
        # 430 内蒙古: two levels' governments, both alone
        ([("内蒙古自治区各盟市人民政府", "implementing"), ("内蒙古自治区各旗县人民政府", "implementing")],
         [("内蒙古自治区各盟市人民政府", "lead"), ("内蒙古自治区各旗县人民政府", "lead")]),
        # beside a department (辽源 357 "…各县区政府、辽源高新区管委会按职责分工负责") they stay implementing
        ([("辽源市交通运输局", "lead"), ("辽源市各县区政府", "implementing")],
         [("辽源市交通运输局", "lead"), ("辽源市各县区政府", "implementing")]),
        ([], []),
    ],
)
def test_sub_region_governments_named_alone_are_in_charge(roles: list[tuple[str, str]], expected: list[tuple[str, str]]) -> None:
    from search.answer import AnswerAgency
    from search.answer_text import in_charge_when_alone

    got = in_charge_when_alone([AnswerAgency(name, role) for name, role in roles])
    assert [(a.name, a.role) for a in got] == expected


# pdf2 335 (the national 2022 节能宣传周和全国低碳日 notice) and 366 (广东's notice of the same campaign), in
# tests/fixtures/campaigns: a question opening with the edition year and 全国 asks the country's notice
@pytest.fixture(scope="module")
def campaigns_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _seeds_plus(tmp_path_factory, "campaigns", sorted((CORPUS.parent / "campaigns").glob("*.pdf")), added=6)


@pytest.mark.parametrize(
    "question, lead",
    [
        ("2022年全国低碳日当天的“线上+线下”宣传活动，是由哪个部门牵头开展的？", ["生态环境部"]),
        ("2022年全国节能宣传周期间，围绕宣传主题开展宣传活动是哪个部门牵头会同有关部门组织的？", ["国家发展改革委"]),
        # the province's own notice when the province is asked
        ("2022年广东省低碳日当天的“线上+线下”宣传活动由哪个部门牵头开展？", ["广东省生态环境厅"]),
    ],
)
def test_the_country_asked_after_the_edition_year(campaigns_kg: PolicyKG, question: str, lead: list[str]) -> None:
    ans = campaigns_kg.ask(question)
    assert ans.found and list(ans.lead) == lead, ans.answer



# pdf2 404 (福州's 2021 技术改造 plan), in tests/fixtures/actors: a clause with no annotation whose asked sentence writes a
# body as its actor is answered with that body, said to be read from the sentence; a clause that names none still says so
@pytest.fixture(scope="module")
def actors_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _seeds_plus(tmp_path_factory, "actors", sorted((CORPUS.parent / "actors").glob("*.pdf")), added=5)


def test_the_actor_of_the_asked_sentence_answers(actors_kg: PolicyKG) -> None:
    ans = actors_kg.ask("福州推进技术改造专项行动，负责专项行动全面工作、定期协商议事的是哪个机构？")
    assert ans.found and list(ans.lead) == ["福州市推动企业技术改造工作领导小组"], ans.answer
    assert [a.how for a in ans.agencies] == ["actor"] and "未以责任标注写明" in ans.answer, ans.answer
    # a clause of the same plan whose sentences write no actor: the document names no agency
    silent = actors_kg.ask("福州市技术改造专项行动里，推动企业实施数字化改造这项工作由哪个部门牵头？")
    assert silent.found and not silent.agencies and "未指明" in silent.answer, silent.answer


def test_an_item_under_a_lead_in_clause_is_read_with_it(named_plans_kg: PolicyKG) -> None:
    """pdf2 110 深圳 操作规程 第三章第八条 "工业能源资源节约和综合利用项目的扶持方向、条件、标准和审核方式如下：" then its items
    (扶持标准：…单个项目资助金额不超过1000万元): the item holding the amount ranks first for the project kind the lead-in names."""
    answerers = named_plans_kg.engine.answerers
    frame = answerers.apply_document_reference(
        answerers.parser.parse("深圳工业“碳达峰”扶持计划里，工业能源资源节约和综合利用项目单个项目最多能拿到多少资助？")
    )
    frame = answerers.strip_document_reference(frame)
    ranked = answerers.ranker.rank_clauses(frame, answerers.model.scope_docs(frame), prefer="targets")
    assert ranked and ranked[0].clause_id.endswith("#第三章第八条（三）"), [s.clause_id for s in ranked[:3]]


@contextmanager
def answerers_set(answerers: Any, **values: Any) -> Iterator[None]:
    """The answerers' settings named set to ``values`` for the block, restored after it."""
    kept = {name: getattr(answerers, name) for name in values}
    try:
        for name, value in values.items():
            setattr(answerers, name, value)
        yield
    finally:
        for name, value in kept.items():
            setattr(answerers, name, value)


@pytest.mark.parametrize(
    ("question", "floor_names"),
    [
        ("太原市海洋牧场和远洋渔船建设由哪个部门牵头？", ("unsure_sentence_coverage",)),
        # (a figure must also clear the figure-coverage floor of every target answer)
        ("太原市到2025年海洋牧场和远洋渔船的燃油消耗要下降多少？", ("unsure_figure_coverage", "min_figure_coverage")),
    ],
)
def test_an_unsure_clause_answers_only_when_vouched_for(kg: PolicyKG, question: str, floor_names: tuple[str, ...]) -> None:
    """The wiring of the two floors: without a floor the unsure clause is refused; with floors no wording can miss (0.0)
    it answers, saying its match is weak."""
    from search.answer_text import WEAK_MATCH

    kg.ask("太原")
    answerers = kg.engine.answerers
    with answerers_set(answerers, **{floor_names[0]: None}):
        refused = kg.ask(question)
    with answerers_set(answerers, **dict.fromkeys(floor_names, 0.0)):
        vouched = kg.ask(question)
    assert refused.found is False
    assert vouched.found is True and WEAK_MATCH.strip("（）()") in vouched.answer


@pytest.mark.parametrize(
    ("question", "floor", "vouches"),
    [
        # a sentence of the best clause holding every term of the question vouches for it at the fitted floor …
        ("太原市挥发性有机物综合整治由哪个部门牵头？", 0.7, True),
        # … never without a floor (the file missing: every unsure clause refused, as before the rule)
        ("太原市挥发性有机物综合整治由哪个部门牵头？", None, False),
        # … and not when most of the question's terms (海洋牧场, 远洋渔船) are nowhere in one sentence of it
        ("太原市挥发性有机物综合整治和海洋牧场、远洋渔船建设由哪个部门牵头？", 0.7, False),
    ],
)
def test_a_sentence_vouches_for_an_unsure_clause(kg: PolicyKG, question: str, floor: float | None, vouches: bool) -> None:
    kg.ask("太原")  # (the engine is built on the first question)
    answerers = kg.engine.answerers
    frame = answerers.parser.parse(question)
    ranked = answerers.ranker.rank_clauses(frame, answerers.model.scope_docs(frame), prefer="agencies")
    with answerers_set(answerers, unsure_sentence_coverage=floor):
        assert answerers.sentence_vouches(frame, ranked[0]) is vouches


@pytest.mark.parametrize(
    ("question", "floor", "vouches"),
    [
        ("太原市到2025年单位地区生产总值能耗比2020年下降多少？", 0.6, True),
        ("太原市到2025年单位地区生产总值能耗比2020年下降多少？", None, False),
        ("太原市到2025年海洋牧场和远洋渔船的燃油消耗下降多少？", 0.6, False),
    ],
)
def test_a_figure_vouches_for_unsure_clauses(kg: PolicyKG, question: str, floor: float | None, vouches: bool) -> None:
    kg.ask("太原")
    answerers = kg.engine.answerers
    frame = answerers.parser.parse(question)
    ranked = answerers.ranker.rank_clauses(frame, answerers.model.scope_docs(frame), prefer="targets")
    with answerers_set(answerers, unsure_figure_coverage=floor):
        units = answerers.ranker.term_units(frame)
        assert bool(answerers.vouching_figures(units, answerers.target_candidates(frame, ranked))) is vouches


@pytest.mark.slow
@pytest.mark.parametrize(
    "question, lead, co",
    [
        # a plan whose measures name no lead: its organising clause's actor carries it (296 五（二十） "在碳达峰碳中和工作领导
        # 小组领导下，住房和城乡建设部、国家发展改革委等部门加强协作"); before: "文件未为各项任务指明牵头部门" and no body
        ("城乡建设领域碳达峰实施方案由哪个部门牵头？", ["住房和城乡建设部"], ["国家发展改革委"]),
        # … and that clause asked by what it organises, no sentence of it sharing the question's words: its first
        # sentence's actor (before: "条文中提到国家发展改革委" and no body)
        ("国家《城乡建设领域碳达峰实施方案》的组织实施由哪个部门牵头？", ["住房和城乡建设部"], ["国家发展改革委"]),
        # a level's fields listed before one 部门 in a national plan (296 五（二十一）): each field's departments of that level
        ("城乡建设领域碳达峰实施方案要求每年11月底前报告落实情况的是哪些部门？",
         ["各省（区、市）住房和城乡建设部门"], ["各省（区、市）发展改革部门"]),
    ],
)
def test_a_plans_organising_clause_and_level_departments_answer(corpus_kg_2: PolicyKG, question, lead, co) -> None:
    answer = corpus_kg_2.ask(question)
    assert answer.found and list(answer.lead) == lead and list(answer.co) == co, answer.answer


@pytest.mark.slow
def test_a_plan_named_by_its_own_title_is_not_asked_inside_its_attachment(two_plans_kg: PolicyKG) -> None:
    """成都 189 attaches a 编制指南 whose title is close to the plan's: a question naming the plan stays in the plan (the
    document's own title competes with the attachment's, and wins), one naming the guide goes inside it."""
    answer = two_plans_kg.ask("《成都市近零碳排放区试点建设工作方案（试行）》里，试点的验收工作由哪个部门组织？")
    assert answer.found and answer.evidence[0].clause_id.endswith("#四（二）2"), answer.answer
    assert list(answer.lead) == ["成都市生态环境局"], answer.answer
    answerers = two_plans_kg.engine.answerers
    frame = answerers.apply_document_reference(answerers.parser.parse("成都市近零碳排放区试点建设方案编制指南里，碳排放情况要核算哪几年？"))
    ranked = answerers.ranker.rank_clauses(frame, answerers.model.scope_docs(frame), prefer="targets")
    within = answerers.within_attachment(frame, ranked, "targets")
    assert within is not None and within[1], [s.clause_id for s in ranked[:5]]
    assert all(re.search(r"#附件1(?![0-9~])", s.clause_id) for s in within[1]), [s.clause_id for s in within[1]]


@pytest.mark.parametrize(
    "names, central, expected",
    [
        # a ministries' plan (corpus 169 附件1三): bare fields before 等部门 are the central bodies, the first leading
        (["发展改革部门", "科技部门", "人民银行部门"], True, [("国家发展改革委", "lead"), ("科技部", "co"), ("中国人民银行", "co")]),
        # not in a document the State Council issued, nor with a level written on any item, nor with a field the table
        # lacks: as written (a review's cases)
        (["公安部门", "交通运输部门"], False, [("公安部门", "lead"), ("交通运输部门", "co")]),
        (["各省(区、市)住房和城乡建设主管部门", "发展改革部门"], True,
         [("各省（区、市）住房和城乡建设主管部门", "lead"), ("发展改革部门", "co")]),
        (["发展改革部门", "行业协会部门"], True, [("发展改革部门", "lead"), ("行业协会部门", "co")]),
    ],
)
def test_a_ministries_plans_bare_fields_are_its_central_bodies(names, central, expected) -> None:
    from search.answer_text import actor_roles

    got = actor_roles(names, False, "全国", central_issuer=central)
    assert [(a.name, a.role) for a in got] == expected


@pytest.mark.parametrize(
    "heading, organising",
    [
        ("加强组织领导", True), ("组织实施", True), ("强化组织保障", True), ("加强统筹协调", True), ("健全组织领导机制", True),
        # a task of the plan whose heading opens like one is no organising clause (a review's case)
        ("组织实施重点节能降碳工程", False), ("组织推进绿色建筑创建", False),
    ],
)
def test_a_plans_organising_clause_by_its_heading(heading, organising) -> None:
    from search.answer_text import ORGANISING_HEADING_RE

    assert bool(ORGANISING_HEADING_RE.search(heading)) is organising


# a prose sentence that opens with its agent ("由X牵头，…") is about the measure of the sentence before it (pdf2 514 北京 绿色
# 社区 四（一）, pdf2 382 山东 “两高” 二6); a sentence with its own subject is read as written
@pytest.mark.parametrize(
    "text, sentence, reach_holds",
    [
        ("建立市级部门指导推动，各区政府组织实施的领导工作机制，建立全市绿色社区创建行动部门协作机制。由市住房城乡建设委牵头，"
         "发改、民政、城市管理等部门参与，加强协调配合。各区人民政府是落实绿色社区创建工作的责任主体。",
         "由市住房城乡建设委牵头,发改、民政、城市管理等部门参与,加强协调配合", "绿色社区创建行动部门协作机制"),
        ("制定实施“两高”行业产能整合能耗煤耗保障工作方案。由省发展改革委牵头研究制定“两高”行业能耗煤耗随产能转移工作方案，"
         "对“两高”行业跨区域整合腾出的能耗煤耗指标，分行业按照不同比例实行省级有偿收储。",
         "由省发展改革委牵头研究制定“两高”行业能耗煤耗随产能转移工作方案,对“两高”行业跨区域整合腾出的能耗煤耗指标,"
         "分行业按照不同比例实行省级有偿收储", "产能整合能耗煤耗保障工作方案"),
        ("建立全市绿色社区创建行动部门协作机制。各区人民政府是落实绿色社区创建工作的责任主体。",
         "各区人民政府是落实绿色社区创建工作的责任主体", None),
    ],
)
def test_a_sentence_opening_with_its_agent_reads_the_one_before(text: str, sentence: str, reach_holds: str | None) -> None:
    from search.ranking import with_topic_sentence

    reach = with_topic_sentence(text, [sentence])[sentence]
    if reach_holds is None:
        assert reach == sentence
    else:
        assert reach_holds in reach and reach.endswith(sentence)


# Clauses that write one annotation twice, after two of their measures (pdf2 219 天津 二（七）, 451 德州 第七章第三节,
# 465 南平 第五章第五节; excerpts as their text layers read): each occurrence closes its own span, so the measure
# before the second one is answered by that annotation alone, not by every body of the clause
_TJ_TWICE_TEXT = (
    "提升产业园区（集群）循环化水平。制定实施天津市工业布局规划，优化工业空间布局，引导产业协同联动、集聚发展。（市工业和信息化局、"
    "各区人民政府按职责分工负责）加强对产业园区规划环境影响评价的审查和监管，督促各产业园区管理部门依法依规开展评价，提升产业园区规划"
    "环境影响评价效力。（市生态环境局、各区人民政府按职责分工负责）推进既有产业园区和产业集群循环化改造，推动公共设施共建共享、能源梯级"
    "利用、资源循环利用和污染物集中安全处置等。（市发展改革委、市生态环境局、各区人民政府按职责分工负责）推行产业园区综合能源管理模式，"
    "建设电、热、冷、气等多种能源协同互济的综合能源项目。（市发展改革委、各区人民政府按职责分工负责）加强危险废物规范化管理，推动危险"
    "废物处置能力建设。（市生态环境局、各区人民政府按职责分工负责）"
)
_DZ_TWICE_TEXT = (
    "推动地下水环境分区管理。以饮用水水源保护区为核心，开展地下水型饮用水水源补给区及供水单位周边区域环境状况和污染风险调查评估。"
    "（牵头单位：市生态环境局；配合单位：市水利局、市住房城乡建设局、市卫生健康委）\n"
    "开展地下水环境状况调查评估。在重点区域设置地下水例行监控井，逐步建立覆盖全市重点工业园区的地下水环境监测网络。（责任单位：市生态环境局）\n"
    "强化地下水环境风险管控。6个化工类工业聚集区编制“一区一策”地下水污染整治方案并组织实施。实施地下水污染风险管控与修复试点。"
    "（责任单位：市生态环境局）\n"
)
_NP_TWICE_TEXT = (
    "农村生活污水治理工程。推动农村污水治理试点工作。（推进单位：市生态环境局、农业农村局、住建局）\n"
    "城乡环卫一体化工程。推进城乡生活垃圾收运处置体系建设。（推进单位：市住建局）\n"
    "农村生活垃圾治理工程。加强配备农村日常环卫保洁设施，每500人至少配备1名保洁员，推进农村垃圾资源化、减量化、无害化处理。\n"
    "提高生活垃圾分类收集率，实现农村生活垃圾收运处置体系全覆盖。（推进单位：市住建局）\n"
    "受污染耕地土壤安全利用工程。对安全利用类耕地、严格管控类耕地实施安全利用工程。（推进单位：市农业农村局、生态环境局等）\n"
)


@pytest.mark.parametrize(
    "title, region, text, core, lead, co",
    [
        ("天津市加快建立健全绿色低碳循环发展经济体系的实施方案", "天津市", _TJ_TWICE_TEXT, "危险废物 规范化管理",
         ["天津市生态环境局"], ["天津市各区人民政府"]),
        ("德州市“十四五”生态环境保护规划", "德州市", _DZ_TWICE_TEXT, "地下水环境 风险管控 一区一策", ["德州市生态环境局"], []),
        ("南平市“十四五”生态环境保护规划", "南平市", _NP_TWICE_TEXT, "农村生活垃圾 治理工程", ["南平市住建局"], []),
    ],
)
def test_an_annotation_written_twice_closes_two_spans(
    title: str, region: str, text: str, core: str, lead: list[str], co: list[str]
) -> None:
    from ingest.records import Clause, Document
    from search.qa import QAEngine
    from search.question import QuestionFrame
    from search.ranking import scope_to_annotated_span

    doc = Document(doc_id="d", source="d.pdf", title=title, region=region)
    clause = Clause(clause_id="d#1", doc_id="d", kind="clause", number="（一）", path="1", heading="", text=text,
                    parent_id=None, order=1)
    roles = _roles_read(doc, clause)
    frame = QuestionFrame(question=f"{region}{core}由谁负责？", intent="lead_agency", core=core, keywords=core)
    units = lambda f: [((w,), 1.0) for w in f.core.split()]  # noqa: E731 - the question's content terms
    kept = QAEngine.answer_agencies(scope_to_annotated_span({clause.clause_id: clause}, clause.clause_id, roles, frame, units))
    assert [a.name for a in kept if a.role == "lead"] == lead, kept
    assert sorted(a.name for a in kept if a.role in ("co", "implementing")) == co, kept


@pytest.fixture(scope="module")
def circular_plans_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """The seeds beside six plans of one name (加快建立健全绿色低碳循环发展经济体系): three province-level (corpus 219 天津,
    227 黑龙江, 361 上海), three cities' (356 武汉, 362 大连, 353 天水)."""
    return _seeds_plus_pdfs(tmp_path_factory, "qa-circular-plans", ("219、", "227、", "361、", "356、", "362、", "353、"))


@pytest.mark.slow
def test_other_provinces_plans_come_before_cities_and_a_doc_number_is_no_theme(circular_plans_kg: PolicyKG) -> None:
    """"除黑龙江外，其他省区市有没有也按国发〔2021〕4号出台…的实施方案或措施" (frozen38 qf38-4-32): the number the plans were
    made after names no plan (国发, 20, 21 are no theme words), and the province-level plans the question asks for come
    before every city's plan of the name, whatever their titles' shares."""
    answerers = circular_plans_kg.engine.answerers
    question = "除黑龙江外，其他省区市有没有也按国发〔2021〕4号出台加快建立健全绿色低碳循环发展经济体系的实施方案或措施？"
    for typed in (question, question.replace("〔2021〕", "（2021）"), question.replace("〔2021〕", "[2021]")):
        frame = answerers.apply_document_reference(answerers.parser.parse(typed))
        theme = answerers.similar_theme(frame)
        assert not {"国发", "20", "21", "1号"} & theme, (typed, theme)
    answer = circular_plans_kg.ask(question)
    listed = [e.region for e in answer.evidence]
    assert listed[:2] and set(listed[:2]) == {"天津市", "上海市"}, listed
    assert {"武汉市", "大连市", "天水市"} <= set(listed[2:]), listed



@pytest.mark.slow
@pytest.mark.parametrize(
    "question, value",
    [
        # a count stated in a sentence of its own ("共25家（名单详见附件）。") is named by its clause's heading
        # (一（一）"发电行业重点排放单位范围"), not outweighed by another clause's count whose own sentence shares the
        # question's 行业 and 重点 (一（二）"…民航行业重点企业，共69家"; frozen38 qf38-2-10)
        ("天津市生态环境局关于做好2022年全国碳市场温室气体排放重点工作的通知中，发电行业重点排放单位一共有多少家？", "25家"),
        ("天津2022年全国碳市场重点工作通知里，石化、化工、建材等其他行业重点企业一共有多少家？", "69家"),
    ],
)
def test_a_count_stated_alone_is_named_by_its_heading(carbon_market_kg: PolicyKG, question: str, value: str) -> None:
    ans = carbon_market_kg.ask(question)
    assert ans.found and [t.value for t in ans.targets][:1] == [value], ans.answer


@pytest.mark.slow
def test_a_count_without_an_indicator_takes_its_headings_words(carbon_market_kg: PolicyKG) -> None:
    """The figure of "共25家（名单详见附件）。" records no indicator; its clause's heading (发电行业重点排放单位范围) gives the
    indicator-overlap features the target ranker weighs, so a count named only by its heading is not outweighed for want of
    one (in the all-documents store the 69家 of the next clause answered the question; frozen38 qf38-2-10)."""
    a = carbon_market_kg.engine.answerers
    frame = a.apply_document_reference(a.parser.parse(
        "天津市生态环境局关于做好2022年全国碳市场温室气体排放重点工作的通知中，发电行业重点排放单位一共有多少家？"))
    ranked = a.ranker.rank_clauses(frame, a.model.scope_docs(frame), prefer="targets")
    alone = [(f, t) for f, _pos, t, _s in a.target_candidates(frame, ranked) if t.value == "25家"]
    assert alone and not alone[0][1].indicator
    assert alone[0][0]["raw_overlap"] >= 0.5 and alone[0][0]["indicator_overlap"] >= 0.5, alone[0][0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "found"),
    [
        # the place written as the first words of a national plan's title: its own plan of that name, not stored (frozen38
        # qf38-5-33 phrasing); the national plan (corpus 247) does not stand in for it
        ("山东省减污降碳协同增效实施方案中，到2025年大宗固废综合利用率要达到多少？", False),
        ("浙江省减污降碳协同增效实施方案里，减污降碳协同增效的主要目标是什么？", False),
        # the national plan asked with no place, and a place's own stored plan by its title, answer
        ("减污降碳协同增效实施方案中，到2025年大宗固废综合利用率要达到多少？", True),
        ("山东省绿色低碳转型2022年行动计划里，由哪个部门牵头推进绿色金融？", True),
    ],
)
def test_a_place_opening_a_national_title_asks_its_own_plan(corpus_kg: PolicyKG, question: str, found: bool) -> None:
    answer = corpus_kg.ask(question)
    assert answer.found is found, answer.answer
    if not found:
        assert "减污降碳协同增效实施方案" in answer.answer and "全国" in answer.answer, answer.answer


# pdf2 231 (辽宁省自然资源厅 工作计划和措施清单): each measure's unit closes with its division ("责任处室：…"), and its
# sentences say the department acts with another body ("与省生态环境厅共同建立…", "联合财政厅向各市下达…")
LIAONING_DIVISIONS_PLAN = {
    "辽宁省自然资源厅2021年度生态环境保护工作计划和措施清单": (
        "六、做好建设用地污染地块安全利用有关工作\n"
        "（一）年度工作计划\n"
        "与省生态环境厅共同建立污染地块联动监管和安全利用月报制度，研究制定污染地块常态化联动监管机制，进一步推动实现"
        "污染地块监督管理和安全利用规范化、科学化、制度化。\n"
        "（二）具体工作措施\n"
        "1.督促各市自然资源部门及时与生态环境部门共享有关数据，共同做好督导及监管工作。\n"
        "责任处室：国土空间用途管制处\n"
        "七、扎实推进矿山地质环境治理恢复工作\n"
        "（一）年度工作计划\n"
        "完成生产矿山年度治理任务和历史遗留废弃矿山主体工程。\n"
        "（二）具体工作措施\n"
        "1.制定生产矿山、历史遗留废弃矿山年度治理任务。向各市下达2021年度生产矿山治理任务；联合财政厅向各市下达历史遗留"
        "废弃矿山治理任务。\n"
        "2.组织专家对各市历史遗留废弃矿山项目实施方案进行评审论证，并下达批复。\n"
        "责任处室：国土空间生态修复处\n"
    ),
}


@pytest.fixture(scope="module")
def liaoning_divisions_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _small_store(tmp_path_factory.mktemp("liaoning-divisions"), LIAONING_DIVISIONS_PLAN)


@pytest.mark.parametrize(
    "question, lead, co",
    [
        ("辽宁建立污染地块联动监管和安全利用月报制度，自然资源厅哪个处室负责？和哪个部门共同推进？",
         "辽宁省自然资源厅国土空间用途管制处", "辽宁省生态环境厅"),
        ("辽宁2021年向各市下达历史遗留废弃矿山治理任务，涉及哪些部门负责？",
         "辽宁省自然资源厅国土空间生态修复处", "辽宁省财政厅"),
    ],
)
def test_a_units_division_leads_what_its_department_does_with_another(
    liaoning_divisions_kg: PolicyKG, question: str, lead: str, co: str
) -> None:
    ans = liaoning_divisions_kg.ask(question)
    assert ans.found
    assert list(ans.lead) == [lead]
    assert list(ans.co) == [co]


# pdf2 224: 福建's 冶金, 建材 and 石化化工 plans bundled in one document, each after its own preamble, their clause paths
# repeating (二（三） in each)
FUJIAN_BUNDLED_PLANS = {
    "福建省冶金、建材、石化化工行业“十四五”节能降碳实施方案": (
        "福建省工业和信息化厅关于印发冶金、建材、石化化工行业“十四五”节能降碳实施方案的通知\n"
        "各设区市工信局，平潭综合实验区经发局：\n"
        "结合我省实际情况，制定了《福建省冶金行业“十四五”节能降碳实施方案》《福建省建材行业“十四五”节能降碳实施方案》"
        "《福建省石化化工行业“十四五”节能降碳实施方案》，现印发给你们，请抓好组织实施。\n"
        "福建省冶金行业“十四五”节能降碳实施方案\n"
        "为贯彻落实党中央、国务院关于碳达峰、碳中和重大战略决策部署，结合我省冶金行业发展实际，制定本实施方案。\n"
        "一、总体要求\n"
        "（一）主要目标。到2025年，全省钢铁、有色等行业能效达到标杆水平的产能比例超过30%。\n"
        "二、重点任务\n"
        "（一）严格项目建设管理。严格控制新增钢铁、电解铝产能。\n"
        "（二）加快节能降碳改造。对能效低于行业基准水平的存量项目，应加快节能降碳、提质增效改造，并于2024年前完成改造升级，"
        "未能按期完成改造升级的项目坚决予以淘汰退出。\n"
        "福建省建材行业“十四五”节能降碳实施方案\n"
        "为贯彻落实党中央、国务院关于碳达峰碳中和重大战略决策部署，结合我省建材行业发展实际，特制定本行动方案。\n"
        "一、总体要求\n"
        "（一）主要目标。到2025年，水泥、平板玻璃、建筑卫生陶瓷等行业能效达到标杆水平的产能比例超过30%。\n"
        "二、重点任务\n"
        "（一）严格项目建设管理。严格执行水泥熟料、平板玻璃产能置换有关规定。\n"
        "（二）加快节能降碳改造。对能效低于行业基准水平的存量项目，应加快节能降碳、提质增效改造，并于2023年前完成改造升级，"
        "未能按期完成改造升级的项目坚决依法关停退出。\n"
    ),
}


@pytest.fixture(scope="module")
def fujian_bundled_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _small_store(tmp_path_factory.mktemp("fujian-bundled"), FUJIAN_BUNDLED_PLANS)


@pytest.mark.parametrize(
    "question, year, plan",
    [
        ("福建建材行业这边，能效低于行业基准水平的存量项目要在哪一年之前完成改造升级？", "2023年", "福建省建材行业“十四五”节能降碳实施方案"),
        ("福建冶金行业节能降碳方案里，存量项目最晚哪一年前完成改造升级？", "2024年", "福建省冶金行业“十四五”节能降碳实施方案"),
    ],
)
def test_a_bundled_plan_is_asked_by_the_words_that_set_it_apart(
    fujian_bundled_kg: PolicyKG, question: str, year: str, plan: str
) -> None:
    ans = fujian_bundled_kg.ask(question)
    assert ans.found
    assert f"于{year}前完成改造升级" in ans.answer
    # (cited by the plan's own title: the bundled plans' clause paths repeat)
    assert f"《{plan}》" in ans.answer


# pdf2 331 (湖北省碳排放第三方核查机构管理办法) cites the province's 暂行办法 the store does not hold
HUBEI_CITING_RULES = {
    "湖北省碳排放第三方核查机构管理办法": (
        "第一章总则\n"
        "第一条为加强碳排放第三方核查机构及核查活动的监督管理，规范核查行为，提高核查数据质量，根据《碳排放权交易管理办法(试行)》"
        "(部令第19号)《湖北省碳排放权管理和交易暂行办法》(省政府令第371号)等有关规定和要求，制定本办法。\n"
        "第二条本办法适用于在湖北省行政区域内开展碳排放核查工作的第三方核查机构。\n"
        "第二章核查机构要求\n"
        "第三条核查机构应具有独立法人资格，具备开展碳排放核查的专业能力，近三年无不良记录。\n"
    ),
}


@pytest.fixture(scope="module")
def hubei_citing_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _small_store(tmp_path_factory.mktemp("hubei-citing"), HUBEI_CITING_RULES)


@pytest.mark.parametrize(
    "question",
    [
        # a quoted title the question opens with, its number after it, and what it says asked (frozen25 qf25-4-33)
        "《湖北省碳排放权管理和交易暂行办法》（省政府令第371号）对碳排放配额分配是怎么规定的？",
        "湖北《湖北省碳排放权管理和交易暂行办法》对配额分配有什么规定？",
        "按照《湖北省碳排放权管理和交易暂行办法》规定，核查机构要满足什么条件？",
    ],
)
def test_a_quoted_document_asked_as_itself_is_not_answered_by_one_citing_it(
    hubei_citing_kg: PolicyKG, question: str
) -> None:
    ans = hubei_citing_kg.ask(question)
    assert not ans.found
    assert "未收录《湖北省碳排放权管理和交易暂行办法》" in ans.answer


def test_a_quoted_document_carried_out_is_answered_by_the_one_citing_it(hubei_citing_kg: PolicyKG) -> None:
    # (the stored rules were made under it: the question asks what they say)
    ans = hubei_citing_kg.ask("湖北落实《湖北省碳排放权管理和交易暂行办法》，核查机构要满足什么条件？")
    assert ans.found
    assert ans.evidence[0].source.startswith("湖北省碳排放第三方核查机构管理办法")


@pytest.fixture(scope="module")
def attachments_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """The seeds plus two notices whose attachments have no outline (tests/fixtures/attachments): 南京's project guide
    (pdf2 184, read by its project headings) and the national 节能宣传周 notice (pdf2 335, key points one paragraph a
    clause)."""
    return _seeds_plus(tmp_path_factory, "qa-attachments", sorted((ROOT / "tests" / "fixtures" / "attachments").glob("*.pdf")))


@pytest.mark.parametrize(
    "question, quoted",
    [
        # a project's grant ceiling is its own 有关说明's, not another project's (frozen15 qf15-5-16, frozen41 qf41-5-09)
        ("南京2022年碳达峰碳中和科技专项的“氢能动力关键技术集成及在交通领域的应用示范”项目，市里最多给多少资助？", "500万元"),
        ("南京市2022年度碳达峰碳中和科技创新专项里，农高区典型废水处理减污降碳协同增效生物处理技术攻关项目，市级资助最多给多少？",
         "200万元"),
        # the general projects' ceiling, stated once under "二、一般竞争项目" (frozen12 qf12-3-06)
        ("南京市2022年度碳达峰碳中和科技创新专项的一般竞争项目，市级资助经费最高不超过多少？", "100万元"),
        # days asked as a span: the preamble states them, though the attachment's title ranks above it (frozen41 qf41-5-03)
        ("2022年的全国节能宣传周定在哪几天？", "6月13日至19日"),
    ],
)
def test_an_unoutlined_attachments_figures_answer_from_their_own_part(attachments_kg: PolicyKG, question: str, quoted: str) -> None:
    a = attachments_kg.ask(question)
    assert a.found and a.intent == "target_value", a.answer
    assert quoted in a.answer, a.answer


def test_a_campaigns_national_lead_is_not_its_key_points_bodies(attachments_kg: PolicyKG) -> None:
    """The key points' paragraphs charge 各级X部门 each; the national campaign is led as clause 二 says (frozen41 qf41-5-01):
    before, the whole attachment was one closing clause whose bodies answered."""
    a = attachments_kg.ask("国家层面，2022年全国节能宣传周期间的相关宣传活动由哪个部门牵头会同有关单位组织开展？")
    assert a.found and [(x.name, x.role) for x in a.agencies][:1] == [("国家发展改革委", "lead")], a.answer
    assert not any(x.name.startswith("各级") for x in a.agencies), a.answer


@pytest.fixture(scope="module")
def own_measures_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """The seeds plus 南平's 规划 (pdf2 465, tests/fixtures/sections: sections of several paragraphs over a 专栏 whose
    projects name bodies) and 广州黄埔's 办法 (pdf2 122, tests/fixtures/pdf2: a one-sentence subsidy over its items)."""
    pdfs = [*sorted((ROOT / "tests" / "fixtures" / "sections").glob("465、*.pdf")), *sorted((ROOT / "tests" / "fixtures" / "pdf2").glob("122、*.pdf"))]
    assert len(pdfs) == 2
    return _seeds_plus(tmp_path_factory, "qa-own-measures", pdfs)


def test_a_sections_own_measure_is_not_charged_to_its_sub_items_bodies(own_measures_kg: PolicyKG) -> None:
    """南平 第四章第四节's noise paragraph names nobody; its 专栏's projects name eight bodies (frozen15 qf15-2-30, frozen41
    qf41-3-24): the answer says the clause names none for the measure asked, and names them as its other items'. 广州's
    第六条（三） is one sentence over the items that say who receives the applications: its items' body answers."""
    nanping = own_measures_kg.ask("南平规划提出开展夜间噪声专项整治、加强建筑施工噪声管理，这项由哪个部门牵头？")
    assert nanping.found and not nanping.agencies and "未为所问事项写明责任部门" in nanping.answer, nanping.answer
    assert nanping.evidence[0].clause_id.endswith("#第四章第四节"), nanping.answer
    guangzhou = own_measures_kg.ask("想问一下，广州开发区建充电桩、换电设施的一次性建设补贴，归哪个部门管？")
    assert [(a.name, a.role) for a in guangzhou.agencies] == [("广州市黄埔区工业和信息化局", "lead")], guangzhou.answer


# pdf2 393 (企业环境信息依法披露管理办法) and 510 (企业环境信息依法披露格式准则): the second is the subject of a clause of the first
# ("生态环境部负责制定企业环境信息依法披露格式准则…并…适时进行调整"), and says nothing of who makes it itself.
@pytest.fixture(scope="module")
def subject_plans_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _seeds_plus(tmp_path_factory, "subject-plans", sorted((CORPUS.parent / "subject_plans").glob("*.pdf")), added=6)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "企业环境信息依法披露格式准则由哪个部门负责制定和适时调整？",  # (frozen41 qf41-5-25)
        "企业环境信息依法披露格式准则是由哪个部门负责制定并适时调整的？",  # (frozen24 qf24-5-14)
    ],
)
def test_a_document_named_as_the_subject_is_answered_where_it_is_made(subject_plans_kg: PolicyKG, question: str) -> None:
    """A question naming a stored document as what it asks about (who makes it) and refused inside it is asked of the
    whole store with the title's words kept: the 管理办法's clause answers, never "未找到"."""
    answer = subject_plans_kg.ask(question)
    assert answer.found and list(answer.lead) == ["生态环境部"], answer.answer
    assert answer.evidence[0].clause_id.startswith("393、"), answer.evidence[0].clause_id


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["《企业环境信息依法披露格式准则》里，由哪个部门负责制定和适时调整？", "根据企业环境信息依法披露格式准则，由哪个部门负责制定和适时调整？"],
)
def test_a_document_named_as_the_place_to_look_is_not_left(subject_plans_kg: PolicyKG, question: str) -> None:
    """The same asked of the 准则 as the place to look (…里, 根据…): what it does not say is refused, not answered from the
    管理办法."""
    answer = subject_plans_kg.ask(question)
    assert not answer.found and "未" in answer.answer, answer.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question, day",
    [
        # a day asked by month and day is answered by the sentence writing a day's number (dev57 qd57-1-22: 第十九条, not
        # 第九条's month end) …
        ("纳入名单的企业每年最晚几月几日前要披露上一年度的环境信息？", "3月15日"),
        # … and by a month's end where that is all the document writes (the round-52 review's cases: 第九条)
        ("设区的市级生态环境主管部门每年几月几日前要确定本年度企业名单？", "3月底"),
        ("省级生态环境主管部门每年几月几号前要将企业名单报送生态环境部？", "4月底"),
    ],
)
def test_a_day_asked_by_month_and_day_prefers_a_days_number(subject_plans_kg: PolicyKG, question: str, day: str) -> None:
    answer = subject_plans_kg.ask(question)
    assert answer.found and day in answer.answer, answer.answer


# round 44: how and for whom the other places issued their documents (专门发了, 本省) and the year of the edition named are
# no theme of a similar-plans question, nor is the body that "发了" the reference (frozen41 qf41-5-04, frozen11 qf11-4-32,
# frozen22 qf22-4-32, frozen35 qf35-4-30 phrasings); the theme's own words stay
@pytest.mark.parametrize(
    "question, kept, dropped",
    [
        ("国家发改委等部门发了开展2022年全国节能宣传周和全国低碳日活动的通知，有没有哪个省也专门发了本省节能宣传周和低碳日活动的通知？",
         {"宣传", "传周", "碳日", "活动"}, {"20", "02", "22", "专门", "发了", "本省", "发改", "改委"}),
        ("广东发了2022年节能宣传周和低碳日活动的通知，还有哪些类似的2022年节能宣传周、低碳日活动通知？",
         {"宣传", "传周", "碳日"}, {"20", "02", "22", "发了"}),
        ("除了福建省的2020年度碳排放配额分配实施方案，还有哪些省市也出台了年度碳排放配额分配或安排方案？",
         {"配额", "分配", "排放", "年度"}, {"20", "02"}),  # (年度 written without a year is the theme's word)
    ],
)
def test_a_similar_theme_holds_no_year_nor_how_the_plans_were_issued(
    kg: PolicyKG, question: str, kept: set[str], dropped: set[str]
) -> None:
    answerers = kg.engine.answerers
    theme = answerers.similar_theme(answerers.parser.parse(question))
    assert kept <= theme, theme
    assert not dropped & theme, dropped & theme


# pdf2 369 天津 一 (excerpt as its text layer reads): the question quotes the clause's first count and asks the one after it
TIANJIN_COUNTS_NOTICE = {
    "市生态环境局关于做好天津市2021年度碳排放报告与核查及履约等工作的通知": (
        "各区生态环境局，各有关单位：\n"
        "为做好我市重点排放单位碳排放管理，推进我市碳排放权交易市场建设，现就我市重点排放单位碳排放报告、核查、履约等相关工作"
        "通知如下：\n"
        "一、重点排放单位范围\n"
        "天津市重点排放单位共192家（附件1），应完成碳排放报告、核查相关工作。其中，139家纳入天津碳排放配额管理的企业"
        "（附件1中序号1-139，以下简称“纳入企业”），还应完成碳排放履约相关工作。\n"
        "二、碳排放报告与核查\n"
        "各重点排放单位要按照有关要求，编制2021年度碳排放报告。\n"
    ),
}


def test_a_figure_the_question_quotes_is_given_not_asked(tmp_path: Path) -> None:
    """dev47 qd47-5-18: "192家重点排放单位里，…纳入配额管理的有几家" quotes 192 and asks the 139 of the sentence after it (read
    with the sentence before it, which holds the quoted number); asked without the quote, the first count answers."""
    kg = _small_store(tmp_path, TIANJIN_COUNTS_NOTICE)
    ans = kg.ask("天津市2021年度192家重点排放单位里，纳入天津碳排放配额管理、还要完成履约的企业有几家？")
    assert ans.found and "139家" in ans.answer and "192家" not in ans.answer, ans.answer
    total = kg.ask("天津市2021年度重点排放单位一共有几家？")
    assert total.found and "192家" in total.answer, total.answer


# a threshold and a rate that share a number (the review's probe, in the genre's wording): only the figure as the question
# writes it (300吨) is given; 300元 is the answer
SUBSIDY_RULES = {
    "某市节能技术改造资金管理办法": (
        "第一章 总则\n"
        "第三条 对年节能量300吨标准煤以上的节能技术改造项目，按每吨标准煤300元给予奖励。\n"
        "第四条 奖励资金由市财政局会同市发展改革委拨付。\n"
    ),
}


def test_a_quoted_threshold_does_not_hide_a_rate_of_the_same_number(tmp_path: Path) -> None:
    kg = _small_store(tmp_path, SUBSIDY_RULES)
    ans = kg.ask("节能技术改造资金管理办法里，年节能量300吨标准煤以上的项目，每吨标准煤奖励多少元？")
    assert ans.found and "300元" in ans.answer, ans.answer


# pdf2 35 (国新办 白皮书) 二（四） (excerpt): a figure a white paper reports, the question naming its issuer and "显示"
WHITE_PAPER = {
    "新时代的中国能源发展白皮书": (
        "二、能源发展取得历史性成就\n"
        "（四）能源绿色发展对生态环境友好性明显改善\n"
        "中国把推进能源绿色发展作为促进生态文明建设的重要举措。能源绿色发展对碳排放强度下降起到重要作用，2019年碳排放强度比"
        "2005年下降48.1%，超过了2020年碳排放强度比2005年下降40%－45%的目标，扭转了二氧化碳排放快速增长的局面。\n"
        "（五）能源治理机制持续完善\n"
        "全面提升能源领域市场化水平，营商环境不断优化，市场活力明显增强。\n"
    ),
}


@pytest.mark.parametrize(
    "question",
    [
        # dev47 qd47-5-16: the issuing office (国新办 … 发布的) and what the paper reports (显示, 表明) name no part of the
        # measure, each on its own (its 我国 left out here: this small store's statistics make it a rare word, the whole
        # corpus's do not)
        "国新办2020年发布的《新时代的中国能源发展》白皮书里，2019年碳排放强度比2005年下降了多少？",
        "《新时代的中国能源发展》白皮书显示，2019年碳排放强度比2005年下降了多少？",
        "《新时代的中国能源发展》白皮书表明，2019年碳排放强度比2005年下降了多少？",
        "新时代的中国能源发展白皮书里，2019年碳排放强度比2005年下降了多少？",
    ],
)
def test_a_reporting_verb_and_the_issuing_office_are_no_measure_words(white_paper_kg: PolicyKG, question: str) -> None:
    ans = white_paper_kg.ask(question)
    assert ans.found and "48.1%" in ans.answer, ans.answer


@pytest.fixture(scope="module")
def white_paper_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _small_store(tmp_path_factory.mktemp("white_paper"), WHITE_PAPER)


# pdf2 24 (支持宁夏建设黄河流域生态保护和高质量发展先行区实施方案) cites the region's 促进条例 the store does not hold; the plan's
# title shares most of the rule's words, but a rule is not named by a plan's title (development qd51-2-35)
NINGXIA_CITING_PLAN = {
    "支持宁夏建设黄河流域生态保护和高质量发展先行区实施方案": (
        "十、保障措施\n"
        "（三十一）完善法治保障。在国家顶层设计和统筹部署下，积极出台有关先行区建设的地方性法规，把先行区建设纳入法治化轨道。"
        "加强水资源司法保护，依法严惩生态破坏、环境污染犯罪。实施好《宁夏回族自治区建设黄河流域生态保护和高质量发展先行区促进条例》。\n"
        "（三十二）加强统筹协调。在推动黄河流域生态保护和高质量发展领导小组统筹领导下，宁夏回族自治区要落实主体责任。\n"
    ),
}


@pytest.fixture(scope="module")
def ningxia_citing_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _small_store(tmp_path_factory.mktemp("ningxia-citing"), NINGXIA_CITING_PLAN)


def test_a_quoted_rule_is_not_the_stored_plan_of_nearly_its_name(ningxia_citing_kg: PolicyKG) -> None:
    ans = ningxia_citing_kg.ask("《宁夏回族自治区建设黄河流域生态保护和高质量发展先行区促进条例》对违法取用水规定了哪些罚则？")
    assert not ans.found
    assert "未收录《宁夏回族自治区建设黄河流域生态保护和高质量发展先行区促进条例》" in ans.answer
    # the plan itself, quoted, is stored and answers
    plan = ningxia_citing_kg.ask("《支持宁夏建设黄河流域生态保护和高质量发展先行区实施方案》对法治保障有什么要求？")
    assert plan.found and plan.evidence[0].source.startswith("支持宁夏建设"), plan.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "kept"),
    [
        # where in a document a figure stands is no word its row writes: dev60 qd60-1-25 ("预期性目标表里": 表里 a term, the
        # 7.5万吨 of pdf2 565's 专栏2 refused over the whole store), and questions of four other documents' indicator tables
        ("广西可再生能源发展“十四五”规划的预期性目标表里，2025年生物液体燃料（燃料乙醇）的利用目标是多少万吨？", "液体燃料"),
        ("郑州“十四五”生态环境保护主要指标表中，氨氮重点工程减排量的五年累计目标是多少吨？", "氨氮"),
        ("西宁市“十四五”生态环境保护规划的指标表里，2025年湿地保护率目标是多少？", "湿地"),
        ("德州市“十四五”生态环境保护规划主要指标表中，2025年挥发性有机物重点工程减排量目标是多少万吨？", "挥发性有机物"),
        ("安徽碳达峰碳中和科技创新情况摸排表里，每个研究方向的研究基础与优势最多写多少字？", "摸排"),
        ("福州市“十四五”环境保护主要指标表内，建成区绿化覆盖率2025年的目标值是多少？", "绿化"),
    ],
)
def test_where_a_table_stands_is_no_term(corpus_kg: PolicyKG, question: str, kept: str) -> None:
    _frame, wordings = _term_wordings(corpus_kg, question)
    assert not {"表里", "表中", "表内"} & set(wordings), wordings
    assert any(kept in w for w in wordings), wordings


# pdf2 218 and 369: two 天津 notices of 2021 speak of the same allowance issue; 218's names no body, 369's names
# 市生态环境局 as its subject
TIANJIN_NOTICES = {
    "市生态环境局关于天津市2021年度碳排放配额安排的通知": (
        "三、配额发放\n"
        "企业2021年度配额分两次发放。第一批次配额按照纳入企业2020年度履约排放量的50%确定。第二批次配额待2021年度碳核查"
        "工作结束后，根据碳核查结果，综合考虑第一批次配额发放量等，多退少补进行核发。\n"
    ),
    "市生态环境局关于做好天津市2021年度碳排放报告与核查及履约等工作的通知": (
        "三、碳排放履约\n"
        "（二）配额核发。2021年度配额分两批次发放，第一批次配额已发放至企业登记注册系统账户中。核查工作结束后，市生态环境局"
        "将组织核定纳入企业2021年度配额量与应清缴配额量，并将第二批次配额和调整配额一次性发放至企业账户中。\n"
    ),
}


@pytest.fixture(scope="module")
def tianjin_notices_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _small_store(tmp_path_factory.mktemp("tianjin-notices"), TIANJIN_NOTICES)


@pytest.mark.parametrize(
    ("question", "whether_stated"),
    [
        # dev60 qd60-1-13 and its rewordings (the review's): whether the document names the body
        ("天津2021年度碳排放配额分两批发放，这个发放工作在通知里写明由哪个单位负责了吗？", True),
        ("天津2021年度碳排放配额分两批发放，通知里写明这项配额发放工作具体由哪个单位负责了吗？", True),
        ("这个发放工作在通知里有没有说由哪个单位负责？", True),
        ("这个发放工作在通知里写没写由哪个单位负责？", True),
        ("通知里是否写明由哪个部门牵头？", True),
        ("规划里有没有指明由谁来牵头？", True),
        # … of another document: the borrowing is what is asked
        ("天津2021年度碳排放配额分两批发放，其他通知有没有写明这个发放工作由哪个单位负责？", False),
        # 明确 as another word of the question, the body asked in another clause of it
        ("这项工作有没有明确的完成时限？由哪个部门牵头？", False),
        ("哪个部门负责明确各地区目标，是发改委吗？", False),
        ("由哪个部门负责，能明确告诉我吗？", False),
        ("天津2021年度碳排放配额分两批发放，这个发放工作由哪个单位负责？", False),
        # the asking word without a word of stating asks who, not whether the document says (the closing re-read)
        ("资金拨付是否由省财政厅负责？", False),
        ("这项工作有没有哪个部门牵头？", False),
    ],
)
def test_whether_the_document_says_who_is_asked(question: str, whether_stated: bool) -> None:
    from search.answer_text import asks_whether_stated
    from search.question import normalise

    assert asks_whether_stated(normalise(question)) is whether_stated


@pytest.mark.parametrize(
    ("question", "borrowed"),
    [
        # dev60 qd60-1-13: asked whether the notice says who does it, the notice's silence answers,
        # not the other's subject
        ("天津2021年度碳排放配额分两批发放，这个发放工作在通知里写明由哪个单位负责了吗？", False),
        ("天津2021年度碳排放配额分两批发放，通知有没有写明由哪个部门负责？", False),
        ("天津2021年度碳排放配额分两批发放，通知里明确了由谁负责吗？", False),
        # asked who does it, or what the other notices say, the notice that names the body answers and the other's
        # silence is said
        ("天津2021年度碳排放配额分两批发放，这个发放工作由哪个单位负责？", True),
        ("天津2021年度碳排放配额分两批发放，其他通知有没有写明这个发放工作由哪个单位负责？", True),
    ],
)
def test_asked_whether_the_document_says_its_silence_answers(
    tianjin_notices_kg: PolicyKG, question: str, borrowed: bool
) -> None:
    ans = tianjin_notices_kg.ask(question)
    assert ans.found, ans.answer
    assert bool(ans.agencies) is borrowed, ans.answer
    if not borrowed:
        assert ans.evidence[0].source.startswith("市生态环境局关于天津市2021年度碳排放配额安排的通知"), ans.answer


# A plan's review of the last period (its heading path: "“十三五”期间工作回顾", "发展基础和面临形势", "…取得的成效" …) reports
# what bodies did; the parts that give tasks charge them (pdf2 338 山东, 445 海西, 436 江苏, 537 江苏, 451 德州, 487 浙江).
@pytest.mark.parametrize(
    "headings, review",
    [
        (["健全法规政策体系", "工作措施", "“十三五”期间工作回顾"], True),  # 338 一（二）1
        (["生态环境污染治理不断加强", "“十三五”生态环境保护取得的成效", "生态环境保护基础与形势"], True),  # 445 第一章第一节一
        (["科技标准支撑更加有力", "发展基础", "规划背景"], True),  # 537 一（一）2
        (["“十三五”海洋生态环境保护成效", "发展基础和面临形势"], True),  # 436 一（一）
        (["建筑节能工作成效显著"], True),
        (["加强组织实施", "保障措施"], False),  # 445 第十一章第一节
        (["实施生态保护成效监测评估", "加强生态监管提升生态系统质量和稳定性"], False),  # 451 第八章第四节
        (["成效验收"], False),  # 487 第五章
        # a sentence run into the heading is no title ("发展基础" inside a task: 487 第二十六条)
        (["省林业局成立林业碳汇发展基础支撑协作组，对试点单位的重要试点内容开展技术指导与培训", "激励措施"], False),
        # the review's other titles (450 济宁, 544 广西, 451 德州, 457 益阳, 414 江西, 172 青岛, 562 四川, 417 郑州, 458 株洲,
        # 425 内江) and the situation it leaves
        (["“十三五”生态环境保护成果丰硕"], True),
        (["优势基础", "形势分析"], True),
        (["生态环境保护取得突出成效"], True),
        (["“十三五”生态环境保护成绩显著"], True),
        (["工作进展与形势"], True),
        (["工作基础", "规划背景"], True),
        (["发展成效"], True),
        (["现状基础"], True),
        (["“十三五”规划指标完成情况"], True),
        (["存在问题"], True),
        (["面临的形势和挑战"], True),
        # task headings with the same words (the review's examples: 196's and 487's wordings, and the verbs plans open
        # tasks with)
        (["夯实绿色发展基础"], False),
        (["巩固提升工作成效"], False),
        (["宣传展示节能降碳工作成就"], False),
        (["开展规划环评回顾性评价"], False),
        (["摸清发展现状"], False),
        (["实施机关食堂反食品浪费工作成效评估和通报制度"], False),
        (["试点成效与预期效果"], False),
    ],
)
def test_a_review_of_the_last_period_is_read_from_the_heading_path(headings: list[str], review: bool) -> None:
    from search.readmodel import reviews_past_period

    assert reviews_past_period(headings) is review


HAIXI_PLAN = {
    "海西州“十四五”生态环境保护规划": (
        "一、“十三五”生态环境保护取得的成效\n"
        "（一）监管力量进一步强化。借着生态环境部门改革的东风，健全县级生态环境执法机构，并配备相应人员编制，按照各地经济发展"
        "状况和执法实际需要，州内打破行政区划，由州生态环境局统筹协调。\n"
        "二、保障措施\n"
        "（一）加强组织实施。生态环境部门要加强对生态环境保护的指导、协调、监督和综合管理，组织开展规划执行情况评估和考核。\n"
        "（二）强化制度保障。当环境保护工作形势和外环境发生重大变化或因其他重要原因使环境保护工作实际运行偏离规划目标时，"
        "生态环境局应适时提出调整方案，确保规划顺利实施。\n"
    ),
}


@pytest.fixture(scope="module")
def haixi_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    return _small_store(tmp_path_factory.mktemp("haixi"), HAIXI_PLAN)


def test_duties_leave_out_what_a_review_of_the_last_period_reports(haixi_kg: PolicyKG) -> None:
    """pdf2 445 海西 (dev63 qd63-1-10): the review's "…由州生态环境局统筹协调" (第一章第一节四) is no work the bureau is charged
    with; the duties asked of it — written with the prefecture's level word, 州生态环境局 — are those of the plan's tasks."""
    answer = haixi_kg.ask("在海西州“十四五”生态环境保护规划里，州生态环境局牵头负责哪几项工作？")
    assert answer.intent == "agency_duties" and answer.found, answer.answer
    assert "强化制度保障" in answer.answer and "监管力量" not in answer.answer, answer.answer


@pytest.fixture(scope="module")
def table_rows_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """The seeds beside 深圳's 近零碳排放区试点 plan (pdf2 528: its attachment's indicator tables flattened by the text layer,
    a row's value on a line of its own), 山东's notice on "两高" projects (pdf2 382) and 福建's 2020 allocation plan (pdf2
    409: tables of bands and coefficients under the sentence introducing them), in tests/fixtures/table_rows."""
    pdfs = sorted((CORPUS.parent / "table_rows").glob("*.pdf"))
    assert len(pdfs) == 3
    return _seeds_plus(tmp_path_factory, "qa-table-rows", pdfs, added=7)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "stated"),
    [
        # a bound written with a comparison sign is a figure; a value line is read and quoted with its row's label above it
        # (frozen70 qf70-5-11, qf70-5-12)
        ("深圳近零碳排放区域试点的指标体系里，区域人均碳排放量的参考值定的是多少？", "≤3.5"),
        ("深圳的近零碳排放社区试点，人均用水量要控制在每人每天多少升以内？", "人均用水量L/（人•日）≤120"),
        # the issuer written before the title names the notice; the period its clause names before the figure ("精准用好
        # “十四五”能耗增量。…拿出1500万吨标煤") frames it as 十四五's (frozen69 qf69-5-14)
        ("山东省政府办公厅2022年关于遏制“两高”项目的通知里，“十四五”3550万吨标煤能耗增量中拿出多少引导各市加快动能转换？", "1500万吨标煤"),
        # a flattened table's row is read with the sentence introducing the table ("…对配额盈余（或缺口）比例设置4档最高限值…"),
        # the row the question's numbers name answering (frozen72 qf72-3-09; was "未在已收录福建省的文件中找到…")
        ("福建2020年度配额分配里，用历史强度法的企业年实际排放量在10万吨到100万吨之间的，配额盈余或缺口比例最高按多少算？",
         "10万吨≤实际排放量<100万吨8%"),
        # (a coefficient table's row the question's numbers name answered before the header was read; it still does)
        ("福建省2020年度碳排放配额分配实施方案里，燃气占比在20%到50%之间的，能源结构调节系数β取值是多少？", "20%<燃气占比≤50%1.02"),
    ],
)
def test_figures_of_table_rows_and_framed_periods(table_rows_kg: PolicyKG, question: str, stated: str) -> None:
    ans = table_rows_kg.ask(question)
    assert ans.found and ans.intent == "target_value", ans.answer
    assert stated in ans.answer, ans.answer


@pytest.fixture(scope="module")
def similar_titles_kg(tmp_path_factory: pytest.TempPathFactory) -> PolicyKG:
    """The seeds beside 生态环境部's notice on carbon assessment in industrial parks' plan EIA (pdf2 47) and 海南's notice
    trying carbon assessment in EIA (pdf2 83), in tests/fixtures/similar_titles: notices whose titles are their measure."""
    pdfs = sorted((CORPUS.parent / "similar_titles").glob("*.pdf"))
    assert len(pdfs) == 2
    return _seeds_plus(tmp_path_factory, "qa-similar-titles", pdfs, added=6)


@pytest.mark.slow
def test_a_notice_named_by_its_measure_is_the_measure_compared(similar_titles_kg: PolicyKG) -> None:
    """The notice named by its measure's own words before the question turns to other places: with them taken out
    nothing names the measure, so they name it (development qd57-2-23: was answered with no measure to compare)."""
    ans = similar_titles_kg.ask(
        "国家在产业园区规划环评中开展碳排放评价试点，有哪些省份也提出了在规划环评中开展碳排放（环境影响）评价的类似做法？"
    )
    assert ans.intent == "similar_measures" and ans.found, ans.answer
    assert ans.answer.startswith("与《生态环境部办公厅关于在产业园区规划环评中开展碳排放评价试点的通知》"), ans.answer
    assert "海南省" in ans.answer, ans.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "names_measure"),
    [
        # the title's words before the turn to other places: the measure asked about
        ("国家在产业园区规划环评中开展碳排放评价试点，有哪些省份也提出了在规划环评中开展碳排放（环境影响）评价的类似做法？", True),
        # after "其他地区有没有类似": what is sought (海南's notice they match is no measure asked about; frozen29 qf29-4-32);
        # after a turn written otherwise ("各省是否跟进了…")
        ("生态环境部在产业园区规划环评里开展碳排放评价试点，其他地区有没有类似试行碳排放环境影响评价的做法？", False),
        ("生态环境部在产业园区规划环评里开展碳排放评价试点，各省是否跟进了试行碳排放环境影响评价的做法？", False),
    ],
)
def test_title_words_name_the_measure_only_before_the_turn_to_other_places(
    similar_titles_kg: PolicyKG, question: str, names_measure: bool
) -> None:
    answerers = similar_titles_kg.engine.answerers
    asked = answerers.parser.parse(question)
    applied = answerers.apply_document_reference(asked)
    stripped = answerers.strip_document_reference(applied)
    assert stripped.doc_ids and stripped.keywords != applied.keywords  # a title's words were taken as a reference
    assert answerers.title_words_name_measure(stripped, asked) is names_measure
