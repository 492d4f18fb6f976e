"""Target extraction over real sentences of the seeds (table-driven)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.errors import DictionaryError
from ingest.records import Clause, Document
from ingest.targets import VALUE_RE, _find_in_sentence, extract_targets, load_indicator_rules

ROOT = Path(__file__).resolve().parents[1]


def _targets(sentence: str, region: str = "太原市", regions: tuple[str, ...] = ()):
    clause = Clause(
        clause_id="d#x", doc_id="d", kind="clause", number="", path="x", heading="", text=sentence, regions=regions
    )
    return extract_targets(clause, Document(doc_id="d", source="d.txt", title="", region=region))


def _row(t):
    return (t.indicator, t.value, t.unit, t.comparator, t.base_year, t.target_year, t.qualifier)


# sentence, expected (indicator, value, unit, comparator, base_year, target_year, qualifier) rows
CASES = [
    # 太原 二 (s15): basic and incentive targets
    (
        "到2025年，全市能源消费总量得到合理控制，单位地区生产总值能耗强度降低基本目标下降14.5%，激励目标下降16.5%。",
        [
            ("单位GDP能耗", "14.5%", "%", "下降", None, 2025, "基本目标"),
            ("单位GDP能耗", "16.5%", "%", "下降", None, 2025, "激励目标"),
        ],
    ),
    # 太原 二 (s16): four indicators paired in order
    (
        "到2025年，主要污染物排放总量持续减少，化学需氧量、氨氮、氮氧化物、挥发性有机物重点工程减排量分别累计达到3500吨、390吨、3050吨、1160吨。",
        [
            ("化学需氧量", "3500吨", "吨", "累计达到", None, 2025, "累计"),
            ("氨氮", "390吨", "吨", "累计达到", None, 2025, "累计"),
            ("氮氧化物", "3050吨", "吨", "累计达到", None, 2025, "累计"),
            ("挥发性有机物", "1160吨", "吨", "累计达到", None, 2025, "累计"),
        ],
    ),
    # 太原 三（四）(s17)
    (
        "实施新能源汽车充能配套基础设施建设，2023年力争全市新建充电桩1万台，到2025年，全市充(换)电网络分布合理。",
        [("充电桩", "1万台", "万台", "新建", None, 2023, "力争")],
    ),
    # 太原 三（六）(s18)
    (
        "推动公共机构带头使用新能源汽车，率先采购使用节能和新能源汽车，新增及更新车辆中新能源汽车比例原则上不低于35%。",
        [("新能源汽车比例", "35%", "%", "不低于", None, None, "原则上")],
    ),
    # 太原 三（八）(s19)
    (
        "大力推动煤电机组节能降碳改造、灵活性改造，“十四五”时期节能改造规模不低于144万千瓦，到2025年煤电机组平均供电煤耗降至300克标准煤/千瓦时以下。",
        [
            ("节能改造规模", "144万千瓦", "万千瓦", "不低于", None, 2025, ""),
            ("供电煤耗", "300克标准煤/千瓦时", "克标准煤/千瓦时", "降至", None, 2025, "以下"),
        ],
    ),
    # 太原 三（五）(s20)
    ("加快构建农药包装废弃物回收处理体系，到2025年，全市农膜回收率达85%以上。", [("农膜回收率", "85%", "%", "达", None, 2025, "以上")]),
    # 晋城 二 (s21)
    (
        "到2025年，全市单位地区生产总值能源消耗比2020年下降15.5%，能源消费总量得到合理控制。",
        [("单位GDP能耗", "15.5%", "%", "下降", 2020, 2025, "")],
    ),
    # 晋城 三（一）(s22, s24): spaces left by the PDF, three retrofit kinds, year carried over
    (
        "“十四五”期间，煤电机组完成节能改造 207 万千瓦、供热改造 130 万千瓦、灵活性改造 360 万千瓦。到 2025 年，全市煤电机组平均供电煤耗力争降至国家先进值水平。非化石能源占能源消费总量比重达到 9%。",
        [
            ("煤电机组节能改造", "207万千瓦", "万千瓦", "完成", None, 2025, ""),
            ("煤电机组供热改造", "130万千瓦", "万千瓦", "完成", None, 2025, ""),
            ("煤电机组灵活性改造", "360万千瓦", "万千瓦", "完成", None, 2025, ""),
            ("非化石能源比重", "9%", "%", "达到", None, 2025, ""),
        ],
    ),
    # 晋城 三（二）(s23): a unitless value
    (
        "到 2025 年，全市新建大型、超大型数据中心平均 PUE 值降至 1.3 以下。“十四五”时期，万元工业增加值用水量比 2020 年下降 10%。",
        [
            ("PUE", "1.3", "", "降至", None, 2025, "以下"),
            ("万元工业增加值用水量", "10%", "%", "下降", 2020, 2025, ""),
        ],
    ),
    # 晋城 三（四）(s25)
    (
        "到 2025 年，城镇新建建筑全面执行绿色建筑标准，城市公共供水管网漏损率力争控制在 9% 以内。",
        [("漏损率", "9%", "%", "控制在", None, 2025, "力争、以内")],
    ),
    # 山西 二（一）(s26)
    (
        "2015年底前再淘汰落后焦化产能1200万吨、炼铁105万吨、炼钢320万吨、水泥（熟料及粉磨能力）110.5万吨。",
        [
            ("落后焦化产能", "1200万吨", "万吨", "淘汰", None, 2015, ""),
            ("炼铁", "105万吨", "万吨", "淘汰", None, 2015, ""),
            ("炼钢", "320万吨", "万吨", "淘汰", None, 2015, ""),
            ("水泥", "110.5万吨", "万吨", "淘汰", None, 2015, ""),
        ],
    ),
    # 山西 一 (s27)
    (
        "2014-2015年省千家企业逐年实现节能量400万吨标准煤，到2015年完成2000万吨标准煤的“十二五”节能目标。",
        [("节能量", "400万吨标准煤", "万吨标准煤", "实现", None, 2015, "逐年")],
    ),
    # 山西 一 (s28): six indicators
    (
        "减排降碳工作目标：2014年，化学需氧量、氨氮、二氧化硫、氮氧化物、烟尘、工业粉尘分别较2013年下降2%、3%、2%、6%、0.5%、0.5%；",
        [
            ("化学需氧量", "2%", "%", "下降", 2013, 2014, ""),
            ("氨氮", "3%", "%", "下降", 2013, 2014, ""),
            ("二氧化硫", "2%", "%", "下降", 2013, 2014, ""),
            ("氮氧化物", "6%", "%", "下降", 2013, 2014, ""),
            ("烟尘", "0.5%", "%", "下降", 2013, 2014, ""),
            ("工业粉尘", "0.5%", "%", "下降", 2013, 2014, ""),
        ],
    ),
    # 辽宁 二（七）(s29)
    (
        "2014年底前在全省供应国四标准车用柴油。2014年度确保完成淘汰黄标车和老旧车34.9万辆任务。",
        [("黄标车和老旧车淘汰", "34.9万辆", "万辆", "淘汰", None, 2014, "确保")],
    ),
    # 辽宁 工作目标 (s30): 和 in both lists, a year range with a stray space
    (
        "工作目标：2014— 2015年，单位GDP能耗、化学需氧量、二氧化硫、氨氮、氮氧化物排放量和单位GDP二氧化碳排放量分别下降4.9%、2%、2%、4%、8%和4%以上。",
        [
            ("单位GDP能耗", "4.9%", "%", "下降", None, 2015, ""),
            ("化学需氧量", "2%", "%", "下降", None, 2015, ""),
            ("二氧化硫", "2%", "%", "下降", None, 2015, ""),
            ("氨氮", "4%", "%", "下降", None, 2015, ""),
            ("氮氧化物", "8%", "%", "下降", None, 2015, ""),
            ("单位GDP二氧化碳排放", "4%", "%", "下降", None, 2015, "以上"),
        ],
    ),
    # 辽宁 六（二十一）(s31)
    (
        "通过推行电力需求侧管理机制，2014— 2015年节约电量9.5亿千瓦时，节约电力7.3万千瓦。",
        [
            ("节约电量", "9.5亿千瓦时", "亿千瓦时", "节约", None, 2015, ""),
            ("电力", "7.3万千瓦", "万千瓦", "节约", None, 2015, ""),
        ],
    ),
]


CASES += [
    # --- corpus audit (tests/fixtures/corpus) ---
    # 减污降碳 247 四（八）: one indicator, paired years; 再生 is not the adverb 再; 占比 keeps 比
    (
        "2025年和2030年，全国短流程炼钢占比分别提升至15%、20%以上。2025年再生铝产量达到1150万吨。",
        [
            ("短流程炼钢占比", "15%", "%", "提升至", None, 2025, ""),
            ("短流程炼钢占比", "20%", "%", "提升至", None, 2030, "以上"),
            ("再生铝产量", "1150万吨", "万吨", "达到", None, 2025, ""),
        ],
    ),
    # 减污降碳 247 四（十一）: a trailing 均
    ("到2025年，三大粮食作物化肥、农药利用率均提高到43%。",
     [("三大粮食作物化肥、农药利用率", "43%", "%", "提高到", None, 2025, "")]),
    # 武汉 113: the counted noun follows the value
    (
        "到2025年,各区分别建成1个近零碳试点园区、3个近零碳试点机关以及10家近零碳试点企业。",
        [
            ("近零碳试点园区", "1个", "个", "建成", None, 2025, ""),
            ("近零碳试点机关", "3个", "个", "建成", None, 2025, ""),
            ("近零碳试点企业", "10家", "家", "建成", None, 2025, ""),
        ],
    ),
    ("到2025年,铁钢比下降至0.75以下。", [("铁钢比", "0.75", "", "下降至", None, 2025, "以下")]),
    # 湖南 326
    ("支持创建30家以上工业产品绿色设计示范企业。",
     [("工业产品绿色设计示范企业", "30家", "家", "创建", None, None, "以上")]),
    # 城乡建设 296 / 山东 347: 个百分点 is a unit
    ("到2030年城市供热管网热损失比2020年下降5个百分点。",
     [("城市供热管网热损失", "5个百分点", "个百分点", "下降", 2020, 2030, "")]),
    ("再生水利用率提高2个百分点。", [("再生水利用率", "2个百分点", "个百分点", "提高", None, None, "")]),
    # 山东 347: 亩, 全年 / 年内 are not part of the indicator
    ("全年新建高标准农田665万亩。", [("高标准农田", "665万亩", "万亩", "新建", None, None, "")]),
    ("年内建设完成10座高速公路服务区充电站。", [("高速公路服务区充电站", "10座", "座", "完成", None, None, "")]),
    # 公共机构 249: "在2020年的基础上" is a base year; "实现" is not an indicator
    (
        "到2025年，在2020年的基础上单位建筑面积能耗下降5%、碳排放下降7%。",
        [("单位建筑面积能耗", "5%", "%", "下降", 2020, 2025, ""), ("碳排放", "7%", "%", "下降", 2020, 2025, "")],
    ),
    ("到2025年实现煤炭消费占比下降至13%以下。", [("煤炭消费比重", "13%", "%", "下降至", None, 2025, "以下")]),
    # 数据中心 13: "由30%" is the starting point
    ("到2025年，西部数据中心利用率由30%提高到50%以上。",
     [("西部数据中心利用率", "50%", "%", "提高到", None, 2025, "以上")]),
    # 龙岩 354: places sharing one indicator
    ("到2025年，市、县污泥无害化处理率分别达到97%、95%以上。",
     [("污泥无害化处理率", "97%", "%", "达到", None, 2025, ""), ("污泥无害化处理率", "95%", "%", "达到", None, 2025, "以上")]),
    # 成都 186 / 2030 方案 2: 电量 alone is 节约电量, a longer phrase is not
    ("到2025年，电能替代电量达到50亿千瓦时。", [("电能替代电量", "50亿千瓦时", "亿千瓦时", "达到", None, 2025, "")]),
]


CASES += [
    # --- second corpus audit ---
    # 城乡建设 296 三（十一）: ranges governed directly by 控制在 -> value "a-b", number = lower bound, 区间
    (
        "位于生态功能区、农产品主产区的县城建成区人口密度控制在0.6—1万人/平方公里，建筑总面积与建设用地比值控制在0.6—0.8。",
        [("位于生态功能区、农产品主产区的县城建成区人口密度", "0.6-1万人/平方公里", "万人/平方公里", "控制在", None, None, "区间"),
         ("建筑总面积与建设用地比值", "0.6-0.8", "", "控制在", None, None, "区间")],
    ),
    ("公共充电桩车桩比保持在15%-25%。", [("充电桩", "15%-25%", "%", "保持在", None, None, "区间")]),
    # 城乡建设 296 二（四）: 万人/平方公里 is one unit
    ("组团内平均人口密度原则上不超过1万人/平方公里。",
     [("组团内平均人口密度", "1万人/平方公里", "万人/平方公里", "不超过", None, None, "原则上")]),
]

CASES += [
    # building and spreading verbs govern a figure when no other target verb does (邯郸 pdf2, 山东 338, 德州 451,
    # 上海 65) ...
    ("2021年，全市新开工建设被动式超低能耗建筑12万平方米。",
     [("被动式超低能耗建筑", "12万平方米", "万平方米", "新开工建设", None, 2021, "")]),
    ("“十四五”期间，累计开工建设装配式建筑面积1亿平方米以上。",
     [("装配式建筑面积", "1亿平方米", "亿平方米", "开工建设", None, 2025, "累计、以上")]),
    ("试点建设5个加氢站。", [("加氢站", "5个", "个", "建设", None, None, "")]),
    ("推广新能源汽车42.4万辆。", [("新能源汽车", "42.4万辆", "万辆", "推广", None, None, "")]),
    # "为" / "共" right before the figure state it (广东 504); "作为" does not
    ("2021年度纳入碳排放管理和交易范围的企业（以下简称“纳入企业”）的配额总量为2.65亿吨。",
     [("纳入碳排放管理和交易范围的企业的配额总量", "2.65亿吨", "亿吨", "为", None, 2021, "")]),
    # an intensity's denominator qualifies every measure of a 分别 list (辽源 357, and 17 more documents' pairs)
    ("到2025年，单位地区生产总值能源消耗、二氧化碳排放分别降低15%、18%。",
     [("单位GDP能耗", "15%", "%", "降低", None, 2025, ""), ("单位GDP二氧化碳排放", "18%", "%", "降低", None, 2025, "")]),
    ("单位GDP能耗和二氧化碳排放分别下降13.5%、18%。",
     [("单位GDP能耗", "13.5%", "%", "下降", None, None, ""), ("单位GDP二氧化碳排放", "18%", "%", "下降", None, None, "")]),
    # ... unless the total names what it counts (四川 562)
    ("全省辖18个地级市、3个民族自治州，共183个县（市、区），常住人口8367.5万人。", [("县", "183个", "个", "共", None, None, "")]),
    # a leading "确定" and the year are no part of the indicator (广东 504)
    ("结合国家和我省的产业政策、行业规划和经济发展形势预测，确定2021年度纳入企业的配额总量为2.65亿吨。",
     [("纳入企业的配额总量", "2.65亿吨", "亿吨", "为", None, 2021, "")]),
    # ... and a total counts what the chunk before ends with
    ("本省行政区域内（深圳市除外，下同）水泥、钢铁、石化、造纸和民航等行业年排放2万吨二氧化碳（或年综合能源消费量1万吨标准煤）"
     "及以上的企业，共178家（附件1）。", [("企业", "178家", "家", "共", None, None, "")]),
    # Latin units (福建 223 数据中心)
    ("到2025年，全省数据中心单机架算效不低于8GFLOPS/W。",
     [("数据中心单机架算效", "8GFLOPS/W", "GFLOPS/W", "不低于", None, 2025, "")]),
    # 千克 units are units, not the multiplier 千 (高耗能行业能效标杆 26)
    ("氨碱法（重质）纯碱能效标杆水平为390千克标准煤/吨，基准水平为420千克标准煤/吨。",
     [("氨碱法纯碱能效标杆水平", "390千克标准煤/吨", "千克标准煤/吨", "为", None, None, ""),
      ("基准水平", "420千克标准煤/吨", "千克标准煤/吨", "为", None, None, "")]),
    # a base year written "以2020年…为基数" (公共机构 52) is no target year
    ("以2020年能源、水资源消费以及碳排放为基数，2025年公共机构单位建筑面积能耗下降5%、人均综合能耗下降6%。",
     [("公共机构单位建筑面积能耗", "5%", "%", "下降", 2020, 2025, ""), ("人均综合能耗", "6%", "%", "下降", 2020, 2025, "")]),
    # bounds right before the figure (pdf2 阿坝 428 / 白银 413 style 十四五 plans, 城乡建设 296, 公共机构 52)
    ("到2025年，全市火电机组平均供电煤耗低于290克/千瓦时；电网线损率低于4%。",
     [("供电煤耗", "290克/千瓦时", "克/千瓦时", "低于", None, 2025, ""),
      ("电网线损率", "4%", "%", "低于", None, 2025, "")]),
    ("到2025年，城市公共供水管网漏损率小于10%。", [("漏损率", "10%", "%", "小于", None, 2025, "")]),
    ("到2025年，新建大型数据中心电能利用效率不大于1.3。",
     [("PUE", "1.3", "", "不大于", None, 2025, "")]),
    # an indicator list's signs (宁德 473 三（四）2, 十四五 生态环境保护 plans)
    ("城市空气质量优良天数比例≥98%；", [("优良天数比例", "98%", "%", "≥", None, None, "")]),
    ("细颗粒物（PM2.5）平均浓度≤25微克/立方米。", [("PM2.5浓度", "25微克/立方米", "微克/立方米", "≤", None, None, "")]),
    # ... and are part of the indicator's name when one does (青岛 172)
    ("到2025年，完成既有公共建筑节能改造面积420万平方米。",
     [("既有公共建筑节能改造面积", "420万平方米", "万平方米", "完成", None, 2025, "")]),
]

CASES += [
    # "约" between a rate's, share's or amount's name and its figure states it, as reviews of results write them (pdf2 35
    # 能源白皮书 四（四）, 565 广西 可再生能源 一, 31 氢能 一, 566 天津 可再生能源 一); a verb before it still governs
    ("截至2019年底，北方农村地区清洁取暖率约31%，比2016年提高21.6个百分点。",
     [("北方农村地区清洁取暖率", "31%", "%", "约", None, 2019, ""),
      ("北方农村地区清洁取暖率", "21.6个百分点", "个百分点", "提高", 2016, 2019, "")]),
    ("2020年全区农作物秸秆综合利用率约85%，畜禽粪污综合利用率约88.5%，城镇生活垃圾无害化处理率达99%。",
     [("秸秆综合利用率", "85%", "%", "约", None, 2020, ""), ("畜禽粪污综合利用率", "88.5%", "%", "约", None, 2020, ""),
      ("生活垃圾无害化处理率", "99%", "%", "达", None, 2020, "")]),
    ("从国内看，我国是世界上最大的制氢国，年制氢产量约3300万吨。", [("制氢产量", "3300万吨", "万吨", "约", None, None, "")]),
    ("目前，天津生活垃圾日产量约1.5万吨，全年产量超过500万吨。",
     [("天津生活垃圾日产量", "1.5万吨", "万吨", "约", None, None, ""), ("产量", "500万吨", "万吨", "超过", None, None, "")]),
]

CASES += [
    # a ratio right after a target verb, in a chunk naming a ratio (pdf2 526 江西 三（六）, 254 徐州 申报条件, 336 上海 能源
    # 规划's review, 555 交通运输 技术目录): the ratio as written, its first term the number; the 1 after the colon is no figure
    ("其中，钢铁项目产能置换比例不低于1.25∶1，对完成实质性兼并重组后取得的合规产能用于项目建设时，可以不低于1.1∶1。",
     [("钢铁项目产能置换比例", "1.25∶1", "", "不低于", None, None, ""), ("可以", "1.1∶1", "", "不低于", None, None, "")]),
    ("平板玻璃产能置换比例不低于1∶1。", [("平板玻璃产能置换比例", "1∶1", "", "不低于", None, None, "")]),
    ("申报单位须有新增自筹经费，且与市资助经费比例须不低于2:1。",
     [("且与市资助经费比例须", "2:1", "", "不低于", None, None, "")]),
    ("全市充电桩车桩比达到1.1∶1。", [("充电桩", "1.1∶1", "", "达到", None, None, "")]),
    # … a bound after it is its qualifier; a review's ratio of three terms is one figure (451 德州, 540 广东 reviews)
    ("新能源汽车车桩比达到2:1以上。", [("新能源汽车车桩比", "2:1", "", "达到", None, None, "以上")]),
    ("2020年，三次产业比例达到10.6:40.2:49.2。", [("三次产业比例", "10.6:40.2:49.2", "", "达到", None, 2020, "")]),
]


@pytest.mark.parametrize("sentence, expected", CASES)
def test_extract_targets(sentence, expected):
    assert [_row(t) for t in _targets(sentence)] == expected


NO_TARGETS = [
    "作为10个试点之一，率先开展近零碳排放区建设。",
    "太原市人民政府关于印发太原市“十四五”节能减排实施方案的通知 并政发〔2023〕15号",
    "贯彻执行《油品运输大气污染物排放标准》(GB20951-2020)、《储油库大气污染物排放标准》(GB20950-2020)。",
    "加大落后燃煤锅炉和燃煤小热电退出力度，全市不再新建每小时35蒸吨以下的燃煤锅炉。",
    "2025年，大宗货物年货运量150万吨及以上的，原则上全部接入铁路专用线。",
    "对钢铁、焦化、有色、建材、石化、化工、机械制造等7大行业进行重点整治。",
    "优良天数比例和PM2.5浓度持续改善，全面开展CO2、CH4、CO浓度高精度监测。",
    "对容量20蒸吨/小时及以上燃煤锅炉全面实施脱硫改造。",
    "限制销售灰分高于16%、硫分高于1%的散煤。",
    "限制销售灰分>16%的散煤。",
    # signs in conditions, inside a name, or between a flattened table's cells (pdf2 409, 36, 26, 428)
    "10万吨≤实际排放量<100万吨的，",
    "75%≤F<80%",
    "重点排放单位当年度实际排放量配额盈余（或缺口）比例<10万吨10%",
    # a colon between figures with no target verb right before it (a time, a review's proportion); a time or a map's
    # scale after a verb (no figure of either term: the old reading gave 22, 1 …); a ratio a condition or a subsidy follows
    "会议于2022年6月1日14:30召开。",
    "济南市居住建筑和公共建筑比例约为5:1。",
    "夜间施工时间不超过22:00。",
    "施工作业时间控制在8:00-18:00。",
    "完成1:5万区域地质调查。",
    "完成1∶10000地形图测绘。",
    "市级财政按照不低于1:1的比例给予配套资金。",
    "产能置换比例不低于1.25:1的项目，给予奖励。",
    "≥97是约束性城市污水集中处理率≥85≥85是约束性工业用水重复率≥80≥80是预期性",
    # a bound inside an indicator's name, and a status figure with no target verb (高耗能行业能效标杆 national notice)
    "截至2020年底，我国炼油行业能效优于标杆水平的产能约占25%，能效低于基准水平的产能约占20%。",
    # "约" after no rate's, share's or amount's name (pdf2 68 内蒙古 一)
    "单位GDP碳排放约1吨左右。",
    # --- corpus audit ---
    "对于规模超过100个标准机架(2.5KW)的数据中心(包括已建和在建)逐一登记造册。",  # 13: a condition
    "新建建筑按总停车位15%-25%比例分类配建;",  # 186: a range not governed by a verb: no clean indicator
    "开展绿色社区创建行动，新建建筑100%实行绿色建筑标准。",  # 361: an adverbial share
    "支持企业按每台不低于200元给予补贴。",  # 347: a subsidy
    "力争2022年底试点完成市生态环境局等2—3家单位办公楼低碳化改造。",  # 113: a range
    "不再受理县级及以上城市建成区新建35蒸吨以下燃煤锅炉。",  # 73: a prohibition
    # a table row read as text, two figures run together once the spaces are closed (475.7 17.84 → 475.717.84)
    "公共建筑能效提升 475.7 17.84",  # pdf2 533 济南 专栏1
    "（15）氮氧化物重点工程减排量（吨） 66.64 22.27 约束性",  # pdf2 428 阿坝
    "9.地表水达到或好于Ⅲ类水体比例（%） 87.3 89.9 约束性",  # pdf2 540 广东
    # … and none of the row's other figures takes its verb either (下降 … 58769吨: a 2015 amount in a review table)
    "3 二氧化硫排放量下降比例（%） 58769吨 25.72 25.80 完成 约束性",  # pdf2 425 内江
    "17 单位生产总值能源消耗降低（%） 20.98 17 17.05 约束性 18 非化石能源占一次能源消费比重（%） 24.6 26 29 约束性 "
    "19 万元工业增加值用水量降低（%） 41 25 45 约束性",  # pdf2 540 广东
]


@pytest.mark.parametrize("sentence", NO_TARGETS)
def test_no_garbage_targets(sentence):
    assert _targets(sentence) == []


def test_target_ids_and_region():
    ts = _targets("到2025年，全市农膜回收率达85%以上，秸秆综合利用率保持在95%以上。")
    assert [t.target_id for t in ts] == ["d#x#t1", "d#x#t2"]
    assert {t.region for t in ts} == {"太原市"}
    assert ts[0].sentence.startswith("到2025年")


# (document region, the sentence as written in a corpus plan, the place-name look-alike inside it)
REGION_FROM_DOCUMENT_CASES = [
    ("梧州市", "到2025年，能源资源配置更加合理、利用效率大幅提高，单位地区生产总值能耗下降13.5%。", "资源县"),  # 234
    ("北海市", "到2025年，全市畜禽粪污资源化利用率达90%以上、农作物秸杆综合利用率达90%以上。", "资源县"),  # 358
    ("山东省", "推进城市和县城建成区黑臭水体动态清零，再生水利用率提高2个百分点。", "和县"),  # 347
    ("全国", "推进中心城区、老城区绿道网络建设，到2030年城市建成区绿地率达到38.9%。", "老城区"),  # 296
    ("邯郸市", "加快推进邯钢老区退城整合、邯郸热电厂退城搬迁项目进程，完成1000立方米以下高炉升级改造。", "邯郸县"),  # 242
    ("山东省", "加快推进东营市特殊生境保护修复项目，全年完成造林10万亩。", "东营市"),  # 347: a province-wide total
    ("太原市", "推进古交市生活垃圾处理，到2025年古交市垃圾无害化处理率达到100%。", "古交市"),
]


@pytest.mark.parametrize("region, sentence, look_alike", REGION_FROM_DOCUMENT_CASES)
def test_target_region_is_the_documents(region: str, sentence: str, look_alike: str) -> None:
    ts = _targets(sentence, region=region, regions=(look_alike,))
    assert ts, sentence
    assert {t.region for t in ts} == {region}


TITLE_YEAR_CASES = [
    # (plan title, sentence without a year, expected target_year)
    ("山东省绿色低碳转型2022年行动计划", "全年新建高标准农田665万亩。", 2022),  # 347: an annual plan
    ("省生态环境厅2022年推动碳达峰碳中和工作计划", "重点企业履约率不低于95%。", 2022),  # 55
    ("省生态环境厅2021年度推动碳达峰、碳中和工作计划", "重点企业履约率不低于95%。", 2021),  # 244
    ("北京市“十四五”时期制造业绿色低碳发展行动方案", "水泥产能压减30%以上。", 2025),  # 316
    ("湖南省制造业绿色低碳转型行动方案（2022-2025年）", "创建30家以上工业产品绿色设计示范企业。", 2025),  # 326
    ("2030年前碳达峰行动方案", "水泥产能压减30%以上。", None),  # a deadline, not an annual plan
    ("黑龙江关于2021-2023年推动碳达峰、碳中和工作滚动实施方案", "水泥产能压减30%以上。", None),  # rolling years
    ("减污降碳协同增效实施方案", "水泥产能压减30%以上。", None),
    # an explicit year in the clause wins over the title
    ("山东省绿色低碳转型2022年行动计划", "到2025年，可再生能源发电装机达到8000万千瓦。", 2025),
]


@pytest.mark.parametrize("title, sentence, year", TITLE_YEAR_CASES)
def test_undated_targets_take_the_title_year(title, sentence, year):
    clause = Clause(clause_id="d#x", doc_id="d", kind="item", number="", path="x", heading="", text=sentence)
    ts = extract_targets(clause, Document(doc_id="d", source="d.pdf", title=title, region="山东省"))
    assert ts and {t.target_year for t in ts} == {year}
    # the preamble reports the past: no default year there
    pre = Clause(clause_id="d#前言", doc_id="d", kind="preamble", number="", path="前言", heading="", text=sentence)
    explicit = year if "到20" in sentence else None
    assert {t.target_year for t in extract_targets(pre, Document(doc_id="d", source="d.pdf", title=title))} == {explicit}


def _seed_targets(file_name: str, region: str):
    path = ROOT / "data" / file_name
    try:
        from ingest.pipeline import parse_file  # type: ignore[attr-defined]
    except ImportError:
        parse_file = None
    if parse_file is not None:
        parsed = parse_file(path)
        clauses, document = parsed.clauses, parsed.document
    else:
        from ingest.repair import repair_text
        from ingest.structure import split_clauses

        clauses = split_clauses(repair_text(path.read_text(encoding="utf-8")), path.stem, source=path.name)
        document = Document(doc_id=path.stem, source=path.name, title="", region=region)
    return [t for c in clauses for t in extract_targets(c, document)]


SEED_REGIONS = {
    "taiyuan-shisiwu-jienengjianpai.txt": "太原市",
    "jincheng-shisiwu-jienengjianpai.txt": "晋城市",
    "shanxi-2014-2015-jienengjianpai.txt": "山西省",
    "liaoning-2014-2015-jienengjianpai.txt": "辽宁省",
}
EVAL = [
    json.loads(line)
    for line in (ROOT / "data" / "eval" / "seed_questions.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip() and json.loads(line)["intent"] == "target_value"
]


@pytest.fixture(scope="module")
def seed_targets():
    return {name: _seed_targets(name, region) for name, region in SEED_REGIONS.items()}


@pytest.mark.parametrize("q", EVAL, ids=[q["id"] for q in EVAL])
def test_eval_target_values_are_extracted(seed_targets, q):
    evidence = q["evidence"].replace(",", "，").replace(" ", "")
    hits = [t for t in seed_targets[q["doc"]] if t.value == q["value"]]
    assert hits, q
    assert any(evidence[:8] in t.sentence.replace(" ", "").replace(",", "，") for t in hits), [t.sentence for t in hits]
    for also in q.get("also", []):
        assert any(t.value == also for t in seed_targets[q["doc"]])


def test_bad_indicator_line(tmp_path: Path):
    bad = tmp_path / "indicators.tsv"
    bad.write_text("# c\n单位GDP能耗\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="indicators.tsv:2"):
        load_indicator_rules(bad)


@pytest.mark.parametrize(
    "sentence, value",
    [
        # concentration units of environmental plans (development pdf2 documents 417 郑州, 146 天津)
        ("到2025年，空气质量达标进程加快，PM2.5年均浓度降至40微克/立方米，基本消除重污染天气。", "40微克/立方米"),
        ("到2025年，全市（16个国控点位）PM2.5年均浓度降至48微克/立方米。", "48微克/立方米"),
        ("到2025年，海水池塘养殖面积控制在900公顷以内。", "900公顷"),
        # areas in 平方公里 (not the 公里 of a length; dev56 453 西宁 专栏4, 24 宁夏, 417 郑州 第二章)
        ("实施流域生态坡耕地治理、小流域水土流失综合治理、侵蚀沟综合治理等生态保护项目，累计新增水土流失综合治理面积310平方公里。",
         "310平方公里"),
        ("新增治理水土流失面积4650平方公里，新增造林面积350万亩。", "4650平方公里"),
        ("完成海绵城市建设面积110.8平方公里。", "110.8平方公里"),
    ],
)
def test_concentration_and_area_units(sentence, value):
    assert value in [t.value for t in _targets(sentence)]


@pytest.mark.parametrize(
    "sentence, values",
    [
        # an area with 以上 / 以下 before the noun it sizes counts the rivers, it sets no area (448 河南 第一章第一节; the
        # round-52 review's case): the 8个 lakes stay the target
        ("基本完成全省1030条流域面积50平方公里以上河流和8个湖泊管理范围划定工作。", ["8个"]),
        ("到2025年，完成流域面积50平方公里以上河流的治理任务15条。", []),
        # … a target area keeps its bound last
        ("到2025年，新增治理水土流失面积4650平方公里以上，水土保持率达到78%。", ["4650平方公里", "78%"]),
    ],
)
def test_an_area_sizing_a_noun_is_no_target(sentence, values):
    assert [t.value for t in _targets(sentence)] == values


def test_a_capacity_in_kilovolt_amperes_is_one_figure():
    # pdf2 169 附件2二（四): "12500千伏安", not 12500 thousand of nothing
    sentence = "推动200万吨/年及以下炼油装置、天然气常压间歇转化工艺制合成氨、单台炉容量小于12500千伏安的电石炉及开放式电石炉淘汰退出。"
    assert [m.group(0) for m in VALUE_RE.finditer(sentence)][-1] == "12500千伏安"


def test_a_sign_inside_the_object_governs_nothing() -> None:
    """"推广能效≥1级的变压器500台": the weak verb governs the figure, the sign inside its object does not (review of round
    19: a sign counts only right before the value)."""
    (found,) = _find_in_sentence("推广能效≥1级的变压器500台。")
    assert (found.value.display, found.comparator) == ("500台", "推广")


# A share of the units concerned that reach a state, with no target verb before the figure (pdf2 and corpus, whole
# sentences as the documents write them): the share is a target, the units and their state its indicator; a date among the
# units is the target year.
SHARE_OF_UNITS_CASES = [
    # 195 山东省公共机构…工作要点
    ("推进高等学校节约用水工作，会同有关部门开展节水型高校建设，力争40%的高等学校建成节水型高校，开展节水型高校典型案例征集工作。",
     ("高等学校建成节水型高校比例", "40%", "%", "达到", None, None, "力争")),
    # 249 深入开展公共机构绿色低碳引领行动促进碳达峰实施方案
    ("到2025年，力争80%以上的县级及以上机关达到节约型机关创建要求，创建2000家节约型公共机构示范单位，遴选200家公共机构能效"
     "领跑者，创建300家公共机构绿色低碳示范单位。",
     ("县级及以上机关达到节约型机关创建要求比例", "80%", "%", "达到", None, 2025, "力争、以上")),
    # 417 郑州市“十四五”生态环境保护规划
    ("加快充电设施建设，高速公路服务区快充站实现全覆盖，50%的居住社区具备充电条件，公共充电桩与电动汽车比例不低于1︰8。",
     ("居住社区具备充电条件比例", "50%", "%", "达到", None, None, "")),
    # 451 德州市“十四五”生态环境保护规划
    ("到2025年至少35%的降雨实现就地消纳和利用，逐步实现“小雨不积水、大雨不内涝、热岛有缓解”。",
     ("降雨实现就地消纳和利用比例", "35%", "%", "达到", None, 2025, "")),
    # 52 “十四五”公共机构节约能源资源工作规划: the date among the units
    ("力争80%以上的县级及以上机关2025年底前达到创建要求。",
     ("县级及以上机关达到创建要求比例", "80%", "%", "达到", None, 2025, "力争、以上")),
    # 195: the goal word closing the state
    ("确保完成全省70%以上的县级及以上党政机关建成节约型机关的目标。",
     ("县级及以上党政机关建成节约型机关比例", "70%", "%", "达到", None, None, "确保、以上")),
]


@pytest.mark.parametrize("sentence, expected", SHARE_OF_UNITS_CASES)
def test_a_share_of_units_reaching_a_state(sentence: str, expected: tuple) -> None:
    assert expected in [_row(t) for t in _targets(sentence)]


def test_a_share_of_units_without_a_state_reached() -> None:
    # 451 德州: the share of units selected for a task (选取不低于10%的…单位开展…) states no state they reach
    assert _targets("生态环境部门每年选取不低于10%的土壤污染重点监管单位开展周边土壤环境监测。") == []
    # 157 辽宁省“十四五”林业草原发展规划: units doing a task (实施), beside the targets of the sentence
    rows = [_row(t) for t in _targets("全省70%的县（市）实施空地一体化监测，林业有害生物无公害防治率达90%以上，成灾率控制在8‰以下。")]
    assert [r[:2] for r in rows] == [("林业有害生物无公害防治率", "90%"), ("成灾率", "8‰")]  # (a per-mille figure keeps its ‰)
