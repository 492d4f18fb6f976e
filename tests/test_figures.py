"""Figures a sentence states and counts a question asks for (search/answer_text.py, search/answer_targets.py), over real sentences."""

from __future__ import annotations

import re

import pytest

from search.answer_text import (
    DEADLINE_YEAR_FIGURE_RE,
    GOAL_YEAR_FIGURE_RE,
    ISSUE_DATE_ASKED_RE,
    LATEST_FIGURE_RE,
    RE_ASKED_COUNT,
    RE_FIGURE,
    SHARE_FIGURE_RE,
    asked_figure,
    asked_figure_re,
    only_the_date,
)


def assert_kind_asked(question: str, kind: re.Pattern[str], sentence: str, answers: bool) -> None:
    """``question`` asks a figure of ``kind`` (:func:`search.answer_text.asked_figure`), which ``sentence`` states or not."""
    want = asked_figure(question)
    assert want is kind
    assert bool(want.search(sentence)) is answers


# (sentence from a real plan, states a figure)
FIGURE_SENTENCES = [
    ("开展林草碳汇试点工作，完成1000块碳汇样地调查。", True),  # 辽宁 林业草原 规划
    ("符合上述年度排放量要求的自备电厂视同发电行业重点排放单位。共25家（名单详见附件）。", True),  # 天津 碳市场 通知
    ("到2025年，全市单位地区生产总值能耗下降14.5%。", True),  # 太原 seed
    ("扶持标准:奖励,单个国家级产品奖励金额不超过20万元,省级不超过10万元。", True),  # 深圳 扶持计划
    ("新建大型、超大型数据中心电能利用效率（PUE）降到1.3以下。", False),  # a ratio without unit: a target, not a figure
    ("核查机构名称等信息发生变更的，应当在变更后30日内向主管部门报告。", True),
    ("推进挥发性有机物综合治理。", False),
    ("到2025年，全市火电机组平均供电煤耗低于290克/千瓦时；", True),  # 上海 能源“十四五”规划
    # units in Latin letters (南京 184 项目指南, 上海 291 申报指南)
    ("（3）完成整车试验，整车续航里程达到150km。", True),
    ("碳捕集综合能耗低于2.3GJ/tCO2。", True),
    ("控制细颗粒物（PM2.5）和二氧化碳（CO2）排放。", False),
    # grams per a unit (上海 291 方向4, 广东 504 造纸); a network generation is none
    ("研究目标：实现低铂（铂载量≤0.15g/kW）催化剂、超薄金属双极板等关键材料国产化批量生产，完成燃料电池电堆集成及验证", True),
    ("低定量高强瓦楞芯纸（克重低于95g/m2）", True),
    ("推进5G基站、数据中心等新型基础设施节能改造。", False),
    # a percentage written in words (广东 530 四（二）, a regulation's style)
    ("使用住房公积金贷款购买星级绿色建筑自住房的，贷款额度可以按照不超过百分之二十的比例上浮。", True),
    # an amount's magnitude in words (青海 108 一（四）, 六（二十九）)
    ("到2030年，国家清洁能源产业高地基本建成，光伏制造业、储能制造业产值分别过千亿。", True),
    ("壮大光伏制造、储能电池等产业规模，储能、光伏制造产值规模分别超千亿元。", True),
    ("亿万群众积极参与绿色生活创建行动。", False),
    # a count in 万 / 亿 whose measure word stands before it (pdf2 196 国管局 2022年工作安排 五（三）), and counting words
    # of fish, animals and wells (corpus 362 大连 一（二） "放流苗种30亿尾"; pdf2 566 天津 "地热开采井343眼")
    ("扩大远程培训规模，持续开展面授培训，举办中央国家机关重点业务培训，全国实现培训人次达100万以上。", True),
    ("严格海洋伏季休渔管理，放流苗种30亿尾。", True),
    ("截至2020年底，全市登记在册的地热开采井343眼。", True),
    ("到2025年，全市第一万家企业完成改造。", False),
    # a bound written with a comparison sign, as indicator tables write a value after the unit column (pdf2 528 深圳
    # 附件1 表1, pdf2 465 南平 指标表, pdf2 338 山东 指标表)
    ("区域人均碳排放量吨CO2/（人•年）≤3.5核心指标", True),
    ("细颗粒（PM2.5）年均浓度（μg/m3）29≤35 19完成约束性", True),
    ("≥30预期", True),
    ("国省考断面达到或优于Ⅲ类水体比例（%）", False),
]


@pytest.mark.parametrize("sentence, figure", FIGURE_SENTENCES)
def test_figures_with_units_and_counting_words(sentence: str, figure: bool) -> None:
    assert bool(RE_FIGURE.search(sentence)) is figure


# (question, counting word asked for)
COUNT_QUESTIONS = [
    ("辽宁林草规划中林草碳汇试点要完成多少块碳汇样地调查？", "块"),
    ("天津2022年纳入全国碳市场的发电行业重点排放单位有多少家？", "家"),
    ("湖北碳排放核查机构名称等信息变更后多少天内要向主管部门报告？", "天"),
    ("全省要建成几个零碳示范园区？", "个"),
    ("上海低碳示范创建中低碳社区的创建周期是几年？", "年"),  # 上海 低碳示范创建 方案
    ("上海燃煤电厂电煤储备能力要达到几天？", "天"),  # 上海 能源 规划
    ("太原市挥发性有机物综合整治由哪个部门牵头？", None),
    ("到2025年单位GDP能耗下降多少？", None),
    # a count of people asked with 个 before 人 (工信厅节函〔2021〕130号 三（三）)
    ("相关专业的高级职称至少得有几个人？", "人"),
    ("评价机构专职人员不少于多少人？", "人"),
    # a score, copies, kinds, characters (pdf2 110 深圳 第四章第十六条, 279 无锡, 265 南京, 264 安徽)
    ("申报深圳市支持绿色发展促进工业碳达峰扶持计划，专家评审要得多少分才算通过？", "分"),
    ("纸质项目申报材料要交一式几份？", "份"),
    ("2022年度省碳达峰碳中和科技创新专项资金项目按几类项目组织？", "类"),
    ("每个研究方向的“研究基础与优势”限制写多少字？", "字"),
]


