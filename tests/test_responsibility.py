"""Responsibility extraction: annotation forms, carry-over, prose, and seed gold per clause."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.agencies import qualify_agencies
from ingest.records import Clause, Document
from ingest.responsibility import (
    _field_department_written,
    extract_responsibilities,
    find_prose_responsibilities,
    parse_annotation,
)

DATA = Path(__file__).resolve().parents[1] / "data"

# (annotation inner text as written in the genre, expected (name, role) entries, carry-over names)
ANNOTATION_CASES = [
    # 太原 三（九）
    (
        "市生态环境局、市工信局、市交通局等按职责分工负责",
        [("市生态环境局", "lead"), ("市工信局", "co"), ("市交通局", "co")],
        [],
    ),
    # 太原 三（一）: implementing bodies inside the annotation
    (
        "市生态环境局、市发展改革委、市工信局、市市场监管局、市能源局等按职责分工负责，各县(市、区)政府、开发区管委会配合落实",
        [
            ("市生态环境局", "lead"), ("市发展改革委", "co"), ("市工信局", "co"), ("市市场监管局", "co"),
            ("市能源局", "co"), ("各县（市、区）政府", "implementing"), ("开发区管委会", "implementing"),
        ],
        [],
    ),
    # 太原 三（一）carry-over note (its own 〔〕 group)
    ("以下均需县(市、区)政府、开发区管委会配合落实，名单不再一一列出", [], ["县（市、区）政府", "开发区管委会"]),
    # 晋城 三（一）: page break inside the annotation, then a carry-over note
    (
        "市能源局、市发展改革委、市生态环境局、市工信局、市市场监管局等按职\n\n责分工负责，各县（市、区）政府负责落实。以下均需县（市、区）政府落实，不再列出",
        [
            ("市能源局", "lead"), ("市发展改革委", "co"), ("市生态环境局", "co"), ("市工信局", "co"),
            ("市市场监管局", "co"), ("各县（市、区）政府", "implementing"),
        ],
        ["县（市、区）政府"],
    ),
    # 贵州 384 三（一）1: the bodies of every item written before the note, after the list's full stop
    (
        "责任单位：省发展改革委、省工业和信息化厅、省生态环境厅、省能源局、省市场监管局。各市〔州〕人民政府，以下各条均涉及",
        [
            ("省发展改革委", "lead"), ("省工业和信息化厅", "co"), ("省生态环境厅", "co"), ("省能源局", "co"),
            ("省市场监管局", "co"), ("各市（州）人民政府", "implementing"),
        ],
        ["各市（州）人民政府"],
    ),
    # 晋城 三（九）
    ("市生态环境局负责", [("市生态环境局", "lead")], []),
    # 减污降碳协同增效实施方案（二十九）
    ("生态环境部牵头负责", [("生态环境部", "lead")], []),
    ("市发展改革委牵头，市工信局、市生态环境局等按职责分工负责",
     [("市发展改革委", "lead"), ("市工信局", "co"), ("市生态环境局", "co")], []),
    ("省能源局牵头，省发展改革委配合", [("省能源局", "lead"), ("省发展改革委", "co")], []),
    # 山东省绿色低碳转型2022年行动计划
    (
        "牵头单位：省发展改革委、省生态环境厅，配合单位：省工业和信息化厅、省市场监管局",
        [("省发展改革委", "lead"), ("省生态环境厅", "lead"), ("省工业和信息化厅", "co"), ("省市场监管局", "co")],
        [],
    ),
    ("牵头单位：省发展改革委；责任单位：省工业和信息化厅", [("省发展改革委", "lead"), ("省工业和信息化厅", "co")], []),
    # 海南: a time-limit note after the list
    ("责任单位：省发展改革委、省工业和信息化厅；完成时限：持续推进",
     [("省发展改革委", "lead"), ("省工业和信息化厅", "co")], []),
    # 武汉: the carry-over note nested in 〈〉
    (
        "责任单位：市发改委、市经信局、市生态环境局，各区人民政府〈含开发区、风景区管委会，以下工作任务均需各区人民政府落实，不再列出〉",
        [("市发改委", "lead"), ("市经信局", "co"), ("市生态环境局", "co"), ("各区人民政府", "implementing")],
        ["各区人民政府"],
    ),
    # 成都: "逗号前为牵头单位"
    (
        "责任单位：市经信局、市生态环境局、市市场监管局，各区（市）县政府（管委会）；逗号前为牵头单位，下同",
        [("市经信局", "lead"), ("市生态环境局", "lead"), ("市市场监管局", "lead"),
         ("各区（市）县政府（管委会）", "implementing")],
        [],
    ),
    # 成渝: "两省市列首位的为牵头单位"
    (
        "责任单位：重庆市能源局、市经济信息委；四川省能源局、经济和信息化厅；两省市列首位的为牵头单位，下同",
        [("重庆市能源局", "lead"), ("市经济信息委", "co"), ("四川省能源局", "lead"), ("经济和信息化厅", "co")],
        [],
    ),
    # … and a group of enterprises only after the two places' groups takes part with them (57 二（三）9, "下同" written before)
    (
        "责任单位：重庆市交通局、市发展改革委、市公安局；四川省交通运输厅、省发展改革委、公安厅；中国铁路成都局集团公司；"
        "两省市列首位的为牵头单位",
        [("重庆市交通局", "lead"), ("市发展改革委", "co"), ("市公安局", "co"), ("四川省交通运输厅", "lead"),
         ("省发展改革委", "co"), ("公安厅", "co"), ("中国铁路成都局集团公司", "co")],
        [],
    ),
    # 贵州: "以下各条均涉及" carries the implementing governments of this annotation
    (
        "责任单位:省发展改革委、省工业和信息化厅、省生态环境厅。各市〔州〕人民政府,以下各条均涉及",
        [("省发展改革委", "lead"), ("省工业和信息化厅", "co"), ("省生态环境厅", "co"),
         ("各市（州）人民政府", "implementing")],
        ["各市（州）人民政府"],
    ),
    # 浙江: a bare list of qualified bodies
    ("省发展改革委、省经信厅、省能源局", [("省发展改革委", "lead"), ("省经信厅", "co"), ("省能源局", "co")], []),
    # --- corpus audit (tests/fixtures/corpus) ---
    # 重庆 100 二（一）: 职能 instead of 职责, a trailing "下同"
    ("市发展改革委、市经济信息委、市能源局按职能分工负责，下同",
     [("市发展改革委", "lead"), ("市经济信息委", "co"), ("市能源局", "co")], []),
    # 合肥 116 二（一）: 各县（市）区 and 开发区 implement
    ("责任单位：市发改委、市经信局、各县（市）区、开发区",
     [("市发改委", "lead"), ("市经信局", "co"), ("各县（市）区", "implementing"), ("开发区", "implementing")], []),
    # 北海 358 二（一）/ 梧州 234: comma-separated groups sharing one final verb
    (
        "市发展改革委、工业和信息化局、生态环境局、市场监管局，各县区人民政府、涠洲岛旅游区管委会按职责分工负责",
        [("市发展改革委", "lead"), ("工业和信息化局", "co"), ("生态环境局", "co"), ("市场监管局", "co"),
         ("各县区人民政府", "implementing"), ("涠洲岛旅游区管委会", "implementing")],
        [],
    ),
    ("市发展改革委、工业和信息化局、生态环境局、市场监管局，各有关园区管委会按职责分工负责",
     [("市发展改革委", "lead"), ("工业和信息化局", "co"), ("生态环境局", "co"), ("市场监管局", "co"),
      ("各有关园区管委会", "implementing")], []),
    ("市金融办，梧州银保监分局，人民银行梧州市中心支行按职责分工负责",
     [("市金融办", "lead"), ("梧州银保监分局", "co"), ("人民银行梧州市中心支行", "co")], []),
    # 北海 358 三（一）: a second name in brackets, 火车站 / 机场
    (
        "市交通运输局〔市铁路办〕、市发展改革委、市商务局，北部湾港口管理局北海分局、北海火车站、广西机场管理集团公司北海机场按职责分工负责",
        [("市交通运输局（市铁路办）", "lead"), ("市发展改革委", "co"), ("市商务局", "co"),
         ("北部湾港口管理局北海分局", "co"), ("北海火车站", "co"), ("广西机场管理集团公司北海机场", "co")],
        [],
    ),
    # 减污降碳 247 七（二十四）: 银保监会 / 证监会
    ("财政部、国家发展改革委、人民银行、银保监会、证监会按职责分工负责",
     [("财政部", "lead"), ("国家发展改革委", "co"), ("人民银行", "co"), ("银保监会", "co"), ("证监会", "co")], []),
    # 天津 219 三（十）: 供销合作社; 八（二十六）: "市级有关部门" is generic
    ("市生态环境局、市商务局、市供销合作社、各区人民政府按职责分工负责",
     [("市生态环境局", "lead"), ("市商务局", "co"), ("市供销合作社", "co"), ("各区人民政府", "implementing")], []),
    ("市级有关部门、各区人民政府按职责分工负责", [("各区人民政府", "implementing")], []),
    ("市发展改革委等市级有关部门按职责分工负责", [("市发展改革委", "lead")], []),
    # 上饶 355 三（八）: 车务段, 机场分公司
    ("市交通运输局、市公路事业发展中心、上饶车务段、省民航机场集团上饶机场分公司等按职责分工负责",
     [("市交通运输局", "lead"), ("市公路事业发展中心", "co"), ("上饶车务段", "co"),
      ("省民航机场集团上饶机场分公司", "co")], []),
    # 山东 347 二（四）14: "等省有关部门、单位"
    ("牵头单位：省发展改革委，配合单位：省科技厅、省工业和信息化厅等省有关部门、单位",
     [("省发展改革委", "lead"), ("省科技厅", "co"), ("省工业和信息化厅", "co")], []),
    # 武汉 356 二（四）: named districts share "人民政府"
    ("责任单位：市经信局、市发改委，武昌区、青山区人民政府，武汉经开区管委会",
     [("市经信局", "lead"), ("市发改委", "co"), ("武昌区人民政府", "implementing"),
      ("青山区人民政府", "implementing"), ("武汉经开区管委会", "implementing")], []),
    ("责任单位：市农业农村局、市水务局，各新城区人民政府",
     [("市农业农村局", "lead"), ("市水务局", "co"), ("各新城区人民政府", "implementing")], []),
    # 辽源 357: "…推进组成员单位政府" and "相关事涉部门" are not agencies
    ("责任单位：市工业和信息化局、各县区、辽源高新区管委会、市新能源汽车推广应用推进组成员单位政府、市产业链链长制成员单位按职责分工负责",
     [("市工业和信息化局", "lead"), ("各县区", "implementing"), ("辽源高新区管委会", "implementing")], []),
    ("责任单位：市发展改革委、相关事涉部门按职责分工负责", [("市发展改革委", "lead")], []),
    ("责任单位：市总工会、团市委、市妇联、市广播电视台，各县区政府按职责分工负责",
     [("市总工会", "lead"), ("团市委", "co"), ("市妇联", "co"), ("市广播电视台", "co"),
      ("各县区政府", "implementing")], []),
    # 江苏 244 / 黑龙江 73 生态环境厅 plans: divisions, a deadline note after a comma, 责任处室
    ("责任部门：气候处，完成期限：6月底", [("气候处", "lead")], []),
    ("责任部门：环评处、省评估中心、省环科院，完成期限：12月底",
     [("环评处", "lead"), ("省评估中心", "co"), ("省环科院", "co")], []),
    ("责任处室：生态处，完成期限：2021年四季度", [("生态处", "lead")], []),
    ("责任部门：法规处、气候处，完成时间：持续推进", [("法规处", "lead"), ("气候处", "co")], []),
]


ANNOTATION_CASES += [
    # a county whose name opens with an inclusion word (含山县, 马鞍山) is no note of what the sentence includes
    ("含山县发展改革委、县经信局", [("含山县发展改革委", "lead"), ("县经信局", "co")], []),
]

ANNOTATION_CASES += [
    # --- second corpus audit: named local governments and zone committees implement ---
    # 辽源 357 三（九）: a zone committee after the counties
    (
        "责任单位：市发展改革委、市公安局、市生态环境局、市住房城乡建设局、市城管执法局、市商务局、市市场监管局、"
        "市供销社，各县区政府、辽源高新区管委会按职责分工负责",
        [("市发展改革委", "lead"), ("市公安局", "co"), ("市生态环境局", "co"), ("市住房城乡建设局", "co"),
         ("市城管执法局", "co"), ("市商务局", "co"), ("市市场监管局", "co"), ("市供销社", "co"),
         ("各县区政府", "implementing"), ("辽源高新区管委会", "implementing")],
        [],
    ),
    # 武汉 356 二（五） / 六（五）: named district governments; a non-government bank stays co
    ("责任单位：市发改委、市经信局、市生态环境局、市城建局、市自然资源规划局，武昌区、青山区、蔡甸区、江夏区人民政府",
     [("市发改委", "lead"), ("市经信局", "co"), ("市生态环境局", "co"), ("市城建局", "co"),
      ("市自然资源规划局", "co"), ("武昌区人民政府", "implementing"), ("青山区人民政府", "implementing"),
      ("蔡甸区人民政府", "implementing"), ("江夏区人民政府", "implementing")], []),
    ("责任单位：市地方金融局、市财政局、市生态环境局、市发改委，武昌区人民政府，人行武汉分行营管部",
     [("市地方金融局", "lead"), ("市财政局", "co"), ("市生态环境局", "co"), ("市发改委", "co"),
      ("武昌区人民政府", "implementing"), ("人行武汉分行营管部", "co")], []),
    # 武汉 356 三（一）: 武汉新港管委会 is a port authority, not a zone: co
    ("责任单位：市交通运输局、市发改委、市商务局、市邮政管理局，武汉新港管委会",
     [("市交通运输局", "lead"), ("市发改委", "co"), ("市商务局", "co"), ("市邮政管理局", "co"),
      ("武汉新港管委会", "co")], []),
    # 成都 186 三（二）1: county / county-level city governments sharing "政府"
    ("责任单位：市经信局、市发改委，彭州市、金堂县、大邑县政府",
     [("市经信局", "lead"), ("市发改委", "co"), ("彭州市政府", "implementing"), ("金堂县政府", "implementing"),
      ("大邑县政府", "implementing")], []),
    # ... and under the document's "逗号前为牵头单位" convention both departments lead
    ("责任单位：市经信局、市发改委，彭州市、金堂县、大邑县政府；逗号前为牵头单位，下同",
     [("市经信局", "lead"), ("市发改委", "lead"), ("彭州市政府", "implementing"), ("金堂县政府", "implementing"),
      ("大邑县政府", "implementing")], []),
    # 天津 219 三（九）: a district government among departments and a port company
    ("市交通运输委、天津海事局、滨海新区人民政府、天津港集团按职责分工负责",
     [("市交通运输委", "lead"), ("天津海事局", "co"), ("滨海新区人民政府", "implementing"), ("天津港集团", "co")], []),
    # 天津 219 三（十一）: only local bodies -> the first still leads (first-is-lead), the rest implement
    # only sub-region bodies: implementing, no lead by position (issue 9.3)
    ("天津自贸试验区管委会、滨海新区人民政府按职责分工负责",
     [("天津自贸试验区管委会", "implementing"), ("滨海新区人民政府", "implementing")], []),
    # an explicitly labelled lead stays lead
    ("武昌区人民政府牵头，市发改委配合", [("武昌区人民政府", "lead"), ("市发改委", "co")], []),
    # 梧州 234 二（六）
    ("市发展改革委、国资委、生态环境局、水利局、机关后勤中心，梧州循环经济产业园区管委会按职责分工负责",
     [("市发展改革委", "lead"), ("国资委", "co"), ("生态环境局", "co"), ("水利局", "co"), ("机关后勤中心", "co"),
      ("梧州循环经济产业园区管委会", "implementing")], []),
    # 浙江 205 四（二）: a bare list that ends with a bank branch and two regulators
    ("省发展改革委、省经信厅、省财政厅、省生态环境厅、省市场监管局、省能源局、省大数据局、人行杭州中心支行、浙江银保监局、浙江证监局",
     [("省发展改革委", "lead"), ("省经信厅", "co"), ("省财政厅", "co"), ("省生态环境厅", "co"), ("省市场监管局", "co"),
      ("省能源局", "co"), ("省大数据局", "co"), ("人行杭州中心支行", "co"), ("浙江银保监局", "co"), ("浙江证监局", "co")],
     []),
]


def test_own_region_government_is_not_local():
    """武汉市人民政府 in the 武汉 plan is the plan's own government, not an implementing sub-region."""
    ann = parse_annotation("武汉市人民政府、市发改委按职责分工负责", region="武汉市")
    assert ann is not None and ann.entries[0] == ("武汉市人民政府", "lead")
    ann = parse_annotation("武昌区人民政府、市发改委按职责分工负责", region="武汉市")
    assert ann is not None and list(ann.entries) == [("武昌区人民政府", "implementing"), ("市发改委", "lead")]


@pytest.mark.parametrize("inner, entries, carry", ANNOTATION_CASES)
def test_parse_annotation(inner, entries, carry):
    ann = parse_annotation(inner)
    assert ann is not None
    assert list(ann.entries) == entries
    assert list(ann.carry_over) == carry


NOT_ANNOTATIONS = [
    "各相关部门、地方按职责分工负责",  # 减污降碳 247 八（二十六）
    "各有关单位按职责分工负责",  # 上饶 355 八（二十二）
    "含炼焦工序",
    "市、区",
    "GB20951-2020",
    "管委会",
    "具体任务见附件4、5、6",
    "以下简称“两高”",
    "2021—2025年",
    "扣除沙尘天气",
    # what the sentence's words include or leave out, bodies among them (a note, not who is responsible): 372 山东
    # 三 "各级党政机关（含中央办公厅、国务院办公厅）" had made "山东省含中央办公厅" lead; 83 海南, 122 黄埔, 551, 117 繁昌
    "含中央办公厅、国务院办公厅",
    "含行政审批部门",
    "含上级部门要求本区配套或负担资金的政策规定",
    "包括与其相关联的企事业单位",
    "不含土建部分",
    "包括市生态环境局、市发展改革委",
]


@pytest.mark.parametrize("inner", NOT_ANNOTATIONS)
def test_not_an_annotation(inner):
    assert parse_annotation(inner) is None


