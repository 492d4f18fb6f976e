"""Document metadata from the seeds and real notice headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.metadata import (
    doc_number_prefixes,
    extract_metadata,
    find_citations,
    infer_title,
    normalise_doc_number,
    parse_date,
    title_from_stem,
)
from ingest.records import Citation
from ingest.repair import repair_text

DATA = Path(__file__).resolve().parents[1] / "data"


def _seed(name: str):
    path = DATA / name
    return extract_metadata(repair_text(path.read_text(encoding="utf-8")), path.name)


def test_taiyuan_metadata() -> None:
    doc = _seed("taiyuan-shisiwu-jienengjianpai.txt")
    assert doc.doc_id == "taiyuan-shisiwu-jienengjianpai"
    assert doc.title == "太原市“十四五”节能减排实施方案"
    assert doc.doc_number == "并政发〔2023〕15号"
    assert doc.issuer == "太原市人民政府"
    assert doc.date == "2023-10-11"
    assert (doc.level, doc.region) == ("city", "太原市")
    assert Citation("山西省“十四五”节能减排实施方案", "晋政发〔2022〕25号") in doc.cites
    assert all(c.title != doc.title for c in doc.cites)


def test_liaoning_metadata() -> None:
    doc = _seed("liaoning-2014-2015-jienengjianpai.txt")
    assert doc.title == "辽宁省2014—2015年节能减排低碳发展行动计划"
    assert doc.issuer == "辽宁省人民政府办公厅"
    assert doc.date == "2014-10-30"
    assert (doc.level, doc.region) == ("provincial", "辽宁省")
    assert Citation("国务院办公厅关于印发2014—2015年节能减排低碳发展行动方案的通知", "国办发〔2014〕23号") in doc.cites


def test_jincheng_metadata() -> None:
    doc = _seed("jincheng-shisiwu-jienengjianpai.txt")
    assert doc.title == "晋城市“十四五”节能减排实施方案"
    assert (doc.level, doc.region) == ("city", "晋城市")
    assert {c.doc_number for c in doc.cites} >= {"国发〔2021〕33号", "晋政发〔2022〕25号"}


def test_shanxi_without_title_infers_title_and_province() -> None:
    doc = _seed("shanxi-2014-2015-jienengjianpai.txt")
    # no title line: the opening "为贯彻落实《…关于印发2014－2015年节能减排低碳发展行动方案的通知》…制订本行动方案"
    assert doc.title == "山西省2014－2015年节能减排低碳发展行动方案" and doc.title_inferred
    assert (doc.level, doc.region) == ("provincial", "山西省")


def test_titled_documents_are_not_marked_inferred() -> None:
    assert not _seed("taiyuan-shisiwu-jienengjianpai.txt").title_inferred


INFERRED_TITLES = [
    # (opening paragraphs, region, inferred title)
    (
        ["为贯彻落实《国务院办公厅关于印发2014－2015年节能减排低碳发展行动方案的通知》（国办发〔2014〕23号）精神，"
         "确保全面完成我省“十二五”节能减排降碳目标，制订本行动方案。", "一、节能减排降碳工作目标"],
        "山西省", "山西省2014－2015年节能减排低碳发展行动方案",
    ),
    (  # the subject has no period: the opening's “十四五” goes in front of it
        ["为认真贯彻落实《山西省节能减排实施方案》（晋政发〔2022〕25号），确保我市“十四五”节能减排任务完成，制定本方案。"],
        "太原市", "太原市“十四五”节能减排方案",
    ),
    (["一、总体要求", "（一）指导思想。"], "太原市", ""),  # no opening sentence: nothing to infer from
    (["为贯彻落实党中央决策部署，制定本方案。"], "太原市", ""),  # nothing cited: no subject
]


@pytest.mark.parametrize("paragraphs, region, title", INFERRED_TITLES)
def test_infer_title(paragraphs: list[str], region: str, title: str) -> None:
    assert infer_title(paragraphs, region) == title


def test_untitled_text_falls_back_to_the_file_name_marked_inferred() -> None:
    doc = extract_metadata("一、总体要求\n（一）指导思想。坚持节约优先。", "plan.txt")
    assert doc.title == "plan" and doc.title_inferred


NOTICES = [
    # (text head, file name, title, doc_number, issuer, date, level, region)
    (
        "国务院关于印发2030年前碳达峰行动方案的通知\n（国发〔2021〕23号）\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
        "现将《2030年前碳达峰行动方案》印发给你们，请认真贯彻执行。\n国务院\n2021年10月24日\n2030年前碳达峰行动方案\n一、总体要求",
        "2、2030年前碳达峰行动方案.pdf", "2030年前碳达峰行动方案", "国发〔2021〕23号", "国务院", "2021-10-24", "national", "全国",
    ),
    (
        "渝发改工业〔2022〕270号\n关于印发《重庆市严格能效约束推动重点领域节能降碳实施方案》的通知\n"
        "重庆市能源局\n2022年2月28日\n重庆市严格能效约束推动重点领域节能降碳实施方案\n一、总体要求",
        "100、x.pdf", "重庆市严格能效约束推动重点领域节能降碳实施方案", "渝发改工业〔2022〕270号", "重庆市能源局", "2022-02-28",
        "provincial", "重庆市",
    ),
    (
        "省生态环境厅2022年推动碳达峰碳中和工作计划\n为贯彻落实我省有关要求，推进全省碳达峰碳中和，制定本工作计划。\n一、推动减污降碳协同控制",
        "55、江苏省2022年推动碳达峰碳中和工作计划.pdf", "省生态环境厅2022年推动碳达峰碳中和工作计划", "", "", "", "provincial", "江苏省",
    ),
]


NOTICES += [
    # 浙江 205: only the issuers' title line ("省发展改革委等五部门关于…") -> it is the title
    (
        "浙江省发展和改革委员会\n浙发改产业〔2022〕1号\n省发展改革委等五部门关于严格能效约束推动重点领域节能降碳工作的实施方案\n"
        "省科技厅、省财政厅：\n为深入贯彻落实…，特制定本实施方案。\n一、工作原则",
        "205、x.pdf", "省发展改革委等五部门关于严格能效约束推动重点领域节能降碳工作的实施方案", "浙发改产业〔2022〕1号",
        "", "", "provincial", "浙江省",
    ),
    # ... but when the plan's own title line follows the issuers' line, the plan's title wins
    (
        "浙发改产业〔2022〕1号\n省发展改革委等五部门关于严格能效约束推动重点领域节能降碳工作的实施方案\n"
        "浙江省关于严格能效约束推动重点领域节能降碳工作的实施方案\n为深入贯彻落实…，特制定本实施方案。\n一、工作原则",
        "205、x.pdf", "浙江省关于严格能效约束推动重点领域节能降碳工作的实施方案", "浙发改产业〔2022〕1号",
        "", "", "provincial", "浙江省",
    ),
]


NOTICES += [
    # pdf2 35: a white paper about the country, no place in its title and no issuer read -> national
    (
        "新时代的中国能源发展\n（2020年12月）\n中华人民共和国国务院新闻办公室\n目录\n前言\n一、走新时代能源高质量发展之路",
        "35、新时代的中国能源发展白皮书.pdf", "新时代的中国能源发展白皮书", "", "", "", "national", "全国",
    ),
]


NOTICES += [
    # pdf2 28: a ministry's plan whose file carries neither issuer nor number, no place of its own (京津冀、长三角 are
    # where it acts) and the country named far into it -> national
    (
        "环保装备制造业高质量发展行动计划\n（2022−2025年）\n环保装备制造业是绿色环保产业的重要组成部分。\n一、总体要求\n"
        + "推动京津冀、长三角、成渝等区域建设创新平台。\n" * 120
        + "（十八）深化国际合作。支持骨干企业参与国家重大工程建设。",
        "28、环保装备制造业高质量发展行动计划（2022－2025年）.pdf", "环保装备制造业高质量发展行动计划", "", "", "",
        "national", "全国",
    ),
]


NOTICES += [
    # pdf2 265 (its head as the text layer gives it): a city's own notice ("市科技局关于组织申报…的通知") forwarding the
    # province's notice as its attachment: the plan that notice prints ("附件：江苏省科学技术厅关于印发《…指南》", wrapped
    # onto a line opening with 及) is not this document's title, and the province its title names after the issuer written
    # by level ("市科技局关于…江苏省…") is not its region
    (
        "市科技局关于组织申报2022年度江苏省碳达峰碳中和科技创新专项资金项目的通知\n"
        "江北新区科创局，各区科技局，各高新区（园）管委会，各有关单位：\n"
        "根据江苏省科学技术厅《关于印发〈2022年度省碳达峰碳中和科技创新专项资金项目指南〉及组织申报项目的通知》（苏科资发〔2022〕32号）精神，为做好本年度省碳达峰碳中和科技创新专项资金项目申报工作，现将有关事项明确如下：\n"
        "1.请各单位根据省科技厅通知（可在江苏省科技厅网站下载，网址：http://std.jiangsu.gov.cn/）要求，认真组织2022年度省碳达峰碳中和科技创新专项资金项目的申报工作，对申报条件、申报资料完整性与真实性等方面认真审查，严格把关，以确保项目申报质量。\n"
        "2.2022年度省碳达峰碳中和科技创新专项资金项目将按前沿基础、产业前瞻与关键核心技术攻关、农业农村领域重大关键技术攻关、重大科技成果转化、重大科技示范、重大创新载体建设等六类项目组织。项目采取揭榜挂帅、部省联动、竞争择优、定向组织等多样化方式组织，相关申报要求、推荐名额、实施期限等具体事项详见附件。\n"
        "3.全面实施科研诚信承诺制。项目申报单位、项目负责人和项目主管部门均须在项目申报时签署科研诚信承诺书，进一步明确各自承诺事项和违背相关承诺的责任。项目申报的相关单位和有关人员要严格按照《关于进一步加强全省科研诚信建设的实施意见》（苏办〔2019〕39号）和《关于进一压实省科技计划（专项、基金等）任务承担单位的科研作风学风和科研诚信建设主体责任的通知》（苏科监发〔2020〕319号）有关要求，项目负责人应如实填写项目申报材料，严禁项目申报时剽窃他人科研成果、侵犯他人知识产权、伪造材料骗取申报资格等科研不端及失信行为。因科研失信或严重社会失信正在接受处罚的单位和个人，不得申报本年度计划项目。项目申报单位对申报材料的真实性和合法性负有法人主体责任，严禁虚报作假、侵犯他人知识产权等不良信用行为。\n"
        "4.申报材料统一用A4纸打印，按封面、项目信息表、项目申报书、附件顺序装订成册，一式叁份（纸质封面，平装订）。项目相关佐证材料统一由项目主管部门审查并填写《项目附件审查表》，相关佐证材料需在网上填报上传以供评审。申报材料需同时在江苏省科技计划管理信息系统进行网上报送（网址：http://kjjh.jspc.org.cn），网上填报的申报材料是后续形式审查、项目评审的依据，须与纸质项目申报材料一致。\n"
        "5.申报时间与地点\n"
        "（1）根据省碳达峰碳中和科技创新专项资金项目竞争择优类项目限额申报的要求，我局对申报此类项目的实施预申报，项目的网上及纸质材料申报受理截止时间为2022年2月28日(周一)前，逾期不予受理。市科技局将按有关程序择优推荐。\n"
        "（2）其它类别的省碳达峰碳中和科技创新专项资金项目的网上及纸质材料申报受理截止时间为2022年3月4日（周五）前，逾期不予受理。以下为市科技局负责省碳达峰碳中和科技创新专项资金项目指南及申报要求的相关处室及联系人。\n"
        "市科技局科研机构和基础研究处（前沿基础）\n"
        "联系人：解颐联系电话：68786299\n"
        "市科技局高新技术发展处（产业前瞻与关键核心技术攻关）\n"
        "联系人：曹轶君联系电话：68786261\n"
        "市科技局社会发展与农村科技处（农业农村领域重大关键技术攻关）\n"
        "联系人：方理国联系电话：68786270\n"
        "市科技局科技成果处（重大科技成果转化）\n"
        "联系人：刘宏联系电话：68786256\n"
        "市科技局社会发展与农村科技处（重大科技示范）\n"
        "联系人：许磊联系电话：68786271\n"
        "市科技局科研机构和基础研究处（技术创新中心建设、公共平台建设）\n"
        "联系人：陈健联系电话：68786386\n"
        "市科技局科技成果处（新型研发机构建设）\n"
        "联系人：顾庆华联系电话：68786252\n"
        "受理地点：南京市政务服务中心一楼A2区市科技局A233、A234窗口（节假日除外）。江东中路265号，地铁二号线奥体东站4号出口，请报送材料人员请严格遵守防疫要求，佩戴口罩、携带身份证或市民卡。\n"
        "联系人：朱鹏晖、申辰联系电话：68505237、68505233\n"
        "附件：江苏省科学技术厅关于印发《2022年度省碳达峰碳中和科技创新专项资金项目指南》\n"
        "及组织申报项目的通知（苏科资发〔2022〕32号）\n"
        "南京市科学技术局\n"
        "2022年1月30日",
        "265、南京市关于组织申报2022年度江苏省碳达峰碳中和科技创新专项资金项目的通知.pdf",
        "市科技局关于组织申报2022年度江苏省碳达峰碳中和科技创新专项资金项目的通知", "", "南京市科技局", "2022-01-30",
        "city", "南京市",
    ),
]


@pytest.mark.parametrize("text, source, title, number, issuer, date, level, region", NOTICES)
def test_notice_headers(text, source, title, number, issuer, date, level, region) -> None:
    doc = extract_metadata(text, source)
    assert (doc.title, doc.doc_number, doc.issuer, doc.date, doc.level, doc.region) == (title, number, issuer, date, level, region)


def test_prefix_table_is_data() -> None:
    table = doc_number_prefixes()
    assert table["并"] == "太原市" and table["晋"] == "山西省" and table["国办发"] == "全国" and table["辽"] == "辽宁省"


@pytest.mark.parametrize(
    "raw, expected",
    [("并政发 [2023] 15 号", "并政发〔2023〕15号"), ("国办发（2014）23号", "国办发〔2014〕23号"), ("晋政发〔2022〕25号", "晋政发〔2022〕25号")],
)
def test_normalise_doc_number(raw: str, expected: str) -> None:
    assert normalise_doc_number(raw) == expected


@pytest.mark.parametrize(
    "line, iso",
    [("2023年10月11日", "2023-10-11"), ("二〇二二年三月一日", "2022-03-01"), ("发布日期：2022-01-26 21:15", "2022-01-26"), ("十四五期间", "")],
)
def test_parse_date(line: str, iso: str) -> None:
    assert parse_date(line) == iso


def test_citations_exclude_self_and_abbreviations() -> None:
    text = (
        "根据《关于发布〈高耗能行业重点领域能效标杆水平和基准水平（2021年版）〉的通知》（发改产业〔2021〕1609号）"
        "（以下简称《通知》），制定《某市节能实施方案》。鼓励采用《国家绿色数据中心先进适用技术产品目录》。"
    )
    cites = find_citations(text, "某市节能实施方案", "")
    assert cites == (Citation("关于发布〈高耗能行业重点领域能效标杆水平和基准水平（2021年版）〉的通知", "发改产业〔2021〕1609号"),)


@pytest.mark.parametrize("stem, title", [("100、重庆市严格能效约束推动重点领域节能降碳实施方案.pdf", "重庆市严格能效约束推动重点领域节能降碳实施方案"), ("plan.txt", "plan")])
def test_title_from_stem(stem: str, title: str) -> None:
    assert title_from_stem(stem) == title


@pytest.mark.parametrize(
    "line, parts",
    [
        # 浙江 205 / 重庆 100: signature lines the PDF ran together
        ("浙江省发展和改革委员会浙江省经济和信息化厅浙江省生态环境厅",
         ["浙江省发展和改革委员会", "浙江省经济和信息化厅", "浙江省生态环境厅"]),
        ("重庆市生态环境局重庆市市场监督管理局", ["重庆市生态环境局", "重庆市市场监督管理局"]),
        ("河北省发展和改革委员会", ["河北省发展和改革委员会"]),
        ("生态环境部", ["生态环境部"]),
        # 广东 366: a mass organisation's line run into the next, the region repeated inside the line
        ("共青团广东省委员会广东省妇联", ["共青团广东省委员会", "广东省妇联"]),
        ("中国人民银行广州分行", ["中国人民银行广州分行"]),
    ],
)
def test_split_signer_line(line: str, parts: list[str]) -> None:
    from ingest.metadata import split_signer_line

    assert split_signer_line(line) == parts


@pytest.mark.parametrize(
    "issuer, region, expected",
    [
        ("市人民政府", "武汉市", "武汉市人民政府"),  # 武汉 356
        ("省生态环境厅", "江苏省", "江苏省生态环境厅"),
        ("市场监管总局", "全国", "市场监管总局"),
        ("太原市人民政府", "太原市", "太原市人民政府"),
    ],
)
def test_qualify_issuer(issuer: str, region: str, expected: str) -> None:
    from ingest.metadata import qualify_issuer

    assert qualify_issuer(issuer, region) == expected


def test_untitled_text_keeps_a_chinese_file_name_title() -> None:
    # 367: the opening cites the national 意见, but the file name is the plan's own title
    text = "为贯彻落实《关于严格能效约束推动重点领域节能降碳的若干意见》，制定本实施方案。\n一、总体要求\n（一）指导思想。"
    doc = extract_metadata(text, "367、阜阳市重点领域节能降碳技术改造总体实施方案.pdf")
    assert doc.title == "阜阳市重点领域节能降碳技术改造总体实施方案" and doc.title_inferred


@pytest.mark.parametrize(
    "head, signers",
    [
        # pdf2 561 湖南, 220 重庆, 425 内江, 435 安徽: a plan's cover names its issuers above a year-and-month line
        (["湖南省“十四五”可再生能源发展规划", "湖南省发展和改革委员会", "湖 南 省 能 源 局", "2022 年 5 月", "目 录"],
         ["湖南省发展和改革委员会", "湖南省能源局"]),
        (["附件", "重庆市绿色建筑“十四五”规划（2021—2025年）", "重庆市住房和城乡建设委员会", "2021年12月"],
         ["重庆市住房和城乡建设委员会"]),
        (["内江市“十四五”生态环境保护规划（2021—2025年）", "内江市生态环境局", "二〇二二年三月"], ["内江市生态环境局"]),
        (["安徽省“十四五”重点流域水生态环境保护规划", "安徽省生态环境厅", "二〇二二年三月"], ["安徽省生态环境厅"]),
        # a title above the month names no issuer; a line without a month is no cover date
        (["湖南省“十四五”可再生能源发展规划", "（2022年5月）"], []),
        (["湖南省发展和改革委员会", "2022年5月发布的规划要求…"], []),
    ],
)
def test_cover_signers(head: list[str], signers: list[str]) -> None:
    from ingest.metadata import find_cover_signers

    assert find_cover_signers(head) == signers


@pytest.mark.parametrize(
    "head, issuer",
    [
        # pdf2 333 (国办函〔2022〕39号): a forwarding title, wrapped after its first line; the plan is its authors'
        (["国务院办公厅转发国家发展改革委", "国家能源局关于促进新时代新能源高质量发展实施方案的通知", "国办函〔2022〕39号"],
         "国家发展改革委、国家能源局"),
        (["国务院办公厅转发国家发展改革委 国家能源局关于促进新时代新能源高质量发展实施方案的通知"], "国家发展改革委、国家能源局"),
        (["山西省人民政府办公厅转发省发展改革委关于加快推进节能工作意见的通知"], "省发展改革委"),
        # a notice issuing its own plan keeps its issuer
        (["太原市人民政府关于印发太原市“十四五”节能减排实施方案的通知", "并政发〔2023〕15号"], "太原市人民政府"),
    ],
)
def test_a_forwarded_plan_is_its_authors(head: list[str], issuer: str) -> None:
    from ingest.metadata import find_issuer

    assert find_issuer(head, []) == issuer


@pytest.mark.parametrize(
    "head, found, stem, expected",
    [
        # pdf2 36: a title wrapped over two lines, of which only the second was found — the lines joined
        (["2019-2020年全国碳排放权交易配额总量设定与分配", "实施方案（发电行业）", "一、纳入配额管理的重点排放单位名单"],
         "实施方案（发电行业）", "2019-2020年全国碳排放权交易配额总量设定与分配实施方案(发电行业)",
         "2019-2020年全国碳排放权交易配额总量设定与分配实施方案（发电行业）"),
        # pdf2 455: a plan the text says was issued earlier ("印发《泰州市水污染防治工作方案》等行动方案") is not this one
        (["泰州市“十四五”生态环境保护规划", "第一章发展基础和面临形势", "5.环境综合整治效果明显。印发《泰州市水污染防治工作方案》等行动方案"],
         "泰州市水污染防治工作方案", "泰州市“十四五”生态环境保护规划", "泰州市“十四五”生态环境保护规划"),
        # pdf2 309: an attachment's wrapped title ("申请指南") is not the notice's
        (["市工业和信息化局关于发布2023年绿色低碳产业扶持计划申请指南的通知", "各有关单位：", "附件：1.市工业和信息化局2023年绿色低碳产业扶持计划",
          "申请指南"], "申请指南", "深圳市关于发布2023年绿色低碳产业扶持计划申请指南的通知",
         "市工业和信息化局关于发布2023年绿色低碳产业扶持计划申请指南的通知"),
        # no head line like the stem: the stem is the title ("")
        (["第一章 总则"], "关于构建现代环境治理体系的实施意见", "天津市生态环境保护“十四五”规划", ""),
        # a found title like the stem stands (corpus 205: the issuers' notice line), as does any title of a file not named
        # by its title (a pinyin stem)
        (["省发展改革委等五部门关于严格能效约束推动重点领域节能降碳工作的实施方案"],
         "省发展改革委等五部门关于严格能效约束推动重点领域节能降碳工作的实施方案", "浙江省关于严格能效约束推动重点领域节能降碳工作的实施方案", None),
        (["太原市“十四五”节能减排实施方案"], "太原市“十四五”节能减排实施方案", "taiyuan-shisiwu-jienengjianpai", None),
    ],
)
def test_a_file_named_by_its_title_corrects_a_wrong_title(head, found, stem, expected) -> None:
    from ingest.metadata import title_by_stem

    assert title_by_stem(head, found, stem) == expected


# a joint notice's signature block above its date: every signing body, mass organisations included (pdf2 335,
# 发改环资〔2022〕758号, signed by seventeen: 全国总工会、共青团中央、全国妇联 among them), not only the last line
def test_a_joint_notice_is_signed_by_every_body_above_its_date() -> None:
    from ingest.metadata import find_date_and_signers

    bodies = ["国家发展改革委", "生态环境部", "教育部", "科技部", "工业和信息化部", "住房城乡建设部", "交通运输部", "农业农村部",
              "商务部", "国务院国资委", "广电总局", "中直管理局", "国管局", "全国总工会", "共青团中央", "全国妇联", "中央军委后勤保障部"]
    date, signers = find_date_and_signers(["附件：2022年全国节能宣传周和全国低碳日宣传重点", *bodies, "2022年5月20日"], [])
    assert date == "2022-05-20"
    assert signers == bodies


def test_a_wrapped_line_opening_with_a_conjunction_is_no_title() -> None:
    """pdf2 265's closing lines (as its text layer gives them) alone: the attachment's wrapped second half ("及组织申报项目的
    通知（…）") is the only title-shaped line, and it is none."""
    from ingest.metadata import find_title

    head = [
        "附件：江苏省科学技术厅关于印发《2022年度省碳达峰碳中和科技创新专项资金项目指南》",
        "及组织申报项目的通知（苏科资发〔2022〕32号）",
        "南京市科学技术局",
        "2022年1月30日",
    ]
    assert find_title(head) == ""


# A notice that is itself the document, heading the text before its first attachment header, is its title: a plan title
# after the header is the attachment's (pdf2 83 海南, head lines as its text layer gives them). An issuing notice keeps
# its plan as the title, and so does a text opening with the attachment header (238 财政部: "附件" then its 意见).
@pytest.mark.parametrize(
    "head, title",
    [
        (["海南省生态环境厅关于试行开展碳排放环境影响评价工作的通知",
          "各有关单位，各市、县、自治县生态环境局、行政审批局，各园区管委会，各有关企业：",
          "一、实施范围", "附件：1.试点开展碳排放环境影响评价工作的专项规划", "海南省生态环境厅", "附件1",
          "试点开展碳排放环境影响评价工作专项规划", "工业有关专项规划：省级及设区的市级工业各行业规划"],
         "海南省生态环境厅关于试行开展碳排放环境影响评价工作的通知"),
        (["附件", "财政支持做好碳达峰碳中和工作的意见", "一、总体要求"], "财政支持做好碳达峰碳中和工作的意见"),
        (["福建省生态环境厅关于印发福建省2020年度碳排放配额分配实施方案的通知", "各设区市生态环境局：", "附件",
          "福建省2020年度碳排放配额分配实施方案"],
         "福建省2020年度碳排放配额分配实施方案"),
        # only the first notice line can be the document's own: a forwarding notice keeps the notice it opens with
        # (as before), and a plan title before the attachment line keeps the plan (as before)
        (["某市关于转发省生态环境厅碳排放环境影响评价文件的通知", "某市关于开展碳排放环境影响评价工作的通知", "一、范围"],
         "某市关于转发省生态环境厅碳排放环境影响评价文件的通知"),
        (["海南省生态环境厅关于试行开展碳排放环境影响评价工作的通知", "试点开展碳排放环境影响评价工作方案",
          "附件1", "试点开展碳排放环境影响评价工作专项规划"],
         "试点开展碳排放环境影响评价工作方案"),
    ],
)
def test_an_attachments_plan_title_is_not_the_notices(head: list[str], title: str) -> None:
    from ingest.metadata import find_title

    assert find_title(head) == title