@pytest.mark.parametrize("question, word", COUNT_QUESTIONS)
def test_counting_word_a_question_asks_for(question: str, word: str | None) -> None:
    m = RE_ASKED_COUNT.search(question)
    assert (m.group(1) if m else None) == word


# (counting word asked for, sentence from a real plan, states a figure in that word)
ASKED_FIGURES = [
    ("年", "低碳社区和近零碳排放社区的创建周期为3年。", True),  # 上海 低碳示范创建 方案
    ("年", "到2025年，建立较为完善的生态环境分区管控体系和数据应用系统。", False),  # a year is no duration (阿坝)
    ("年", "本办法自发布之日起实施，有效期五年。", True),  # a duration in words (湖北 331 第十六条)
    ("年", "二〇二一年起施行。", False),
    ("年", "二○二一年十二月三十一日前完成。", False),
    ("年", "第二年起逐年递减。", False),
    ("年", "特许经营期限不超过二十五年。", True),
    ("天", "天然气储备能力达到20天，燃煤电厂电煤储备能力达到15天。", True),  # 上海 能源 规划
    ("亩", "每年实施草原禁牧2000万亩，落实草畜平衡3765万亩。", True),
    ("天", "应当自完成变更之日起20个工作日内向主管部门报告。", True),  # 湖北 核查机构管理办法  # 阿坝 生态环境保护规划
    ("家", "遴选、支持500家左右低碳科技创新企业。", True),  # 科技支撑碳达峰碳中和实施方案
    ("家", "到2025年，培育一批低碳科技领军企业。", False),
    # enterprises and units are counted in 家, 个 or 户 alike (江苏 55 2022年工作计划 "选取15个重点企业", 广东 配额方案
    # "控排企业共…家"); a percentage is still no count
    ("家", "在火电、钢铁、石化、水泥等行业选取15个重点企业开展碳排放监测。", True),
    ("户", "全市共有重点用能单位120家。", True),
    ("家", "重点企业碳排放强度下降18%。", False),
    ("家", "全市单位地区生产总值能耗比2020年下降13.5个百分点。", False),
    ("家", "用3个月时间完成重点企业摸底。", False),
    ("家", "覆盖全省13个设区市。", False),
    # … or in 个 after what it counts (551 绿色制造名单推荐 二（一）)
    ("家", "每个地区推荐的绿色工厂不超过20个。", True),
    ("家", "重点企业用3个月时间完成摸底。", False),
    ("家", "园区内建成5个分布式光伏电站。", False),
    ("人", "其中能源、环境、生态、低碳、生命周期评价等相关专业高级职称人员不少于5人；", True),
    ("人", "每500人至少配备1名保洁员。", True),
    ("人", "新增就业岗位30个。", False),
    ("分", "项目初审完成后需进行专家评审的项目，市工业和信息化主管部门应当组织专家评审，专家评审得分70分以上（含70分）方可通过。", True),
    ("分", "专家评审结果作为立项的重要依据。", False),
    # copies and kinds mostly written in words, never an ordinal
    ("份", "项目申报书须胶装成册，一式4份，报送市科技局。", True),
    ("份", "将汇总表（纸质一式三份）随同项目申报材料报送。", True),
    ("类", "围绕重大基础研究、重大关键技术攻关、重大创新载体建设等六类项目组织。", True),
    ("类", "第六类为其他项目。", False),
    ("字", "研究基础与优势（包括国内外先进性、近三年承担国家及省级项目、人才团队、标志性成果等，每个方向限制800字）", True),
    # an approximate count (余 / 多 after the number): corpus 55 江苏 二（九）
    ("家", "组织开展全省500余家石化、化工、建材、钢铁、有色、造纸、电力、航空等行业重点排放单位2021年度温室气体排放报告与核查工作", True),
    ("个", "已建成20多个分布式光伏项目", True),
    # the counting word written before a count in 万 / 亿 (pdf2 196 国管局 2022年工作安排 五（三）)
    ("人次", "全国实现培训人次达100万以上。", True),
    ("人次", "各级公共机构累计培训500万人次以上。", True),
    ("人次", "全国实现培训覆盖率达100%。", False),
    # (money is no count: "每家达100万元")
    ("家", "对通过认定的企业每家达100万元奖励。", False),
]


@pytest.mark.parametrize("word, sentence, figure", ASKED_FIGURES)
def test_figures_in_the_asked_counting_word(word: str, sentence: str, figure: bool) -> None:
    assert bool(asked_figure_re(word).search(sentence)) is figure


# the numbers a target question quotes to name its measure (福州 404 "年节能量300吨标准煤以上的节能项目…最高奖励150万元"
# beside "年节能量达200吨标准煤以上…最高奖励100万元"; 南京 project "7201"): years, dates and names are none
@pytest.mark.parametrize(
    ("question", "numbers"),
    [
        ("福州对企业自主实施的节能技术改造（年节能量300吨标准煤以上）给补助，单个项目最高奖励多少？", ["300"]),
        ("《2022年南京市碳达峰碳中和科技创新专项项目指南》里，7201这个项目市级资助经费最高不超过多少？", ["7201"]),
        ("到2025年单位GDP能耗下降多少？", []),
        ("2022年全国节能宣传周6月13日至19日期间要做什么？", []),
        ("西安PM2.5平均浓度要降到多少？", []),
        ("减排CO2达到3.5万吨的项目有多少个？", ["3.5"]),
        ("全国数据中心和5G绿色高质量发展实施方案里，年综合能耗超过多少的数据中心要纳入重点用能单位管理？", []),
        ("年综合能耗2000吨标准煤以上的项目补助多少？", ["2000"]),  # a quantity, not a year
        ("到2025底建设20座加氢站的补助是多少？", ["20"]),
        # a document number names the document (frozen9 qf9a-042, 重庆 175 渝环〔2021〕111号), in any bracket form
        ("渝环〔2021〕111号碳惠通办法里，方法学、项目或减排量的备案申请交上去后，技术评估最长不超过多长时间？", []),
        ("包林草发[2021]23号文件里，7201这个项目资助多少？", ["7201"]),
    ],
)
def test_numbers_a_question_quotes(question: str, numbers: list[str]) -> None:
    from search.answer_text import quoted_numbers

    assert quoted_numbers(question) == numbers