PROSE_CASES = [
    # 辽宁 八（二十七）
    (
        "省发展改革委要履行好应对气候变化及节能减排工作领导小组办公室的职责，会同省环保厅等有关部门加强对地方和企业的监督指导，帮扶进度滞后地区制定出台督办方案。",
        [("省发展改革委", "lead"), ("省环保厅", "co")],
    ),
    # 太原 结尾
    ("本方案由市发展改革委负责解释。", [("市发展改革委", "lead")]),
    # 武汉 三（一）
    ("由市发改委、市生态环境局牵头筹备组建市碳达峰碳中和工作专班，办公室设在市发改委。",
     [("市发改委", "lead"), ("市生态环境局", "lead")]),
    # "X会同Y…": X leads, Y co — never one agency "X会同Y" (pdf2 372 山东, 182 上海, 411 national)
    ("省生态环境厅会同省财政厅负责生态文明强县的评选、资金拨付和监管。", [("省生态环境厅", "lead"), ("省财政厅", "co")]),
    ("市科技局将会同市财政局，对资金使用情况进行检查。", [("市科技局", "lead"), ("市财政局", "co")]),
    ("生态环境部会同发展改革委、人民银行、银保监会、证监会等部门建立工作协调机制，密切合作、协同推进气候投融资工作。",
     [("生态环境部", "lead"), ("发展改革委", "co"), ("人民银行", "co"), ("银保监会", "co"), ("证监会", "co")]),
    # … and Y one field's department written as such, with its level or without (pdf2 487 浙江 第十八条, 428 阿坝 "各级
    # 生态环境部门会同宣传部门开展…"); the field must be one the dictionary knows: a group that is no field's department
    # (国务院其他有关部门: 34 national; 市级主管部门: 189 成都; 同级人民政府水行政主管部门: 101 福建; 上述部门) or words running on to
    # a later 部门 name nobody, and a later 会同 that names a body still does
    ("省林业局会同设区市林业主管部门，视情开展进度通报、典型宣传、现场指导和进度督促。",
     [("省林业局", "lead"), ("设区市林业主管部门", "co")]),
    ("各级生态环境部门会同宣传部门开展“生态环境宣传周”等活动。", [("各级生态环境部门", "lead"), ("各级宣传部门", "co")]),
    ("省生态环境厅会同自然资源部门和林业部门开展联合检查。",
     [("省生态环境厅", "lead"), ("自然资源部门", "co"), ("林业部门", "co")]),
    ("生态环境部负责全国碳排放权交易的监督管理，并会同国务院其他有关部门对全国碳排放权交易进行监督管理和指导。", [("生态环境部", "lead")]),
    ("市生态环境局会同市级主管部门开展年度试点创建征集工作。", [("市生态环境局", "lead")]),
    ("省生态环境厅会同同级人民政府水行政主管部门和有关部门划定水功能区。", [("省生态环境厅", "lead")]),
    ("市生态环境局会同上述部门开展联合检查。", [("市生态环境局", "lead")]),
    ("市地方金融监管局会同金融机构加强部门协作。", [("市地方金融监管局", "lead")]),
    ("市生态环境局会同市级主管部门组织专家评审，并会同市财政局下达资金。", [("市生态环境局", "lead"), ("市财政局", "co")]),
    # the subject named in its role first (pdf2 331 湖北 第三条)
    ("省生态环境厅作为核查工作的业务主管部门(以下简称“主管部门”)，负责监督核查机构碳排放核查工作，审核核查报告。",
     [("省生态环境厅", "lead")]),
    # a framing phrase before the subject (pdf2 366 广东 低碳日); 有关部门 names no co-operating body (219 天津)
    ("低碳日当天，省生态环境厅将会同有关部门和单位围绕宣传主题，开展“线上+线下”宣传活动。", [("省生态环境厅", "lead")]),
    ("市发展改革委要会同有关部门强化统筹协调和督促指导，做好重点工作推动。", [("市发展改革委", "lead")]),
    # a broken text layer glued a heading fragment to the subject (pdf2 522 石家庄): no name is read from it
    ("）强化绩效坪价市住建局会同相关部门按照本方案，对各县（市区）绿色建筑创建行动工作落实情况开展年度总结评估。", []),
    # not agencies / not responsibilities (a coordinating group leads only in a clause without annotation: ACTOR_CASES)
    ("市节能工作领导小组负责指导和统筹做好全市节能减排工作。", []),
    ("各县(市、区)政府对本地区节能减排工作负总责，主要负责人是第一责任人。", []),
    ("环保部门要持续开展专项执法，公布重点污染源名单及污染物排放信息。", []),
    ("按照国家发展改革委的统一部署，积极探索碳捕集、利用和封存等相关工作。", []),
    ("鼓励引导龙头骨干企业牵头组建创新联合体。", []),
    ("省政府将实行严格的单位GDP能耗、污染物减排和二氧化碳排放强度降低目标责任考核。", []),
    ("市发展改革委、市能源局、市生态环境局加强统筹协调，做好工作指导。", []),
]


@pytest.mark.parametrize("text, expected", PROSE_CASES)
def test_prose_responsibilities(text, expected):
    assert [(n, r) for n, r, _ in find_prose_responsibilities(text)] == expected


# A clause without annotation: an agency as the subject of a task sentence, before a modal or a task adverb
# (actors=True), and a sentence without subject opening with 会同 in a document issued by one department (issuer).
ACTOR_CASES = [
    # a coordinating group that leads, at the sentence's start or after 由 (绵阳 392 and 四川 363 七（二十七）, 齐齐哈尔 261
    # 一（五）5, 晋城's 五（一） wording); never one under whose leadership others act (24 宁夏 十（三十二）) or one a body acts as
    # (362 大连 五（二十四）)
    ("健全工作体系和推进机制。发挥市领导联系重点企业、重点项目工作机制作用，由绵阳建设西部先进制造强市领导小组统筹协调推进全市绿色低碳产业发展。",
     "", [("绵阳建设西部先进制造强市领导小组", "lead")]),
    ("发挥省推进“5+1”现代产业体系建设联系机制作用，由制造强省建设领导小组统筹推进绿色低碳优势产业发展。", "",
     [("制造强省建设领导小组", "lead")]),
    ("分工协作制度。市住建局城乡建设领域碳达峰行动领导小组办公室负责对接住建厅，联系发改、生态环境、自然资源等部门。", "",
     [("市住建局城乡建设领域碳达峰行动领导小组办公室", "lead")]),
    ("市节能工作领导小组负责指导和统筹做好全市节能减排工作。", "", [("市节能工作领导小组", "lead")]),
    ("在推动黄河流域生态保护和高质量发展领导小组统筹领导下，宁夏回族自治区党委和政府要履行主体责任。", "",
     [("宁夏回族自治区党委和政府", "lead")]),
    ("市发展改革委发挥大连市生态文明建设领导小组办公室统筹协调作用会同有关部门强化统筹协调和督促指导。", "",
     [("市发展改革委", "lead")]),
    # the body a plan names as the one answerable for carrying it out (南充 437 第九篇第一章, 浙江 487 第五条, 北京 514
    # 四（一）); never a company (393 企业环境信息依法披露管理办法 第四条)
    ("南充市人民政府是规划实施的责任主体，按照“党政同责、一岗双责、齐抓共管”的要求，把规划目标纳入目标考核体系。", "",
     [("南充市人民政府", "lead")]),
    ("县级林业主管部门是试点建设管理的责任主体，协助开展试点申报，认真落实业务指导。", "", [("县级林业主管部门", "lead")]),
    ("各区人民政府是落实绿色社区创建工作的责任主体，要建立区级部门协作机制。", "", [("各区人民政府", "implementing")]),
    ("以地级及以上城市政府为责任主体，采取水环境治理、生态缓冲带建设等措施。", "", [("地级及以上城市政府", "lead")]),
    ("企业是环境信息依法披露的责任主体。", "", []),
    # pdf2 24 十（三十二）: the body's other office in brackets before its modal
    ("国家发展改革委（推动黄河流域生态保护和高质量发展领导小组办公室）要加强协调，适时组织开展方案实施进展情况评估。", "",
     [("国家发展改革委", "lead")]),
    # pdf2 341 天津 一（三）, 三（三）; 372 山东 六（三); 487 浙江 第二十九条; 548 上海 三（六）; 319 宁夏 五（十七）
    ("市生态环境局将组织对温室气体排放报告开展核查，各重点排放单位要积极配合。", "", [("市生态环境局", "lead")]),
    ("市生态环境局每年组织开展对各区生态环境局、各重点排放单位、服务机构的温室气体排放管理培训。", "",
     [("市生态环境局", "lead")]),
    ("省生态环境厅、省财政厅要加大对典型经验的宣传推广，及时向省委、省政府报告。", "",
     [("省生态环境厅", "lead"), ("省财政厅", "co")]),
    ("省林业局统一组织开展全省试点建设工作宣传，支持试点建设单位开展形式多样的林业碳汇宣传。", "", [("省林业局", "lead")]),
    ("创建单位应持续示范运营，市生态环境局定期组织开展跟踪评估。", "", [("市生态环境局", "lead")]),
    ("自治区住房城乡建设厅要加强统筹协调，定期调度各地各有关部门（单位）任务推进情况。", "",
     [("自治区住房城乡建设厅", "lead")]),
    # national plans (pdf2 8, 9): ministries as subjects
    # a list of subjects: the first listed leads, as in annotations (pdf2 8 中办国办 意见)
    ("财政部、生态环境部要协调推进改革任务落实。", "", [("财政部", "lead"), ("生态环境部", "co")]),
    # …unless the sentence says they lead together
    ("省生态环境厅、省财政厅共同负责试点评估工作。", "", [("省生态环境厅", "lead"), ("省财政厅", "lead")]),
    # …or each by its own duties (pdf2 117 繁昌 五2); never where that is to assist (see the 沈阳 480 actor case)
    ("区发改委、区财政局和区审计局根据各自职责对专项资金的使用情况和项目执行情况进行绩效评价、稽查和审计。", "",
     [("区发改委", "lead"), ("区财政局", "lead"), ("区审计局", "lead")]),
    # …right after them: a later "牵头" of other bodies is not theirs
    ("省发展改革委、省财政厅要加强资金保障，省直有关部门牵头落实。", "", [("省发展改革委", "lead"), ("省财政厅", "co")]),
    # the issuer speaking of itself (pdf2 178 生态环境部办公厅, 551 工业和信息化部办公厅): the ministry, not its office
    ("我部将组织对绿色特征明显、成效突出单位的先进经验和典型做法开展宣传活动。", "工业和信息化部办公厅",
     [("工业和信息化部", "lead")]),
    # no subject, 会同 named bodies, one issuing department (pdf2 196 国管局, 220 重庆市住房和城乡建设委员会)
    ("会同科技部编制公共机构绿色低碳先进适用技术目录，推进产品技术网上展厅建设。", "国管局",
     [("国管局", "lead"), ("科技部", "co")]),
    ("会同市发改委、市经信委等十部门联合印发了《重庆市绿色建筑创建行动实施方案》。", "重庆市住房和城乡建设委员会",
     [("重庆市住房和城乡建设委员会", "lead"), ("市发改委", "co"), ("市经信委", "co")]),
    # … and with 联合 for 会同 (corpus 55 江苏 省生态环境厅 工作计划 二（十三）); a body must follow 联合 at once
    ("联合人行南京分行、银保监会江苏监管局制定《江苏省碳资产质押融资操作指引》，厘清碳排放权质押的各环节和流程。", "省生态环境厅",
     [("省生态环境厅", "lead"), ("人行南京分行", "co"), ("银保监会江苏监管局", "co")]),
    ("联合开展重点行业碳排放报告质量专项执法行动。", "省生态环境厅", []),
    ("联合人行南京分行制定操作指引。", "", []),
    # … the task naming whom it is for first, and written 与…共同 / 与…联合 (pdf2 231 辽宁省自然资源厅 工作计划 六、七); only
    # bodies between 与 and 共同 (not "项目相关市政府", not a city: 413 白银 "与定西市联合开展跨界断面水质监测")
    ("联合财政厅向各市下达历史遗留废弃矿山治理任务。", "辽宁省自然资源厅", [("辽宁省自然资源厅", "lead"), ("财政厅", "co")]),
    ("与省生态环境厅共同建立污染地块联动监管和安全利用月报制度，研究制定污染地块常态化联动监管机制。", "辽宁省自然资源厅",
     [("辽宁省自然资源厅", "lead"), ("省生态环境厅", "co")]),
    ("与省生态环境厅联合印发《关于建立污染地块联动监管和安全利用月报制度的通知》。", "辽宁省自然资源厅",
     [("辽宁省自然资源厅", "lead"), ("省生态环境厅", "co")]),
    ("与项目相关市政府联合印发工作实施方案，部署市县各部门共同推进有关工作。", "辽宁省自然资源厅", []),
    ("推动建立祖厉河上下游生态补偿机制，与定西市联合开展跨界断面水质监测评估。", "白银市生态环境局", []),
    ("与省生态环境厅共同建立月报制度。", "", []),
    # … and with 配合 / 协助: the body after it leads, the issuer assists (corpus 55 江苏 2022 四（十八）, corpus 244 江苏 2021)
    ("配合省统计局研究建立碳排放统计核算方法，健全温室气体排放基础数据统计指标体系。", "省生态环境厅",
     [("省统计局", "lead"), ("省生态环境厅", "co")]),
    ("配合省发展改革委完成国家和省下达的煤炭消费总量削减目标任务，实现从源头减少化石燃料消耗。", "省生态环境厅",
     [("省发展改革委", "lead"), ("省生态环境厅", "co")]),
    ("配合省发展改革委制定实施“十四五”可再生能源、海上风电、抽水蓄能等专项规划。", "省生态环境厅",
     [("省发展改革委", "lead"), ("省生态环境厅", "co")]),
    # the body whose approval a step needs decides it (pdf2 437 南充 第九篇第四章, 487 浙江 第十条); never a government, no
    # body at all, or a word opening with 经 (经济…)
    ("及时纳入规划动态修订，经市生态环境保护委员会审核批准后，实施修订。", "", [("市生态环境保护委员会", "lead")]),
    ("试点县、先行基地建议名单经省林业局同意后，提请省碳达峰碳中和工作领导小组办公室公布。", "", [("省林业局", "lead")]),
    ("经市政府同意后实施。", "", []),
    ("经批准后实施。", "", []),
    ("经济发展局审核后公布。", "", []),
    # (no issuer, nobody to assist; no body after 配合)
    ("配合省统计局研究建立碳排放统计核算方法。", "", []),
    ("配合做好碳排放统计核算工作。", "省生态环境厅", []),
    # the body named as the one in charge (pdf2 120 北京经开区 三（三）, 175 重庆 第三条)
    ("节能减碳技改项目、碳中和认证项目主责部门为经开区经济发展局。", "", [("经开区经济发展局", "lead")]),
    ("市生态环境局是“碳惠通”平台的主管部门，负责平台的统筹管理。", "", [("市生态环境局", "lead")]),
    # the bodies that work with the lead (pdf2 189 成都 五（一）, 528 深圳 四（一）)
    ("市生态环境局会同市发改委统筹协调实施，市委社治委、市经信局、市教育局等市级主管部门协同推进。", "",
     [("市生态环境局", "lead"), ("市发改委", "co"), ("市委社治委", "co"), ("市经信局", "co"), ("市教育局", "co")]),
    ("近零碳排放区试点建设工作在市应对气候变化及节能减排工作领导小组的指导下，由市生态环境局会同市发展改革委统筹协调实施，"
     "市工业和信息化局、住房建设局、教育局等有关部门协同推进。", "",
     [("市生态环境局", "lead"), ("市发展改革委", "co"), ("市工业和信息化局", "co"), ("住房建设局", "co"), ("教育局", "co")]),
    ("企业为主体，社会公众参与。", "", []),
    # laws and 办法 name a body by its function and level (pdf2 101 福建 第二章第十五条, 第五章第五十六条; 88 云南 第三章第十八条
    # with its article label); a national 办法 (393) names every province's department as one body (省级…主管部门), never
    # a kind of department (有关部门)
    ("省人民政府生态环境主管部门负责组织规划、建设与管理全省生态环境监测网络，组织开展生态环境质量和污染源监测。", "",
     [("省人民政府生态环境主管部门", "lead")]),
    ("省人民政府生态环境主管部门应当定期统一发布本省环境质量状况公报。", "", [("省人民政府生态环境主管部门", "lead")]),
    ("【政策支持】省生态环境厅应当采取措施支持开展碳资源储备并支持取得相关项目备案的企业优先申报国家有关资金项目。", "",
     [("省生态环境厅", "lead")]),
    ("【信用惩戒】省生态环境厅适时研究建立参与碳资源储备活动各类主体的信用记录制度。", "", [("省生态环境厅", "lead")]),
    ("省级生态环境主管部门应当于每年4月底前，将本行政区域的企业名单报送生态环境部。", "", [("省级生态环境主管部门", "lead")]),
    ("县级以上地方人民政府有关部门应当将生物多样性保护纳入本行业发展规划。", "", []),
    ("市、浦东新区相关部门应当按照规定对绿色低碳技术的创新开发给予支持。", "", []),
    # "由X(统一)组织…" (pdf2 341 天津 二（三）, 548 上海 三（四）, 504 广东 结尾)
    ("其他行业企业温室气体排放报告核查工作，由市生态环境局统一组织实施，工作要求同发电行业重点排放单位。", "",
     [("市生态环境局", "lead")]),
    ("各类低碳示范项目创建期满后，由市生态环境局组织开展评估验收。", "", [("市生态环境局", "lead")]),
    ("绿色制造体系相关评价工作由申报企业或园区自主委托第三方机构开展。", "", []),
    # "由X + the act it does" (corpus 34 碳排放权交易管理办法 第四条, 393 企业环境信息依法披露管理办法 第二十八条)
    ("全国碳排放权交易市场覆盖的温室气体种类和行业范围，由生态环境部拟订，按程序报批后实施，并向社会公开。", "",
     [("生态环境部", "lead")]),
    ("企业违反本办法规定，不披露环境信息，或者披露的环境信息不真实、不准确的，由设区的市级以上生态环境主管部门责令改正，通报批评。", "",
     [("设区的市级以上生态环境主管部门", "lead")]),
    ("违反本条例规定，经营餐饮服务的单位或者个人在餐饮经营服务活动中产生的噪声超过排放标准的，由县级以上地方人民政府确定的监督管理部门"
     "责令改正，处一万元以上五万元以下的罚款；", "", []),
    # the place concerned's level body (pdf2 36 七（三）; read since the fifteenth round, the sixth read nobody here)
    ("关停或迁出前一年度产生的二氧化碳排放，由关停单位所在地或迁出地省级生态环境主管部门开展核查。", "",
     [("省级生态环境主管部门", "lead")]),
    # a later part of the sentence, a department right before a modal or 会同 (pdf2 369 天津 二（三）, 68 内蒙古 第七章第六节)
    ("如对核查结果有异议，可向所属区生态环境局提交书面材料，区生态环境局核实材料后报市生态环境局，市生态环境局将组织开展复核工作。",
     "", [("市生态环境局", "lead")]),
    ("严格规划实施评估，开展规划年度监测，自治区生态环境厅会同有关部门对规划目标指标、重点任务和重大工程进展情况进行调度。", "",
     [("自治区生态环境厅", "lead")]),
    # the subject acting on a basis (pdf2 249 国管局 七（三）, a national plan issued by four bodies: 国管局 carries no level)
    ("省级机关事务管理局根据各地区实际，分解下达“十四五”期间公共机构碳排放总量和强度目标。", "",
     [("省级机关事务管理局", "lead")]),
    # a task adverb before 对 (pdf2 487 浙江 第十九条), a body setting up a group (第二十六条); 应对 is a verb, not a modal
    ("省林业局定期对试点工作开展评估，包括试点建设进展、政策支持与落实、项目申报与实施等。", "", [("省林业局", "lead")]),
    ("省林业局成立林业碳汇发展基础支撑协作组，对试点单位的重要试点内容开展技术指导与培训。", "", [("省林业局", "lead")]),
    ("省气象局应对极端天气的能力不断提升。", "", []),
    ("市气象局应用卫星遥感开展碳监测。", "", []),
    # a body playing a role it is given (pdf2 362 大连 五（二十四）, its commas printed as spaces and lost)
    ("市发展改革委发挥大连市生态文明建设领导小组办公室统筹协调作用会同有关部门强化统筹协调和督促指导。", "",
     [("市发展改革委", "lead")]),
    ("充分发挥市场在资源配置中的决定性作用。", "", []),
    ("企业发挥主体作用，加大节能降碳投入。", "", []),
    # later parts that are not actors: a phrase, a lower-level body (a body followed at once by its verb is one, below)
    ("加强能源统计，完善统计制度，市统计局发布能源消费数据。", "", [("市统计局", "lead")]),
    ("开展年度评估，按照市生态环境局要求报送材料。", "", []),
    # every district's bureau named as the subject is the body responsible (pdf2 369 天津 二（二）: "各区生态环境局将上述
    # 材料汇总后…报市生态环境局"); whether another body leads the clause is decided over the clause (build_graph)
    ("严格执法监管，各区生态环境局要加强日常检查。", "", [("各区生态环境局", "lead")]),
    # a task by rule (pdf2 372 山东 五（二）)
    ("对评选认定的生态文明强县，省财政厅按规定拨付资金。", "", [("省财政厅", "lead")]),
    # bodies acting jointly (382 山东 一3)
    ("省发展改革委、省统计局联合建立并动态调整年综合能源消费量1万吨标准煤及以上的用能单位清单。", "",
     [("省发展改革委", "lead"), ("省统计局", "lead")]),
    # the member bodies of a mechanism the clause sets up (pdf2 220 重庆 第五章一): listed like an annotation
    ("建立由市住房城乡建委、市发展改革委、市教委、中国人民银行重庆营业管理部等部门参与的议事协调机制，统筹推进绿色建筑发展。", "",
     [("市住房城乡建委", "lead"), ("市发展改革委", "co"), ("市教委", "co"), ("中国人民银行重庆营业管理部", "co")]),
    # the bodies of a mechanism set up by what each does (pdf2 52 公共机构规划 四（一）, 425 内江 第三章第三节（三）): the one
    # said to lead leads, else the first; groups and governments name none (473 宁德, 566 天津); no list of bodies' duties
    # (238 财政部 四（二）: how they link up; 333 五（十五）: fields; 413 白银 四（一）: a slogan of every party's part)
    ("加强组织保障，构建机关事务管理部门牵头、有关部门共同参与的高效推进机制，形成分工明确、运行顺畅、执行有力的管理格局。", "",
     [("机关事务管理部门", "lead")]),
    ("开展柴油货车联合执法，完善生态环境部门监测取证、公安交管部门实施处罚、交通运输部门监督维修的联合监管模式，形成部门联合执法常态化"
     "路检路查工作机制。", "", [("生态环境部门", "lead"), ("公安交管部门", "co"), ("交通运输部门", "co")]),
    # (the verbs joined or run on; a body's level shared by the list; a party department's part; the sentence opening
    # with the mechanism — its list is no subject; a subject that builds the mechanism leads it, as before the rule)
    ("建立完善生态环境部门监测取证、公安交管部门实施处罚、交通运输部门监督维修的联合监管模式。", "",
     [("生态环境部门", "lead"), ("公安交管部门", "co"), ("交通运输部门", "co")]),
    ("形成了生态环境部门监测取证、公安交管部门实施处罚的联合监管模式。", "", [("生态环境部门", "lead"), ("公安交管部门", "co")]),
    ("完善市委宣传部统筹、市教育局实施的宣传教育机制。", "", [("市委宣传部", "lead"), ("市教育局", "co")]),
    ("建立市生态环境局牵头、市公安局配合的联合执法机制。", "", [("市生态环境局", "lead"), ("市公安局", "co")]),
    ("市生态环境局将构建市公安局执法、市交通运输局监督维修的联合监管模式。", "", [("市生态环境局", "lead")]),
    ("建立健全财政部门上下联动、财政与其他部门横向互动的工作协同推进机制。", "", []),
    ("建立自然资源、生态环境、能源主管部门等相关单位的协同机制。", "", []),
    ("建立健全党委领导、政府负责、人大政协监督、生态环境部门统一监管、有关部门分工负责、全社会共同参与的生态环境保护工作机制。", "", []),
    ("各地建立党委政府统一领导、各部门协调推进的体制机制。", "", []),
    ("建立主管部门统筹协调、相关部门积极配合的工作机制。", "", []),
    # a body made up of member bodies (pdf2 120 北京经开区 五2): the one said to lead leads, the others are co; else the first
    ("办公室由开发区城市运行局、经济发展局、开发建设局共同组成，其中由开发区城市运行局牵头，办公室成员单位各自负责本领域内工作。", "",
     [("开发区城市运行局", "lead"), ("开发区经济发展局", "co"), ("开发区开发建设局", "co")]),
    # two levels' departments are no one department (pdf2 491 贵州 四（一）)
    ("省市能源主管部门要加强对规划的组织实施，将规划项目分解到年度支撑计划项目中。", "", []),
    ("专班由市发展改革委、市工业和信息化局、市生态环境局组成，统筹推进重点项目。", "",
     [("市发展改革委", "lead"), ("市工业和信息化局", "co"), ("市生态环境局", "co")]),
    ("2020年度配额总量由既有项目配额、新增项目配额和市场调节配额三部分组成。", "", []),
    # members that are not bodies (pdf2 213 天津, 172 青岛)
    ("完善由用户和发电企业参与的辅助服务补偿机制。", "", []),
    ("探索搭建由项目建设管理、运行管理和标识管理三部分组成的青岛市建筑全过程信息化管理平台。", "", []),
    # every lower place's department of a field is one (pdf2 369 天津, 97 四川: "各市（州）经济和信息化主管部门要严格推荐
    # 审核项目"; its places may be listed: "各市、县（市、区）…主管部门")
    ("各区生态环境局要加强日常监管。", "", [("各区生态环境局", "lead")]),
    ("各市（州）经济和信息化主管部门要严格推荐审核项目，并对申报项目和申报材料的真实性负责。", "",
     [("各市（州）经济和信息化主管部门", "lead")]),
    ("按照属地管理原则，各市、县（市、区）经济和信息化主管部门要组织引导企业、园区开展节能降碳工作。", "",
     [("各市、县（市、区）经济和信息化主管部门", "lead")]),
    ("各设区市生态环境局要加强指导。", "", [("各设区市生态环境局", "lead")]),
    # fields' departments written without level (pdf2 389 黑龙江): the first listed leads
    ("生态环境部门、自然资源部门应及时共享疑似污染地块、污染地块相关信息。", "",
     [("生态环境部门", "lead"), ("自然资源部门", "co")]),
    # … and after 会同 a level's body, the fields sharing its level (pdf2 430 内蒙古 第四章第一节)
    ("各级生态环境部门会同自然资源、住房和城乡建设等部门建立污染地块数据库及信息平台。", "",
     [("各级生态环境部门", "lead"), ("各级自然资源部门", "co"), ("各级住房和城乡建设部门", "co")]),
    # … a field by its department's short form (pdf2 318 甘肃 三（二）, 220 重庆 "住建部门会同发展改革、财政…")
    ("住建部门要会同发展改革、自然资源、生态环境等部门强化对本意见落实情况的督促检查。", "",
     [("住建部门", "lead"), ("发展改革部门", "co"), ("自然资源部门", "co"), ("生态环境部门", "co")]),
    # the lower levels' governments as the subject (430 内蒙古 第七章第三节): they carry it out, also when nobody else is
    # named (issue 9.3)
    ("旗县级人民政府要向社会公开辖区内农村牧区黑臭水体排查和整治结果。", "", [("旗县级人民政府", "implementing")]),
    # not actors: the places themselves, all levels' party committees and governments, a kind of department
    ("各区县（市）要采取定期检查和现场抽查的方式。", "", []),
    ("行业主管部门要加强监管。", "", []),
    # not actors: governments, phrases, generic bodies, no modal, no issuer
    ("各地要加强组织领导。", "", []),
    ("各有关部门要加强协调。", "", []),
    ("地方各级党委和政府要坚决扛起生态文明建设政治责任。", "", []),
    ("按照省统计局要求填报自然资源资产负债表数据。", "", []),
    ("省政府将实行严格的单位GDP能耗、污染物减排和二氧化碳排放强度降低目标责任考核。", "", []),
    ("国家高新区绿色发展专项行动在科技部统一领导下，由火炬中心成立专项办公室具体组织推动。", "", []),
    ("在建和新建煤电机组应具备深度调峰能力。", "", []),
    ("企业要加强能源管理。", "", []),
    # a list of subjects followed at once by the verb: the first leads, as everywhere (the bare-predicate rule)
    ("市发展改革委、市能源局、市生态环境局加强统筹协调，做好工作指导。", "",
     [("市发展改革委", "lead"), ("市能源局", "co"), ("市生态环境局", "co")]),
    ("会同有关部门建立健全监督检查机制。", "国管局", []),
    ("会同科技部编制公共机构绿色低碳先进适用技术目录。", "", []),
    # a heading run into its text where the text layer lost the line break and the punctuation (pdf2 362 大连
    # 五（二十四）): the verb phrase before the body is read past …
    ("统筹协调推进市发展改革委发挥大连市生态文明建设领导小组办公室统筹协调作用会同有关部门强化统筹协调和督促指导", "",
     [("市发展改革委", "lead")]),
    # … a person's name before a body is not (a leading group's member list: "副组长：许济淳市住建局副局长")
    ("姚贵伟市住建局将统筹协调", "", []),
    # a list of fields closed by 等部门 as the subject (pdf2 220 重庆 第五章三; 市场监管 opens with 市, no level): the plan's
    # own departments of those fields, the first leading
    ("市场监管、工商、住房城乡建设、工业和信息化等部门要加强建材生产、流通和使用环节监管和稽查，防止不合格的建材产品进入市场。", "",
     [("市场监管部门", "lead"), ("工商部门", "co"), ("住房城乡建设部门", "co"), ("工业和信息化部门", "co")]),
    ("发展改革、财政、税务等部门要加大对绿色建筑的支持力度。", "",
     [("发展改革部门", "lead"), ("财政部门", "co"), ("税务部门", "co")]),
    # … and closed by a word saying what kind of departments they are (等综合部门 as 等相关职能部门: pdf2 445 海西 第十一章第一节):
    # the departments of those fields all the same
    ("发展改革、财政等综合部门要制定有利于环境保护的财政、价格、投资等经济、产业政策等，加大环保投入力度。", "",
     [("发展改革部门", "lead"), ("财政部门", "co")]),
    # one field, or kinds of department, are not such a list
    ("有关部门要加强监管。", "", []),
    ("各地区、各部门要加强组织领导。", "", []),
    # a list whose first field is cut by a lost line break ("…人民" + "银行、市场监管、证监等部门要…", pdf2 169 附件1): 银行
    # is no department's field, so the list names nobody
    ("银行、市场监管、证监等部门要加强协同配合，形成工作合力。", "", []),
    # a joint verb opening the sentence: the bodies after it act with the issuer, they are no subject (pdf2 55 五（二十四）)
    ("联合省财政、发改等部门组织申报评审，确定试点示范名单。", "", []),
]


