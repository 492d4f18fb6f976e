"""Clause ranking for one question: features, scores, refusal, term coverage, span scoping.

:class:`Ranker` turns a parsed question and the clauses of the documents in scope into
:class:`ScoredClause` rows, best first. Features are those of :data:`search.ranker.FEATURES`;
the weights and refusal thresholds come from :mod:`search.ranker` (data, fitted by a script).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.errors import DictionaryError
from ingest.responsibility import assists_by_own_duties, sentence_actors
from search.question import QuestionFrame, QuestionParser, normalise
from search.ranker import TARGET_FEATURES, RankerWeights, TargetWeights, default_target_weights
from search.readmodel import RE_CONTENT, ReadModel, bigrams, strip_markup

if TYPE_CHECKING:
    from graph.store import AgencyRole
    from ingest.records import Clause, Target
    from search.index import SearchIndex

GENERIC_WORDS_FILE = Path(__file__).resolve().parent / "dictionaries" / "generic_words.txt"

# a time expression in a question: 到2025年 / 2022年底前 / 2014-2015年 / “十四五”期间
RE_TIME_EXPR = re.compile(
    r"(?:到|至|在|于|从)?(?:(?:19|20)\d{2}(?:-(?:19|20)?\d{2})?年?(?:底|末|前|以前|年底|年末)*(?:前)?)"
    r"|(?:到|在)?[“\"]?十[一二三四五]五[”\"]?(?:期间|时期|末|时期末)?"
)
# a bare year token (2025, 2025年): matched against targets, not clause wording
RE_YEAR_TOKEN = re.compile(r"(?:19|20)\d{2}年?")
# a question word naming a body (发改委, 住建局)
RE_AGENCY_WORD = re.compile(r"(?:局|委|厅|办|部|署)$")
# a clause with several inline annotations: the question must cover this share of its terms in one span, ahead
# of the next-best span by this margin, before the answer is narrowed to that span's annotation
SPAN_MIN_COVERAGE = 0.5
SPAN_MIN_MARGIN = 0.2
MAX_TITLE_HEADING = 30  # the longest clause heading read as a title the question may name

Units = list[tuple[tuple[str, ...], float]]  # (alternative wordings, IDF weight) per question term


@lru_cache(maxsize=None)
def load_generic_words(path: Path = GENERIC_WORDS_FILE) -> dict[str, frozenset[str]]:
    """Read ``generic_words.txt``: one word a line under ``[section]`` headers.

    Raises:
        DictionaryError: a word before any section, or a line holding several words (names file and line).
    """
    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), set())
            continue
        if current is None or len(line.split()) != 1:
            raise DictionaryError(f"invalid generic word entry in {path} at line {n}: {raw!r}")
        current.add(line)
    return {name: frozenset(words) for name, words in sections.items()}


# generic words that carry no topic (dropped from bigram matching)
GENERIC_BIGRAMS: frozenset[str] = load_generic_words()["bigrams"]
# question words that say what kind of answer is wanted, not what it is about
GENERIC_WORDS: frozenset[str] = load_generic_words()["words"]


def of_generic_words(word: str) -> bool:
    """Whether ``word`` is two or more question or generic words run together ("这项工作文件里" segmented 工作文件: 工作 +
    文件), which no clause need hold."""
    return any(
        word[:i] in GENERIC_WORDS and (word[i:] in GENERIC_WORDS or of_generic_words(word[i:]))
        for i in range(2, len(word) - 1)
    )


@dataclass(frozen=True)
class ScoredClause:
    """A candidate clause with its score components (kept for debugging / the UI)."""

    clause_id: str
    score: float  # the ranker's log-odds
    retrieval: float = 0.0
    heading: float = 0.0
    coverage: float = 0.0
    facts: float = 0.0
    probability: float = 0.0  # the refusal model's probability that this clause answers the question
    term_coverage: float = 0.0
    features: tuple[tuple[str, float], ...] = ()


def annotation_parts(evidence: str) -> list[str]:
    """The top-level bracketed annotations in a responsibility's evidence (several when one agency was named in the
    same role by several annotations of one clause); nested brackets (各县（市、区）政府) stay inside their part."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(evidence):
        if ch in "（(〔":
            if depth == 0:
                start = i
            depth += 1
        elif ch in "）)〕" and depth:
            depth -= 1
            if depth == 0:
                parts.append(evidence[start : i + 1])
    return parts


