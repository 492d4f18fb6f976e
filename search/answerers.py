"""Routing to the per-intent answerers: a parsed question -> :class:`search.answer.Answer` with its text and evidence.

:class:`Answerers` routes a question (document references, named regions, several regions) to the answerer of its
intent: agencies (or a whole plan), targets, an agency's duties, similar measures, documents, free search. The
answerers live in their own modules — :mod:`search.answer_references` (document references), :mod:`search.answer_agencies`
(who leads, who is responsible, an agency's duties), :mod:`search.answer_targets` (figures), :mod:`search.answer_similar`
(other documents' measures and plans) — and every answer sentence is built from the templates of
:mod:`search.answer_text`. This module keeps the routing, the answers by region, the not-found answers, the clause
labels, evidence and attachment scoping every answerer shares, and the document list and free search.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace

from ingest.regions import region_named, short_name
from search.answer import Answer, Evidence
from search.answer_agencies import AgencyAnswers
from search.answer_references import ReferenceAnswers
from search.answer_similar import SimilarAnswers
from search.answer_targets import TargetAnswers
from search.answer_text import (
    ANSWERED_ELSEWHERE_INTENTS,
    ATTACHMENT_LABEL_GOES_ON,
    ATTACHMENT_LOOKAHEAD,
    BUNDLED_PLAN_LABEL,
    DOCUMENTS_ANSWER,
    DOCUMENT_TITLE,
    DOC_LABEL,
    EMPTY_STORE,
    NATIONAL_WORDS,
    NOT_FOUND,
    NOT_FOUND_ABOUT,
    NOT_FOUND_PLACE,
    NOT_IN_CORPUS,
    NOT_STORED_QUOTED,
    NOT_STORED_TITLE,
    NO_WORDS,
    PER_REGION_INTENTS,
    QUOTED_NAME_RE,
    RE_ACROSS_REGIONS,
    RE_ACROSS_WORDS,
    RE_FIGURE,
    RE_WORD_CHAR,
    SEARCH_ANSWER,
    SOURCE_MARKED_RE,
    TABLE_ROW_KINDS,
    WEAK_MATCH,
    WHAT_DOCUMENTS,
    WHAT_RULES,
    WORDS_BEFORE_RE,
    answer_agencies,
    combine,
    drop_reference,
    min_figure_coverage,
    names_scope,
    part_named,
    place_among,
    share_in_title,
    similar_plan_share,
    split_sentences,
    title_run_names,
    title_thresholds,
    unsure_coverage,
)
from search.docref import MIN_TITLE_SHARE, find_doc_numbers, resolve_reference
from search.question import QuestionFrame, QuestionParser, normalise
from search.ranker import SimilarWeights, TargetWeights, default_similar_weights, default_target_weights
from search.ranking import GENERIC_BIGRAMS, Ranker, ScoredClause
from search.readmodel import ReadModel, bigrams, strip_markup


class Answerers(ReferenceAnswers, AgencyAnswers, TargetAnswers, SimilarAnswers):
    """The answerers of every intent over one read model and ranker.

    Args:
        model: the store snapshot.
        ranker: ranks clauses (and holds the index and weights).
        parser: parses questions (again, once a document reference is removed).
    """

    def __init__(self, model: ReadModel, ranker: Ranker, parser: QuestionParser):
        self.model = model
        self.ranker = ranker
        self.parser = parser
        # title share above which a document is "a plan of the same kind" (fitted; None: off)
        self.plan_share = similar_plan_share()
        # how much of the question's terms a figure's wording must hold (fitted; the hand value without a file)
        self.min_figure_coverage = min_figure_coverage()
        # how much of the question's terms a recorded figure's wording must hold to answer from clauses the refusal model
        # is unsure of (fitted; None: never)
        self.unsure_figure_coverage = unsure_coverage("unsure_figure_coverage")
        # … and a sentence of the best clause, to name who is responsible for what it says (fitted; None: never)
        self.unsure_sentence_coverage = unsure_coverage("unsure_sentence_coverage")
        self.other_title_share, self.other_title_min_bigrams = title_thresholds()
        self.title_run_names = title_run_names()
        # which target of the best clauses answers a target question (fitted; hand weights without a file)
        self.target_weights: TargetWeights = default_target_weights()
        # which other documents a similar-measures answer lists (fitted; hand weights without a file)
        self.similar_weights: SimilarWeights = default_similar_weights()

    # ------------------------------------------------------------------------- routing
    def answer(self, question: str) -> Answer:
        """Answer one question (``found`` False when the documents do not say)."""
        frame = self.parser.parse(question)
        if not self.model.docs:
            return Answer(question, frame.intent, False, EMPTY_STORE)
        if not RE_WORD_CHAR.search(normalise(question)):  # punctuation, symbols, control characters only
            return Answer(question, frame.intent, False, NO_WORDS)
        answer = self.answer_parsed(frame)
        return self.other_edition(frame, answer) or answer

    def answer_parsed(self, frame: QuestionFrame) -> Answer:
        """Answer a parsed question: its document reference resolved and removed, then by region and intent."""
        question = frame.question
        asked = frame
        frame = self.apply_document_reference(frame)
        if frame.not_in_corpus:
            place = frame.region or frame.region_mentioned
            return Answer(question, frame.intent, False, NOT_IN_CORPUS.format(place=place))
        if (quoted := self.unstored_quoted_title(frame)) is not None:
            return Answer(question, frame.intent, False, NOT_STORED_QUOTED.format(title=quoted))
        if (own := self.own_title_resolved_below(asked, frame)) is not None:
            return Answer(question, frame.intent, False, NOT_STORED_TITLE.format(place=asked.region, others=own))
        # (the place as asked: a reference to its places' plans may have left the frame without one)
        placed = frame if frame.region or not asked.region else replace(frame, region=asked.region, region_known=asked.region_known)
        if (others := self.title_of_another_place(placed)) is not None:
            titles = "、".join(f"{self.model.docs[d].region}的《{self.model.doc_titles[d]}》" for d in others[:3])
            return Answer(question, frame.intent, False, NOT_STORED_TITLE.format(place=placed.region, others=titles))
        stripped = self.strip_document_reference(frame)
        answer = self.answer_frame(stripped)
        if (
            answer.found and frame.intent == "target_value"
            and (cited := self.unstored_quoted_title(frame, cited=True)) is not None
            and normalise(cited) in normalise(answer.answer) and not RE_FIGURE.search(answer.answer.split("：", 1)[-1])
        ):
            # a figure asked of a document not stored that a stored one only cites ("陕西省《控制甲烷排放实施方案》对…定了
            # 什么目标" answered by the sentence that says the plan will be made): the citing sentence states no figure of it
            return Answer(question, frame.intent, False, NOT_STORED_QUOTED.format(title=cited))
        if not answer.found and (
            (stripped.doc_ids and not frame.doc_ids)
            or (stripped is not frame and (frame.referenced or not self.measure_terms_left(stripped)))
        ):
            # the title words were a measure's own words ("公共机构绿色低碳先进适用技术目录由哪些部门编制" holds the
            # words of another plan's title, 公共机构绿色低碳引领行动…): nothing there, so the whole store is asked;
            # or they were the measure the question names, in part or all ("526号文件中，到2025年我国废旧纺织品循环
            # 利用率…" — the named plan's own title words): the named documents are asked with them
            retried = self.answer_frame(frame)
            if retried.found:
                return retried
        if not answer.found and stripped.doc_ids and not frame.doc_ids:
            # a run of one stored title long enough to name it by itself ("国家生态工业示范园区按要求报送的…数据表…由谁组织
            # …审查": the notice's own subject) names that document as a number would: its best clause answers, weakly
            distinct = self.titled_by_run(frame, stripped.doc_ids)
            if distinct:
                retried = self.answer_frame(replace(stripped, doc_ids=distinct, referenced=distinct))
                if retried.found:
                    return retried
        if (
            not answer.found and frame.doc_ids and frame.intent in ANSWERED_ELSEWHERE_INTENTS
            and not find_doc_numbers(frame.question) and not SOURCE_MARKED_RE.search(normalise(frame.question))
        ):
            # the document named by its title may be what the question is about, not where the answer stands ("企业环境信息
            # 依法披露格式准则由哪个部门负责制定" — the 管理办法 says who makes the 准则): nothing in it, so the store is asked
            # with the title's words kept as the measure; never a document named by its number or as the place to look
            retried = self.answer_frame(replace(frame, doc_ids=(), referenced=()))
            if retried.found:
                return retried
        return answer

    def mentioned_in(self, doc_ids: Iterable[str], phrase: str) -> bool:
        """Whether a clause of the documents writes ``phrase`` (compared as the plain text is: normalised, lower-cased)."""
        written = normalise(phrase).lower()
        return any(written in self.model.plain.get(c.clause_id, "") for d in doc_ids for c in self.model.by_doc.get(d, []))

    def measure_terms_left(self, frame: QuestionFrame) -> bool:
        """Whether the frame's search terms name anything besides places (全国, 福建, 宜宾市)."""
        return any(
            not all(term in NATIONAL_WORDS or region_named(term) for term in terms)
            for terms, _weight in self.ranker.term_units(frame)
        )

    def answer_frame(self, frame: QuestionFrame) -> Answer:
        """Answer a parsed frame whose document reference is resolved: per region, across regions or by intent."""
        question = frame.question
        if not frame.doc_ids:
            regions = self.answer_regions(frame)
            if len(regions) >= 2 and frame.intent in PER_REGION_INTENTS:
                split = self.per_region(frame, regions)
                if split.found or not self.places_inside_measure(frame, regions):
                    return split
                # places of the asked place's plan named inside its measure ("阿坝州规划提出加快阿坝县、理县厨余垃圾处理设施
                # …建设"): the places' own documents do not say, the plan does
                return self.dispatch(frame)
            if len(regions) == 1 and regions[0] != frame.region:
                # a more specific place than the first one named ("山西省的大同市"): it decides
                region, known = self.parser.coverage(regions[0], frame.intent)
                if known:
                    narrowed = self.dispatch(replace(frame, region=region))
                    if (
                        narrowed.found
                        or not (frame.region and frame.region_known)
                        or not self.mentioned_in_scope(frame, regions[0])
                    ):
                        return narrowed
                    # the place inside is one a measure of the outer place's plans names ("江苏…跟踪国电泰州电厂CCUS项目":
                    # the project's city, with plans of its own that do not say): the outer place's documents answer
                elif not (
                    frame.region
                    and frame.region_known
                    and not names_scope(question, frame.region_mentioned or frame.region, regions[0])
                    and self.mentioned_in_scope(frame, regions[0])
                ):
                    return Answer(question, frame.intent, False, NOT_IN_CORPUS.format(place=regions[0]))
                # else: a place without documents named inside a measure of the covered place's plans
                # ("山东…支持威海绿色金融改革"): the covered place's documents answer
            if frame.region is None and frame.intent == "target_value" and RE_ACROSS_REGIONS.search(frame.question):
                return self.across_regions(frame)
        return self.dispatch(frame)

    def dispatch(self, frame: QuestionFrame) -> Answer:
        """The answerer of the frame's intent (free search for any other)."""
        handler = {
            "lead_agency": self.agencies,
            "responsible_agencies": self.agencies,
            "target_value": self.target,
            "agency_duties": self.duties,
            "similar_measures": self.similar,
            "document_lookup": self.documents,
        }.get(frame.intent, self.search)
        return handler(frame)

    def answer_regions(self, frame: QuestionFrame) -> list[str]:
        """The regions a question asks about, the most specific of nested ones kept ("山西省的大同市" -> 大同市)."""
        named = [r for r in frame.regions_mentioned if r and r != "全国"]
        # a place written only inside a quoted name ("湖南要打造“株洲氢谷”和“岳阳氢港”") names a project, not a scope,
        # when another place is written outside the quotes
        unquoted = QUOTED_NAME_RE.sub("", normalise(frame.question))
        outside = [r for r in named if r in unquoted or short_name(r) in unquoted]
        if outside and len(outside) < len(named):
            named = outside
        specific = [r for r in named if not any(o != r and self.model.region_descendant(o, r) for o in named)]
        if len(specific) >= 2:
            return [r for r in specific if self.parser.coverage(r, frame.intent)[1]]
        return specific

    def places_inside_measure(self, frame: QuestionFrame, places: list[str]) -> bool:
        """Whether every place is one the frame's own place holds and its documents' clauses name (the places of a measure
        of the place's plan, not places asked about one by one)."""
        region = frame.region
        if not (region and frame.region_known and region != "全国"):
            return False
        return all(
            p != region and self.model.region_descendant(p, region) and self.mentioned_in_scope(frame, p) for p in places
        )

    def mentioned_in_scope(self, frame: QuestionFrame, place: str) -> bool:
        """Whether a clause of the documents in the frame's scope names ``place`` (a qualified region), or a place
        written the same (the question's 宜宾 read as 宜宾市, the clause's as 宜宾县)."""
        m = self.model
        return any(place_among(place, c.regions) for d in m.scope_docs(frame) for c in m.by_doc.get(d, ()))

    def per_region(self, frame: QuestionFrame, regions: list[str]) -> Answer:
        """One answer part per region named ("太原和晋城的VOCs治理分别由哪个部门牵头？")."""
        parts = [replace(self.dispatch(replace(frame, region=r)), region=r) for r in regions]
        return combine(frame, parts)

    def across_regions(self, frame: QuestionFrame, limit: int = 12) -> Answer:
        """"各省…分别是多少": the best target of each region whose documents state one, as parts."""
        m = self.model
        level = "provincial" if re.search(r"各省|不同省份", frame.question) else (
            "city" if re.search(r"各市|各城市|不同城市", frame.question) else None
        )
        frame = replace(frame, keywords=RE_ACROSS_WORDS.sub(" ", frame.keywords), core=RE_ACROSS_WORDS.sub(" ", frame.core))
        ranked = self.ranker.rank_clauses(frame, sorted(m.docs), prefer="targets")
        regions: list[str] = []
        for s in ranked[:200]:
            doc = m.docs.get(m.clauses[s.clause_id].doc_id)
            if level and doc and doc.level != level:
                continue
            if doc and doc.region and doc.region not in regions and m.targets_by_clause.get(s.clause_id):
                regions.append(doc.region)
            if len(regions) >= limit:
                break
        parts = [replace(self.target(replace(frame, region=r)), region=r) for r in regions]
        parts = [
            p for p in parts
            if p.found and p.targets and (frame.year is None or any(t.year == frame.year for t in p.targets))
        ]
        if not parts:
            return self.dispatch(frame)
        return combine(frame, parts)

    # ------------------------------------------------------------------------- answer parts
    def evidence(self, clause_id: str, score: float) -> Evidence:
        """One clause as evidence, with its document's source, title and region."""
        c = self.model.clauses[clause_id]
        d = self.model.docs.get(c.doc_id)
        return Evidence(
            source=d.source if d else c.doc_id,
            doc_title=d.title if d else "",
            region=d.region if d else "",
            clause_no=c.path,
            heading=c.heading,
            text=c.text,
            score=float(score),
            clause_id=clause_id,
            page_start=c.page_start,
            page_end=c.page_end,
        )

    def doc_label(self, clause_id: str) -> str:
        """A clause as cited: 《document title》clause path."""
        c = self.model.clauses[clause_id]
        d = self.model.docs.get(c.doc_id)
        title = d.title if d and d.title else c.doc_id
        # (a plan bundled with others in its document is cited by its own title too: their clause paths repeat)
        if part := self.model.bundled_plan_title(clause_id):
            return BUNDLED_PLAN_LABEL.format(title=title, plan=part, path=c.path)
        return DOC_LABEL.format(title=title, path=c.path)

    def sentences(self, clause_id: str) -> list[str]:
        """A clause's sentences (split at 。；; when the record holds none)."""
        c = self.model.clauses[clause_id]
        return list(c.sentences) or split_sentences(c.text)

    def best_sentence(self, clause_id: str, frame: QuestionFrame) -> str:
        """The clause sentence sharing most bigrams with the question."""
        sentences = self.sentences(clause_id)
        q_bg = bigrams(frame.keywords or frame.question) - GENERIC_BIGRAMS
        best, best_s = "", -1.0
        for s in sentences:
            sc = len(bigrams(s) & q_bg)
            if sc > best_s:
                best, best_s = s, sc
        return strip_markup(best).strip()

    def not_found(self, frame: QuestionFrame, what: str = WHAT_RULES) -> Answer:
        """"Not found", naming the region and the question's content terms (never a function word such as 牵头)."""
        place = NOT_FOUND_PLACE.format(region=frame.region) if frame.region else ""
        terms = [u[0][0] for u in self.ranker.term_units(frame)]
        about = NOT_FOUND_ABOUT.format(terms=" ".join(terms)) if terms else ""
        return Answer(frame.question, frame.intent, False, NOT_FOUND.format(place=place, about=about, what=what))

    def within_attachment(
        self, frame: QuestionFrame, ranked: list[ScoredClause], prefer: str
    ) -> tuple[QuestionFrame, list[ScoredClause]] | None:
        """A plan issued as a document's attachment and named by its title ("冶金、建材重点行业…行动方案（2021-2025年）要求
        …", attached to 169 若干意见): when the opening clause (path 附件N) of an attachment of a document of the first
        :data:`ATTACHMENT_LOOKAHEAD` ranked clauses is named by its title, by the rules a document title is named by
        (:func:`search.docref.resolve_reference`) and better than its document's own title, the question without the
        title, ranked within that attachment's clauses only; None otherwise (or when nothing below the opening is left)."""
        m = self.model
        docs = dict.fromkeys(m.clauses[s.clause_id].doc_id for s in ranked[:ATTACHMENT_LOOKAHEAD])
        roots = self.attachment_titles(docs)
        # (and the plans a document bundles, each after its own preamble: their clauses follow it, not under a path)
        parts = {root: part for doc in docs for root, part in m.bundled_plans(doc).items()}
        roots |= {root: title for root, (title, _members) in parts.items()}
        if not roots:
            return None

        def ranked_inside(asked: QuestionFrame, doc: str, root: str) -> list[ScoredClause]:
            # (the document's table rows — kinds "row" and "task", read from its tables wherever they stand — go with it:
            # an attachment's 标杆水平 table is stored as the document's 数据表 rows)
            members = parts[root][1] if root in parts else None
            return [
                s for s in self.ranker.rank_clauses(asked, [doc], prefer=prefer)
                if (s.clause_id in members if members is not None else (
                    s.clause_id != root and s.clause_id.startswith(root)
                    and s.clause_id[len(root)] not in ATTACHMENT_LABEL_GOES_ON
                ))
                or m.clauses[s.clause_id].kind in TABLE_ROW_KINDS
            ]

        # (the documents' own titles compete: "《深圳市近零碳排放区试点建设实施方案》中…" names the plan, not its attached
        # "…建设方案编制指引")
        titles = {**roots, **{m.clauses[r].doc_id: m.doc_titles.get(m.clauses[r].doc_id, "") for r in roots}}
        ref = resolve_reference(frame.question, titles, {}, {}, [w for w in (frame.region, frame.region_mentioned) if w])
        if len(ref.doc_ids) != 1 or ref.doc_ids[0] not in roots:
            # (a bundled plan named by the words that set it apart from its fellows: "福建建材行业这边…")
            root = part_named(frame.question, parts)
            if root is None:
                return None
            doc = m.clauses[root].doc_id
            asked = replace(frame, doc_ids=(doc,), referenced=(doc,))
            inside = ranked_inside(asked, doc, root)
            return (asked, inside) if inside else None
        root = ref.doc_ids[0]
        doc = m.clauses[root].doc_id
        text = unicodedata.normalize("NFKC", frame.question)
        for span in ref.spans:
            # (the document's own title written before the attachment's goes too: "国家关于…若干意见配套的冶金、建材行动方案中")
            at = text.find(span)
            before = WORDS_BEFORE_RE.search(text[:at]) if at > 0 else None
            if before and share_in_title(before.group(0), m.doc_titles.get(doc, "")) >= MIN_TITLE_SHARE:
                text = text[: before.start()] + text[at:]
            text = drop_reference(text, span, [roots[root]])
        stripped = self.parser.parse(text)
        # (named by its title as a document is: its document is the one referred to)
        # (and the years its title writes, "（2021-2025年）", are no year asked)
        asked = replace(
            frame, keywords=stripped.keywords, core=stripped.core, year=stripped.year, base_year=stripped.base_year,
            years=stripped.years, doc_ids=(doc,), referenced=(doc,),
        )
        inside = ranked_inside(asked, doc, root)
        return (asked, inside) if inside else None

    def heading_path(self, clause_id: str) -> list[str]:
        """The clause's heading and its parents', nearest first."""
        m = self.model
        path: list[str] = []
        seen: set[str] = set()
        c = m.clauses.get(clause_id)
        while c is not None and c.clause_id not in seen:
            seen.add(c.clause_id)
            path.append(c.heading or "")
            c = m.clauses.get(c.parent_id) if c.parent_id else None
        return path

    def headings(self, clause_id: str) -> str:
        """The clause's heading after its parents' ("工业能源资源节约和综合利用项目的扶持方向" + "扶持标准"): the words that frame
        every sentence of a sub-clause, as a figure's wording is read."""
        return "".join(reversed(self.heading_path(clause_id)))

    def framing_words(self, clause_id: str) -> str:
        """The words that frame every sentence of a clause: its heading path (:meth:`headings`) and its document's title."""
        c = self.model.clauses[clause_id]
        return self.headings(clause_id) + self.model.doc_titles.get(c.doc_id, "")

    # ------------------------------------------------------------------------- documents / free search
    def documents(self, frame: QuestionFrame) -> Answer:
        """The documents stored for the region asked about (its sub-regions included)."""
        m = self.model
        docs = m.scope_docs(frame, include_sub=True)
        if not docs:
            return self.not_found(frame, WHAT_DOCUMENTS)
        evidence = []
        firsts = m.first_clauses(docs)
        for d in docs:
            doc = m.docs[d]
            first = firsts.get(d)
            evidence.append(
                Evidence(doc.source, doc.title, doc.region, "", doc.doc_number, first.text[:200] if first else "", 1.0)
            )
        titles = "、".join(DOCUMENT_TITLE.format(title=m.docs[d].title) for d in docs)
        return Answer(frame.question, frame.intent, True, DOCUMENTS_ANSWER.format(n=len(docs), titles=titles), (), (), tuple(evidence))

    def search(self, frame: QuestionFrame) -> Answer:
        """The most relevant clauses (up to 5) and the best one's best sentence."""
        m, ranker = self.model, self.ranker
        docs = m.scope_docs(frame, include_sub=True)
        ranked = ranker.rank_clauses(frame, docs)
        # the same fitted refusal as every other answerer: probable enough AND covering the question's terms
        # ("游艇行业碳减排…": clauses about 碳减排 do not answer a question about 游艇)
        good = [s for s in ranked[:5] if ranker.answerable(s, frame.referenced)]
        if not good:
            return self.not_found(frame)
        weak = "" if ranker.confident(good[0]) else WEAK_MATCH
        evidence = tuple(self.evidence(s.clause_id, s.score) for s in good[:5])
        best = good[0]
        roles, _how = m.effective_responsibilities(best.clause_id)
        text = SEARCH_ANSWER.format(
            label=self.doc_label(best.clause_id),
            heading=m.clauses[best.clause_id].heading,
            sentence=self.best_sentence(best.clause_id, frame),
        ) + weak
        return Answer(frame.question, frame.intent, True, text, tuple(answer_agencies(roles)), (), evidence)