# A body with its level or place written, followed at once by its verb (no modal): it acts. Real sentences of pdf2
# 110 深圳 第十四/十五/十九条, 480 沈阳 第十一条, 487 浙江 第九条, 504 广东 四（二）, 207 安徽 二（一）, 175 重庆 第十六条;
# and what is not an actor: a noun it qualifies, a phrase ending in 部/局, a level word, a passive, a title line.
BARE_SUBJECT_CASES = [
    ("申报单位根据申报指南要求在线填报相关信息，市工业和信息化主管部门对项目单位提交的申报材料进行形式预审。", "", "深圳",
     [("市工业和信息化主管部门", "lead")]),
    ("市工业和信息化主管部门于申报日期截止后10个工作日内完成项目申报材料合规性初审。", "", "深圳",
     [("市工业和信息化主管部门", "lead")]),
    ("市生态环境主管部门建立碳排放权注册登记簿系统，用于碳排放配额的发放及履约管理。", "", "沈阳", [("市生态环境主管部门", "lead")]),
    ("省林业局按照试点建设工作要求，对试点申报材料开展审查，组织综合评审确定试点县。", "", "浙江", [("省林业局", "lead")]),
    ("新建项目企业正式转为控排企业管理并购足有偿配额后，省生态环境厅通过配额注册登记系统向其发放免费配额。", "", "广东",
     [("省生态环境厅", "lead")]),
    ("省发展改革委、省经济和信息厅、省能源局在各市自查的基础上组织开展专家评审和企业申辩。", "", "安徽",
     [("省发展改革委", "lead"), ("省经济和信息厅", "co"), ("省能源局", "co")]),
    ("市生态环境局接到备案申请材料后，根据工作需要组织技术评估。", "", "重庆", [("市生态环境局", "lead")]),
    # pdf2 565 广西 第四章二: the verb the sentence opens with is not part of the body's name; a place is
    ("建立健全自治区发展改革委牵头组织、各相关部门配合、各设区市人民政府和企业细化落实的规划实施工作机制。", "", "广西",
     [("自治区发展改革委", "lead")]),
    ("齐齐哈尔市住建局牵头推进城市绿色照明。", "", "齐齐哈尔", [("齐齐哈尔市住建局", "lead")]),
    # … nor is a zone's short name before its body's (development qd52-2-20: pdf2 120 北京经开区 三（四）5's two sentences,
    # whole — not 开发 + 区城市运行局); a verb before the zone's name goes
    ("开发区城市运行局负责相关委办局统一协查、财务评审、绿色发展资金管理工作领导小组审议、主任办公会或专题会审定等环节的各项工作。",
     "", "北京", [("开发区城市运行局", "lead")]),
    ("开发区政务服务中心负责线上初审、线下受理、网上公示、提交拨付申请等工作。", "", "北京", [("开发区政务服务中心", "lead")]),
    ("督促开发区管委会负责落实园区整改。", "", "北京", [("开发区管委会", "implementing")]),
    # pdf2 97 四川: a 厅 in a province's own notice needs no level word (a city's document: it does)
    ("对各地区上报的年度节能降碳示范项目，经济和信息化厅纳入省重点工业和技术改造项目库管理。", "", "四川",
     [("经济和信息化厅", "lead")]),
    ("对各地区上报的年度节能降碳示范项目，经济和信息化厅纳入省重点工业和技术改造项目库管理。", "", "成都", []),
    ("联合财政厅向各市下达历史遗留废弃矿山治理任务。", "", "辽宁", []),  # pdf2 231: a phrase ending in 厅
    # not actors
    ("依据《深圳市工业和信息化产业发展专项资金管理办法》，以及深圳市工业和信息化局财政专项资金项目事中监管相关规定等。", "", "深圳", []),
    ("市级以上工业园区全部实现污水集中收集处理。", "", "天津", []),
    ("加强市县环境执法力量，县级生态环境分局实行“局队合一”。", "", "济宁", []),
    ("圆满完成第二次污染源普查工作，市生态环境局被评为“全国污染源普查突出集体”。", "", "西宁", []),
    ("深圳市工业和信息化局支持绿色发展促进工业“碳达峰”扶持计划操作规程", "", "深圳", []),
    ("区域绿色协调发展战略将打破生态环境保护地域局限。", "", "南充", []),
    ("省科技厅、省财政厅、省统计局，人行石家庄中心支行、河北证监局：", "", "河北", []),
    # a time word between the body and its verb (pdf2 398 上海: the notice's issuer speaking of itself)
    ("我局近期将组织生态环境执法部门和技术工作组开展发电行业重点排放单位温室气体排放报告专项检查。", "上海市生态环境局",
     "上海", [("上海市生态环境局", "lead")]),
    # a task adverb after the body in a later part of the sentence (pdf2 110 深圳 第二十六条; jieba tags 依法 a noun)
    ("任何机构和个人存在弄虚作假及其他不良行为的，市工业和信息化主管部门依法将违规信息归集至深圳市公共信用信息管理系统。", "",
     "深圳", [("市工业和信息化主管部门", "lead")]),
    # a field's department named without 主管 (pdf2 110 深圳, 122 广州黄埔, 314 浦东)
    ("市工业和信息化部门根据需要抽取一定比例的项目开展后评价工作。", "", "深圳", [("市工业和信息化部门", "lead")]),
    ("区生态环境部门负责兑现第四条第(四)至(六)项。", "", "广州", [("区生态环境部门", "lead")]),
    ("市国有资产监督管理部门应当强化市属国有金融机构绿色金融业绩考核管理。", "", "上海", [("市国有资产监督管理部门", "lead")]),
    ("市人民政府应当支持国家金融管理部门在沪机构在浦东新区建立改革试验机制。", "", "上海", []),
    ("市人民政府应当统筹建立绿色企业评价要求、评价标准和绿色项目认定条件。", "", "浦东", []),
    # a province's government charged with a duty in its own regulation (corpus 101 福建 第六条, 第二十四条) — not a plan's
    # "省政府将…" (seed 山西 九（二十八）), its departments, or all levels' governments
    ("省人民政府应当以改善生态环境质量和保障生态环境安全为目标，确定生态保护红线、生态环境质量底线、资源利用上线，制定实施生态环境准入清单。",
     "", "福建", [("省人民政府", "lead")]),
    ("省人民政府应当把碳达峰、碳中和纳入生态省建设布局，科学编制本省碳达峰、碳中和时间表和路线图。", "", "福建",
     [("省人民政府", "lead")]),
    ("省政府将实行严格的单位GDP能耗、污染物减排和二氧化碳排放强度降低目标责任考核。", "", "山西", []),
    ("省人民政府各有关部门要按照职责分工，加强协调配合，多方齐抓共管。", "", "山西", []),
    ("县级以上地方人民政府应当加强生物多样性保护工作。", "", "福建", []),
    # the document's own place's government written with its name (pdf2 314 浦东 第三十条) — never another place's
    ("浦东新区人民政府应当依托市大数据资源平台建立绿色金融数据服务专题库。", "", "浦东", [("浦东新区人民政府", "lead")]),
    ("上海市人民政府应当加强领导。", "", "浦东", []),
    ("浦东新区人民政府应急管理办公室负责应急预案。", "", "浦东", [("浦东新区人民政府应急管理办公室", "lead")]),
    # a level's treasury that pays (pdf2 404 福州 三（四）, 458 株洲 七（二）4) acts; the treasury in an
    # addressee line does not (372 山东's opening: "省财政直接管理县（市）人民政府：")
    ("对年度技改设备和信息化建设投资额达500万元以上的项目，市财政按其年度技改设备和信息化建设投资额的3%给予补助。", "", "福州",
     [("市财政", "lead")]),
    ("省级财政给予每个生态文明强县1000万元的资金支持。", "", "山东", []),  # a level's finances, no body (annotation gold ad296)
    ("市财政加大对生态环境保护投入，建立生态文明建设示范创建激励制度。", "", "株洲", [("市财政", "lead")]),
    ("各市人民政府，省财政直接管理县（市）人民政府：", "", "山东", []),
    # … nor where it does anything but pay (a sanction: 372 山东 六（二）; 359 来宾 三（十）)
    ("对相关指标数据造假及违规使用资金的，不得再参加生态文明强县评选，省财政将收回前期拨付的资金，按排名递补新的强县并给予财政激励。",
     "", "山东", []),
    ("市财政将认真贯彻落实财政部制定的绿色采购政策。", "", "来宾", []),
    ("市财政加大监督检查力度。", "", "株洲", []),  # 加大 what it checks, not what it pays
]