def names_agency(word: str) -> bool:
    """A question word that names a body (发改委, 住建局): it is asked about, not a measure word."""
    return bool(RE_AGENCY_WORD.search(word)) and len(word) <= 8


def text_coverage(text: str, units: Units) -> float:
    """IDF-weighted share of the question's terms a text holds (1.0 without terms)."""
    if not units:
        return 1.0
    text = normalise(strip_markup(text)).lower()
    total = sum(w for _u, w in units)
    return sum(w for u, w in units if any(x in text for x in u)) / total if total else 1.0


# the items a clause enumerates ("一是…，二是…，三是加快绿色建筑专项规划编制工作，各县(市、区)住建局要会同…"): each its own
# measure, and a body named as the subject inside one is responsible for that one only
ENUMERATED_ITEM_RE = re.compile(
    # 一是…, （1）…, and numbered items written inline after a sentence ("…防止二次污染。3.推进建筑垃圾减量化…"; never a
    # decimal: a character follows the mark)
    r"(?:^|(?<=[。；;，,：:]))\s*(?:[一二三四五六七八九十]{1,2}是|[（(]\d{1,2}[）)]|\d{1,2}[.．、](?=[\u4e00-\u9fff]))"
)


def _prose_of_the_asked_item(
    text: str,
    roles: list[AgencyRole],
    evidence: str,
    frame: QuestionFrame,
    term_units: Callable[[QuestionFrame], Units] | None,
) -> list[AgencyRole]:
    """Without the roles read from one sentence of an enumerated clause when the question asks about another item:
    the item holding the question's terms clearly better than the one whose subject the body is; a clause of fewer than
    two items is narrowed by its sentences instead (:func:`_prose_of_the_asked_sentence`)."""
    starts = [m.start() for m in ENUMERATED_ITEM_RE.finditer(text)]
    units = [u for u in term_units(frame) if not any(names_agency(w) for w in u[0])] if term_units else []
    if not units:
        return roles
    if len(starts) < 2:
        return _prose_of_the_asked_sentence(text, roles, evidence, units)
    items = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]
    if _other_piece_asked(items, evidence, units) is None:
        return roles
    return [ar for ar in roles if ar.responsibility.source != "prose"]


def _other_piece_asked(pieces: list[str], evidence: str, units: Units) -> int | None:
    """The index of the piece of a clause (an enumerated item, a sentence) that holds the question's terms clearly better
    than the one piece holding the prose ``evidence``; None when no piece or several hold the evidence, or none is
    clearly better asked."""
    plain = normalise(strip_markup(evidence))
    own = [i for i, piece in enumerate(pieces) if plain[:12] and plain[:12] in normalise(strip_markup(piece))]
    if len(own) != 1:
        return None
    coverage = [text_coverage(piece, units) for piece in pieces]
    asked = max(range(len(pieces)), key=lambda i: coverage[i])
    if asked == own[0] or coverage[asked] < SPAN_MIN_COVERAGE or coverage[asked] - coverage[own[0]] < SPAN_MIN_MARGIN:
        return None
    return asked


def _prose_of_the_asked_sentence(
    text: str, roles: list[AgencyRole], evidence: str, units: Units
) -> list[AgencyRole]:
    """Without the roles read from one sentence of a clause when the question asks about another sentence that names its
    own actor: the sentence holding the question's terms clearly better than the prose one, with a body of its own before
    its predicate (:func:`ingest.responsibility.sentence_actors`: "电力交易机构和调度机构按照职责分工做好市场运行信息的
    记录…。发展改革委、能源局对电力市场运行状况开展定期评估…", "生态环境部要做好任务分解…。各级法院和检察院加强环境司法").
    A sentence without a subject goes on with the duty of the one before it, and one whose bodies assist ("…等相关部门按照
    各自职责，配合做好…") works with the body named before, so neither takes the roles away."""
    sentences = [s for s in re.split(r"[。；;]", text) if s.strip()]
    asked = _other_piece_asked(sentences, evidence, units)
    if asked is None:
        return roles
    actors = sentence_actors(sentences[asked])[0]
    if not actors or any(REFERRING_ACTOR_RE.match(a) for a in actors) or ASSISTING_RE.search(sentences[asked]):
        return roles  # (no actor of its own, the bodies named before — "上述部门要加强信息共享" —, or bodies assisting them)
    return [ar for ar in roles if ar.responsibility.source != "prose"]


