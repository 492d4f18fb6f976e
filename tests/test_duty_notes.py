"""A section whose measures each carry their own responsibility note: the measures and the bodies their notes name
(search.readmodel.annotated_paragraphs / note_names; real excerpts)."""

from __future__ import annotations

import pytest

from search.answerers import agency_forms
from search.readmodel import annotated_paragraphs, holds_sentence, measure_paragraphs, note_names

# 德州 451 第三章第五节: each measure a paragraph with its own note
DEZHOU = (
    "推进农业投入与用地结构调整\n"
    "推进农药化肥减量增效。深入实施农药化肥减量增效行动。（牵头单位：市农业农村局；配合单位：市生态环境局）\n"
    "大力推广应用有机肥。加快发展种养有机结合的循环农业。（牵头单位：市农业农村局；配合单位：市生态环境局）\n"
    "加强农业面源污染治理监督指导。开展农业面源污染调查监测。（牵头单位：市生态环境局；配合单位：市农业农村局）"
)
# 德州 451 第八章第二节: a measure running over two lines before its note
DEZHOU_TWO_LINES = (
    "加强生态系统保护与修复\n"
    "持续推进采煤塌陷地综合治理。对邱集煤矿、赵官能源采煤塌陷地进行综合治理。\n"
    "到2025年，已沉稳采煤塌陷地治理率达到90%。（牵头单位：市自然资源局；配合单位：市发展改革委）\n"
    "加强森林资源保护修复。全面落实林长制。（牵头单位：市自然资源局）"
)
# 南平 465 第五章第五节: a 专栏's projects, the box's title opening no measure; a note listing bodies leads with its first
NANPING = (
    "推进农村环境综合整治\n"
    "专栏四：生态系统保与护修复工程\n"
    "武夷山森林和生物多样性保护工程。涉及光泽、建瓯、建阳等9个县（市、区），营造防护林0.88万亩。（推进单位：市林业局）\n"
    "农村生活污水提升治理工程。新建农村生活污水处理设施。（推进单位：市住建局、生态环境局）"
)
# 天津 219 四（十二）: notes inside one paragraph after several sentences, not measures with lead phrases of their own
TIANJIN = (
    "促进绿色产品消费\n"
    "落实节能产品、环境标志产品政府采购执行机制，加大政府绿色采购力度。（市财政局、市国资委按职责分工负责）加强节能环保技术推广应用。"
)


@pytest.mark.parametrize(
    "text, heads",
    [
        (DEZHOU, ["推进农药化肥减量增效", "大力推广应用有机肥", "加强农业面源污染治理监督指导"]),
        (DEZHOU_TWO_LINES, ["持续推进采煤塌陷地综合治理", "加强森林资源保护修复"]),
        (NANPING, ["武夷山森林和生物多样性保护工程", "农村生活污水提升治理工程"]),
        (TIANJIN, []),
    ],
)
def test_measures_with_their_own_notes(text: str, heads: list[str]) -> None:
    got = annotated_paragraphs(text)
    assert [h for h, _p, _n in got] == heads
    # each measure keeps every line from its lead phrase up to its note
    for head, measure, note in got:
        assert measure.startswith(head) and measure.endswith(note + "）"), measure


@pytest.mark.parametrize(
    "text, agency, region, lead, heads",
    [
        (DEZHOU, "德州市农业农村局", "德州市", True, ["推进农药化肥减量增效", "大力推广应用有机肥"]),
        (DEZHOU, "德州市农业农村局", "德州市", False, ["推进农药化肥减量增效", "大力推广应用有机肥", "加强农业面源污染治理监督指导"]),
        (DEZHOU_TWO_LINES, "德州市自然资源局", "德州市", True, ["持续推进采煤塌陷地综合治理", "加强森林资源保护修复"]),
        (NANPING, "南平市林业局", "南平市", True, ["武夷山森林和生物多样性保护工程"]),
        (NANPING, "南平市住建局", "南平市", True, ["农村生活污水提升治理工程"]),
        (NANPING, "南平市生态环境局", "南平市", True, []),
        (NANPING, "南平市生态环境局", "南平市", False, ["农村生活污水提升治理工程"]),
    ],
)
def test_the_measures_a_body_leads(text: str, agency: str, region: str, lead: bool, heads: list[str]) -> None:
    forms = agency_forms(agency, region)
    assert [h for h, _p, n in annotated_paragraphs(text) if note_names(n, forms, lead=lead)] == heads


# 包头 271 三: measures opened by "一是…。", "四是…。", the agency named in prose in one of them
BAOTOU = (
    "相关工作要求\n"
    "一是提高思想认识。勘察设计企业和施工图审查机构要进一步提高思想认识。\n"
    "二是压实执业责任。勘察设计企业要把绿色、节能、双碳的目标贯彻到建筑设计全过程。\n"
    "四是强化监督检查。市住建局将依法加强监督检查，适时组织有关科室、单位和专家进行抽查。\n"
    "以上通知内容和要求，请各勘察设计企业和施工图审查机构认真贯彻落实。"
)


def test_measures_opened_by_lead_phrases_and_the_one_a_prose_sentence_is_in() -> None:
    measures = measure_paragraphs(BAOTOU)
    assert [h for h, _p in measures] == ["提高思想认识", "压实执业责任", "强化监督检查"]
    # (the closing line runs on in the last measure; the heading line opens none)
    evidence = "市住建局将依法加强监督检查,适时组织有关科室、单位和专家进行抽查"  # as the extraction normalised it
    assert [h for h, p in measures if holds_sentence(p, evidence)] == ["强化监督检查"]
    assert not holds_sentence(measures[0][1], evidence)


# (review of round 20) notes with a bracket inside, lead labels followed by other labels, and other levels' bodies
@pytest.mark.parametrize(
    "note, agency, region, lead, named",
    [
        ("牵头单位：市发展改革委；责任单位：市工信局", "德州市工信局", "德州市", True, False),
        ("牵头单位：市发展改革委；责任单位：市工信局", "德州市发展改革委", "德州市", True, True),
        ("牵头单位：市发展改革委；实施单位：市工信局", "德州市工信局", "德州市", False, True),
        ("市发展改革委牵头，市工信局、市生态环境局按职责分工负责", "德州市工信局", "德州市", True, False),
        ("市发展改革委牵头，市工信局、市生态环境局按职责分工负责", "德州市发展改革委", "德州市", True, True),
        ("牵头单位：省发展改革委；配合单位：市工信局", "德州市发展改革委", "德州市", True, False),
        ("牵头单位：国家能源局", "太原市能源局", "太原市", True, False),
        ("推进单位：市住建局、生态环境局", "南平市生态环境局", "南平市", False, True),
    ],
)
def test_a_note_names_the_body(note: str, agency: str, region: str, lead: bool, named: bool) -> None:
    assert note_names(note, agency_forms(agency, region), lead=lead) is named


def test_a_note_with_a_bracket_inside_is_read() -> None:
    text = "推进工业节能\n推进工业节能改造。实施重点用能企业节能改造。（牵头单位：市工信局；责任单位：各县（市、区）人民政府）"
    assert [(h, n) for h, _p, n in annotated_paragraphs(text)] == [
        ("推进工业节能改造", "牵头单位：市工信局；责任单位：各县（市、区）人民政府")
    ]
