"""Clause splitting over the four seed plans and small real excerpts."""

from __future__ import annotations

from pathlib import Path

import re

import pytest

from ingest.errors import IngestError
from ingest.repair import repair_text
from ingest.structure import cn_to_int, heading_of, match_unit, split_clauses, split_sentences

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict[str, object]]:
    out = {}
    for path in sorted(DATA.glob("*.txt")):
        clauses = split_clauses(repair_text(path.read_text(encoding="utf-8")), path.stem)
        out[path.stem.split("-")[0]] = {c.path: c for c in clauses} | {"_list": clauses}
    return out


# (seed, path, heading)
HEADINGS = [
    ("taiyuan", "三", "重点工程"),
    ("taiyuan", "三（一）", "重点行业升级改造工程"),
    ("taiyuan", "三（六）", "公共机构能效提升工程"),
    ("taiyuan", "三（九）", "挥发性有机物综合整治工程"),
    ("taiyuan", "五（三）", "严格监督考核"),
    ("jincheng", "三（一）", "煤炭清洁高效利用工程"),
    ("jincheng", "三（九）", "挥发性有机物综合整治工程"),
    ("jincheng", "三（十）", "环境基础设施水平提升工程"),
    ("jincheng", "四（一）", "优化完善能耗双控制度"),
    ("liaoning", "八（二十七）", "明确相关部门工作责任"),
    ("liaoning", "一（一）", "积极化解产能严重过剩矛盾"),
    ("shanxi", "二（一）", "加快淘汰落后产能"),
    ("shanxi", "九（三十）", "强化协作形成合力"),
]


@pytest.mark.parametrize("seed, path, heading", HEADINGS)
def test_seed_headings(seeds, seed: str, path: str, heading: str) -> None:
    assert seeds[seed][path].heading == heading


def test_taiyuan_sections_and_notice_in_preamble(seeds) -> None:
    clauses = seeds["taiyuan"]["_list"]
    sections = [c.number for c in clauses if c.kind == "section"]
    assert sections == ["一", "二", "三", "四", "五"]
    assert [c.path for c in clauses if c.parent_id and c.parent_id.endswith("#三")] == [f"三（{n}）" for n in "一二三四五六七八九十"]
    preamble = " ".join(c.text for c in clauses if c.kind == "preamble")
    assert "并政发〔2023〕15号" in preamble and "现将《太原市“十四五”节能减排实施方案》印发给你们" in preamble
    # the notice wrapper, letterhead lines and opening are one block, not one 前言N per line
    assert clauses[0].path == "前言" and clauses[1].kind == "section"
    assert [c.path for c in clauses if c.kind == "preamble"] == ["前言"]
    closing = clauses[-1]
    assert closing.kind == "closing" and closing.path == "结尾" and closing.text == "本方案由市发展改革委负责解释。"


def test_jincheng_clause_text_keeps_annotation(seeds) -> None:
    clause = seeds["jincheng"]["三（一）"]
    assert clause.clause_id == "jincheng-shisiwu-jienengjianpai#三（一）"
    assert clause.kind == "clause" and clause.number == "（一）"
    assert clause.parent_id == "jincheng-shisiwu-jienengjianpai#三"
    assert "按职责分工负责，各县（市、区）政府负责落实" in clause.text
    assert [c.path for c in seeds["jincheng"]["_list"] if c.path.startswith("四（")][:2] == ["四（一）", "四（二）"]


def test_liaoning_work_target_stays_in_preamble(seeds) -> None:
    preamble = [c for c in seeds["liaoning"]["_list"] if c.kind == "preamble"]
    assert len(preamble) == 1 and "\n工作目标：" in preamble[0].text
    assert seeds["liaoning"]["_list"][-1].text.startswith("附件：")


def test_ids_unique_ordered_and_stable(seeds) -> None:
    for seed in seeds.values():
        clauses = seed["_list"]
        ids = [c.clause_id for c in clauses]
        assert len(ids) == len(set(ids))
        assert [c.order for c in clauses] == list(range(len(clauses)))
    path = DATA / "taiyuan-shisiwu-jienengjianpai.txt"
    again = split_clauses(repair_text(path.read_text(encoding="utf-8")), path.stem)
    assert [c.clause_id for c in again] == [c.clause_id for c in seeds["taiyuan"]["_list"]]


def test_items_subitems_and_notice_with_own_list() -> None:
    text = "\n".join(
        [
            "某市人民政府关于印发某市节能实施方案的通知",
            "一、请各县认真组织实施。",
            "二、请及时报送进展。",
            "某市节能实施方案",
            "一、重点任务",
            "（一）推进工业节能。加快改造。",
            "1.钢铁行业。完成超低排放改造。",
            "（1）烧结机改造。2025年前完成。",
            "2.水泥行业。实施错峰生产。",
            "（二）推进建筑节能。推广绿色建筑。",
            "二、保障措施",
            "（一）加强组织领导。",
            "本方案自印发之日起施行。",
        ]
    )
    clauses = split_clauses(text, "demo")
    paths = [c.path for c in clauses]
    assert paths[:1] == ["前言"]
    assert clauses[0].text.split("\n") == ["某市人民政府关于印发某市节能实施方案的通知", "一、请各县认真组织实施。", "二、请及时报送进展。", "某市节能实施方案"]
    assert paths[1:] == ["一", "一（一）", "一（一）1", "一（一）1（1）", "一（一）2", "一（二）", "二", "二（一）", "结尾"]
    item = clauses[paths.index("一（一）1（1）")]
    assert item.kind == "subitem" and item.number == "（1）" and item.parent_id == "demo#一（一）1"


