"""Small hand-built ParsedDocuments for the graph-store tests, from real sentences of the seeds.

``taiyuan`` and ``jincheng`` use sentences (and metadata) of data/taiyuan-… and data/jincheng-…;
``shanxi`` stands for the provincial plan both cite (晋政发〔2022〕25号) and ``qingxu`` for a county
document of 清徐县 (inside 太原市) that cites the 太原 plan — so lineage and sub-region filters
have something to find.
"""

from __future__ import annotations

from ingest.records import (
    Agency,
    Citation,
    Clause,
    Document,
    ParsedDocument,
    Region,
    Responsibility,
    Succession,
    Target,
    Topic,
)

QUANGUO = Region("全国", "country", None, "000000")
SHANXI_R = Region("山西省", "province", "全国", "140000")
TAIYUAN_R = Region("太原市", "city", "山西省", "140100")
QINGXU_R = Region("清徐县", "county", "太原市", "140121")
JINCHENG_R = Region("晋城市", "city", "山西省", "140500")

VOCS = Topic("vocs", "挥发性有机物", "pollutant")
WATER = Topic("wastewater", "工业废水", "pollutant")
ENERGY = Topic("energy_intensity", "能耗强度", "indicator")

TY = "taiyuan-shisiwu-jienengjianpai"
ANNOT_2 = "(市工信局、市生态环境局、市发展改革委、市能源局等按职责分工负责)"
ANNOT_9 = "(市生态环境局、市工信局、市交通局等按职责分工负责)"


def _agency(name: str, canonical: str, agency_type: str, region: str, gov: bool = True) -> Agency:
    return Agency(name=name, canonical=canonical, agency_type=agency_type, region=region, is_government=gov)


TY_GXJ = _agency("太原市工信局", "太原市工业和信息化局", "工业和信息化局", "太原市")
TY_STHJ = _agency("太原市生态环境局", "太原市生态环境局", "生态环境局", "太原市")
TY_FGW = _agency("太原市发展改革委", "太原市发展和改革委员会", "发展和改革委员会", "太原市")
TY_NYJ = _agency("太原市能源局", "太原市能源局", "能源局", "太原市")
TY_JTJ = _agency("太原市交通局", "太原市交通运输局", "交通运输局", "太原市")