# a quoted number is stated by a sentence as a number of its own: 300 in 300吨, not in 3000吨; 20 not in 2025年
@pytest.mark.parametrize(
    ("sentence", "number", "states"),
    [
        ("对年节能量达到300吨标准煤以上的节能项目，最高奖励150万元。", "300", True),
        ("对年节能量达到3000吨标准煤以上的节能项目，最高奖励300万元。", "300", True),
        ("对年节能量达到3000吨标准煤以上的节能项目。", "300", False),
        ("到2025年建成加氢站。", "20", False),
        ("PM2.5浓度下降", "2.5", True),
        ("PM2.55浓度", "2.5", False),
    ],
)
def test_a_sentence_states_a_quoted_number(sentence: str, number: str, states: bool) -> None:
    from search.answer_text import states_number

    assert states_number(sentence, number) is states



# money stated in digits or, as rules write their fines, in words (pdf2 393 企业环境信息依法披露管理办法 第二十八条,
# 第二十九条; pdf2 122 广州黄埔 补贴); a numeral before 元 in a word (三元锂电池, 城乡二元结构: invented phrasings) is none
@pytest.mark.parametrize(
    ("sentence", "money"),
    [
        ("由设区的市级以上生态环境主管部门责令改正，通报批评，并可以处一万元以上十万元以下的罚款。", True),
        ("并可以处五万元以下的罚款：", True),
        ("按节能量给予500元/吨标准煤补贴，补贴最高1000万元", True),
        ("推广三元锂电池和磷酸铁锂电池。", False),
        ("破除城乡二元结构。", False),
    ],
)
def test_money_in_digits_or_words(sentence: str, money: bool) -> None:
    from search.answer_text import MONEY_FIGURE_RE

    assert bool(MONEY_FIGURE_RE.search(sentence)) is money


# a question asking an amount of money is answered by money; one asking how much an amount changes asks a share
@pytest.mark.parametrize(
    ("question", "money"),
    [
        ("单个项目最高奖励多少？", True),  # 福州 404
        ("资助额度最高是多少？", True),
        ("用住房公积金贷款买星级绿建自住房，贷款额度最多能上浮多少？", False),  # 广东 530 四（二）
        # the money's kind after 多少, a level's between them (上海 291's 每项资助额度50万元; 南京 184's 市级资助经费)
        ("“颠覆性技术”方向每个项目给多少资助？", True),
        ("单个项目最多能拿到多少市级资助经费？", True),
        ("有多少家企业获得资助？", False),  # (a count of enterprises)
        ("本批共有多少资助项目？", False),  # (what is counted after the money word: review of round 41)
        ("今年有多少补贴名额？", False),
    ],
)
def test_an_amount_s_change_is_no_money_question(question: str, money: bool) -> None:
    from search.answer_text import MONEY_FIGURE_RE, asked_figure

    assert (asked_figure(question) is MONEY_FIGURE_RE) is money


# the latest time for a step asked ("最迟要在什么时候前改造升级", "最晚什么时候要报上去"): a day or a deadline year answers
# (frozen21 qf21-1-29 安徽 207 二（四）, frozen25 qf25-1-13 四川's notice 四)
@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        ("安徽省能效低于基准水平的企业，最迟要在什么时候前改造升级到基准水平以上？",
         "在2024年底前将能效改造升级到基准水平以上，力争达到能效标杆水平", True),
        ("各市州推荐文件和汇总表最晚什么时候要报上去？", "请于2022年5月30日前报送推荐文件及项目汇总表", True),
        ("要求整体在什么时间前完成？", "试点工作应结合规划环评工作统筹推进，完成一个报送一个，整体在2022年11月底前完成。", True),
        ("最迟要在什么时候前改造升级？", "到2025年，能效标杆水平以上产能比例达到30%。", False),
    ],
)
def test_the_latest_time_asked(question: str, sentence: str, answers: bool) -> None:
    assert_kind_asked(question, LATEST_FIGURE_RE, sentence, answers)


# a deadline year asked ("要在哪一年之前完成", frozen14/17 福建 224 二（三）) is answered by the year a sentence sets as one
@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        ("能效低于行业基准水平的存量项目最晚要在哪一年前完成改造升级？", "应加快节能降碳、提质增效改造，并于2023年前完成改造升级。", True),
        ("存量项目要在哪一年之前完成改造升级？", "到2025年底前完成全部改造。", True),
        ("存量项目要在哪一年之前完成改造升级？", "到2025年，全市单位地区生产总值能耗下降14.5%。", False),
        ("存量项目要在哪一年之前完成改造升级？", "应于2023年12月31日前完成改造。", True),
        ("存量项目要在哪一年之前完成改造升级？", "于2025年6月底前完成。", True),
    ],
)
def test_a_deadline_year_asked(question: str, sentence: str, answers: bool) -> None:
    assert_kind_asked(question, DEADLINE_YEAR_FIGURE_RE, sentence, answers)