# Bodies that assist: a sentence whose subject works "按照各自职责，配合…" (pdf2 480 沈阳 第三条) is co, its bodies named or a
# local plan's fields closed by 等部门; a local plan's fields listed after the lead and closed by 等部门参与 (514 北京 四（一）)
# are its own departments of those fields. A national document's bare fields are every level's (nobody), an unknown item
# (银行) or a kind of department (有关部门) names nobody, and a sentence that leads by its own duties still leads.
ASSISTING_CASES = [
    ("统计、金融、财政、发展改革等相关部门按照各自职责，配合做好与本市碳排放权交易相关工作。", "沈阳",
     [("统计部门", "co"), ("金融部门", "co"), ("财政部门", "co"), ("发展改革部门", "co")]),
    ("市财政局、市统计局按照各自职责，配合做好相关工作。", "沈阳", [("市财政局", "co"), ("市统计局", "co")]),
    ("有关部门按照各自职责，配合做好相关工作。", "沈阳", []),
    ("统计、金融、财政等相关部门按照各自职责，配合做好相关工作。", "", []),
    ("市财政局和市审计局根据各自职责对专项资金进行绩效评价。", "沈阳", [("市财政局", "lead"), ("市审计局", "lead")]),
    # a 会同 subject is read as before (A leads, B co), never as one body; joint work (协同) and assisting a body the
    # sentence names (配合X做好…) are not this rule's: nothing is read as assisting there
    ("市生态环境局会同市发展改革委按照各自职责，配合做好相关工作。", "沈阳", [("市生态环境局", "lead"), ("市发展改革委", "co")]),
    ("市发展改革委、市财政局按照各自职责，协同推进项目建设。", "沈阳", []),
    ("市财政局、市统计局按照各自职责，配合市生态环境局做好数据核查。", "沈阳", []),
    ("由市住房城乡建设委牵头，发改、民政、城市管理、规自、公安、生态环境、水务、市场监管等部门参与，加强协调配合，及时沟通相关工作情况。",
     "北京",
     [("市住房城乡建设委", "lead"), ("发改部门", "co"), ("民政部门", "co"), ("城市管理部门", "co"), ("规自部门", "co"),
      ("公安部门", "co"), ("生态环境部门", "co"), ("水务部门", "co"), ("市场监管部门", "co")]),
    # (pdf2 413 白银 三（九）: the fields closed by 等多部门)
    ("建立健全由政府牵头，生态环境、应急管理、气象等多部门参与的突发环境事件预警应急响应联动机制。", "白银",
     [("政府", "lead"), ("生态环境部门", "co"), ("应急管理部门", "co"), ("气象部门", "co")]),
    ("由住房和城乡建设部牵头，发展改革、财政等部门参与，加强协调配合。", "", [("住房和城乡建设部", "lead")]),
    # the lead's own field in the list is the lead, not a co body beside it
    ("由市生态环境局牵头，生态环境、应急管理、气象等多部门参与，完善预警机制。", "白银",
     [("市生态环境局", "lead"), ("应急管理部门", "co"), ("气象部门", "co")]),
    ("由市住房城乡建设委牵头，银行、财政等部门参与，加强协调配合。", "北京", [("市住房城乡建设委", "lead")]),
]


@pytest.mark.parametrize("text, place, expected", ASSISTING_CASES)
def test_assisting_bodies(text, place, expected):
    got = find_prose_responsibilities(text, actors=True, national=not place, place=place)
    assert [(n, r) for n, r, _ in got] == expected


@pytest.mark.parametrize("text, issuer, place, expected", BARE_SUBJECT_CASES)
def test_a_body_followed_at_once_by_its_verb_acts(text, issuer, place, expected):
    got = find_prose_responsibilities(text, actors=True, issuer=issuer, place=place)
    assert [(n, r) for n, r, _ in got] == expected


@pytest.mark.parametrize(
    "text, region, expected",
    [
        # pdf2 562 四川 六（一）: a province's own plan names its department "省级能源主管部门"
        ("省级能源主管部门负责本规划的统筹协调、组织实施工作；省级有关部门按照职责分工加强政务服务。", "四川省",
         "省能源主管部门负责本规划的统筹协调、组织实施工作；省级有关部门按照职责分工加强政务服务。"),
        ("市级生态环境主管部门负责核查。", "南京市", "市生态环境主管部门负责核查。"),
        # pdf2 537 江苏 五（二）: a field's department written without 主管; 有关 stays a role
        ("省级住房城乡建设部门将开展绿色建筑年度目标任务分解并组织督促检查", "江苏省",
         "省住房城乡建设部门将开展绿色建筑年度目标任务分解并组织督促检查"),
        ("省级有关部门按照职责分工加强政务服务。", "四川省", "省级有关部门按照职责分工加强政务服务。"),
        # pdf2 238, 47 (national): every province's
        ("省级财政部门要健全工作机制，研究制定本地区财政支持做好碳达峰碳中和政策。", "全国",
         "省级财政部门要健全工作机制，研究制定本地区财政支持做好碳达峰碳中和政策。"),
        # a national document's 省级 is every province's; another level's stays
        ("省级生态环境主管部门负责核查。", "全国", "省级生态环境主管部门负责核查。"),
        ("省级生态环境主管部门负责核查。", "南京市", "省级生态环境主管部门负责核查。"),
    ],
)
def test_own_level_bodies(text, region, expected):
    from ingest.responsibility import own_level_bodies

    assert own_level_bodies(text, region) == expected


@pytest.mark.parametrize(
    "text, national, expected",
    [
        # a national document names ministries without their level (pdf2 11 国资委 八（三）, 383 七（一）)
        ("国资委将碳达峰、碳中和工作纳入中央企业考核评价体系，对工作成效突出的企业予以表彰奖励。", True, [("国资委", "lead")]),
        ("发展改革委、能源局要加强对统一电力市场体系建设的总体指导。", True, [("发展改革委", "lead"), ("能源局", "co")]),
        # the national coordinating group and its office (corpus 2 六（一）, 三（十）3)
        ("加强党中央对碳达峰、碳中和工作的集中统一领导，碳达峰碳中和工作领导小组对碳达峰相关工作进行整体部署和系统推进。", True,
         [("碳达峰碳中和工作领导小组", "lead")]),
        ("碳达峰碳中和工作领导小组办公室要加强统筹协调，定期对各地区和重点领域、重点行业工作进展情况进行调度。", True,
         [("碳达峰碳中和工作领导小组办公室", "lead")]),
        ("各地区碳达峰行动方案经碳达峰碳中和工作领导小组综合平衡、审核通过后，由地方自行印发实施。", True,
         [("碳达峰碳中和工作领导小组", "lead")]),
        ("有关工作进展和重大问题要及时向碳达峰碳中和工作领导小组报告。", True, []),
        # a phrase before 领导小组 that is a clause, not the group's name (review of round 20)
        ("设立领导小组负责统筹推进。", False, []),
        ("市政府成立节能减排工作领导小组负责统筹全市节能减排工作。", False, []),
        ("各成员单位接受领导小组统一协调。", False, []),
        ("有关工作进展和重大问题及时报送市领导小组审定。", False, []),
        # a verb governing the group is no group acting (山东 382 四12); a phrase ending in 局 is no national body
        ("压实责任分工。强化省碳达峰碳中和工作领导小组对能耗双控和煤炭消费压减任务的领导，把节能减碳作为关键。", False, []),
        ("这是以习近平同志为核心的党中央统筹国内国际两个大局作出的重大战略决策。", True, []),
        ("加快形成多元竞争主体格局，提升市场运行效率。", True, []),
        # a national document's bare 局 acts without a modal as its 委 does (383 七（三）)
        ("发展改革委、能源局对电力市场运行状况开展定期评估，及时总结经验，加强对各地电力市场建设的督促指导。", True,
         [("发展改革委", "lead"), ("能源局", "co")]),
        ("发展改革委、能源局对电力市场运行状况开展定期评估。", False, []),
        # a local document: a body without its level is not read as an actor
        ("国资委将碳达峰、碳中和工作纳入中央企业考核评价体系。", False, []),
        # … followed at once by its verb, without a modal (pdf2 10 七（二十）, 11 八（二）)
        ("国家发展改革委加强统筹协调，各有关部门和单位按职责分工，制定完善相关配套政策制度，形成协同推进生态产品价值实现的整体合力。", True,
         [("国家发展改革委", "lead")]),
        ("国资委加强对企业落实进展情况的跟踪评估和督促检查，统筹各方面资源，充分发挥行业协会作用，协调解决企业实施工作中遇到的重大问题。", True,
         [("国资委", "lead")]),
        ("国资委加强对企业落实进展情况的跟踪评估和督促检查。", False, []),
        # a word ending in 部 is no ministry (seed 山西 四（十一）)
        ("加快企业能源管理体系建设，选择部分重点用能企业开展能源管理体系试点。", True, []),
        # the place concerned's level body: "所在地 / 迁出地 + a level's field body" (pdf2 36 七（三）, 34 第…条)
        ("重点排放单位关停或迁出的，由关停单位所在地或迁出地省级生态环境主管部门开展核查、配额分配和清缴履约工作。", True,
         [("省级生态环境主管部门", "lead")]),
        ("重点排放单位发生合并、分立等情形需要变更单位名称、碳排放配额等事项的，应当报经所在地省级生态环境主管部门审核后，"
         "向全国碳排放权注册登记机构申请变更登记。", True, [("省级生态环境主管部门", "lead")]),
        # …but not a body the qualifier belongs to (a company at its registered place is no department)
        ("由项目注册地企业开展核查。", True, []),
        # a whole level's field departments followed at once by their verb, as national notices charge the provinces
        # (pdf2 178 二（二）, 36 七（二）); a level's party committees and governments are no field's departments (540)
        ("省级生态环境主管部门对核查技术服务机构的评估结果在省级生态环境主管部门网站、环境信息平台向社会公开。", True,
         [("省级生态环境主管部门", "lead")]),
        ("各级党委和政府深入贯彻落实党中央决策部署，生态环境质量持续改善。", True, []),
        # an adverb qualifying the charge: 具体负责 / 主要负责 (pdf2 279 无锡 一2, 264 安徽)
        ("各地科技主管部门具体负责本地项目组织和受理工作，并对申报资格、申报材料进行审核。", False, [("各地科技主管部门", "lead")]),
        ("省科技厅主要负责专项的统筹协调。", False, [("省科技厅", "lead")]),
        # … never a person in charge (pdf2 540 第一章第一节)
        ("各级党委和政府主要负责同志切实肩负起第一责任，各级党组织认真履行职责。", False, []),
    ],
)
def test_actors_of_national_documents(text, national, expected):
    got = find_prose_responsibilities(text, actors=True, national=national)
    assert [(n, r) for n, r, _ in got] == expected


@pytest.mark.parametrize("text, issuer, expected", ACTOR_CASES)
def test_prose_actors_in_clauses_without_annotation(text, issuer, expected):
    got = find_prose_responsibilities(text, actors=True, issuer=issuer)
    assert [(n, r) for n, r, _ in got] == expected


def test_actors_only_where_no_annotation_speaks():
    """Without ``actors`` (a clause with its own annotation) a bare task sentence gives nobody."""
    assert find_prose_responsibilities("市生态环境局将组织对温室气体排放报告开展核查。") == []


# --------------------------------------------------------------------------------------------
# Seed documents end to end
# --------------------------------------------------------------------------------------------

SEEDS = {
    "taiyuan": ("taiyuan-shisiwu-jienengjianpai.txt", "太原市", "2023-10-11"),
    "jincheng": ("jincheng-shisiwu-jienengjianpai.txt", "晋城市", "2023-08-29"),
    "shanxi": ("shanxi-2014-2015-jienengjianpai.txt", "山西省", "2014-07-01"),
    "liaoning": ("liaoning-2014-2015-jienengjianpai.txt", "辽宁省", "2014-10-30"),
}


def _seed(key: str) -> tuple[list[Clause], Document]:
    """Clauses and document of a seed: through ingest.pipeline.parse_file once it exists."""
    file_name, region, date = SEEDS[key]
    path = DATA / file_name
    try:
        from ingest.pipeline import parse_file  # type: ignore[attr-defined]
    except ImportError:
        parse_file = None
    if parse_file is not None:
        parsed = parse_file(path)
        return list(parsed.clauses), parsed.document
    from ingest.repair import repair_text
    from ingest.structure import split_clauses

    clauses = split_clauses(repair_text(path.read_text(encoding="utf-8")), path.stem, source=path.name)
    return clauses, Document(doc_id=path.stem, source=path.name, title="", region=region, date=date)


@pytest.fixture(scope="module")
def seed_results():
    out = {}
    for key in SEEDS:
        clauses, document = _seed(key)
        out[key] = (clauses, document, extract_responsibilities(clauses, document))
    return out


def _roles(results, key: str, path: str) -> tuple[list[str], list[str], list[str]]:
    clauses, document, (resps, _, _) = results[key]
    clause_id = f"{document.doc_id}#{path}"
    assert any(c.clause_id == clause_id for c in clauses), clause_id
    pick = lambda role: [r.agency for r in resps if r.clause_id == clause_id and r.role == role]  # noqa: E731
    return pick("lead"), pick("co"), pick("implementing")


def _full(names: str, region: str) -> list[str]:
    """Gold lists are written without the region prefix; central bodies carry their own."""
    return [n if n.startswith(("人行", "国家")) else region + n for n in names.split("、") if n]


# Read from the texts: (lead, co) per annotated clause, co in the written order.
TAIYUAN_GOLD = {
    "三（一）": ("生态环境局", "发展改革委、工信局、市场监管局、能源局"),
    "三（二）": ("工信局", "生态环境局、发展改革委、能源局"),
    "三（三）": ("城乡管理局", "住建局、发展改革委、规划和自然资源局、能源局"),
    "三（四）": ("发展改革委", "能源局、生态环境局、财政局、工信局、交通局、商务局、市场监管局、邮政管理局"),
    "三（五）": ("农业农村局", "生态环境局、市场监管局、能源局、水务局"),
    "三（六）": ("机关事务局", "住建局、财政局、能源局"),
    "三（七）": ("水务局", "生态环境局、发展改革委、城乡管理局、工信局"),
    "三（八）": ("能源局", "发展改革委、生态环境局、工信局、科技局、市场监管局"),
    "三（九）": ("生态环境局", "工信局、交通局"),
    "三（十）": ("生态环境局", "发展改革委、城乡管理局、水务局"),
    "四（一）": ("能源局", "发展改革委、统计局"),
    "四（二）": ("生态环境局", "规划和自然资源局、发展改革委"),
    "四（三）": ("发展改革委", "生态环境局、能源局、工信局、应急局、规划和自然资源局、水务局、金融办"),
    "四（四）": ("生态环境局", "能源局、水务局、机关事务局、司法局"),
    "四（五）": ("金融办", "生态环境局、能源局、财政局、发展改革委"),
    "四（六）": ("科技局", "能源局、生态环境局"),
    "四（七）": ("生态环境局", "能源局、市场监管局、发展改革委"),
    "四（八）": ("生态环境局", "能源局、统计局、交通局、市场监管局、发展改革委"),
    "四（九）": ("能源局", "生态环境局"),
    "五（一）": ("发展改革委", "生态环境局、能源局"),
    "五（二）": ("机关事务局", "能源局、发展改革委、科技局、生态环境局、市场监管局"),
    "五（三）": ("能源局", "生态环境局、发展改革委"),
    "结尾": ("发展改革委", ""),  # 本方案由市发展改革委负责解释 (prose)
}

JINCHENG_GOLD = {
    "三（一）": ("能源局", "发展改革委、生态环境局、工信局、市场监管局"),
    "三（二）": ("工信局", "发展改革委、生态环境局、能源局、水务局、大数据局"),
    "三（三）": ("发展改革委", "能源局、商务局、工信局、生态环境局"),
    "三（四）": ("住建局", "生态环境局、能源局、发展改革委、规划和自然资源局、交通局"),
    "三（五）": ("交通局", "能源局、发展改革委、公安局、财政局、生态环境局、商务局、邮政管理局"),
    "三（六）": ("农业农村局", "生态环境局、能源局、乡村振兴中心、发展改革委、住建局、城市管理局、水务局"),
    "三（七）": ("机关事务服务中心", "财政局、能源局"),
    "三（八）": ("生态环境局", "发展改革委、水务局、工信局、住建局、交通局"),
    "三（九）": ("生态环境局", ""),
    "三（十）": ("住建局", "发展改革委、生态环境局、城市管理局"),
    "四（一）": ("发展改革委", "能源局"),
    "四（二）": ("生态环境局", ""),
    "四（三）": ("发展改革委", "工信局、生态环境局、能源局、人行晋城市分行、国家金融监管局晋城市监管分局"),
    "四（四）": ("能源局", "生态环境局、司法局、市场监管局、工信局、财政局、住建局、交通局、水务局、机关事务服务中心"),
    "四（五）": (
        "财政局",
        "人行晋城市分行、发展改革委、国家金融监管局晋城市监管分局、工信局、生态环境局、住建局、城市管理局、税务局、能源局",
    ),
    "四（六）": ("能源局", "生态环境局、工信局、财政局、发展改革委、市场监管局"),
    "四（七）": ("能源局", "统计局、生态环境局、工信局、住建局、交通局、市场监管局"),
    "四（八）": ("能源局", "生态环境局、工信局"),  # 〔〕 on its own line
    "五（一）": ("能源局", "生态环境局、发展改革委"),  # 〔〕
    "五（二）": ("能源局", "生态环境局、发展改革委、委组织部"),
    "五（三）": ("委宣传部", "机关事务服务中心、能源局、发展改革委、科技局、生态环境局、妇联"),
}


@pytest.mark.parametrize("path, gold", TAIYUAN_GOLD.items())
def test_taiyuan_gold(seed_results, path, gold):
    lead, co, _ = _roles(seed_results, "taiyuan", path)
    assert (lead, co) == (_full(gold[0], "太原市"), _full(gold[1], "太原市"))


@pytest.mark.parametrize("path, gold", JINCHENG_GOLD.items())
def test_jincheng_gold(seed_results, path, gold):
    lead, co, _ = _roles(seed_results, "jincheng", path)
    assert (lead, co) == (_full(gold[0], "晋城市"), _full(gold[1], "晋城市"))


@pytest.mark.parametrize("key, gold", [("taiyuan", TAIYUAN_GOLD), ("jincheng", JINCHENG_GOLD)])
def test_no_responsibility_outside_gold(seed_results, key, gold):
    clauses, document, (resps, _, _) = seed_results[key]
    with_lead_or_co = {r.clause_id.split("#", 1)[1] for r in resps if r.role != "implementing"}
    assert with_lead_or_co == set(gold)


