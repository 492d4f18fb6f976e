"""Question understanding: region / intent / agency / indicator parsing over real questions."""

from __future__ import annotations

import re

import pytest

from ingest.errors import DictionaryError

from ingest.agencies import qualify_agency
from ingest.regions import get_gazetteer
from search.question import (
    QuestionParser,
    load_intent_rules,
    load_synonyms,
    names_year,
    normalise,
    opens_with_national_issuer,
)
from search.service import _agency_normaliser, _indicator_matcher, _topic_matcher

KNOWN = {"太原市", "晋城市", "山西省", "辽宁省"}  # the regions the seed documents are issued for
AGENCIES = [
    *(qualify_agency(n, "太原市", "山西省") for n in ("市机关事务局", "市能源局", "市发展改革委", "市住建局", "市工信局", "市生态环境局")),
    *(qualify_agency(n, "晋城市", "山西省") for n in ("市发展改革委", "市机关事务服务中心", "市生态环境局")),
    qualify_agency("省发展改革委", "辽宁省"),
    # national bodies as the 减污降碳协同增效实施方案 writes them (no region)
    *(qualify_agency(n, "全国") for n in ("国家发展改革委", "工业和信息化部", "住房城乡建设部", "生态环境部", "国家统计局")),
]


@pytest.fixture(scope="module")
def parser() -> QuestionParser:
    return QuestionParser(
        get_gazetteer(),
        KNOWN,
        agencies=AGENCIES,
        topic_matcher=_topic_matcher(),
        indicator_matcher=_indicator_matcher(),
        agency_normaliser=_agency_normaliser(),
    )


# question, intent, region, region_known
REGION_CASES = [
    ("太原市挥发性有机物综合整治由哪个部门牵头？", "lead_agency", "太原市", True),
    ("太原VOCs治理哪个局牵头负责？", "lead_agency", "太原市", True),
    ("晋城公共机构能效提升工程谁牵头？", "lead_agency", "晋城市", True),
    ("太原农业农村节能减排工程归哪个局管？", "lead_agency", "太原市", True),
    ("太原市“十四五”节能减排实施方案由哪个部门负责解释？", "lead_agency", "太原市", True),
    ("清徐县所在城市的园区节能环保水平提质工程由哪个部门牵头？", "lead_agency", "太原市", True),
    ("山西2015年底前要再淘汰多少落后焦化产能？", "target_value", "山西省", True),
    ("辽宁2014—2015年单位GDP能耗下降目标是多少？", "target_value", "辽宁省", True),
    ("太原公共机构新增及更新车辆中新能源汽车比例要求是多少？", "target_value", "太原市", True),
    # look-alike and absent regions are never answered from another place
    ("陕西省挥发性有机物治理由哪个部门牵头？", "lead_agency", "陕西省", False),
    # … nor a named area the store holds no plan of (a phrase ending in 库区 / 片区 / 景区 that opens with a verb is no
    # place: NOT_A_PLACE_CASES)
    ("三峡库区水环境综合治理由哪个部门牵头？", "lead_agency", "三峡库区", False),
    ("横琴片区绿色金融改革由哪个部门牵头？", "lead_agency", "横琴片区", False),
    ("江西省单位GDP能耗下降多少？", "target_value", "江西省", False),
    ("江苏2015年单位GDP能耗下降多少？", "target_value", "江苏省", False),
    ("晋中市公共机构能效提升工程谁牵头？", "lead_agency", "晋中市", False),
    ("大同市“十四五”单位GDP能耗下降目标是多少？", "target_value", "大同市", False),
    ("大同VOCs治理哪个局牵头", "lead_agency", "大同市", False),  # 大同 is a common word elsewhere
    ("深圳市挥发性有机物治理由哪个部门牵头？", "lead_agency", "深圳市", False),
    ("全国单位GDP能耗下降目标是多少", "target_value", "全国", False),
    # asking which ministry asks a central body (frozen11 qf11-4-04); a place named keeps the question there
    ("2022年全国低碳日当天的低碳宣传活动是哪个部委牵头搞的？", "lead_agency", "全国", False),
    ("太原哪个部委牵头节能减排？", "lead_agency", "太原市", True),
    # 全国 after the edition year at the head is the country too (frozen25 qf25-2-14/15, the 2022 notice of pdf2 335),
    # and a place at the head stays the place
    ("2022年全国低碳日当天的“线上+线下”宣传活动，是由哪个部门牵头开展的？", "lead_agency", "全国", False),
    ("2022年全国节能宣传周期间，宣传活动是哪个部门牵头会同有关部门组织的？", "lead_agency", "全国", False),
    ("2022年太原市节能宣传周期间，宣传活动是哪个部门牵头组织的？", "lead_agency", "太原市", True),
    # no region: answered across all documents
    ("各地在燃煤锅炉淘汰改造方面有哪些措施？", "similar_measures", None, True),
]


@pytest.mark.parametrize("question, intent, region, known", REGION_CASES)
def test_region_and_intent(parser: QuestionParser, question: str, intent: str, region: str | None, known: bool) -> None:
    f = parser.parse(question)
    assert (f.intent, f.region, f.region_known) == (intent, region, known)
    assert f.not_in_corpus == (not known)