def test_wrapped_lines_of_a_long_preamble_are_joined() -> None:
    """A foreword over PREAMBLE_BLOCK_MAX_CHARS keeps one unit per paragraph; PDF lines as long as the page's usual full
    line that end no sentence are one paragraph (科技支撑 577: "…有力支撑单位GDP二氧" + "化碳排放比2005年下降65%以上…")."""
    from ingest.structure import wrapped_paragraphs

    lines = [
        "科技部等九部门关于印发《科技支撑碳达峰碳中和实施方案》的通知",
        "各有关单位：",
        "通过实施方案，到2025年实现重点行业和领域低碳关键核心",
        "技术的重大突破，支撑单位国内生产总值（GDP）二氧化碳排放",
        "比2020年下降18%，单位GDP能源消耗比2020年下降13.5%；",
        "到2030年，进一步研究突破一批碳中和前沿和颠覆性技术，形",
        "成一批具有显著影响力的低碳技术解决方案和综合示范工程，建",
        "立更加完善的绿色低碳科技创新体系，有力支撑单位GDP二氧",
        "化碳排放比2005年下降65%以上，单位GDP能源消耗持续大幅",
        "下降。",
        "科技部",
    ]
    paragraphs = wrapped_paragraphs(lines)
    assert paragraphs[:2] == lines[:2] and paragraphs[-1] == "科技部"
    assert "有力支撑单位GDP二氧化碳排放比2005年下降65%以上，单位GDP能源消耗持续大幅下降。" in paragraphs[3]
    # lines that are paragraphs already (no length recurs: text files, DOCX) are kept as they are
    assert wrapped_paragraphs(["某市促进绿色低碳发展办法", "第一段很长的内容没有句号结尾也不会被合并进去吧"]) == [
        "某市促进绿色低碳发展办法", "第一段很长的内容没有句号结尾也不会被合并进去吧"]


def test_a_contents_list_is_not_the_body() -> None:
    """A 规划's 目录 lists its chapters and sections with nothing under them; where page noise glued some of the body's
    headings to lines (内蒙古 68, 内江 425) the list numbers more units than the body, and must still not be taken for it."""
    toc = ["目录", "第一章现状与形势", "第一节工作成效", "第二节面临形势", "第二章主要目标", "第一节指导思想", "第二节基本原则"]
    body = [
        "第一章现状与形势",
        "第一节工作成效",
        "“十三五”以来，全区累计化解钢铁过剩产能346万吨。",
        "第二节面临形势",
        "新形势下应对气候变化工作任务艰巨。",
        "注：数值为预期值。第二章主要目标",  # a table note glued to the chapter heading by the PDF
        "第一节指导思想",
        "坚持生态优先、绿色发展。",
    ]
    clauses = split_clauses("\n".join(["某自治区“十四五”应对气候变化规划", *toc, *body]), "nm")
    work = [c for c in clauses if c.path == "第一章第一节"]
    assert work and "346万吨" in work[0].text, [(c.path, c.text[:20]) for c in clauses]


def test_parts_above_chapters_keep_every_part_in_the_body() -> None:
    """A long 规划 in parts (第一篇 … 第九篇), each numbering its own chapters from 第一章 (南充 437; the 篇 level of
    national and provincial 十四五 plans): every part's chapters are clauses under their part, none falls into the
    preamble or the closing, and the contents list before them is not the body."""
    toc = ["目录", "第一篇生态环境保护形势........5第一章生态环境保护取得明显成效.....5", "第二章“十四五”面临问题与挑战....11",
           "第二篇指导思想与目标指标......15第一章指导思想.........15"]
    body = [
        "第一篇生态环境保护形势",
        "第一章生态环境保护取得明显成效",
        "“十三五”时期，南充市在推进生态环境系统性保护工作中，以生态文明建设为统领。",
        "第二章“十四五”面临问题与挑战",
        "结构性污染问题依然突出。",
        "第二篇指导思想与目标指标",
        "第一章指导思想",
        "以习近平新时代中国特色社会主义思想为指导。",
        "第九篇保障措施",
        "第一章加强组织保障",
        "南充市人民政府是规划实施的责任主体，要把规划目标、任务和工程纳入目标考核体系。",
        "第四章严格评估考核",
        "确需调整的，经南充市生态环境保护委员会审核批准后实施。",
    ]
    clauses = split_clauses("\n".join(["南充市“十四五”生态环境保护规划", *toc, *body]), "nc")
    by_path = {c.path: c for c in clauses}
    assert "南充市人民政府是规划实施的责任主体" in by_path["第九篇第一章"].text, list(by_path)
    assert by_path["第九篇第一章"].heading == "加强组织保障"
    assert "审核批准" in by_path["第九篇第四章"].text
    assert "系统性保护" in by_path["第一篇第一章"].text
    assert not any(c.kind == "closing" for c in clauses)
    # a chapter title that opens with 第X篇章 is no part ("第一篇章" is a word, not a number)
    assert match_unit("第一篇章：谱写绿色发展新篇章") is None or match_unit("第一篇章：谱写绿色发展新篇章")[0].rank != -1


# A notice issuing a plan that has attachments of its own: the plan under the document's title is the body, not
# its attachment after a bare "附件1" header even when the attachment numbers more units (深圳 528 指引, 广东 504
# and 福建 409 配额计算方法, 南京 184 申报指南); a notice's own short list before the plan it issues stays the preamble.
PLAN_WITH_ATTACHMENT_CASES = [
    (
        "深圳市近零碳排放区试点建设实施方案",
        [
            "深圳市生态环境局深圳市发展和改革委员会关于印发《深圳市近零碳排放区试点建设实施方案》的通知",
            "各有关单位：",
            "附件：深圳市近零碳排放区试点建设实施方案",
            "深圳市发展和改革委员会2021年11月1日深圳市近零碳排放区试点建设实施方案",
            "为全面深化低碳试点示范，加快推进近零碳排放区试点建设，结合本市实际，制定本方案。",
            "一、总体要求",
            "（一）指导思想",
            "以习近平新时代中国特色社会主义思想为指导。",
            "二、保障措施",
            "（一）加强组织领导",
            "由市生态环境局会同市发展改革委统筹协调实施。",
            "附件：1.深圳市近零碳排放区试点建设指引（试行）",
            "附件1",
            "深圳市近零碳排放区试点建设指引",
            "一、定义",
            "（一）近零碳排放区域试点",
            "（二）近零碳排放园区试点",
            "二、试点申报要求",
            "（一）近零碳排放区域试点",
            "（二）近零碳排放园区试点",
            "（三）近零碳排放社区试点",
        ],
        "二（一）",
        "统筹协调实施",
    ),
    (
        "广东省2021年度碳排放配额分配实施方案",
        [
            "广东省生态环境厅关于印发广东省2021年度碳排放配额分配实施方案的通知",
            "广东省2021年度碳排放配额分配实施方案",
            "一、纳入碳排放管理和交易的企业",
            "（一）控排企业",
            "本省行政区域内水泥、钢铁、石化、造纸和民航五个行业企业。",
            "二、配额总量",
            "根据我省2021年控制温室气体排放总体目标，2021年度配额总量约为2.65亿吨。",
            "附件：1.广东省2021年度控排企业名单",
            "2.广东省2021年度配额分配方法计算公式",
            "附件2",
            "一、配额分配方法计算公式",
            "（一）基准线法",
            "1.控排企业",
            "2.新建项目企业",
            "（二）历史强度下降法",
            "1.控排企业",
            "2.新建项目企业",
            "二、基准值",
            "（一）水泥行业",
            "（二）钢铁行业",
        ],
        "二",
        "2.65亿吨",
    ),
    (
        "某市节能降碳实施方案",
        [
            "关于印发某市节能降碳实施方案的通知",
            "一、高度重视",
            "各区要认真贯彻落实。",
            "二、抓好落实",
            "请于每年底前报送进展情况。",
            "附件",
            "某市节能降碳实施方案",
            "一、总体要求",
            "（一）主要目标",
            "到2025年，单位地区生产总值能耗下降14%。",
            "二、重点任务",
            "（一）推动工业节能",
            "（二）推动建筑节能",
            "（三）推动交通节能",
        ],
        "一（一）",
        "下降14%",
    ),
]