# an actor that points back at bodies named before it ("上述部门", "以上单位", "该局", "其…")
REFERRING_ACTOR_RE = re.compile(r"^(?:上述|以上|前述|该|这些|这个|其|本(?:部门|单位|机关))")
# a sentence whose bodies assist another ("…按照各自职责，配合做好…", "协助市生态环境局…")
ASSISTING_RE = re.compile(r"配合|协助")


# a sentence that opens with its agent ("由市住房城乡建设委牵头，…等部门参与"): its measure is the sentence before it
SUBJECTLESS_AGENT_RE = re.compile(r"^(?:并|同时|具体)?由(?!于|此)")


def with_topic_sentence(text: str, sentences: list[str]) -> dict[str, str]:
    """Each prose sentence with the measure it is about: a sentence opening with its agent only (由X牵头，Y参与…) with
    the sentence before it in the clause text ("建立全市绿色社区创建行动部门协作机制。由市住房城乡建设委牵头…"), any
    other as written."""
    plain = normalise(strip_markup(text))
    reach = {}
    for s in sentences:
        written = normalise(s)
        at = plain.find(written)
        if at > 0 and SUBJECTLESS_AGENT_RE.match(written):
            before = plain[:at].rstrip("。;；")
            start = max(before.rfind(mark) for mark in "。;；\n") + 1
            reach[s] = plain[start:at] + written
        else:
            reach[s] = s
    return reach


def _prose_paragraphs(text: str, sentences: list[str]) -> dict[str, str]:
    """Each prose sentence's reach in the clause text: from where it is written to where the next one starts (the
    sentence alone when it cannot be found)."""
    plain = normalise(strip_markup(text))
    at = sorted((plain.find(normalise(s)), s) for s in sentences if plain.find(normalise(s)) >= 0)
    return {s: plain[a : (at[i + 1][0] if i + 1 < len(at) else len(plain))] for i, (a, s) in enumerate(at)}