INTENT_CASES = [
    # lower governments or zone committees asked for by kind (frozen33 qf33-1-28: pdf2 242 邯郸's closing sentence)
    ("邯郸这份绿色低碳循环发展经济体系实施意见，要求哪些县区政府和园区管委会负责研究落实？", "responsible_agencies"),
    ("太原节能减排方案里，哪几个县级政府要负责落实？", "responsible_agencies"),
    # who (哪个机构) acts on every region is no similar-measures question (frozen15 qf15-4-13)
    ("国家2030年前碳达峰行动方案中，定期对各地区和重点领域、重点行业碳达峰工作进展进行调度的是哪个机构？", "lead_agency"),
    # other places' documents of the kind, asked as "还有哪个省…" or "…可以对照看" (frozen20 qf20-3-31, qf20-3-32)
    ("江西出台了严格高耗能高排放项目准入管理的实施意见，还有哪个省专门发文遏制“两高”项目盲目发展？", "similar_measures"),
    ("除了安徽，还有哪个省开展过碳达峰碳中和科技创新或创新需求方面的摸底调研？", "similar_measures"),
    ("规范碳排放配额分配、排放报告核查和配额清缴的碳排放权交易管理办法，除了沈阳市的，还有哪些可以对照看？", "similar_measures"),
    ("除了市发展改革委，还有哪个部门参与？", "lead_agency"),
    # (one plan's parts, standards to check against, and targets across places are no such question — review of round 20)
    ("太原市“十四五”节能减排实施方案里的重点工程由哪个部门牵头，还有哪个地区参与？", "lead_agency"),
    ("太原市的节能减排方案可以对照哪个国家标准执行？", "search"),
    ("各地的碳达峰实施方案对重点行业的目标分了几档？", "similar_measures"),
    # the targets one plan sets its places, counted (frozen18 qf18-5-36): a figure of that plan, not other places' measures
    ("吉林省出台的做好用能保障推动绿色发展措施中，各市州能耗强度降低目标分了几档？", "target_value"),
    ("各地在发展绿色金融方面有哪些举措？", "similar_measures"),
    # a deadline year asked is a figure of the document (frozen14 qf14-1-05, frozen17 qf17-2-13)
    ("福建建材行业这边，能效低于行业基准水平的存量项目要在哪一年之前完成改造升级？", "target_value"),
    ("太原哪些部门负责VOCs治理？", "responsible_agencies"),
    # a kind word between the which-word and the body word (frozen21 江西 89)
    ("江西省建立排污权、用能权、水权交易制度，开展林业碳汇和水权交易试点，涉及哪些责任部门？", "responsible_agencies"),
    ("推进农村生活污水治理有哪些配合单位？", "responsible_agencies"),
    # the role words of annotation labels asked for (development qd52-3-09: pdf2 465 南平 专栏一 "（推进单位：…）"; 三明 490
    # "实施单位", 北京 348 "主责单位")
    ("南平“十四五”生态环境保护规划中，重点用煤行业“煤改气”“煤改电”工程有哪些推进单位？", "responsible_agencies"),
    ("林业碳汇项目开发有哪些实施单位？", "responsible_agencies"),
    ("绿色社区创建的主责单位有哪些？", "responsible_agencies"),
    ("南平“十四五”生态环境保护规划里，车船油品清洁化工程的推进单位有哪些？", "responsible_agencies"),
    # … but not where the role word is a verb before another word, nor units' obligations or eligibility (review of
    # round 50)
    ("有哪些试点单位？", "search"),
    ("有哪些推进科技成果转化的措施？", "search"),
    ("水泥窑有哪些协同处置的要求？", "search"),
    ("项目实施单位有哪些要求？", "search"),
    ("哪些实施单位可以申报？", "search"),
    ("申报项目的承办单位有哪些条件？", "search"),
    # "哪几家单位" asks which units, not how many (frozen26 qf26-1-30: corpus 55 江苏 三（十七）); "几家" alone is a count
    ("江苏生态环境厅2022年工作计划里推进公共机构节能低碳示范创建，是哪几家单位在做？", "responsible_agencies"),
    ("江苏2022年要遴选几家公共机构节能低碳示范单位？", "target_value"),
    # other places' documents of the kind, with a level word after 其他 (frozen18 qf18-5-33); "其他省" is no place
    ("有没有其他省级的“十四五”生态环境保护规划，可以跟云南省的规划对照看看？", "similar_measures"),
    # judicial and public-security bodies are 机关 (frozen28 qf28-4-26: pdf2 348 北京 "各级法院和检察院加强环境司法")
    ("北京深入打好污染防治攻坚战的实施意见中，加强环境司法由哪些机关负责？", "responsible_agencies"),
    # the kinds of place a province holds (frozen21 qf21-2-32)
    ("除了福州，福建省还有哪些设区市印发了“十四五”生态环境保护规划？", "similar_measures"),
    # the other documents of a subject, one set apart (frozen21 qf21-3-23); not bodies or figures
    ("除了临沂的实施方案，语料里还有哪些推进绿色低碳县城建设的政策文件？", "similar_measures"),
    ("除了市发展改革委，还有哪些部门负责推进绿色低碳县城建设？", "responsible_agencies"),
    # other documents of a subject besides the one named, asked with a document word and any verb (frozen31 qf31-1-30,
    # frozen23 qf23-3-08); the named document's bodies or figures are no such question
    ("除了生态环境部印发的《企业环境信息依法披露格式准则》，还有哪些文件对企业环境信息依法披露作出了规定？", "similar_measures"),
    ("除了海南这份碳排放环境影响评价试行通知，还有哪些文件专门部署在环评中试点开展碳排放评价？", "similar_measures"),
    ("除了太原市的节能减排方案，还有哪些方案由哪个部门牵头？", "lead_agency"),
    ("除了太原市的节能减排方案，还有哪些文件规定了多少目标？", "target_value"),
    # other bodies' documents of the kind (frozen20 qf20-2-05)
    ("除了安徽省生态环境厅，还有哪些部门专门发文成立了碳达峰相关工作领导小组？", "similar_measures"),
    # (review of round 21: bodies asked beside a policy, a set of places asked, those who must report are no such questions)
    ("除了市发展改革委，还有哪些部门负责落实节能政策？", "responsible_agencies"),
    ("除了太原市发展改革委，还有哪些部门参与制定了这个文件？", "responsible_agencies"),
    ("福建省哪些设区市被列为国家低碳试点城市？", "search"),
    ("哪些有关单位需要报送排放报告？", "search"),
    ("太原市能源局牵头哪些工程或制度？", "agency_duties"),
    ("其他城市有没有类似太原公共机构新能源汽车比例不低于35%的要求？", "similar_measures"),
    ("和太原VOCs综合整治类似的措施还有哪些城市提出了？", "similar_measures"),
    ("晋城有哪些节能减排方案？", "document_lookup"),
    ("晋城市到2025年能耗强度目标", "target_value"),
    ("太原市能耗双控", "search"),
    ("太原市能源局牵头哪几项任务？", "agency_duties"),
    # "哪些省级部门" / "各市级部门" ask for bodies, not for other places (pdf2 207 安徽 二（一）)
    ("安徽能效清单目录由哪些省级部门组织建立？", "responsible_agencies"),
    ("山西各市级部门谁牵头推进煤炭消费减量替代？", "lead_agency"),
    ("其他省市有没有类似的能效清单？", "similar_measures"),
    # a department's divisions (处室 / 科室) asked for (pdf2 231 辽宁 自然资源厅 清单, 261 齐齐哈尔 住建局)
    ("辽宁省自然资源厅工作计划里，年度国土变更调查是哪个处室负责的？", "lead_agency"),
    ("齐齐哈尔住建局分工中，海绵城市建设归哪些科室管？", "responsible_agencies"),
    # duties asked with other quantifiers, bodies asked as 部委 (pdf2 10, 414, 411, 8)
    ("生态产品价值实现机制的意见里，国家发展改革委具体负责哪几条？", "agency_duties"),
    ("江西省生态环境厅在土壤规划中牵头负责哪项工作？", "agency_duties"),
    ("气候投融资指导意见里，生态环境部自己牵头的是哪一部分？", "agency_duties"),
    ("生态保护补偿制度改革的意见要求哪几个部委协调推进改革任务落实？", "responsible_agencies"),
    # other documents holding the same measure, asked with 同样 / 相同 (pdf2 333, 348, 218)
    ("新时代新能源高质量发展实施方案对公共机构新建建筑提了屋顶光伏覆盖率要求，库里还有哪些文件有同样的屋顶光伏覆盖率指标？",
     "similar_measures"),
    ("北京实施意见要求大型规模化养殖场氨排放总量比2020年下降一定比例，还有哪些文件里有同样的氨减排措施？", "similar_measures"),
    ("天津2021年度碳排放配额安排通知里设了配额履约缺口上限，库里还有哪份文件有同样的缺口上限安排？", "similar_measures"),
    # duties asked with the body's verb or a quantifier in between (frozen7 qf7a-004, qf7a-010 phrasing)
    ("太原市能源局牵头负责的都有哪几块？", "agency_duties"),
    ("太原市能源局牵头抓的是哪一项工作？", "agency_duties"),
    ("太原市能源局负责的是哪一条？", "agency_duties"),
    # who issued a document is asked like a lead / responsible question (answered from the document's issuers)
    ("发改产业〔2021〕1609号是哪些部门联合印发的？", "responsible_agencies"),
    # round 10 (frozen8 phrasings): duties asked as "牵头负责哪方面工作", who interprets a document as "以谁的解释为准",
    # other documents on the same subject as "还有没有别的文件也是…"
    ("太原市能源局在节能减排方案里牵头负责哪方面工作？", "agency_duties"),
    ("太原市生态环境局主要负责哪些方面？", "agency_duties"),
    # the items whose responsible units the agency heads (frozen9 qf9b-023 phrasing)
    ("太原市生态环境局排在责任单位第一位的是哪几项工作？", "agency_duties"),
    ("太原市节能减排实施方案的条文理解上有分歧，以哪家的解释为准？", "lead_agency"),
    ("太原市节能减排实施方案规定了重点工程，库里还有没有别的文件也是专门讲节能减排重点工程的？", "similar_measures"),
    # 各地 in a question asking who is no similar-measures cue (frozen8 qb-029 phrasing)
    ("四川节能降碳示范项目征集通知里，各地报上来的示范项目由谁纳入省重点工业项目库？", "lead_agency"),
    ("各地在推进节能降碳示范项目方面有哪些做法？", "similar_measures"),
    ("长沙要编全市城镇绿色建筑发展规划，负责的部门有哪些？", "responsible_agencies"),
    # round 11 (frozen10 phrasings): another place that issued such a document, documents made to go with one
    ("还有哪个省出了和福建类似的“十四五”海洋生态环境保护规划？", "similar_measures"),
    ("青海省内除了西宁，还有哪个地方出了“十四五”生态环境保护规划？", "similar_measures"),
    ("除了生态环境部的《碳排放权交易管理办法（试行）》，有没有哪个城市也出台了自己的碳排放权交易管理办法？", "similar_measures"),
    ("跟《企业环境信息依法披露管理办法》配套、规范企业环境信息披露内容和格式的文件有哪些？", "similar_measures"),
    # 各省 after a notice's instruction are its addressees: no similar-measures cue (the latest day asked: a date)
    ("生态环境部办公厅关于碳市场数据质量监督管理的通知，要求各省把数据质量自查报告在什么时间前报送？", "target_value"),
    # a step asked by when it closes (pdf2 309 深圳 扶持计划 "网络填报受理时间：…至…24日18时", 291 上海 申报指南, 184 南京)
    ("深圳2023年绿色低碳产业扶持计划申报，网络填报受理什么时候截止？", "target_value"),
    ("沪科指南〔2021〕25号的项目网上填报什么时候截止？", "target_value"),
    ("2022年全国节能宣传周活动何时结束？", "target_value"),
    ("这项工作由哪个部门负责，什么时候截止？", "lead_agency"),
    # round 44: other documents on the measure just described, asked as "还有哪些文件也/讲/专门…", "有没有对应的文件",
    # "地方上有哪些文件也…", "除了国家…规划，地方上还有哪些…方案" (frozen44 qf44-3-31, qf44-1-32, qf44-2-32, frozen40
    # qf40-3-25, frozen27 qf27-2-32, frozen30 qf30-5-05, frozen27 qf27-5-32, frozen8 qf8a-021, frozen9 qf9b-019)
    ("海南在试行开展碳排放环境影响评价，还有哪些文件也在推动把碳排放评价纳入环评？", "similar_measures"),
    ("广西提出要巩固九洲江跨省流域横向生态保护补偿试点成果，库里还有哪些文件讲跨省流域上下游横向补偿机制？", "similar_measures"),
    ("上海能源规划要求党政机关、学校、医院这些公共机构屋顶率先装光伏，库里还有哪份文件专门部署公共机构光伏的？", "similar_measures"),
    ("福建省推动数据中心和5G等新型基础设施绿色高质量发展的实施方案，国家层面有没有对应的文件？", "similar_measures"),
    ("山东出台了控排企业碳排放报告弄虚作假有奖举报方案，国家层面有没有同样在抓碳排放数据质量造假的文件？", "similar_measures"),
    ("生态环境部那份全国碳市场数据质量监督管理通知要求评估核查技术服务机构、严查碳排放数据弄虚作假，地方上有哪些文件也在抓碳排放数据质量？",
     "similar_measures"),
    ("有没有哪个省份针对数据中心和5G等新型基础设施绿色高质量发展出台了自己的实施方案？", "similar_measures"),
    ("除了国家“十四五”公共机构节约能源资源工作规划，地方上还有哪些关于公共机构节能降碳、绿色低碳发展的方案或工作要点？",
     "similar_measures"),
    # (a question about those documents' bodies or figures is none: who leads, how much)
    ("还有哪些文件也规定了由谁牵头推进碳排放评价？", "lead_agency"),
    ("国家层面有没有对应的文件规定了多少目标？", "target_value"),
    ("除了国家规划，地方上还有哪些方案由哪些部门负责落实？", "responsible_agencies"),
    # (review of round 44: the who / how much / when of those documents asked anywhere in the question, a policy of the
    # measure asked for without a level, a 除 of a word's own)
    ("还有哪些文件对重点用能单位节能目标考核提出了要求，牵头部门是哪个？", "lead_agency"),
    ("国家层面有没有对应的文件规定了2025年单位GDP能耗下降多少？", "target_value"),
    ("还有哪份文件也规定了配额清缴期限，截止时间是什么时候？", "target_value"),
    ("光伏发电项目是否有相应的补贴政策？", "search"),
    ("除尘设施超低排放改造，地方有哪些补贴政策？", "search"),
    # 不同类 is "of different kinds", no likeness asked (dev61 qd61-1-15, 577 科技支撑…实施方案); 同类 still asks it
    ("国科发社〔2022〕157号提出，到2030年全国要建成多少个不同类型的重点低碳零碳技术应用示范工程？", "target_value"),
    ("到2025年要建设多少个不同类别的近零碳排放区示范工程？", "target_value"),
    ("除了成都，还有哪些地方开展了同类的近零碳排放区试点？", "similar_measures"),
]