@pytest.mark.parametrize(("title", "lines", "path", "phrase"), PLAN_WITH_ATTACHMENT_CASES)
def test_the_plan_under_the_title_is_the_body(title: str, lines: list[str], path: str, phrase: str) -> None:
    clauses = split_clauses("\n".join(lines), "doc", title=title)
    unit = [c for c in clauses if c.path == path and c.kind != "preamble"]
    assert unit and phrase in unit[0].text, [(c.path, c.text[:20]) for c in clauses]


def test_articles_hold_their_own_lists() -> None:
    """An 办法's articles (湖北 331, 广州黄埔 122: "第十二条…下列行为之一的：（一）…（七） 第十三条…") are the body, their （一）
    lists nest under them; a list restarting at （一） inside the articles starts no new body."""
    text = "\n".join(
        [
            "湖北省生态环境厅文件",
            "关于印发《湖北省碳排放第三方核查机构管理办法》的通知",
            "为进一步规范湖北省碳排放管理工作，我厅组织制定了《湖北省碳排放第三方核查机构管理办法》，现印发实施。",
            "湖北省碳排放第三方核查机构管理办法",
            "第一条为加强碳排放第三方核查机构及核查活动的监督管理，制定本办法。",
            "第二条本办法所称碳排放第三方核查机构，是与业务主管部门签订购买协议的机构。",
            "第三条省生态环境厅作为核查工作的业务主管部门，负责监督核查机构碳排放核查工作。",
            "第四条核查机构在工作期间存在下列行为之一的，纳入黑名单管理：",
            "（一）出具虚假、不实核查报告的；",
            "（二）核查活动进行外包的。",
            "第五条本办法自印发之日起施行。",
        ]
    )
    paths = [c.path for c in split_clauses(text, "hb")]
    assert paths == ["前言", "第一条", "第二条", "第三条", "第四条", "第四条（一）", "第四条（二）", "第五条"]


def test_repeated_path_gets_suffix() -> None:
    clauses = split_clauses("一、目标\n（一）甲。\n（一）乙。\n二、措施\n（一）丙。", "d")
    assert [c.clause_id for c in clauses] == ["d#一", "d#一（一）", "d#一（一）~2", "d#二", "d#二（一）"]


def test_articles_only() -> None:
    clauses = split_clauses("第一条 为加强节能管理，制定本办法。\n第二条 本办法适用于全市。", "rules")
    assert [c.path for c in clauses] == ["第一条", "第二条"]


def test_inline_next_clause_is_split() -> None:
    # 江苏 PDF: "（十）" printed in the middle of the previous paragraph
    text = "一、推进碳排放权交易\n（九）开展重点排放单位碳核查。为参加国家碳市场提供基础数据。（十）规范碳排放报告质量管理。指导督促企业。"
    paths = [c.path for c in split_clauses(text, "d")]
    assert paths == ["一", "一（九）", "一（十）"]


# a plan's chapter or section heading the text layer ran into the paragraph before it, split off when it is the next
# number of its rank (pdf2 435 安徽 重点流域规划, 68 内蒙古 应对气候变化规划, 430 内蒙古 土壤规划)
@pytest.mark.parametrize(
    "text, paths",
    [
        ("第四章 重点任务\n第一节 突出重点湖泊\n（八）太平湖\n主要任务：（5）加强太平湖违建项目整治和水源涵养林保护。第二节奋力打造巢湖最好名片\n"
         "开展新一轮巢湖综合治理。\n强力整治“点源”污染。到2025年污水处理能力达340万吨/日。",
         ["第四章", "第四章第一节", "第四章第一节（八）", "第四章第二节"]),
        ("第二章 主要任务\n第三节 优化能源结构\n非水可再生能源电力消纳比重达到25%以上，力争超过国家下达的激励性目标。第四节强化能源节约源头控制\n"
         "落实能耗“双控”目标责任。",
         ["第二章", "第二章第三节", "第二章第四节"]),
        ("第五章 防控地下水污染\n以鄂尔多斯市为试点，开展煤化工、油气钻探行业地下水污染风险管控工程。第六章加强农牧业污染防治\n"
         "按照实施乡村振兴战略总要求，强化源头减量、循环利用、污染治理。",
         ["第五章", "第六章"]),
        # a section number that is not the next one stays in the text
        ("第二章 主要任务\n第三节 优化能源结构\n详见本规划。第五节所列重点工程\n落实能耗“双控”目标责任。",
         ["第二章", "第二章第三节"]),
    ],
)
def test_a_heading_run_into_the_paragraph_before_is_split(text: str, paths: list[str]) -> None:
    assert [c.path for c in split_clauses(text, "d")] == paths