def scope_to_annotated_span(
    clauses: dict[str, Clause],
    clause_id: str,
    roles: list[AgencyRole],
    frame: QuestionFrame,
    term_units: Callable[[QuestionFrame], Units] | None = None,
    title: str = "",
) -> list[AgencyRole]:
    """Narrow a clause's roles to the one measure the question asks about.

    Genre convention (天津, 上海 … "加快建立健全绿色低碳循环发展经济体系" plans): a clause lists several measures,
    each followed by its own annotation "（A、B按职责分工负责）"; an annotation covers the sentences since the
    previous one. When a clause holds two or more such inline annotations and the question's words clearly
    match one span (and not the clause heading, which asks about the whole clause), only the roles from that
    span's annotation are kept, plus roles whose evidence is not an inline annotation (carry-over notes).
    Spans are scored by ``term_units`` (IDF-weighted terms) when given, else by shared bigrams. Roles
    stated in prose, one sentence each, are narrowed the same way to the sentence holding the measure.
    """
    c = clauses.get(clause_id)
    if c is None or not roles:
        return roles
    text = c.text or ""
    notes = {
        n
        for ar in roles
        if ar.responsibility.source == "annotation"
        for n in annotation_parts(ar.responsibility.evidence or "")
    }
    # every place an annotation is written: a clause may repeat one ("（推进单位：市住建局）" after two projects), and each
    # occurrence closes its own span
    positions = sorted({(m.start(), n) for n in notes if n for m in re.finditer(re.escape(n), text)})
    written = len({n for _, n in positions})
    # (the divisions a clause names to contact, one line each, are narrowed like prose)
    prose = sorted({ar.responsibility.evidence for ar in roles
                    if ar.responsibility.source in ("prose", "contact") and ar.responsibility.evidence})
    if written < 2 and len(prose) == 1:
        return _prose_of_the_asked_item(text, roles, prose[0], frame, term_units)
    if written < 2 and len(prose) < 2:
        return roles
    q_bg = bigrams(frame.core or frame.keywords or frame.question) - GENERIC_BIGRAMS
    if not q_bg:
        return roles
    heading = c.heading or ""
    # (a heading longer than a title is the article's first sentence: "市人民政府应当统筹建立绿色企业评价要求、…工作机制")
    if heading and len(heading) <= MAX_TITLE_HEADING and len(bigrams(heading) & q_bg) >= max(2, 0.5 * len(q_bg)):
        return roles  # the question names the clause itself
    # each span is scored by the IDF-weighted share of the question's content terms it holds
    # (raw bigrams of a spoken question are mostly function words)
    units = [u for u in term_units(frame) if not any(names_agency(w) for w in u[0])] if term_units else []
    # the words the question shares with the document's ``title`` name the document, not one of its measures ("齐齐哈尔…
    # 城乡建设领域碳达峰行动领导小组里，推进城市绿色照明由哪些科室负责": 城乡建设, 碳达峰, 领导小组, 城市 are the notice's
    # title; 绿色照明 picks the duty line) — unless they are all the question has
    without_title = [u for u in units if not all(w in title for w in u[0])] if title else units
    units = without_title or units
    if written < 2:
        # responsibilities stated in prose, one sentence each ("省发展改革委要发挥牵头协调作用…。省统计局牵头
        # 负责…数据统计"): the sentence that holds the asked measure says who, the others do not
        if not units:
            return roles
        topic = with_topic_sentence(text, prose)
        by_cov = sorted(((text_coverage(topic[ev], units), ev) for ev in prose), key=lambda x: -x[0])
        if by_cov[0][0] < SPAN_MIN_COVERAGE:
            # no sentence holds it: each sentence with what follows it up to the next one — a list of bodies'
            # paragraphs ("各级教育部门要指导大中小学…。要组织开展第五届“讲好节能故事”征集活动…") holds the measure later
            reach = _prose_paragraphs(text, prose)
            by_cov = sorted(((text_coverage(reach.get(ev, ev), units), ev) for ev in prose), key=lambda x: -x[0])
        best_cov = by_cov[0][0]
        if best_cov < SPAN_MIN_COVERAGE:
            return roles
        # the sentences that hold the measure about equally well (a duty list's "X科：推进城市绿色照明" and
        # "Y中心：协同推进城市绿色照明"); when that is every sentence, the question does not pick one
        kept = {ev for cov, ev in by_cov if best_cov - cov < SPAN_MIN_MARGIN}
        if len(kept) == len(prose):
            return roles
        # the lower levels' bodies a sentence charges with carrying out ("各县区政府负责具体实施落实，确保各项政策措施落地
        # 见效") carry out whichever of the clause's measures is asked, beside the body its own sentence names; a sentence
        # whose bodies only assist ("统计、金融…等相关部门按照各自职责，配合做好…", all co) works with the lead the clause's
        # other sentences name, which stays
        assisting_only = all(assists_by_own_duties(ev) for ev in kept) and not any(
            ar.responsibility.source == "prose" and ar.responsibility.evidence in kept and ar.responsibility.role != "co"
            for ar in roles
        )
        return [
            ar for ar in roles
            if ar.responsibility.source not in ("prose", "contact") or ar.responsibility.evidence in kept
            or (ar.responsibility.source == "prose" and ar.responsibility.role == "implementing")
            or (assisting_only and ar.responsibility.source == "prose" and ar.responsibility.role == "lead")
        ]
    spans: list[tuple[float, str]] = []
    start = 0
    for pos, note in positions:
        body = text[start:pos]
        if start == 0 and heading:
            body = body.replace(heading, "", 1)
        if units:
            # the measure's lead phrase ("淘汰落后低效和过剩产能。…") breaks ties between spans that both
            # mention the words
            lead = re.split(r"[。；]", body.strip(), maxsplit=1)[0]
            cov = text_coverage(body, units) + 0.5 * text_coverage(lead, units)
        else:
            cov = len(bigrams(body) & q_bg) / len(q_bg)
        spans.append((cov, note))
        start = pos + len(note)
    spans.sort(key=lambda x: -x[0])
    best_cov, best_note = spans[0]
    # (the runner-up is the best span closed by another annotation: two spans closed by the same one name the same
    # bodies)
    runner_up = next((cov for cov, note in spans[1:] if note != best_note), 0.0)
    if best_cov < SPAN_MIN_COVERAGE or best_cov - runner_up < SPAN_MIN_MARGIN:
        return roles
    inline = [n for _, n in positions]
    # a role's evidence holds every annotation that named it in that role (ingest.responsibility); roles from
    # no inline annotation (carry-over notes) apply to the whole clause
    return [
        ar
        for ar in roles
        if best_note in ar.responsibility.evidence or not any(n in ar.responsibility.evidence for n in inline)
    ]


