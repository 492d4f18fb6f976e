"""Target choice: the features of a candidate target and the fitted weights that order candidates.

Candidates are built from real sentences of real plans (the 广西 生态文明强区 plan's current-state and
target sentences, a national plan's 2025/2030 pair); the weights are the shipped ones fitted by
``scripts/fit_target_ranker.py``.
"""

from __future__ import annotations

import json

import pytest

from ingest.records import Target
from ingest.regions import get_gazetteer
from search.question import QuestionParser
from search.ranker import HAND_TARGET_WEIGHTS, TARGET_FEATURES, TARGET_WEIGHTS_FILE, default_target_weights
from search.ranking import GENERIC_BIGRAMS, target_features
from search.readmodel import bigrams


def _target(value: str, number: float, year: int | None, sentence: str, indicator: str, raw: str = "",
            comparator: str = "达到", base_year: int | None = None) -> Target:
    return Target(f"d#1#t{value}", "d#1", indicator, raw or indicator, value, number, "%", comparator, base_year, year,
                  sentence=sentence)


# (question, the right target, a wrong one): real sentences; the right one must score higher
CASES = [
    (
        "广西生态文明强区建设十四五规划提出的森林覆盖率目标是多少？",
        _target("62.6%", 62.6, 2025, "森林覆盖率达到62.6%,城镇新建建筑中绿色建筑比例达到70%以上", "森林覆盖率"),
        _target("62.5%", 62.5, None, "广西降水丰沛,植被茂密,森林覆盖率达62.5%,居全国第三位。", "森林覆盖率", comparator="达"),
    ),
    (
        "减污降碳协同增效实施方案中，2030年短流程炼钢占比要达到多少？",
        _target("20%", 20.0, 2030, "到2030年，短流程炼钢占比提升至20%以上", "短流程炼钢占比", comparator="提升至"),
        _target("15%", 15.0, 2025, "到2025年，短流程炼钢占比达15%以上", "短流程炼钢占比"),
    ),
    (
        "到2025年太原市单位地区生产总值能耗比2020年下降多少？",
        _target("14.5%", 14.5, 2025, "到2025年，全市单位地区生产总值能耗比2020年下降14.5%", "单位GDP能耗",
                "单位地区生产总值能耗", comparator="下降", base_year=2020),
        _target("65%", 65.0, 2025, "到2025年，全市非化石能源装机比重达到65%", "非化石能源装机比重"),
    ),
]


@pytest.fixture(scope="module")
def parser() -> QuestionParser:
    return QuestionParser(get_gazetteer(), {"全国", "广西壮族自治区", "太原市"})


