"""Text repair over real lines from the seeds and corpus PDFs."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from ingest.repair import laid_out_widths, normalise_chars, rejoin_lines, repair_text, strip_title_header

# (raw, expected) -- whole-text repairs.
CASES = [
    # 晋城 seed: spaces inside numbers and units
    ("煤电机组完成节能改造 207 万千瓦、供热改造 130 万千瓦。", "煤电机组完成节能改造207万千瓦、供热改造130万千瓦。"),
    ("到 2025 年，全市新建大型、超大型数据中心平均 PUE 值降至 1.3 以下。", "到2025年，全市新建大型、超大型数据中心平均PUE值降至1.3以下。"),
    # 辽宁 seed: a space after a dash in a year range
    ("经省政府同意，现将《辽宁省2014— 2015年节能减排低碳发展行动计划》印发给你们。", "经省政府同意，现将《辽宁省2014—2015年节能减排低碳发展行动计划》印发给你们。"),
    # 晋城 seed: **bold** marks
    ("新增及更新车辆中新能源汽车比例原则上不低于**35%**；", "新增及更新车辆中新能源汽车比例原则上不低于35%；"),
    # 山西 seed: a private-use code point (U+E004) after a sentence
    ("确保全面完成我省“十二五”节能减排降碳目标，制订本行动方案。\ue004", "确保全面完成我省“十二五”节能减排降碳目标，制订本行动方案。"),
    # full-width digits and percent (OCR-ish PDFs)
    ("单位地区生产总值能耗下降１４．５％。", "单位地区生产总值能耗下降14.5%。"),
    # 太原 seed: half-width numbering brackets become full-width; annotation brackets stay
    ("(一)重点行业升级改造工程。实施重点行业超低排放改造。", "（一）重点行业升级改造工程。实施重点行业超低排放改造。"),
    ("(市工信局、市生态环境局等按职责分工负责)", "(市工信局、市生态环境局等按职责分工负责)"),
    # 江苏 PDF: space after the clause number
    ("（一） 出台“十四五”应对气候变化规划。", "（一）出台“十四五”应对气候变化规划。"),
    # Latin words keep their spaces
    ("执行 GB 21344 标准。", "执行GB 21344标准。"),
    # page markers between wrapped lines (重庆 PDF)
    ("以习近平新时代中国特色社会主义思想为指导，深入贯彻习\n— 3 —\n近平生态文明思想。", "以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平生态文明思想。"),
    ("以习近平新时代中国特色社会主义思想为指导，深入贯彻习\n－2－\n近平生态文明思想。", "以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平生态文明思想。"),
    ("以习近平新时代中国特色社会主义思想为指导，深入贯彻习\n—— 3 ——\n近平生态文明思想。", "以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平生态文明思想。"),
    ("以习近平新时代中国特色社会主义思想为指导，深入贯彻习\n第 4 页\n近平生态文明思想。", "以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平生态文明思想。"),
    ("以习近平新时代中国特色社会主义思想为指导，深入贯彻习\n5/12\n近平生态文明思想。", "以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平生态文明思想。"),
    ("以习近平新时代中国特色社会主义思想为指导，深入贯彻习\n12\n近平生态文明思想。", "以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平生态文明思想。"),
    # 江苏 PDF: the next clause starts after a page marker
    ("为参加国家碳市场第二个履约周期交易提供基础数据。\n—— 2 ——\n（五）推进土壤污染治理领域协同控制。", "为参加国家碳市场第二个履约周期交易提供基础数据。\n（五）推进土壤污染治理领域协同控制。"),
    # 晋城 seed: a word split over a page break with blank lines between
    ("化学需氧量、氨氮、氮氧化物、挥发性有\n\n机物重点工程减排量完成省里下达的目标任务。", "化学需氧量、氨氮、氮氧化物、挥发性有机物重点工程减排量完成省里下达的目标任务。"),
    # 晋城 seed: a split annotation
    ("煤炭消费量实现负增长。（市能源局、市发展改革委、市工信局等按职\n\n责分工负责，各县（市、区）政府负责落实）",
     "煤炭消费量实现负增长。（市能源局、市发展改革委、市工信局等按职责分工负责，各县（市、区）政府负责落实）"),
    ("加强组织实施。（市发展改\n革委牵头）", "加强组织实施。（市发展改革委牵头）"),
    # 成都 PDF: a section number stranded at the end of a line
    ("位：市经信局、市发改委、市水务局，各区（市）县政府（管委会）］ 四、\n保障措施\n（一）加强组织领导。",
     "位：市经信局、市发改委、市水务局，各区（市）县政府（管委会）］\n四、保障措施\n（一）加强组织领导。"),
    # a new numbered unit is never joined to the previous line
    ("一、总体要求\n（一）指导思想\n以习近平新时代中国特色社会主义思想为指导。", "一、总体要求\n（一）指导思想\n以习近平新时代中国特色社会主义思想为指导。"),
    # 太原 seed: issuer, date and title lines stay separate
    ("太原市人民政府\n2023年10月11日\n(此件附件不公开)\n太原市“十四五”节能减排实施方案\n为认真贯彻落实《山西省“十四五”节能减排实施方案》,制定本方案。",
     "太原市人民政府\n2023年10月11日\n(此件附件不公开)\n太原市“十四五”节能减排实施方案\n为认真贯彻落实《山西省“十四五”节能减排实施方案》,制定本方案。"),
    # 天津 PDF: a notice title wrapped over three centred lines
    ("天津市人民政府关于印发天津市加快\n建立健全绿色低碳循环发展经济\n体系实施方案的通知\n各区人民政府，市政府各委、办、局：",
     "天津市人民政府关于印发天津市加快建立健全绿色低碳循环发展经济体系实施方案的通知\n各区人民政府，市政府各委、办、局："),
    # 贵州 PDF: the period of a plan on its own line
    ("贵州省绿色制造专项行动实施方案\n(2021—2025年)\n为贯彻落实中央关于碳达峰碳中和重大战略决策部署,特制定本方案。",
     "贵州省绿色制造专项行动实施方案(2021—2025年)\n为贯彻落实中央关于碳达峰碳中和重大战略决策部署,特制定本方案。"),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_repair_text(raw: str, expected: str) -> None:
    assert repair_text(raw) == expected


def test_running_header_with_number_and_title_is_removed() -> None:
    # 晋城 seed: a page header printed inside a sentence
    line = "城镇清洁取暖比例和 0829 晋城市“十四五”节能减排实施方案（发改委）绿色高效制冷产品市场占有率大幅提升"
    assert strip_title_header(line, "晋城市“十四五”节能减排实施方案") == "城镇清洁取暖比例和绿色高效制冷产品市场占有率大幅提升"
    text = "晋城市“十四五”节能减排实施方案\n一、总体要求\n" + line + "。"
    assert "0829" not in repair_text(text)


def test_lines_repeated_on_page_edges_are_dropped() -> None:
    page = "某市人民政府公报 2022年第3期\n（一）推进工业绿色升级。加快实施钢铁行业改造。\n— {n} —"
    raw = "\f".join(page.format(n=n) for n in range(1, 5))
    out = repair_text(raw)
    assert "公报" not in out
    assert out.count("推进工业绿色升级") == 4


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # 青海 108 (pdf2): a font mapping its glyphs to GB2312 codes prints punctuation as Yi syllables
        ("建设青海至河南±800千伏特高压直流工程二期配套清洁电源ꎮ研究论证青海第二条特高压直流输电工程ꎬ并根据通道推进情况",
         "建设青海至河南±800千伏特高压直流工程二期配套清洁电源。研究论证青海第二条特高压直流输电工程，并根据通道推进情况"),
        ("到2025年ꎬ清洁能源装机比重达到ꎹꎰ%ꎻ", "到2025年，清洁能源装机比重达到90%；"),
    ],
)
def test_gb2312_coded_punctuation_is_read(raw: str, expected: str) -> None:
    assert normalise_chars(raw) == expected


def test_normalise_keeps_chinese_punctuation() -> None:
    assert normalise_chars("（一）加强领导，明确责任；落实到位：好！") == "（一）加强领导，明确责任；落实到位：好！"
    assert normalise_chars("ＰＵＥ值１．３") == "PUE值1.3"


def test_rejoin_stops_at_sentence_end() -> None:
    assert rejoin_lines(["推进节能改造。", "加快发展新能源。"]) == ["推进节能改造。", "加快发展新能源。"]


@pytest.mark.parametrize(
    "lines, joined",
    [
        # pdf2 327 二（三）: the figure went onto the next (short) line after its verb
        (["到2025年，规模以上工业单位增加值能耗降低13.5%，单位工业增加值二氧化碳排放降低", "18%，钢铁、有色金属、建材等重点行业碳排放总量控制取得阶段性成果。"],
         ["到2025年，规模以上工业单位增加值能耗降低13.5%，单位工业增加值二氧化碳排放降低18%，钢铁、有色金属、建材等重点行业碳排放总量控制取得阶段性成果。"]),
        # pdf2 65 四（一）5 style: a comparator before the figure
        (["全市森林覆盖率达到", "19.5%左右。"], ["全市森林覆盖率达到19.5%左右。"]),
        # a numbered item after a short line is a new paragraph; a verb without a figure after it does not join
        (["推进节能改造", "1.加快发展新能源。"], ["推进节能改造", "1.加快发展新能源。"]),
        (["重点行业排放持续下降", "钢铁行业完成超低排放改造。"], ["重点行业排放持续下降", "钢铁行业完成超低排放改造。"]),
    ],
)
def test_a_figure_wrapped_after_its_verb_joins(lines: list[str], joined: list[str]) -> None:
    assert rejoin_lines(lines) == joined


@pytest.mark.parametrize(
    "lines, joined",
    [
        # corpus 169 附件1三: a list of fields cut inside "人民银行" by the line break after a heading
        (["三、工作要求", "发展改革、科技、工业和信息化、财政、生态环境、人民", "银行、市场监管、证监等部门要加强协同配合，形成工作合力，"],
         ["三、工作要求", "发展改革、科技、工业和信息化、财政、生态环境、人民银行、市场监管、证监等部门要加强协同配合，形成工作合力，"]),
        # a line listing fewer items, or one that ends its sentence, is no cut list
        (["三、工作要求", "发展改革、科技部门", "财政、生态环境部门要加强配合。"], ["三、工作要求", "发展改革、科技部门", "财政、生态环境部门要加强配合。"]),
        (["推进钢铁、水泥、玻璃行业改造。", "焦化、化工行业对标提升。"], ["推进钢铁、水泥、玻璃行业改造。", "焦化、化工行业对标提升。"]),
        # a numbered heading listing sectors is a heading, whatever its next line opens with (a review's case)
        (["推动传统产业绿色低碳改造，加快推广先进适用节能技术装备，提升重点行业能效", "水平和清洁生产水平。",
          "（三）推进钢铁、有色、建材行业节能降碳", "钢铁、有色行业要加快推广先进适用技术。"],
         ["推动传统产业绿色低碳改造，加快推广先进适用节能技术装备，提升重点行业能效水平和清洁生产水平。",
          "（三）推进钢铁、有色、建材行业节能降碳", "钢铁、有色行业要加快推广先进适用技术。"]),
    ],
)
def test_a_list_cut_inside_an_item_joins(lines: list[str], joined: list[str]) -> None:
    assert rejoin_lines(lines) == joined


@pytest.mark.parametrize(
    "lines, joined",
    [
        # pdf2 146 第二章四: an indicator table's superscript marks the text layer put on lines of their own
        (["1城市空气质量优良天数比率（%）65.3", "①", "72.6约束性", "2细颗粒物（PM2.5）浓度（微克/立方米）49", "①", "38约束性"],
         ["1城市空气质量优良天数比率（%）65.3①72.6约束性", "2细颗粒物（PM2.5）浓度（微克/立方米）49①38约束性"]),
        (["6地下水质量V类水比例（%）56.25", "③保持稳定导向性"], ["6地下水质量V类水比例（%）56.25③保持稳定导向性"]),
        # pdf2 430 (a mark after the indicator's name, before the row's dash and figure) and 436 (a mark alone after a dash)
        (["地下水国控区域点位V类水", "比例", "②—≤28.9%约束性"], ["地下水国控区域点位V类水比例②—≤28.9%约束性"]),
        (["近岸海域水质优良（一、二类）比例—", "①"], ["近岸海域水质优良（一、二类）比例—①"]),
        # circled sub-items stay items: after a heading (pdf2 473), after a sentence or a label (146's notes, 172's 备注)
        (["（1）应对气候变化", "①单位GDP二氧化碳排放降低（%）控制在省下达目标内；", "②单位GDP能耗下降率控制在省下达目标内；"],
         ["（1）应对气候变化", "①单位GDP二氧化碳排放降低（%）控制在省下达目标内；", "②单位GDP能耗下降率控制在省下达目标内；"]),
        (["①2018—2020三年现状平均值。", "①非化石能源包括外受电中的非化石电量。"],
         ["①2018—2020三年现状平均值。", "①非化石能源包括外受电中的非化石电量。"]),
        (["备注：", "①计算依据：《建筑碳排放计算标准》GB/T 51366-2019；"], ["备注：", "①计算依据：《建筑碳排放计算标准》GB/T 51366-2019；"]),
        (["④小流域水质好于Ⅲ类比例≥89.1%；", "⑤地表水达到或好于III类水体比例完成省下达目标；"],
         ["④小流域水质好于Ⅲ类比例≥89.1%；", "⑤地表水达到或好于III类水体比例完成省下达目标；"]),
    ],
)
def test_a_figures_footnote_mark_is_no_sub_item(lines: list[str], joined: list[str]) -> None:
    assert rejoin_lines(lines) == joined


# justified lines whose last one or two glyphs the extractor set on a line of their own: the stray tail ends the full
# line, so the line after it continues the same sentence (pdf2 52 二（三）, 65 一（一）, 66 四)
STRAY_TAIL_CASES = [
    (["（三） 可再生能源替代行动。优化能源消费结构，控制煤炭等化石能源消费，推进京津冀及周边地区、长三角地区公共",
      "机",
      "构严格实施煤炭消费替代。加大太阳能、风能、地热能等可再生能源和热泵、高效储能技术推广力度，大力推进太阳能光",
      "伏、",
      "光热项目建设，提高可再生能源消费比重。推动公共机构带头使用新能源汽车，新增及更新车辆中新能源汽车比例原则上",
      "不低",
      "于 30%；更新用于机要通信和相对固定路线的执法执勤、通勤等车辆时，原则上配备新能源汽车；提高新能源汽车专用停",
      "车",
      "位、充电基础设施数量，鼓励单位内部充电基础设施向社会开放。"],
     "新增及更新车辆中新能源汽车比例原则上不低于 30%"),
    (["统环境问题尚未得到根本解决，臭氧（O3）、持久性有机物、环境风险等新老问题交织叠加，对新时期生态环境保护提出",
      "了新",
      "态环境保护提出了新要求。环境问题将处于新老交织、多领域化的复杂阶段，需要在强化源头防控和多污染物协同控",
      "制上",
      "下更大力气。"],
     "多污染物协同控制上下更大力气。"),
    (["货（消费品）流通管理，支持分享经济发展，有序发展出行、住宿等领域共享经济，规范发展二手商品交易市场，推动",
      "领域",
      "共享经济。"],
     "推动领域共享经济。"),
]


@pytest.mark.parametrize(("lines", "sentence"), STRAY_TAIL_CASES)
def test_a_stray_line_tail_does_not_end_the_paragraph(lines: list[str], sentence: str) -> None:
    out = rejoin_lines(lines)
    assert len(out) == 1
    assert sentence in out[0]


def test_a_wrapped_headings_last_word_is_no_stray_tail() -> None:
    # a heading wrapped over two lines ends there: the body after it is its own paragraph (review of round 19)
    lines = ["（三）加快推进工业领域、建筑领域、交通运输领域节能降碳和绿色低碳转型发展，统筹推进各领域绿色低碳转",
             "型", "各地要加强组织领导，明确责任分工。"]
    assert rejoin_lines(lines)[-1] == lines[-1]


def test_a_short_last_line_still_ends_its_paragraph() -> None:
    # a paragraph's own short last line (ending the sentence) is no stray tail: the heading after it stands alone
    lines = ["推进京津冀及周边地区、长三角地区公共机构严格实施煤炭消费替代，加大太阳能、风能、地热能等可再生能源推广力度",
             "例。", "（四） 节水护水行动"]
    assert rejoin_lines(lines) == [lines[0] + lines[1], lines[2]]


def test_repair_is_idempotent_on_seed(seed_texts: dict[str, str]) -> None:
    for raw in seed_texts.values():
        once = repair_text(raw)
        assert repair_text(once) == once


@pytest.fixture(scope="module")
def seed_texts() -> dict[str, str]:
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(data.glob("*.txt"))}


# Running headers/footers that print their page number: recognised by position (first/last lines of
# a page) and by a number that counts up with the pages; numbers that repeat are content.
def _paged(*pages: str) -> str:
    return "\f".join(pages)


NUMBERED_HEADER_CASES = [
    # pdf2 218 (天津 配额): a footer "资料整理：…公众号—N—" at the top of every page, one page breaking a sentence
    (
        _paged(
            "资料整理：碳中和资料库公众号—1—\n市生态环境局关于天津市2021年度碳排放配额安排的通知\n各区生态环境局，各有关单位：",
            "资料整理：碳中和资料库公众号—2—\n（二）历史排放法\n（二）纳入企业因启用新增生产设施产生的碳排放量，不\n"
            "计入当年的履约排放量，也不发放配额。待新增生产设施投产",
            "资料整理：碳中和资料库公众号—3—\n运行一个完整自然年后，于下一年度发放配额并按要求履约。",
        ),
        ["资料整理"],
        ["待新增生产设施投产运行一个完整自然年后"],
    ),
    # pdf2 26 (高耗能行业改造升级指南): every attachment page opens with 附件N — structure, kept
    (
        _paged(
            "附件1\n炼油行业节能降碳改造升级实施指南\n到2025年，炼油领域能效标杆水平以上产能比例达到30%。",
            "附件2\n乙烯行业节能降碳改造升级实施指南\n到2025年，乙烯领域能效标杆水平以上产能比例达到30%。",
            "附件3\n合成氨行业节能降碳改造升级实施指南\n到2025年，合成氨领域能效标杆水平以上产能比例达到25%。",
        ),
        [],
        ["附件1", "附件2", "附件3"],
    ),
    # pdf2 291 (上海 科技支撑碳达峰碳中和专项): a funding line repeated with repeating numbers — content, kept
    (
        _paged(
            "专题一、碳捕集技术\n经费额度：非定额资助，拟支持不超过3个项目，企业自筹",
            "专题二、储能技术\n经费额度：非定额资助，拟支持不超过3个项目，企业自筹",
            "专题三、氢能技术\n经费额度：非定额资助，拟支持不超过6个项目，企业自筹",
        ),
        [],
        ["拟支持不超过6个项目"],
    ),
    # a running header glued into a sentence beside its page number (the 市发展改-5XX市人民政府文件革委)
    (
        _paged(
            "某市人民政府文件\n（一）推进工业绿色升级。",
            "某市人民政府文件\n（二）推进交通绿色转型。",
            "某市人民政府文件\n（三）加强组织实施。（市发展改-5某市人民政府文件革委牵头）",
        ),
        ["人民政府文件", "-5"],
        ["（市发展改革委牵头）"],
    ),
]


@pytest.mark.parametrize("raw, gone, kept", NUMBERED_HEADER_CASES)
def test_page_numbered_running_headers(raw: str, gone: list[str], kept: list[str]) -> None:
    out = repair_text(raw)
    for piece in gone:
        assert piece not in out
    for piece in kept:
        assert piece in out


WRAPPED = Path(__file__).parent / "fixtures" / "wrapped" / "435、安徽省“十四五”重点流域水生态环境保护规划.pdf"


@pytest.mark.parametrize(
    "path, sentence",
    [
        # pdf2 435 wraps its body at 28 cells and other pages at 34: a line as wide as either wraps; a 75th-percentile
        # width alone (33.5) left the 28-cell lines as paragraph ends and cut sentences from their subjects
        ("第三章第一节", "到2025年，地级缺水城市再生水利用率达到25%以上。"),
        ("第三章第一节", "支持缺水地区开展区域再生水循环利用试点示范，新建城区要合理规划布局再生水管网"),
        # … and a bracket closing a full line is no annotation's end ("（Ⅰ-Ⅲ类）" + "比例达83%以上"); the goals stand in 第三节
        # since the section headings run into the paragraph before them ("…。第二节基本原则") are split off (round 38)
        ("第二章第三节", "地表水国家考核断面水质优良（Ⅰ-Ⅲ类）比例达83%以上，劣Ⅴ类断面比例为零"),
    ],
)
def test_a_document_wrapping_at_two_widths_keeps_its_sentences_whole(path: str, sentence: str) -> None:
    parsed = _parsed_wrapped()
    clause = next(c for c in parsed.clauses if c.path == path)
    assert any(s.startswith(sentence) for s in clause.sentences), clause.sentences


@functools.lru_cache(maxsize=1)
def _parsed_wrapped():
    from ingest.pipeline import parse_file

    return parse_file(WRAPPED)


# a line whose figures the extractor set apart ("2022 年 7 月 4 日") is as wide on the page as its neighbours though its closed
# text is shorter: the sentence it wraps goes on in the next line (whole documents: the wrap width is the document's)
LAID_OUT_CASES = [
    # 深圳 309: a day cut at the line end
    ("309、", "网络填报受理时间：2022年7月4日至2022年7月24日18时。"),
    ("309、", "项目应为2020年1月1日后开始建设，并于2022年5月31日前建设完成。"),
    # 企业环境信息依法披露管理办法 393: a period cut inside its first day
    ("393、", "企业应当于每年3月15日前披露上一年度1月1日至12月31日的环境信息。"),
    # 安徽 435: a count cut before what it counts
    ("435、", "2020年，全省106个地表水国家考核断面水质优良（Ⅰ-Ⅲ类）比例为87.7%，好于年度目标13.2个百分点，无劣V类断面。"),
]


@pytest.mark.parametrize(("prefix", "sentence"), LAID_OUT_CASES)
def test_spaced_figures_keep_a_line_full(prefix: str, sentence: str) -> None:
    """A line whose figures the extractor set apart fills its line: the next line goes on with its sentence."""
    parsed = _parsed_fixture(prefix)
    assert any(sentence in s for c in parsed.clauses for s in c.sentences)


@functools.lru_cache(maxsize=4)
def _parsed_fixture(prefix: str):
    from ingest.pipeline import parse_file

    return parse_file(next(WRAPPED.parent.glob(prefix + "*.pdf")))


def test_a_year_cut_at_a_spaced_line_end_goes_on() -> None:
    """福建省生态环境保护条例 101, as extracted: "…施行。1995" + "年 7 月 5 日…" is one paragraph, the line before its own."""
    lines = [
        "第七十三条 本条例下列用语的含义是：",
        "（一）“午间”是指十二时至十四时三十分期间；“夜",
        "间”是指二十二时至次日六时期间。",
        "（二）“噪声敏感建筑物”是指医院、学校、机关、科",
        "研单位、住宅、社会福利机构等需要保持安静环境的建筑物。",
        "第七十四条 本条例自 2022 年 5 月 1 日起施行。1995",
        "年 7 月 5 日福建省第八届人民代表大会常务委员会第十八次",
        "会议通过，2002 年 1 月 20 日福建省第九届人民代表大会常",
    ]
    paragraphs = repair_text("\n".join(lines)).split("\n")
    assert (
        "第七十四条本条例自2022年5月1日起施行。1995年7月5日福建省第八届人民代表大会常务委员会第十八次会议通过，"
        "2002年1月20日福建省第九届人民代表大会常"
    ) in paragraphs
    assert "第七十三条本条例下列用语的含义是：" in paragraphs


def test_laid_out_widths_count_the_gaps_beside_figures() -> None:
    widths = laid_out_widths(["1.网络填报受理时间：2022 年 7 月 4 日至 2022 年 7 月", "八、项目申请受理机关与时间", "GB 21344 标准"])
    # 15 Chinese characters and punctuation, 13 digits and "1." at half a cell, 9 gaps at half a cell; a line without such a
    # gap is as wide as its text (not listed); the space between Latin words is text, the one before 标准 a gap
    assert widths == {"1.网络填报受理时间：2022年7月4日至2022年7月": 15 + 6.5 + 4.5, "GB 21344标准": 4 + 2 + 0.5}
