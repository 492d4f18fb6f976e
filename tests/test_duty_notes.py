"""A section whose measures each carry their own responsibility note, or whose prose gives a body one of them: the
measures that give a body its role, read from the roles the extraction stored (search.readmodel.measures_named, as
``Answerers.duties`` calls it; real excerpts)."""

from __future__ import annotations

import pytest

from ingest.records import Clause, Document
from ingest.responsibility import extract_responsibilities
from search.answerers import Answerers
from search.readmodel import holds_sentence, measure_paragraphs, measures_named

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
# 南平 465 第五章第五节: a 专栏's projects, the box's title opening no measure
NANPING = (
    "推进农村环境综合整治\n"
    "专栏四：生态系统保与护修复工程\n"
    "武夷山森林和生物多样性保护工程。涉及光泽、建瓯、建阳等9个县（市、区），营造防护林0.88万亩。（推进单位：市林业局）\n"
    "农村生活污水提升治理工程。新建农村生活污水处理设施。（推进单位：市住建局、生态环境局）"
)
# a note with a bracket inside (各县（市、区）)
NESTED = (
    "推进工业节能\n"
    "推进工业节能改造。实施重点用能企业节能改造。（牵头单位：市工信局；责任单位：各县（市、区）人民政府）\n"
    "推进园区循环化改造。推动省级以上园区循环化改造。（牵头单位：市发展改革委；责任单位：各县（市、区）人民政府）"
)
# 天津 219 四（十二）: notes inside one paragraph after several sentences, not measures with lead phrases of their own
TIANJIN = (
    "促进绿色产品消费\n"
    "落实节能产品、环境标志产品政府采购执行机制，加大政府绿色采购力度。（市财政局、市国资委按职责分工负责）加强节能环保技术推广应用。"
)
# 包头 271 三: measures opened by "一是…。", "四是…。", the agency named in prose in one of them
BAOTOU = (
    "相关工作要求\n"
    "一是提高思想认识。勘察设计企业和施工图审查机构要进一步提高思想认识。\n"
    "二是压实执业责任。勘察设计企业要把绿色、节能、双碳的目标贯彻到建筑设计全过程。\n"
    "四是强化监督检查。市住建局将依法加强监督检查，适时组织有关科室、单位和专家进行抽查。\n"
    "以上通知内容和要求，请各勘察设计企业和施工图审查机构认真贯彻落实。"
)


def _measures_of(text: str, region: str, agency: str, lead: bool) -> list[str] | None:
    """The heads of the measures giving ``agency`` its role in a clause of ``text``, as duties() reads them: the roles the
    extraction reads from the clause, the agency's own (lead, or any role)."""
    doc = Document(doc_id="d", source="d.txt", title=f"{region}某规划", region=region)
    clause = Clause(clause_id="d#一", doc_id="d", kind="section", number="一", path="一", heading=text.split("\n")[0],
                    text=text, parent_id=None, order=1)
    roles, _agencies, _ = extract_responsibilities([clause], doc)
    own = [r for r in roles if r.agency == agency and (r.role == "lead" or not lead)]
    got = measures_named(
        text,
        (n for r in roles for n in Answerers.annotation_notes(r)),
        (n for r in own for n in Answerers.annotation_notes(r)),
        (r.evidence for r in own if r.source == "prose" and r.evidence),
    )
    return None if got is None else [h for h, _p in got]


@pytest.mark.parametrize(
    "text, region, agency, lead, heads",
    [
        (DEZHOU, "德州市", "德州市农业农村局", True, ["推进农药化肥减量增效", "大力推广应用有机肥"]),
        (DEZHOU, "德州市", "德州市农业农村局", False, ["推进农药化肥减量增效", "大力推广应用有机肥", "加强农业面源污染治理监督指导"]),
        (DEZHOU_TWO_LINES, "德州市", "德州市自然资源局", True, ["持续推进采煤塌陷地综合治理", "加强森林资源保护修复"]),
        (NANPING, "南平市", "南平市林业局", True, ["武夷山森林和生物多样性保护工程"]),
        (NANPING, "南平市", "南平市住建局", True, ["农村生活污水提升治理工程"]),
        (NANPING, "南平市", "南平市生态环境局", False, ["农村生活污水提升治理工程"]),
        (NESTED, "德州市", "德州市工信局", True, ["推进工业节能改造"]),
        (BAOTOU, "包头市", "包头市住建局", True, ["强化监督检查"]),
        # notes inside one paragraph open no measures: the clause itself is the item
        (TIANJIN, "天津市", "天津市财政局", True, None),
    ],
)
def test_the_measures_that_give_a_body_its_role(text: str, region: str, agency: str, lead: bool, heads) -> None:
    assert _measures_of(text, region, agency, lead) == heads


def test_a_noted_measure_runs_to_its_note() -> None:
    """The measure's text as an answer quotes it: from its lead phrase to the line holding its note (the 专栏's next
    title, or a line after the note, belongs to no measure)."""
    text = NANPING.replace("（推进单位：市林业局）", "（推进单位：市林业局）\n专栏五：环境基础设施工程")
    notes = ["（推进单位：市林业局）", "（推进单位：市住建局、生态环境局）"]
    got = measures_named(text, notes, ["（推进单位：市林业局）"])
    assert got == [("武夷山森林和生物多样性保护工程",
                    "武夷山森林和生物多样性保护工程。涉及光泽、建瓯、建阳等9个县（市、区），营造防护林0.88万亩。（推进单位：市林业局）")]


def test_measures_run_from_their_lead_phrase() -> None:
    measures = measure_paragraphs(BAOTOU)
    assert [h for h, _p in measures] == ["提高思想认识", "压实执业责任", "强化监督检查"]
    # each measure keeps its lines up to the next lead phrase (the closing line runs on in the last one); the heading
    # line and a 专栏's title before the first lead phrase open none
    assert measures[2][1].startswith("四是强化监督检查。") and measures[2][1].endswith("认真贯彻落实。")
    assert [h for h, _p in measure_paragraphs(NANPING)] == ["武夷山森林和生物多样性保护工程", "农村生活污水提升治理工程"]
    evidence = "市住建局将依法加强监督检查,适时组织有关科室、单位和专家进行抽查"  # as the extraction normalised it
    assert [h for h, p in measures if holds_sentence(p, evidence)] == ["强化监督检查"]
    assert not holds_sentence(measures[0][1], evidence)