# the day a document takes effect: asked ("从哪天开始施行") and stated ("《方案》从2022年4月1日起实施", pdf2 351; a 办法's
# closing article, pdf2 480 沈阳 碳排放权交易管理办法 style)
@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("山东省生态环境厅针对控排企业碳排放报告造假搞的有奖举报方案，从哪天开始施行？", True),
        ("这个管理办法什么时候起实施？", True),
        ("办法的施行日期是哪天？", True),
        ("申报受理截止时间是哪天？", False),
        ("示范项目实施时间为几年？", False),
        # a measure's deadline is no document's day (review of round 19)
        ("方案要求超低排放改造什么时候实施完成？", False),
    ],
)
def test_a_question_asking_when_a_document_takes_effect(question: str, asks: bool) -> None:
    from search.answer_text import EFFECTIVE_ASKED_RE

    assert bool(EFFECTIVE_ASKED_RE.search(question)) is asks


@pytest.mark.parametrize(
    ("sentence", "states"),
    [
        ("《方案》从2022年 4月 1日起实施。", True),
        ("本办法自2021年2月1日起施行。", True),
        ("本通知自印发之日起施行。", False),  # no day written: nothing to quote as the day
        ("申报受理截止时间为2022年3月4日。", False),
        ("自2022年7月1日起执行新的峰谷分时电价。", False),  # a measure's start, the document is not the subject
    ],
)
def test_a_sentence_stating_the_day_a_document_takes_effect(sentence: str, states: bool) -> None:
    from search.answer_text import EFFECTIVE_DATE_RE

    assert bool(EFFECTIVE_DATE_RE.search(sentence)) is states


# the year a goal is to be reached, asked ("最晚在什么时候实现碳达峰", frozen22 qf22-1-21) and stated as a year in a sentence
# (pdf2 43 一, corpus 2 一（二）); a value asked first keeps the value ("控制线是多少，什么时候前达到", frozen8 qf8a-013)
@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        ("示范园区最晚在什么时候实现碳达峰？", "推动示范园区先于全社会在2030年前实现碳达峰，2060年前实现碳中和。", True),
        ("国家何时实现碳达峰？", "确保2030年前实现碳达峰。", True),
        ("哪一年基本建成绿色低碳循环发展经济体系？", "到2025年，绿色低碳循环发展的生产体系初步形成。", True),
        ("示范园区最晚在什么时候实现碳达峰？", "所有示范园区均应将实现碳达峰碳中和作为重要目标。", False),
    ],
)
def test_a_goal_year_asked(question: str, sentence: str, answers: bool) -> None:
    assert_kind_asked(question, GOAL_YEAR_FIGURE_RE, sentence, answers)


def test_a_value_asked_before_its_goal_year_is_the_value() -> None:
    from search.answer_text import GOAL_YEAR_FIGURE_RE, asked_figure

    assert asked_figure("水泥熟料企业氮氧化物排放浓度的控制线是多少，什么时候前达到？") is not GOAL_YEAR_FIGURE_RE


# the sentence before a target sentence in its paragraph, which states the measure the target counts (pdf2 457 益阳
# 三（三）, 425 内江 第三章第四节（三）, abridged); none for a sentence opening its paragraph (the clause heading frames it then)
YIYANG = (
    "推进运输结构调整\n构建绿色交通体系。加快绿色生态公路网络体系建设。大力发展绿色货运，以沿资江、沅江市和沿铁路线的区县（市）为重点，"
    "推进大宗货物运输“公转铁、公转水”。到2025年，全市铁路货运量增长40%以上；全市水路货运量增长10%以上。\n加大新能源汽车推广力度。"
)
NEIJIANG = (
    "开展河道综合整治，修复水生态系统。\n开展人工湿地建设。加强水生态保护与修复。在污水处理设施末端、重点排污口等处建设水质净化人工湿地，"
    "进一步削减入河污染负荷，促进流域水质稳定达标。到2025年，完成湿地建设面积不小于198公顷。\n开展河流缓冲带保护修复。"
)


@pytest.mark.parametrize(
    ("text", "sentence", "before"),
    [
        (YIYANG, "到2025年，全市铁路货运量增长40%以上；",
         "大力发展绿色货运，以沿资江、沅江市和沿铁路线的区县（市）为重点，推进大宗货物运输“公转铁、公转水”。"),
        (YIYANG, "全市水路货运量增长10%以上。", "到2025年，全市铁路货运量增长40%以上；"),
        (NEIJIANG, "到2025年，完成湿地建设面积不小于198公顷。",
         "在污水处理设施末端、重点排污口等处建设水质净化人工湿地，进一步削减入河污染负荷，促进流域水质稳定达标。"),
        (NEIJIANG, "开展人工湿地建设。", ""),
        (YIYANG, "不在文中的句子。", ""),
    ],
)
def test_the_sentence_before_a_target_sentence(text: str, sentence: str, before: str) -> None:
    from search.answer_text import sentence_before

    assert sentence_before(text, sentence) == before