# A heading run into the paragraph before it outside the run that would have been the body: split before the body is
# chosen, so that it counts in its numbering run instead of restarting one (pdf2 83 海南 碳排放环评通知: "二、工作内容"
# and "三、工作要求" after a sentence end, whose （一）（二）（三） then made the later run the body; pdf2 578 上海 实施意见:
# "十二、完善政策机制" after a sentence end, and "十一、" broken over two lines as "…信息共享。十" + "一、健全…", which
# restarted the numbering at 一 and left the last two chapters in the closing). A broken number is mended only when the
# joined number is the next one expected.
@pytest.mark.parametrize(
    "text, paths",
    [
        ("海南省生态环境厅关于试行开展碳排放环境影响评价工作的通知\n各有关单位：\n现就相关工作通知如下：\n"
         "一、实施范围\n省级以上重点产业园区；需编制环境影响报告书的重点领域专项规划（详见附件1）；\n"
         "电力、建材、石化、化工、造纸、医药、油气开采等重点行业（详见附件2）。二、工作内容\n"
         "（一）规划碳排放环境影响评价。产业园区及相关专项规划的碳排放环境影响评价应对现有规划实施情况进行碳排放调查。\n"
         "（二）建设项目碳排放环境影响评价。建设项目的碳排放环境影响评价应开展碳排放现状评价。\n"
         "（三）评价因子。本次试点主要开展二氧化碳排放环境影响评价。三、工作要求\n"
         "（一）产业园区工作要求。本通知所述产业园区指省级以上重点产业园区。\n"
         "（二）“两高”项目工作要求。新建“两高”项目应该在开展环评工作时同步开展碳评工作。",
         ["前言", "一", "二", "二（一）", "二（二）", "二（三）", "三", "三（一）", "三（二）"]),
        ("十、提高对外开放绿色低碳发展水平\n（二十三）加强国际国内交流与合作。不断深化与国内其他地区在新能源开发利用"
         "等方面的交流合作和信息共享。十\n一、健全法规标准和统计监测体系\n（二十四）健全法规制度。全面清理各类法规制度中"
         "与碳达峰、碳中和工作不相适应的内容。\n（二十六）提升统计监测能力。实施生态保护修复碳汇成效监测评估。十二、完善政策机制\n"
         "（二十七）完善投资政策。充分发挥政府投资引导作用。",
         ["十", "十（二十三）", "十一", "十一（二十四）", "十一（二十六）", "十二", "十二（二十七）"]),
        # a numeral after a sentence end that does not join into the next expected number stays in the text
        ("一、总体要求\n到2025年，新建建筑全面执行绿色建筑标准。三\n二、重点任务\n（一）推进既有建筑节能改造。",
         ["一", "二", "二（一）"]),
    ],
)
def test_a_heading_run_in_or_broken_outside_the_body_joins_its_run(text: str, paths: list[str]) -> None:
    assert [c.path for c in split_clauses(text, "d")] == paths


def test_a_mended_heading_number_leaves_the_paragraph_before_it() -> None:
    text = ("十、提高对外开放绿色低碳发展水平\n（二十三）加强国际国内交流与合作。深化交流合作和信息共享。十\n"
            "一、健全法规标准和统计监测体系\n（二十四）健全法规制度。全面清理各类法规制度。")
    clauses = {c.path: c for c in split_clauses(text, "d")}
    assert clauses["十（二十三）"].text.endswith("信息共享。")
    assert clauses["十一"].heading == "健全法规标准和统计监测体系"


# not mended or split: a numeral before a numbering restart (the joined number is not the next one), a numeral that stays
# in its sentence, and an attachment's run-in list after the plan (left as it is, so that it cannot outnumber the plan's own
# sections and be taken for the body, whatever the title)
@pytest.mark.parametrize(
    "text, paths, kept",
    [
        ("关于印发行动方案的通知\n各区人民政府：现将方案印发给你们，请认真贯彻执行。十\n一、总体要求\n到2025年，完成目标。\n"
         "二、重点任务\n（一）推进节能改造。",
         ["前言", "一", "二", "二（一）"], "请认真贯彻执行。十"),
        ("一、总体要求\n到2025年，新建建筑全面执行绿色建筑标准。\n二、重点任务\n（一）推进既有建筑节能改造。\n三、保障措施\n"
         "加强组织领导。\n附件1\n重点任务分工表\n一、节能。市发展改革委负责。二、减排。市生态环境局负责。三、降碳。"
         "市工业和信息化局负责。四、考核。市统计局负责。",
         ["一", "二", "二（一）", "三", "结尾"], "一、节能。市发展改革委负责。二、减排。"),
    ],
)
def test_run_in_numbers_before_a_restart_or_in_an_attachment_stay(text: str, paths: list[str], kept: str) -> None:
    clauses = split_clauses(text, "d", title="某市行动方案")
    assert [c.path for c in clauses] == paths
    assert any(kept in c.text for c in clauses)


# Documents of the genre without any numbered unit: a news summary of a plan (包头), a survey notice (安徽),
# a notice forming a leading group (安徽生态环境厅). They are kept as opening text, not refused.
UNNUMBERED = [
    (
        "6 月 5 日，我市印发《包头市深入推进碳达峰碳中和加快建设绿色低碳城市实施方案》。方案结合我市国民经济和社会发展"
        "第十四个五年规划，明确将加快建设绿色低碳城市，力争2026年实现全领域碳达峰。\n方案明确，到2025年，非化石能源"
        "消费比重达到18%以上。",
        ["前言"],
    ),
    (
        "关于开展碳达峰碳中和科技创新情况摸底调研的通知\n有关高校院所：\n为贯彻落实国家和省有关部署要求，进一步加强对"
        "我省碳达峰碳中和科技创新情况进行摸底调研，请各单位于 2 月 17 日下午下班前将摸排表反馈至省科技厅社发处。",
        ["前言"],
    ),
    # longer than PREAMBLE_BLOCK_MAX_CHARS: one unit per paragraph, so each can be found
    ("为加强组织领导，确保规划按时按质编制完成，现成立工作领导小组。" * 40 + "\n领导小组办公室设在应对气候变化处，负责日常工作。" * 2,
     ["前言", "前言2", "前言3"]),
]