@pytest.mark.parametrize("question, intent", INTENT_CASES)
def test_intent(parser: QuestionParser, question: str, intent: str) -> None:
    assert parser.parse(question).intent == intent


# question, agency (Agency.name as written in the document)
AGENCY_CASES = [
    ("太原市机关事务局牵头负责哪些工作？", "太原市机关事务局"),
    ("太原市能源局牵头哪些工程或制度？", "太原市能源局"),
    ("太原市发改委牵头哪些工作？", "太原市发展改革委"),  # alias: 发改委 = 发展改革委
    ("太原市住建委负责哪些工作", "太原市住建局"),  # 住建委 renamed 住建局
    ("晋城市发展改革委牵头哪些工作", "晋城市发展改革委"),  # not 太原's
    # the region's short form before an alias (frozen8 "长沙住建局…"): read as the full name
    ("太原住建委负责哪些工作", "太原市住建局"),
    ("晋城发改委牵头哪些工作", "晋城市发展改革委"),
]


@pytest.mark.parametrize("question, agency", AGENCY_CASES)
def test_agency(parser: QuestionParser, question: str, agency: str) -> None:
    f = parser.parse(question)
    assert (f.intent, f.agency) == ("agency_duties", agency)


def test_a_prefectures_body_written_with_its_level_word() -> None:
    """An autonomous prefecture's bodies are written with 州 as a city's with 市 (dev63 qd63-1-10, pdf2 445 海西州's plan,
    whose bodies are stored with the prefecture's full name); another level's word is no such body."""
    region = "海西蒙古族藏族自治州"
    bodies = [qualify_agency(n, region, "青海省") for n in ("州生态环境局", "州发展改革委")]
    prefecture = QuestionParser(get_gazetteer(), KNOWN | {region, "青海省"}, agencies=[*AGENCIES, *bodies])
    f = prefecture.parse("在海西州“十四五”生态环境保护规划里，州生态环境局牵头负责哪几项工作？")
    assert (f.intent, f.agency) == ("agency_duties", "海西蒙古族藏族自治州生态环境局")
    assert prefecture.parse("在海西州“十四五”生态环境保护规划里，州发展改革委牵头负责哪几项工作？").agency == (
        "海西蒙古族藏族自治州发展改革委"
    )
    assert prefecture.parse("在海西州“十四五”生态环境保护规划里，省生态环境厅牵头负责哪几项工作？").agency != (
        "海西蒙古族藏族自治州生态环境局"
    )


@pytest.mark.parametrize(
    "region, province, written, question",
    [
        ("阿拉善盟", "内蒙古自治区", "盟生态环境局", "阿拉善盟的方案里，盟生态环境局牵头负责哪几项工作？"),
        ("杭锦旗", "内蒙古自治区", "旗生态环境局", "杭锦旗的方案里，旗生态环境局牵头负责哪几项工作？"),
    ],
)
def test_a_league_or_banner_body_written_with_its_level_word(
    region: str, province: str, written: str, question: str
) -> None:
    """A league's (盟) and a banner's (旗) bodies are written with their level word as a prefecture's with 州."""
    body = qualify_agency(written, region, province)
    parser = QuestionParser(get_gazetteer(), KNOWN | {region, province}, agencies=[*AGENCIES, body])
    assert parser.parse(question).agency == body.name


# national bodies in the colloquial forms staff write (search/dictionaries/agency_forms.tsv)
NATIONAL_AGENCY_CASES = [
    ("国家发改委牵头哪些工作？", "国家发展改革委"),
    ("国家发展改革委在减污降碳方面牵头哪些工作？", "国家发展改革委"),
    ("工信部牵头哪些工作？", "工业和信息化部"),
    ("住建部牵头负责哪些工作？", "住房城乡建设部"),
    ("生态环境部负责的工作有哪些？", "生态环境部"),  # "负责的工作有哪些" is a duties question
    ("工信部负责的任务都有哪些", "工业和信息化部"),
    # a question about a place's plan naming a national body as one (pdf2 24: the ministries' plan for 宁夏)
    ("晋城的节能减排方案中，明确由国家发改委牵头的条款有哪些？", "国家发展改革委"),
]


@pytest.mark.parametrize("question, agency", NATIONAL_AGENCY_CASES)
def test_national_agency_forms(parser: QuestionParser, question: str, agency: str) -> None:
    f = parser.parse(question)
    assert (f.intent, f.agency) == ("agency_duties", agency)


def test_national_forms_never_replace_a_local_agency(parser: QuestionParser) -> None:
    # 晋城 has no 统计局 in the fixture: the national 国家统计局 must not stand in for it
    assert parser.parse("晋城市统计局牵头哪些工作？").agency is None


# "其他省份 / 兄弟城市 / 周边地市" point at other places; they are never the question's region
GENERIC_PLACE_CASES = [
    ("其他省份有没有类似太原公共机构能效提升工程的措施？", "太原市"),
    ("兄弟城市在VOCs治理方面有没有类似晋城的做法？", "晋城市"),
    ("其他市有没有类似太原VOCs综合整治的措施？", "太原市"),
    # "除了省里的…" opens with a place suffix, no place (frozen16 qf16-2-30 phrasing)
    ("除了省里的节能减排方案，山西省内有没有地市也出了类似的节能减排方案？", "山西省"),
    # a question's words before a place suffix (frozen18 qf18-5-33 phrasing): "有没有其他省" is no place
    ("有没有其他省级的“十四五”节能减排实施方案，可以跟太原市的方案对照看看？", "太原市"),
]


# collective words and phrases that end in a place suffix are not unknown places ("not in corpus")
NOT_A_PLACE_CASES = [
    "各省市年度碳排放配额分配方案有哪些可以参考？",
    "各地在全国碳市场数据质量和配额清缴履约方面是怎么部署的？",
    "每个市的节能监察工作是怎么组织的？",
    # a question word before a place suffix (round 11, frozen10): "还有哪个省" is no place
    "还有哪个省出了“十四五”海洋生态环境保护规划？",
    # a title a place earns, at the head (frozen29 qf29-2-14 "生态文明强县的资金由山东哪个部门拨付？" read 生态文明强县 as an
    # unknown place and refused)
    "生态文明强县的资金由哪个部门拨付？",
    "节水型示范市的创建由谁负责？",
    # a kind of zone written without its name (frozen40 qf40-5-04 "经开区2021年度节能减碳技改类项目…" refused as an unknown
    # place 经开区): the question's words, not a place
    "经开区2021年度节能减碳技改类项目，工业类项目按节能量给的区级配套奖励标准是多少？",
    "自贸试验区的碳资源储备由哪些机构负责研究探索？",
    "综合保税区的节能审查由哪个部门负责？",
    # an area that is no administrative region ends the phrase (dev54 qd54-2-06, pdf2 159 二（十五）: "打造草原旅游景区…"
    # refused as an unknown place; pdf2 548 上海 低碳社区, 65 上海 片区)
    "打造草原旅游景区和精品线路、推动草原旅游和生态康养产业发展，涉及哪几个部门？谁牵头？",
    "创建低碳示范社区由哪个部门负责推荐？",
    "推进重点片区整体更新由哪个部门牵头？",
]


@pytest.mark.parametrize("question", NOT_A_PLACE_CASES)
def test_phrases_ending_in_a_place_suffix_are_not_places(parser: QuestionParser, question: str) -> None:
    f = parser.parse(question)
    assert (f.region, f.region_mentioned, f.region_known) == (None, None, True)


def test_a_place_written_in_short_form_keeps_its_order() -> None:
    """海西州 (海西蒙古族藏族自治州) comes first; 山南 inside 祁连山南麓 comes later and does not win."""
    gz = get_gazetteer()
    p = QuestionParser(gz, {"海西蒙古族藏族自治州", "山南市"})
    f = p.parse("海西州筑牢祁连山南麓生态屏障由哪个部门牵头？")
    assert f.region == "海西蒙古族藏族自治州"