# pdf2 445 海西州, 384 贵州 绿色制造, 146 天津 and 417 郑州 (a paragraph's run-in heading frames its figures; a line
# closing with ； runs on within the paragraph; a title line may stand above the paragraph)
HAIXI = (
    "源利用效率效益显著提升。\n建设柴达木千里防风固沙长廊。以青藏高原生态屏障区生态保护和修复重大工程等为依托，重点开展祁连山、"
    "青海湖流域、三江源等重点区域生态保护和修复重点工程；\n推进“三北”防护林工程、城镇防护林、国道（高速）绿化等项目建设；完善公益林"
    "管护相关制度，强化实施保障。到2025年，森林覆盖率达到4.35%，公益林得到有效管护，生态功能稳步提升。\n着力构建国土空间开发保护格局。"
)
GUIZHOU = (
    "产方式绿色低碳转型取得显著成效,绿色制造水平明显提升。\n——能源利用效率稳步提升。规模以上工业单位增加值能耗降低13.5%,重点用能行业"
    "单位产品能耗达到国内先进水平。\n——资源利用水平明显提高。大宗工业固体废物综合利用率超过全国平均水平,单位工业增加值用水量降低16%。"
)
TIANJIN = (
    "推动交通领域绿色转型\n加快建设绿色港口。推进绿色低碳运输。加快打造“公转铁+散改集”双示范绿色港口。提升南疆港区散货运输能力，"
    "新建远航南货场2条装车线，新增矿石铁路疏运能力1000万吨/年。\n推进柴油货车治理。"
)
TIANJIN_COAL = (
    "推动能源领域低碳转型\n持续削减煤炭消费总量。在保障能源安全的前提下，逐步削减煤炭消费总量，确保完成国家下达的控煤减煤目标任务。"
    "禁止新建燃煤锅炉及工业炉窑，除在建项目外，不再新增煤电装机规模。基本淘汰30万千瓦及以上热电联产电厂30公里范围内全部燃煤锅炉和落后"
    "燃煤小热电机组。\n大幅提升天然气、绿电、非化石能源等清洁低碳能源供应量。"
)
# pdf2 561 湖南 四（三）1 and 353 天水 五（十二) (the round-53 review's cases): a second heading-shaped sentence between the
# paragraph's heading and the figure is a second measure of the paragraph, so neither frames the figure
HUNAN = (
    "促进调节性电源规模化多元化发展\n加快抽水蓄能建设。建立统筹协调、规划调整、价格形成和调度督办机制，加快推进“十四五”期间抽蓄建设的"
    "各项工作。提升火电调峰能力。开展省内存量公用煤电机组灵活性改造，优先提升30万千瓦级煤电机组深度调峰能力，增加系统调峰能力47万千瓦"
    "以上。\n科学布局电化学储能。"
)
TIANSHUI = (
    "实施城乡配电网建设和智能升级计划。\n加快天然气基础设施建设和互联互通。探索开展二氧化碳捕集、利用和封存。到2025年，非化石能源装机"
    "达到60%以上。"
)
ZHENGZHOU = (
    "92%以上，各县（市）建成区集中供热普及率达到85%以上。\n全面推进污水管网改造和建设。全面推进市区和各县（市）建成区排水管网雨污分流"
    "改造。到2025年，新增污水管网260公里，郑州市区城镇生活污水集中收集率大于90%。\n因"
)


@pytest.mark.parametrize(
    ("text", "sentence", "lead"),
    [
        (HAIXI, "到2025年,森林覆盖率达到4.35%,公益林得到有效管护,生态功能稳步提升。", "建设柴达木千里防风固沙长廊"),
        (GUIZHOU, "规模以上工业单位增加值能耗降低13.5%,重点用能行业单位产品能耗达到国内先进水平。", "——能源利用效率稳步提升"),
        (GUIZHOU, "大宗工业固体废物综合利用率超过全国平均水平,单位工业增加值用水量降低16%。", "——资源利用水平明显提高"),
        # (a title line above the paragraph: its heading opens the next line)
        (TIANJIN_COAL, "基本淘汰30万千瓦及以上热电联产电厂30公里范围内全部燃煤锅炉和落后燃煤小热电机组。", "持续削减煤炭消费总量"),
        # a second heading-shaped sentence between: none
        (TIANJIN, "提升南疆港区散货运输能力，新建远航南货场2条装车线，新增矿石铁路疏运能力1000万吨/年。", ""),
        (HUNAN, "开展省内存量公用煤电机组灵活性改造，优先提升30万千瓦级煤电机组深度调峰能力，增加系统调峰能力47万千瓦以上。", ""),
        (TIANSHUI, "到2025年，非化石能源装机达到60%以上。", ""),
        (ZHENGZHOU, "到2025年，新增污水管网260公里，郑州市区城镇生活污水集中收集率大于90%。", "全面推进污水管网改造和建设"),
        # the heading itself, a paragraph opening with a figure, a sentence not in the text
        (TIANJIN, "加快建设绿色港口。", ""),
        (ZHENGZHOU, "各县（市）建成区集中供热普及率达到85%以上。", ""),
        (HAIXI, "不在文中的句子。", ""),
    ],
)
def test_the_run_in_heading_of_a_target_sentence_s_paragraph(text: str, sentence: str, lead: str) -> None:
    from search.answer_text import paragraph_lead

    assert paragraph_lead(text, sentence) == lead


# the document's own date under its signature is no day the document sets (pdf2 290 河北 调研通知's 结尾 "河北省科学技术厅
# 2021年7月5日" beside its 三4 "请各有关单位于7月15日前将相关表格报至省科技厅邮箱"; pdf2 264 安徽's "于2月17日下午下班前")
@pytest.mark.parametrize(
    "sentence, date, only",
    [
        ("河北省科学技术厅 2021年7月5日 （此件主动公开）", "2021-07-05", True),
        ("请各有关单位于7月15日前将相关表格报至省科技厅邮箱", "2021-07-05", False),
        ("于2月17日下午下班前将摸排表反馈至省科技厅社发处", "2022-02-17", True),
        ("于2月17日下午下班前将摸排表反馈至省科技厅社发处", "2022-02-10", False),
        ("河北省科学技术厅 2021年7月5日", "", False),
        ("到2025年，全省单位GDP能耗下降14%", "2021-07-05", False),
    ],
)
def test_only_the_documents_own_date(sentence: str, date: str, only: bool) -> None:
    assert only_the_date(sentence, date) is only