def target_features(t: Target, frame: QuestionFrame, q_bg: set[str], clause_score: float) -> dict[str, float]:
    """The target-choice features (:data:`search.ranker.TARGET_FEATURES`) of one target for a target question.

    ``coverage`` and ``preamble_repeat`` depend on the other candidates and are set by the caller.
    """
    f = dict.fromkeys(TARGET_FEATURES, 0.0)
    f["clause"] = clause_score
    f["indicator_equal"] = float(bool(frame.indicator) and t.indicator == frame.indicator)
    raw_bg = bigrams(t.indicator_raw or t.indicator) - GENERIC_BIGRAMS
    ind_bg = bigrams(t.indicator) - GENERIC_BIGRAMS
    if raw_bg:
        f["raw_overlap"] = len(raw_bg & q_bg) / len(raw_bg)
    if ind_bg:
        f["indicator_overlap"] = len(ind_bg & q_bg) / len(ind_bg)
    q = frame.question
    if frame.year is not None:
        if t.target_year == frame.year:
            f["year_match"] = 1.0
        elif t.target_year is not None and (frame.year not in frame.years or len(frame.years) == 1):
            f["year_mismatch"] = 1.0
    f["base_year_match"] = float(frame.base_year is not None and t.base_year == frame.base_year)
    comp = t.comparator or ""
    if comp and comp in q:
        f["comparator_match"] = 1.0
    elif re.search(r"下降|降低|减少", q) and re.search(r"下降|降低|减少|降至", comp):
        f["decrease_match"] = 1.0
    f["percent_unit"] = float(bool(re.search(r"比例|比重|占比|率|百分", q)) and t.unit == "%")
    unit_chars = set(re.sub(r"[0-9.%/]", "", t.unit or ""))
    f["unit_match"] = float(bool(unit_chars & set(q)))
    f["no_target_year"] = float(t.target_year is None)
    return f


def target_score(t: Target, frame: QuestionFrame, q_bg: set[str], clause_score: float,
                 weights: TargetWeights | None = None) -> float:
    """How well one target answers a target question, before coverage (see :func:`target_features`)."""
    w = weights or default_target_weights()
    return w.score(target_features(t, frame, q_bg, clause_score))


# the word of the national scope: no term of a question whose scope it is (a place's name is no term of its questions)
NATIONAL_SCOPE_WORD = "全国"