def test_taiyuan_implementing_and_carry_over(seed_results):
    clauses, document, (resps, _, _) = seed_results["taiyuan"]
    first = [r for r in resps if r.clause_id.endswith("#三（一）") and r.role == "implementing"]
    assert [(r.agency, r.source) for r in first] == [
        ("太原市各县（市、区）政府", "annotation"),
        ("太原市开发区管委会", "annotation"),
    ]
    carried = {r.clause_id.split("#", 1)[1] for r in resps if r.source == "carry_over"}
    # every later task clause, never an earlier clause or the closing
    assert "三（二）" in carried and "五（三）" in carried and "三（一）" not in carried and "结尾" not in carried
    assert all(r.confidence == 0.9 and r.role == "implementing" for r in resps if r.source == "carry_over")
    assert not any(r.clause_id.split("#", 1)[1].startswith(("一", "二", "前言")) for r in resps)


def test_jincheng_carry_over(seed_results):
    clauses, document, (resps, _, _) = seed_results["jincheng"]
    nine = [(r.agency, r.source) for r in resps if r.clause_id.endswith("#三（九）") and r.role == "implementing"]
    assert nine == [("晋城市各县（市、区）政府", "carry_over")]
    assert not any(r.clause_id.endswith(("#二", "#一")) for r in resps)


def test_shanxi_has_no_responsibilities(seed_results):
    assert seed_results["shanxi"][2] == ([], [], [])


def test_liaoning_only_the_prose_responsibility(seed_results):
    clauses, document, (resps, agencies, successions) = seed_results["liaoning"]
    assert [(r.clause_id.split("#", 1)[1], r.agency, r.role, r.source, r.confidence) for r in resps] == [
        # a field's department written without its level, as the plan names its own ("环保部门要持续开展专项执法")
        ("七（二十四）", "辽宁省环保部门", "lead", "prose", 0.6),
        # the cities' governments named as a duty's subject ("各市政府…负总责") carry it out (issue 9.3: never lead)
        ("八（二十六）", "辽宁省各市政府", "implementing", "prose", 0.6),
        ("八（二十七）", "辽宁省发展改革委", "lead", "prose", 0.6),
        ("八（二十七）", "辽宁省环保厅", "co", "prose", 0.6),
    ]
    assert ("辽宁省环保厅", "辽宁省生态环境厅", 2018) in [(s.predecessor, s.successor, s.year) for s in successions]


def test_annotation_evidence_is_the_annotation(seed_results):
    _, _, (resps, _, _) = seed_results["taiyuan"]
    r = next(r for r in resps if r.clause_id.endswith("#三（九）") and r.role == "lead")
    assert r.evidence == "（市生态环境局、市工信局、市交通局等按职责分工负责）" or "市交通局等按职责分工负责" in r.evidence
    assert (r.source, r.confidence) == ("annotation", 1.0)


def _clause(doc_id: str, path: str, kind: str, text: str, order: int, parent: str | None = None) -> Clause:
    return Clause(
        clause_id=f"{doc_id}#{path}", doc_id=doc_id, kind=kind, number="", path=path, heading="",
        text=text, parent_id=f"{doc_id}#{parent}" if parent else None, order=order,
    )


def test_sub_item_annotation_goes_to_innermost_unit():
    doc = Document(doc_id="d", source="d.txt", title="", region="武汉市")
    parent_text = "（一）推进能源结构调整。\n1.控制煤炭消费。（责任单位：市发改委）\n2.发展可再生能源。（责任单位：市经信局、市城管执法委）"
    clauses = [
        _clause("d", "三（一）", "clause", parent_text, 1),
        _clause("d", "三（一）1", "item", "1.控制煤炭消费。（责任单位：市发改委）", 2, "三（一）"),
        _clause("d", "三（一）2", "item", "2.发展可再生能源。（责任单位：市经信局、市城管执法委）", 3, "三（一）"),
    ]
    resps, agencies, _ = extract_responsibilities(clauses, doc)
    assert [(r.clause_id, r.agency, r.role) for r in resps] == [
        ("d#三（一）1", "武汉市发改委", "lead"),
        ("d#三（一）2", "武汉市经信局", "lead"),
        ("d#三（一）2", "武汉市城管执法委", "co"),
    ]
    assert [a.canonical for a in agencies] == ["武汉市发展和改革委员会", "武汉市经济和信息化局", "武汉市城市管理执法委员会"]


def test_several_annotations_in_one_clause_are_united():
    doc = Document(doc_id="t", source="t.txt", title="", region="天津市")
    text = (
        "（三）推进工业绿色升级。培育一批绿色制造单位。（市工业和信息化局、各区人民政府按职责分工负责）"
        "推广粉煤灰综合利用技术。（市工业和信息化局、市发展改革委、各区人民政府按职责分工负责）"
    )
    resps, _, _ = extract_responsibilities([_clause("t", "二（三）", "clause", text, 1)], doc)
    assert [(r.agency, r.role) for r in resps] == [
        ("天津市工业和信息化局", "lead"),
        ("天津市各区人民政府", "implementing"),
        ("天津市发展改革委", "co"),
    ]
    assert resps[2].evidence == "（市工业和信息化局、市发展改革委、各区人民政府按职责分工负责）"


@pytest.mark.parametrize(
    "text, agency, role, evidence",
    [
        # 天津: the same lead named by two annotations of one clause -> both annotations in its evidence
        (
            "（三）推进工业绿色升级。培育绿色制造单位。（市工业和信息化局、各区人民政府按职责分工负责）"
            "推广粉煤灰综合利用技术。（市工业和信息化局、市发展改革委、各区人民政府按职责分工负责）",
            "天津市工业和信息化局",
            "lead",
            "（市工业和信息化局、各区人民政府按职责分工负责）（市工业和信息化局、市发展改革委、各区人民政府按职责分工负责）",
        ),
        # a co-responsible agency named again as co by a later annotation of the same clause
        (
            "（十二）促进绿色产品消费。加强节能环保技术推广。（市发展改革委、市工业和信息化局按职责分工负责）"
            "推动绿色产品认证。（市市场监管委、市工业和信息化局按职责分工负责）",
            "天津市工业和信息化局",
            "co",
            "（市发展改革委、市工业和信息化局按职责分工负责）（市市场监管委、市工业和信息化局按职责分工负责）",
        ),
    ],
)
def test_repeated_role_keeps_every_annotation_as_evidence(text, agency, role, evidence):
    doc = Document(doc_id="t", source="t.txt", title="", region="天津市")
    resps, _, _ = extract_responsibilities([_clause("t", "二（三）", "clause", text, 1)], doc)
    got = [r for r in resps if (r.agency, r.role) == (agency, role)]
    assert len(got) == 1  # still one edge per (agency, clause, role)
    assert got[0].evidence == evidence


def test_clause_without_annotation_gets_none():
    doc = Document(doc_id="s", source="s.txt", title="", region="山西省")
    text = "（一）加快淘汰落后产能。认真贯彻落实《国务院关于化解产能严重过剩矛盾的指导意见》（国发〔2013〕41号），严格项目管理。"
    assert extract_responsibilities([_clause("s", "二（一）", "clause", text, 1)], doc) == ([], [], [])


@pytest.mark.parametrize(
    "issuer, title, region, expected",
    [
        # 黑龙江 73: the plan of the 厅's own office; divisions belong to the 厅
        ("黑龙江省生态环境厅办公室", "黑龙江关于2021-2023年推动碳达峰、碳中和工作滚动实施方案", "黑龙江省",
         "黑龙江省生态环境厅气候处"),
        # 江苏 244: no issuer line; the title names the department
        ("", "省生态环境厅2021年度推动碳达峰、碳中和工作计划", "江苏省", "江苏省生态环境厅气候处"),
        # a government plan: no department to attach divisions to
        ("江苏省人民政府", "江苏省推动碳达峰工作计划", "江苏省", "江苏省气候处"),
    ],
)
def test_divisions_belong_to_the_issuing_department(issuer, title, region, expected):
    doc = Document(doc_id="d", source="d.pdf", title=title, issuer=issuer, region=region, level="provincial")
    clause = _clause("d", "一（一）", "clause", "配合制定全省碳达峰行动方案。（责任部门：气候处，完成期限：6月底）", 0)
    responsibilities, agencies, _ = extract_responsibilities([clause], doc)
    assert [(r.agency, r.role) for r in responsibilities] == [(expected, "lead")]
    assert agencies[0].region == region


@pytest.mark.parametrize(
    "issuer, title, region, text, expected",
    [
        # pdf2 231 辽宁省自然资源厅 清单: a long division name on a label line
        ("辽宁省自然资源厅", "辽宁省自然资源厅2021年度生态环境保护工作计划和措施清单", "辽宁省",
         "配合省统计局填报2019年度辽宁省土地资源存量及变动表。\n责任处室：自然资源所有者权益处\n完成时限：2021年12月底前",
         "辽宁省自然资源厅自然资源所有者权益处"),
        # a city bureau's 科 (pdf2 261 齐齐哈尔 住建局)
        ("齐齐哈尔市住房和城乡建设局", "齐齐哈尔市住房和城乡建设局城乡建设领域碳达峰行动分工", "齐齐哈尔市",
         "推进城市绿色照明。（责任单位：市政基础设施建设科）", "齐齐哈尔市住房和城乡建设局市政基础设施建设科"),
    ],
)
def test_long_division_names_and_sections_belong_to_the_department(issuer, title, region, text, expected):
    doc = Document(doc_id="d", source="d.pdf", title=title, issuer=issuer, region=region, level="provincial")
    responsibilities, _agencies, _ = extract_responsibilities([_clause("d", "一（二）3", "item", text, 0)], doc)
    assert [(r.agency, r.role) for r in responsibilities] == [(expected, "lead")]


def test_issuer_and_actors_only_in_clauses_without_annotation():
    """黑龙江 73 四（十一）: its annotation names the division, so the subjectless 会同 sentence adds nobody; an
    unannotated clause of the same plan gets the issuing department (and, 天津 341, an actor sentence its subject)."""
    doc = Document(doc_id="h", source="h.pdf", title="黑龙江关于2021-2023年推动碳达峰、碳中和工作滚动实施方案",
                   issuer="黑龙江省生态环境厅办公室", region="黑龙江省", level="provincial")
    clauses = [
        _clause("h", "四（十一）", "clause", "（十一）研究建立碳普惠机制，会同省碳排放权交易中心推进碳普惠及碳汇交易平台建设"
                "(责任部门：气候处，完成期限：2023年)", 0),
        _clause("h", "四（十二）", "clause", "（十二）会同省财政厅研究制定碳汇项目支持政策。", 1),
        _clause("h", "四（十三）", "clause", "（十三）省林业和草原局每年组织开展林业碳汇计量监测。", 2),
    ]
    resps, _, _ = extract_responsibilities(clauses, doc)
    by_clause: dict[str, list[tuple[str, str]]] = {}
    for r in resps:
        by_clause.setdefault(r.clause_id.split("#")[1], []).append((r.agency, r.role))
    assert by_clause["四（十一）"] == [("黑龙江省生态环境厅气候处", "lead")]
    assert by_clause["四（十二）"] == [("黑龙江省生态环境厅", "lead"), ("黑龙江省财政厅", "co")]
    assert by_clause["四（十三）"] == [("黑龙江省林业和草原局", "lead")]


@pytest.mark.parametrize(
    "title, written, expected",
    [
        # pdf2 120: a zone's own plan names its bodies with the zone's short forms
        ("关于印发《北京经济技术开发区2021年度绿色发展资金支持政策）的通知", "经开区经济发展局", "北京经济技术开发区经济发展局"),
        ("关于印发《北京经济技术开发区2021年度绿色发展资金支持政策）的通知", "开发区财政审计局", "北京经济技术开发区财政审计局"),
        ("南京江北新区碳达峰、碳中和行动计划（试行）", "新区建设与交通局", "南京江北新区建设与交通局"),
        # a plan of a city or a province names no zone
        ("天津市加快建立健全绿色低碳循环发展经济体系的实施方案", "开发区管委会", "开发区管委会"),
    ],
)
def test_bodies_of_a_zone_plan_are_the_zones(title, written, expected):
    from ingest.responsibility import zone_body, zone_of_title

    assert zone_body(written, zone_of_title(title)) == expected


def test_chengdu_comma_convention_with_named_county_governments():
    """成都 186 三（二）1: the document declares "逗号前为牵头单位"; the counties implement."""
    doc = Document(doc_id="c", source="c.pdf", title="成都市优化能源结构促进城市绿色低碳发展行动方案", region="成都市")
    clauses = [
        _clause("c", "三（一）1", "item", "1.加快生产方式低碳化转型。（责任单位：市经信局、市生态环境局、市市场监管局，"
                "各区（市）县政府（管委会）；逗号前为牵头单位，下同）", 1),
        _clause("c", "三（二）1", "item", "1.推进燃煤发电机组升级改造。推进燃煤发电机组节能降碳改造。"
                "（责任单位：市经信局、市发改委，彭州市、金堂县、大邑县政府）", 2),
    ]
    resps, agencies, _ = extract_responsibilities(clauses, doc)
    assert [(r.agency, r.role) for r in resps if r.clause_id == "c#三（二）1"] == [
        ("成都市经信局", "lead"), ("成都市发改委", "lead"),
        ("彭州市政府", "implementing"), ("金堂县政府", "implementing"), ("大邑县政府", "implementing"),
    ]
    by_name = {a.name: a for a in agencies}
    assert by_name["金堂县政府"].canonical == "金堂县人民政府" and by_name["金堂县政府"].region == "成都市"


def test_a_clause_naming_its_own_lower_governments_takes_no_carried_note():
    """武汉 113 (tests/fixtures/corpus) opens its tasks with "以下工作任务均需各区人民政府落实,不再列出" and writes 各相关区人民政府
    in one task's own 责任单位: that task is carried out by those the task names, the others by the note's."""
    doc = Document(doc_id="w", source="w.pdf", title="武汉市推动降碳及发展低碳产业工作方案", region="武汉市")
    clauses = [
        _clause("w", "二", "section", "二、重点任务（以下工作任务均需各区人民政府落实,不再列出）", 1),
        _clause("w", "二（四）2", "item", "2.推动工业园区循环化改造。（责任单位：市发改委、市经信局）", 2),
        _clause("w", "二（四）3", "item", "3.大力推进低碳产业示范园区创建。支持江夏区创建绿色建材制造低碳产业园区。"
                "（责任单位：各相关区人民政府，市发改委、市生态环境局、市经信局、市城建局）", 3),
        # (a zone's committee the task names is no lower government: the districts' governments are still carried)
        _clause("w", "二（四）4", "item", "4.建设光谷低碳科技园区。（责任单位：东湖高新区管委会，市科技局）", 4),
    ]
    resps, _agencies, _ = extract_responsibilities(clauses, doc)
    implementing = {
        cid: [r.agency for r in resps if r.clause_id == cid and r.role == "implementing"] for cid in {r.clause_id for r in resps}
    }
    assert implementing["w#二（四）2"] == ["武汉市各区人民政府"]
    assert implementing["w#二（四）3"] == ["武汉市各相关区人民政府"]
    assert "武汉市各区人民政府" in implementing["w#二（四）4"]


def test_liaoyuan_zone_committee_and_youth_league():
    """辽源 357 七（二十五）: 辽源高新区管委会 implements like 各县区政府; 团市委 -> 共青团辽源市委."""
    doc = Document(doc_id="l", source="l.pdf", title="辽源市加快建立健全绿色低碳循环发展经济体系实施方案", region="辽源市")
    text = ("（二十五）做好舆论宣传。（责任单位：市发展改革委、市总工会、团市委、市妇联、市广播电视台，"
            "各县区政府、辽源高新区管委会按职责分工负责）")
    resps, agencies, _ = extract_responsibilities([_clause("l", "七（二十五）", "clause", text, 1)], doc)
    assert [(r.agency, r.role) for r in resps] == [
        ("辽源市发展改革委", "lead"), ("辽源市总工会", "co"), ("共青团辽源市委", "co"), ("辽源市妇联", "co"),
        ("辽源市广播电视台", "co"), ("辽源市各县区政府", "implementing"), ("辽源高新区管委会", "implementing"),
    ]
    assert {a.name: a.is_government for a in agencies}["共青团辽源市委"] is False


# ---------------------------------------------------------------------------------------------
# Short forms resolved against the full names the same document writes (issue 9 item 7)
# ---------------------------------------------------------------------------------------------

SHORT_FORM_CASES = [
    # a 北京 plan writing both forms (514 北京市绿色社区创建行动实施方案 writes 市住房城乡建设委)
    (["市住建委", "市住房和城乡建设委员会"], "北京市", {"北京市住建委": "北京市住房和城乡建设委员会"}),
    # 经信委 ~ 经济和信息化委员会 (辽宁 plans write 省经信委 beside 省经济和信息化委员会)
    (["省经信委", "省经济和信息化委员会"], "辽宁省", {"辽宁省经信委": "辽宁省经济和信息化委员会"}),
    # two long names would fit: no guess
    (["市环保局", "市环境保护局", "市环境卫生保护局"], "太原市", {}),
    # never across regions: the 晋城 body does not give the 太原 one its name
    (["市住建委", "晋城市住房和城乡建设委员会"], "太原市", {}),
]


@pytest.mark.parametrize("names, region, expected", SHORT_FORM_CASES)
def test_short_forms_take_the_documents_full_name(names, region, expected):
    from ingest.responsibility import resolve_short_forms

    before = {a.name: a.canonical for a in qualify_agencies(names, region)}
    after = {a.name: a.canonical for a in resolve_short_forms(qualify_agencies(names, region))}
    for name, canonical in after.items():
        assert canonical == expected.get(name, before[name])


# ---------------------------------------------------------------------------------------------
# Forms met in the first frozen half after its measurement (a development set since)
# ---------------------------------------------------------------------------------------------


def _one_clause(text: str, region: str) -> list[tuple[str, str]]:
    from ingest.repair import repair_text

    doc = Document(doc_id="x", source="x.txt", title="", region=region)
    clause = Clause(clause_id="x#一（一）", doc_id="x", kind="clause", number="（一）", path="一（一）",
                    heading="", text=repair_text(text), parent_id=None, order=1)
    resps, _, _ = extract_responsibilities([clause], doc)
    return [(r.agency, r.role) for r in resps]


@pytest.mark.parametrize(
    "text, region, expected",
    [
        # 319 宁夏: U+2236 as the label colon, 自治区 as the level word, the prefix carried over the list
        ("（二）推进城乡绿色规划建设。（责任单位∶自治区自然资源厅、发展改革委、住房城乡建设厅）", "宁夏回族自治区",
         [("宁夏回族自治区自然资源厅", "lead"), ("宁夏回族自治区发展改革委", "co"), ("宁夏回族自治区住房城乡建设厅", "co")]),
        ("（十五）加强宣传引导。（责任单位：自治区党委宣传部、住房城乡建设厅）", "宁夏回族自治区",
         [("宁夏回族自治区党委宣传部", "lead"), ("宁夏回族自治区住房城乡建设厅", "co")]),
        # 490 三明: label lines one under the other are one annotation (牵头单位 + 责任单位 -> co)
        ("1.加强林业碳汇计量评估。开展碳汇计量评估监测。\n牵头单位：市林业局\n责任单位：市发改委、生态环境局，各县（市、区）人民政府",
         "三明市",
         [("三明市林业局", "lead"), ("三明市发改委", "co"), ("三明市生态环境局", "co"),
          ("三明市各县（市、区）人民政府", "implementing")]),
        # 565 广西: a heading line without a full stop is not part of the prose subject
        ("（二）加强规划监测评估\n自治区发展改革委牵头组织开展规划实施情况的监测分析和中期评估。", "广西壮族自治区",
         [("广西壮族自治区发展改革委", "lead")]),
        # 382 山东: "由A、B等部门牵头" in prose
        ("建立统计制度。由省发展改革委、省统计局等部门牵头，建立能耗数据统计制度。", "山东省",
         [("山东省发展改革委", "lead"), ("山东省统计局", "lead")]),
    ],
)
def test_forms_from_the_first_frozen_half(text: str, region: str, expected: list[tuple[str, str]]) -> None:
    assert _one_clause(text, region) == expected