@pytest.mark.parametrize(
    "question, asks",
    [
        ("这份通知是哪天印发的？", True),
        ("《企业环境信息依法披露格式准则》的成文日期是哪天？", True),
        ("生态环境部发布的通知里，各省自查报告须在什么时间前报送？", False),
        ("河北省科学技术厅印发的调研通知，调研表的截止时间是哪天？", False),
    ],
)
def test_a_question_asking_the_documents_own_date(question: str, asks: bool) -> None:
    assert bool(ISSUE_DATE_ASKED_RE.search(question)) is asks


# a share asked ("多大比例", "占比是多少", "几个百分点", "多大比例上浮") is answered by a percentage, not the money or count beside it
# (development qf44-4-18: sentences of 深圳 309 三（二）; 广东 530, 济宁 450)
@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        ("公共服务类项目按不超过审计确认费用的多大比例给予资助？", "按不超过经专业审计机构专项审计后确认费用的50%给予资助，最高不超过300万元", True),
        ("公共服务类项目按不超过审计确认费用的多大比例给予资助？", "单个项目资助金额不超过1000万元", False),
        ("城镇新建建筑中装配式建筑占比是多少？", "城镇新建建筑中装配式建筑比例达到30%", True),
        ("单位GDP能耗比全省平均水平低几个百分点？", "空气质量优良天数比例63.1%，比全省平均水平低6.0个百分点", True),
        ("用住房公积金贷款买星级绿色建筑自住房，贷款额度可以按多大比例上浮？",
         "使用住房公积金贷款购买星级绿色建筑自住房的，贷款额度可以按照不超过百分之二十的比例上浮", True),
        # a part of a whole asked, the part money (development qd51-3-05: 南京 182 第五条 / 第六条) or an area (北京 348)
        ("企业牵头申报的项目，市级资助经费最多能占到项目总经费的多少？", "市级资助经费不超过项目总经费的50%", True),
        ("企业牵头申报的项目，市级资助经费最多能占到项目总经费的多少？", "每个项目资助经费不超过1000万元", False),
        ("生态控制区面积力争占到市域面积的多少？", "到2025年，生态控制区面积力争达到市域面积的75%", True),
        # … and a share written as a fraction or in words (pdf2 254 徐州 四（二）, 213 天津, 35 白皮书)
        ("政府财政资金投入最多占项目新增总投入的多少？", "政府财政资金投入不超过项目新增总投入的三分之一", True),
        ("政府财政资金投入最多占项目新增总投入的多少？", "项目研发总投入不超过500万元", False),
        ("外受电比重要占到多大比例？", "外受电比重超过三分之一", True),
        ("可再生能源装机占全球总量的多少？", "水电、风电、光伏发电装机规模均占全球总量一半以上", True),
        # … or a ratio (development qd52-3-17: pdf2 526 江西 三（六）; 254 徐州 申报条件)
        ("钢铁项目产能置换比例不低于多少？", "其中，钢铁项目产能置换比例不低于1.25∶1", True),
        ("自筹经费与市资助经费的比例不低于多少？", "且与市资助经费比例须不低于2:1", True),
        ("钢铁项目产能置换比例不低于多少？", "钢铁项目产能置换不得超过100万吨", False),
        # (a time of day is no ratio: review of round 50)
        ("钢铁项目产能置换比例不低于多少？", "申报材料于2022年6月24日17:00前提交", False),
        ("错峰用电比例要达到多少？", "错峰用电时段为12∶00-17∶00", False),
    ],
)
def test_a_share_asked_is_answered_by_a_percentage(question: str, sentence: str, answers: bool) -> None:
    assert_kind_asked(question, SHARE_FIGURE_RE, sentence, answers)


@pytest.mark.parametrize(
    "question",
    [
        "资助比例是多少？",  # (资助 … 多少 asks money unless a 比例 stands between them)
        "到2025年非化石能源消费比重达到多少？",
    ],
)
def test_a_share_word_before_how_much_asks_a_share(question: str) -> None:
    """比例 / 比重 right before 多少 asks a share, whatever asked word stands before it."""
    assert asked_figure(question) is SHARE_FIGURE_RE


@pytest.mark.parametrize(
    "question",
    [
        # what a project takes up, balances or seizes — not a part of a whole
        "项目建设占用林地的多少需要补偿？",
        "新建项目占地的多少可用于绿化？",
        "耕地占补平衡指标的多少用于重点项目？",
        "抢占新能源赛道的企业的多少获得补贴？",
        # an amount or a count asked after 多少
        "单个项目补助占总投资的多少万元？",
        "公共机构占全市的多少个？",
    ],
)
def test_a_part_of_a_whole_is_not_what_is_taken_up_or_counted(question: str) -> None:
    assert asked_figure(question) is not SHARE_FIGURE_RE


@pytest.mark.parametrize(
    ("sentence", "share"),
    [
        ("政府财政资金投入不超过项目新增总投入的三分之一", True),
        ("均占全球总量一半以上", True),
        ("清洁能源消费占比达到七成以上", True),
        ("保持政策一成不变", False),
        ("项目建成后投入运行", False),
        ("降低企业成本", False),
    ],
)
def test_a_share_written_in_words(sentence: str, share: bool) -> None:
    assert bool(SHARE_FIGURE_RE.search(sentence)) is share


# a question asking an upper bound keeps the recorded target whose sentence states one before another sentence's figure
# that holds more of the question's words but no bound (pdf2 551 二（一）: "…不超过20个" before "…推荐数量可放宽至30家";
# 南京 184 附件1: "最高不超过500万元" is a bound too)
@pytest.mark.parametrize(
    ("question", "recorded", "stated", "kept"),
    [
        ("每个地区推荐的绿色工厂数量上限是多少", "每个地区推荐的绿色工厂不超过20个",
         "对名单内绿色工厂自我声明率达到85%以上的，推荐数量可放宽至30家", True),
        # the other sentence states a bound too: the wording decides, as before
        ("市里最多给多少钱", "市级资助经费不超过项目总经费的50%", "最高不超过500万元", False),
        # no bound asked: the wording decides
        ("每个地区推荐的绿色工厂数量是多少", "每个地区推荐的绿色工厂不超过20个",
         "对名单内绿色工厂自我声明率达到85%以上的，推荐数量可放宽至30家", False),
    ],
)
def test_an_asked_upper_bound_keeps_the_figure_stating_one(question: str, recorded: str, stated: str, kept: bool) -> None:
    from search.answer_text import bound_kept

    assert bound_kept(question, recorded, stated) is kept


