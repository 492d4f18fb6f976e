"""Document references in questions (search/docref.py): doc numbers in any bracket form, title fragments.

Titles and numbers are those of real corpus documents (seeds, tests/fixtures/corpus and the
development half of pdf2); the questions are phrased the way the written question sets phrase them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.docref import find_doc_numbers, normalise_doc_number, resolve_reference, title_fragments
from search.ranker import FEATURES, RankerWeights, default_weights, load_weights

TITLES = {
    "451": "德州市“十四五”生态环境保护规划",
    "417": "郑州市“十四五”生态环境保护规划",
    "89": "江西省关于加快建立健全绿色低碳循环发展经济体系的若干措施",
    "356": "武汉市加快建立健全绿色低碳循环发展经济体系实施方案",
    "514": "北京市绿色社区创建行动实施方案",
    "202": "上海市公共机构绿色低碳循环发展行动方案",
    "435": "安徽省“十四五”重点流域水生态环境保护规划",
    "taiyuan": "太原市“十四五”节能减排实施方案",
    "jincheng": "晋城市“十四五”节能减排实施方案",
    "231": "辽宁省自然资源厅2021年度生态环境保护工作计划和措施清单",
    "217": "天津市关于做好用能保障推动绿色发展的十项措施",
    # national rules and reports: their titles end in 准则 / 白皮书 (pdf2 510, 393, 35)
    "510": "企业环境信息依法披露格式准则",
    "393": "企业环境信息依法披露管理办法",
    "35": "新时代的中国能源发展白皮书",
    # a plan that makes a rule the store also holds an earlier relative of (pdf2 247, 34)
    "247": "减污降碳协同增效实施方案",
    "34": "碳排放权交易管理办法（试行）",
}
NUMBERS = {"417": normalise_doc_number("郑政办〔2022〕42号"), "taiyuan": normalise_doc_number("并政发〔2023〕15号")}
HEADERS = {"514": "北京市住房和城乡建设委员会 京建发〔2021〕315号 关于印发《北京市绿色社区创建行动实施方案》的通知"}


@pytest.mark.parametrize(
    "written, normalised",
    [
        ("郑政办〔2022〕42号", "郑政办〔2022〕42号"),
        ("郑政办[2022]42号", "郑政办〔2022〕42号"),
        ("郑政办（2022）42号", "郑政办〔2022〕42号"),
        ("郑政办【2022】042号", "郑政办〔2022〕42号"),
        ("国科发社〔2022〕157号", "国科发社〔2022〕157号"),
        ("no number here", ""),
    ],
)
def test_doc_numbers_in_any_bracket_form(written, normalised):
    assert normalise_doc_number(written) == normalised


@pytest.mark.parametrize(
    "question, doc_ids, kind",
    [
        ("郑政办〔2022〕42号规划中，郑州PM2.5年均浓度目标降到多少？", ("417",), "number"),
        ("按郑政办[2022]42号文件，郑州PM2.5目标是多少？", ("417",), "number"),
        ("并政发〔2023〕15号方案由哪个部门负责解释？", ("taiyuan",), "number"),
        # a number the metadata did not read, still printed in the document's opening lines
        ("京建发〔2021〕315号方案里，社区信息化智能化建设由谁牵头？", ("514",), "number"),
        ("江西2021年印发的绿色低碳循环发展若干措施里，工业绿色转型谁牵头？", ("89",), "title"),
        ("北京市民政局在绿色社区创建行动中牵头哪些任务？", ("514",), "title"),
        ("上海市公共机构绿色低碳循环发展行动方案里市经济信息化委牵头负责什么？", ("202",), "title"),
        ("安徽重点流域规划里，巢湖流域的污水处理能力要达到多少？", ("435",), "title"),
        ("按《太原市“十四五”节能减排实施方案》，谁负责解释？", ("taiyuan",), "title"),
        # spoken framing and a demonstrative inside the reference name no plan ("想问下…那份…")
        ("想问下辽宁自然资源厅那份2021年措施清单中，新一轮全省矿产资源总体规划的编制落在哪个处？", ("231",), "title"),
        # the document-type word followed by the predicate ("…清单交给谁办")
        ("查处无证勘查、越界采矿这类违法行为，辽宁省自然资源厅2021年的生态环保工作清单交给谁办？", ("231",), "title"),
        # a 准则 / 白皮书 names its document as a 方案 does (frozen8 qf8a-001 phrasing)
        ("生态环境部那个企业环境信息披露的格式准则，条文要是理解上有分歧，以哪家的解释为准？", ("510",), "title"),
        ("能源发展白皮书里，2020年非化石能源消费比重是多少？", ("35",), "title"),
        # the title written as where to look (…里) names the document, not the other title the question asks about inside
        # it (frozen28 qf28-4-23 phrasing: 393's 办法 says who writes 510's 准则)
        ("生态环境部那个披露管理办法里，企业环境信息依法披露格式准则由谁来制定？", ("393",), "title"),
        ("企业环境信息依法披露格式准则中，年度报告应当包含哪些信息？", ("510",), "title"),
        # … but never over a title quoted in 《》
        ("《企业环境信息依法披露格式准则》规定的年度报告，在披露管理办法里是怎么要求的？", ("510",), "title"),
        # … unless the quote is what the measure makes (制定实施《…》: dev54 qd54-3-05, pdf2 247 七（二十二）; 393's 办法 has
        # 生态环境部 draw up 510's 准则)
        ("减污降碳方案中，制定实施《碳排放权交易管理暂行条例》由哪些部门负责？", ("247",), "title"),
        ("披露管理办法里，制定《企业环境信息依法披露格式准则》由谁负责？", ("393",), "title"),
    ],
)
def test_reference_names_the_document(question, doc_ids, kind):
    ref = resolve_reference(question, TITLES, NUMBERS, HEADERS)
    assert ref.doc_ids == doc_ids
    assert ref.kind == kind
    assert all(span in question for span in ref.spans)


# a government or its general office written as the issuer before the title holds no title words (frozen69 qf69-5-14 phrasing of pdf2 382 山东; pdf2 47
# 生态环境部办公厅's notice; pdf2 169 国家发展改革委等部门's 意见)
ISSUER_BEFORE_TITLE = {
    "382": "关于坚决遏制“两高”项目盲目发展促进能源资源高质量配置利用有关事项的通知",
    "47": "关于在产业园区规划环评中开展碳排放评价试点的通知",
    "169": "关于严格能效约束推动重点领域节能降碳的若干意见",
}


@pytest.mark.parametrize(
    "question, region_words, doc_id",
    [
        ("山东省政府办公厅2022年关于遏制“两高”项目的通知里，“十四五”能耗增量中拿出多少引导各市加快动能转换？", ["山东省", "山东"], "382"),
        ("生态环境部办公厅关于产业园区规划环评碳排放评价试点的通知要求什么时候完成？", [], "47"),
        ("国家发展改革委关于严格能效约束推动重点领域节能降碳的意见由哪些部门印发？", [], "169"),
    ],
)
def test_an_issuer_written_before_the_title(question: str, region_words: list[str], doc_id: str) -> None:
    ref = resolve_reference(question, {**TITLES, **ISSUER_BEFORE_TITLE}, NUMBERS, HEADERS, region_words=region_words)
    assert (ref.doc_ids, ref.kind) == ((doc_id,), "title")


def test_reference_with_the_region_and_the_issuer_before_a_demonstrative():
    # QA passes the region's words; "发改委那份" names the issuer and points at the plan
    question = "天津市发改委那份用能保障十项措施里，阶梯电价这一条是哪个部门负责？"
    ref = resolve_reference(question, TITLES, NUMBERS, HEADERS, region_words=["天津市", "天津"])
    assert (ref.doc_ids, ref.kind) == (("217",), "title")


@pytest.mark.parametrize(
    "question",
    [
        "太原市挥发性有机物综合整治由哪个部门牵头？",  # names a measure, not a document
        "德州淘汰落后产能是发改委牵头吗？",
        "根据方案，哪个部门负责？",  # a bare document-type word names nothing
        "郑政办〔2019〕7号文件里有什么要求？",  # a number no stored document has
    ],
)
def test_no_reference(question):
    assert resolve_reference(question, TITLES, NUMBERS, HEADERS).doc_ids == ()


def test_a_number_the_region_s_documents_do_not_cite_names_none_of_another_region_s():
    # "大连贯彻国发〔2021〕4号的实施方案" (frozen14): the plans citing the State Council's number in their opening lines
    # are other places' (天津, 武汉 … in pdf2); with 大连 named, they are not the document asked about
    headers = {"356": "武汉市人民政府关于印发…的通知 为贯彻落实《国务院关于加快建立健全绿色低碳循环发展经济体系的指导意见》"
               "（国发〔2021〕4号）"}
    question = "武汉贯彻国发〔2021〕4号的实施方案里，谁负责统筹协调？"
    assert resolve_reference(question, TITLES, NUMBERS, headers).doc_ids == ("356",)
    assert resolve_reference(question, TITLES, NUMBERS, headers, ["武汉市", "武汉"], in_scope=["356"]).doc_ids == ("356",)
    dalian = "大连贯彻国发〔2021〕4号的实施方案里，谁负责统筹协调？"
    assert resolve_reference(dalian, TITLES, NUMBERS, headers, ["大连市", "大连"], in_scope=["362"]).doc_ids == ()
    # a document's own number names it whatever region is in scope: read into the metadata, or printed in its header
    own = resolve_reference("郑政办〔2022〕42号规划中PM2.5目标是多少？", TITLES, NUMBERS, headers, ["德州市"], in_scope=["451"])
    assert own.doc_ids == ("417",)
    in_header = resolve_reference("京建发〔2021〕315号方案里谁牵头？", TITLES, NUMBERS, HEADERS, ["北京市"], in_scope=["451"])
    assert in_header.doc_ids == ("514",)


def test_a_shared_title_is_resolved_within_the_named_region():
    question = "郑州市生态环境保护规划中PM2.5目标是多少？"
    # both 德州 and 郑州 have a 生态环境保护规划: the region the question names decides
    ref = resolve_reference(question, TITLES, NUMBERS, HEADERS, region_words=["郑州市", "郑州"], in_scope=["417"])
    assert ref.doc_ids == ("417",)
    # a region with no document in the store leaves nothing in scope: no other city's plan is named
    ref = resolve_reference("宜昌市生态环境保护规划中PM2.5目标是多少？", TITLES, NUMBERS, HEADERS, ["宜昌市"], in_scope=[])
    assert ref.doc_ids == ()


# Real titles of pdf2 documents that spell a theme the long way; questions use the short form users type.
SYNONYM_TITLES = {
    "577": "科技支撑碳达峰碳中和实施方案（2022-2030年）",
    "105": "浙江省碳达峰碳中和科技创新行动方案",
    "100": "重庆市严格能效约束推动重点领域节能降碳实施方案",
    "382": "山东省“十四五”绿色低碳循环发展规划",
}


@pytest.mark.parametrize(
    "question, doc_ids",
    [
        ("科技支撑双碳实施方案要遴选支持多少家低碳科技创新企业？", ("577",)),
        ("浙江双碳科技创新行动方案里，科技企业怎么培育？", ("105",)),
    ],
)
def test_short_forms_in_a_title_reference_match_the_documents_wording(question, doc_ids):
    from search.question import load_synonyms

    ref = resolve_reference(question, SYNONYM_TITLES, {}, {}, synonyms=load_synonyms())
    assert ref.doc_ids == doc_ids
    assert ref.kind == "title"


def test_fragments_start_after_the_subject_and_take_the_particle():
    assert title_fragments("北京市民政局在绿色社区创建行动中牵头哪些任务？") == [("绿色社区创建行动", "绿色社区创建行动中")]
    # the span starts at the issuer's abbreviation, not at the citing word, government or title before it
    assert find_doc_numbers("按郑政办〔2022〕42号") == [("郑政办〔2022〕42号", "郑政办〔2022〕42号")]
    assert find_doc_numbers("西安市政府市政发〔2021〕21号印发的生态环保规划") == [("市政发〔2021〕21号", "市政发〔2021〕21号")]
    assert find_doc_numbers("按照节能减排方案晋政发[2022]25号，谁牵头") == [("晋政发[2022]25号", "晋政发〔2022〕25号")]
    assert find_doc_numbers("国管节能〔2021〕195号规划提出") == [("国管节能〔2021〕195号", "国管节能〔2021〕195号")]
    # a number typed with no brackets, with 年 or the digits run together (the year's four first); no year, no number
    assert find_doc_numbers("鲁建节科字2022年4号规划要求") == [("鲁建节科字2022年4号", "鲁建节科字〔2022〕4号")]
    assert find_doc_numbers("哈住建发2020320号文件中") == [("哈住建发2020320号", "哈住建发〔2020〕320号")]
    assert find_doc_numbers("生态环境部令第24号规定") == []
    assert find_doc_numbers("2022年3号前报送") == []
    # the fragment starts after the last opener leaving a title's worth of words, never taking in the agency
    # before an earlier opener (上海 361: "…科委在上海加快建立健全…经济体系的方案中")
    assert title_fragments("上海市科委在上海加快建立健全绿色低碳循环发展经济体系的方案中牵头什么？") == [
        ("上海加快建立健全绿色低碳循环发展经济体系的方案", "上海加快建立健全绿色低碳循环发展经济体系的方案中")
    ]
    assert title_fragments("宁夏自治区自然资源厅在推动城乡建设绿色发展的实施意见里牵头哪几项任务？") == [
        ("推动城乡建设绿色发展的实施意见", "推动城乡建设绿色发展的实施意见里")
    ]
    # a bare document type after the last "的" names nothing: the whole phrase is the reference
    # a document number is no part of a title, however its brackets are typed (frozen39 qf39-3-17 typed with （）: the
    # title read through the number's brackets named 福建's plan of the same words; a number before the title is no
    # part of it either)
    for typed in ("发改高技〔2021〕1742号", "发改高技（2021）1742号", "发改高技2021年1742号"):
        assert title_fragments(f"国家层面推动数据中心和5G绿色高质量发展的实施方案（{typed}）规定，年综合能耗超过多少？") == []
    assert title_fragments("国发〔2021〕23号碳达峰行动方案提出，到2030年风电装机要达到多少？") == [("碳达峰行动方案", "碳达峰行动方案")]
    assert title_fragments("《关于加快建立健全绿色低碳循环发展经济体系的指导意见》（国发（2021）4号）里提到…") == [
        ("关于加快建立健全绿色低碳循环发展经济体系的指导意见", "《关于加快建立健全绿色低碳循环发展经济体系的指导意见》")
    ]
    assert title_fragments("国家支持宁夏建设黄河流域生态保护和高质量发展先行区的实施方案中，谁负责？") == [
        ("国家支持宁夏建设黄河流域生态保护和高质量发展先行区的实施方案", "国家支持宁夏建设黄河流域生态保护和高质量发展先行区的实施方案中")
    ]
    # a demonstrative opens the title too: the issuers written before it are not part of it (pdf2 305 台州); a year
    # does not (it may be the title's own)
    assert title_fragments("台州市财政局和税务局2022年那份双碳财税意见中，差别电价资金使用的监管由谁负责？") == [
        ("双碳财税意见", "双碳财税意见中")
    ]
    assert title_fragments("2030年前碳达峰行动方案里2025年生活垃圾资源化利用比例是多少？")[0][0] == "2030年前碳达峰行动方案"
    # … nor does one after a demonstrative (pdf2 383: "…体系的那份指导意见"): the cut goes back to the opener before
    assert title_fragments("在加快建设全国统一电力市场体系的那份指导意见里，发改委牵头负责的是哪几条？") == [
        ("加快建设全国统一电力市场体系的那份指导意见", "加快建设全国统一电力市场体系的那份指导意见里")
    ]
    # a title holds its own 、 and may be followed by its carrying out (frozen19 江西 414, 福建 224's title)
    assert title_fragments("江西省“十四五”土壤、地下水和农村生态环境保护规划实施情况的调度由哪些部门负责？") == [
        ("江西省“十四五”土壤、地下水和农村生态环境保护规划", "江西省“十四五”土壤、地下水和农村生态环境保护规划")
    ]
    assert title_fragments("福建省冶金、建材、石化化工行业“十四五”节能降碳实施方案落实情况由谁督导？")[0][0] == (
        "福建省冶金、建材、石化化工行业“十四五”节能降碳实施方案"
    )
    # … or by what it is said to do (frozen17 qf17-2-35 "…规划布局了哪些…")
    assert title_fragments("云南省能源科技创新“十四五”规划布局了哪些能源领域重点实验室？") == [
        ("云南省能源科技创新“十四五”规划", "云南省能源科技创新“十四五”规划")
    ]
    # … or what it means to do (corpus 196 国管局 2022年工作安排: "…打算遴选多少家"; 拟定 / 拟制 are no such words)
    assert title_fragments("国管局2022年工作安排打算遴选多少家公共机构绿色低碳示范单位？") == [
        ("国管局2022年工作安排", "国管局2022年工作安排")
    ]
    assert title_fragments("天津可再生能源发展规划准备新增多少光伏装机？")[0][0] == "天津可再生能源发展规划"
    assert title_fragments("规划环评由谁审查？") == []
    # (a title that itself holds 实施: "…规划实施方案", "…管理办法实施细则" — review of round 20)
    assert title_fragments("山西省节能减排规划实施方案里谁牵头？")[0][0] == "山西省节能减排规划实施方案"
    assert title_fragments("太原市碳排放权交易管理办法实施细则里谁负责核查？")[0][0] == "太原市碳排放权交易管理办法实施细则"
    # … while a bare type word after a document number names nothing (frozen19 河南 "…42号）的规划实施督导")
    assert title_fragments("《河南省“十四五”水安全保障和水生态环境保护规划》（豫政〔2021〕42号）的规划实施督导由谁牵头？") == [
        ("河南省“十四五”水安全保障和水生态环境保护规划", "《河南省“十四五”水安全保障和水生态环境保护规划》")
    ]


def test_title_thresholds_file_is_written_by_its_script(tmp_path):
    """The other-place title thresholds come from search/dictionaries/title_thresholds.json (scripts/fit_title_thresholds.py,
    its whole grid kept); a missing or broken file gives the defaults."""
    import json

    from search.answer_text import OTHER_TITLE_MIN_BIGRAMS, OTHER_TITLE_SHARE, TITLE_THRESHOLDS_FILE, title_thresholds

    data = json.loads(TITLE_THRESHOLDS_FILE.read_text(encoding="utf-8"))
    assert data["about"]["fitted_by"] == "scripts/fit_title_thresholds.py"
    assert len(data["about"]["table"]) == 35 and not any(s.startswith("questions_frozen2") for s in data["about"]["sets"])
    assert title_thresholds.__wrapped__(TITLE_THRESHOLDS_FILE) == (data["other_title_share"], data["other_title_min_bigrams"])
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert title_thresholds.__wrapped__(tmp_path / "broken.json") == (OTHER_TITLE_SHARE, OTHER_TITLE_MIN_BIGRAMS)
    assert title_thresholds.__wrapped__(tmp_path / "missing.json") == (OTHER_TITLE_SHARE, OTHER_TITLE_MIN_BIGRAMS)


def test_ranker_weights_file_is_fitted_and_complete():
    weights = default_weights()
    assert set(weights.weights) == set(FEATURES)
    assert weights.about.get("fitted_by") == "scripts/fit_ranker.py"
    assert weights.about["held_out_questions"] > 100
    assert 0.0 <= weights.min_probability < 1.0


def test_ranker_weights_score_and_bad_file(tmp_path: Path):
    w = RankerWeights(weights={"heading": 2.0, "retrieval": 1.0}, bias=-1.0)
    assert w.score({"heading": 1.0, "retrieval": 0.5}) == pytest.approx(1.5)
    assert w.probability(0.0) == pytest.approx(0.5)
    bad = tmp_path / "w.json"
    bad.write_text(json.dumps({"bias": 1}), encoding="utf-8")
    with pytest.raises(ValueError, match="w.json"):
        load_weights(bad)


@pytest.mark.parametrize(
    "question, rest",
    [
        ("国管局、发改委印发的公共机构规划要求单位建筑面积碳排放下降多少？", "公共机构规划要求单位建筑面积碳排放下降多少？"),
        ("按国管节能〔2021〕195号印发的规划，能源消费总量控制在多少？", "按国管节能〔2021〕195号 ，能源消费总量控制在多少？"),
        ("国务院办公厅对2025年草原综合植被盖度定的目标是多少？", "对2025年草原综合植被盖度定的目标是多少？"),
    ],
)
def test_issuing_words_are_not_measure_words(question, rest):
    from search.answer_text import ISSUING_WORDS_RE

    assert " ".join(ISSUING_WORDS_RE.sub(" ", question).split()) == " ".join(rest.split())


@pytest.mark.parametrize(
    "question, number, rest",
    [
        # the document's type word and a locative after its number belong to the reference, not to the measure
        ("渝环〔2021〕111号办法里，“碳惠通”平台的主管部门是谁？", "渝环〔2021〕111号", "，“碳惠通”平台的主管部门是谁？"),
        ("晋政发〔2022〕25号文中提到的光伏目标是多少？", "晋政发〔2022〕25号", "提到的光伏目标是多少？"),
        ("鲁财资环〔2022〕5号实施方案里生态文明强县怎么评？", "鲁财资环〔2022〕5号", "生态文明强县怎么评？"),
        # words after the number that are content stay
        ("按苏环办〔2021〕3号要求，监测处负责什么？", "苏环办〔2021〕3号", "按要求，监测处负责什么？"),
    ],
)
def test_a_doc_number_goes_with_its_type_word(question, number, rest):
    from search.answer_text import drop_doc_number

    assert drop_doc_number(question, number) == rest


@pytest.mark.parametrize(
    "question, in_scope, doc_ids",
    [
        # a document named by its type alone after its region: the region's one document of that type
        ("福建省的条例对排污单位监测数据保存时间有什么要求，至少保存几年？", ["101", "179"], ("101",)),
        ("安徽那个规划里对地级缺水城市再生水利用率定的目标是多少？", ["435"], ("435",)),
        # several of that type in scope, or no type word after the region: none
        ("福建省的规划里海洋生态保护修复工程有哪些？", ["179", "180"], ()),
        ("福建省对排污单位监测数据保存时间有什么要求？", ["101", "179"], ()),
        # a title ending in the type names a document by its title, not by its type (frozen10 qf10-5-32)
        ("北京市关于纳入碳排放配额管理单位2020年度碳排放报告报送的通知，报送截止时间是什么时候？", ["514"], ()),
    ],
)
def test_a_document_named_by_its_type_alone(question, in_scope, doc_ids):
    from search.docref import type_only_reference

    titles = {**TITLES, "101": "福建省生态环境保护条例", "179": "福建省“十四五”海洋生态环境保护规划",
              "180": "福建省“十四五”生态环境保护规划", "514": "北京市关于开展绿色社区创建行动的通知"}
    regions = [w for w in ("福建省", "福建", "安徽省", "安徽", "北京市", "北京") if w in question]
    assert type_only_reference(question, titles, in_scope, regions).doc_ids == doc_ids


@pytest.mark.parametrize(
    "text, span, titles, expected",
    [
        # a title quoted without its type word, the type word and a reporting verb after the quote (pdf2 35 白皮书), the
        # body that published it before the quote
        ("国务院新闻办《新时代的中国能源发展》白皮书称，2019年碳排放强度下降了多少？", "《新时代的中国能源发展》",
         ["新时代的中国能源发展白皮书"], " ，2019年碳排放强度下降了多少？"),
        ("生态环境部印发的《企业环境信息依法披露格式准则》规定了什么？", "《企业环境信息依法披露格式准则》",
         ["企业环境信息依法披露格式准则"], " 规定了什么？"),  # (规定 is a type word the title lacks: it stays)
        # a type word the title does not hold stays (the question's own word), as does an agency asked about
        ("《新时代的中国能源发展》方案里由谁牵头？", "《新时代的中国能源发展》", ["新时代的中国能源发展白皮书"], " 方案里由谁牵头？"),
        ("市发展改革委在《太原市节能减排实施方案》中牵头哪些工作？", "《太原市节能减排实施方案》", ["太原市节能减排实施方案"],
         "市发展改革委在 中牵头哪些工作？"),
        # several publishers listed before an unquoted title (pdf2 17, 工信部、发改委、生态环境部 issued it together)
        ("想问下，工信部、发改委、生态环境部关于促进钢铁工业高质量发展的指导意见里，研发投入强度力争达到多少？",
         "关于促进钢铁工业高质量发展的指导意见", ["工业和信息化部、国家发展和改革委员会、生态环境部关于促进钢铁工业高质量发展的指导意见"],
         "想问下， 里，研发投入强度力争达到多少？"),
        ("国家发展改革委 国家能源局关于加快建设全国统一电力市场体系的指导意见中评估由谁负责？",
         "关于加快建设全国统一电力市场体系的指导意见", ["国家发展改革委国家能源局关于加快建设全国统一电力市场体系的指导意见"],
         " 中评估由谁负责？"),
        # publishers before a demonstrative (pdf2 262, issued by 三明银保监分局 and 市金融局)
        ("三明银保监分局和市金融局那份绿色金融支持碳达峰碳中和的方案里，提到全市每年要建多少个充电桩？",
         "绿色金融支持碳达峰碳中和的方案里", ["绿色金融支持三明碳达峰、碳中和工作方案"], " ，提到全市每年要建多少个充电桩？"),
        # a long run of body names with no title after it: the run is read once (it backtracked exponentially)
        ("国务院办公厅" * 10 + "的通知里由谁负责", "关于促进钢铁工业高质量发展的指导意见", ["关于促进钢铁工业高质量发展的指导意见"],
         "国务院办公厅" * 10 + "的通知里由谁负责"),
    ],
)
def test_a_reference_goes_with_its_publisher_and_type_word(text, span, titles, expected) -> None:
    from search.answer_text import drop_reference

    assert drop_reference(text, span, titles) == expected


# who issued a document: the who-word then the issuing verb ends the question, or the issuing verb right before a
# quoted title and the who-word at the end (national notices publishing a standard, 529 发改产业〔2021〕1609号); a
# who-question about a measure is not one
@pytest.mark.parametrize(
    ("question", "asks_issuer"),
    [
        ("国管节能〔2022〕16号通知是哪个部门印发的？", True),
        ("《成渝地区双城经济圈碳达峰碳中和联合行动方案》是由哪些部门联合印发的", True),
        ("发改产业〔2021〕1609号，发布《高耗能行业重点领域能效标杆水平和基准水平（2021年版）》的是哪些部门？", True),
        ("印发《石家庄市绿色建筑创建行动实施方案》的是哪个部门？", True),
        ("公共机构绿色低碳先进适用技术目录由哪些部门编制？", True),
        ("能效标杆水平的发布由哪个部门负责？", False),
        ("负责制定碳排放核算标准的是哪个部门？", False),
        ("印发《“十四五”节能减排综合工作方案》的是哪个部门？", True),  # a title holding quotes
        ("牵头制定《碳排放权交易管理办法》的是哪个部门？", False),  # a measure's lead: the verb does not open the question
        ("方案中，负责制定《重点行业能效标杆》的是哪个部门？", False),
        ("发布《高耗能行业重点领域能效标杆水平和基准水平》后，各地要做什么？", False),
    ],
)
def test_a_question_asking_who_issued_a_document(question: str, asks_issuer: bool) -> None:
    from search.answer_text import ISSUER_QUESTION_RE

    assert bool(ISSUER_QUESTION_RE.search(question)) is asks_issuer


# a place named inside a measure and one of a clause's places: the same written place may be read at two levels
# (pdf2 363 "建设宜宾“动力电池之都”": the clause's 宜宾县, the question's 宜宾市)
@pytest.mark.parametrize(
    ("place", "regions", "among"),
    [
        ("宜宾市", ("遂宁市", "宜宾县", "四川省"), True),
        ("威海市", ("威海市", "山东省"), True),
        ("成都市", ("阿坝藏族羌族自治州", "四川省"), False),
        ("大同市", ("山西省",), False),
        # written the same but another level of another province, or a province: not the same place
        ("吉林市", ("吉林省",), False),
        ("海南藏族自治州", ("海南省",), False),
    ],
)
def test_a_place_among_a_clauses_places(place: str, regions: tuple[str, ...], among: bool) -> None:
    from search.answer_text import place_among

    assert place_among(place, regions) is among


# the kind of document a similar-measures question asks for, written after 类似: it is the theme, the document named
# before it the reference (frozen13: 249 named, 上海 202 asked for; 293 named, 齐齐哈尔 261 asked for)
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("国家层面出了公共机构绿色低碳引领行动促进碳达峰的方案，地方上有没有类似的公共机构绿色低碳行动方案？", "公共机构绿色低碳行动方案"),
        ("安徽省生态环境厅成立了碳达峰方案编制领导小组，别的地方有没有类似成立碳达峰工作领导小组的通知？", "成立碳达峰工作领导小组的通知"),
        ("四川省委出台了推动绿色低碳优势产业发展的决定，省内有没有市一级也出了类似的决定？", None),  # a type alone
        ("陕西省生态环境厅印发了全省生态环境系统的工作思路，其他地方的生态环境系统有没有类似的应对气候变化工作安排？",
         "应对气候变化工作安排"),
        ("还有哪些地方有类似的措施？", None),
        ("除了白银，还有哪些城市的规划里也提出建设“无废城市”？", None),
    ],
)
def test_the_kind_of_document_asked_for(question: str, kind: str | None) -> None:
    from search.answer_text import RE_KIND_ASKED

    m = RE_KIND_ASKED.search(question)
    assert (m.group("kind") if m else None) == kind


# the level of places a similar-measures question asks about orders plans of equal title share (安徽 435 → "还有哪个省")
@pytest.mark.parametrize(
    ("question", "level"),
    [
        ("安徽的十四五重点流域水生态环境保护规划之外，还有哪个省有类似的十四五水生态环境保护规划？", "provincial"),
        ("福建出了2020年度碳排放配额分配实施方案，别的省份有没有类似的年度配额分配方案？", "provincial"),
        ("其他城市有没有类似成都充电桩建设的要求？", "city"),
        # the province level written as such (frozen25 qf25-1-21 上海, frozen22 qf22-3-32 江苏)
        ("除了上海，还有哪些省级地区（省、直辖市）也出台了综合性的生态环境保护“十四五”规划？", "provincial"),
        ("除江苏外，还有哪些省级地区（含直辖市）制定了绿色建筑方面的“十四五”专项规划？", "provincial"),
        ("上海的省级部门还有哪些类似做法？", None),
        ("其他市场主体有没有类似的激励政策？", None),  # 市场 is no city
        ("哪些省市有类似的碳普惠办法？", None),  # provinces and cities
        ("四川省委出台了…的决定，省内有没有市一级也出了类似的决定？", None),
        ("除了内蒙古，还有哪些地方出台了类似的方案？", None),
    ],
)
def test_the_level_of_places_asked_for(question: str, level: str | None) -> None:
    from search.answer_text import asked_level

    assert asked_level(question) == level


# places asked for and nothing beyond them: a national document lists as no place (dev57 qd57-2-32's "哪些地方的文件也提出了
# 黄河流域横向生态补偿", qd56-2-08 "还有哪些地方的文件有类似的新型储能建设安排"); national documents or any document asked
# beside the places keep them (dev questions written "其他地方或国家层面", "还有哪些地方或文件", "全国层面或其他地方")
@pytest.mark.parametrize(
    ("question", "only"),
    [
        ("《关于深化生态保护补偿制度改革的意见》要推动建立长江、黄河全流域横向生态保护补偿机制，哪些地方的文件也提出了黄河流域横向生态补偿的做法？", True),
        ("青海在电源侧、电网侧和用户侧合理布局电化学储能电站，还有哪些地方的文件有类似的新型储能建设安排？", True),
        ("除了内蒙古，还有哪些地方出台了类似的方案？", True),
        ("黑龙江土壤地下水规划里推行“田长制”保护耕地，其他哪些城市也提出了田长制？", True),
        ("宁夏搞光伏治沙试点，别的地方或国家层面有没有类似做法？", False),
        ("国家发展改革委、国家能源局的统一电力市场指导意见提出开展绿色电力交易试点，语料里还有哪些地方或文件有类似的绿色电力交易措施？", False),
        ("广东省发改委等部门发了2022年节能宣传周和低碳日活动的通知，全国层面或其他地方有没有类似的活动安排？", False),
        ("海南在重点园区、重点行业试点碳排放环境影响评价，其他地方或部门有没有类似把碳评纳入环评的试点安排？", False),
        ("有没有其他文件也规定了公众可以举报碳排放交易中的违法违规行为？", False),
        # the round-53 review's cases: read in the asking part, after the measure described (a place word or a national
        # word in the measure is neither), with the other ways of asking for national documents beside the places
        ("《2030年前碳达峰行动方案》要求各地区梯次有序推进碳达峰，还有哪些文件有类似要求？", False),
        ("江苏创建省级和国家级绿色工厂，其他省份有没有类似的绿色工厂梯度培育？", True),
        ("国家鼓励各地开展试点，其他地方有没有类似做法？", True),
        ("企业地方上报数据，还有哪些文件有类似要求？", False),
        ("其他地方与国家层面有没有类似的做法？", False),
        ("其他地方还是国家层面有类似做法？", False),
        ("国家或者其他省份有没有类似做法？", False),
        ("国家层面有没有类似做法？其他地方呢？", False),
        ("海南试点碳评，其他地方或有关部门有没有类似的试点安排？", False),
    ],
)
def test_places_asked_for_and_nothing_beyond(question: str, only: bool) -> None:
    from search.answer_text import asks_places_only

    assert asks_places_only(question) is only


# a title run in the question's words is cut back to whole words before it is taken for the title: the words a title
# shares with the measure asked about by chance stay (湖南 561 可再生能源发展规划 beside 可再生能源发电装机; frozen14 and
# frozen17 asked it); a run of whole words is the title and goes (废旧纺织品循环 of 526's title, 太原's 节能减排实施方案)
@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("到2025年全省可再生能源发电装机规模达到", "湖南省十四五可再生能源发展规划", "到2025年全省可再生能源发电装机规模达到"),
        ("到2025年全国废旧纺织品循环利用率达到", "关于加快推进废旧纺织品循环利用的实施意见", "到2025年全国 利用率达到"),
        ("太原市节能减排实施方案由哪个部门负责解释", "太原市十四五节能减排实施方案", "太原市 由哪个部门负责解释"),
        # a run too short once cut stays, and a whole-word run later in the question still goes
        ("全省可再生能源发电装机规模在能源发展规划里是多少", "湖南省十四五可再生能源发展规划",
         "全省可再生能源发电装机规模在 里是多少"),
    ],
)
def test_title_runs_are_cut_at_words(text: str, title: str, expected: str) -> None:
    import jieba

    from search.answer_text import _without_title_runs

    assert _without_title_runs(text, title, jieba.lcut).split() == expected.split()


# a yearly document asked about by a year no stored title gives it: the store holds other editions (pdf2 335 全国节能
# 宣传周 2022, 555 交通运输 推广目录 2021年度, and 广东's 2022 节能宣传周 notice); the same year, a target year or a deadline,
# either end of a range (169's 行动方案（2021-2025年）, the 辽宁 seed's 2014—2015年) and a shared issuer before the year are none
EDITION_TITLES = {
    "335": "国家发展改革委等部门关于开展2022年全国节能宣传周和全国低碳日活动的通知",
    "555": "关于发布交通运输行业重点节能低碳技术推广目录（2021年度）的公告",
    "553": "关于开展纳入碳排放配额管理单位2020年度碳排放报告和2021年度碳排放监测计划编制与报送工作的通知",
    "2": "2030年前碳达峰行动方案",
    "gd": "广东省发展改革委等部门关于做好2022年广东省节能宣传周和低碳日活动的通知",
    "hlj": "黑龙江省关于2021-2023年推动碳达峰工作的方案",
    "ln": "辽宁省2014—2015年节能减排低碳发展行动计划",
    "nea": "国家能源局关于印发2022年能源工作指导意见的通知",
    "gg": "国管局关于2022年公共机构能源资源节约和生态环境保护工作安排的通知",
    "sd": "山东省绿色低碳转型2022年行动计划",
    "409": "福建省2020年度碳排放配额分配实施方案",
    "504": "广东省2021年度碳排放配额分配实施方案",
    "398": "上海市生态环境局关于做好本市全国碳排放权交易市场第一个履约周期碳排放配额清缴相关工作的通知",
    "291": "关于发布上海市2021年度“科技创新行动计划”科技支撑碳达峰碳中和专项（第一批）项目申报指南的通知",
    "34": "2019-2020年全国碳排放权交易配额总量设定与分配实施方案（发电行业）",
    "hlj73": "黑龙江关于2021-2023年推动碳达峰、碳中和工作滚动实施方案",
    "jshj": "江苏省2022年推动碳达峰碳中和工作计划",
}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("2023年全国节能宣传周的活动主题是什么？", ("2023", {"335": "2022"})),
        ("交通运输部发布的《交通运输行业重点节能低碳技术推广目录（2022年度）》收录了哪些港口节能技术？", ("2022", {"555": "2021"})),
        # the year written before the name while the title brackets it after (frozen16 qf16-1-31); the stored year asked
        # so is the stored edition
        ("交通运输部发布的2022年度交通运输行业重点节能低碳技术推广目录里收录了哪些港口节能技术？", ("2022", {"555": "2021"})),
        ("2021年度交通运输行业重点节能低碳技术推广目录中，滚塑浮标的使用寿命能达到多少年？", None),
        ("2023年广东省节能宣传周由哪个部门牵头？", ("2023", {"gd": "2022"})),
        ("国管局2023年公共机构能源资源节约和生态环境保护工作安排有哪些重点？", ("2023", {"gg": "2022"})),
        ("2022年全国节能宣传周期间，国家层面的宣传活动由哪个部门牵头？", None),
        ("上海纳入配额管理的单位，2020年度碳排放报告最晚什么时候前要报上去？", None),
        ("到2025年全国单位GDP能耗下降多少？", None),
        ("2030年前碳达峰行动方案提出到2025年非化石能源消费比重达到多少？", None),
        ("2023年底前全国碳排放监测体系建成了吗？", None),
        ("石化化工重点行业节能降碳行动方案（2021-2025年）要求推动多大规模的炼油装置淘汰退出？", None),
        ("辽宁省2014年节能减排低碳发展行动计划提出单位GDP能耗下降多少？", None),
        ("国家能源局关于印发2023年可再生能源电力消纳责任权重的通知由谁负责？", None),
        # the year inside the name (frozen26 qf26-3-34, frozen29 qf29-3-06: pdf2 347 山东), words shared on both sides
        ("山东省绿色低碳转型2023年行动计划提出可再生能源发电装机要达到多少千瓦？", ("2023", {"sd": "2022"})),
        ("山东省2023年可再生能源发电装机要达到多少？", None),
        # another place's document of the same name and year is no edition of the one asked (pdf2 409 福建 2020年度, 504
        # 广东 2021年度): 福建's 2021年度 plan is not stored
        ("福建省2021年度碳排放配额分配实施方案里，重点排放单位有多少家？", ("2021", {"409": "2020"})),
        ("广东省2021年度碳排放配额分配实施方案里，重点排放单位有多少家？", None),
        ("福建2020年度碳排放配额分配实施方案里，重点排放单位有多少家？", None),
        # … while words before the year that name no place are no other place (a review's case)
        ("请问2022年度碳排放配额分配实施方案里，重点排放单位有多少家？", ("2022", {"409": "2020", "504": "2021"})),
        # an ordinal edition (pdf2 398 上海 第一个履约周期, 291 上海 专项（第一批）; frozen30 qf30-3-34): another ordinal is
        # another edition, as written, though the year beside it is stored; the stored ordinal is the document
        ("上海市生态环境局关于全国碳市场第二个履约周期配额清缴工作的通知，要求重点排放单位什么时候前完成履约？",
         ("第二个履约周期", {"398": "第一个履约周期"})),
        ("上海全国碳市场第一个履约周期清缴通知里，专项检查由谁组织？", None),
        ("上海2021年度科技创新行动计划科技支撑碳达峰碳中和专项（第二批）申报截止是哪天？", ("第二批", {"291": "第一批"})),
        ("上海2021年度科技创新行动计划碳中和专项第一批项目申报截止是哪天？", None),
        # a period of a year or two names an edition too (pdf2 36 2019-2020年 配额方案, the 辽宁 seed's 2014—2015年; frozen27
        # qf27-4-35): a year or period outside it is another edition, one inside it the stored one; a five-year plan's
        # 2021-2025年 is no edition (169's 行动方案, above)
        ("2021、2022年度全国碳排放权交易配额总量设定与分配实施方案（发电行业）对燃气机组的配额清缴有什么规定？",
         ("2022", {"34": "2019-2020"})),
        ("2020年全国碳排放权交易配额总量设定与分配实施方案里燃气机组怎么清缴？", None),
        ("辽宁省2016-2017年节能减排低碳发展行动计划提出单位GDP能耗下降多少？", ("2016-2017", {"ln": "2014-2015"})),
        # a year inside another plan's period is no proof that the edition asked is stored (frozen29 qf29-4-34: 黑龙江's
        # 2021-2023年 plan beside the 江苏 2022年 工作计划)
        ("江苏省生态环境厅2023年推动碳达峰碳中和工作计划中，重点排放单位碳核查要覆盖多少家企业？",
         ("2023", {"jshj": "2022"})),
    ],
)
def test_an_edition_the_store_does_not_hold(question: str, expected) -> None:
    from search.docref import edition_not_stored

    assert edition_not_stored(question, EDITION_TITLES) == expected


# yearly editions of one plan (pdf2 244, 55) and a yearly work programme (pdf2 195, 196)
YEARLY_TITLES = {
    "244": "省生态环境厅2021年度推动碳达峰、碳中和工作计划",
    "55": "省生态环境厅2022年推动碳达峰碳中和工作计划",
    "195": "2022年山东省公共机构能源资源节约和生态环境保护工作要点",
    "196": "国管局关于2022年公共机构能源资源节约和生态环境保护工作安排的通知",
}


@pytest.mark.parametrize(
    "question, doc_ids",
    [
        # the year names the edition, though the other year's title shares more of the fragment's words (年度, 、)
        ("江苏省生态环境厅2021年推动碳达峰碳中和工作计划里，分解落实碳达峰年度目标任务由哪个处室牵头？", ("244",)),
        ("省生态环境厅2022年推动碳达峰碳中和工作计划里，温室气体试点监测谁负责？", ("55",)),
        # the year written before a 、 that cut the fragment ("2021年推动碳达峰、碳中和工作计划")
        ("江苏省2021年推动碳达峰、碳中和工作计划中，开展温室气体排放监测由哪些部门负责？", ("244",)),
        # no stored edition of the year asked: the best title stands (the answerer says the edition is not stored)
        ("省生态环境厅2023年推动碳达峰碳中和工作计划里，温室气体试点监测谁负责？", ("55",)),
        # a spoken short form of the title's words (生态环保 = 生态环境保护)
        ("山东省2022年公共机构节能和生态环保工作要点，节约型机关创建要确保多大比例的党政机关达标？", ("195",)),
    ],
)
def test_an_edition_year_and_short_forms_name_the_edition(question, doc_ids):
    from search.question import load_synonyms

    ref = resolve_reference(question, YEARLY_TITLES, {}, {}, synonyms=load_synonyms())
    assert ref.doc_ids == doc_ids


def test_a_year_written_with_its_month_names_no_edition():
    """"上海市生态环境局2021年11月的通知" (dev56 qd56-1-11): a date the notice was issued, not the 2021年度 in another notice's
    title — both notices of the issuer match the fragment alike."""
    titles = {
        "553": "上海市生态环境局关于开展本市纳入碳排放配额管理单位2020年度碳排放报告和2021年度碳排放监测计划编制与报送工作的通知",
        "398": "上海市生态环境局关于做好本市全国碳排放权交易市场第一个履约周期碳排放配额清缴相关工作的通知",
    }
    question = "上海市生态环境局2021年11月的通知要求，本市发电行业重点排放单位的配额原则上在哪天前完成清缴？"
    assert resolve_reference(question, titles, {}, {}).doc_ids == ("398", "553")
    # (the year alone before the kind still names the edition)
    assert resolve_reference("上海市生态环境局2021年度的通知要求…？", titles, {}, {}).doc_ids == ("553",)


# titles of other places' plans (pdf2 336, 566, 504, 480) a question may write as its own place's
PLACE_TITLES = {
    "336": "上海市能源发展“十四五”规划",
    "566": "天津市可再生能源发展“十四五”规划",
    "504": "广东省2021年度碳排放配额分配实施方案",
    "480": "沈阳市碳排放权交易管理办法",
}


@pytest.mark.parametrize(
    "question, region_words, docs, fragment",
    [
        # a place's title written right after the place: another place's plan of that name is the only match
        # (天津's 可再生能源发展“十四五”规划 holds the same words)
        ("北京市能源发展“十四五”规划里，到2025年北京可再生能源消费比重要达到多少？", ["北京市", "北京"], ("336", "566"),
         "能源发展“十四五”规划"),
        ("《北京市能源发展“十四五”规划》提出了什么？", ["北京市"], ("336", "566"), "能源发展“十四五”规划"),
        # a phrase not written as the place's title (the object of a measure) names none
        ("天津各重点排放单位报送的2021年度碳排放报告和监测计划，由谁汇总？", ["天津"], (), ""),
    ],
)
def test_a_title_written_as_a_places_own(question, region_words, docs, fragment):
    from search.docref import strongest_title_match

    share, found, frag = strongest_title_match(question, PLACE_TITLES, region_words, min_bigrams=6)
    assert found == docs and frag == fragment
    assert (share >= 0.9) is bool(docs)


def test_a_target_year_before_a_reference_names_no_edition():
    """"2025年单位GDP能耗下降目标在节能减排实施方案里": 2025 is the measure's year, not an edition's (review of round 19)."""
    titles = {"a": "江苏省“十四五”节能减排综合实施方案", "b": "江苏省2025年节能减排工作要点"}
    ref = resolve_reference("江苏省2025年单位GDP能耗下降目标在节能减排实施方案里是多少？", titles, {}, {}, ["江苏省"])
    assert ref.doc_ids == ("a",)


def test_a_fitting_script_refuses_a_closed_set():
    """The fitting scripts' set choice (search.fitting): a closed frozen set named ends the script with a message naming
    it; the default leaves every closed set out and takes the opened frozen sets as development."""
    from pathlib import Path

    from search.eval import CLOSED_SETS, FROZEN_SETS
    from search.fitting import fitting_sets_or_exit

    eval_dir = Path(__file__).resolve().parents[1] / "data" / "eval"
    assert CLOSED_SETS and CLOSED_SETS < FROZEN_SETS
    closed = sorted(CLOSED_SETS)[0]
    with pytest.raises(SystemExit, match=f"{closed} is a closed frozen set"):
        fitting_sets_or_exit([eval_dir / closed], eval_dir)
    chosen = {p.name for p in fitting_sets_or_exit([], eval_dir)}
    assert chosen and not chosen & CLOSED_SETS
    assert "questions_frozen22.jsonl" in chosen  # opened in an earlier round: development


def test_a_frozen_set_not_yet_registered_is_closed_to_fitting(tmp_path):
    """A frozen set just written (questions_frozenNN.jsonl, not yet in search.eval.FROZEN_SETS) is left out of a fit's
    default sets and refused when named (round 52: a fit run before frozen63 was registered learnt from it)."""
    from search.fitting import fitting_sets, fitting_sets_or_exit

    for name in ("questions_frozen99.jsonl", "questions_dev99.jsonl", "questions_frozen22.jsonl"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in fitting_sets([], tmp_path)] == ["questions_dev99.jsonl", "questions_frozen22.jsonl"]
    with pytest.raises(SystemExit, match="questions_frozen99.jsonl is a closed frozen set"):
        fitting_sets_or_exit([tmp_path / "questions_frozen99.jsonl"], tmp_path)


@pytest.mark.parametrize(
    "question, fragment",
    [
        # when the document itself takes effect (frozen25 qf25-1-10, frozen28 qf28-1-21: pdf2 351 山东; frozen29 qf29-4-05:
        # pdf2 305 台州): the title before 从 / 自 / 什么时候 is the document asked about
        ("山东省控排企业碳排放报告质量弄虚作假有奖举报实施方案从什么时候起实施？", "山东省控排企业碳排放报告质量弄虚作假有奖举报实施方案"),
        ("山东省控排企业碳排放报告质量弄虚作假有奖举报实施方案自什么时候开始实施？", "山东省控排企业碳排放报告质量弄虚作假有奖举报实施方案"),
        ("碳排放权交易管理办法什么时候施行？", "碳排放权交易管理办法"),
    ],
)
def test_a_title_before_when_it_takes_effect(question: str, fragment: str) -> None:
    assert [f for f, _span in title_fragments(question)] == [fragment]


@pytest.mark.parametrize(
    "asked, stored, conflict",
    [
        ("条例", "规划", True),   # 江西省生态环境保护条例 is not 江西省“十四五”…生态环境保护规划 (frozen26 qf26-2-35)
        ("办法", "方案", True),
        ("规划", "办法", True),
        ("方案", "规划", False),  # plans and programmes are named loosely for one another
        ("办法", "细则", False),
        ("条例", "通知", False),  # a notice may carry a rule
        ("", "规划", False),
    ],
)
def test_a_rule_is_not_named_by_a_plans_title(asked: str, stored: str, conflict: bool) -> None:
    from ingest.doctypes import genres_conflict

    assert genres_conflict(asked, stored) is conflict


def test_the_genre_a_fragment_names() -> None:
    from search.docref import asked_genre_of

    assert asked_genre_of("江西省生态环境保护条例") == "条例"
    # "…方案（试行）规定，一个试点的建设期…" (frozen24 qf24-1-22): the plan stipulates
    assert asked_genre_of("成都市近零碳排放区试点建设工作方案(试行)规定") == "方案"
    assert asked_genre_of("浦东新区绿色金融发展若干规定") == "规定"


def test_a_rule_asked_by_name_is_not_resolved_to_a_plan() -> None:
    titles = {"414": "江西省“十四五”土壤、地下水和农村生态环境保护规划", "fj": "福建省生态环境保护条例"}
    # (each place's documents in scope, as the answerer scopes a named place's title)
    assert resolve_reference("江西省生态环境保护条例对噪声作业的单位怎么处罚？", titles, {}, {}, ["江西省"], ["414"]).doc_ids == ()
    assert resolve_reference("福建省生态环境保护条例对噪声作业的单位怎么处罚？", titles, {}, {}, ["福建省"], ["fj"]).doc_ids == ("fj",)


# a similar-plans question's words for the places asked about and for how their plans came about are framing, not its
# theme (frozen28 qf28-2-32 "西北地区还有哪些市州也编制了…", frozen27 qf27-1-30 "哪些省市出台了配套的实施方案"; since
# round 44 出台了 / 发了 / 专门发了 too): what is left is compared with the stored titles
@pytest.mark.parametrize(
    ("question", "left"),
    [
        ("类似西宁市“十四五”生态环境保护规划，西北地区还有哪些市州也编制了十四五生态环境保护规划？",
         "类似西宁市“十四五”生态环境保护规划，西北地区还有哪些  十四五生态环境保护规划？"),
        ("除了国家层面的严格能效约束推动重点领域节能降碳若干意见，哪些省市出台了配套的实施方案？",
         "除了国家层面的严格能效约束推动重点领域节能降碳若干意见，哪些   实施方案？"),
        # "据此" and the period word of a five-year plan (frozen17 qf17-3-32, frozen25 qf25-5-18)
        ("国家发改委等部门出台了严格能效约束推动重点领域节能降碳的若干意见，有没有省份据此制定了类似的实施方案？",
         "国家发改委  严格能效约束推动重点领域节能降碳的若干意见，有没有省份  类似的实施方案？"),
        ("除了青岛，还有哪些城市也出台了“十四五”时期的绿色建筑（建筑节能）发展规划？",
         "除了青岛，还有哪些城市 “十四五” 的绿色建筑（建筑节能）发展规划？"),
        # (a plan's own making is content when it is the measure asked about: 编制 without 了)
        ("还有哪些城市在编制碳排放清单？", "还有哪些城市在编制碳排放清单？"),
    ],
)
def test_the_framing_of_a_similar_plans_question(question: str, left: str) -> None:
    from search.answer_text import RE_SIMILAR_FRAMING

    assert RE_SIMILAR_FRAMING.sub(" ", question) == left


# the body that issued the plan a similar-plans question names is no part of its theme; a body asked for is (frozen17
# qf17-3-32 "国家发改委等部门出台了…", frozen26 qf26-1-24 "还有哪些生态环境部门出台过类似的…")
@pytest.mark.parametrize(
    ("text", "issued"),
    [
        ("国家发改委等部门出台了严格能效约束推动重点领域节能降碳的若干意见", True),
        ("江苏省生态环境厅出了2021年度推动碳达峰碳中和的工作计划", True),
        ("还有哪些生态环境部门出台过类似的年度双碳工作计划", False),
    ],
)
def test_the_body_that_issued_the_plan_asked_about(text: str, issued: bool) -> None:
    import re

    from ingest.agencies import bodies_mentioned
    from search.answer_text import RE_ISSUED_AFTER_BODY

    bodies = bodies_mentioned(text) or ["生态环境部门"]
    assert any(re.search(re.escape(b) + RE_ISSUED_AFTER_BODY.pattern, text) for b in bodies) is issued


@pytest.mark.parametrize(
    "question, fragment",
    [
        # a title's qualifier in brackets goes with it (frozen22 qf22-2-30 and frozen25 qf25-1-07: pdf2 555 交通运输 推广目录;
        # frozen14 qf14-1-14: a 行动方案 of a year range; frozen30 qf30-3-11: corpus 189 成都 工作方案（试行）)
        ("交通运输行业重点节能低碳技术推广目录（2021年度）里，秦皇岛港皮带机采用智能伺服永磁直驱技术后，电能消耗能降低多少？",
         "交通运输行业重点节能低碳技术推广目录(2021年度)"),
        ("全国石化化工重点行业严格能效约束推动节能降碳行动方案（2021-2025年）要求推动多大规模及以下的炼油装置淘汰退出？",
         "全国石化化工重点行业严格能效约束推动节能降碳行动方案(2021-2025年)"),
        ("成都市近零碳排放区试点建设工作方案（试行）中，一个试点的建设期最长不能超过多久？",
         "成都市近零碳排放区试点建设工作方案(试行)"),
        # being listed in a catalogue opens its title (frozen28 qf28-1-02: pdf2 555)
        ("郑州公交那个氢燃料电池公交车应用技术被列进了交通运输部2021年度节能低碳技术推广目录，它和传统燃油车的替代比是多少？",
         "交通运输部2021年度节能低碳技术推广目录"),
        # (a document number in brackets is no qualifier of a title: the number names the document, find_doc_numbers)
        ("按照吉林省实施意见（吉政发〔2021〕18号）要求，由谁负责？", None),
    ],
)
def test_a_titles_bracketed_qualifier_goes_with_it(question: str, fragment: str | None) -> None:
    got = [f for f, _span in title_fragments(question)]
    assert got == ([fragment] if fragment else [])


@pytest.mark.parametrize(
    "question, place, after",
    [
        # the document named first, the place only inside the measure (frozen22 qf22-2-30: 秦皇岛港 in a national 目录)
        ("交通运输行业重点节能低碳技术推广目录（2021年度）里，秦皇岛港皮带机采用智能伺服永磁直驱技术后，电能消耗能降低多少？",
         "秦皇岛", True),
        # the place written in (or before) the title: the place's own document
        ("秦皇岛市碳达峰实施方案里，2025年单位GDP能耗下降多少？", "秦皇岛", False),
        ("郑州公交那个氢燃料电池公交车应用技术被列进了交通运输部2021年度节能低碳技术推广目录，替代比是多少？", "郑州", False),
        # no title at all
        ("秦皇岛港皮带机改造后电能消耗能降低多少？", "秦皇岛", False),
    ],
)
def test_a_place_written_only_after_the_title(question: str, place: str, after: bool) -> None:
    from search.docref import place_after_references

    assert place_after_references(question, (place,)) is after


def test_a_place_written_short_in_the_title_is_the_documents() -> None:
    from search.docref import place_after_references

    # the title writes the place short (上饶), the measure in full (上饶市科技局): the place's own document
    question = "上饶绿色低碳循环发展经济体系实施方案中，上饶市科技局负责哪些工作？"
    assert place_after_references(question, ("上饶市", "上饶")) is False
    assert place_after_references(question, ()) is False


# Rules' order numbers (round 44): a rule printing its own in its opening (pdf2 393 企业环境信息依法披露管理办法), a rule
# whose number only other documents give it, right after its title (pdf2 409 福建, 88 云南, 331 湖北 citing 34 碳排放权交易管理办法);
# a rule the store does not hold (湖北's 省政府令第371号) names nothing
ORDER_TITLES = {
    "34": "碳排放权交易管理办法(试行)",
    "393": "企业环境信息依法披露管理办法",
    "409": "福建省2020年度碳排放配额分配实施方案",
    "331": "湖北省碳排放第三方核查机构管理办法",
}
ORDER_HEADERS = {
    "34": "碳排放权交易管理办法（试行） 第一章 总则 第一条 为落实党中央、国务院关于建设全国碳排放权交易市场的决策部署",
    "393": "生态环境部发布企业环境信息依法披露管理办法（2021年12月11日生态环境部令第24号公布 自2022年2月8日起施行）",
    "409": "福建省2020年度碳排放配额分配实施方案 根据《碳排放权交易管理办法（试行）》（生态环境部令第\n19 号）和《福建省碳排放权"
           "交易管理暂行办法》（省政府令第\n214 号）",
    "331": "为加强碳排放第三方核查机构管理，根据《碳排放权交易管理办法(试行)》(部令第 19 号)《湖北省碳排放权管理和交易暂行办法》"
           "(省政府令第 371 号)",
}


@pytest.mark.parametrize(
    "question, doc_ids, written",
    [
        ("生态环境部令第24号规定，企业环境信息依法披露格式准则由谁负责制定？", ("393",), "生态环境部令第24号"),
        ("根据生态环境部令第19号，重点排放单位年度碳排放配额清缴情况由哪些部门负责定期公开？", ("34",), "生态环境部令第19号"),
        ("按照生态环境部令 第 19 号，全国碳市场覆盖的行业范围由哪个部门拟订？", ("34",), "生态环境部令 第 19 号"),
        ("《湖北省碳排放权管理和交易暂行办法》（省政府令第371号）对碳排放配额分配是怎么规定的？", (), ""),
        ("生态环境部令第23号规定了什么？", (), ""),  # a serial no document prints or cites
        # (review of round 44: words before the issuer, either side's)
        ("请问生态环境部令第19号对配额清缴怎么规定？", ("34",), "请问生态环境部令第19号"),
    ],
)
def test_an_order_number_names_the_rule_printing_or_cited_with_it(question, doc_ids, written):
    ref = resolve_reference(question, ORDER_TITLES, {d: "" for d in ORDER_TITLES}, ORDER_HEADERS)
    assert ref.doc_ids == doc_ids
    if doc_ids:
        assert ref.spans == (written,) and ref.kind == "number"
    # (order numbers are no doc numbers: the checks that let a doc number decide the document alone leave them out)
    assert find_doc_numbers(question) == []


def test_an_order_number_cited_with_its_date_or_only_mentioned():
    # a citation may write the date the rule was made public inside its bracket ("《…》（2020年12月31日生态环境部令第19号公布）");
    # a number merely mentioned in another document's opening ("根据生态环境部令第24号要求") makes it no rule of that number
    headers = {
        "Q": "根据《碳排放权交易管理办法（试行）》（2020年12月31日生态环境部令第19号公布）和生态环境部令第24号要求，制定本方案",
        "34": "碳排放权交易管理办法（试行） 第一章 总则",
    }
    titles = {"Q": "某省2021年度碳排放配额分配实施方案", "34": "碳排放权交易管理办法(试行)"}
    numbers = dict.fromkeys(titles, "")
    assert resolve_reference("生态环境部令第19号里配额怎么清缴？", titles, numbers, headers).doc_ids == ("34",)
    assert resolve_reference("生态环境部令第24号规定了什么？", titles, numbers, headers).doc_ids == ()


def test_a_generic_issuer_names_a_rule_only_written_alike_or_in_the_place_asked():
    # "省政府令第371号" is cited by 湖北 331 for 湖北's rule; 江苏's 省政府令第371号 is another rule
    titles = {"331": "湖北省碳排放第三方核查机构管理办法", "HB": "湖北省碳排放权管理和交易暂行办法"}
    headers = {"331": "根据《湖北省碳排放权管理和交易暂行办法》(省政府令第 371 号)"}
    numbers = dict.fromkeys(titles, "")
    assert resolve_reference("江苏省政府令第371号对配额分配怎么规定？", titles, numbers, headers).doc_ids == ()
    assert resolve_reference("省政府令第371号对配额分配怎么规定？", titles, numbers, headers).doc_ids == ("HB",)
    assert resolve_reference("湖北省政府令第371号对配额分配怎么规定？", titles, numbers, headers, ["湖北省"],
                             in_scope=["331", "HB"]).doc_ids == ("HB",)


@pytest.mark.parametrize(
    "question, found",
    [
        ("国家发展改革委令2023年第2号规定了什么？", [("国家发展改革委令2023年第2号", ("国家发展改革委", "2"))]),
        ("按沪府令 10 号要求报送", [("沪府令 10 号", ("沪府", "10"))]),
        ("按通知第二条对违规企业责令第3号限期整改", []),  # 责令 is no issuer's order
    ],
)
def test_order_numbers_written_in_a_question(question, found):
    from search.docref import find_order_numbers

    assert find_order_numbers(question) == found


# the title fragments that may name a region group's own plan: a title's own 印发 / 发布 and any 《》 title stay; a
# phrase asking other places' plans does not (frozen25 qf25-4-27 phrasing; the review's 长三角 phrasings)
@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("长三角三省一市印发碳达峰碳中和联合行动方案里跨省绿色电力交易由谁牵头？", True),
        ("《长三角地区关于印发碳达峰碳中和联合行动方案的通知》里由谁牵头？", True),
        ("除了大连，东北三省还有哪些地方也出台了建立健全绿色低碳循环发展经济体系的实施方案？", False),
        ("西北地区有没有城市编制了“十四五”生态环境保护规划？", False),
    ],
)
def test_fragments_that_may_name_a_groups_own_plan(question: str, kept: bool) -> None:
    from search.answer_references import ReferenceAnswers

    fragments = ReferenceAnswers.group_title_fragments(question)
    assert any(("长三角" in f or "东北三省" in f or "西北地区" in f) for f in fragments) is kept, fragments


# a place no document covers yields to the group only when written after the group word, outside every title: inside
# the measure (frozen71 qf71-4-01 phrasing), not as the place asked about (the review's phrasing)
@pytest.mark.parametrize(
    ("question", "place", "inside"),
    [
        ("川渝两地协同建设长宁—威远、涪陵、开州—达州国家级页岩气示范区，这项工作由哪些部门牵头？", "达州", True),
        ("达州市落实成渝地区双城经济圈碳达峰碳中和联合行动方案里，页岩气示范区由哪个部门牵头？", "达州市", False),
    ],
)
def test_a_place_inside_a_groups_measure(question: str, place: str, inside: bool) -> None:
    from search.answer_references import ReferenceAnswers
    from search.question import QuestionFrame

    frame = QuestionFrame(question=question, intent="lead_agency", region="达州市", region_mentioned=place, region_known=False)
    fragments = ReferenceAnswers.group_title_fragments(question)
    assert ReferenceAnswers.place_inside_group_measure(question, frame, ("川渝", "成渝", "巴蜀"), fragments) is inside