@pytest.mark.parametrize(
    "question, known, region",
    [
        # a stored district written by its short form, no other place named (frozen8 8b-015 浦东 若干规定)
        ("在浦东拿了绿色金融服务的企业，得在几个工作日内告诉出资方？", {"浦东新区", "上海市"}, "浦东新区"),
        ("黄埔对屋顶光伏有什么补贴？", {"黄埔区", "广州市"}, "黄埔区"),
        # not when no document is stored for it (a short county form in free text is no place)
        ("在浦东拿了绿色金融服务的企业，得在几个工作日内告诉出资方？", {"上海市"}, None),
        # … and after the place it lies in with a word making the measure its own (frozen70 qf70-3-12 phrasing of pdf2 314
        # 浦东; pdf2 122 黄埔) — not after a list word or a place set apart (frozen23 qf23-1-28), nor when no document is
        # stored for it
        ("上海为浦东绿色金融立的规定里，绿色项目库由哪些部门负责牵头建立？", {"浦东新区", "上海市"}, "浦东新区"),
        ("广州给黄埔的企业定了什么屋顶光伏补贴？", {"黄埔区", "广州市"}, "黄埔区"),
        ("上海和浦东的绿色金融规定都要求企业披露什么？", {"浦东新区", "上海市"}, "上海市"),
        ("安徽省内除了阜阳，还有哪个城市出台了重点领域节能降碳技术改造实施方案？", {"安徽省", "阜阳市"}, "安徽省"),
        ("上海为浦东绿色金融立的规定里，绿色项目库由哪些部门负责牵头建立？", {"上海市"}, "上海市"),
    ],
)
def test_a_stored_district_by_its_short_form(question: str, known: set[str], region: str | None) -> None:
    assert QuestionParser(get_gazetteer(), known).parse(question).region == region


@pytest.mark.parametrize(
    "question, known, region",
    [
        # a covered province written with a covered city of it right after it: the city is asked about (dev47 泰州 455:
        # "江苏…生态环境保护规划" had named 江苏's 海洋 plan)
        ("江苏泰州的生态环境保护规划里，到2025年全市秸秆综合利用率要达到多少？", {"江苏省", "泰州市"}, "泰州市"),
        ("山西省的大同市煤矿瓦斯利用由哪个部门牵头？", {"山西省", "大同市"}, "大同市"),
        ("山西省太原市挥发性有机物综合整治由哪个部门牵头？", KNOWN, "太原市"),
        ("山西省的太原市，挥发性有机物综合整治由哪个部门牵头？", KNOWN, "太原市"),
        # … not when no document covers the city (the province's documents answer), nor when words stand between them
        ("山西省的大同市煤矿瓦斯利用由哪个部门牵头？", {"山西省"}, "山西省"),
        ("山西省要求太原市挥发性有机物综合整治由哪个部门牵头？", KNOWN, "山西省"),
        # … nor to the first of a list of places (asked one by one), nor to a place known only through a county of it
        ("山西省的太原市、晋城市节能目标分别是多少？", KNOWN, "山西省"),
        ("江苏泰州有哪些类似的节能措施？", {"江苏省", "兴化市"}, "江苏省"),
    ],
)
def test_a_covered_place_written_right_inside_another_is_asked_about(question: str, known: set[str], region: str) -> None:
    assert QuestionParser(get_gazetteer(), known).parse(question).region == region


@pytest.mark.parametrize("question, region", GENERIC_PLACE_CASES)
def test_generic_place_words_are_not_regions(parser: QuestionParser, question: str, region: str) -> None:
    f = parser.parse(question)
    assert (f.intent, f.region, f.region_known) == ("similar_measures", region, True)


def test_agency_of_another_region_is_not_matched(parser: QuestionParser) -> None:
    assert parser.parse("辽宁省机关事务局牵头哪些工作？").agency is None


def test_a_body_stored_without_its_place_is_not_the_regions() -> None:
    """A provincial plan's "市生态环境局" (stored without a city) never stands for the asked city's bureau."""
    unplaced = qualify_agency("市生态环境局", "福建省", "福建省")
    assert unplaced.name == "市生态环境局" and not unplaced.region
    p = QuestionParser(get_gazetteer(), KNOWN, agencies=[unplaced, *AGENCIES])
    assert p.parse("太原市生态环境局牵头哪些工作？").agency == "太原市生态环境局"
    assert p.parse("太原挥发性有机物治理这块，市生态环境局牵头哪些工作？").agency == "太原市生态环境局"


def test_a_national_lists_bare_body_is_not_the_regions() -> None:
    """A national notice's "发展改革部门" (pdf2 169 附件2, a fields list) never stands for the asked city's department of
    that field written the same way ("太原市…发展改革部门牵头的有哪些事")."""
    national = qualify_agency("发展改革部门", "全国")
    own = qualify_agency("发展改革部门", "太原市", "山西省")
    assert own.name == "太原市发展改革部门"
    p = QuestionParser(get_gazetteer(), KNOWN, agencies=[national, own, *AGENCIES])
    assert p.parse("太原市节能减排方案里，市发展改革部门牵头的有哪些事？").agency == "太原市发展改革部门"
    assert p.parse("太原市节能减排方案里，发展改革部门牵头的有哪些事？").agency != national.name
    assert p.parse("全国层面发展改革部门牵头的有哪些事？").agency == national.name


def test_a_district_body_written_after_its_city_is_found_among_the_districts() -> None:
    """pdf2 122 黄埔区 (frozen20 qf20-5-26): "广州市黄埔区发展改革局负责哪些工作" names 广州市 first, a place no document
    covers; the district written inside it is the place asked, and its bureau the agency asked about."""
    from dataclasses import replace

    district = replace(qualify_agency("区发展改革局", "黄埔区", "广东省"), name="广州市黄埔区发展改革局")
    p = QuestionParser(get_gazetteer(), {"黄埔区"}, agencies=[district])
    f = p.parse("广州市黄埔区发展改革局负责哪些工作？")
    assert (f.region, f.agency, f.intent) == ("黄埔区", "广州市黄埔区发展改革局", "agency_duties")


PARAPHRASE_CASES = [
    ("太原VOCs治理哪个局牵头负责？", "挥发性有机物", "vocs"),
    ("晋城市到2025年单位GDP能耗比2020年下降多少？", "单位地区生产总值能耗", "energy_intensity"),
]


# Base years written as the plans write them (公共机构 52 "以2020年能源、水资源消费…为基数", 德州 451 "在2020年基础上"):
# the base year is never the asked target year.
BASE_YEAR_CASES = [
    ("国管节能〔2021〕195号规划提出，以2020年为基数，到2025年公共机构人均综合能耗要下降多少？", 2025, 2020),
    ("以2020年能源消费为基准，2025年单位建筑面积能耗下降多少？", 2025, 2020),
    ("太原市在2020年基础上，到2025年单位GDP能耗下降多少？", 2025, 2020),
    ("晋城市到2025年单位GDP能耗比2020年下降多少？", 2025, 2020),
    ("山西2014年氮氧化物排放要与2013年相比下降多少？", 2014, 2013),
    # a period is asked about at its end (贵州 384 "专项行动实施方案（2021—2025年）")
    ("贵州绿色制造专项行动（2021—2025）打算创建多少家绿色工厂？", 2025, None),
    ("黑龙江2021-2023年滚动实施方案里新能源装机要达到多少？", 2023, None),
]


# spoken framing that names no subject: pointers (这个 / 这条), intentions (打算), "哪个委办局", "牵头落实"
SPOKEN_FRAMING_CASES = [
    # round 52 (dev56 qd56-1-23, refused for lacking 层面): the level a question asks at (全国层面, 国家层面) is no content
    # term (指定 stays one: "指定经营实体", "指定专人")
    ("全国层面提出加快建立国家气候投融资项目库，这件事文件里指定由哪个部门负责？", ("层面",)),
    ("国家层面对重点用能单位节能管理由哪个部门牵头？", ("层面",)),
    ("北京制造业绿色低碳行动方案说水泥产能要压减30%以上，这个由哪个委办局负责？", ("办局", "这个")),
    ("国家城乡建设领域碳达峰方案里，新建公共机构建筑和厂房屋顶光伏覆盖率50%这条，是哪个部委牵头落实？", ("这条", "落实")),
    ("贵州绿色制造专项行动打算创建多少家绿色工厂？", ("打算",)),
    # round 10 (frozen8): a threshold asked as 最低门槛, a total as 加起来, a deadline as 最晚什么时候 / 哪天, the store
    # as 库里, who as 哪家
    ("四川申报节能降碳示范项目，对项目每年减碳量的最低门槛是多少？", ("最低", "门槛")),
    ("济宁采煤塌陷地光伏这些加起来，到2025年光伏装机要到多少？", ("起来",)),
    ("上海2020年度碳排放报告最晚什么时候前要报？", ("最晚", "时候")),
    ("上海碳排放监测计划哪天截止？", ("哪天",)),
    ("库里还有没有别的文件讲企业环境信息披露？", ("库里",)),
    ("企业环境信息依法披露格式准则以哪家的解释为准？", ("哪家",)),
    ("国办函〔2022〕39号转发的那份新能源实施方案，原本是由哪些部门提出的？", ("那份", "原本")),
    ("石家庄把大型数据中心PUE降到1.3以下这件事由哪个部门牵头？", ("这件",)),
    ("天津可再生能源规划里提到的光伏装机，目前到底要达到多少？", ("提到", "目前", "到底")),
    ("江西绿色低碳措施里关于充电桩的要求，应该是哪个厅负责？", ("关于", "应该")),
    ("全国碳市场发电行业2019-2020年配额怎么分（免费分配、基准法核算），这部分由哪个部门牵头负责？", ("这部分",)),
    # whether the document says so (frozen23 qf23-5-30)
    ("郑州实施圃田泽水循环工程、给城区河流补水，规划里有没有写明由哪个部门牵头？", ("写明",)),
    ("西安推行建筑施工环保公告制度，文件指明责任部门了吗？", ("指明",)),
    # the level of places a similar-plans question asks for and the plan's breadth (frozen25 qf25-1-21)
    ("除了上海，还有哪些省级地区（省、直辖市）也出台了综合性的生态环境保护“十四五”规划？", ("省级", "直辖市", "综合性")),
    # the figure asked by its name (frozen26 qf26-2-06, pdf2 455 泰州 "秸秆综合利用率达到97%")
    ("请问泰州“十四五”期间秸秆综合利用率的目标值是多少？", ("目标值",)),
    ("天津2025年可再生能源消纳比重的指标值是多少？", ("指标值",)),
    # the rule a question goes by (pdf2 383 电力市场: "按照" had become its strongest term once the title went with the
    # reference, and picked 七（三）'s "按照职责分工"), the year asked (pdf2 10 生态产品: 哪一年 weighed most of all), the
    # occasion pointed at (pdf2 265 南京: "这次申报")
    ("按照国家发展改革委、国家能源局的指导意见，全国统一电力市场体系计划在哪一年基本建成？", ("按照", "哪一年")),
    ("依照生态产品价值实现机制的意见，到哪一年全面建立？", ("依照", "哪一年")),
    ("南京这次申报省碳达峰碳中和科技创新专项资金，重大科技成果转化类项目归哪个处对接？", ("这次",)),
    # a party committee's plenary session names its decision (pdf2 363 四川, 392 绵阳; 244 江苏 writes "省委十三届九次全会提出的"),
    # as a 文号 does: none of its words is a term
    ("四川省委十一届十次全会通过的绿色低碳优势产业决定，提出到2025年全省清洁能源电力装机容量达到多少？",
     ("十一届", "十次", "全会", "通过")),
    ("绵阳市委八届二次全会定的目标，到2025年全市单位GDP能耗比2020年要降多少？", ("八届", "二次", "全会")),
    ("江苏省委十三届九次全会提出的率先达峰要求，由哪个部门牵头落实？", ("十三届", "九次", "全会", "提出")),
    # a duration's bound asked, as 最多 / 最少 a count's (pdf2 189 成都 "建设期不应超过两年", 175 重庆 "不超过15个工作日")
    ("成都近零碳排放区试点，一个试点的建设期最长不能超过多久？", ("最长",)),
    ("重庆碳惠通项目备案的技术评估最短要多少个工作日？", ("最短",)),
    # the figure asked by its name (pdf2 417 郑州 漏损率, 468 西安 再生水利用率)
    ("郑州到2025年城市供水管网漏损率，具体数字是多少？", ("数字", "具体")),
    ("西安到2025年城市再生水利用率的数值是多少？", ("数值",)),
]