@pytest.mark.parametrize(
    "question, sentence, answers",
    [
        # a day asked by its month and day is answered by a day written with its number (393 企业环境信息依法披露管理办法:
        # 第十九条 answers, 第九条's month end does not; dev57 qd57-1-22) …
        ("纳入名单的企业每年最晚几月几日前要披露上一年度的环境信息？", "企业应当于每年3月15日前披露上一年度1月1日至12月31日的环境信息。", True),
        ("纳入名单的企业每年最晚几月几日前要披露上一年度的环境信息？", "设区的市级生态环境主管部门应当于每年3月底前确定本年度企业名单，并向社会公布。", False),
        ("纸质材料受理截止是几月几号？", "纸质材料受理截止时间为2021年12月6日，逾期不予受理。", True),
    ],
)
def test_a_day_asked_by_month_and_day(question: str, sentence: str, answers: bool) -> None:
    from search.answer_text import EXACT_DAY_FIGURE_RE

    assert_kind_asked(question, EXACT_DAY_FIGURE_RE, sentence, answers)


def test_a_day_asked_as_which_day_takes_a_months_end() -> None:
    """"哪天" still takes a month's end or part ("6月底前", 上海 291's 申报 deadline form)."""
    from search.answer_text import DAY_FIGURE_RE

    assert_kind_asked("申报材料最晚哪天前报送？", DAY_FIGURE_RE, "请于2022年6月底前报送申报材料。", True)


# (a flattened indicator table's lines as the store's clause text holds them, the value line, the labels of the rows it
# is the value of) — real tables of five plans: pdf2 528 深圳 附件1 表3 and 表1, pdf2 338 山东 绿色建筑规划, pdf2 425 内江
# 指标表, pdf2 437 南充 指标表, pdf2 465 南平 指标表
ROW_LABELS = [
    ("人均生活垃圾末端\n清运处理量\n生活垃圾分类收集率%100一般指标\n人均用水量\nL/（人•日）\n≤120一般指标", "≤120一般指标",
     ["人均用水量L/（人•日）"]),
    ("能\n城镇新建居住建筑能效水平提升\n（%）\n≥30预期", "≥30预期", ["能城镇新建居住建筑能效水平提升（%）"]),
    ("约束性\n5国省考断面达到或优于Ⅲ类水\n体比例（%）\n—≥91.7约束性", "—≥91.7约束性", ["5国省考断面达到或优于Ⅲ类水体比例（%）"]),
    ("活污水处理\n县城生活污水处理率\n（%）88≥93约束性\n乡镇生活污水处理率\n（%）71≥85约束性", "（%）71≥85约束性",
     ["乡镇生活污水处理率"]),
    ("指标\n县级以上集中式饮用水源地\n水质达标率（%）\n100≥95 100完成约束性", "100≥95 100完成约束性",
     ["指标县级以上集中式饮用水源地水质达标率（%）"]),
    # one value written alike in two rows: each row's label (528 表3: 绿色建筑 and 新能源汽车 rows, both "%≥50一般指标")
    ("二星级及以上绿色\n建筑面积比例\n%≥50一般指标\n交通\n企业自有新能源汽车占比\n%≥50一般指标", "%≥50一般指标",
     ["二星级及以上绿色建筑面积比例", "交通企业自有新能源汽车占比"]),
    # a sentence of prose opening with its year, a list item and a line with words of its own are no value lines
    ("到2025年，全市达到\n2025年达到30%以上", "2025年达到30%以上", []),
    ("二、重点任务\n（一）发展可再生能源\n（1）新增光伏100万千瓦", "（1）新增光伏100万千瓦", []),
    ("区域人均碳排放量吨CO2/（人•年）≤3.5核心指标能源可再生能源消费比\n重\n%≥5核心指标", "区域人均碳排放量吨CO2/（人•年）≤3.5核心指标能源可再生能源消费比", []),
    # a sentence above is none of the row's cells
    ("各地要将上述指标纳入考核。\n≥80%", "≥80%", [""]),
]


@pytest.mark.parametrize("text, sentence, labels", ROW_LABELS)
def test_a_table_value_line_is_read_with_its_row_label(text: str, sentence: str, labels: list[str]) -> None:
    from search.answer_text import row_labels

    assert row_labels(text, sentence) == labels


