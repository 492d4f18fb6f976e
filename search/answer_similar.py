"""Where else: the answerer of similar-measures questions (other documents' clauses like the one asked about, or other
plans of the same kind and theme).

A part of :class:`search.answerers.Answerers` (which holds the read model, ranker and parser its methods use); the
answer sentences come from the templates of :mod:`search.answer_text`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ingest.agencies import bodies_mentioned
from ingest.doctypes import document_type
from ingest.regions import groups_named
from search.answer import Answer, Evidence
from search.answer_room import AnswerRoom
from search.answer_text import (
    DOCUMENT_TITLE,
    RE_ISSUED_AFTER_BODY,
    RE_KIND_TYPE_END,
    RE_NO_CONTENT,
    RE_OTHER_PLACES,
    RE_PLACE_SET_APART_AFTER,
    RE_REGION_LEVEL_END,
    RE_SIMILAR_FRAMING,
    RE_SIMILAR_TURN,
    RE_SPOKEN_FROM,
    RE_TYPE_ONLY,
    RE_WITHIN_AFTER,
    SIMILAR_ANY,
    SIMILAR_NONE,
    SIMILAR_PLANS,
    SIMILAR_TO,
    SIMILAR_TO_UNHEADED,
    WHAT_SIMILAR,
    _place_label,
    asked_level,
    asks_places_only,
    kind_asked,
)
from search.docref import find_doc_numbers
from search.index import rrf_fuse
from search.question import QuestionFrame, normalise
from search.ranker import SimilarWeights
from search.ranking import GENERIC_BIGRAMS, GENERIC_WORDS, ScoredClause
from search.readmodel import RE_CONTENT, bigrams


def rank_feature(rank: int) -> float:
    """A candidate's place in a ranking as a similar-measures feature: 1 for the first, 1/(1+0.2·rank) after."""
    return 1.0 / (1 + rank * 0.2)