@pytest.mark.parametrize(("text", "paths"), UNNUMBERED)
def test_unnumbered_documents_are_kept_as_opening_text(text: str, paths: list[str]) -> None:
    clauses = split_clauses(text, "d", source="d.pdf")
    assert [c.path for c in clauses] == paths
    assert {c.kind for c in clauses} == {"preamble"}
    assert "".join(c.text for c in clauses).replace("\n", "") == text.replace("\n", "")


@pytest.mark.parametrize("text", ["", "封面", "第 3 页 共 12 页\n2022-06-05"])
def test_text_too_short_to_state_anything_is_an_error(text: str) -> None:
    with pytest.raises(IngestError, match="no numbered clauses and fewer than"):
        split_clauses(text, "cover", source="cover.pdf")


SENTENCES = [
    (
        "煤炭消费量实现负增长。（市能源局、市发展改革委等按职责分工负责）推动绿色发展。",
        ("煤炭消费量实现负增长。（市能源局、市发展改革委等按职责分工负责）", "推动绿色发展。"),
    ),
    (
        "进行重点整治。〔市生态环境局等按职责分工负责，各县(市、区)政府配合落实〕〔以下均需县(市、区)政府配合落实〕",
        ("进行重点整治。〔市生态环境局等按职责分工负责，各县(市、区)政府配合落实〕〔以下均需县(市、区)政府配合落实〕",),
    ),
    ("加强领导；明确责任！落实到位？", ("加强领导；", "明确责任！", "落实到位？")),
    ("（市发展改革委牵头；市工信局配合）", ("（市发展改革委牵头；市工信局配合）",)),
]


@pytest.mark.parametrize("text, expected", SENTENCES)
def test_split_sentences(text: str, expected: tuple[str, ...]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "paragraph, heading",
    [
        ("挥发性有机物综合整治工程。推进源头清洁替代。", "挥发性有机物综合整治工程"),
        ("指导思想", "指导思想"),
        ("工作目标：到2025年完成。", "工作目标"),
        ("以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，深入贯彻习近平生态文明思想，认真落实决策部署。", ""),
        # an article's bracketed subject label (pdf2 88 云南自贸区碳资源储备办法, 122 广州黄埔区绿色低碳发展办法)
        ("【管理部门】中国（云南）自由贸易试验区工作领导小组办公室和中国（云南）自由贸易试验区昆明、红河、德宏片区管理委员会负责研究",
         "管理部门"),
        ("【储备活动概念界定】碳资源储备活动，是指对碳资源的前期开发及储备，以备碳市场交易的行为。", "储备活动概念界定"),
        ("【绿色低碳发展扶持】大力发展绿色低碳经济，对符合条件的项目给予扶持。", "绿色低碳发展扶持"),
        # a bracket later in the paragraph is no label
        ("推进节能改造。（【市发展改革委】牵头）", "推进节能改造"),
    ],
)
def test_heading_of(paragraph: str, heading: str) -> None:
    assert heading_of(paragraph) == heading


CN_NUMERALS = [
    ("一", 1), ("十", 10), ("十二", 12), ("二十七", 27), ("三十", 30), ("12", 12), ("③", 3),
    # beyond 99 (issue 12): hundreds, 零 for a skipped place, 两, a colloquial trailing digit, 千
    ("一百", 100), ("一百零一", 101), ("一百〇一", 101), ("一百一十", 110), ("一百二十", 120), ("一百二十三", 123),
    ("两百", 200), ("九百九十九", 999), ("一百五", 150), ("一千", 1000), ("一千零一", 1001), ("一千零一十", 1010),
    ("101", 101), ("999", 999), ("⑳", 20), ("㉑", 21), ("㉟", 35), ("㊱", 36), ("㊿", 50),
    # not numbers: a plan-period name, a year written digit by digit, multipliers out of order
    ("十四五", 0), ("二〇二五", 0), ("百", 0), ("十百", 0), ("一百百", 0), ("零", 0), ("一零", 0), ("年", 0),
]


@pytest.mark.parametrize("token, value", CN_NUMERALS)
def test_cn_to_int(token: str, value: int) -> None:
    assert cn_to_int(token) == value


_CN = "零一二三四五六七八九"