def test_the_shipped_weights_are_fitted_and_no_worse_than_the_hand_ones() -> None:
    data = json.loads(TARGET_WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert set(data["weights"]) == set(TARGET_FEATURES)
    about = data["about"]
    assert about["fitted_by"] == "scripts/fit_target_ranker.py"
    # written only when weights fitted on the other sets order each held-out set at least as well
    assert about["top1_fitted_cv"] >= about["top1_hand_cv"]
    assert default_target_weights().weights == data["weights"]
    assert set(HAND_TARGET_WEIGHTS) == set(TARGET_FEATURES)


@pytest.mark.parametrize("question, right, wrong", CASES)
def test_the_right_target_scores_higher(parser: QuestionParser, question: str, right: Target, wrong: Target) -> None:
    frame = parser.parse(question)
    q_bg = bigrams(frame.keywords or frame.question) - GENERIC_BIGRAMS
    weights = default_target_weights()
    scores = []
    for t in (right, wrong):
        f = target_features(t, frame, q_bg, 1.0)
        f["coverage"] = 1.0
        scores.append(weights.score(f))
    assert scores[0] > scores[1], (question, scores)


def test_features_read_year_and_comparator(parser: QuestionParser) -> None:
    frame = parser.parse("到2025年太原市单位地区生产总值能耗比2020年下降多少？")
    right = CASES[2][1]
    f = target_features(right, frame, bigrams(frame.question) - GENERIC_BIGRAMS, 0.8)
    assert f["year_match"] == 1.0 and f["year_mismatch"] == 0.0 and f["base_year_match"] == 1.0
    assert f["comparator_match"] == 1.0 and f["percent_unit"] == 0.0 and f["clause"] == 0.8
    assert f["no_target_year"] == 0.0 and f["no_target_year"] != target_features(CASES[0][2], frame, set(), 0.8)["no_target_year"]


@pytest.mark.parametrize(
    "question, answers, not_answers",
    [
        # money asked for: the amount, not the tonnage beside it (pdf2 404 福州 三（五）1, 291 上海 一)
        ("福州对企业自主实施的节能技术改造给补助，单个项目最高奖励多少？", ["最高奖励150万元"], ["年节能量300吨标准煤以上"]),
        ("碳中和“颠覆性技术”方向每个项目资助多少钱？", ["每项资助额度50万元"], ["拟支持不超过5个项目"]),
        # a time limit (314 浦东 第二十八条), a day (335 全国低碳日)
        ("如果发生突发生态环境事件，要在多长时间内告知资金融出方？", ["应当在五个工作日内", "10个工作日"], ["2021年"]),
        ("要是因为生态环境违法被处罚了，得在几个工作日内告诉出资方？", ["应当在五个工作日内"], ["3个项目"]),
        ("2022年全国低碳日是哪一天？", ["全国低碳日定为6月15日"], ["2022年", "6月"]),
        # days asked as a span (335 节能宣传周), a time limit asked in days (393 披露办法 第十七条)
        ("2022年的全国节能宣传周定在哪几天？", ["2022年全国节能宣传周定为6月13日至19日"], ["2022年"]),
        ("受到行政处罚的，要在收到法律文书后多少天内发临时披露报告？", ["企业应当自收到相关法律文书之日起五个工作日内"], ["2022年", "5%"]),
        # a duration in years asked of a technology's row (555 推广目录 1-2): the service life, not the installed count
        ("线性低密度聚乙烯滚塑浮标的使用寿命能达到多少年？", ["使用寿命长（达15年）"], ["134座滚塑浮标", "2021年度"]),
        # a time limit in years (pdf2 101 福建 条例 第五十八条, 189 成都 三): a count of years, never a year
        ("排污单位自行监测数据至少保存多久？", ["监测数据保存时间不得少于五年"], ["2025年", "监测数据"]),
        ("近零碳排放区试点的建设期最长不能超过多久？", ["建设期不应超过两年", "3年内完成"], ["到2030年"]),
        # a time limit asked with 多长 after the limit's name (pdf2 309 深圳 十 办理时限, 101 福建 条例)
        ("深圳绿色低碳产业扶持计划的办理时限是多长？", ["一批180个工作日"], ["2023年"]),
        ("排污许可证的有效期是多长？", ["有效期为五年"], ["2025年"]),
        # a day to send material by (pdf2 264 安徽 摸底调研通知)
        ("高校院所要在哪天前反馈摸排表？", ["于2月17日下午下班前将摸排表反馈至省科技厅社发处"], ["2022年"]),
        # a count in its counting word; support counted in enterprises is no money (pdf2 577 科技支撑)
        ("一共纳入多少家重点排放单位？", ["共25家"], ["85%"]),
        ("科技支撑双碳实施方案要遴选支持多少家低碳科技创新企业？", ["遴选支持100家"], ["50万元"]),
        ("专项资金资助多少个项目？", ["拟支持不超过5个项目"], ["每项资助额度50万元"]),
    ],
)
def test_a_question_asking_a_kind_of_figure_is_answered_by_that_kind(question, answers, not_answers) -> None:
    from search.answer_text import asked_figure

    pattern = asked_figure(question)
    assert pattern is not None
    assert all(pattern.search(a) for a in answers)
    assert not any(pattern.search(a) for a in not_answers)


@pytest.mark.parametrize(
    "question",
    [
        # a value asked first, its day beside it (frozen8 株洲): the value decides
        "对水泥熟料企业氮氧化物排放浓度定的控制线是多少，什么时候前达到？",
        # a percentage or a target of no named kind
        "到2025年单位地区生产总值能耗下降多少？",
    ],
)
def test_a_question_asking_a_value_names_no_kind(question) -> None:
    from search.answer_text import asked_figure

    assert asked_figure(question) is None


@pytest.mark.parametrize(
    "qualifier, stated",
    [
        # a qualifier the documents write after the figure stays after it (pdf2 566 天津 可再生能源规划 "22%左右")
        ("左右", "可再生能源电力消纳量占全社会用电量的比重达到22%左右"),
        ("以上", "可再生能源电力消纳量占全社会用电量的比重达到22%以上"),
        # others are said in brackets (太原 seeds: 基本目标 / 激励目标)
        ("基本目标", "可再生能源电力消纳量占全社会用电量的比重达到22%（基本目标）"),
        ("力争、左右", "可再生能源电力消纳量占全社会用电量的比重达到22%左右（力争）"),
        ("", "可再生能源电力消纳量占全社会用电量的比重达到22%"),
    ],
)
def test_a_targets_qualifier_is_stated_where_the_documents_write_it(qualifier: str, stated: str) -> None:
    from ingest.records import Target
    from search.answer_text import target_item

    t = Target(
        target_id="d#1#t1", clause_id="d#1", indicator="可再生能源电力消纳比重", indicator_raw="可再生能源电力消纳量占全社会用电量的比重",
        value="22%", number=22.0, unit="%", target_year=2025, comparator="达到", qualifier=qualifier,
    )
    assert target_item(t) == stated


def test_the_shipped_figure_coverage_floor_is_the_fitted_best(tmp_path) -> None:
    """The figure-coverage floor of target answers comes from search/dictionaries/figure_coverage.json, written by
    scripts/fit_figure_coverage.py as the grid point with the most right answers on the development sets (never a closed
    set); the hand value stands in without the file."""
    from search.answer_text import FIGURE_COVERAGE_FILE, MIN_TERM_COVERAGE, min_figure_coverage
    from search.eval import CLOSED_SETS

    data = json.loads(FIGURE_COVERAGE_FILE.read_text(encoding="utf-8"))
    about = data["about"]
    assert about["fitted_by"] == "scripts/fit_figure_coverage.py"
    assert about["sets"] and not set(about["sets"]) & CLOSED_SETS
    best = max(row["correct"] for row in about["table"])
    chosen = next(row for row in about["table"] if row["min_figure_coverage"] == data["min_figure_coverage"])
    assert chosen["correct"] == best == about["best_correct"]
    assert min_figure_coverage() == data["min_figure_coverage"]
    assert min_figure_coverage(tmp_path / "none.json") == MIN_TERM_COVERAGE


def test_the_unsure_floors_are_the_fitted_best(tmp_path) -> None:
    """The floors that let wording answer below the refusal threshold come from search/dictionaries/unsure_answers.json,
    written by scripts/fit_unsure_answers.py: each a point of the script's grid with the most right answers on the
    development sets (never a closed set); without the file or a key, never."""
    import importlib.util
    from pathlib import Path

    from search.answer_text import UNSURE_ANSWERS_FILE, unsure_coverage
    from search.eval import CLOSED_SETS

    script = Path(__file__).resolve().parents[1] / "scripts" / "fit_unsure_answers.py"
    spec = importlib.util.spec_from_file_location("fit_unsure_answers", script)
    assert spec is not None and spec.loader is not None
    fit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fit)
    fitted = json.loads(UNSURE_ANSWERS_FILE.read_text(encoding="utf-8"))
    assert set(fit.FLOORS) <= set(fitted)
    for key in fit.FLOORS:
        about = fitted["about"][key]
        assert about["fitted_by"] == "scripts/fit_unsure_answers.py"
        assert about["sets"] and not set(about["sets"]) & CLOSED_SETS
        assert fitted[key] in fit.GRID and [row[key] for row in about["table"]] == fit.GRID
        chosen = next(row for row in about["table"] if row[key] == fitted[key])
        assert chosen["correct"] == max(row["correct"] for row in about["table"]) == about["best_correct"]
        assert unsure_coverage(key) == fitted[key]
    partial = tmp_path / "unsure.json"
    partial.write_text('{"unsure_figure_coverage": null}', encoding="utf-8")
    assert unsure_coverage("unsure_figure_coverage", partial) is None
    assert unsure_coverage("unsure_sentence_coverage", partial) is None
    assert unsure_coverage("unsure_figure_coverage", tmp_path / "missing.json") is None


