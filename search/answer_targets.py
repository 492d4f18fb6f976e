"""How much, by when: the answerer of target questions (a recorded target of the best clauses, a table row's cell, or
the sentence that states the figure asked).

A part of :class:`search.answerers.Answerers` (which holds the read model, ranker and parser its methods use); the
answer sentences come from the templates of :mod:`search.answer_text`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.data_tables import row_cells
from search.answer import Answer, AnswerTarget
from search.answer_room import AnswerRoom
from search.answer_text import (
    DAY_FIGURE_RE,
    DEADLINE_YEAR_FIGURE_RE,
    DURATION_FIGURE_RE,
    EFFECTIVE_ASKED_RE,
    EFFECTIVE_DATE_RE,
    EXACT_DAY_FIGURE_RE,
    FIGURE_SENTENCE_DEPTH,
    GOAL_YEAR_FIGURE_RE,
    ISSUE_DATE_ASKED_RE,
    LATEST_FIGURE_RE,
    MONEY_FIGURE_RE,
    RE_ASKED_COUNT,
    RE_FIGURE,
    RE_STATED_YEAR,
    SENTENCE_ANSWER,
    TARGET_ANSWER,
    TARGET_QUOTE,
    TARGET_YEAR,
    TRUSTED_TOP,
    UNSURE_FIGURE_DEPTH,
    WEAK_MATCH,
    WHAT_TARGETS,
    asked_figure,
    asked_figure_re,
    bound_kept,
    given_figures_re,
    only_the_date,
    paragraph_lead,
    quoted_numbers,
    row_labels,
    sentence_before,
    states_number,
    table_headers,
    target_item,
)
from search.question import PLAN_PERIODS, RE_YEAR_PERIOD, QuestionFrame, names_year, normalise
from search.ranker import TargetWeights
from search.ranking import GENERIC_BIGRAMS, ScoredClause, target_features, text_coverage
from search.readmodel import bigrams, strip_markup

if TYPE_CHECKING:
    from ingest.records import Target


def last_period_end(text: str) -> int | None:
    """The end year of the five-year period ``text`` names last ("“十四五”…展望“十五五”" -> 2030), or None."""
    named = [(m.start(), end) for period, (_start, end) in PLAN_PERIODS.items() for m in re.finditer(re.escape(period), text)]
    return max(named)[1] if named else None


def best_framing(framings: list[str], sentence: str, units: list[tuple[tuple[str, ...], float]]) -> str:
    """Of the words that may frame ``sentence`` (the labels of the table rows it is the value of, the headers of the
    tables it is a row of), the ones holding most of the question's terms (``units``) read with it; "" when none."""
    return max(framings, key=lambda framing: text_coverage(framing + sentence, units), default="")