class Ranker:
    """Scores the clauses of a read model for a question.

    Args:
        model: the store snapshot.
        index: the hybrid index (None: lexical scoring only).
        parser: the question parser (its query synonyms make multi-wording terms).
        weights: the fitted ranker and refusal weights.
    """

    def __init__(self, model: ReadModel, index: SearchIndex | None, parser: QuestionParser, weights: RankerWeights):
        self.model = model
        self.index = index
        self.parser = parser
        self.weights = weights
        self._prose_bigrams: dict[str, list[set[str]]] = {}

    def rank_clauses(
        self,
        frame: QuestionFrame,
        doc_ids: Sequence[str],
        *,
        prefer: str = "",
        k_retrieval: int = 40,
    ) -> list[ScoredClause]:
        """Score every clause of ``doc_ids`` for the question, best first.

        Args:
            frame: the parsed question.
            doc_ids: documents in scope.
            prefer: "agencies" (clauses with responsibilities score higher), "targets", or "".
            k_retrieval: retrieval depth.
        """
        if not doc_ids:
            return []
        query = frame.keywords or frame.question
        retr: dict[str, float] = {}
        dense: dict[str, float] = {}
        if self.index is not None and len(self.index):
            try:
                hits = self.index.search(query, k=k_retrieval, doc_ids=list(doc_ids))
            except Exception:
                hits = []
            if hits:
                top = max(h.score for h in hits) or 1.0
                for h in hits:
                    # rank-based and score-based agreement: RRF scores are small and flat
                    retr[h.clause_id] = 0.5 * (h.score / top) + 0.5 / (1 + (h.rank - 1) * 0.25)
                    # the absolute cosine: the relative score above is 1.0 for the best hit of any
                    # question, however unrelated, so refusals need the absolute similarity too
                    if h.dense_score is not None:
                        dense[h.clause_id] = float(h.dense_score)
        q_bg = bigrams(query) - GENERIC_BIGRAMS
        topics = set(frame.topics)
        units = self.term_units(frame)
        weights = self.weights
        clauses = self.model.clauses
        out: list[ScoredClause] = []
        text_bg, heading_bg = self.model.text_bg, self.model.heading_bg
        # the per-query read model narrows a scope too wide to rank whole (the snapshot ranks it all)
        ranked_docs = self.model.rank_scope(doc_ids, list(retr), lambda: self.tokenize(query))
        for doc_id in ranked_docs:
            for c in self.model.by_doc.get(doc_id, []):
                cid = c.clause_id
                # a clause sharing no bigram with the question (text, heading or paragraph lead phrases are
                # all in its text) and not retrieved cannot answer it: it is left out of the ranking
                if q_bg and cid not in retr and text_bg.get(cid, set()).isdisjoint(q_bg) and heading_bg.get(
                    cid, set()
                ).isdisjoint(q_bg):
                    continue
                f = self.clause_features(c, frame, q_bg, topics, units, retr, prefer)
                f["dense"] = dense.get(c.clause_id, 0.0)
                score = weights.score(f)
                facts = f["topic"] * 0.1 + f["own_resp"] * 0.15 + f["child_resp"] * 0.08 + f["has_target"] * 0.1
                out.append(
                    ScoredClause(
                        c.clause_id, score, f["retrieval"], f["heading"], f["coverage"], facts,
                        weights.answer_probability(score, f), f["term_coverage"], tuple(f.items()),
                    )
                )
        out.sort(key=lambda s: (-s.score, clauses[s.clause_id].doc_id, clauses[s.clause_id].order))
        return out

    def clause_features(
        self,
        c: Clause,
        frame: QuestionFrame,
        q_bg: set[str],
        topics: set[str],
        units: Units,
        retr: dict[str, float],
        prefer: str,
    ) -> dict[str, float]:
        """The ranker's features (:data:`search.ranker.FEATURES`) of one clause for one question."""
        m = self.model
        cid = c.clause_id
        h_bg = m.heading_bg.get(cid, set())
        t_bg = m.text_bg.get(cid, set())
        heading = 0.0
        if h_bg and q_bg:
            inter = len(h_bg & q_bg)
            heading = 0.6 * inter / len(h_bg) + 0.4 * inter / len(q_bg)
        para = 0.0
        if q_bg:
            for p_bg in m.para_heads_bg.get(cid, ()):
                inter = len(p_bg & q_bg)
                if inter:
                    para = max(para, 0.6 * inter / len(p_bg) + 0.4 * inter / len(q_bg))
        own = child = stated = 0.0
        if prefer == "agencies":
            roles, how = m.effective_responsibilities(cid)
            own, child = float(how == "own"), float(how == "children")
            if how == "own" and q_bg:
                stated = max((len(b & q_bg) / len(q_bg) for b in self.prose_bigrams(cid, roles)), default=0.0)
        coverage = len(q_bg & t_bg) / len(q_bg) if q_bg else 0.0
        r = retr.get(cid, 0.0)
        return {
            "retrieval": r,
            "heading": heading,
            "para_heading": para,
            "coverage": coverage,
            # a clause sharing no bigram with the question and not retrieved holds none of its terms
            "term_coverage": self.term_coverage(cid, units) if (coverage or r or heading or not q_bg) else 0.0,
            # the question's rarest term (highest IDF) is in the clause: a clause lacking the very word
            # that names the subject ("核电站") does not answer, however close the rest of it is
            "rare_term": self.has_rarest_term(cid, units),
            "topic": len(set(c.topics) & topics) / len(topics) if topics else 0.0,
            "own_resp": own,
            "child_resp": child,
            "resp_sentence": stated,
            "has_target": float(prefer == "targets" and bool(m.targets_by_clause.get(cid))),
            "bare_section": float(
                c.kind == "section" and bool(m.children.get(cid)) and len(strip_markup(c.text)) < len(c.heading) + 40
            ),
        }

    def prose_bigrams(self, clause_id: str, roles: Sequence[AgencyRole]) -> list[set[str]]:
        """Bigrams of each sentence of the clause that names its bodies in prose ("市生态环境局是…平台的主管部门")."""
        cached = self._prose_bigrams.get(clause_id)
        if cached is None:
            sentences = {r.responsibility.evidence for r in roles if r.responsibility.source == "prose"}
            cached = self._prose_bigrams[clause_id] = [bigrams(x) - GENERIC_BIGRAMS for x in sorted(sentences) if x]
        return cached

    def has_rarest_term(self, clause_id: str, units: Units) -> float:
        """1.0 when the clause holds a wording of the question's rarest (highest-IDF) term, or there are no terms."""
        if not units:
            return 1.0
        rarest = max(units, key=lambda u: u[1])[0]
        text = self.model.plain_heading.get(clause_id, "")
        return float(any(w in text for w in rarest))

    def trusted_first(self, ranked: list[ScoredClause], top: int) -> list[ScoredClause]:
        """``ranked`` with the first of its first ``top`` clauses that clears the refusal model's probability threshold
        moved to the front (unchanged when none does or the first does): the ranker orders, the refusal model says
        whether a clause answers at all."""
        trusted = next((i for i, s in enumerate(ranked[:top]) if s.probability >= self.weights.min_probability), 0)
        return [ranked[trusted], *ranked[:trusted], *ranked[trusted + 1 :]] if trusted else ranked

    def confident(self, s: ScoredClause) -> bool:
        """Whether a ranked clause clears the fitted refusal thresholds (probability and term coverage)."""
        return s.probability >= self.weights.min_probability and s.term_coverage >= self.weights.min_term_coverage

    def answerable(self, s: ScoredClause, named: Collection[str] = ()) -> bool:
        """Whether a ranked clause is good enough to answer from.

        Above the fitted refusal thresholds, always. Below them, a clause of a document the question names
        (``named``: the frame's ``referenced``) still answers when it shares a content term with the question: the
        question says the document is in the store, so "未找到" would be false; such an answer says its match is weak
        (:data:`search.answer_text.WEAK_MATCH`). The thresholds were fitted on "is the best clause right", not on
        "is the question about the store", so below them a named document's best clause is the honest answer.
        """
        if self.confident(s):
            return True
        return bool(named) and s.term_coverage > 0 and self.model.clauses[s.clause_id].doc_id in named

    # ------------------------------------------------------------------------- term coverage
    def tokenize(self, text: str) -> list[str]:
        """Words of a text, by the index's tokenizer (jieba without an index)."""
        tok = getattr(getattr(self.index, "tokenizer", None), "tokenize", None)
        if tok is not None:
            return list(tok(text))
        import jieba

        return jieba.lcut(text)

    def segment(self, text: str) -> list[str]:
        """The words of a text as written, every character kept (the index's tokenizer; jieba without an index)."""
        seg = getattr(getattr(self.index, "tokenizer", None), "segment", None)
        if seg is not None:
            return list(seg(text))
        import jieba

        return jieba.lcut(text)

    def term_units(self, frame: QuestionFrame) -> Units:
        """The question's content terms as (alternative wordings, IDF weight) units.

        A paraphrased term (VOCs) is one unit covered by any of its wordings (挥发性有机物);
        other words come from the tokenizer, question/generic words removed.
        """
        core = normalise(frame.core or frame.keywords).lower()
        # time expressions (到2025年, 2022年底前, "十四五") are matched against targets, not wording;
        # removed before tokenising so they leave no fragments such as "率到"
        core = RE_TIME_EXPR.sub(" ", core)
        units: list[tuple[str, ...]] = []
        for term, wordings in self.parser.synonyms:
            t = term.lower()
            if t in core:
                units.append((t, *(w.lower() for w in wordings)))
                core = core.replace(t, " ")
        for tok in self.tokenize(core):
            tok = tok.strip().lower()
            if len(tok) < 2 or tok in GENERIC_WORDS or not RE_CONTENT.fullmatch(tok) or tok.isdigit():
                continue
            if of_generic_words(tok):
                continue  # (question words run together: "这项工作文件里" segmented 工作文件)
            if RE_YEAR_TOKEN.fullmatch(tok):
                continue  # years are matched against targets, not clause wording
            if tok == NATIONAL_SCOPE_WORD and frame.region == NATIONAL_SCOPE_WORD:
                continue  # (the national scope, as a place's name is: "全国公共机构能源消费总量要控制在多少以内")
            if (tok,) not in units:
                units.append((tok,))
        prefetch = getattr(self.model, "prefetch_df", None)  # the per-query model counts in one round trip
        if prefetch is not None:
            prefetch([w for unit in units for w in unit])
        df = self.model.df
        n = len(self.model.plain) or 1
        out = []
        for unit in units:
            if len(unit) == 1 and df(unit[0]) == 0:
                # a word no clause of the store holds: the asker's compound for what a clause says otherwise
                # ("泡温泉" for 温泉, "报告书" for 报告) is matched by its longest parts the store does hold (question
                # words are no parts); without such parts, a dictionary word is kept (游艇: the store may not cover the
                # question) and a fragment the segmenter made up from unknown characters ("来设", "最多补") is dropped
                parts = self.known_parts(unit[0])
                if parts:
                    unit = parts
                elif not self.in_dictionary(unit[0]):
                    continue
            d = min(df(w) for w in unit) if len(unit) == 1 else max(df(w) for w in unit)
            out.append((unit, math.log((n + 1) / (d + 1)) + 0.1))
        return out

    def in_dictionary(self, word: str) -> bool:
        """Whether the tokenizer's dictionary holds the word (jieba's own without an index)."""
        knows = getattr(getattr(self.index, "tokenizer", None), "knows", None)
        if knows is not None:
            return bool(knows(word))
        import jieba

        jieba.initialize()
        return bool(jieba.dt.FREQ.get(word))

    def known_parts(self, word: str) -> tuple[str, ...]:
        """The longest substrings (two characters or more, not question words) of ``word`` that some clause holds."""
        by_size = [
            tuple(dict.fromkeys(
                word[i:i + size] for i in range(len(word) - size + 1)
                if word[i:i + size] not in GENERIC_WORDS and RE_CONTENT.fullmatch(word[i:i + size])
            ))
            for size in range(len(word) - 1, 1, -1)
        ]
        prefetch = getattr(self.model, "prefetch_df", None)  # the per-query model counts them in one round trip
        if prefetch is not None:
            prefetch([x for parts in by_size for x in parts])
        df = self.model.df
        for parts in by_size:
            known = tuple(x for x in parts if df(x) > 0)
            if known:
                return known
        return ()

    def term_coverage(self, clause_id: str, units: Units) -> float:
        """IDF-weighted share of the question's terms the clause contains (1.0 without terms)."""
        if not units:
            return 1.0
        text = self.model.plain_heading.get(clause_id, "")
        total = sum(w for _u, w in units)
        got = sum(w for u, w in units if any(x in text for x in u))
        return got / total if total else 1.0

    def addresses(self, frame: QuestionFrame, clause_ids: Iterable[str]) -> bool:
        """Whether any of the clauses covers enough of the question's terms to count as an answer."""
        units = self.term_units(frame)
        return any(self.term_coverage(cid, units) >= self.weights.min_term_coverage for cid in clause_ids)

    def scope_to_annotated_span(self, clause_id: str, roles: list[AgencyRole], frame: QuestionFrame) -> list[AgencyRole]:
        """:func:`scope_to_annotated_span` over this model's clauses, spans scored by IDF-weighted terms."""
        clause = self.model.clauses.get(clause_id)
        doc = self.model.docs.get(clause.doc_id) if clause is not None else None
        return scope_to_annotated_span(
            self.model.clauses, clause_id, roles, frame, self.term_units, normalise(doc.title) if doc is not None else ""
        )


__all__ = [
    "GENERIC_BIGRAMS",
    "GENERIC_WORDS",
    "RE_TIME_EXPR",
    "Ranker",
    "ScoredClause",
    "annotation_parts",
    "load_generic_words",
    "names_agency",
    "scope_to_annotated_span",
    "target_features",
    "target_score",
    "text_coverage",
    "with_topic_sentence",
]