def test_the_word_for_a_figure_stays_a_term_where_it_names_a_thing(parser: QuestionParser) -> None:
    """数字 asked as the figure is framing; 数字 in 数字经济 / a quoted "数字·绿色" is what the question is about."""
    assert "数字" in parser.parse("福州市2021年“数字·绿色”技术改造专项行动由哪个部门牵头？").keywords
    assert "数字经济" in parser.parse("数字经济核心产业增加值占比要达到多少？").keywords


@pytest.mark.parametrize(("question", "absent"), SPOKEN_FRAMING_CASES)
def test_spoken_framing_is_no_term(parser: QuestionParser, question: str, absent: tuple[str, ...]) -> None:
    from search.index import BM25Tokenizer
    from search.ranking import GENERIC_WORDS

    f = parser.parse(question)
    # the content terms as the ranker reads them (search.ranking.Ranker.term_units): tokens, generic words dropped
    terms = [t for t in BM25Tokenizer().tokenize(f.core or f.keywords) if len(t) >= 2 and t not in GENERIC_WORDS]
    assert not [w for w in absent if any(w in t for t in terms)], terms


# a place suffix that begins a word (区域, 市民, 市场, 县域, 省份) makes no unknown place of the words before it
@pytest.mark.parametrize(
    "question",
    [
        "川渝两地建立跨区域合作项目财税利益分享机制，牵头单位分别是谁？",
        "成渝两地鼓励市民少开车、绿色低碳出行，这些工作由哪些部门负责？",
        "碳排放权交易市场建设由哪个部门牵头？",
    ],
)
def test_word_initial_suffixes_are_no_place(parser: QuestionParser, question: str) -> None:
    f = parser.parse(question)
    assert f.region is None and f.region_known, (f.region, f.regions_mentioned)


# words before a known place that end in a place suffix further on make no unknown place of their own (frozen19 浙江
# "想问下浙江发布省重点…": the head "想问下浙江发布省" held 浙江); an unknown place at the head still counts (深圳市…)
@pytest.mark.parametrize(
    "question, region",
    [
        ("想问下浙江发布省重点节能新技术推广目录这块，是谁牵头？", "浙江省"),
        ("请问山西出台省级节能减排方案了吗，谁牵头？", "山西省"),
        ("深圳市绿色建筑由哪个部门牵头？", "深圳市"),
        # a zone named after a known place is that place's (frozen30 qf30-2-29: pdf2 88 中国（云南）自由贸易试验区's 办法)
        ("云南自贸试验区碳排放权交易资源储备管理办法里，云南省生态环境厅牵头负责哪些工作？", "云南省"),
    ],
)
def test_an_unknown_place_never_holds_a_known_one(parser: QuestionParser, question: str, region: str) -> None:
    assert parser.parse(question).region == region


@pytest.mark.parametrize(("question", "year", "base_year"), BASE_YEAR_CASES)
def test_base_year_forms(parser: QuestionParser, question: str, year: int, base_year: int) -> None:
    f = parser.parse(question)
    assert (f.year, f.base_year) == (year, base_year)


@pytest.mark.parametrize("question, wording, topic", PARAPHRASE_CASES)
def test_paraphrases(parser: QuestionParser, question: str, wording: str, topic: str) -> None:
    f = parser.parse(question)
    assert wording in f.keywords
    assert topic in f.topics


def test_indicator_and_years(parser: QuestionParser) -> None:
    f = parser.parse("山西2014年氮氧化物排放要比2013年下降多少？")
    assert (f.indicator, f.year, f.base_year) == ("氮氧化物", 2014, 2013)
    f = parser.parse("太原市到2025年单位地区生产总值能耗要下降多少？")
    assert (f.indicator, f.year) == ("单位GDP能耗", 2025)
    assert parser.parse("太原“十四五”挥发性有机物重点工程减排量目标是多少？").year == 2025


@pytest.mark.parametrize(
    "question, year",
    [
        # the year a plan was issued names the document, not the target (pdf2 question sets)
        ("深圳市工信局2021年印发的扶持计划操作规程里，单个项目最多资助多少钱？", None),
        ("江西2021年印发的绿色低碳循环发展若干措施里，到2025年绿色产业比重要达到多少？", 2025),
        ("国管局2021年6月发布的公共机构规划里，2025年单位建筑面积能耗下降多少？", 2025),
        ("深圳2021年单位GDP能耗下降多少？", 2021),
        # a year written with its month before 的 and the document's kind, or 发的, or in brackets after the document, is
        # its date (dev56 qd56-1-11 上海 398; development questions on 天津 566, 徐州 254, 国新办 35)
        ("上海市生态环境局2021年11月的通知要求，本市发电行业重点排放单位的配额原则上在哪天前完成清缴？", None),
        ("按天津市发展改革委2021年12月的可再生能源规划，到2025年天津地热能供热面积要达到多少？", 2025),
        ("徐州市科技局、财政局2022年6月发的双碳科技创新专项申报通知里，每个项目市财政最多支持多少钱？", None),
        ("国新办能源白皮书（2020年12月）说我国发布实施了多少项国家节能标准？", None),
        ("上海市生态环境局2021年11月份的通知要求，本市发电行业重点排放单位的配额原则上在哪天前完成清缴？", None),
        # … not a month's deadline or a year alone before 的, nor a target's date with where to look after it, after 到 /
        # 截至, or in brackets after no document (the round-52 review's cases)
        ("2022年6月的申报截止前要报送多少份材料？", 2022),
        ("到2025年12月的完成率要达到多少？", 2025),
        ("到2025年6月的完成率在实施方案里要求达到多少？", 2025),
        ("截至2022年12月31日的清洁取暖率在工作要点里是多少？", 2022),
        ("2025年6月的阶段目标在行动计划中是多少？", 2025),
        ("建成多少座充电站（2025年6月）？", 2025),
        ("重点任务完成时限（2025年12月）前要建成多少座充电站？", 2025),
    ],
)
def test_issue_year_is_not_the_target_year(parser: QuestionParser, question: str, year: int | None) -> None:
    assert parser.parse(question).year == year


def test_keywords_drop_region_and_question_words(parser: QuestionParser) -> None:
    f = parser.parse("太原市挥发性有机物综合整治由哪个部门牵头？")
    assert "太原" not in f.keywords and "哪个部门" not in f.keywords
    assert "挥发性有机物综合整治" in f.keywords


# time expressions leave no fragments in the content terms ("污水处理率到2025年" -> not "率到")
TIME_EXPR_CASES = [
    ("污水处理率到2025年 达到", "污水处理率   达到"),
    ("2022年底前 完成", "  完成"),
    ("十四五期间 能耗", "  能耗"),
    ("2014-2015年 节约电量", "  节约电量"),
]


@pytest.mark.parametrize("text, expected", TIME_EXPR_CASES)
def test_time_expressions_are_stripped(text: str, expected: str) -> None:
    from search.ranking import RE_TIME_EXPR

    assert RE_TIME_EXPR.sub(" ", text).split() == expected.split()


PARAPHRASE_WORDING_CASES = [
    ("全国到2025年单位GDP能耗比2020年下降多少？", "单位国内生产总值能源消耗"),  # national wording
    ("北海市万元GDP能耗到2025年比2020年降低多少？", "万元地区生产总值能耗"),
    ("浙江数据中心PUE要求是多少？", "电能利用效率"),
    # fourth corpus audit: spoken words for recycling -> the plans' 再生资源
    ("上海市废旧物资回收由谁负责？", "再生资源"),
    ("龙岩市废品回收体系建设谁牵头？", "再生资源回收"),
]