class SimilarAnswers(AnswerRoom):
    """The answerer of similar measures and similar plans (a part of :class:`search.answerers.Answerers`; the
    shared helpers it calls — evidence, labels, not-found answers — are declared in :class:`search.answer_room.AnswerRoom`)."""

    plan_share: float | None
    similar_weights: SimilarWeights

    def plan_label(self, doc_id: str) -> str:
        """A document as listed: 《title》, its region first when the title does not name it (天津市《关于…方案》)."""
        d = self.model.docs[doc_id]
        title = DOCUMENT_TITLE.format(title=d.title or doc_id)
        region = d.region or ""
        if not region or region == "全国" or region in title:
            return title
        gaz = self.model.gazetteer
        if gaz is not None and gaz.find_mentions(d.title or ""):
            return title  # the title names its place in a short form (天津、黑龙江省)
        return region + title

    # ------------------------------------------------------------------------- similar measures
    def plans_like(
        self,
        frame: QuestionFrame,
        exclude: str | None,
        k: int,
        theme: set[str] | None = None,
        relevance: dict[str, float] | None = None,
    ) -> list[str]:
        """Documents whose titles cover the question's theme ("还有哪些城市出台了绿色建筑创建行动实施方案？").

        A document counts when at least ``min_title_share`` (fitted by ``scripts/fit_similar_plans.py``)
        of the question's content bigrams lie in its title; best share first, at most ``k``; among equal shares and
        levels, the plans whose best clause speaks more of the question (``relevance``: a document's best clause score)
        first ("还有哪些城市的“十四五”生态环境保护规划里也提出建设“无废城市”": the plans that say it).
        """
        relevance = relevance or {}
        # the theme as asked (a title the question quotes is the theme here, not a reference to drop),
        # without the words that made it a similar-measures question (其他城市, 各省市, 可以参考 …)
        q_bg = self.similar_theme(frame) if theme is None else theme
        share_min = self.plan_share
        if len(q_bg) < 4 or share_min is None:
            return []
        # plans of the level the question asks for by its place word first ("还有哪个省…", "其他省区市…": provinces before any
        # city's plan); else, among equal shares, the named plan's level first
        asked = asked_level(frame.question)
        level = asked or (
            self.model.docs[frame.doc_ids[0]].level if len(frame.doc_ids) == 1 and frame.doc_ids[0] in self.model.docs else None
        )
        # a kind asked as alternatives ("制造业绿色低碳转型或绿色制造行动方案"): a title that holds one of them enough
        alternatives = [a for a in self.kind_alternatives(frame) if len(a) >= 3]
        scored = []
        for doc_id, doc in self.model.docs.items():
            if doc_id == exclude:
                continue
            title_bg = bigrams(doc.title)
            share = max([len(q_bg & title_bg) / len(q_bg), *(len(a & title_bg) / len(a) for a in alternatives)])
            if share >= share_min:
                other_level = not self.of_level(doc_id, asked) if asked else doc.level != level
                first = other_level if asked else False
                scored.append((first, -share, other_level, -relevance.get(doc_id, float("-inf")), doc_id))
        return [d for *_order, d in sorted(scored)[:k]]

    def plans_holding_theme(self, frame: QuestionFrame, plans: list[str], theme: set[str] | None = None) -> list[str]:
        """The ``plans`` (in their order) whose titles hold as much of the question's theme (at least four bigrams) as the
        best title does — the plans of that name ("“十四五”生态环境保护规划" with the question's 编制 in no title) — of the
        level the question asks for when it asks one (其他城市, 还有哪些省)."""
        q_bg = self.similar_theme(frame) if theme is None else theme
        if len(q_bg) < 4:
            return []
        level = asked_level(frame.question)
        held = {d: len(q_bg & bigrams(self.model.docs[d].title)) for d in plans if d in self.model.docs}
        best = max(held.values(), default=0)
        return [d for d in plans if d in held and held[d] == best and (level is None or self.of_level(d, level))]

    def no_places(self, frame: QuestionFrame) -> set[str]:
        """The documents a similar-measures question that asks which places have the measure, and nothing beyond them
        (:func:`asks_places_only`), does not list: the national ones — a national plan is no place ("哪些地方的文件也提出
        了黄河流域横向生态补偿"); none when it asks for more than places."""
        if not asks_places_only(normalise(frame.question)):
            return set()
        return set(self.model.docs_of("全国"))

    def of_level(self, doc_id: str, level: str) -> bool:
        """Whether a document is of the level a question asks for; a municipality's (上海市, a province-level city) is
        a city's too ("还有哪些城市出台了…")."""
        doc = self.model.docs[doc_id]
        return doc.level == level or (level == "city" and doc.level == "provincial" and (doc.region or "").endswith("市"))

    def similar_within(self, frame: QuestionFrame) -> tuple[str, str | None] | None:
        """(the region a similar-measures question keeps to, the place inside it whose document is the reference)
        for "青海省内除了西宁，还有哪个地方…" / "江苏省里其他城市…", else None."""
        if not frame.region or not RE_OTHER_PLACES.search(frame.question):
            return None
        for name in frame.regions_mentioned:
            short = RE_REGION_LEVEL_END.sub("", name)
            forms = {name, short} if len(short) >= 2 else {name}
            # (never the place set apart: "除了苏州其他城市…" asks beyond 苏州)
            if any(re.search(r"(?<!除)(?<!除了)(?<!除去)" + re.escape(f) + RE_WITHIN_AFTER, frame.question) for f in forms):
                inner = next((r for r in frame.regions_mentioned if r != name and self.model.region_descendant(r, name)), None)
                if inner is None and any(re.search(re.escape(f) + RE_SPOKEN_FROM, frame.question) for f in forms):
                    continue  # "太原这边除了节能减排实施方案，其他省…": a document set apart, not a place inside it
                return name, inner
        return None

    def place_set_apart(self, frame: QuestionFrame) -> str | None:
        """The place a similar-measures question sets apart from the places it asks about ("除了上海，其他地方有没有类似的…",
        "除了成都，还有哪些城市也出台了…") — the question's own region when it is written so — else None."""
        if not frame.region or frame.region == "全国":
            return None
        short = RE_REGION_LEVEL_END.sub("", frame.region)
        forms = sorted({frame.region, short} if len(short) >= 2 else {frame.region}, key=len, reverse=True)
        pattern = r"除(?:了|去)?(?:" + "|".join(map(re.escape, forms)) + r")" + RE_PLACE_SET_APART_AFTER
        return frame.region if re.search(pattern, normalise(frame.question)) else None

    def similar(self, frame: QuestionFrame, k: int = 8) -> Answer:
        """Measures like the one asked about, one per other document (dense similarity + lexical relevance);
        documents whose titles cover the question's theme come first (plans of the same kind). A question that
        keeps to one region ("青海省内除了西宁…") lists only that region's documents."""
        within = self.similar_within(frame)
        if within is None:
            apart = self.place_set_apart(frame)
            if apart is None:
                return self.similar_in(frame, k)
            # "除了上海，其他地方…": the measure is the place's, the others are every other place's documents
            own = set(self.model.scope_docs(replace(frame, region=apart, doc_ids=()), include_sub=True))
            return self.similar_in(frame, k, set(self.model.docs) - own)
        container, inner = within
        allowed = set(self.model.scope_docs(replace(frame, region=container, doc_ids=()), include_sub=True))
        asked = frame
        if inner:  # the place set apart ("除了西宁", "类似南京的") is the reference, its documents none of the others
            asked = replace(frame, region=inner)
            allowed -= set(self.model.scope_docs(replace(frame, region=inner, doc_ids=()), include_sub=True))
        return self.similar_in(asked, k, allowed)

    def similar_in(self, frame: QuestionFrame, k: int = 8, allowed: set[str] | None = None) -> Answer:
        """:meth:`similar` over the documents in ``allowed`` (all when None)."""
        m, ranker = self.model, self.ranker
        k_out, k = k, (k if allowed is None else 40)
        index = ranker.index
        theme = self.similar_theme(frame)
        unlisted = self.no_places(frame)
        evidence: list[Evidence] = []
        source_id = None
        if frame.region is not None or frame.doc_ids:
            # the measure asked about stands in the region's plans, or in the document the question names
            # ("国管局印发了2022年公共机构…工作安排，有哪些省份出了类似的…")
            docs = m.scope_docs(frame)
            ranked = ranker.rank_clauses(frame, docs)
            if frame.doc_ids and not (ranked and ranked[0].probability >= ranker.weights.min_probability):
                # the document was named by the measure's own words, before the question turns to other places ("国家在产业
                # 园区规划环评中开展碳排放评价试点，有哪些省份也提出了…类似做法": the notice's title): with them taken out nothing
                # names the measure, so they name it (words after the turn describe what is sought, not the measure asked about)
                asked = self.parser.parse(frame.question)
                if self.title_words_name_measure(frame, asked):
                    ranked = ranker.rank_clauses(replace(frame, keywords=asked.keywords, core=asked.core), docs)
            if ranked and ranked[0].probability >= ranker.weights.min_probability:
                source_id = ranked[0].clause_id
                evidence.append(self.evidence(source_id, ranked[0].score))
        hits: list = []
        if source_id is not None:
            exclude = m.clauses[source_id].doc_id
            if index is not None and source_id in index:
                from search.similar import similar_measures

                hits = similar_measures(index, source_id, k=k, exclude_doc=exclude)
            others = [d for d in m.docs if d != exclude]
            lexical = ranker.rank_clauses(frame, others)
            like_source = [h.clause_id for h in hits]
            if index is not None and len(index) and frame.keywords:
                # the question's own words for the measure ("探索推进建筑师负责制试点") beside the whole
                # source clause's meaning: a clause of several measures is similar to many things
                like_words = [h.clause_id for h in index.search(frame.keywords, k=4 * k)
                              if h.clause_id in m.clauses and m.clauses[h.clause_id].doc_id != exclude]
                like_source = [cid for cid, _ in rrf_fuse([like_source, like_words])]
            picked = self.one_per_doc([(cid, 0.0) for cid in like_source], lexical, k, theme, exclude, unlisted)
        else:
            # a document the question names, though none of its clauses is the measure ("…格式准则规定了…，还有没有别的
            # 文件也是专门管…的"), is the reference all the same: never a document "like" itself
            named = frame.doc_ids[0] if len(frame.doc_ids) == 1 else None
            lexical = ranker.rank_clauses(frame, sorted(d for d in m.docs if d != named))
            dense: list[tuple[str, float]] = []
            if index is not None and len(index):
                try:
                    dense = [(h.clause_id, h.score) for h in index.search(frame.keywords or frame.question, k=40)]
                except Exception:
                    dense = []
            if named is not None:
                dense = [(cid, sc) for cid, sc in dense if cid.split("#", 1)[0] != named]
            picked = self.one_per_doc(dense, lexical, k, theme, named, unlisted)
        # the document asked about is the reference, never a plan "like" itself
        source_doc = m.clauses[source_id].doc_id if source_id is not None else None
        # (one named document; several equally named are the theme: "还有哪些城市出台了绿色建筑创建行动实施方案")
        asked = set(frame.doc_ids) if len(frame.doc_ids) == 1 else set()
        best_of: dict[str, tuple[str, float]] = {}
        for s in lexical:
            best_of.setdefault(m.clauses[s.clause_id].doc_id, (s.clause_id, s.score))
        relevance = {d: sc for d, (_cid, sc) in best_of.items()}
        every_plan = [
            d for d in self.plans_like(frame, source_doc, len(m.docs), theme, relevance) if d not in asked and d not in unlisted
        ]
        plans = every_plan[:k]
        # every plan whose title holds the whole theme ("除了西安，还有哪些城市编制了“十四五”生态环境保护规划": seventeen
        # cities' plans of that name) is listed, of the level asked for, however many: a list of such plans cut at k
        # leaves out plans exactly like those named
        whole = self.plans_holding_theme(frame, every_plan, theme)
        if len(whole) > k and not self.kind_alternatives(frame):
            plans = whole
        if len(frame.referenced) > 1:
            # the plans the question's title words name ("类似…那样的本地节能降碳技术改造方案": 合肥's and 海南's) are
            # plans of the theme, first
            plans = [*frame.referenced, *(d for d in plans if d not in frame.referenced)][: max(k, len(frame.referenced))]
        if plans:
            first = [best_of.get(d) or (m.by_doc.get(d, [None])[0].clause_id, 0.0) for d in plans if m.by_doc.get(d)]
            picked = first + [(cid, sc) for cid, sc in picked if m.clauses[cid].doc_id not in set(plans)]
            picked = picked[: max(k, len(first))]
        if allowed is not None:
            # (the plans of the whole theme among those allowed are listed however many, as without a limit)
            whole_allowed = [d for d in whole if d in allowed]
            if len(whole_allowed) > k_out and not self.kind_alternatives(frame):
                plans = whole_allowed
            else:
                plans = [d for d in plans if d in allowed][:k_out]
            picked = [(cid, sc) for cid, sc in picked if m.clauses[cid].doc_id in allowed][: max(k_out, len(plans))]
        for cid, sc in picked:
            evidence.append(self.evidence(cid, sc))
        if not evidence:
            return self.not_found(frame, WHAT_SIMILAR)
        if plans:
            titles = "、".join(self.plan_label(d) for d in plans)
            text = SIMILAR_PLANS.format(titles=titles)
            more = [e for e in evidence if e.clause_id != source_id and e.clause_id.split("#", 1)[0] not in plans]
            if more:  # measures of the same theme in other kinds of documents
                text += SIMILAR_ANY.format(places="、".join(dict.fromkeys(_place_label(e) for e in more)))
            return Answer(frame.question, frame.intent, True, text, (), (), tuple(evidence))
        others_ev = [e for e in evidence if e.clause_id != source_id]
        places = "、".join(dict.fromkeys(_place_label(e) for e in others_ev))
        if source_id is not None:
            c = m.clauses[source_id]
            template = SIMILAR_TO if c.heading else SIMILAR_TO_UNHEADED
            text = template.format(label=self.doc_label(source_id), heading=c.heading, places=places or SIMILAR_NONE)
        else:
            text = SIMILAR_ANY.format(places=places)
        return Answer(frame.question, frame.intent, bool(others_ev) or source_id is not None, text, (), (), tuple(evidence))

    def title_words_name_measure(self, frame: QuestionFrame, asked: QuestionFrame) -> bool:
        """Whether the words a document reference took from a similar-measures question (``frame``, as parsed before:
        ``asked``) all stand before the question turns to other places (:data:`RE_SIMILAR_TURN`) — the measure asked
        about, not what the other places' documents are sought for; False when no turn is found."""
        # (compared as the terms are: lower-cased — VOCs, CCUS)
        question = normalise(frame.question).lower()
        turn = RE_SIMILAR_TURN.search(question)
        if turn is None:
            return False  # (no turn found: which words are the measure's cannot be told)
        head = question[: turn.start()]
        kept = {terms for terms, _weight in self.ranker.term_units(frame)}
        taken = [terms for terms, _weight in self.ranker.term_units(asked) if terms not in kept]
        return bool(taken) and all(any(t in head for t in terms) for terms in taken)

    def similar_candidates(
        self, dense: list[tuple[str, float]], lexical: list[ScoredClause], theme: set[str], source_doc: str | None
    ) -> list[tuple[str, dict[str, float]]]:
        """The candidate clauses of a similar-measures answer with their features (:data:`SIMILAR_FEATURES`): the
        dense neighbours (in their order) and the best 60 of the lexical ranking over the other documents; ``theme``
        is the question's (:meth:`similar_theme`)."""
        m = self.model
        feats: dict[str, dict[str, float]] = {}
        for rank, (cid, _sc) in enumerate(dense):
            feats.setdefault(cid, {})["dense"] = rank_feature(rank)
        for rank, s in enumerate(lexical[:60]):
            f = feats.setdefault(s.clause_id, {})
            f["lexical"] = rank_feature(rank)  # the lexical ranking's order, as the dense one's
            f["heading"], f["coverage"], f["term_coverage"] = s.heading, s.coverage, s.term_coverage
            f["rare_term"] = dict(s.features).get("rare_term", 0.0)
        source = m.docs.get(source_doc) if source_doc else None
        source_type = document_type(source.title) if source else ""
        out = []
        for cid, f in feats.items():
            doc = m.docs.get(m.clauses[cid].doc_id)
            if doc is None:
                continue
            f["title_share"] = len(theme & bigrams(doc.title)) / len(theme) if theme else 0.0
            f["same_type"] = float(bool(source_type) and document_type(doc.title) == source_type)
            f["same_level"] = float(source is not None and doc.level == source.level)
            out.append((cid, f))
        return out

    def similar_theme(self, frame: QuestionFrame) -> set[str]:
        """The content bigrams of a similar-measures question's theme, without the words that made it one."""
        question = normalise(frame.question)
        kind = kind_asked(question)
        # the kind of document asked for, when the question writes it after 类似 ("国家层面出了公共机构…促进碳达峰的
        # 方案，地方上有没有类似的公共机构绿色低碳行动方案"): the document named before is the reference, not the theme —
        # when the kind says enough to compare titles by (a theme of at least 4 bigrams, as plans_like needs)
        if kind and len(RE_NO_CONTENT.sub("", kind.group("kind"))) >= 4:
            kind_theme = self.theme_of(kind.group("kind"))
            if len(kind_theme) >= 4:
                return kind_theme
        return self.theme_of(frame.question)

    def kind_alternatives(self, frame: QuestionFrame) -> list[set[str]]:
        """The themes of a kind asked for as alternatives ("制造业绿色低碳转型或绿色制造行动方案": 制造业绿色低碳转型行动方案,
        绿色制造行动方案 — the type word written once at the end going with each; "林业碳汇方面的行动计划或管理办法": the
        subject written once at the start going with each type); [] when it is one."""
        kind = kind_asked(normalise(frame.question))
        if kind is None or "或" not in kind.group("kind"):
            return []
        parts = [p for p in kind.group("kind").split("或") if p]
        if len(parts) >= 2 and all(RE_TYPE_ONLY.fullmatch(p) for p in parts[1:]) and (head := RE_KIND_TYPE_END.sub("", parts[0])):
            # the alternatives are types of one subject ("林业（林草）碳汇方面的行动计划或管理办法"): the subject written once
            # at the start goes with each type
            return [self.theme_of(parts[0]), *(self.theme_of(head + p) for p in parts[1:])]
        end = RE_KIND_TYPE_END.search(parts[-1]) if parts else None
        tail = end.group(0) if end else ""
        return [self.theme_of(p if p.endswith(tail) else p + tail) for p in parts]

    def theme_of(self, text: str) -> set[str]:
        """The content bigrams of ``text`` as a similar-measures theme (see :meth:`similar_theme`)."""
        # where the question looks and what it calls the places (西北地区, 哪些省市, 市州) and how the plans came about (也编制了,
        # 配套的) are no part of the theme
        for group in groups_named(text):
            for form in group.forms:
                text = text.replace(form, " ")
        # … nor is the body that issued the plan named ("国家发改委等部门出台了…若干意见，有没有省份据此制定了…")
        for body in bodies_mentioned(text):
            if re.search(re.escape(body) + RE_ISSUED_AFTER_BODY.pattern, text):
                text = text.replace(body, " ")  # (a body asked for stays: "还有哪些生态环境部门出台过类似的…")
        text = RE_SIMILAR_FRAMING.sub(" ", text)
        # … nor is a document number the plans were made after ("也按国发〔2021〕4号出台…": 国发, 20, 21, 1号 name no plan)
        # (found in the text as NFKC writes it: "国发（2021）4号" is found as 国发(2021)4号)
        if numbers := find_doc_numbers(text):
            text = unicodedata.normalize("NFKC", text)
            for written, _number in numbers:
                text = text.replace(written, " ")
        theme = self.parser.parse(text).core or ""
        for rule in self.parser.rules:
            if rule.intent == "similar_measures":
                theme = rule.pattern.sub(" ", theme)
        # the content words only: a run the parser left whole ("哪个城市也出台了自己的碳排放权交易管理办法") holds
        # question words whose bigrams no title has; words stay apart (组织|企业|申报 is no 织企 or 业申), but a
        # one-character word goes with the word it is written against ("水" + "生态环境保护")
        theme = normalise(theme).lower()
        words: list[str] = []
        pos, end, glue = 0, -1, ""
        for tok in self.ranker.tokenize(theme):
            at = theme.find(tok, pos)
            if at < 0:
                continue
            if tok in GENERIC_WORDS or not RE_CONTENT.fullmatch(tok):
                # a one-character word after a question word ("哪个" + "省有") goes with neither
                glue = ""
                pos, end = at + len(tok), -1
                continue
            if len(tok) == 1:
                if at == end and words:
                    words[-1] += tok
                    glue = ""
                else:
                    glue = tok
            else:
                words.append((glue if at == end else "") + tok)
                glue = ""
            pos = end = at + len(tok)
        return bigrams(" ".join(words)) - GENERIC_BIGRAMS

    def one_per_doc(
        self,
        dense: list[tuple[str, float]],
        lexical: list[ScoredClause],
        k: int,
        theme: set[str],
        source_doc: str | None = None,
        unlisted: set[str] | None = None,
    ) -> list[tuple[str, float]]:
        """Best clause per document by the similar-document score (:class:`search.ranker.SimilarWeights`, fitted by
        ``scripts/fit_similar_ranker.py``), the ``k`` best documents at or above its ``min_score``, none of ``unlisted``."""
        weights = self.similar_weights
        best_per_doc: dict[str, tuple[str, float]] = {}
        for cid, features in self.similar_candidates(dense, lexical, theme, source_doc):
            sc = weights.score(features)
            doc = self.model.clauses[cid].doc_id
            if unlisted and doc in unlisted:
                continue
            if doc not in best_per_doc or sc > best_per_doc[doc][1]:
                best_per_doc[doc] = (cid, sc)
        out = sorted(best_per_doc.values(), key=lambda x: (-x[1], x[0]))
        return [x for x in out if x[1] >= weights.min_score][:k]
