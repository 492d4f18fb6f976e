"""Who is responsible: the answerers of lead-agency and responsible-agencies questions (a measure's bodies, a whole
plan's issuer and leads, the actor a clause's sentence names) and of an agency's duties.

A part of :class:`search.answerers.Answerers` (which holds the read model, ranker and parser its methods use); the
answer sentences come from the templates of :mod:`search.answer_text`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from ingest.agencies import (
    MAX_BODY_MENTIONS,
    bodies_mentioned,
    field_bodies_mentioned,
    governments_charged,
    other_kind_body,
)
from ingest.regions import short_name
from ingest.responsibility import SENTENCE_SPLIT_RE, sentence_actors
from search.answer import Answer, AnswerAgency, OTHER_ITEM_AGENCY_SENTENCE, no_agency_sentence, responsibility_how
from search.answer_room import AnswerRoom
from search.answer_text import (
    ACTORS_ANSWER,
    AGENCIES_ANSWER,
    AGENCY_SENTENCE,
    ALSO_UNNAMED,
    CENTRAL_BODY_END_RE,
    CONTACT_DOCS,
    CONTACT_LOOKAHEAD,
    CONTACT_PART,
    CONTACT_QUESTION_RE,
    DEPARTMENT_ASKED_RE,
    DUTIES_ANSWER,
    DUTIES_NONE,
    DUTY_ITEM,
    HOW_NOTES,
    IN_CHARGE_ASKED_RE,
    IN_CHARGE_STATED_RE,
    ISSUER_QUESTION_RE,
    ISSUING_VERBS_RE,
    MIN_CONTACT_MATTER,
    NO_AGENCY_ANSWER,
    NO_AGENCY_SENTENCE,
    ORGANISING_HEADING_RE,
    OWN_MEASURES_MIN_PARAGRAPHS,
    PER_DOC_ANSWER,
    PLAN_ISSUED,
    PLAN_ISSUED_BY,
    PLAN_ISSUER_UNKNOWN,
    PLAN_LABEL,
    PLAN_LEADS,
    PLAN_LEAD_GROUP,
    PLAN_MORE,
    PLAN_NO_LEADS,
    PLAN_ORGANISED,
    PLAN_TITLE_SHARE,
    ROLE_LEAD_WORD,
    ROLE_OTHER_WORD,
    SAME_MATCH_SHARE,
    STATE_COUNCIL_ISSUER_RE,
    SUBJECT,
    TRUSTED_TOP,
    WEAK_MATCH,
    WHAT_AGENCY,
    _role_parts,
    actor_roles,
    answer_agencies,
    asks_whether_stated,
    in_charge_when_alone,
    issuer_names,
)
from search.question import QuestionFrame, normalise
from search.ranking import GENERIC_BIGRAMS, ScoredClause, annotation_parts, text_coverage
from search.readmodel import bigrams, lead_in_actors, measures_named, reviews_past_period

if TYPE_CHECKING:
    from graph.store import AgencyRole
    from ingest.records import Clause, Responsibility


class AgencyAnswers(AnswerRoom):
    """The answerers of who leads, who is responsible and an agency's duties (a part of
    :class:`search.answerers.Answerers`; the shared helpers they call — evidence, labels, not-found answers — are declared
    in :class:`search.answer_room.AnswerRoom`)."""

    unsure_sentence_coverage: float | None

    # ------------------------------------------------------------------------- document references
    @staticmethod
    def annotation_notes(responsibility: Responsibility) -> list[str]:
        """The bracketed annotations a role was read from (none for a role read from prose or a table)."""
        return annotation_parts(responsibility.evidence or "") if responsibility.source == "annotation" else []

    # ------------------------------------------------------------------------- lead / responsible agencies
    def plan_named(self, frame: QuestionFrame) -> str | None:
        """The plan a question asks about as a whole ("武汉市绿色低碳循环发展经济体系由哪个部门牵头？").

        The question's content bigrams lie (≥ :data:`PLAN_TITLE_SHARE`) inside one document title of
        the scope, more than inside any clause heading of it.
        """
        m = self.model
        if frame.doc_ids and len(frame.doc_ids) == 1 and not self.ranker.term_units(frame):
            return frame.doc_ids[0]  # the question named the plan and nothing else
        q_bg = bigrams(frame.core or "") - GENERIC_BIGRAMS
        if len(q_bg) < 4:
            return None
        best: tuple[float, str] | None = None
        for doc_id in m.scope_docs(frame):
            title_bg = bigrams(m.docs[doc_id].title)
            share = len(q_bg & title_bg) / len(q_bg)
            if share >= PLAN_TITLE_SHARE and (best is None or share > best[0]):
                best = (share, doc_id)
        if best is None:
            return None
        heading_share = max(
            (len(q_bg & m.heading_bg.get(c.clause_id, set())) / len(q_bg) for c in m.by_doc.get(best[1], [])),
            default=0.0,
        )
        return best[1] if best[0] > heading_share else None

    def plan(self, frame: QuestionFrame, doc_id: str) -> Answer:
        """A plan-level answer: who issued the plan and which agencies lead its measures, grouped."""
        m = self.model
        doc = m.docs[doc_id]
        leads: dict[str, list[str]] = {}
        region_of: dict[str, str] = {}
        how_of: dict[str, tuple[str, float | None]] = {}  # from the first clause it leads
        evidence_ids: list[str] = []
        for c in m.by_doc.get(doc_id, []):
            for ar in m.responsibilities(c.clause_id):
                if ar.responsibility.role == "lead":
                    leads.setdefault(ar.agency.name, [])
                    if c.heading and c.heading not in leads[ar.agency.name]:
                        leads[ar.agency.name].append(c.heading)
                    region_of[ar.agency.name] = ar.agency.region
                    how_of.setdefault(ar.agency.name, responsibility_how(ar.responsibility))
                    if c.clause_id not in evidence_ids:
                        evidence_ids.append(c.clause_id)
        label = PLAN_LABEL.format(title=doc.title or doc_id)
        issued = PLAN_ISSUED.format(issuer=doc.issuer) if doc.issuer else PLAN_ISSUER_UNKNOWN
        if not leads:
            organised = self.organising_actors(doc_id)
            if organised is not None:
                clause_id, actors, sentence = organised
                heading = m.clauses[clause_id].heading or m.clauses[clause_id].path
                parts = "，".join(_role_parts(actors, implementing=True))
                text = PLAN_ORGANISED.format(label=label, issued=issued, heading=heading, sentence=sentence, parts=parts)
                return Answer(frame.question, frame.intent, True, text, tuple(actors), (), (self.evidence(clause_id, 1.0),))
            text = PLAN_NO_LEADS.format(label=label, issued=issued)
            evidence = tuple(self.evidence(c.clause_id, 1.0) for c in m.by_doc.get(doc_id, [])[:1])
            return Answer(frame.question, frame.intent, True, text, (), (), evidence)
        ranked = sorted(leads.items(), key=lambda kv: -len(kv[1]))
        groups = "；".join(
            PLAN_LEAD_GROUP.format(name=name, n=len(h), headings="、".join(h[:3]), more=PLAN_MORE if len(h) > 3 else "")
            for name, h in ranked[:8]
        )
        text = PLAN_LEADS.format(label=label, issued=issued, groups=groups)
        agencies = tuple(
            AnswerAgency(name, "lead", region_of.get(name, ""), *how_of.get(name, ("", None))) for name, _ in ranked
        )
        return Answer(frame.question, frame.intent, True, text, agencies, (), tuple(self.evidence(cid, 1.0) for cid in evidence_ids[:3]))

    def issuers(self, frame: QuestionFrame, doc_id: str) -> Answer:
        """Who issued a document: its issuers as read from its head or signature, the first listed leading."""
        doc = self.model.docs[doc_id]
        names = issuer_names(doc.issuer)
        agencies = tuple(AnswerAgency(n, "lead" if i == 0 else "co", doc.region, "issuer") for i, n in enumerate(names))
        text = PLAN_ISSUED_BY.format(label=PLAN_LABEL.format(title=doc.title or doc_id), issuers="、".join(names))
        first = self.model.by_doc.get(doc_id, [])[:1]
        return Answer(frame.question, frame.intent, True, text, agencies, (), tuple(self.evidence(c.clause_id, 1.0) for c in first))

    def agencies(self, frame: QuestionFrame) -> Answer:
        """Which agencies lead / are responsible for the measure asked about (or the plan named)."""
        m, ranker = self.model, self.ranker
        docs = m.scope_docs(frame)
        if ISSUER_QUESTION_RE.search(normalise(frame.question)):
            # the question names the document and asks nothing else of it ("公共机构…技术目录由哪些部门编制" asks who
            # compiles a catalogue, a measure, though its words hold a plan's title)
            asked = replace(frame, core=ISSUING_VERBS_RE.sub(" ", frame.core or frame.keywords or ""))
            named = frame.doc_ids[0] if len(frame.doc_ids) == 1 and not ranker.term_units(asked) else self.plan_named(frame)
            if named is not None and m.docs[named].issuer:
                return self.issuers(frame, named)
        plan = self.plan_named(frame) if frame.intent == "lead_agency" else None
        if plan is not None:
            return self.plan(frame, plan)
        ranked = ranker.rank_clauses(frame, docs, prefer="agencies")
        if (within := self.within_attachment(frame, ranked, "agencies")) is not None:
            frame, ranked = within
        def answers(s: ScoredClause) -> bool:
            return ranker.answerable(s, frame.referenced) or self.sentence_vouches(frame, s)

        answered = bool(ranked) and answers(ranked[0])
        if ranked and not answered:
            # the first clause the refusal model does not trust: one just below it that it trusts answers, as for a target
            # (产业园区 47 三（二）: the words of its sentence, ranked second under a clause the model doubts)
            ranked = ranker.trusted_first(ranked, TRUSTED_TOP)
            answered = answers(ranked[0])
        if not answered:
            return self.not_found(frame)
        best = ranked[0]
        weak = "" if ranker.confident(best) else WEAK_MATCH
        if frame.region is None and len({m.clauses[s.clause_id].doc_id for s in ranked[:5]}) > 1:
            multi = self.agencies_per_doc(frame, ranked)
            if multi is not None:
                return multi
        if IN_CHARGE_ASKED_RE.search(normalise(frame.question)) and not IN_CHARGE_STATED_RE.search(m.plain.get(best.clause_id, "")):
            # the body in charge is what the clause saying who is in charge names, when one of the next clauses of the
            # best one's document says it and names it
            doc = m.clauses[best.clause_id].doc_id
            best = next((
                s for s in ranked[1:CONTACT_LOOKAHEAD]
                if m.clauses[s.clause_id].doc_id == doc and ranker.addresses(frame, [s.clause_id])
                and IN_CHARGE_STATED_RE.search(m.plain.get(s.clause_id, ""))
                and answer_agencies(m.effective_responsibilities(s.clause_id)[0])
            ), best)
        roles, how = m.effective_responsibilities(best.clause_id)
        if CONTACT_QUESTION_RE.search(normalise(frame.question)):
            # whom to consult or send material to: the divisions the clause names for that (ingest.contacts) — or, when
            # the best clause names nobody, those of the next clause of its document, in rank order, that names them
            # ("受理机关：…" below "受理时间")
            doc = m.clauses[best.clause_id].doc_id
            named = [best] if roles else [
                best, *(s for s in ranked[1:CONTACT_LOOKAHEAD] if m.clauses[s.clause_id].doc_id == doc)
            ]
            found = next(((s, contacts) for s in named if (contacts := m.contacts(s.clause_id))), None)
            if found is None:
                found = self.contact_line_asked(frame, ranked)
            if found is not None:
                (best, roles), how = found, "own"
        if how == "children" and self.asked_in_own_text(frame, best.clause_id):
            # the measure asked is in the clause's own paragraphs, not in the sub-items that name bodies (南平 465 第四章第四节:
            # its noise paragraph names nobody; its 专栏's projects name eight bodies): they are said as its other items'
            other_items = [a.name for a in answer_agencies(roles)]
            roles, how = [], "none"
        else:
            other_items = []
        unnamed = ""
        if not answer_agencies(roles) and not asks_whether_stated(normalise(frame.question)):
            # several plans of the scope speak of the measure about equally well and the best-matching
            # one names no agency: the one that does answers, and the other's silence is said (unless the question asks
            # whether the document says it: then the document's silence is the answer)
            named = self.named_in_another_plan(ranked)
            if named is not None:
                unnamed = ALSO_UNNAMED.format(label=self.doc_label(best.clause_id))
                best, roles, how = named
        # the bodies the clause names for its other measures, when none is left for the one asked about
        if how == "own":
            scoped = ranker.scope_to_annotated_span(best.clause_id, roles, frame)
            if roles and not answer_agencies(scoped):
                other_items = [a.name for a in answer_agencies(roles)]
            roles = scoped
        as_stated = answer_agencies(roles)
        agencies = in_charge_when_alone(as_stated)
        evidence = [self.evidence(best.clause_id, best.score)]
        # other clauses that match almost as well are listed too (several matching clauses)
        for s in ranked[1:]:
            if len(evidence) >= 3:
                break
            if s.probability >= 0.8 * best.probability and ranker.answerable(s):
                evidence.append(self.evidence(s.clause_id, s.score))
        c = m.clauses[best.clause_id]
        label = self.doc_label(best.clause_id)
        subject = SUBJECT.format(heading=c.heading) if c.heading else ""
        if not agencies and not m.unreadable_annotation(best.clause_id):
            read = self.actors_of_asked_sentence(frame, best.clause_id) or self.actors_of_lead_in(best.clause_id)
            if read is not None:
                actors, sentence = read
                parts = _role_parts(actors, implementing=True)
                text = ACTORS_ANSWER.format(label=label, subject=subject, sentence=sentence, parts="，".join(parts)) + weak
                return Answer(frame.question, frame.intent, True, text, tuple(actors), (), tuple(evidence))
        if not agencies:
            if other_items:
                sentence = OTHER_ITEM_AGENCY_SENTENCE.format(names="、".join(dict.fromkeys(other_items)))
            else:
                sentence = self.no_agency(best.clause_id)
            text = NO_AGENCY_ANSWER.format(label=label, subject=subject, sentence=sentence) + weak
            return Answer(frame.question, frame.intent, True, text, (), (), tuple(evidence))
        parts = _role_parts(as_stated, implementing=True)  # (the text says how the clause puts it: "…负责落实")
        if all(ar.responsibility.source == "contact" for ar in roles):
            parts = [CONTACT_PART.format(names="、".join(a.name for a in agencies))]
        note = HOW_NOTES.get(how, "")
        text = AGENCIES_ANSWER.format(label=label, subject=subject, note=note, parts="，".join(parts)) + unnamed + weak
        return Answer(frame.question, frame.intent, True, text, tuple(agencies), (), tuple(evidence))

    def named_in_another_plan(
        self, ranked: list[ScoredClause]
    ) -> tuple[ScoredClause, list[AgencyRole], str] | None:
        """The best clause of another document that matches about as well as the first (its probability
        within :data:`SAME_MATCH_SHARE`, and at least as many of the question's terms) and names agencies,
        with its effective responsibilities."""
        m, best = self.model, ranked[0]
        best_doc = m.clauses[best.clause_id].doc_id
        for s in ranked[1:30]:
            if s.probability < SAME_MATCH_SHARE * best.probability or not self.ranker.answerable(s):
                continue
            if s.term_coverage < best.term_coverage or m.clauses[s.clause_id].doc_id == best_doc:
                continue
            roles, how = m.effective_responsibilities(s.clause_id)
            if answer_agencies(roles):
                return s, roles, how
        return None

    def contact_line_asked(
        self, frame: QuestionFrame, ranked: list[ScoredClause]
    ) -> tuple[ScoredClause, list[AgencyRole]] | None:
        """The contact line of the best-ranked documents whose matter the question names ("政策咨询由市科技局哪个处室负责"
        and the notice's "政策咨询：市科技局社会发展与农村科技处…"), when the clauses ranked first name no contact: the line
        whose matter (its words without the division's name) shares the most bigrams with the question, at least
        :data:`MIN_CONTACT_MATTER` and more than any other line; None otherwise."""
        m = self.model
        docs = list(dict.fromkeys(m.clauses[s.clause_id].doc_id for s in ranked[:CONTACT_LOOKAHEAD]))[:CONTACT_DOCS]
        asked = bigrams(normalise(frame.question))
        scored: list[tuple[int, str, list[AgencyRole]]] = []
        for doc in docs:
            for c in m.by_doc.get(doc, []):
                contacts = m.contacts(c.clause_id)
                if not contacts:
                    continue
                matter = " ".join(ar.responsibility.evidence for ar in contacts)
                for ar in contacts:
                    own = ar.agency.name[len(ar.agency.region):] if ar.agency.region else ar.agency.name
                    matter = matter.replace(own, " ")
                scored.append((len(asked & bigrams(normalise(matter))), c.clause_id, contacts))
        scored.sort(key=lambda x: -x[0])
        if not scored or scored[0][0] < MIN_CONTACT_MATTER or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        _n, clause_id, contacts = scored[0]
        scored_clause = next((s for s in ranked if s.clause_id == clause_id), None)
        if scored_clause is None:
            scored_clause = ScoredClause(clause_id=clause_id, score=ranked[-1].score if ranked else 0.0)
        return scored_clause, contacts

    def actors_of_asked_sentence(self, frame: QuestionFrame, clause_id: str) -> tuple[list[AnswerAgency], str] | None:
        """The departments the clause's sentence that the question asks about writes as its actor
        (:func:`ingest.responsibility.sentence_actors`), qualified with the document's region, and that sentence; None
        when no sentence shares more of the question's bigrams than every other or the one that does names no actor.
        The first listed leads and the rest are co unless they act together (共同 / 分别 …: all lead); lower-level
        bodies carry it out (README "Responsibility conventions")."""
        m = self.model
        clause = m.clauses[clause_id]
        # (the document's own title in the question names the document, not the sentence: "城乡建设领域碳达峰实施方案的组织
        # 领导方面…"; the heading is no sentence of the clause's text)
        asked = bigrams(normalise(frame.core or frame.question)) - bigrams(normalise(m.docs[clause.doc_id].title or ""))
        heading = normalise(clause.heading or "")
        shared = [
            (len(asked & bigrams(normalise(s))), s.strip())
            for s in SENTENCE_SPLIT_RE.split(m.plain.get(clause_id, ""))
            if not (heading and normalise(s.strip()) == heading)
        ]
        most = max((n for n, s in shared if s), default=0)
        region, place = self.doc_place(m.clauses[clause_id].doc_id)
        # the sentences sharing the most: the one of them that writes an actor (none when two do, or none does)
        read = [(s, got) for n, s in shared if s and n == most and (got := sentence_actors(s, place))[0]] if most else []
        if not read and ORGANISING_HEADING_RE.search(clause.heading or "") and asked & bigrams(heading):
            # (a plan's organising clause asked about by what it organises — "…方案的组织实施由哪个部门牵头" — when no
            # sentence of it is asked by more words: who its first sentence naming departments charges, as for the plan)
            read = [first] if (first := self.organising_sentence(clause_id, place)) is not None else []
        if len(read) != 1:
            return None
        sentence, (names, together) = read[0]
        if DEPARTMENT_ASKED_RE.search(frame.question) and all(other_kind_body(n) for n in names):
            return None  # (the sentence charges enterprises or the media; the question asks which department)
        return actor_roles(names, together, region, self.central_issuer(clause.doc_id)), sentence

    def doc_place(self, doc_id: str) -> tuple[str, str]:
        """A document's region and the short name its sentences may write bodies with (三明 of 三明市; none for 全国)."""
        region = self.model.docs[doc_id].region or ""
        return region, (short_name(region) if region and region != "全国" else "")

    def actors_of_lead_in(self, clause_id: str) -> tuple[list[AnswerAgency], str] | None:
        """The departments the clause's parent, a clause that only leads into its items, writes as its actor
        (:func:`search.readmodel.lead_in_actors`), qualified with the document's region, and that sentence; None when it
        names none."""
        m = self.model
        clause = m.clauses[clause_id]
        region, place = self.doc_place(clause.doc_id)
        names, together, sentence = lead_in_actors(m.clauses.get(clause.parent_id or ""), place)
        if not names:
            return None
        return actor_roles(names, together, region, self.central_issuer(clause.doc_id)), sentence

    def central_issuer(self, doc_id: str) -> bool:
        """Whether central ministries issued the document: a national document whose issuer is no State Council or
        Party Central body (国务院, 中共中央 and their offices address every level; a ministry's plan speaks of ministries)."""
        doc = self.model.docs.get(doc_id)
        if doc is None or doc.region != "全国":
            return False
        # (the issuer as read from the head or signature, else the body the title opens with: "国家发展改革委等部门关于…")
        opener = (doc.title or "").split("关于", 1)[0] if "关于" in (doc.title or "") else ""
        issuer = doc.issuer or (opener if CENTRAL_BODY_END_RE.search(opener) else "")
        return bool(issuer) and not STATE_COUNCIL_ISSUER_RE.search(issuer)

    def organising_actors(self, doc_id: str) -> tuple[str, list[AnswerAgency], str] | None:
        """The bodies a plan's organising clause (its heading :data:`ORGANISING_HEADING_RE`: 加强组织领导, 组织实施 …)
        writes as the actor of its first sentence that names departments, with their roles (:func:`actor_roles`), the
        clause and that sentence: who carries a plan whose measures name no lead ("在碳达峰碳中和工作领导小组领导下，住房和
        城乡建设部、国家发展改革委等部门加强协作"); None when no such clause names one."""
        m = self.model
        region, place = self.doc_place(doc_id)
        for c in m.by_doc.get(doc_id, []):
            if not ORGANISING_HEADING_RE.search(c.heading or ""):
                continue
            if (first := self.organising_sentence(c.clause_id, place)) is not None:
                sentence, (names, together) = first
                return c.clause_id, actor_roles(names, together, region, self.central_issuer(doc_id)), sentence
        return None

    def organising_sentence(self, clause_id: str, place: str) -> tuple[str, tuple[list[str], bool]] | None:
        """The first sentence of an organising clause that writes departments (not bodies of another kind only) as its
        actor, with them (:func:`ingest.responsibility.sentence_actors`); None when none does."""
        for sentence in SENTENCE_SPLIT_RE.split(self.model.plain.get(clause_id, "")):
            names, together = sentence_actors(sentence.strip(), place)
            if names and not all(other_kind_body(n) for n in names):
                return sentence.strip(), (names, together)
        return None

    def no_agency(self, clause_id: str) -> str:
        """What to say of a clause with no agency read: its unreadable annotation, the departments its text mentions and
        the governments it charges as a sentence's subject (quoted, never asserted), or that it names none
        (:func:`search.answer.no_agency_sentence`)."""
        text = self.model.plain.get(clause_id, "")
        # (a government charged as a sentence's subject is mentioned too: "市政府将不定期派出督查组" is no clause naming none)
        # (… and departments named by their field or function: "交通运输部门负责监测取证" is no clause naming none)
        mentioned = list(dict.fromkeys(bodies_mentioned(text) + field_bodies_mentioned(text) + governments_charged(text)))
        return no_agency_sentence(self.model.unreadable_annotation(clause_id), mentioned[:MAX_BODY_MENTIONS])

    def agency_sentence(self, clause_id: str, frame: QuestionFrame | None = None) -> tuple[str, list[AnswerAgency]]:
        """One document's part of a per-document agency answer, and its agencies — narrowed, as a single answer is, to
        the measure ``frame`` asks about when the clause names bodies for several."""
        roles, how = self.model.effective_responsibilities(clause_id)
        if how == "own" and frame is not None:
            roles = self.ranker.scope_to_annotated_span(clause_id, roles, frame)
        agencies = answer_agencies(roles)
        c = self.model.clauses[clause_id]
        label = self.doc_label(clause_id) + (SUBJECT.format(heading=c.heading) if c.heading else "")
        if not agencies:
            sentence = self.no_agency(clause_id)
            return NO_AGENCY_SENTENCE.format(label=label, sentence=sentence), []
        parts = _role_parts(agencies, implementing=False)
        note = HOW_NOTES.get(how, "")
        return AGENCY_SENTENCE.format(label=label, note=note, parts="，".join(parts)), agencies

    def agencies_per_doc(self, frame: QuestionFrame, ranked: list[ScoredClause]) -> Answer | None:
        """No region named and several documents match about equally: one answer per document."""
        best = ranked[0]
        per_doc: dict[str, ScoredClause] = {}
        for s in ranked[:30]:
            doc = self.model.clauses[s.clause_id].doc_id
            if doc not in per_doc and s.probability >= SAME_MATCH_SHARE * best.probability and self.ranker.answerable(s):
                per_doc[doc] = s
        if len(per_doc) < 2:
            return None
        sentences, agencies, evidence = [], [], []
        for s in per_doc.values():
            sentence, ags = self.agency_sentence(s.clause_id, frame)
            sentences.append(sentence)
            agencies.extend(a for a in ags if a not in agencies)
            evidence.append(self.evidence(s.clause_id, s.score))
        text = PER_DOC_ANSWER.format(n=len(per_doc), sentences="；".join(sentences))
        return Answer(frame.question, frame.intent, True, text, tuple(agencies), (), tuple(evidence))

    def asked_in_own_text(self, frame: QuestionFrame, clause_id: str) -> bool:
        """Whether a clause of several paragraphs of its own (measures of its own, not one sentence introducing its items:
        "对建设充电设施项目的，…给予一次性建设补贴" over its 具体扶持标准) holds more of the question's terms in them (IDF
        share, with its heading path) than any of its sub-items does (each read with its own headings): the measure asked
        is the clause's own, not a sub-item's."""
        units = self.ranker.term_units(frame)
        m = self.model
        c = m.clauses[clause_id]
        paragraphs = [p for p in c.text.split("\n") if p.strip() and p.strip() != (c.heading or "").strip()]
        if not units or len(paragraphs) < OWN_MEASURES_MIN_PARAGRAPHS:
            return False
        own = text_coverage(c.text + self.framing_words(clause_id), units)
        below: list[Clause] = list(m.children.get(clause_id, []))
        best_below = 0.0
        while below:
            child = below.pop()
            best_below = max(best_below, text_coverage(child.text + self.framing_words(child.clause_id), units))
            below.extend(m.children.get(child.clause_id, []))
        return own > best_below

    def sentence_vouches(self, frame: QuestionFrame, best: ScoredClause) -> bool:
        """Whether one sentence of the best clause, read with its paragraph's run-in heading, its heading path and document
        title (:meth:`sentence_coverage`), holds the fitted share of the question's terms, so that the clause answers
        though the refusal model is unsure of it (a long clause of many measures: "西安每年建设绿道不少于100公里" in a
        section on green city building)."""
        floor = self.unsure_sentence_coverage
        units = self.ranker.term_units(frame)
        if floor is None or not units:  # (a question without terms is covered by any sentence)
            return False
        covered = self.sentence_coverage(best.clause_id, units)
        return covered is not None and covered >= floor

    # ------------------------------------------------------------------------- agency duties
    def duties(self, frame: QuestionFrame) -> Answer:
        """The work an agency leads (else takes part in), one item per clause — or per measure, under its lead phrase,
        where a clause's measures carry their own notes or a prose sentence gives the agency one of them."""
        if frame.agency is None:
            return self.not_found(frame, WHAT_AGENCY)
        # only the documents in scope: those the question names, else every document
        in_scope = set(frame.doc_ids) if frame.doc_ids else None

        def scoped(rows: Iterable[tuple]) -> list[tuple]:
            # (a plan's review of the last period reports what a body did, no work it is charged with)
            return [
                r for r in rows
                if (in_scope is None or r[0].doc_id in in_scope)
                and not reviews_past_period(self.heading_path(r[0].clause_id))
            ]

        rows = scoped(self.model.clauses_of_agency(frame.agency, role="lead"))
        role_word = ROLE_LEAD_WORD
        if not rows:
            rows = scoped(self.model.clauses_of_agency(frame.agency))
            role_word = ROLE_OTHER_WORD
        if not rows:
            return Answer(frame.question, frame.intent, False, DUTIES_NONE.format(agency=frame.agency))
        # one evidence item per clause; a clause whose parent is also listed is folded into it
        ids = {c.clause_id for c, _r in rows}
        evidence = []
        seen: set[str] = set()
        agency = next((a for a in self.model.agencies if a.name == frame.agency), None)
        own: dict[str, list[Responsibility]] = {}  # clause -> the agency's roles there, as the extraction read them
        for c, r in rows:
            own.setdefault(c.clause_id, []).append(r)
        for c, _r in rows:
            if c.clause_id in seen or (c.parent_id in ids):
                continue
            seen.add(c.clause_id)
            whole = self.evidence(c.clause_id, 1.0)
            # a section whose measures each carry their own note (德州's 规划, a 专栏's projects): the measures whose
            # notes name the agency, each an item under its own lead phrase, rather than the whole section; where prose
            # gives the agency its role, the measures whose text holds that sentence ("四是强化监督检查。市住建局将…")
            mine = measures_named(
                c.text,
                (n for ar in self.model.responsibilities(c.clause_id) for n in self.annotation_notes(ar.responsibility)),
                (n for r in own[c.clause_id] for n in self.annotation_notes(r)),
                (r.evidence for r in own[c.clause_id] if r.source == "prose" and r.evidence),
            )
            if mine:
                evidence.extend(replace(whole, heading=h, text=p) for h, p in mine)
            else:
                evidence.append(whole)
        items = "、".join(DUTY_ITEM.format(heading=e.heading, clause_no=e.clause_no) for e in evidence)
        text = DUTIES_ANSWER.format(agency=frame.agency, role=role_word, n=len(evidence), items=items)
        role = "lead" if role_word == ROLE_LEAD_WORD else "co"
        first = next((r for _c, r in rows if r.role == role), None)  # how the role was read: its first clause
        agencies = (
            AnswerAgency(frame.agency, role, agency.region if agency else "",
                         *(responsibility_how(first) if first is not None else ("", None))),
        )
        return Answer(frame.question, frame.intent, True, text, agencies, (), tuple(evidence))