# spoken framing ("在…这块 / 方面") and "由谁来抓 / 谁来管" leave only the subject as the core
SPOKEN_CORE_CASES = [
    ("上海市在废旧物资回收这块由谁来抓？", "lead_agency", "废旧物资回收"),
    ("贵州在工业节水方面由谁来管？", "lead_agency", "工业节水"),
    ("太原市挥发性有机物综合整治谁来负责？", "lead_agency", "挥发性有机物综合整治"),
    ("太原市挥发性有机物综合整治由谁牵头？", "lead_agency", "挥发性有机物综合整治"),
    ("其他地方在园区循环化改造方面有哪些做法？", "similar_measures", "其他地方 园区循环化改造 做法"),
]


@pytest.mark.parametrize("question, intent, core", SPOKEN_CORE_CASES)
def test_spoken_framing_core(parser: QuestionParser, question: str, intent: str, core: str) -> None:
    f = parser.parse(question)
    assert f.intent == intent
    assert f.core == core


# what a question sets apart before asking about the rest ("除X以外的其他…", "…，X以外的其它…") is no content term of it: the
# clause about X is the one not asked (pdf2 265 南京's two deadlines, frozen16 qf16-4-14 / frozen39 qf39-3-20 phrasings);
# a place set apart before a comma ("除了邯郸，…") is a similar-measures framing, left to its own rules
SET_APART_CASES = [
    ("南京市科技局通知里，除竞争择优类以外的其他类别项目申报受理截止时间是哪天？", "竞争择优类", "其他类别项目申报受理截止时间"),
    ("南京市科技局通知里，竞争择优类以外的其它类别项目申报截止到哪天？", "竞争择优类", "其它类别项目申报截止"),
    ("除了节能改造之外的其他项目补贴标准是多少？", "节能改造", "其他项目补贴标准"),
]


@pytest.mark.parametrize("question, set_apart, kept", SET_APART_CASES)
def test_what_a_question_sets_apart_is_no_content_term(
    parser: QuestionParser, question: str, set_apart: str, kept: str
) -> None:
    f = parser.parse(question)
    assert set_apart not in f.core and set_apart not in f.keywords
    assert kept in f.core.replace(" ", "")


@pytest.mark.parametrize("question, wording", PARAPHRASE_WORDING_CASES)
def test_paraphrase_wordings(parser: QuestionParser, question: str, wording: str) -> None:
    assert wording in parser.parse(question).keywords


def test_data_files_load() -> None:
    rules = load_intent_rules()
    assert rules and all(r.intent for r in rules)
    assert dict(load_synonyms())["VOCs"] == ("挥发性有机物",)
    assert normalise("２０２５年—") == "2025年-"