def test_a_ratio_keeps_its_ratio_sign() -> None:
    from ingest.repair import repair_text

    assert "1.25∶1" in repair_text("钢铁项目产能置换比例不低于1.25∶1。")
    assert "责任单位：" in repair_text("（责任单位∶市发展改革委）")


@pytest.mark.parametrize(
    "names, region, province, expected",
    [
        # a province's department written with its short name (issue 9 item 4), in the province's plan and its cities'
        (["广西发展改革委", "交通运输厅"], "南宁市", "广西壮族自治区", ["广西壮族自治区发展改革委", "广西壮族自治区交通运输厅"]),
        (["宁夏财政厅"], "宁夏回族自治区", None, ["宁夏回族自治区财政厅"]),
        (["内蒙古能源局"], "呼和浩特市", "内蒙古自治区", ["内蒙古自治区能源局"]),
        # a long full name after another province's body is explicit (never 江西省广西壮族自治区…)
        (["江西省发展改革委", "广西壮族自治区财政厅", "交通运输厅"], "南宁市", "广西壮族自治区",
         ["江西省发展改革委", "广西壮族自治区财政厅", "广西壮族自治区交通运输厅"]),
        # regulators and companies named after a province stay as written
        (["四川证监局", "山西路桥集团"], "成都市", "四川省", ["四川证监局", "山西路桥集团"]),
    ],
)
def test_province_short_and_full_names(names, region, province, expected):
    assert [a.name for a in qualify_agencies(names, region, province)] == expected


@pytest.mark.parametrize(
    "text, place, expected",
    [
        # a body written with the document's place instead of a level (pdf2 262 三明 三（一）)
        ("三明银保监分局、市金融监管局将不定期召开绿色金融发展联席会议，协调推进绿色金融发展工作。", "三明",
         [("三明银保监分局", "lead"), ("市金融监管局", "co")]),
        ("三明银保监分局、市金融监管局将不定期召开绿色金融发展联席会议。", "", []),
        # the place alone, or another place, is no body
        ("三明将不定期召开绿色金融发展联席会议。", "三明", []),
        # a 局 without its level word in a place's own document is the place's (pdf2 445 海西 第十一章第四节), after a long
        # framing clause; never a national body's short name or a word ending in 局 (pdf2 437 南充), nor in no place's text
        ("当环境保护工作形势和外环境发生重大变化或因其他重要原因使环境保护工作实际运行偏离规划目标时，生态环境局应适时提出调整方案，"
         "确保规划顺利实施。", "海西", [("生态环境局", "lead")]),
        ("当规划实际运行偏离规划目标时，生态环境局应适时提出调整方案。", "", []),
        ("当电力供需形势发生变化时，能源局应及时调整方案。", "海西", []),
        ("严格项目准入，油气化工产业布局应充分考虑资源富集、环境风险可控区域。", "南充", []),
        # the plan's whole area before a level's departments (pdf2 83 海南 （三）): the level's departments
        ("全省各级生态环境部门（含行政审批部门）要提高站位并抓好落实，指导和督促建设单位、规划编制机关及环评编制单位在相关规划或项目"
         "环评编制中同步开展碳排放环境影响评价。", "海南", [("各级生态环境部门", "lead")]),
        ("福州银保监分局将加强监管。", "三明", []),
        # a short name defined in brackets after the body is read past (重庆 175 第一章第五条)
        ("重庆碳排放权交易中心（以下简称“交易中心”）为“碳惠通”项目自愿减排量（以下简称“CQCER”）交易提供交易场所、交易设施。", "重庆",
         [("重庆碳排放权交易中心", "lead")]),
    ],
)
def test_actors_written_with_the_documents_place(text, place, expected):
    got = find_prose_responsibilities(text, actors=True, place=place)
    assert [(n, r) for n, r, _ in got] == expected


@pytest.mark.parametrize(
    "name, region, expected",
    [
        # pdf2 548 上海 四（一） "各区生态环境局负责区域内低碳示范创建工作的动员和组织协调工作"; 101 福建 第五十一条
        ("各区生态环境局", "上海市", True),
        ("地方各级人民政府", "福建省", True),
        ("各县市场监管局", "山东省", True),
        ("市生态环境局", "上海市", False),
        ("省人民政府生态环境主管部门", "福建省", False),
        ("各区生态环境局", "", False),
    ],
)
def test_lower_level_prose_subjects_implement(name, region, expected):
    from ingest.responsibility import lower_level_prose_subject

    assert lower_level_prose_subject(name, region) is expected


# Division-duty lists ("当前具体业务分工如下：" then "body：duties" lines): pdf2 261 齐齐哈尔市住房和城乡建设局's own
# divisions and units; labels of other kinds and contact lines name no duty
DUTY_LINE_CASES = [
    ("市房屋征收中心：督促指导各县（市）区稳步推进城镇棚户区改造；指导各地完善房屋征收管理制度。", "",
     [("市房屋征收中心", "lead")]),
    ("市市政设施管护中心：协同推进城市绿色照明。", "", [("市市政设施管护中心", "co")]),
    ("市政基础设施建设科：推进城市绿色照明。", "齐齐哈尔市住房和城乡建设局", [("市政基础设施建设科", "lead")]),
    ("组织人事科：运用局微信公众号等媒体，及时宣传报道碳达峰行动工作成效。", "齐齐哈尔市住房和城乡建设局",
     [("组织人事科", "lead")]),
    # a division outside a department's own plan is no body
    ("市政基础设施建设科：推进城市绿色照明。", "", []),
    ("组长：张勇市住建局局长", "齐齐哈尔市住房和城乡建设局", []),
    ("成员：陈磊市住建局办公室主任", "齐齐哈尔市住房和城乡建设局", []),
    ("市发展改革委：王某，联系电话0351-1234567。", "", []),
    # a year is no phone number; a numbered line is a duty line too; the addressees of a notice are none
    ("1.市房屋征收中心：2025年底前完成城镇棚户区改造任务。", "", [("市房屋征收中心", "lead")]),
    ("各县（市）区人民政府、市直有关部门：现将《实施方案》印发给你们，请认真贯彻落实。", "", []),
    # bodies listed on one line lead together only when the line says so
    ("市市政设施管护中心、市排水管护中心：共同推进海绵城市建设工作。", "", [("市市政设施管护中心", "lead"), ("市排水管护中心", "lead")]),
    ("市市政设施管护中心、市排水管护中心：推进海绵城市建设工作。", "", [("市市政设施管护中心", "lead"), ("市排水管护中心", "co")]),
]


@pytest.mark.parametrize("line, issuer, expected", DUTY_LINE_CASES)
def test_division_duty_lines(line, issuer, expected):
    got = find_prose_responsibilities(line, actors=True, issuer=issuer)
    assert [(n, r) for n, r, _ in got] == expected


def _parse_excerpt(tmp_path, title: str, text: str):
    """A document's excerpt (as its text layer reads) written to a .txt named by its title, parsed by the pipeline."""
    from ingest.pipeline import parse_file

    doc = tmp_path / f"{title}.txt"
    doc.write_text(text, encoding="utf-8")
    return parse_file(doc)


def test_an_annotation_naming_only_co_bodies_leaves_the_lead_to_the_subject(tmp_path):
    # pdf2 293 安徽省生态环境厅: "…处负责…（配合单位：…）" — the division leads, the 配合单位 are co
    parsed = _parse_excerpt(tmp_path, "安徽省生态环境厅关于成立碳达峰行动方案编制工作领导小组的通知", (
        "安徽省生态环境厅关于成立碳达峰行动方案编制工作领导小组的通知\n"
        "一、成员单位职责分工\n"
        "（一）生态环境监测处负责组织开展温室气体和重点行业企业碳排放监测试点，在生态环境状况公报中增加应对气候变化内容。"
        "（配合单位：省生态环境监测中心、省环境信息中心）\n"
        "（二）宣传教育处负责做好绿色低碳发展和应对气候变化工作成效宣传。\n"
    ))
    roles = {(r.agency, r.role) for r in parsed.responsibilities if r.clause_id.endswith("（一）")}
    assert roles == {
        ("安徽省生态环境厅生态环境监测处", "lead"),
        ("安徽省生态环境监测中心", "co"),
        ("安徽省环境信息中心", "co"),
    }


# the body a matter is submitted to for review is responsible for reviewing it (pdf2 83 海南省生态环境厅 notice,
# 480 沈阳 办法); an unnamed or a government body is none
REVIEWED_BY_CASES = [
    ("新建“两高”项目应该在开展环评工作时同步开展碳评工作，并将碳评文件报我厅审查。", "海南省生态环境厅", [("海南省生态环境厅", "lead")]),
    ("纳入配额管理的单位分立的，应当制定合理的配额分配方案，并于分立后15日内报市生态环境主管部门审定。", "",
     [("市生态环境主管部门", "lead")]),
    ("重点排放单位应于每年3月31日前将排放报告报市生态环境局备案。", "", [("市生态环境局", "lead")]),
    ("经审核后报省发展改革委、省财政厅审定。", "", [("省发展改革委", "lead"), ("省财政厅", "co")]),
    ("企业应将整改方案报送有关部门审核。", "", []),
    ("项目单位将申报材料报所在地县级人民政府审核。", "", []),
    # … or hands it in to, with 向 (pdf2 398 上海市生态环境局's notice, 175 重庆 碳惠通 办法, 331 湖北 核查机构 办法); a
    # sender that is a body of its own (514 北京 各区政府) or an unnamed receiver is none
    ("有意愿使用CCER抵销的重点排放单位，于2021年12月10日前，向我局提交申请表。", "上海市生态环境局", [("上海市生态环境局", "lead")]),
    ("申请“碳惠通”项目备案需向市生态环境局提交以下材料：", "", [("市生态环境局", "lead")]),
    ("核查机构如对考评结果有异议，可以在收到结果之日起10个工作日内向省生态环境厅提出复核申请。", "", [("省生态环境厅", "lead")]),
    ("各区政府每季度向市住房城乡建设委报送绿色社区创建工作进展情况。", "", []),
    ("交易主体应当向交易场所提交申请，建立交易账户。", "", []),
    ("如有任何机构或个人假借我局工作人员名义向企业收取费用的，请知情者向我局举报。", "深圳市工业和信息化局", []),
    # results reported up name who is told, not who works (541 山西 八（五）, 222 福州 第六章第二节)
    ("评估和考核结果向省生态环境保护委员会报告，对社会公布。", "", []),
    ("严格控制有毒有害物质排放，并按年度向生态环境主管部门报告排放情况。", "", []),
    ("评估和考核结果向省生态环境保护委员会报送。", "", []),
    # (review of round 21: a 办 / 局 in other words before 向 is no sender)
    ("根据《上海市碳排放管理试行办法》，重点排放单位应向市生态环境局提交申请。", "", [("市生态环境局", "lead")]),
    ("按照我局工作安排，有意愿的单位请于12月10日前向我局提交申请表。", "上海市生态环境局", [("上海市生态环境局", "lead")]),
    # … or sends it to, with 将…至 (pdf2 551 绿色制造名单推荐通知); a mailbox is no body (290 河北), and a report sent up
    # names who is told (398 上海 自查报告)
    ("请于2021年7月30日前将申报材料（附件1-5）纸质版一式两份寄送至工业和信息化部。", "", [("工业和信息化部", "lead")]),
    ("请各有关单位于7月15日前将相关表格报至省科技厅邮箱。", "", []),
    ("各检查机构于11月20日前将自查报告反馈至市生态环境局。", "", []),
]


# a lower place's plan sending its list up (457 益阳: "择优推荐1－2个试点示范区名单，并向省生态环境厅报送…"): the place acts,
# the province's department only receives; in the province's own document the same department handles it (504 广东)
@pytest.mark.parametrize(
    "sentence, place, expected",
    [
        ("根据调查评估结果，择优推荐1－2个试点示范区名单，并向省生态环境厅报送示范区建设方案。", "益阳", []),
        ("控排企业应于6月10日前向省生态环境厅提交上缴配额申请。", "广东", [("省生态环境厅", "lead")]),
        ("项目单位于3月1日前向国家发展改革委报送申报材料。", "益阳", []),
        ("企业向自治区发展改革委申报项目。", "南宁", []),
        ("有意愿的重点排放单位向我局提交申请表。", "上海", [("上海市生态环境局", "lead")]),
    ],
)
def test_a_body_above_the_document_receiving_is_not_its_actor(sentence, place, expected):
    got = find_prose_responsibilities(sentence, actors=True, place=place, issuer="上海市生态环境局")
    assert [(n, r) for n, r, _ in got] == expected


@pytest.mark.parametrize("sentence, issuer, expected", REVIEWED_BY_CASES)
def test_the_body_a_matter_is_submitted_to_reviews_it(sentence, issuer, expected):
    got = find_prose_responsibilities(sentence, actors=True, issuer=issuer)
    assert [(n, r) for n, r, _ in got] == expected


def test_a_unit_with_several_annotations_is_not_inherited():
    from ingest.responsibility import inherited_from_unit

    parents = {"d#三（一）1": "d#三（一）", "d#三（一）": "d#三", "d#三": None}
    one = {"d#三（一）": [("天津市发展改革委", "（市发展改革委牵头）")]}
    several = {"d#三（一）": [("天津市城市管理委", "（市城市管理委负责）"), ("天津市生态环境局", "（市生态环境局负责）")]}
    assert inherited_from_unit("d#三（一）1", parents.get, lambda c: one.get(c, []), lambda r: r[1]) == one["d#三（一）"]
    assert inherited_from_unit("d#三（一）1", parents.get, lambda c: several.get(c, []), lambda r: r[1]) == []
    assert inherited_from_unit("d#三", parents.get, lambda c: one.get(c, []), lambda r: r[1]) == []


# --------------------------------------------------------------------------------------------
# Short forms a document defines for a body ("以下简称“主管部门”")
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "texts, place, expected",
    [
        # pdf2 331 湖北 第三条: the body named in full with the role it is defined by
        (["省生态环境厅作为核查工作的业务主管部门(以下简称“主管部门”)，负责监督核查机构碳排放核查工作。"], "湖北",
         {"主管部门": "省生态环境厅"}),
        # pdf2 175 重庆: a body's own name; a short form that names no body (CQCER) is left
        (["重庆碳排放权交易中心（以下简称“交易中心”）为“碳惠通”项目自愿减排量（以下简称“CQCER”）交易的组织机构。"], "重庆",
         {"交易中心": "重庆碳排放权交易中心"}),
        # a defined term that is no body (核查机构 are companies) is not an actor
        (["本办法所称碳排放第三方核查机构(以下简称“核查机构”)，是与业务主管部门签订购买协议的机构。"], "湖北", {}),
    ],
)
def test_defined_bodies(texts, place, expected):
    from ingest.responsibility import defined_bodies

    assert defined_bodies(texts, place=place) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # pdf2 331 第十条 / 第十四条: the short form used as a subject or object is the body; inside a longer word
        # (业务主管部门) or in its own definition it stays
        ("年度核查工作完成后，主管部门根据核查报告的时效性与完整性组织对核查机构进行考核评价。",
         "年度核查工作完成后，省生态环境厅根据核查报告的时效性与完整性组织对核查机构进行考核评价。"),
        ("任何单位和个人有权向主管部门投诉，主管部门将依法依规处理。", "任何单位和个人有权向省生态环境厅投诉，省生态环境厅将依法依规处理。"),
        ("省生态环境厅作为核查工作的业务主管部门(以下简称“主管部门”)",
         "省生态环境厅作为核查工作的业务主管部门(以下简称“主管部门”)"),
    ],
)
def test_with_defined_bodies(text, expected):
    from ingest.responsibility import with_defined_bodies

    assert with_defined_bodies(text, {"主管部门": "省生态环境厅"}) == expected


def test_defined_short_form_acts_in_later_articles(tmp_path):
    """pdf2 331 湖北 (excerpt as its text layer reads): the articles that name the body only by the short form the
    document defines are its responsibilities."""
    parsed = _parse_excerpt(tmp_path, "湖北省碳排放第三方核查机构管理办法", (
        "湖北省碳排放第三方核查机构管理办法\n"
        "第三条 省生态环境厅作为核查工作的业务主管部门(以下简称“主管部门”)，负责监督核查机构碳排放核查工作，审核核查报告。\n"
        "第十条 年度核查工作完成后，主管部门根据核查报告的时效性与完整性、核查结论的规范性和准确性等要求组织对核查机构进行考核评价，"
        "考评结果向社会公开。\n"
        "第十一条 核查机构应配合主管部门的监督工作，如实提供所需材料和信息。\n"
    ))
    roles = {(r.clause_id.split("#")[-1], r.agency, r.role) for r in parsed.responsibilities}
    assert ("第十条", "湖北省生态环境厅", "lead") in roles, roles
    # the body a 核查机构 assists is no responsibility of the body in that article
    assert not any(c == "第十一条" for c, _a, _r in roles), roles


def test_national_bodies_named_without_guojia(tmp_path):
    """pdf2 383 (excerpt): a national document names 国家发展改革委 / 国家能源局 in its header, then "发展改革委、能源局"."""
    parsed = _parse_excerpt(tmp_path, "关于加快建设全国统一电力市场体系的指导意见", (
        "国家发展改革委 国家能源局关于加快建设全国统一电力市场体系的指导意见\n"
        "七、加强组织实施\n"
        "（一）强化组织落实。发展改革委、能源局要加强对统一电力市场体系建设的总体指导，统筹考虑能源资源禀赋。\n"
    ))
    roles = {(r.agency, r.role) for r in parsed.responsibilities}
    assert roles == {("国家发展改革委", "lead"), ("国家能源局", "co")}, roles


def test_a_whole_levels_departments_lead_alone_and_implement_beside_a_named_body(tmp_path):
    """pdf2 393 企业环境信息依法披露管理办法 (excerpt): "省级生态环境主管部门应当…" alone names the responsible body (it
    leads); beside "生态环境部负责…" in one article, "设区的市级以上地方生态环境主管部门负责本行政区域…" carries it out."""
    parsed = _parse_excerpt(tmp_path, "企业环境信息依法披露管理办法", (
        "企业环境信息依法披露管理办法\n"
        "第一章 总则\n"
        "第三条 生态环境部负责全国环境信息依法披露的组织、指导、监督和管理。设区的市级以上地方生态环境主管部门负责本行政区域"
        "环境信息依法披露的组织实施和监督管理。\n"
        "第四章 监督管理\n"
        "第二十三条 省级生态环境主管部门应当于每年4月底前将相关情况报送生态环境部。\n"
    ))
    roles = {(r.clause_id.split("#")[-1], r.agency, r.role) for r in parsed.responsibilities}
    assert roles == {
        ("第一章第三条", "生态环境部", "lead"),
        ("第一章第三条", "设区的市级以上地方生态环境主管部门", "implementing"),
        ("第四章第二十三条", "省级生态环境主管部门", "lead"),
    }, roles