def taiyuan() -> ParsedDocument:
    doc = Document(
        doc_id=TY,
        source=f"{TY}.txt",
        title="太原市“十四五”节能减排实施方案",
        doc_number="并政发〔2023〕15号",
        issuer="太原市人民政府",
        date="2023-10-11",
        level="city",
        region="太原市",
        cites=(Citation("山西省“十四五”节能减排实施方案", "晋政发〔2022〕25号"),),
        content_hash="sha256:taiyuan-v1",
        path=f"/data/{TY}.txt",
    )
    pre = "为认真贯彻落实《山西省“十四五”节能减排实施方案》(晋政发〔2022〕25号),确保我市“十四五”节能减排任务完成,制定本方案。"
    goal_1 = "到2025年,全市能源消费总量得到合理控制,单位地区生产总值能耗强度降低基本目标下降14.5%,激励目标下降16.5%。"
    goal_2 = "主要污染物排放总量持续减少,化学需氧量、氨氮、氮氧化物、挥发性有机物重点工程减排量分别累计达到3500吨、390吨、3050吨、1160吨。"
    s2_1 = "推进清徐精细化工循环产业园区煤化工污水综合处理配套项目实施,通过建设中水回用、蒸发结晶,配套构筑物及相关管线实现污水零排放。"
    s2_2 = "综改示范区、中北高新区等省级及以上工业园区大力推进工业废水循环利用和分级回用。"
    s9_1 = "推进源头清洁替代,通过使用水性、粉末、高固体分、无溶剂、辐射固化等低VOCs含量的涂料,替代溶剂型涂料、油墨、胶粘剂、清洗剂等,从源头减少VOCs产生。"
    s9_2 = "加快油品储运销VOCs综合治理,贯彻执行《油品运输大气污染物排放标准》(GB20951-2020)。"
    close = "本方案由市发展改革委负责解释。"
    clauses = (
        Clause(f"{TY}#前言", TY, "preamble", "", "前言", "为认真贯彻落实", pre, (pre,), None, 0),
        Clause(f"{TY}#二", TY, "section", "二", "二", "主要目标", "主要目标\n" + goal_1 + goal_2, (goal_1, goal_2), None, 1,
               ("energy_intensity", "vocs"), ()),
        Clause(f"{TY}#三", TY, "section", "三", "三", "重点工程", "重点工程", (), None, 2),
        Clause(f"{TY}#三（二）", TY, "clause", "（二）", "三（二）", "园区节能环保水平提质工程",
               "园区节能环保水平提质工程。" + s2_1 + s2_2 + ANNOT_2, (s2_1, s2_2, ANNOT_2), f"{TY}#三", 3,
               ("wastewater",), ("清徐县",)),
        Clause(f"{TY}#三（九）", TY, "clause", "（九）", "三（九）", "挥发性有机物综合整治工程",
               "挥发性有机物综合整治工程。" + s9_1 + ANNOT_9, (s9_1, ANNOT_9), f"{TY}#三", 4, ("vocs",), ()),
        Clause(f"{TY}#三（九）1", TY, "item", "1", "三（九）1", "加快油品储运销VOCs综合治理", s9_2, (s9_2,),
               f"{TY}#三（九）", 5, ("vocs",), ()),
        Clause(f"{TY}#结尾", TY, "closing", "", "结尾", "本方案由市发展改革委负责解释", close, (close,), None, 6),
    )
    resp = (
        Responsibility(f"{TY}#三（二）", "太原市工信局", "lead", 1.0, "annotation", ANNOT_2),
        Responsibility(f"{TY}#三（二）", "太原市生态环境局", "co", 1.0, "annotation", ANNOT_2),
        Responsibility(f"{TY}#三（二）", "太原市发展改革委", "co", 1.0, "annotation", ANNOT_2),
        Responsibility(f"{TY}#三（二）", "太原市能源局", "co", 1.0, "annotation", ANNOT_2),
        Responsibility(f"{TY}#三（九）", "太原市生态环境局", "lead", 1.0, "annotation", ANNOT_9),
        Responsibility(f"{TY}#三（九）", "太原市工信局", "co", 1.0, "annotation", ANNOT_9),
        Responsibility(f"{TY}#三（九）", "太原市交通局", "co", 1.0, "annotation", ANNOT_9),
        Responsibility(f"{TY}#三（九）1", "太原市生态环境局", "implementing", 0.9, "carry_over", ANNOT_9),
        Responsibility(f"{TY}#结尾", "太原市发展改革委", "lead", 0.6, "prose", close),
    )
    targets = (
        Target(f"{TY}#二#t1", f"{TY}#二", "单位GDP能耗", "单位地区生产总值能耗强度", "14.5%", 14.5, "%", "下降",
               None, 2025, "基本目标", "", goal_1),
        Target(f"{TY}#二#t2", f"{TY}#二", "单位GDP能耗", "单位地区生产总值能耗强度", "16.5%", 16.5, "%", "下降",
               None, 2025, "激励目标", "", goal_1),
        Target(f"{TY}#二#t3", f"{TY}#二", "挥发性有机物重点工程减排量", "挥发性有机物重点工程减排量", "1160吨", 1160.0,
               "吨", "达到", None, 2025, "", "太原市", goal_2),
    )
    return ParsedDocument(
        document=doc,
        clauses=clauses,
        agencies=(TY_GXJ, TY_STHJ, TY_FGW, TY_NYJ, TY_JTJ),
        responsibilities=resp,
        targets=targets,
        regions=(QUANGUO, SHANXI_R, TAIYUAN_R, QINGXU_R),
        topics=(ENERGY, VOCS, WATER),
        successions=(Succession("太原市环境保护局", "太原市生态环境局", 2019),),
    )