def _cn(n: int) -> str:
    """n (1-999) as a Chinese numeral, written independently of the module under test."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    out = f"{_CN[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _CN[tens]) + "十"
    elif hundreds and units:
        out += "零"
    return out + (_CN[units] if units else "")


def test_cn_to_int_reads_every_number_to_999() -> None:
    assert [n for n in range(1, 1000) if cn_to_int(_cn(n)) != n] == []


# (paragraph, (kind, number, value) of the unit it opens, or None): wide numbering in every form the
# module reads, and numbers that open sentences without being headings.
UNIT_OPENINGS = [
    ("100.推进重点行业升级改造。", ("item", "100", 100)),
    ("101．实施园区节能环保水平提质工程。", ("item", "101", 101)),
    ("123、加快城镇绿色节能改造。", ("item", "123", 123)),
    ("（101）推进交通物流节能。", ("subitem", "（101）", 101)),
    ("（一百零一）加强公共机构能效提升。", ("clause", "（一百零一）", 101)),
    ("一百二十、保障措施", ("section", "一百二十", 120)),
    ("第一百零一条 本办法自印发之日起施行。", ("clause", "第一百零一条", 101)),
    ("第120条 本办法由市发展改革委负责解释。", ("clause", "第120条", 120)),
    ("㉑推广高效节能电机。", ("subitem", "㉑", 21)),
    ("2025年，全市能源消费总量得到合理控制。", None),
    ("2025、2030年分别达到20%、25%。", None),
    ("100%的新建建筑执行绿色建筑标准。", None),
    ("100.5亿元用于节能改造。", None),
    # items that open with a year (taiyuan seed; an attachment list of liaoning; pdf2 404 福州)
    ("3．2023年机场、铁路货场等新增或更换作业车辆使用新能源或清洁能源汽车。", ("item", "3", 3)),
    ("2.2014年各市黄标车及老旧车辆淘汰任务", ("item", "2", 2)),
    ("1.2014— 2015年各市万元地区生产总值能耗降低任务", ("item", "1", 1)),
    ("3.2021年“数字·绿色”重点技术改造专项行动项目清单", ("item", "3", 3)),
    ("1.2025万吨标准煤的节能量将在年底前形成。", None),
    ("1000.推进重点行业升级改造。", None),
    ("十四五、十五五期间持续推进节能减排。", None),
    ("（2025）年度考核结果向社会公开。", None),
    # numerals listed before a counting word open a wrapped line, not a section (pdf2 517 长沙 三（三）5
    # "…获得绿色建筑" + "一、二星级评价标识的建筑项目中…"); a heading may begin with a numeral word (二氧化碳)
    ("一、二星级评价标识的建筑项目中绿色建材比例应分别达到70%、80%；", None),
    ("三、四季度集中开展执法检查。", None),
    ("二、三产业用能占比稳步提高。", None),
    # months, unit numbers, multiples and amounts (forms of the language, none in the corpus yet: the text-wide split of run-in
    # headings now reads preambles and closings too)
    ("一、二月份完成项目申报。", None),
    ("三、四号机组实施节能改造。", None),
    ("三、四个百分点。", None),
    ("二、三百家企业纳入清单。", None),
    ("一、二氧化碳排放控制目标", ("section", "一", 1)),
    ("三、三大攻坚行动", ("section", "三", 3)),
]


@pytest.mark.parametrize("paragraph, expected", UNIT_OPENINGS)
def test_match_unit_wide_numbers(paragraph: str, expected: tuple[str, str, int] | None) -> None:
    hit = match_unit(paragraph)
    assert (None if hit is None else (hit[0].kind, hit[0].number, hit[0].value)) == expected


def test_wide_number_must_continue_its_list() -> None:
    # "300、" opening a sentence after item 2 is an amount, not item 300; "100." after "99." is item 100
    lines = [
        "一、重点工程",
        "（一）电网建设。",
        "1.推进重点行业升级改造。",
        "2.实施园区节能环保水平提质工程。",
        "300、500千伏输变电工程按期投运。",
        "（二）城镇节能。",
        *[f"{n}.加快城镇绿色节能改造。" for n in range(1, 101)],
        "二、保障措施",
    ]
    clauses = split_clauses("\n".join(lines), "d")
    paths = [c.path for c in clauses]
    assert "一（一）300" not in paths and clauses[paths.index("一（一）2")].text.endswith("300、500千伏输变电工程按期投运。")
    assert paths[-3:] == ["一（二）99", "一（二）100", "二"]


# ----------------------------------------------------------------------------- a notice issuing several plans
# (fourth corpus audit, 福建 224: 冶金 / 建材 / 石化化工 plans in one notice, each under its own title with its own
# 一、二、三、 outline; 169 若干意见 and 成都 189 attach plans after "附件1" and keep their own outline as the body)
_COMPOUND = "\n".join([
    "福建省工业和信息化厅关于印发冶金、建材行业节能降碳实施方案的通知",
    "各设区市工信局：",
    "现将有关方案印发给你们，请抓好组织实施。",
    "福建省冶金行业节能降碳实施方案",
    "为贯彻落实有关部署，制定本实施方案。",
    "一、总体要求",
    "（一）主要目标。到2025年，钢铁行业能效达到标杆水平的产能比例超过30%。",
    "二、重点任务",
    "（一）加快节能降碳改造。对能效低于基准水平的存量项目加快改造。",
    "附件：1.冶金行业能效基准水平和标杆水平",
    "福建省建材行业节能降碳实施方案",
    "为贯彻落实有关部署，制定本行动方案。",
    "一、总体要求",
    "（一）主要目标。到2025年，水泥行业能效达到标杆水平的产能比例超过30%。",
    "二、重点任务",
    "（一）优化升级产品结构。推动水泥行业集中集聚发展。",
    "附件：1.建材行业能效基准水平和标杆水平",
])
_ATTACHED = "\n".join([
    "关于严格能效约束推动重点领域节能降碳的若干意见",
    "一、总体要求",
    "（一）指导思想。坚持节约优先。",
    "二、重点任务",
    "（一）突出抓好重点行业。分步实施。",
    "（二）科学确定能效水平。就高不就低。",
    "附件1",
    "冶金重点行业严格能效约束推动节能降碳行动方案",
    "一、行动目标",
    "二、重点任务",
    "（一）建立技术改造企业清单。",
    "附件2",
    "石化化工重点行业严格能效约束推动节能降碳行动方案",
    "一、行动目标",
    "二、重点任务",
    "（一）建立技术改造企业清单。",
])


@pytest.mark.parametrize(
    "text, expected",
    [
        # every plan is body; titles, openings and attachment lists between plans are preamble, not clause text
        # (one preamble block before the first plan, one for the lines between the plans)
        (_COMPOUND, [("前言", "preamble"), ("一", "section"), ("一（一）", "clause"), ("二", "section"),
                     ("二（一）", "clause"), ("前言2", "preamble"), ("一~2", "section"), ("一（一）~2", "clause"), ("二~2", "section"), ("二（一）~2", "clause"),
                     ("结尾", "closing")]),
        # plans after a bare "附件1" header are attachments: the document's own outline stays the body, and each
        # attachment's outline is read under its label (its title the attachment's own preamble)
        (_ATTACHED, [("前言", "preamble"), ("一", "section"), ("一（一）", "clause"), ("二", "section"),
                     ("二（一）", "clause"), ("二（二）", "clause"),
                     ("附件1", "preamble"), ("附件1一", "section"), ("附件1二", "section"), ("附件1二（一）", "clause"),
                     ("附件2", "preamble"), ("附件2一", "section"), ("附件2二", "section"), ("附件2二（一）", "clause")]),
    ],
)
def test_notice_issuing_several_plans(text: str, expected: list[tuple[str, str]]) -> None:
    clauses = split_clauses(text, "d")
    assert [(c.clause_id.split("#", 1)[1], c.kind) for c in clauses] == expected
    by_id = {c.clause_id: c for c in clauses}
    if "d#二（一）~2" in by_id:
        assert by_id["d#二（一）"].text.endswith("加快改造。")  # no attachment list or next title appended
        assert by_id["d#二（一）~2"].parent_id == "d#二~2"
        assert "水泥" in by_id["d#一（一）~2"].text


def test_a_preamble_holding_content_keeps_its_paragraphs() -> None:
    """A short notice wrapper is one 前言 block (taiyuan above); a preamble of real content over
    PREAMBLE_BLOCK_MAX_CHARS (a foreword, an unnumbered 办法) keeps one unit per paragraph."""
    from ingest.structure import PREAMBLE_BLOCK_MAX_CHARS

    seed = (Path(__file__).parent.parent / "data" / "taiyuan-shisiwu-jienengjianpai.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in seed.splitlines() if len(p.strip()) > 150][:12]
    paragraphs = [re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）)、．.]", "", p) for p in paragraphs]
    assert sum(map(len, paragraphs)) > PREAMBLE_BLOCK_MAX_CHARS
    text = "\n".join(["某市促进绿色低碳发展办法", *paragraphs, "一、总体要求", "坚持节约优先。", "二、重点任务", "推进节能改造。"])
    clauses = split_clauses(text, "doc")
    preamble = [c for c in clauses if c.kind == "preamble"]
    assert len(preamble) == len(paragraphs) + 1 and [c.path for c in preamble][:2] == ["前言", "前言2"]


@pytest.mark.parametrize(
    "name, paths, closing_has, closing_lacks",
    [
        # corpus 169 若干意见: two 行动方案 issued as its attachments, each with its own outline, after the body
        ("169、关于严格能效约束推动重点领域节能降碳的若干意见.pdf",
         {"附件1": "", "附件1一": "行动目标", "附件1二（四）": "引导低效产能有序退出", "附件2三": "工作要求"},
         "附件：1.冶金、建材重点行业严格能效约束推动节能降碳行动方案", "建立技术改造企业清单"),
        # corpus 189 成都: a drafting guide attached to the plan
        ("189、成都市近零碳排放区试点建设工作方案（试行）.pdf",
         {"附件1": "", "附件1一": "建设主体概况", "附件1二（一）": "碳排放情况"},
         "附件：1.成都市近零碳排放区试点建设方案编制指南", "核算拟申报试点近三年碳排放情况"),
    ],
)
def test_an_attachment_with_its_own_outline_is_read_as_clauses(name, paths, closing_has, closing_lacks) -> None:
    from ingest.pipeline import parse_file

    parsed = parse_file(Path(__file__).parent / "fixtures" / "corpus" / name)
    by_path = {c.path: c for c in parsed.clauses}
    for path, heading in paths.items():
        assert by_path[path].heading == heading
    assert len({c.clause_id for c in parsed.clauses}) == len(parsed.clauses)
    assert all(c.parent_id is None or c.parent_id in {x.clause_id for x in parsed.clauses} for c in parsed.clauses)
    closing = by_path["结尾"].text.replace("\n", "")
    assert closing_has in closing and closing_lacks not in closing


def test_an_unoutlined_attachment_of_headed_paragraphs_is_read_by_its_headings() -> None:
    from ingest.pipeline import parse_file

    # pdf2 184 南京: a project guide whose project codes (7201…) are no outline level — one clause per project, its
    # 有关说明 (the grant's ceiling) with it, not one closing block of all ten projects
    pdf = Path(__file__).parent / "fixtures" / "attachments" / "184、南京市关于组织申报2022年度南京市碳达峰碳中和科技创新专项项目的通知.pdf"
    parsed = parse_file(pdf)
    by_path = {c.path: c for c in parsed.clauses}
    assert by_path["附件1（3）"].heading == "7203氢能动力关键技术集成及在交通领域的应用示范"
    assert "最高不超过500万元" in by_path["附件1（3）"].text and "最高不超过200万元" not in by_path["附件1（3）"].text
    assert by_path["附件1（6）"].heading == "7210可再生能源技术"
    # (a project under "二、一般竞争项目" says so: its grant ceiling is the general projects' 100万元)
    assert by_path["附件1（10）"].text.startswith("二、一般竞争项目\n7214") and "最高不超过100万元" in by_path["附件1（10）"].text
    assert all(c.parent_id == by_path["附件1"].clause_id for p, c in by_path.items() if p.startswith("附件1（"))
    assert len({c.clause_id for c in parsed.clauses}) == len(parsed.clauses)
    assert "最高不超过500万元" not in by_path["结尾"].text.replace("\n", "")


def test_an_unoutlined_attachment_of_prose_is_read_one_paragraph_a_clause() -> None:
    from ingest.pipeline import parse_file

    # pdf2 335: the campaign's key points, one paragraph per body ("各级节能主管部门要…", "各级教育部门要…") — the lead
    # bodies of one paragraph are not those of the whole attachment
    pdf = Path(__file__).parent / "fixtures" / "attachments" / "335、关于开展2022年全国节能宣传周和全国低碳日活动的通知.pdf"
    parsed = parse_file(pdf)
    by_path = {c.path: c for c in parsed.clauses}
    assert by_path["附件"].text == "2022年全国节能宣传周和全国低碳日宣传重点"  # (its wrapped last character joined)
    assert by_path["附件（2）"].text.startswith("各级节能主管部门要按照党中央、国务院关于碳达峰碳中和重大决策部署")
    assert by_path["附件（3）"].text.startswith("各级生态环境主管部门要")
    assert all(c.parent_id == by_path["附件"].clause_id for p, c in by_path.items() if p.startswith("附件（"))
    assert "各级教育部门要" not in by_path["结尾"].text


@pytest.mark.parametrize(
    "lines, headings",
    [
        # 184's guide: heading runs ("一、…" then a project) head the text under them
        (["2022年南京市碳达峰碳中和科技创新专项项目指南", "一、重点领域攻关项目", "7201碳中和背景下粮食安全与农田固碳减排平衡技术攻关",
          "研究内容：以南京典型稻麦轮作农田为研究对象。", "有关说明：", "2.市级资助经费不超过项目总经费的50%，最高不超过1000万元。",
          "7202工业领域氢气燃烧技术及关键装备研发", "研究内容：围绕工业领域氢气燃烧技术。"],
         [["一、重点领域攻关项目", "7201碳中和背景下粮食安全与农田固碳减排平衡技术攻关"],
          ["一、重点领域攻关项目", "7202工业领域氢气燃烧技术及关键装备研发"]]),
        # pdf2 222 福州's glossary: a term heads what it means
        (["福州市“十四五”生态环境保护规划名词解释", "“3820”战略工程", "时任中共福州市委书记的习近平同志倡议并主持编制了《福州市20年经济社会发展战略设想》，简称“3820”",
          "工程。", "七区叠加", "即福州新区、21世纪海上丝绸之路核心区、自由贸易试验区。", "两桶", "废油回收桶和生活垃圾收集桶。"],
         [["“3820”战略工程"], ["七区叠加"], ["两桶"]]),
        # 335's key points: paragraphs whose first line the text layer cut off are no headings
        (["2022年全国节能宣传周和全国低碳日宣传重点", "各级节能主管部门要按照党中央、国务院关于碳达峰碳中", "和重大决策部署，积极开展有关宣传活动。",
          "各级科技主管部门要围绕科技对于碳达峰碳中和的重要支撑", "作用、节能低碳科技等内容开展宣传。"], None),
        # an indicator table (146's rows): short lines without sentence ends, nearly all of them
        (["天津市“十四五”时期生态环境保护规划指标体系", "指标类别序号指标体系2020年2025年指标属性", "环境质量",
          "1城市空气质量优良天数比率（%）65.3①72.6约束性", "2细颗粒物（PM2.5）浓度（微克/立方米）49①38约束性", "注：①按照新调整的国控点位统计。"],
         None),
    ],
)
def test_headed_blocks(lines: list[str], headings: list[list[str]] | None) -> None:
    from ingest.structure import headed_blocks

    read = headed_blocks(lines)
    assert (read and [h for h, _text in read[1]]) == headings if headings else read is None


# pdf2 35 新时代的中国能源发展白皮书: a contents list under its own "目录" line, whose entries (前言 and 结束语 among them)
# come again as the headings of the text; before, its entries were read as the outline and the whole text fell into one
# 16,587-character closing clause
WHITE_PAPER_HEAD = [
    "新时代的中国能源发展", "（2020年12月）", "中华人民共和国国务院新闻办公室", "目录", "前言", "一、走新时代能源高质量发展之路",
    "（一）能源安全新战略", "（二）新时代能源政策理念", "二、能源发展取得历史性成就", "（一）能源供应保障能力不断增强",
    "（二）能源节约和消费结构优化成效显著", "结束语", "前言",
    "能源是人类文明进步的基础和动力，攸关国计民生和国家安全，关系人类生存和发展。",
    "一、走新时代能源高质量发展之路", "新时代的中国能源发展，积极适应国内国际形势的新发展新要求。", "（一）能源安全新战略",
    "新时代的中国能源发展，贯彻“四个革命、一个合作”能源安全新战略。", "（二）新时代能源政策理念", "--坚持以人民为中心。",
    "二、能源发展取得历史性成就", "（一）能源供应保障能力不断增强", "基本形成了多轮驱动的能源生产体系。",
    "（二）能源节约和消费结构优化成效显著", "能源利用效率显著提高。", "结束语", "新时代中国的能源发展，为世界作出积极贡献。",
]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # the list goes from its "目录" line to its last entry that comes again
        (WHITE_PAPER_HEAD, WHITE_PAPER_HEAD[:3] + WHITE_PAPER_HEAD[12:]),
        # a foreword the list does not name, between the list and the body, is kept (pdf2 533 济南: "本规划范围包括…")
        (WHITE_PAPER_HEAD[:12] + ["本规划范围包括全市各区县。"] + WHITE_PAPER_HEAD[12:],
         WHITE_PAPER_HEAD[:3] + ["本规划范围包括全市各区县。"] + WHITE_PAPER_HEAD[12:]),
        # entries with leader dots and page numbers compare as their headings
        (["某省“十四五”生态环境保护规划", "目 录", "前言……1", "第一章 现状与形势……2", "第二章 总体要求……5", "第三章 重点任务……9",
          "第四章 保障措施……20", "前言", "“十三五”以来，全省生态环境质量持续改善。", "第一章 现状与形势"],
         ["某省“十四五”生态环境保护规划", "前言", "“十三五”以来，全省生态环境质量持续改善。", "第一章 现状与形势"]),
        # numbered headings only: left to the numbering rules, which skip such a list (test_a_contents_list_is_not_the_body)
        (["某省“十四五”生态环境保护规划", "目 录", "第一章 现状与形势……1", "第二章 总体要求……5", "第三章 重点任务……9",
          "第四章 保障措施……20", "第五章 组织实施……25", "第一章 现状与形势", "“十三五”以来，全省生态环境质量持续改善。"], None),
        # a 目录 line whose first entry never comes again, a catalogue's title ending in 目录, a list too short: unchanged
        (["目录", "一、甲", "二、乙", "三、丙", "四、丁", "五、戊", "正文"], None),
        (["国家工业节能技术推广目录", "一、甲", "二、乙", "三、丙", "四、丁", "五、戊", "一、甲"], None),
        (["目录", "前言", "一、甲", "结束语", "前言", "正文"], None),
        # the list ends at its first line that is no entry: the body's headings after a foreword glued to its label stay
        (["目录", "前言", "一、发展成就", "二、总体要求", "三、重点任务", "结束语", "前言：能源是人类文明进步的基础。",
          "一、发展成就", "成就显著。", "二、总体要求", "三、重点任务", "结束语", "前言"],
         ["前言：能源是人类文明进步的基础。", "一、发展成就", "成就显著。", "二、总体要求", "三、重点任务", "结束语", "前言"]),
    ],
)
def test_a_contents_list_is_left_out_of_the_text(paragraphs, expected) -> None:
    from ingest.structure import without_contents_list

    assert without_contents_list(paragraphs) == (paragraphs if expected is None else expected)