@pytest.mark.parametrize(
    "text, expected",
    [
        # pdf2 314 浦东 第五条: the level's fields listed before 等部门 after 会同 are that level's departments
        ("市生态环境部门会同市发展改革等部门，根据绿色企业评价要求、评价标准和绿色项目认定条件，统筹市级各行业主管部门建立绿色项目库。",
         [("市生态环境部门", "lead"), ("市发展改革部门", "co")]),
        # pdf2 517 长沙 / 520 哈尔滨 style: several fields share the level written once
        ("市住房城乡建设局会同市发展改革、自然资源规划等部门完善绿色建筑管理制度。",
         [("市住房城乡建设局", "lead"), ("市发展改革部门", "co"), ("市自然资源规划部门", "co")]),
        # a field beginning with 市场 is no level word
        ("省生态环境厅会同省发展改革、市场监管等部门开展专项检查。",
         [("省生态环境厅", "lead"), ("省发展改革部门", "co"), ("省市场监管部门", "co")]),
        # named bodies keep their names; an unnamed list ("有关部门") adds nobody
        ("市住建局会同市发改委等部门推进。", [("市住建局", "lead"), ("市发改委", "co")]),
        ("市住建局会同有关部门推进绿色建筑创建。", [("市住建局", "lead")]),
        # pdf2 314 第十七条: a field's department written with the place instead of a level acts
        ("浦东新区生态环境部门应当每年制定并公布应投保企业名录。", [("浦东新区生态环境部门", "lead")]),
        ("浦东新区有关部门应当加强监管。", []),
    ],
)
def test_fields_listed_before_a_shared_department_word(text, expected):
    got = find_prose_responsibilities(text, actors=True, place="浦东" if "浦东" in text else "")
    assert [(n, r) for n, r, _ in got] == expected


def test_a_district_plans_city_level_bodies_are_its_citys():
    """pdf2 314 (上海市浦东新区绿色金融发展若干规定): "市…部门" in a district's document is the city's (上海市…); a
    district body written with the district's name keeps it as written."""
    doc = Document(doc_id="p", source="p.pdf", title="上海市浦东新区绿色金融发展若干规定", issuer="",
                   region="浦东新区", level="county")
    clauses = [
        _clause("p", "第五条", "clause", "市生态环境部门会同市发展改革等部门，统筹市级各行业主管部门建立绿色项目库。", 0),
        _clause("p", "第十七条", "clause", "浦东新区生态环境部门应当每年制定并公布应投保企业名录。", 1),
    ]
    resps, _, _ = extract_responsibilities(clauses, doc)
    got = sorted((r.clause_id.split("#")[1], r.agency, r.role) for r in resps)
    assert got == [
        ("第五条", "上海市发展改革部门", "co"),
        ("第五条", "上海市生态环境部门", "lead"),
        ("第十七条", "浦东新区生态环境部门", "lead"),
    ]


def test_a_body_two_sentences_name_in_two_roles_keeps_both():
    """pdf2 314 浦东 第五条: the departments of a fields list draw up the criteria; 市生态环境部门 then leads the project
    library with 市发展改革 — each sentence's roles are kept for the question to choose (the answer lists a body once,
    in its highest role)."""
    doc = Document(doc_id="p", source="p.txt", title="上海市浦东新区绿色金融发展若干规定", region="上海市")
    text = (
        "市发展改革、经济信息化、科技、生态环境、住房城乡建设管理、交通、市场监管等部门根据国家规定，研究制定行业绿色企业"
        "评价要求、评价标准和绿色项目认定条件、认定标准。市生态环境部门会同市发展改革等部门，根据绿色企业评价要求、评价标准"
        "和绿色项目认定条件、认定标准，统筹市级各行业主管部门建立绿色项目库。"
    )
    resps, _, _ = extract_responsibilities([_clause("p", "第五条", "clause", text, 1)], doc)
    roles = {(r.agency, r.role) for r in resps}
    assert ("上海市生态环境部门", "lead") in roles and ("上海市生态环境部门", "co") in roles
    assert ("上海市发展改革部门", "lead") in roles and ("上海市发展改革部门", "co") in roles
    library = [r for r in resps if "项目库" in r.evidence]
    assert {(r.agency, r.role) for r in library} == {("上海市生态环境部门", "lead"), ("上海市发展改革部门", "co")}


# another body charged in a later part of the sentence works with the one named first (222 福州 第十四章第二节; the
# first body charged before the first comma is the subject, not a framing phrase); a later part naming no body adds none
LATER_ACTOR_CASES = [
    ("市发改委加强统筹协调，市生态环境局及各相关依据分工牵头推进具体工作，各负其责。", "福州",
     [("市发改委", "lead"), ("市生态环境局", "co")]),
    ("市科技局负责项目管理，市财政局负责资金拨付和监督检查。", "南京", [("市科技局", "lead"), ("市财政局", "co")]),
    ("低碳日当天，省生态环境厅将会同省发展改革委开展宣传。", "广东", [("省生态环境厅", "lead"), ("省发展改革委", "co")]),
    ("市生态环境局负责组织实施，各有关单位要积极配合。", "福州", [("市生态环境局", "lead")]),
    # (review of round 21: a later list closed by 等部门 and its 按职责分工)
    ("市发展改革委负责统筹，市财政局、市生态环境局等部门按职责分工负责。", "太原",
     [("市发展改革委", "lead"), ("市财政局", "co"), ("市生态环境局", "co")]),
]


@pytest.mark.parametrize("sentence, place, expected", LATER_ACTOR_CASES)
def test_a_body_charged_later_in_the_sentence_works_with_the_first(sentence, place, expected):
    got = find_prose_responsibilities(sentence, actors=True, place=place)
    assert [(n, r) for n, r, _ in got] == expected


def test_bare_forms_of_bodies_the_document_lists_in_full(tmp_path):
    """pdf2 293 安徽 (excerpt as its text layer reads): the 配合单位 written by bare short forms are the institutions the
    member list names in full; pdf2 43: a ministry's department written bare acts under its full name."""
    parsed = _parse_excerpt(tmp_path, "安徽省生态环境厅关于成立碳达峰行动方案编制工作领导小组的通知", (
        "安徽省生态环境厅关于成立碳达峰行动方案编制工作领导小组的通知\n"
        "成员：省生态环境保护督察办公室、综合处、省环境工程评估中心、省环境信息中心、省辐射环境监督站、省生态环境监测中心、"
        "省环境科学研究院主要负责同志\n"
        "一、核与辐射安全监管处负责研判我省核电项目实施可行性，编制核电安全监管应对方案。（配合单位：辐射站）\n"
        "二、生态环境监测处负责组织开展温室气体和重点行业企业碳排放监测试点。（配合单位：监测中心、信息中心）\n"
    ))
    co = {r.agency for r in parsed.responsibilities if r.role == "co"}
    assert {"安徽省辐射环境监督站", "安徽省生态环境监测中心", "安徽省环境信息中心"} <= co, co
    assert not any(name in co for name in ("安徽省辐射站", "安徽省监测中心", "安徽省信息中心")), co


def test_a_duty_lists_glued_heading_bracketed_divisions_and_own_offices(tmp_path):
    """pdf2 293 安徽 (excerpt as its text layer reads): the list's heading run into its first line is read past; a division
    with a bracketed qualifier (大气环境（应对气候变化）处) leads; the department's own offices written bare (第一专员办公室)
    are its divisions."""
    parsed = _parse_excerpt(tmp_path, "安徽省生态环境厅关于成立碳达峰行动方案编制工作领导小组的通知", (
        "安徽省生态环境厅关于成立碳达峰行动方案编制工作领导小组的通知\n"
        "成员：省生态环境保护督察办公室、综合处、第一专员办公室、第二专员办公室、省环境科学研究院主要负责同志\n"
        "附件\n"
        "安徽省生态环境厅碳达峰行动方案编制工作领导小组成员单位职责分工省生态环境保护督察办公室负责将各市县应对气候变化工作情况"
        "纳入省级督察范畴（配合单位：第一专员办公室、第二专员办公室）\n"
        "大气环境（应对气候变化）处牵头负责应对气候变化工作，负责低碳试点等工作。（配合单位：环科院）\n"
    ))
    roles = {(r.agency, r.role) for r in parsed.responsibilities}
    assert ("安徽省生态环境保护督察办公室", "lead") in roles, roles
    assert ("安徽省生态环境厅第一专员办公室", "co") in roles, roles
    assert ("安徽省生态环境厅大气环境（应对气候变化）处", "lead") in roles, roles
    assert ("安徽省环境科学研究院", "co") in roles, roles


@pytest.mark.parametrize(
    "name, division",
    [
        ("综合处", True), ("大气环境（应对气候变化）处", True), ("办公室", True), ("第一专员办公室", True),
        ("领导小组办公室", False), ("市政府办公室", False), ("省生态环境厅", False), ("安全生产委员会办公室", False),
    ],
)
def test_division_names(name, division):
    from ingest.responsibility import DIVISION_RE

    assert bool(DIVISION_RE.match(name)) is division


@pytest.mark.parametrize(
    "text, place, expected",
    [
        # pdf2 430 内蒙古 第三章第一节: a league-and-city level's governments as a sentence's subject
        ("各盟市人民政府要对本行政区域内优先保护类耕地面积减少或土壤环境质量下降的旗县（市、区），进行预警提醒并依法采取区域"
         "限批等限制性措施。", "内蒙古自治区", [("各盟市人民政府", "implementing")]),
        # 424 云南 第九章第一节
        ("各州（市）人民政府应至少确定一座协同应急处置设施，确保平战结合。", "云南省", [("各州（市）人民政府", "implementing")]),
        # a department of that level stays the sentence's lead
        ("各盟市生态环境局要对本行政区域内优先保护类耕地面积减少的旗县进行预警提醒。", "内蒙古自治区",
         [("各盟市生态环境局", "lead")]),
        # pdf2 2 2030年前碳达峰行动方案 六（三）: the provinces below a national plan, named as written (no 全国 before them)
        ("各省、自治区、直辖市人民政府要组织开展碳达峰目标任务年度评估，有关工作进展和重大问题要及时向碳达峰碳中和工作领导"
         "小组报告。", "全国", [("各省、自治区、直辖市人民政府", "implementing")]),
    ],
)
def test_lower_level_governments_as_a_sentences_subject(text, place, expected):
    got = find_prose_responsibilities(text, actors=True, place=place)
    assert [(n, r) for n, r, _ in got] == expected