def test_bad_intent_line_names_file_and_line(tmp_path) -> None:
    bad = tmp_path / "intents.tsv"
    bad.write_text("# comment\nlead_agency\t0\t牵头\nnot_an_intent\t0\tx\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=re.escape(f"invalid intent rule in {bad} at line 3")):
        load_intent_rules(bad)


# regional departments in spoken / older forms (agency_forms.tsv); the replaced form must still name
# an agency of the question's region (太原 has 机关事务局, 晋城 机关事务服务中心)
REGIONAL_AGENCY_FORM_CASES = [
    ("太原市生态局牵头哪些工程？", "太原市生态环境局"),
    ("太原环保局负责哪些工作", "太原市生态环境局"),
    ("晋城市机关事务局牵头哪些工作？", "晋城市机关事务服务中心"),
    ("晋城机关事务中心牵头哪些工作？", "晋城市机关事务服务中心"),
    ("晋城市环保局牵头哪些工作？", "晋城市生态环境局"),
]


@pytest.mark.parametrize("question, agency", REGIONAL_AGENCY_FORM_CASES)
def test_regional_agency_forms(parser: QuestionParser, question: str, agency: str) -> None:
    f = parser.parse(question)
    assert (f.intent, f.agency) == ("agency_duties", agency)


def test_regional_forms_never_cross_regions(parser: QuestionParser) -> None:
    # 辽宁 has no 生态环境局 in the fixture: 生态局 must not resolve to 太原's or 晋城's
    assert parser.parse("辽宁省生态局牵头哪些工作？").agency is None


# new phrasings: co-agency questions, bare indicator questions ("PUE要求？", "改造规模？")
NEW_INTENT_CASES = [
    # a place asked for as the one responsible (a table's 责任城市 column answers it); other places doing the same are
    # still similar measures
    ("北凌新闸断面由哪个城市负责？", "lead_agency"),
    # a level of government asked for (frozen11 qf11-3-07)
    ("内蒙古“十四五”土壤地下水和农村牧区规划里，农村牧区黑臭水体排查和整治结果向社会公开，这事由哪一级政府负责？", "lead_agency"),
    # a count in copies, kinds, a score asked with 几 (pdf2 279 无锡, 265 南京)
    ("无锡这次省碳达峰碳中和科技创新专项资金项目申报，纸质项目申报材料要交一式几份？", "target_value"),
    ("2022年度省碳达峰碳中和科技创新专项资金项目按几类项目组织？", "target_value"),
    ("江苏海洋规划里大洋港桥断面的责任城市是哪个？", "lead_agency"),
    ("入海河流国考断面的达标责任落在哪个城市？", "lead_agency"),
    ("还有哪些城市出台了类似的海洋生态环境保护规划？", "similar_measures"),
    # a place that carries out or hosts a measure is not asked as the one responsible
    ("江苏哪个城市承担了海洋生态保护修复试点？", "search"),
    # an agency named as the (first) responsible unit of several items asks for its duties
    ("太原市生态环境局作为第一责任单位的有哪几项？", "agency_duties"),
    ("晋城市发展改革委是牵头单位的有哪些？", "agency_duties"),
    # "…是哪几项任务的牵头单位" (frozen14 北海 财政局, written like the 太原 and 晋城 agencies)
    ("太原市生态环境局在实施方案里是哪几项任务的牵头单位？", "agency_duties"),
    ("晋城市发展改革委是哪些工作的责任单位？", "agency_duties"),
    ("太原VOCs整治的配合单位有哪些？", "responsible_agencies"),
    ("晋城市公共机构节能由谁牵头，哪些部门配合？", "responsible_agencies"),
    ("太原VOCs整治谁配合？", "responsible_agencies"),
    ("晋城VOCs治理的协同部门是哪些？", "responsible_agencies"),
    ("晋城市的PUE要求？", "target_value"),
    ("晋城市煤电机组节能改造规模？", "target_value"),
    ("太原农膜回收率？", "target_value"),
    ("晋城非化石能源比重目标", "target_value"),
    ("晋城能耗强度要降多少", "target_value"),
    ("太原市哪个部门负责挥发性有机物治理？", "lead_agency"),
    # a quantity asked about, an agency named in passing (湖北 核查机构管理办法, 广东 配额方案 in pdf2)
    ("湖北碳排放核查机构名称等信息变更后多少天内要向主管部门报告？", "target_value"),
    ("广东纳入碳排放管理的控排企业一共多少家？", "target_value"),
    # 多大 asks a size (frozen12 / frozen14 石化化工 questions: "多大规模及以下的炼油装置要推动淘汰退出")
    ("晋城市多大规模及以下的燃煤锅炉要淘汰？", "target_value"),
    # …but not who acts on it, nor how large an effect is (review of round 15)
    ("太原市多大规模的燃煤锅炉由什么部门负责淘汰？", "lead_agency"),
    ("太原市挥发性有机物综合整治的影响有多大？", "search"),
    # "各地" as the subject of a figure the places are to set asks the figure, not other places' measures (frozen17 529
    # 发改产业〔2021〕1609号; frozen7 asked the same "…各地定的改造升级和淘汰期限一般最长多久")
    ("太原市对需要开展技术改造的项目，各地明确的改造升级和淘汰时限一般不超过几年？", "target_value"),
    ("晋城市要求需要技改的项目，各地定的改造升级和淘汰期限一般最长多久？", "target_value"),
    ("各地在挥发性有机物治理方面有哪些做法？", "similar_measures"),
    ("不同城市对充电桩补贴多少？", "similar_measures"),
    # the responsible units asked with 都, whatever figure word the measure holds (frozen71 qf71-4-02 phrasing of corpus 57
    # 成渝 二（三）9 "提高公共交通出行比例")
    ("开通川渝毗邻地区跨省城际公交、提高公共交通出行比例这一条，责任单位都有哪些？", "responsible_agencies"),
    ("太原市挥发性有机物综合整治的配合部门都有谁？", "responsible_agencies"),
    # the places a measure steers or backs are its object, not other places asked about (frozen69 qf69-5-14 phrasing of
    # pdf2 382 山东 三7 "引导各市…"; pdf2 227 黑龙江 "鼓励各地采取补贴…"; pdf2 541 山西 "支持各市打破行政区划限制…")
    ("山东“两高”项目通知里，“十四五”能耗增量中拿出多少引导各市加快动能转换？", "target_value"),
    ("黑龙江绿色低碳循环发展实施方案鼓励各地采取补贴的绿色消费品有多少类？", "target_value"),
    ("山西“两山七河一流域”规划支持各市打破行政区划限制建设多少个园区？", "target_value"),
    # …but "who" with a figure stays a who-question
    ("湖北碳排放核查机构信息变更后由哪个主管部门受理？", "lead_agency"),
    # any other "who" asks for an agency (frozen6 辽宁 231, 深圳 309 phrasings)
    ("查处无证勘查、越界采矿这类违法行为，辽宁省自然资源厅2021年的生态环保工作清单交给谁办？", "lead_agency"),
    ("太原市公共机构能效提升是谁在做？", "lead_agency"),
    ("深圳市工信局2023年绿色低碳产业扶持计划的申请，是哪个机关受理的？", "lead_agency"),
    # "有没有省份也…": other places doing the same (dev6 科技支撑 question, frozen5 节能宣传周 question)
    ("科技部等九部门出了科技支撑碳达峰碳中和实施方案，有没有省份也出台了碳达峰碳中和科技创新方面的方案？", "similar_measures"),
    ("国家发改委等部门发了2022年节能宣传周和低碳日的通知，有没有省里也专门发文部署节能宣传周和低碳日活动的？", "similar_measures"),
    # "有没有地方出台…" without 也 (frozen12 碳排放权交易管理办法, 169 严格能效约束 questions)
    ("除了国家层面的《碳排放权交易管理办法（试行）》，有没有地方出台的碳排放权交易管理办法？", "similar_measures"),
    ("国家出了严格能效约束的若干意见，有没有其他省份出台了配套实施方案？", "similar_measures"),
    # …but a place that must issue something is no similar-measures question
    ("太原市有没有地方政府出台的补贴标准？", "search"),
    # the time a goal is to be reached asks a date the document states (frozen22 qf22-1-21, pdf2 43 一 "在2030年前实现碳达峰")
    ("科财函〔2021〕159号要求国家生态工业示范园区最晚在什么时候实现碳达峰？", "target_value"),
    ("晋城市何时基本建成绿色低碳循环发展经济体系？", "target_value"),
    ("太原市哪一年实现碳达峰？", "target_value"),
    # a time limit asked with 多长 after its name (pdf2 309 深圳 十 办理时限), with no who
    ("深圳2023年绿色低碳产业扶持计划申报指南中，项目的办理时限是多长？", "target_value"),
    ("排污许可证有效期多长？", "target_value"),
    ("办理时限多长由哪个部门规定？", "lead_agency"),
    # …but who reaches it, or when a measure starts, is no goal asked
    ("太原市由哪个部门负责什么时候实现碳达峰？", "lead_agency"),
    # besides the place or plan named, others that issued a document of the kind (frozen22 qf22-3-23 台州 305, qf22-3-32
    # 江苏 537), with or without a place word after the which-word
    ("除了台州，还有哪些出台了财政（财税）支持做好碳达峰碳中和工作的专门意见？", "similar_measures"),
    ("除江苏外，还有哪些省级地区（含直辖市）制定了绿色建筑方面的“十四五”专项规划？", "similar_measures"),
    ("除了太原以外，还有哪几个城市印发了节能减排实施方案？", "similar_measures"),
    # …but bodies taking part in making it are asked as responsible
    ("除了市发展改革委，还有哪些部门参与制定太原市节能减排实施方案？", "responsible_agencies"),
    # the day a document takes effect, the latest day for a step and the year a system is to be in place are dates the
    # documents state (frozen27 qf27-5-24, frozen28 qf28-1-16, frozen29 qf29-4-19, qf29-2-07) — the places' reports
    # asked a deadline of are no other places' plans
    ("渝环〔2021〕111号印发的碳惠通管理办法是从什么时候开始施行的？", "target_value"),
    ("四川省经信厅组织的2022年节能降碳示范项目征集，各市州推荐文件和汇总表最晚什么时候要报上去？", "target_value"),
    ("生态环境部在产业园区规划环评中开展碳排放评价试点，要求整体在什么时间前完成？", "target_value"),
    ("中办国办《关于建立健全生态产品价值实现机制的意见》提出，完善的生态产品价值实现机制要在哪一年全面建立？", "target_value"),
    ("最晚什么时候由哪个部门报送？", "lead_agency"),
    # the body asked for after its kind word (pdf2 120 北京经开区: "…项目的主责部门是哪个", frozen15 qf15-3-08 phrasing)
    ("北京经开区绿色发展资金里，绿色建筑类项目的主责部门是哪个？", "lead_agency"),
    ("碳惠通平台的受理单位是哪一个？", "lead_agency"),
    # the role words of annotation labels (pdf2 465 南平 推进单位, 451 德州 牵头单位 / 责任单位; frozen38 qf38-2-26 phrasing)
    ("南平武夷山森林和生物多样性保护工程的推进单位是哪个？", "lead_agency"),
    ("德州地下水污染风险管控的落实单位是哪一个？", "lead_agency"),
    ("2022年节能宣传周活动的承办单位是哪家？", "lead_agency"),
    # … but a unit asked for by what it is, not by its role, is no agency (a pilot, a grantee)
    ("成都首批近零碳排放区试点单位是哪一个？", "search"),
    # who leads the gathering of the places' experience (pdf2 227 黑龙江 八（二十六）, 219 天津 加强统筹协调), however the
    # question asks who: the places are its object, not places asked about
    ("黑龙江建立健全绿色低碳循环发展经济体系这项工作，统筹协调、梳理总结各地经验做法，谁牵头？", "lead_agency"),
    ("天津绿色低碳循环发展方案里，及时总结推广各区好经验，牵头单位是哪个？", "lead_agency"),
    ("各地在生活垃圾分类方面提出了哪些要求？", "similar_measures"),
    # an agency's work asked in spoken words (as asked of pdf2 116 合肥's 发改委 and 2's 国资委): duties, when an agency
    # is named
    ("太原市发展改革委在节能减排实施方案里都管哪些事？", "agency_duties"),
    ("生态环境部在减污降碳协同增效实施方案里管什么？", "agency_duties"),
    ("太原市挥发性有机物综合整治归哪个部门管？", "lead_agency"),
    # a day asked of what the places send is a figure, not other places' measures (pdf2 551 绿色制造名单推荐, pdf2 290
    # 河北 调研通知)
    ("工信部办公厅开展2021年度绿色制造名单推荐，各地纸质申报材料要在哪天之前寄到部里？", "target_value"),
    ("河北省科学技术厅组织创新需求调研，各地调研表要在哪天前报送？", "target_value"),
    # bodies asked for by any which-word are no other places' measures, though the places are named (pdf2 335 全国节能宣传周,
    # 366 广东; frozen37 qf37-3-15 phrasing)
    ("发改环资〔2022〕758号里，负责把各地各部门的节能宣传周和低碳日活动纳入全国整体宣传范畴的是哪几个部门？", "responsible_agencies"),
    ("广东各地市节能宣传周活动的总结材料报送哪一个单位？", "lead_agency"),
    # … with the level of the bodies between the which-word and 部门 (pdf2 366 广东, 335 全国; frozen20 qf20-4-08 phrasing)
    ("2022年广东节能宣传周和低碳日，各地活动进展和总结材料由哪些省级部门负责汇总、纳入全省整体宣传？", "responsible_agencies"),
    ("全国节能宣传周期间各地报送的宣传材料，由哪个国家部门纳入全国整体宣传范畴？", "lead_agency"),
    ("各地报送材料由哪一级部门负责汇总？", "lead_agency"),
    # … but a grade asked by 哪一级 is no body (review of round 41)
    ("不同城市新建建筑要执行哪一级节能标准？", "similar_measures"),
    # a place asked by 哪里 / 哪儿 that did the same (pdf2 392 绵阳 and 363 四川's 党委决定; frozen38 qf38-2-01 phrasing)
    ("除了绵阳，还有哪里也以党委决定的形式提出以碳达峰碳中和为引领发展绿色低碳产业？", "similar_measures"),
    ("还有哪儿也出台了近零碳排放区试点建设方案？", "similar_measures"),
    # the places asked first, then whether they did the same (pdf2 249 公共机构 with 202 上海 and 195 山东; frozen38
    # qf38-5-09 phrasing)
    ("国家层面出台了深入开展公共机构绿色低碳引领行动促进碳达峰的方案，地方上有没有也针对公共机构出台绿色低碳行动方案或工作要点的？",
     "similar_measures"),
    ("太原出了节能减排实施方案，其他城市有没有也出台类似方案？", "similar_measures"),
    # the store named before which-documents (pdf2 510 格式准则 and 393 管理办法; frozen37 qf37-1-10 phrasing)
    ("除了企业环境信息依法披露格式准则，库里还有哪些文件对企业环境信息依法披露作了规定？", "similar_measures"),
]


@pytest.mark.parametrize("question, intent", NEW_INTENT_CASES)
def test_new_intent_phrasings(parser: QuestionParser, question: str, intent: str) -> None:
    assert parser.parse(question).intent == intent


@pytest.mark.parametrize(
    "question, absent",
    [
        ("太原VOCs整治的配合单位有哪些？", "配合单位"),
        ("晋城VOCs治理的协同部门是哪些？", "协同部门"),
        ("太原公共机构节能的参与单位有哪些", "参与单位"),
        ("清洁柴油车（机）行动由哪个部委牵头？", "部委"),  # a national question asks for a ministry
    ],
)
def test_co_agency_words_are_not_content(parser: QuestionParser, question: str, absent: str) -> None:
    frame = parser.parse(question)
    assert absent not in frame.core and absent not in frame.keywords


# filler words of a question ("要达到", "计划到2025年") never cut a word of the subject apart: 要点 / 要素 and
# 行动计划 / 工作计划 stay whole (a similar-plans question about "年度工作要点" matched titles by "工作 点")
@pytest.mark.parametrize(
    "question, kept",
    [
        ("有哪些省份出了类似的年度工作要点？", "年度工作要点"),
        ("江苏省2022年推动碳达峰碳中和工作计划里由谁牵头开展碳核查？", "工作计划"),
        ("山东省绿色低碳转型2022年行动计划对新能源装机有什么要求？", "行动计划"),
        ("数据要素市场建设由哪个部门负责？", "数据要素"),
    ],
)
def test_filler_words_leave_words_whole(parser: QuestionParser, question: str, kept: str) -> None:
    assert kept in parser.parse(question).core.replace(" ", "")


@pytest.mark.parametrize(
    "question, absent",
    [
        ("到2025年单位GDP能耗要下降多少？", "要"),
        ("太原市计划到2025年淘汰多少台燃煤锅炉？", "计划"),
        ("海西州到2025年生活污水进行处理的村要占多大比例？", "多大"),
        # a spoken opening is no search text either (it moved the dense score of the clause asked for below the line)
        ("想问下辽宁省自然资源厅2021年地质灾害防治工作是哪个处牵头？", "想问"),
        ("我想了解一下天津可再生能源规划里光伏装机要达到多少？", "了解"),
        ("想问一下重庆碳惠通的交易场所由谁提供？", "问"),
    ],
)
def test_filler_words_still_go(parser: QuestionParser, question: str, absent: str) -> None:
    assert absent not in parser.parse(question).core


# "多少家低碳…" / "几个…": the counting word goes with the question word, so jieba never cuts a
# false word ("家低") out of the subject (questions phrased as in the pdf2 question sets)
@pytest.mark.parametrize(
    "question, kept, absent",
    [
        ("科技支撑方案要遴选支持多少家低碳科技创新企业？", "低碳科技创新企业", "家低"),
        ("广东纳入碳排放管理的控排企业一共多少家？", "控排企业", "家"),
        ("核查机构信息变更后多少天内要报告？", "核查机构", "天内"),
        ("太原要建设几个近零碳排放示范区？", "近零碳排放示范区", "个近"),
    ],
)
def test_count_words_leave_the_subject_whole(parser: QuestionParser, question: str, kept: str, absent: str) -> None:
    keywords = parser.parse(question).keywords
    assert kept in keywords
    assert absent not in keywords.replace(kept, " ")


@pytest.mark.parametrize(
    "question, wording",
    [
        ("山西单位GDP能耗每年下降多少？", "逐年"),
        ("晋城能耗强度要降多少", "单位地区生产总值能源消耗"),
    ],
)
def test_new_paraphrase_wordings(parser: QuestionParser, question: str, wording: str) -> None:
    assert wording in parser.parse(question).expansions


# A department's division named alone, and the lower levels' bodies (各区…局), resolve to the stored body of the
# question's region, whatever character precedes them (pdf2 73 黑龙江 责任处室 plan, 244 江苏, 341 天津 notice).
DIVISION_AGENCIES = [
    *(qualify_agency(n, "黑龙江省") for n in ("省生态环境厅环评处", "省生态环境厅综合处", "省生态环境厅")),
    *(qualify_agency(n, "江苏省") for n in ("省生态环境厅气候处",)),
    *(qualify_agency(n, "天津市") for n in ("市生态环境局", "各区生态环境局")),
    # two departments of one region with a division of one name: a bare 综合处 names neither
    *(qualify_agency(n, "河北省") for n in ("省发展改革委综合处", "省生态环境厅综合处")),
]


@pytest.mark.parametrize(
    "question, agency, intent",
    [
        ("黑龙江省生态环境厅2021-2023年滚动实施方案里，环评处牵头哪些工作？", "黑龙江省生态环境厅环评处", "agency_duties"),
        ("在黑龙江碳达峰碳中和滚动实施方案中，综合处都牵头负责哪些任务？", "黑龙江省生态环境厅综合处", "agency_duties"),
        ("江苏2021年碳达峰碳中和工作计划里气候处负责哪些工作？", "江苏省生态环境厅气候处", "agency_duties"),
        ("天津2022年全国碳市场重点工作通知里，各区生态环境局牵头负责哪些工作？", "天津市各区生态环境局", "agency_duties"),
        ("天津市生态环境局牵头哪些工作？", "天津市生态环境局", "agency_duties"),
        ("河北省的方案里综合处牵头哪些工作？", None, "agency_duties"),
        ("辽宁省的方案里环评处牵头哪些工作？", None, "agency_duties"),
    ],
)
def test_divisions_and_lower_levels_bodies(question: str, agency: str | None, intent: str) -> None:
    p = QuestionParser(get_gazetteer(), {"黑龙江省", "江苏省", "天津市", "河北省", "辽宁省"}, agencies=DIVISION_AGENCIES)
    frame = p.parse(question)
    assert (frame.agency, frame.intent) == (agency, intent)


# a spoken opening goes; the same characters inside a word stay (思想问题, 理想)
@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("加强思想问题研究的工作由哪个部门牵头？", "思想问题"),
        ("想问下加强思想问题研究由谁负责？", "思想问题"),
    ],
)
def test_spoken_openings_leave_words_whole(parser: QuestionParser, question: str, kept: str) -> None:
    assert kept in parser.parse(question).core.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "year", "named"),
    [
        # a five-year plan's period frames its figures as its last year's (pdf2 509 “十四五”生态环境监测规划 四（一）:
        # "在全国地级及以上城市设置1734个国家城市空气质量监测站点", asked "十四五期间…设置多少个")
        ("在全国地级及以上城市设置1734个国家城市空气质量监测站点“十四五”生态环境监测规划", 2025, True),
        ("到2025年，非化石能源消费比重达到20%左右", 2025, True),
        ("“十四五”生态环境监测规划", 2030, False),
        ("“十三五”时期单位GDP能耗下降13.2%", 2020, True),
        ("非化石能源消费比重达到20%左右", 2025, False),
    ],
)
def test_names_year(text: str, year: int, named: bool) -> None:
    assert names_year(text, year) is named