class TargetAnswers(AnswerRoom):
    """The answerer of target questions (a part of :class:`search.answerers.Answerers`; the shared helpers it calls —
    evidence, labels, not-found answers — are declared in :class:`search.answer_room.AnswerRoom`)."""

    min_figure_coverage: float
    unsure_figure_coverage: float | None
    target_weights: TargetWeights

    def count_sentence(self, clause_id: str, classifier: str) -> str:
        """The first sentence of a clause that states a figure counted in ``classifier`` (家, 块 …), or ""."""
        pattern = asked_figure_re(classifier)
        return next((strip_markup(s).strip() for s in self.sentences(clause_id) if pattern.search(s)), "")

    def states_year(
        self, clause_id: str, sentence: str, title: str, year: int, period: tuple[int, int] | None = None
    ) -> bool:
        """Whether a sentence speaks of ``year``: written in it or in the title (or the five-year period ending then:
        十四五 for 2025, :func:`search.question.names_year`), or the last year the clause names before it ("到2025年，形成…。燃料电池车辆保有量约5万辆" — the goals listed under 到2025年), or,
        when neither the sentence nor the clause before it names a year, the last year of the nearest enclosing
        heading that names one (a stage "巩固提升阶段（2022年6月至2022年12月）" frames its items' goals); or, when no
        heading does either, the five-year period the sentence names or, failing that, the clause names last before it
        ("精准用好“十四五”能耗增量。…拿出1500万吨标煤" is 2025's); or, when none is named, the year range the question
        asks (``period``, ending in ``year``) when the document states that range as its own period after a period word (:meth:`search.readmodel.ReadModel.doc_periods`: a policy's
        "实施期限。2022—2024年" frames its undated figures; a range it only cites does not)."""
        if names_year(sentence + title, year):
            return True
        clause = self.model.clauses[clause_id]
        text = clause.text or ""
        before = text[: max(text.find(sentence[:20]), 0)]
        years = RE_STATED_YEAR.findall(before)
        if years or RE_STATED_YEAR.search(sentence):
            return bool(years) and int(years[-1]) == year
        parent = self.model.clauses.get(clause.parent_id or "")
        while parent is not None:
            stage = RE_STATED_YEAR.findall(parent.heading or "")
            if stage:
                return int(stage[-1]) == year
            parent = self.model.clauses.get(parent.parent_id or "")
        if (own := last_period_end(sentence)) is not None:
            return own == year  # (the sentence's own period, another than the asked year's)
        if (named := last_period_end(before)) is not None:
            # the five-year period the clause names last before the sentence, with no year written ("精准用好“十四五”能耗
            # 增量。…拿出1500万吨标煤，引导各市…" asked of 十四五; not after "展望“十五五”，…")
            return named == year
        return period is not None and period[1] == year and period in self.model.doc_periods(clause.doc_id)

    # ------------------------------------------------------------------------- targets
    def target(self, frame: QuestionFrame) -> Answer:
        """The quantified target asked about (indicator, value, year), quoted from its clause."""
        m, ranker = self.model, self.ranker
        docs = m.scope_docs(frame)
        if frame.year is not None and docs and all(0 < m.doc_horizon(d) < frame.year for d in docs):
            # a 2030 target asked of plans that stop at 2025: the documents do not say
            return self.not_found(frame, WHAT_TARGETS)
        ranked = ranker.rank_clauses(frame, docs, prefer="targets")
        if (within := self.within_attachment(frame, ranked, "targets")) is not None:
            frame, ranked = within
        if EFFECTIVE_ASKED_RE.search(normalise(frame.question)) and (dated := self.effective_date(frame, ranked)):
            return dated
        # the preference for clauses with recorded targets may rank one of them above the clause the refusal model trusts
        # (a clause of 天津 341's targets above its "原始记录和管理台账应当至少保存5年"): the first of the first few that
        # clears the threshold answers, ahead of those above it
        ranked = ranker.trusted_first(ranked, TRUSTED_TOP)
        confident = (
            bool(ranked)
            and ranked[0].probability >= ranker.weights.min_probability
            and ranker.addresses(frame, [s.clause_id for s in ranked[:3]])
        )
        units = ranker.term_units(frame)
        candidates = self.target_candidates(frame, ranked)
        vouched = not confident and not (frame.referenced and ranked and ranker.answerable(ranked[0], frame.referenced))
        if vouched:
            # below the refusal threshold only the figures that vouch for themselves answer (or nothing does; the sentence
            # answers below quote answerable clauses only)
            candidates = self.vouching_figures(units, candidates)
            if not candidates:
                return self.not_found(frame, WHAT_TARGETS)
        counted = asked_figure(frame.question)
        # in a data table's row a figure means what its column's label says: the cell (its label and value) holding more
        # of the question's terms answers before a figure recorded from the row's words (典型项目节能量（年）：1229tce, not
        # the 桥隧比 50% of the 应用规模 cell)
        row_recorded = max((f["coverage"] for f, _pos, t, _s in candidates if t.clause_id == ranked[0].clause_id), default=0.0)
        if not vouched and (
            cell := self.row_cell_answer(frame, ranked[0], units, beat=row_recorded, weak=not confident, kind=counted)
        ):
            return cell
        if not candidates:
            # no recorded target near the top: the sentence stating a figure (of the kind the question names: a time
            # limit, a day, money) with the question's terms and year is quoted, as when recorded targets do not answer
            if quoted := self.sentence_answer(frame, ranked, units, weak=not confident):
                return quoted
            best = ranked[0]
            return self.quoted(frame, best, self.best_sentence(best.clause_id, frame), weak=not confident)
        coverage = {t.target_id: f["coverage"] for f, _pos, t, _s in candidates}
        weights = self.target_weights
        scored = [(weights.score(f), pos, t, s) for f, pos, t, s in candidates]
        scored.sort(key=lambda x: (-x[0], x[1], x[2].target_id))
        # a target only answers when its own wording covers the question (the indicator table may
        # map "配建充电设施比例" to 充电桩, but the 充电桩 count does not answer a ratio question)
        scored = [x for x in scored if coverage[x[2].target_id] >= self.min_figure_coverage]
        if counted is not None:
            # "一共多少家": a count in that classifier answers, a percentage of the same clause does not
            scored = [x for x in scored if counted.search(f"{x[2].value}{x[2].unit or ''}")]
        if not scored:
            stated = self.sentence_answer(frame, ranked, units, weak=not confident)
            return stated or self.not_found(frame, WHAT_TARGETS)
        # the numbers the question quotes name the measure ("500千伏公用变电站", "65蒸吨以下锅炉"): when no recorded target's
        # sentence states them, a sentence of the best clauses that states them and a figure answers
        # (a four-digit year is no such number: "包林草发[2021]23号" names a document)
        quoted = [n for n in quoted_numbers(frame.question) if not re.fullmatch(r"(?:19|20)\d{2}", n)]
        if quoted and not any(all(states_number(x[2].sentence, n) for n in quoted) for x in scored):
            stated = self.sentence_answer(frame, ranked, units, weak=not confident)
            if stated is not None and all(states_number(stated.answer, n) for n in quoted):
                return stated
        best_t, best_sc = scored[0][2], scored[0][3]
        top_clause = ranked[0]
        if best_sc.clause_id != top_clause.clause_id:
            # the best clause holds a figure the target extractor did not record ("恢复退化湿地面积9.6万亩",
            # "第一批次配额按照…排放量的50%确定", "按机组2018年度供电量的70%"): when its figure sentence speaks of more of
            # the question's terms than the chosen target's own wording and its own recorded targets, another
            # target does not stand in for it
            top_figures = self.figure_coverage(frame, top_clause.clause_id, units)
            recorded_top = max((coverage[x[2].target_id] for x in scored if x[2].clause_id == top_clause.clause_id), default=0.0)
            # (a target for the asked year is not set aside for figures that state no year at all: "森林蓄积量3.47亿立方米"
            # in the plan's review is no answer to "到2025年…森林蓄积量要达到多少", its indicator table's 3.81 is)
            dated = frame.year is not None and best_t.target_year == frame.year and not any(
                str(frame.year) in x for x in self.sentences(top_clause.clause_id) if RE_FIGURE.search(x)
            )
            if top_figures > coverage[best_t.target_id] and top_figures > recorded_top and not dated:
                quoted = self.sentence_answer(frame, [top_clause], units, weak=not confident, depth=None)
                if quoted is not None and not bound_kept(frame.question, best_t.sentence, quoted.answer):
                    return quoted
        else:
            # … and in the chosen target's own clause: a sentence stating a figure the extractor did not record holds more of
            # the question's terms than every recorded target's wording ("到2025年，全省压采地下水10.74亿立方米" beside the
            # recorded "农业高效节水灌溉可节约水量3.45亿立方米，其中压采地下水1.51亿立方米": 全省 asks the first)
            recorded_here = max(coverage[x[2].target_id] for x in scored if x[2].clause_id == best_t.clause_id)
            if self.figure_coverage(frame, best_t.clause_id, units) > recorded_here + 1e-9:
                quoted = self.sentence_answer(frame, [best_sc], units, weak=not confident, depth=None)
                if (
                    quoted is not None
                    and not any(t.value in quoted.answer for t in m.targets_by_clause.get(best_t.clause_id, []))
                    and not bound_kept(frame.question, best_t.sentence, quoted.answer)
                ):
                    return quoted
        # the chosen clause's targets, best-matching first; keep those close to the best
        same = [x for x in scored if x[2].clause_id == best_t.clause_id]
        top = same[0][0]
        chosen = [x[2] for x in same if x[0] >= top - 0.35 and coverage[x[2].target_id] >= self.min_figure_coverage][:6]
        if frame.year is not None and best_t.target_year != frame.year:
            # "2030年…比重目标": the same indicator's target for the asked year, stated in the same clause
            # ("到2025年…达60%左右 … 到2030年…达66%左右"), answers instead of another year's
            asked_year = [
                t for t in m.targets_by_clause.get(best_t.clause_id, [])
                if t.target_year == frame.year and t.indicator and t.indicator == best_t.indicator
            ]
            if asked_year:
                best_t, chosen = asked_year[0], asked_year[:1]
        if (
            frame.year is not None
            and len(frame.years) == 1
            and best_t.target_year is not None
            and best_t.target_year != frame.year
            and str(frame.year) not in m.doc_titles.get(m.clauses[best_t.clause_id].doc_id, "")
        ):
            # a figure set for another year is no answer to the one year asked ("2030年燃料电池车辆保有量" — the plan's
            # "到2025年…燃料电池车辆保有量约5万辆"): a sentence stating the asked year answers, or none does (a year the
            # document's title holds names its edition, not the figure's year: "天津2021年配额分配中…控排系数")
            stated = self.sentence_answer(frame, ranked, units, weak=not confident)
            return stated or self.not_found(frame, WHAT_TARGETS)
        targets = tuple(
            AnswerTarget(t.indicator, t.value, t.unit, t.target_year, t.region, t.qualifier, t.base_year, t.clause_id)
            for t in chosen
        )
        evidence = [self.evidence(best_t.clause_id, best_sc.score)]
        for x in scored[1:]:
            if len(evidence) >= 3:
                break
            if x[2].clause_id not in {e.clause_id for e in evidence} and x[0] >= scored[0][0] - 0.3:
                evidence.append(self.evidence(x[2].clause_id, x[3].score))
        bits = [target_item(t) for t in chosen]
        year = TARGET_YEAR.format(year=best_t.target_year) if best_t.target_year else ""
        sentence = strip_markup(best_t.sentence).strip()
        text = TARGET_ANSWER.format(label=self.doc_label(best_t.clause_id), year=year, targets="；".join(bits))
        if sentence:
            text += TARGET_QUOTE.format(sentence=sentence)
        if not confident:
            text += WEAK_MATCH
        return Answer(frame.question, frame.intent, True, text, (), targets, tuple(evidence))

    def vouching_figures(
        self,
        units: list[tuple[tuple[str, ...], float]],
        candidates: list[tuple[dict[str, float], int, Target, ScoredClause]],
    ) -> list[tuple[dict[str, float], int, Target, ScoredClause]]:
        """The recorded figures of the best few clauses (``UNSURE_FIGURE_DEPTH``) that speak of the question so fully (their
        wording, heading path and title holding the fitted share of the question's terms) that they answer though the
        refusal model is unsure of the clauses ("南京江北新区到2025年餐厨垃圾处理率" — "…餐厨垃圾处理率达90%" in a clause of
        many measures); none without a floor, or for a question without terms (``units``, the question's: any wording
        covers none). (A sentence stating an unrecorded figure was tried as well and changed no development answer.)"""
        floor = self.unsure_figure_coverage
        if floor is None or not units:
            return []
        return [x for x in candidates if x[1] < UNSURE_FIGURE_DEPTH and x[0]["coverage"] >= floor]

    def effective_date(self, frame: QuestionFrame, ranked: list[ScoredClause]) -> Answer | None:
        """The sentence of the one document the question names that says from which day it takes effect ("本办法自
        2022年1月1日起施行", "《方案》从2022年4月1日起实施"), quoted; None when the question names no single document or
        it states no such day."""
        if len(frame.referenced) != 1:
            return None
        scores = {s.clause_id: s for s in ranked}
        for c in self.model.by_doc.get(frame.referenced[0], []):
            for sentence in self.sentences(c.clause_id):
                if EFFECTIVE_DATE_RE.search(normalise(sentence).strip()):
                    s = scores.get(c.clause_id) or ScoredClause(c.clause_id, 0.0)
                    return self.quoted(frame, s, strip_markup(sentence).strip())
        return None

    def target_candidates(
        self, frame: QuestionFrame, ranked: list[ScoredClause], depth: int = 15
    ) -> list[tuple[dict[str, float], int, Target, ScoredClause]]:
        """The targets of the best ``depth`` clauses with their target-choice features (and clause rank)."""
        m = self.model
        q_bg = bigrams(frame.keywords or frame.question) - GENERIC_BIGRAMS
        top_probability = (ranked[0].probability or 1.0) if ranked else 1.0
        units = self.ranker.term_units(frame)
        out: list[tuple[dict[str, float], int, Target, ScoredClause]] = []
        for pos, s in enumerate(ranked[:depth]):
            for t in m.targets_by_clause.get(s.clause_id, []):
                f = target_features(t, frame, q_bg, s.probability / top_probability)
                heading_bg = set() if t.indicator or t.indicator_raw else m.heading_bg.get(s.clause_id, set()) - GENERIC_BIGRAMS
                if heading_bg:
                    # a figure stated alone ("共25家（名单详见附件）。") is named by its clause's heading ("发电行业重点排放单位
                    # 范围"): the heading's words stand for the indicator it does not write
                    f["raw_overlap"] = f["indicator_overlap"] = len(heading_bg & q_bg) / len(heading_bg)
                # the target's own sentence must speak about what is asked
                # (its clause's heading path and the document's title too: "南京江北新区…单位工业增加值能耗" asks the
                # plan the title names)
                f["coverage"] = text_coverage(
                    " ".join((
                        t.sentence, t.indicator_raw, t.indicator, self.headings(s.clause_id),
                        paragraph_lead(m.clauses[s.clause_id].text, t.sentence),
                        m.doc_titles.get(m.clauses[s.clause_id].doc_id, ""),
                    )),
                    units,
                )
                out.append((f, pos, t, s))
        # a news summary before the plan repeats its figures: the numbered clause is preferred
        numbered = {(t.indicator, t.value) for _f, _p, t, _s in out if m.clauses[t.clause_id].kind != "preamble"}
        for f, _pos, t, _s in out:
            if m.clauses[t.clause_id].kind == "preamble" and (t.indicator, t.value) in numbered:
                f["preamble_repeat"] = 1.0
        return out

    def sentence_coverage(
        self, clause_id: str, units: list[tuple[tuple[str, ...], float]], stating: re.Pattern[str] | None = None
    ) -> float | None:
        """The most of the question's terms (IDF share, ``units``) a sentence of the clause — one matching ``stating``,
        when given — holds, read with its paragraph's run-in heading (:func:`search.answer_text.paragraph_lead`), a table
        row's label (:meth:`row_label`) and header (:meth:`table_header`) and the clause's :meth:`framing_words`; None
        when no sentence qualifies."""
        frame_words = self.framing_words(clause_id)
        text = self.model.clauses[clause_id].text
        return max(
            (
                text_coverage(
                    strip_markup(x) + paragraph_lead(text, x) + self.row_label(text, x, units) + self.table_header(text, x, units)
                    + frame_words,
                    units,
                )
                for x in self.sentences(clause_id)
                if stating is None or stating.search(x)
            ),
            default=None,
        )

    @staticmethod
    def row_label(text: str, sentence: str, units: list[tuple[tuple[str, ...], float]]) -> str:
        """The label of the table row whose value line ``sentence`` is (:func:`search.answer_text.row_labels`), of the
        rows written alike the one holding most of the question's terms (``units``); "" when it is no value line."""
        return best_framing(row_labels(text, sentence), sentence, units)

    @staticmethod
    def table_header(text: str, sentence: str, units: list[tuple[tuple[str, ...], float]]) -> str:
        """The header of the flattened table whose row ``sentence`` is (:func:`search.answer_text.table_headers`), of the
        tables holding that row alike the one whose header holds most of the question's terms (``units``); "" when it is
        no such row."""
        return best_framing(table_headers(text, sentence), sentence, units)

    def figure_coverage(self, frame: QuestionFrame, clause_id: str, units: list[tuple[tuple[str, ...], float]]) -> float:
        """The most of the question's terms (IDF share) a sentence of the clause that states a figure holds, read with
        the clause's heading path (:meth:`headings`) and document title as a target's wording is (0.0: no figure)."""
        return self.sentence_coverage(clause_id, units, RE_FIGURE) or 0.0

    def row_cell_answer(
        self,
        frame: QuestionFrame,
        top: ScoredClause,
        units: list[tuple[tuple[str, ...], float]],
        *,
        beat: float = 0.0,
        weak: bool = False,
        kind: re.Pattern[str] | None = None,
    ) -> Answer | None:
        """In a data table's row (``top`` of kind ``row``), the cell stating a figure that, its label and value read with
        the row's name (and its table's headings) and the document's title, holds most of the question's terms — at least
        ``min_figure_coverage`` of them and more than ``beat`` (the best figure recorded from the row's words):
        quoted as "label：value". Only a figure of the ``kind`` the question asks answers, when it asks one
        (:func:`asked_figure`: "使用寿命能达到多少年" — the 技术内容 cell's "达15年", not the 应用规模 cell's "134座"). None
        for any other clause."""
        c = self.model.clauses[top.clause_id]
        if c.kind != "row":
            return None
        frame_words = self.framing_words(top.clause_id)
        best: tuple[float, str] | None = None
        for cell in row_cells(c.text):
            # (any figure: a count word the question names — "23台公交车" — is the row's, not the asked measure's)
            value = cell.partition("：")[2]
            if not RE_FIGURE.search(value) or (kind is not None and not kind.search(value)):
                continue
            covered = text_coverage(cell + frame_words, units)
            if best is None or covered > best[0]:
                best = (covered, cell)
        if best is None or best[0] < self.min_figure_coverage or best[0] <= beat:
            return None
        return self.quoted(frame, top, best[1], weak=weak)

    def quoted(self, frame: QuestionFrame, s: ScoredClause, sentence: str, *, weak: bool = False) -> Answer:
        """An answer quoting ``sentence`` of the clause ``s`` (its document and number said; ``weak``: the match is said
        to be weak), with that clause as its evidence."""
        text = SENTENCE_ANSWER.format(label=self.doc_label(s.clause_id), sentence=sentence) + (WEAK_MATCH if weak else "")
        return Answer(frame.question, frame.intent, True, text, (), (), (self.evidence(s.clause_id, s.score),))

    def sentence_answer(
        self,
        frame: QuestionFrame,
        ranked: list[ScoredClause],
        units: list[tuple[tuple[str, ...], float]],
        *,
        weak: bool = False,
        depth: int | None = FIGURE_SENTENCE_DEPTH,
        want: re.Pattern[str] | None = None,
    ) -> Answer | None:
        """A figure the target extractor did not record (资金10亿元, 储备能力达到15天): quote its sentence.

        In the best-ranked answerable clause that has one, the sentence that states a figure (in the
        asked counting word, when the question asks one) and holds most of the question's terms
        answers — when it holds at least ``min_figure_coverage`` of them and names the asked year
        (the document's title frames every clause and counts for both). Only the first ``depth`` of ``ranked`` that
        state a figure of the asked kind are read (all of them when None): a clause stating none cannot answer and takes
        no place from one that does (an attachment's title line, "2022年全国节能宣传周和全国低碳日宣传重点", ranked above the
        notice's preamble that says "…宣传周定为6月13日至19日"). ``want``: the kind of figure sought (default: the one the
        question asks, :func:`search.answer_text.asked_figure`; a day asked by month and day is sought as a day's number
        first, then as a month's end or part).
        """
        asked = RE_ASKED_COUNT.search(frame.question)
        if want is None:
            want = asked_figure(frame.question) or RE_FIGURE
            if want is EXACT_DAY_FIGURE_RE:
                # a day asked by month and day is answered by a day's number where a sentence states one, else by the
                # month's end or part the documents write ("每年几月几日前确定企业名单" — "于每年3月底前确定…")
                return self.sentence_answer(frame, ranked, units, weak=weak, depth=depth, want=want) or self.sentence_answer(
                    frame, ranked, units, weak=weak, depth=depth, want=DAY_FIGURE_RE
                )
        if depth is not None:
            ranked = [s for s in ranked if any(want.search(x) for x in self.sentences(s.clause_id))][:depth]
        # each clause must clear the refusal thresholds itself (a low-ranked preamble's date "10月16日" is no target);
        # below them only a clause of a document the question names (``weak``: the answer says the match is weak)
        candidates = [s for s in ranked if self.ranker.answerable(s, frame.referenced)]

        own = {s.clause_id: [strip_markup(x).strip() for x in self.sentences(s.clause_id)] for s in candidates}

        def own_sentences(s: ScoredClause) -> list[str]:
            return own[s.clause_id]

        def joined_count(s: ScoredClause) -> list[str]:
            # "…重点排放单位范围 … 共25家": the count may follow the sentence that names the thing
            lead = self.best_sentence(s.clause_id, frame)
            count = self.count_sentence(s.clause_id, asked.group(1)) if asked and not want.search(lead) else ""
            return [f"{lead}{count}"] if count and count not in lead else []

        # a figure of a kind the question names (money, a time limit, a day) is specific enough that the best clause's
        # sentence stating one answers even when its neighbours hold the question's other terms ("方向1、颠覆性技术 …
        # 经费额度：…每项资助额度50万元")
        # — in a document the question names, or when that clause, read with its headings and title, holds enough of the
        # question's terms itself (a clause of the region ranked first for want of a better one, "…涂装类产业集群…2025年底前"
        # for a question on a 调研表's deadline, is none)
        kind_asked = want in (
            MONEY_FIGURE_RE, DURATION_FIGURE_RE, DAY_FIGURE_RE, EXACT_DAY_FIGURE_RE, LATEST_FIGURE_RE, DEADLINE_YEAR_FIGURE_RE,
            GOAL_YEAR_FIGURE_RE,
        ) and bool(candidates) and (
            bool(frame.referenced)
            or text_coverage(
                self.model.clauses[candidates[0].clause_id].text + self.framing_words(candidates[0].clause_id), units
            ) >= self.min_figure_coverage
        )

        # the numbers the question quotes ("年节能量300吨标准煤以上的项目", "7201…攻关项目") name the measure: when a
        # candidate sentence holds them all, only such a sentence answers
        quoted = quoted_numbers(frame.question)
        # a figure the question itself states is given, not asked ("192家重点排放单位里，…纳入配额管理的有几家"): a sentence
        # answers with a figure of the asked kind beside the quoted figures (each as the question writes it, with the word
        # after its number: "300吨" is given, "每吨300元" is not) — when some sentence, read with the one before it, can
        # (else the quoted figure is what the documents state and answers as before)
        given = given_figures_re(frame.question, quoted)

        def asked_figure_in(sentence: str) -> bool:
            return bool(want.search(given.sub(" ", sentence) if given is not None else sentence))

        if given is not None and not any(
            asked_figure_in(x) and all(states_number(sentence_before(self.model.clauses[cid].text, x) + x, n) for n in quoted)
            for cid, sentences in own.items() for x in sentences
        ):
            given = None
        if quoted and not any(
            all(states_number(x, n) for n in quoted) for sentences in own.values() for x in sentences if want.search(x)
        ):
            quoted = []

        # a year range the question writes ("在2022—2024年实施期内"), as (first, last) years
        asked_period = RE_YEAR_PERIOD.search(normalise(frame.question))
        period = (int(asked_period.group(1)), int(asked_period.group(2))) if asked_period else None

        def best_in(s: ScoredClause, sentences: list[str], with_before: bool = False) -> str | None:
            """The sentence of this clause holding most of the question's terms (enough of them; ``with_before``: with
            the sentence before it) and the asked figure and year, or None."""
            c = self.model.clauses[s.clause_id]
            title = self.model.doc_titles.get(c.doc_id, "")
            # (read with the clause's heading path, as :meth:`figure_coverage` reads it: the headings frame every sentence)
            frame_words = self.framing_words(s.clause_id)
            best: tuple[float, float, str] | None = None
            doc_date = "" if ISSUE_DATE_ASKED_RE.search(frame.question) else self.model.docs[c.doc_id].date
            for sentence in sentences:
                # (the quoted numbers may stand in the sentence before, read on: "…共192家。其中，139家纳入…")
                holding = sentence_before(c.text, sentence) + sentence if with_before else sentence
                if not asked_figure_in(sentence) or not all(states_number(holding, n) for n in quoted):
                    continue
                if want in (DAY_FIGURE_RE, EXACT_DAY_FIGURE_RE, LATEST_FIGURE_RE) and only_the_date(sentence, doc_date):
                    continue  # (the document's own date under its signature is no deadline: "河北省科学技术厅 2021年7月5日")
                if frame.year is not None and not self.states_year(s.clause_id, sentence, title, frame.year, period):
                    continue
                # (a table's value line is read with its row's label above it: "人均用水量" over "≤120一般指标")
                # (a flattened table's row with the header and the sentence introducing the table above its rows)
                coverage = text_coverage(
                    sentence + paragraph_lead(c.text, sentence) + self.row_label(c.text, sentence, units)
                    + self.table_header(c.text, sentence, units) + frame_words,
                    units,
                )
                # a target sentence is read with the measure the sentence before it in its paragraph states ("…推进大宗货物运输
                # “公转铁、公转水”。到2025年，全市铁路货运量增长40%以上"): enough with it, ranked by its own words first
                read_on = (
                    text_coverage(sentence_before(c.text, sentence) + sentence + frame_words, units) if with_before else 0.0
                )
                enough = max(coverage, read_on) >= self.min_figure_coverage or (kind_asked and s is candidates[0])
                if enough and (best is None or (coverage, read_on) > best[:2]):
                    best = (coverage, read_on, sentence)
            return best[2] if best else None

        # a sentence stating the figure itself first, in rank order; then a count joined to its subject;
        # the best-ranked clause that states the figure answers
        # (a sentence enough with its own words, in any candidate, before one enough only with the sentence before it)
        for sentences_of, with_before in ((own_sentences, False), (joined_count, False), (own_sentences, True)):
            for s in candidates:
                sentence = best_in(s, sentences_of(s), with_before)
                if sentence is not None:
                    # (a table's value line quoted with its row's label)
                    label = self.row_label(self.model.clauses[s.clause_id].text, sentence, units)
                    return self.quoted(frame, s, label + sentence, weak=weak)
        return None