# Question-time reading of a sentence's actor (ingest.responsibility.sentence_actors): real sentences of clauses that
# carry no annotation; the answerer reads them only from the sentence a question asks about (search.answer_agencies)
SENTENCE_ACTOR_CASES = [
    # pdf2 366 广东 六: the second comma part opens with two departments and 将 (first listed leads)
    ("各有关部门和单位、各地市节能宣传周和低碳日活动牵头部门要及时报送活动进展及宣传材料，省发展改革委和省生态环境厅将把"
     "有关活动纳入全省节能宣传周和低碳日整体宣传范畴", "广东", (["省发展改革委", "省生态环境厅"], False)),
    # pdf2 404 福州 四（一）: a group set up to carry the work, named by its task
    ("成立市推动企业技术改造工作领导小组（附件2），负责专项行动全面工作，定期协商议事，协调解决问题", "福州",
     (["市推动企业技术改造工作领导小组"], False)),
    # pdf2 541 山西 七（三）: a body whose role the sentence names (发挥…作用)
    ("充分发挥公安机关打击违法犯罪主力军作用", "山西", (["公安机关"], False)),
    # corpus 224 福建 二（二）, pdf2 417 郑州: the lower places themselves open the sentence
    ("各设区市组织开展钢铁、电解铝等企业现有项目能效情况调查，认真排查在建项目", "福建", (["各设区市"], False)),
    ("各区县（市）要采取定期检查和现场抽查的方式，对辖区内汽油（包括含醇汽油、航空汽油）、航空煤油等经营性油品储油库油品质量进行监督检测",
     "郑州", (["各区县(市)"], False)),
    # pdf2 197 临沂 / 198 山东: a measure's object is no actor ("全部" merely ends like a department)
    ("县城新建建筑全部达到基本级绿色建筑标准", "临沂", ([], False)),
    # pdf2 168 (national) 四（二）: the park is where the measure happens, no department
    ("园区建立统一的能源申报管理平台，做好园区二氧化碳排放量核算，实施碳达峰年度报告制度", "", ([], False)),
    # pdf2 473 宁德 四（四）3: fields listed before one 部门 without 等, in a local plan: the plan's own departments of
    # those fields (as "发展改革、财政等部门要…" is read); in a national document no level is written: not read
    ("水利、生态环境部门加强监管，督促水电站运营单位严格执行水电站最小生态下泄流量", "宁德", (["水利部门", "生态环境部门"], False)),
    ("水利、生态环境部门加强监管，督促水电站运营单位严格执行水电站最小生态下泄流量", "", ([], False)),
    # bodies of other kinds charged as the subject (ingest/dictionaries/actor_kinds.txt): a sector's enterprises (pdf2
    # 213 天津, 108 青海), the media (pdf2 227 黑龙江, 242 邯郸, 355 上饶, 89 江西), courts and procuratorates with the share
    # word written once (pdf2 348 北京, 9 national)
    ("各电力企业要充分发挥市场主体作用，积极有序推进规划项目前期论证，合理安排各年度电力建设计划", "天津", (["各电力企业"], False)),
    ("电网企业积极开展消纳能力研究论证，制定消纳方案，支撑清洁能源大规模发展", "青海", (["电网企业"], False)),
    ("各类新闻媒体要讲好我省绿色低碳循环发展故事，大力宣传取得的显著成就", "黑龙江", (["各类新闻媒体"], False)),
    ("新闻媒体要大力宣传全市绿色低碳循环发展成效，积极宣传正面典型，适时曝光负面典型", "邯郸", (["新闻媒体"], False)),
    ("各级法院和检察院加强环境司法", "北京", (["各级法院", "各级检察院"], False)),
    # … charged by their own duties (按照职责分工 + a verb of the task): the power market's trading and dispatching bodies
    # (pdf2 383 national 七（三）), and a media kind the same way; the preposition alone charges nobody
    ("电力交易机构和调度机构按照职责分工做好市场运行信息的记录、汇总、分析和披露等工作，及时准确反映电力市场运行状况", "",
     (["电力交易机构", "调度机构"], False)),
    ("各类新闻媒体按照职责分工做好碳达峰碳中和宣传报道", "黑龙江", (["各类新闻媒体"], False)),
    # … with a comma before the verb (review of round 41)
    ("电力交易机构和调度机构按照职责分工，做好市场运行信息的记录、汇总、分析和披露等工作", "", (["电力交易机构", "调度机构"], False)),
    ("各类新闻媒体按照职责分工", "黑龙江", ([], False)),
    # … but not enterprises without their sector, named by rank or share, nor ones a verb addresses (pdf2 169 national,
    # 316 北京, 234 梧州; shanxi seed)
    ("有关企业要强化绿色低碳发展意识，落实主体责任，严格按照时间节点要求完成各项任务", "", ([], False)),
    ("要强化企业主体责任，各类企业要严格遵守节能环保法律法规及标准，加强内部管理", "山西", ([], False)),
    ("支持企业积极参与自愿减排交易和碳普惠机制，利用碳排放权交易机制，提升企业自主减排动力", "北京", ([], False)),
    ("鼓励引导企业积极对接多双边节能环保、清洁能源合作机制", "梧州", ([], False)),
    # a place inside the plan's own written whole as the subject (pdf2 146 天津 第三章四): its government, named with the
    # place it lies in; not in another place's plan
    ("滨海新区制定实施国四及以下排放标准货车限行政策", "天津", (["天津市滨海新区"], False)),
    ("滨海新区制定实施国四及以下排放标准货车限行政策", "上海", ([], False)),
    # the plan's own party committee and government charged together with the whole (pdf2 458 株洲 七（一）1, 424 云南
    # 第十章): both lead; the same pair as the subject of what they did is no charge (458 一（一）1, 540 广东, 413 白银)
    ("市委、市政府对全市环境治理工作负总责，贯彻执行党中央、国务院和省委、省政府各项决策部署", "株洲", (["市委", "市政府"], True)),
    ("省委、省政府对本地区环境治理负总体责任，贯彻执行党中央、国务院各项决策部署", "云南", (["省委", "省政府"], True)),
    ("市委、市政府坚决扛起生态文明建设政治责任，始终把生态环境保护摆在重中之重的位置", "株洲", ([], False)),
    ("省委、省政府成立省生态环境保护委员会，统筹推进全省生态环境保护工作", "广东", ([], False)),
    # the agent of a passive inside a part, after 由, whatever the tagger calls its verb (pdf2 448 河南 通知正文, 333
    # national 新能源 "接网及送出工程原则上由电网企业投资建设"); a body of another kind without 由 or a modal is none (565
    # 广西 第三章四); 由于 is no agent mark (445 海西 第一章)
    ("“十四五”水安全保障规划项目表和水生态环境保护任务清单由省水利厅等部门印发", "河南", (["省水利厅"], False)),
    ("对电网企业建设有困难或规划建设时序不匹配的新能源配套送出工程，允许发电企业投资建设", "", ([], False)),
    ("接网及送出工程原则上由电网企业投资建设", "", (["电网企业"], False)),
    ("为预期性目标，由于全州内涉重金属重点行业企业较多，企业主要为重金属（铅、锌、铜等）采选业", "海西", ([], False)),
    # a central ministry's offices in the places (pdf2 238 national 四（三）); every level's government (348 北京 七); a body
    # whose role a later part names (541 山西 七（三）)
    ("财政部各地监管局要对支持碳达峰碳中和工作的相关资金开展评估评价，及时发现问题，提出改进措施", "", (["财政部各地监管局"], False)),
    ("各级政府要将生态环境作为财政支出的重点领域，确保与生态环境保护任务相匹配", "北京", (["各级政府"], False)),
    ("开展“利剑斩污”专项行动，充分发挥公安机关打击违法犯罪主力军作用，依托公安大数据平台", "山西", (["公安机关"], False)),
    # a fields list closed by 等部门 / 等相关部门 after the first comma part, with fields of the dictionary's later lines
    # (行政审批: pdf2 526 江西, 533 济南; 统计 and 金融 before 等相关部门: pdf2 480 沈阳); a list whose first item is a
    # verb phrase is none (pdf2 541 山西 "建立生态环境、自然资源、水利等部门信息共享机制")
    ("对工艺、技术、装备等属于限制类或淘汰类的“两高”项目，一律禁止投资新建、扩建，发展改革、生态环境、工业和信息化、"
     "自然资源、林业、住房城乡建设、行政审批等部门不得办理有关手续", "江西",
     (["发展改革部门", "生态环境部门", "工业和信息化部门", "自然资源部门", "林业部门", "住房城乡建设部门", "行政审批部门"], False)),
    ("统计、金融、财政、发展改革等相关部门按照各自职责，配合做好与本市碳排放权交易相关工作", "沈阳",
     (["统计部门", "金融部门", "财政部门", "发展改革部门"], False)),
    # each by its own duties (pdf2 117 繁昌 五2): together; by its own duties to assist (above, 沈阳): not
    ("区发改委、区财政局和区审计局根据各自职责对专项资金的使用情况和项目执行情况进行绩效评价、稽查和审计", "繁昌",
     (["区发改委", "区财政局", "区审计局"], True)),
    # (what comes later in the sentence is another subject's: "…按各自职责做好资金保障，市审计局配合开展审计")
    ("市发改委、市财政局按各自职责做好资金保障，市审计局配合开展审计", "", (["市发改委", "市财政局"], True)),
    ("建立生态环境、自然资源、水利等部门信息共享机制", "山西", ([], False)),
    # verifiers and other service bodies charged as the subject (pdf2 314 浦东 绿色金融, 331 湖北 核查机构, 34 national
    # 碳排放权交易管理办法): bodies of another kind; a sentence about what they did wrong charges none
    ("第三方机构应当勤勉尽责、恪尽职守，严格遵守数据安全和权益保护要求", "浦东", (["第三方机构"], False)),
    ("核查机构应配合主管部门的监督工作，如实提供所需材料和信息", "湖北", (["核查机构"], False)),
    ("技术服务机构应当对提交的核查结果的真实性、完整性和准确性负责", "", (["技术服务机构"], False)),
    ("核查机构核查报告数据造假", "山东", ([], False)),
    # national rules charging the levels below as a whole (pdf2 238 财政 四（一）, 333 新能源 三（十）): a department first
    # and a body of another kind after it is one list (the department leads); the other order is not read
    ("市县财政部门负责本行政区域财政支持碳达峰碳中和工作", "", (["市县财政部门"], False)),
    ("地方能源主管部门、电网企业要结合新能源项目发展需要，及时优化电网规划建设方案和投资计划安排", "",
     (["地方能源主管部门", "电网企业"], False)),
    # a level's fields listed before one 部门 (pdf2 296 城乡建设 五（二十一）): each field's departments of that level
    ("各省（区、市）住房和城乡建设、发展改革部门于每年11月底前将当年贯彻落实情况报住房和城乡建设部、国家发展改革委", "",
     (["各省(区、市)住房和城乡建设部门", "各省(区、市)发展改革部门"], False)),
    # a notice's request names the body asked to act (pdf2 551 绿色制造 四（一）; 请 and no body: none)
    ("请有关省级工业和信息化主管部门进行核查，加强监督", "", (["有关省级工业和信息化主管部门"], False)),
    ("请将有关材料报送我部节能与综合利用司", "", ([], False)),
    # a government charged as the subject, before a modal or a duty word: the plan's own level's (pdf2 453 西宁 第十章), a
    # level's governments (pdf2 414 江西 三（二）1, after two parts naming none; pdf2 448 河南 第四章, with 所在地; a
    # statute's 县级以上地方人民政府); never what a government did, nor its office or departments
    ("市政府将不定期派出督查组，深入到县区、乡镇、街道、园区督促检查落实", "西宁", (["市政府"], False)),
    ("以南昌市、九江市、宜春市等地地下水环境质量考核Ⅴ类点位为重点，开展国家地下水环境质量考核点位地下水环境质量状况分析，"
     "县级人民政府因地制宜制定地下水质量达标或保持方案，明确防治措施及完成时限", "江西", (["县级人民政府"], False)),
    ("港口所在地市、县级政府要依法落实统筹规划建设和运行船舶污染物接收转运处置设施的主体责任", "河南",
     (["港口所在地市、县级政府"], False)),
    ("县级以上地方人民政府应当加强对生态环境保护工作的领导", "福建", (["县级以上地方人民政府"], False)),
    ("市委、市政府高度重视节能工作", "", ([], False)),
    ("市政府高度重视节能工作", "西宁", ([], False)),
    ("市政府办公室要加强督促检查", "西宁", ([], False)),
    ("省政府各有关部门要按照职责分工，抓好落实", "江西", ([], False)),
    # bodies of other kinds with a bracketed other name (pdf2 2 2030年前碳达峰行动方案 三（九）4), schools listed after a
    # department (pdf2 101 福建省生态环境保护条例), a park's managing body (pdf2 47 产业园区规划环评碳排放评价试点)
    ("将学习贯彻习近平生态文明思想作为干部教育培训的重要内容，各级党校（行政学院）要把碳达峰、碳中和相关内容列入教学计划",
     "", (["各级党校(行政学院)"], False)),
    ("地方各级教育行政主管部门、各类学校应当将生态环境保护知识纳入学校教育内容，培养学生的生态环境保护意识", "福建",
     (["地方各级教育行政主管部门", "各类学校"], False)),
    ("产业园区管理机构应按照报送我部的试点工作方案推进工作，做好人员保障和经费支持", "", (["产业园区管理机构"], False)),
    ("加强学校管理机构建设", "", ([], False)),
    # a subjectless task assisting a named body: the body assisted carries it (pdf2 458 株洲 四（三）4, a province's
    # department written with its full name in a city's plan; pdf2 244 江苏 2021年工作计划; pdf2 231 辽宁 工作计划); a generic
    # body assisted (pdf2 465 南平) names none
    ("积极配合湖南省生态环境厅，完成攸县化工园区地下水环境状况调查评估工作", "株洲", (["湖南省生态环境厅"], False)),
    ("配合省发展改革委制订《江苏省二氧化碳排放水平考核办法》", "江苏", (["省发展改革委"], False)),
    ("配合省统计局填报2019年度辽宁省土地资源存量及变动表、耕地质量及等别变动表", "辽宁", (["省统计局"], False)),
    ("协助省级主管部门，开展自然保护地和生态保护红线勘界立标工作", "南平", ([], False)),
    ("积极配合湖南省，完成攸县化工园区地下水环境状况调查评估工作", "株洲", ([], False)),
    # a working group's office seated in a body that carries its work (pdf2 261 齐齐哈尔 一（四）/ 二（四）, a division written
    # as its department's; pdf2 490 三明 四（一）; pdf2 113 武汉 三（一）); an office seated with no work said names none
    ("市住建局城乡建设领域碳达峰行动领导小组办公室设在局公用事业管理科，承担领导小组日常工作，办公室主任由公用事业管理科科长向开贵兼任",
     "齐齐哈尔", (["市住建局公用事业管理科"], False)),
    ("市住建局城市更新行动领导小组办公室设在局建筑标准和科技科，承担领导小组日常工作", "齐齐哈尔", (["市住建局建筑标准和科技科"], False)),
    ("成立三明市林业碳汇工作领导小组，由市政府分管领导担任组长，市直相关部门为成员单位，领导小组办公室设在市林业局，牵头协调推进各项"
     "工作落实，各成员单位各司其职，共同推动林业碳汇发展", "三明", (["市林业局"], False)),
    ("由市发改委、市生态环境局牵头筹备组建市碳达峰碳中和工作专班，办公室设在市发改委，统筹总体谋划、政策制定、定期调度、推进落实等工作",
     "武汉", (["市发改委", "市生态环境局"], True)),
    ("领导小组办公室设在会议室", "武汉", ([], False)),
    # a department whose field the tagger reads as a verb (节能/v) after a part's 由, before a verb it reads as a noun
    # (责令/n) (pdf2 526 江西 四（十）), or with its level (pdf2 68 内蒙古 应对气候变化规划); a remark in brackets inside the name and an adverb of manner the tagger calls no
    # adverb (主动/b) before its verb (pdf2 290 河北 三1); 统筹 stays the verb it is (pdf2 509 生态环境监测规划 十三（三）)
    ("对未履行节能审查或节能审查未通过就擅自开工建设或建成的“两高”项目，由节能主管部门责令停工整改，整改至符合新建项目节能审查通过条件"
     "的方可复工", "江西", (["节能主管部门"], False)),
    ("自治区节能主管部门要切实履行审查主体责任，加强节能审查与本地区能耗“双控”目标任务的衔接", "内蒙古", (["自治区节能主管部门"], False)),
    ("请各市（含定州、辛集市）科技局主动对接市生态环境局、市发展改革委、市工业和信息化局，结合本地区碳达峰碳中和工作部署，精心组织",
     "河北", (["各市（含定州、辛集市）科技局"], False)),
    ("地市生态环境部门统筹优化行政区内所属监测机构设置与资源配置，加强区县生态环境监测机构能力", "", (["地市生态环境部门"], False)),
    # … never a field read as a department's name going on (城乡建设/l after 市住建局), nor a verb phrase ending in 部门
    ("开展节能部门协同，推动落实", "江西", ([], False)),
    # fields' departments a part charges to work together, the first leading (pdf2 435 安徽 重点流域规划, twice; 应急 is a
    # field, not the modal 应); never with 与, whose bodies work with the sentence's subject (pdf2 533 济南), nor a field
    # the dictionary lacks (pdf2 451 德州 "粮食和食品安全")
    ("加强应急、交通、水利、公安、生态环境等部门应急联动，形成突发水环境事件应急处理处置合力", "安徽",
     (["应急部门", "交通部门", "水利部门", "公安部门", "生态环境部门"], False)),
    ("加强饮用水水源地日常监管，强化生态环境、水利、住房城乡建设等部门的协调联动，督促各类", "安徽",
     (["生态环境部门", "水利部门", "住房城乡建设部门"], False)),
    ("加强与发展改革、自然资源和规划等部门协调联动，在土地招拍挂、项目立项、施工图审查、施工许可等环节", "济南", ([], False)),
    ("加强农业农村、生态环境、粮食和食品安全等部门联动，严格涉及耕地污染状况和耕地土壤质量类别划定方案", "德州", ([], False)),
    # … nor a cut through a word after 由 (pdf2 309 深圳 "…两部分组成": 部分, no ministry)
    ("申报条件由基础申报条件和专项申报条件两部分组成", "深圳", ([], False)),
    # a group a later part sets up (建立, as 成立 / 组建 / 设立) and charges with the work (pdf2 425 内江 生态环境保护规划)
    ("对标2030年碳排放达峰目标，建立完善应对气候变化工作协调机制，建立内江市应对气候变化工作领导小组，统筹开展全市碳减排、碳达峰、碳中和等"
     "应对气候变化工作", "内江", (["内江市应对气候变化工作领导小组"], False)),
    ("建立完善应对气候变化工作协调机制，统筹开展全市碳减排工作", "内江", ([], False)),
    # fields by the short forms plans write (城建, 房产) listed before 等部门 (pdf2 453 西宁 生态环境保护规划)
    ("深化扬尘在线监测、喷淋设施和视频监控设施安装工作，城建、城管、房产等部门加强协调联动，构建扬尘污染管控长效机制", "西宁",
     (["城建部门", "城管部门", "房产部门"], False)),
    # a body before 关于 names a document (its issuer in a title, or one it refers to), no actor of a task (pdf2 305 台州,
    # 262 三明, 383 national, 548 上海 titles; 524 邯郸: the body the part assists acts)
    ("台州市财政局国家税务总局台州市税务局关于印发《台州市财税支持碳达峰碳中和工作实施意见》的通知", "台州", ([], False)),
    ("三明银保监分局、三明市地方金融监督管理局关于印发绿色金融支持三明碳达峰、碳中和工作方案的通知", "三明", ([], False)),
    ("国家发展改革委国家能源局关于加快建设全国统一电力市场体系的指导意见", "", ([], False)),
    ("街道办事处或镇政府关于申报本市低碳社区创建的函，区生态环境局关于本市低碳社区创建的函或推荐意见", "上海", ([], False)),
    ("严格落实住房城乡建设部关于绿色住宅购房人验房的相关要求，配合省住房和城乡建设厅探索适合本地的向购房人提供房屋绿色性能和全装修质量验收的新方法",
     "邯郸", (["省住房和城乡建设厅"], False)),
    # a verb whose first character closes a body's name (委托, 部署: jieba tags them nouns) is the predicate, never the
    # name's end: pdf2 548 上海 三（二）, 117 繁昌, 122 黄埔, 473 宁德 (the verb after 和)
    ("市生态环境局委托相关技术支撑单位对申报材料进行审核，组织专家对实施方案进行评估", "上海", (["市生态环境局"], False)),
    ("区发展改革委委托相关单位对专项资金支持项目节能降碳情况进行抽查和评估", "繁昌", (["区发展改革委"], False)),
    ("项目评审论证及验收由区发展改革部门委托第三方评估机构开展", "黄埔", (["区发展改革部门"], False)),
    ("将市生态环境系统46个在用系统（其中由生态环境部门建设和部署应用系统30个）", "宁德", (["生态环境部门"], False)),
    # … only where the tagger reads the verb as a word of the sentence (国资委|托管, 监委|派驻 keep their names), and never
    # before 的 (a deploying body modifies the task; the agent after 由 acts) — constructed negatives, as the cycle-1
    # review wrote them (no corpus sentence holds these forms)
    ("市国资委托管的企业要加强节能管理", "重庆", (["市国资委"], False)),
    ("市纪委监委派驻纪检监察组要加强监督", "北京", (["市纪委监委"], False)),
    ("生态环境部部署的突出生态环境问题整改任务由市生态环境局牵头落实", "北京", (["市生态环境局"], False)),
    # levels listed with their count before the body they share: the first level's body and every lower place's, no
    # "两级" in a name (pdf2 348 北京 八（二十六）, before 市两级…, 区两级…); a closing 等有关部门 is no part of the lower
    # places' names, and a count that does not match the levels reads nobody (constructed, the cycle-2 review's cases);
    # guards that read nobody before and after: a counted list that is an object (pdf2 453 西宁) or funds (pdf2 578 上海)
    ("市、区两级生态文明建设委员会要充分发挥总体谋划、统筹协调作用，加强对生态文明建设和生态环境保护工作的整体推进和督促落实", "北京",
     (["市生态文明建设委员会", "各区生态文明建设委员会"], False)),
    ("市、区两级生态环境局等有关部门按职责分工负责", "北京", (["市生态环境局", "各区生态环境局"], False)),
    ("市、区三级生态环境局要加强监管", "北京", ([], False)),
    ("升级改造市、县两级生态环境部门监控中心，对所有列入重点排污单位名录和排污许可重点管理的固定污染源开展远程、实时的非现场监管执法",
     "西宁", ([], False)),
    ("加大市、区两级财政资金对绿色低碳项目实施、产业发展、技术研发等的支持力度", "上海", ([], False)),
]


@pytest.mark.parametrize("sentence, place, expected", SENTENCE_ACTOR_CASES)
def test_the_actor_of_a_sentence(sentence, place, expected):
    from ingest.responsibility import sentence_actors

    assert sentence_actors(sentence, place) == expected


@pytest.mark.parametrize(
    "name, expected",
    [("省发展改革委", True), ("住房和城乡建设部", True), ("公安机关", True), ("省级生态环境主管部门", True),
     ("县城新建建筑全部", False), ("推动高新技术产品如新型建材与部", False), ("电网企业要改进完善内部", False), ("数据中心", False)],
)
def test_a_name_written_as_a_department(name, expected):
    from ingest.responsibility import department_written

    assert department_written(name) is expected


# a 会同 list of fields (…等有关部门) however long, a field written with 与 for 和, the fields sharing the level the
# subject's department is written with (各地, 各级): pdf2 530 广东 五（一）, 344 废旧纺织品 六（十六）, 430 内蒙古, 318 甘肃
@pytest.mark.parametrize(
    "title, region, text, expected",
    [
        ("广东省建筑节能与绿色建筑发展“十四五”规划", "广东省",
         "省住房和城乡建设厅会同发展改革、自然资源、工业与信息化、市场监管、财政等有关部门，出台配套支持政策，密切协作配合，形成工作合力，"
         "共同推动住房城乡建设绿色发展。",
         [("广东省住房和城乡建设厅", "lead"), ("广东省发展改革部门", "co"), ("广东省自然资源部门", "co"),
          ("广东省工业和信息化部门", "co"), ("广东省市场监管部门", "co"), ("广东省财政部门", "co")]),
        ("关于加快推进废旧纺织品循环利用的实施意见", "全国",
         "各地发展改革部门要会同工业和信息化、商务、教育、科技、公安、民政、财政、自然资源、生态环境、住房和城乡建设、农业农村、卫生健康、"
         "海关、税务、市场监管、机关事务管理等部门，切实履行职责，按照职能分工，建立责任明确、协调有序、监管有力的工作协调机制。",
         [("各地发展改革部门", "lead")] + [(f"各地{f}部门", "co") for f in (
             "工业和信息化", "商务", "教育", "科技", "公安", "民政", "财政", "自然资源", "生态环境", "住房和城乡建设", "农业农村",
             "卫生健康", "海关", "税务", "市场监管", "机关事务管理")]),
        ("内蒙古自治区“十四五”土壤、地下水和农村牧区生态环境保护规划", "内蒙古自治区",
         "各级生态环境部门会同自然资源、住房和城乡建设等部门，建立污染地块数据库及信息平台。",
         [("内蒙古自治区各级生态环境部门", "lead"), ("内蒙古自治区各级自然资源部门", "co"),
          ("内蒙古自治区各级住房和城乡建设部门", "co")]),
        ("甘肃省关于推动城乡建设绿色发展的实施意见", "甘肃省",
         "住建部门要会同发展改革、自然资源、生态环境等部门强化对本意见落实情况的督促检查。",
         [("甘肃省住建部门", "lead"), ("甘肃省发展改革部门", "co"), ("甘肃省自然资源部门", "co"), ("甘肃省生态环境部门", "co")]),
    ],
)
def test_fields_after_huitong_are_departments_of_the_subjects_level(title, region, text, expected):
    doc = Document(doc_id="d", source="d.pdf", title=title, region=region)
    clause = Clause(clause_id="d#1", doc_id="d", kind="clause", number="（一）", path="1", heading="", text=text,
                    parent_id=None, order=1)
    resps, _agencies, _ = extract_responsibilities([clause], doc)
    assert [(r.agency, r.role) for r in resps] == expected


# A field's department written as such, as a 会同 list may name one: its field known once a level word and the department
# words are set aside; a field opening with a level character (市场监管) is no level word. Names as the corpus writes
# them (pdf2 487 浙江, 428 阿坝, 530 广东, 189 成都, 101 福建).
@pytest.mark.parametrize(
    "name, written",
    [
        ("设区市林业主管部门", True),
        ("各级生态环境部门", True),
        ("县级以上住房城乡建设行政主管部门", True),
        ("市场监管部门", True),
        ("市市场监管部门", True),
        ("能源管理部门", True),
        # 州 / 盟 / 旗 are level words too, as ingest.agencies.has_level_prefix reads them (a 自治州's or 盟's own document)
        ("州生态环境部门", True),
        ("旗林业部门", True),
        ("市级主管部门", False),
        ("上述部门", False),
        ("同级人民政府水行政主管部门", False),
    ],
)
def test_field_department_written(name: str, written: bool) -> None:
    assert _field_department_written(name) is written