@pytest.mark.parametrize(
    "phrase, national",
    [
        ("交通运输部2021年度节能低碳技术推广目录", True),
        ("国家发改委等部门关于严格能效约束推动重点领域节能降碳的若干意见", True),
        ("工信部“十四五”工业绿色发展规划", True),
        ("财政部关于财政支持做好碳达峰碳中和工作的意见", True),  # a ministry without an alias group
        ("中西部地区承接产业转移的指导意见", False),  # a region's part, no ministry
        ("全国统一电力市场体系建设方案", False),  # a scope, not an issuer
        # every level's 发改委, and a place's plan, name no national issuer
        ("发改委关于加快建立健全绿色低碳循环发展经济体系的实施方案", False),
        ("宜昌市“十四五”生态环境保护规划", False),
        ("沈阳市碳排放配额分配方案", False),
    ],
)
def test_a_title_phrase_opening_with_a_national_issuer(phrase: str, national: bool) -> None:
    assert opens_with_national_issuer(phrase) is national


# a question asking which body is in charge, and the clauses saying so (pdf2 175 重庆 碳惠通 第三条, 120 北京经开区 三（三）2)
@pytest.mark.parametrize(
    ("text", "asks", "states"),
    [
        ("重庆“碳惠通”生态产品价值实现平台的主管部门是哪个？", True, False),
        ("京技管〔2021〕115号文件中，绿色工地类项目的奖励申报由哪个部门主责？", True, False),
        ("市生态环境局是“碳惠通”平台的主管部门，依据本办法负责“碳惠通”平台建设工作的组织实施。", False, True),
        ("绿色工地类项目主责部门为经开区开发建设局。", False, True),
        # a body acting as one, or a level's bodies serving (review of round 19)
        ("作为行业主管部门，市住建局要加强监管。", False, False),
        ("各级主管部门为企业提供服务。", False, False),
        ("中国境内注册的企业可依据本办法向市生态环境局申请“碳惠通”项目。", False, False),
        ("太原市挥发性有机物综合整治由哪个部门牵头？", False, False),
    ],
)
def test_questions_and_clauses_about_the_body_in_charge(text: str, asks: bool, states: bool) -> None:
    from search.answer_text import IN_CHARGE_ASKED_RE, IN_CHARGE_STATED_RE

    assert bool(IN_CHARGE_ASKED_RE.search(text)) is asks
    assert bool(IN_CHARGE_STATED_RE.search(text)) is states


@pytest.mark.parametrize(
    "question, region, known",
    [
        # a place no document covers written with a district inside it right after it (frozen26 qf26-3-05: pdf2 117
        # 繁昌区节能降碳若干支持措施, stored under 繁昌区): the district is asked about, not "no documents of 芜湖市"
        ("芜湖繁昌区的节能降碳支持措施中，补助最高不超过多少钱？", "繁昌区", True),
        ("芜湖市繁昌区节能降碳支持措施里补助多少？", "繁昌区", True),
        ("芜湖市的繁昌区节能降碳支持措施里补助多少？", "繁昌区", True),
        # the outer place alone, or the two apart, keep the first
        ("芜湖市节能降碳补助多少？", "芜湖市", False),
        # a covered outer place stays the question's scope (its answerers narrow to the inner place themselves)
        ("山西省的大同市挥发性有机物由谁牵头？", "山西省", True),
    ],
)
def test_a_place_written_inside_an_uncovered_one_is_asked(question: str, region: str, known: bool) -> None:
    p = QuestionParser(get_gazetteer(), [*KNOWN, "繁昌区"], agencies=AGENCIES)
    f = p.parse(question)
    assert (f.region, f.region_known) == (region, known)


@pytest.mark.parametrize(
    "text, removed",
    [
        ("国新办2020年发布的《新时代的中国能源发展》白皮书", "国新办2020年发布的"),
        ("省委办公室印发的方案", "省委办公室印发的方案"),
        ("国管局、发改委印发的规划", "国管局、发改委印发的规划"),
        # a verb's 办 is no office: only the issuing verb goes
        ("每年举办发布会", "发布"),
        ("由市政府督办、下发的通知", "下发的通知"),
    ],
)
def test_issuing_words_around_a_reference(text: str, removed: str) -> None:
    from search.answer_text import ISSUING_WORDS_RE

    assert ISSUING_WORDS_RE.search(text).group(0) == removed