def shanxi() -> ParsedDocument:
    did = "shanxi-shisiwu-sample"
    text = "到2025年,全省单位地区生产总值能源消耗比2020年下降14.5%,能源消费总量得到合理控制。"
    doc = Document(
        doc_id=did, source=f"{did}.txt", title="山西省“十四五”节能减排实施方案", doc_number="晋政发〔2022〕25号",
        issuer="山西省人民政府", date="2022-09-30", level="provincial", region="山西省",
        cites=(Citation("“十四五”节能减排综合工作方案", "国发〔2021〕33号"),), content_hash="sha256:shanxi",
    )
    clauses = (Clause(f"{did}#一", did, "section", "一", "一", "主要目标", text, (text,), None, 0, ("energy_intensity",)),)
    targets = (
        Target(f"{did}#一#t1", f"{did}#一", "单位GDP能耗", "单位地区生产总值能源消耗", "14.5%", 14.5, "%", "下降",
               2020, 2025, "", "山西省", text),
    )
    sx_fgw = _agency("山西省发展改革委", "山西省发展和改革委员会", "发展和改革委员会", "山西省")
    return ParsedDocument(
        document=doc, clauses=clauses, agencies=(sx_fgw,),
        responsibilities=(Responsibility(f"{did}#一", "山西省发展改革委", "lead", 0.6, "prose", text),),
        targets=targets, regions=(QUANGUO, SHANXI_R), topics=(ENERGY,),
    )


def qingxu() -> ParsedDocument:
    did = "qingxu-sample"
    text = "推进清徐精细化工循环产业园区煤化工污水综合处理配套项目实施。(县工信局负责)"
    doc = Document(
        doc_id=did, source=f"{did}.txt", title="清徐县节能减排工作方案", doc_number="清政发〔2023〕1号",
        issuer="清徐县人民政府", date="2023-12-01", level="county", region="清徐县",
        cites=(Citation("太原市“十四五”节能减排实施方案", "并政发〔2023〕15号"),), content_hash="sha256:qingxu",
    )
    clauses = (Clause(f"{did}#一", did, "section", "一", "一", "重点工程", text, (text,), None, 0, ("wastewater",), ("清徐县",)),)
    qx = _agency("清徐县工信局", "清徐县工业和信息化局", "工业和信息化局", "清徐县")
    target = Target(f"{did}#一#t1", f"{did}#一", "单位GDP能耗", "单位地区生产总值能耗", "14.5%", 14.5, "%", "下降",
                    None, 2025, "", "清徐县", text)
    return ParsedDocument(
        document=doc, clauses=clauses, agencies=(qx,),
        responsibilities=(Responsibility(f"{did}#一", "清徐县工信局", "lead", 1.0, "annotation", "(县工信局负责)"),),
        targets=(target,), regions=(QUANGUO, SHANXI_R, TAIYUAN_R, QINGXU_R), topics=(WATER,),
    )


def jincheng() -> ParsedDocument:
    did = "jincheng-shisiwu-jienengjianpai"
    pre = "为贯彻落实国务院《“十四五”节能减排综合工作方案》（国发〔2021〕33号）和山西省《“十四五”节能减排实施方案》（晋政发〔2022〕25号），确保完成我市“十四五”节能减排任务，制定本方案。"
    goal = "到2025年，全市单位地区生产总值能源消耗比2020年下降15.5%，能源消费总量得到合理控制。"
    doc = Document(
        doc_id=did, source=f"{did}.txt", title="晋城市“十四五”节能减排实施方案", level="city", region="晋城市",
        cites=(Citation("“十四五”节能减排综合工作方案", "国发〔2021〕33号"), Citation("“十四五”节能减排实施方案", "晋政发〔2022〕25号")),
        content_hash="sha256:jincheng",
    )
    clauses = (
        Clause(f"{did}#前言", did, "preamble", "", "前言", "为贯彻落实国务院", pre, (pre,), None, 0),
        Clause(f"{did}#二", did, "section", "二", "二", "主要目标", goal, (goal,), None, 1, ("energy_intensity",)),
    )
    target = Target(f"{did}#二#t1", f"{did}#二", "单位GDP能耗", "单位地区生产总值能源消耗", "15.5%", 15.5, "%", "下降",
                    2020, 2025, "", "", goal)
    return ParsedDocument(
        document=doc, clauses=clauses, targets=(target,), regions=(QUANGUO, SHANXI_R, JINCHENG_R), topics=(ENERGY,)
    )


def all_samples() -> list[ParsedDocument]:
    return [taiyuan(), shanxi(), qingxu(), jincheng()]