# (a clause's text as the store holds it, a flattened table's row, the words that frame the row) — real tables of three
# allocation plans: pdf2 409 福建 六（二） (bands of a quantity, the column header glued to the first row) and 附件1五（一）2
# (a coefficient table under its caption lines), pdf2 504 广东 附件3二（一） (introduced by a line closing with ：)
_FUJIAN_BANDS = (
    "采用历史强度法分配配额的重点排放单位，若因产品品种或产品结构等变化，导致当年度出现配额盈余（或缺口）过大的，对配额盈余（或缺口）"
    "比例设置4档最高限值，超过比例部分的配额盈余（或缺口）无效。\n重点排放单位当年度实际排放量配额盈余（或缺口）比例<10万吨10%\n"
    "10万吨≤实际排放量<100万吨8%\n100万吨≤实际排放量<300万吨5%\n≥300万吨3%"
)
_GUANGDONG_CLINKER = (
    "熟料生产配额\n熟料生产配额=\nn\ni 1（熟料生产线产量×同类型生产线基准值×年度下降系数）\ni：熟料生产线；\n熟料生产线基准值分列如下：\n"
    "熟料生产线类别基准值（tCO2/t熟料）\n4000t/d（含）以上普通熟料生产线0.884\n2000（含）-4000t/d普通熟料生产线0.909\n"
    "2000t/d以下普通水泥生产线0.950\n白水泥熟料生产线1.108\n产量取值上限：各熟料生产线年产量以该熟料生产线设计年产能的1.2倍为上限。\n"
    "年度下降系数：0.99。"
)
_FUJIAN_GAS_SHARE = (
    "计算公式参数取值\n参数名称取值\nB 2017-2019年三年碳排放强度的加权平均值\nFm 98.5%\nβ见附表\n附表能源结构调节系数取值\n"
    "燃气占比范围调节系数β取值\n燃气占比=0 0.90\n0<燃气占比≤20%0.95\n20%<燃气占比≤50%1.02\n50%<燃气占比≤100%1.03\n"
    "说明：为推动能源结构优化，配额分配计算公式加入能源结构调节系数，即根据企业燃气占比，对配额做相应调节修正。"
)
TABLE_HEADERS = [
    # the sentence introducing the table (its last sentence), for every row
    (_FUJIAN_BANDS, "10万吨≤实际排放量<100万吨8%",
     ["采用历史强度法分配配额的重点排放单位，若因产品品种或产品结构等变化，导致当年度出现配额盈余（或缺口）过大的，对配额盈余（或缺口）"
      "比例设置4档最高限值，超过比例部分的配额盈余（或缺口）无效。"]),
    (_FUJIAN_BANDS, "重点排放单位当年度实际排放量配额盈余（或缺口）比例<10万吨10%",
     ["采用历史强度法分配配额的重点排放单位，若因产品品种或产品结构等变化，导致当年度出现配额盈余（或缺口）过大的，对配额盈余（或缺口）"
      "比例设置4档最高限值，超过比例部分的配额盈余（或缺口）无效。"]),
    # a line closing with ： introduces it (the header line holds a digit, tCO2: it reads as a row and is not read)
    (_GUANGDONG_CLINKER, "2000（含）-4000t/d普通熟料生产线0.909", ["熟料生产线基准值分列如下："]),
    # caption lines above the rows, at most three
    (_FUJIAN_GAS_SHARE, "20%<燃气占比≤50%1.02", ["β见附表附表能源结构调节系数取值燃气占比范围调节系数β取值"]),
    # a numbered caption heads the rows, it is none of them, and the prose above it is no header (pdf2 457 益阳 表1)
    ("…满意度逐步提升。\n表1“十三五”规划主要指标完成情况\n序号指标名称“十三五”目标值2020年完成值完成情况\n1单位GDP二氧化碳排放降低18%18%完成\n"
     "2二氧化硫减排20%45.3%完成\n3氮氧化物减排18%21%完成", "3氮氧化物减排18%21%完成", ["表1“十三五”规划主要指标完成情况"]),
    # of a line closing with ：, its last sentence only (pdf2 413 白银: "…人均公共绿地面积8.03平方米。专栏1：")
    ("园林绿地面积972.63公顷，人均公共绿地面积8.03平方米。主要指标如下：\nPM2.5浓度30\nPM10浓度60", "PM2.5浓度30", ["主要指标如下："]),
    # a row written alike in two tables has each table's header
    ("2025年各市分配如下：\n福州市10%\n合计100%\n2030年各市分配如下：\n福州市20%\n合计100%", "合计100%",
     ["2025年各市分配如下：", "2030年各市分配如下："]),
    # a line of prose (a label with ：, a sentence with 。) is no row; nor is a sentence inside a paragraph, nor one short
    # line with a digit under a signature (a date, a document number: no table)
    (_GUANGDONG_CLINKER, "年度下降系数：0.99。", []),
    (_FUJIAN_BANDS, "超过比例部分的配额盈余（或缺口）无效。", []),
    ("现将《实施方案》印发给你们，请认真贯彻落实。\n北海市人民政府办公室\n2021年12月28日", "2021年12月28日", []),
]


@pytest.mark.parametrize("text, sentence, headers", TABLE_HEADERS)
def test_a_table_row_is_read_with_the_header_and_the_words_introducing_its_table(
    text: str, sentence: str, headers: list[str]
) -> None:
    from search.answer_text import table_headers

    assert table_headers(text, sentence) == headers


def test_a_table_row_is_no_header_of_the_rows_below_it() -> None:
    """An indicator table's numbered rows each carry their own label: the first frames none of the others (pdf2 157 辽宁
    林草规划 专栏1, its column header split over lines)."""
    from search.answer_text import table_headers

    text = (
        "专栏1“十四五”时期林草保护发展主要指标\n序号指标2020年\n2025\n年\n属性\n1森林覆盖率（%）42 42.5约束性\n"
        "2森林蓄积量（亿立方米）3.47 3.81约束性\n9森林火灾受害率（‰）≤0.9≤0.9预期性"
    )
    (header,) = table_headers(text, "9森林火灾受害率（‰）≤0.9≤0.9预期性")
    assert "森林覆盖率" not in header and "森林蓄积量" not in header


# the five-year period a text names last frames the figures after it (pdf2 382 山东 三7 "精准用好“十四五”能耗增量"; a
# plan's outlook "展望“十五五”" after its 十四五 goals, an invented phrasing)
@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("统筹谋划、精准用好“十四五”能耗增量。按照既要发挥省级统筹作用、又要充分调动各市积极性的原则，", 2025),
        ("“十四五”期间单位GDP能耗下降14%。展望“十五五”，", 2030),
        ("全年完成节能改造项目100个。", None),
    ],
)
def test_the_five_year_period_named_last(text: str, end: int | None) -> None:
    from search.answer_targets import last_period_end

    assert last_period_end(text) == end