@pytest.mark.parametrize(
    "sentence, year",
    [
        # pdf2 382 山东: a five-year period is the year it ends in ("十四五" asks 2025: the 3550万吨 cap answers it)
        ("除国家政策规定调整外，全省“十四五”新增能耗总量不能突破3550万吨标煤。", 2025),
        # the later of two periods (corpus 2 碳达峰行动方案, 247 减污降碳协同增效实施方案)
        ("“十四五”、“十五五”期间分别新增水电装机容量4000万千瓦左右，西南地区以水电为主的可再生能源体系基本建立。", 2030),
        ("严控煤电项目，“十四五”时期严格合理控制煤炭消费增长、“十五五”时期逐步减少。", 2030),
        # a written year beside a period (pdf2 179 福建: "十四五" ends in 2025, the written 2035 is later)
        ("锚定2035年远景目标，“十四五”时期福建省海洋生态环境保护的主要指标见表1。", 2035),
        # no year, and a standard's number that is none (pdf2 271 包头: GB 55015-2021)
        ("严格落实节能审查制度。", 0),
        ("《建筑节能与可再生能源利用通用规范》GB 55015-2021,自2022年4月1日起实施。", 2022),
    ],
)
def test_the_latest_year_a_text_speaks_about(sentence: str, year: int) -> None:
    from search.readmodel import latest_year

    assert latest_year(sentence) == year
