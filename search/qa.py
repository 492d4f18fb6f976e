"""Question answering: graph facts + hybrid retrieval -> :class:`search.answer.Answer` (no LLM).

How a clause is chosen (deterministic):

1. :mod:`search.question` parses the question (intent, region, topics, indicator, agency, years).
   A region no stored document covers gives "not found" at once — never a look-alike region.
2. The candidate clauses are those of the documents issued for the region (all documents when
   no region is named). Each gets a score from

   * the hybrid retrieval rank (dense + BM25, restricted to those documents),
   * how well the question matches the clause *heading* (character bigrams; a heading names
     the measure, which is how staff refer to it),
   * how much of the question the clause text covers,
   * topic overlap (taxonomy tags), and graph facts: for agency questions a clause that has
     responsibilities (its own, or its sub-items' when it has none) is preferred; for target
     questions a clause with matching targets.
3. Agencies and targets are read from the graph for the chosen clause.

Everything except the query embedding is in-memory lookups, cached per store snapshot
(:meth:`QAEngine.refresh` after ingest).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ingest.doctypes import doc_type_alternation
from search.docref import normalise_doc_number, resolve_reference
from search.ranker import RankerWeights, default_weights
from search.answer import Answer, no_agency_sentence, AnswerAgency, AnswerTarget, Evidence
from search.question import QuestionFrame, QuestionParser, normalise

ROLE_ORDER = {"lead": 0, "co": 1, "implementing": 2}
# share of a question's content bigrams a document title must hold for a plan-level answer
PLAN_TITLE_SHARE = 0.8
# intents answered region by region when a question names several regions
PER_REGION_INTENTS = ("lead_agency", "responsible_agencies", "target_value", "search")
# a target question across regions: "各省…分别是多少", "各地…目标对比"
RE_ACROSS_REGIONS = re.compile(r"(?:各省|各地|各市|各城市|各省份|各地区|不同(?:省份|城市|地区))[^？?]*(?:分别|各自|对比|比较|多少)")
# Chinese characters, latin letters and digits: what bigrams are made of
RE_CONTENT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9.%]+")
# generic words that carry no topic (dropped from bigram matching)
GENERIC_BIGRAMS = frozenset(
    "部门 单位 牵头 负责 哪个 哪些 什么 多少 目标 要求 工作 实施 方案 文件 规定 措施 城市 其他 类似 "
    "要求 还有 提出 有没 没有 方面 各地 计划 谁牵 头负 由哪 个部 门牵 门负 的牵 头部 头单 的目 标是 是多 少？".split()
)

# a question naming a document ("…节能减排实施方案由哪个部门负责解释"): the shared words ending in
# a document-type word identify the document, not a clause
RE_DOC_TYPE_END = re.compile(
    rf"(?:{doc_type_alternation(('方案', '计划', '规划', '意见', '通知', '办法', '纲要', '决定', '要点'))})$"
)
MIN_DOC_REF = 4  # shortest common substring that counts as naming a document

# question words that say what kind of answer is wanted, not what it is about
GENERIC_WORDS = frozenset(
    "部门 单位 牵头 负责 哪个 哪些 什么 多少 目标 要求 工作 实施 方案 文件 规定 措施 城市 其他 类似 还有 提出 "
    "没有 有没有 方面 各地 计划 牵头单位 牵头部门 谁 是 要 的 了 吗 呢 由 归 管 地区 地方 相关 情况 内容 "
    "进行 开展 推进 加强 推动 提出 哪 个 局 委 厅 办 具体 主要 到 年 比 较 达到 下降 降到 降至 提高 控制 以内 以上 以下 "
    "配合 协同 协办 参与 配合单位 配合部门 协同单位 协同部门 参与单位 参与部门 责任单位 责任部门 相关单位 相关部门".split()
)

# a time expression in a question: 到2025年 / 2022年底前 / 2014-2015年 / “十四五”期间
RE_TIME_EXPR = re.compile(
    r"(?:到|至|在|于|从)?(?:(?:19|20)\d{2}(?:-(?:19|20)?\d{2})?年?(?:底|末|前|以前|年底|年末)*(?:前)?)"
    r"|(?:到|在)?[“\"]?十[一二三四五]五[”\"]?(?:期间|时期|末|时期末)?"
)

# a year as a plan writes it (2025年, 2025 年); GB20951-2020 style numbers are not years
RE_YEAR_WORD = re.compile(r"(?<![\d-])((?:19|20)\d{2})\s*年")
# a stated figure: a number with a unit (10亿元, 85%, 300万吨), not a bare year
RE_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|[万亿千百]?(?:元|吨|千瓦|辆|台|个|家|座|项|户|公里|平方米|立方米|蒸吨|标准煤))")
# a clause with several inline annotations: the question must cover this share of its terms in one span, ahead
# of the next-best span by this margin, before the answer is narrowed to that span's annotation
SPAN_MIN_COVERAGE = 0.5
SPAN_MIN_MARGIN = 0.2
MIN_TERM_COVERAGE = 0.5  # a target's own wording must hold this share (IDF-weighted) of the question's terms


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


def _bigrams(text: str) -> set[str]:
    out: set[str] = set()
    for seg in RE_CONTENT.findall(normalise(text)):
        seg = seg.lower()
        if len(seg) == 1:
            continue
        out.update(seg[i : i + 2] for i in range(len(seg) - 1))
    return out


def _longest_common(a: str, b: str) -> str:
    """Longest common substring of two short strings (dynamic programming, O(len(a)*len(b)))."""
    best, best_end = 0, 0
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            if ai == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, best_end = cur[j], i
        prev = cur
    return a[best_end - best : best_end]


def _strip_markup(text: str) -> str:
    return (text or "").replace("**", "")


def _paragraph_heads(text: str) -> tuple[set[str], ...]:
    """Bigrams of the short lead phrase of each paragraph but the first (its heading is the clause's)."""
    heads = []
    for para in (text or "").split("\n")[1:]:
        m = re.match(r"^([^。；：:，,]{2,30})[。；：:]", para.strip())
        if m:
            heads.append(_bigrams(m.group(1)))
    return tuple(heads)


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


class QAEngine:
    """Answers questions over one store + index; caches the store's records in memory.

    Args:
        store: a ``graph.store.GraphStore``.
        index: a ``search.index.SearchIndex`` (or None: lexical scoring only).
        gazetteer: an ``ingest.regions.Gazetteer``.
        topic_matcher / indicator_matcher / agency_normaliser: see :class:`QuestionParser`.
    """

    def __init__(
        self,
        store: Any,
        index: Any,
        gazetteer: Any = None,
        *,
        topic_matcher: Callable[[str], list[str]] | None = None,
        indicator_matcher: Callable[[str], str | None] | None = None,
        agency_normaliser: Callable[[str, str], str | None] | None = None,
        weights: RankerWeights | None = None,
    ):
        self.store = store
        self.index = index
        self.gazetteer = gazetteer
        self._topic_matcher = topic_matcher
        self._indicator_matcher = indicator_matcher
        self._agency_normaliser = agency_normaliser
        self.weights = weights if weights is not None else default_weights()
        self.refresh()

    # ------------------------------------------------------------------------- caches
    def refresh(self, index: Any = None) -> None:
        """Reload the store snapshot (call after ingest/remove); optionally swap the index."""
        if index is not None:
            self.index = index
        store = self.store
        self.docs = {d.doc_id: d for d in store.documents()}
        self.clauses = {c.clause_id: c for c in store.clauses()}
        self.by_doc: dict[str, list[Any]] = {}
        self.children: dict[str, list[Any]] = {}
        for c in sorted(self.clauses.values(), key=lambda c: (c.doc_id, c.order)):
            self.by_doc.setdefault(c.doc_id, []).append(c)
            if c.parent_id:
                self.children.setdefault(c.parent_id, []).append(c)
        self._heading_bg = {cid: _bigrams(c.heading) for cid, c in self.clauses.items()}
        # the lead phrase of each paragraph after the first ("淘汰落后产能。…（牵头单位：…）"): a 规划-style
        # section holds several measures, each opening with its own short title
        self._para_heads_bg = {cid: _paragraph_heads(c.text) for cid, c in self.clauses.items()}
        self._text_bg = {cid: _bigrams(_strip_markup(c.text)) for cid, c in self.clauses.items()}
        self._plain = {cid: normalise(_strip_markup(c.text)).lower() for cid, c in self.clauses.items()}
        self._plain_heading = {cid: t + normalise(self.clauses[cid].heading).lower() for cid, t in self._plain.items()}
        self._df_cache: dict[str, int] = {}
        self._horizon_cache: dict[str, int] = {}
        self._resp_cache: dict[str, list[Any]] = {}
        self.targets_by_clause: dict[str, list[Any]] = {}
        for t in store.targets():
            self.targets_by_clause.setdefault(t.clause_id, []).append(t)
        self.agencies = list(store.agencies())
        self.doc_titles = {d: doc.title for d, doc in self.docs.items()}
        self.doc_numbers = {d: normalise_doc_number(doc.doc_number) for d, doc in self.docs.items()}
        self.doc_headers = {
            d: " ".join(c.text for c in self.by_doc.get(d, [])[:3])[:800] for d in self.docs
        }
        self.doc_regions = {d.region for d in self.docs.values() if d.region}
        self.parser = QuestionParser(
            self.gazetteer,
            self.doc_regions,
            agencies=self.agencies,
            topic_matcher=self._topic_matcher,
            indicator_matcher=self._indicator_matcher,
            agency_normaliser=self._agency_normaliser,
        )

    def responsibilities(self, clause_id: str) -> list[Any]:
        """The clause's AgencyRoles (memoised)."""
        got = self._resp_cache.get(clause_id)
        if got is None:
            got = list(self.store.responsibilities(clause_id))
            self._resp_cache[clause_id] = got
        return got

    def effective_responsibilities(self, clause_id: str) -> tuple[list[Any], str]:
        """The clause's own responsibilities, else those of its sub-items (aggregated).

        Returns:
            (agency roles, "own" | "children" | "none").
        """
        own = self.responsibilities(clause_id)
        if own:
            return own, "own"
        agg: list[Any] = []
        stack = list(self.children.get(clause_id, []))
        while stack:
            child = stack.pop(0)
            got = self.responsibilities(child.clause_id)
            if got:
                agg.extend(got)
            else:
                stack[0:0] = self.children.get(child.clause_id, [])
        return agg, ("children" if agg else "none")

    def unreadable_annotation(self, clause_id: str) -> str:
        """The unreadable annotation text of a clause or of its sub-items ("" when none)."""
        stack = [self.clauses[clause_id]] if clause_id in self.clauses else []
        found: list[str] = []
        while stack:
            c = stack.pop(0)
            if getattr(c, "unreadable_annotation", ""):
                found.append(c.unreadable_annotation)
            stack.extend(self.children.get(c.clause_id, []))
        return "".join(found)[:200]

    # ------------------------------------------------------------------------- scope
    def scope_to_annotated_span(self, clause_id: str, roles: list[Any], frame: QuestionFrame) -> list[Any]:
        """Narrow a clause's roles to the one measure the question asks about.

        Genre convention (天津, 上海 … "加快建立健全绿色低碳循环发展经济体系" plans): a clause lists several measures,
        each followed by its own annotation "（A、B按职责分工负责）"; an annotation covers the sentences since the
        previous one. When a clause holds two or more such inline annotations and the question's words clearly
        match one span (and not the clause heading, which asks about the whole clause), only the roles from that
        span's annotation are kept, plus roles whose evidence is not an inline annotation (carry-over notes).
        """
        c = self.clauses.get(clause_id)
        if c is None or not roles:
            return roles
        text = c.text or ""
        notes = {
            n
            for ar in roles
            if ar.responsibility.source == "annotation"
            for n in annotation_parts(ar.responsibility.evidence or "")
        }
        positions = sorted({(text.find(n), n) for n in notes if n and text.find(n) >= 0})
        if len(positions) < 2:
            return roles
        q_bg = _bigrams(frame.core or frame.keywords or frame.question) - GENERIC_BIGRAMS
        if not q_bg:
            return roles
        heading = c.heading or ""
        if heading and len(_bigrams(heading) & q_bg) >= max(2, 0.5 * len(q_bg)):
            return roles  # the question names the clause itself
        # each span is scored by the IDF-weighted share of the question's content terms it holds
        # (raw bigrams of a spoken question are mostly function words)
        term_units = getattr(self, "term_units", None)  # the engine's IDF-weighted terms, when it has them
        units = [u for u in term_units(frame) if not any(self._names_agency(w) for w in u[0])] if term_units else []
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
                cov = self._text_coverage(body, units) + 0.5 * self._text_coverage(lead, units)
            else:
                cov = len(_bigrams(body) & q_bg) / len(q_bg)
            spans.append((cov, note))
            start = pos + len(note)
        spans.sort(key=lambda x: -x[0])
        best_cov, best_note = spans[0]
        if best_cov < SPAN_MIN_COVERAGE or best_cov - spans[1][0] < SPAN_MIN_MARGIN:
            return roles
        inline = [n for _, n in positions]
        # a role's evidence holds every annotation that named it in that role (ingest.responsibility); roles from
        # no inline annotation (carry-over notes) apply to the whole clause
        return [
            ar
            for ar in roles
            if best_note in ar.responsibility.evidence or not any(n in ar.responsibility.evidence for n in inline)
        ]

    @staticmethod
    def _names_agency(word: str) -> bool:
        """A question word that names a body (发改委, 住建局): it is asked about, not a measure word."""
        return bool(re.search(r"(?:局|委|厅|办|部|署)$", word)) and len(word) <= 8

    def _region_descendant(self, region: str, ancestor: str) -> bool:
        if region == ancestor:
            return True
        if self.gazetteer is None:
            return False
        try:
            return any(getattr(a, "name", a) == ancestor for a in self.gazetteer.ancestors(region))
        except Exception:
            return False

    def _strip_document_reference(self, frame: QuestionFrame) -> QuestionFrame:
        """Remove words naming a document (its title) from the clause-matching keywords.

        "太原市“十四五”节能减排实施方案由哪个部门负责解释" names the plan; its title words occur in
        every clause and would drown "负责解释". A common substring of >= 6 characters, or of
        >= 4 ending in a document-type word (方案/计划…), counts as naming the document; the
        scope is then narrowed to the documents named.
        """
        kw = frame.keywords
        named: list[str] = []
        for doc_id in self.scope_docs(frame):
            title = "".join(RE_CONTENT.findall(normalise(self.docs[doc_id].title)))
            changed = True
            hit = False
            while changed:
                changed = False
                common = _longest_common(kw, title)
                if len(common) >= 6 or (len(common) >= MIN_DOC_REF and RE_DOC_TYPE_END.search(common)):
                    kw = kw.replace(common, " ")
                    changed = hit = True
            if hit:
                named.append(doc_id)
        if not named:
            return frame
        core = frame.core
        for doc_id in named:
            title = "".join(RE_CONTENT.findall(normalise(self.docs[doc_id].title)))
            common = _longest_common(core, title)
            while len(common) >= 6 or (len(common) >= MIN_DOC_REF and RE_DOC_TYPE_END.search(common)):
                core = core.replace(common, " ")
                common = _longest_common(core, title)
        return replace(frame, keywords=" ".join(kw.split()), core=" ".join(core.split()), doc_ids=tuple(named))

    def scope_docs(self, frame: QuestionFrame, *, include_sub: bool = False) -> list[str]:
        """Documents a question is answered from: those named, or issued for its region (or all)."""
        if frame.doc_ids:
            return list(frame.doc_ids)
        if frame.region is None:
            return sorted(self.docs)
        exact = sorted(d for d, doc in self.docs.items() if doc.region == frame.region)
        if exact and not include_sub:
            return exact
        return sorted(d for d, doc in self.docs.items() if doc.region and self._region_descendant(doc.region, frame.region))

    # ------------------------------------------------------------------------- ranking
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
        q_bg = _bigrams(query) - GENERIC_BIGRAMS
        topics = set(frame.topics)
        units = self.term_units(frame)
        weights = self.weights
        out: list[ScoredClause] = []
        for doc_id in doc_ids:
            for c in self.by_doc.get(doc_id, []):
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
        out.sort(key=lambda s: (-s.score, self.clauses[s.clause_id].doc_id, self.clauses[s.clause_id].order))
        return out

    def clause_features(
        self,
        c: Any,
        frame: QuestionFrame,
        q_bg: set[str],
        topics: set[str],
        units: list[tuple[tuple[str, ...], float]],
        retr: dict[str, float],
        prefer: str,
    ) -> dict[str, float]:
        """The ranker's features (:data:`search.ranker.FEATURES`) of one clause for one question."""
        cid = c.clause_id
        h_bg = self._heading_bg.get(cid, set())
        t_bg = self._text_bg.get(cid, set())
        heading = 0.0
        if h_bg and q_bg:
            inter = len(h_bg & q_bg)
            heading = 0.6 * inter / len(h_bg) + 0.4 * inter / len(q_bg)
        para = 0.0
        if q_bg:
            for p_bg in self._para_heads_bg.get(cid, ()):
                inter = len(p_bg & q_bg)
                if inter:
                    para = max(para, 0.6 * inter / len(p_bg) + 0.4 * inter / len(q_bg))
        own = child = 0.0
        if prefer == "agencies":
            _roles, how = self.effective_responsibilities(cid)
            own, child = float(how == "own"), float(how == "children")
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
            "rare_term": self._has_rarest_term(cid, units),
            "topic": len(set(c.topics) & topics) / len(topics) if topics else 0.0,
            "own_resp": own,
            "child_resp": child,
            "has_target": float(prefer == "targets" and bool(self.targets_by_clause.get(cid))),
            "bare_section": float(
                c.kind == "section" and bool(self.children.get(cid)) and len(_strip_markup(c.text)) < len(c.heading) + 40
            ),
        }

    def _has_rarest_term(self, clause_id: str, units: list[tuple[tuple[str, ...], float]]) -> float:
        if not units:
            return 1.0
        rarest = max(units, key=lambda u: u[1])[0]
        text = self._plain_heading.get(clause_id, "")
        return float(any(w in text for w in rarest))

    def answerable(self, s: ScoredClause) -> bool:
        """Whether a ranked clause is good enough to answer from (the fitted refusal thresholds)."""
        return s.probability >= self.weights.min_probability and s.term_coverage >= self.weights.min_term_coverage

    # ------------------------------------------------------------------------- term coverage
    def _tokenize(self, text: str) -> list[str]:
        tok = getattr(getattr(self.index, "tokenizer", None), "tokenize", None)
        if tok is not None:
            return list(tok(text))
        import jieba

        return jieba.lcut(text)

    def _df(self, term: str) -> int:
        got = self._df_cache.get(term)
        if got is None:
            got = sum(1 for t in self._plain.values() if term in t)
            self._df_cache[term] = got
        return got

    def term_units(self, frame: QuestionFrame) -> list[tuple[tuple[str, ...], float]]:
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
        for tok in self._tokenize(core):
            tok = tok.strip().lower()
            if len(tok) < 2 or tok in GENERIC_WORDS or not RE_CONTENT.fullmatch(tok) or tok.isdigit():
                continue
            if re.fullmatch(r"(?:19|20)\d{2}年?", tok):
                continue  # years are matched against targets, not clause wording
            if (tok,) not in units:
                units.append((tok,))
        n = len(self._plain) or 1
        out = []
        for unit in units:
            df = min(self._df(w) for w in unit) if len(unit) == 1 else max(self._df(w) for w in unit)
            out.append((unit, math.log((n + 1) / (df + 1)) + 0.1))
        return out

    def term_coverage(self, clause_id: str, units: list[tuple[tuple[str, ...], float]]) -> float:
        """IDF-weighted share of the question's terms the clause contains (1.0 without terms)."""
        if not units:
            return 1.0
        text = self._plain_heading.get(clause_id, "")
        total = sum(w for _u, w in units)
        got = sum(w for u, w in units if any(x in text for x in u))
        return got / total if total else 1.0

    @staticmethod
    def _text_coverage(text: str, units: list[tuple[tuple[str, ...], float]]) -> float:
        if not units:
            return 1.0
        text = normalise(_strip_markup(text)).lower()
        total = sum(w for _u, w in units)
        return sum(w for u, w in units if any(x in text for x in u)) / total if total else 1.0

    def addresses(self, frame: QuestionFrame, clause_ids: Iterable[str]) -> bool:
        """Whether any of the clauses covers enough of the question's terms to count as an answer."""
        units = self.term_units(frame)
        return any(self.term_coverage(cid, units) >= self.weights.min_term_coverage for cid in clause_ids)

    @staticmethod
    def relevance(s: ScoredClause) -> float:
        """Lexical relevance of a clause to the question (independent of graph facts)."""
        return s.heading + s.coverage

    # ------------------------------------------------------------------------- records -> answer parts
    def evidence(self, clause_id: str, score: float) -> Evidence:
        c = self.clauses[clause_id]
        d = self.docs.get(c.doc_id)
        return Evidence(
            source=d.source if d else c.doc_id,
            doc_title=d.title if d else "",
            region=d.region if d else "",
            clause_no=c.path,
            heading=c.heading,
            text=c.text,
            score=float(score),
            clause_id=clause_id,
        )

    @staticmethod
    def answer_agencies(roles: Iterable[Any]) -> list[AnswerAgency]:
        """Distinct agencies, lead first then co then implementing, document order within a role."""
        best: dict[str, tuple[int, int, Any]] = {}
        for i, ar in enumerate(roles):
            role = ar.responsibility.role
            key = ar.agency.name
            rank = ROLE_ORDER.get(role, 3)
            if key not in best or rank < best[key][0]:
                best[key] = (rank, best.get(key, (rank, i))[1], ar)
        ordered = sorted(best.values(), key=lambda v: (v[0], v[1]))
        return [AnswerAgency(v[2].agency.name, v[2].responsibility.role, v[2].agency.region) for v in ordered]

    def _doc_label(self, clause_id: str) -> str:
        c = self.clauses[clause_id]
        d = self.docs.get(c.doc_id)
        title = d.title if d and d.title else c.doc_id
        return f"《{title}》{c.path}"

    def _best_sentence(self, clause_id: str, frame: QuestionFrame) -> str:
        c = self.clauses[clause_id]
        sentences = list(c.sentences) or [s for s in re.split(r"(?<=[。；;])", c.text) if s.strip()]
        q_bg = _bigrams(frame.keywords or frame.question) - GENERIC_BIGRAMS
        best, best_s = "", -1.0
        for s in sentences:
            sc = len(_bigrams(s) & q_bg)
            if sc > best_s:
                best, best_s = s, sc
        return _strip_markup(best).strip()

    # ------------------------------------------------------------------------- answering
    def answer(self, question: str) -> Answer:
        """Answer one question.

        Args:
            question: the user's question.

        Returns:
            The :class:`Answer` (``found`` False when the documents do not say).
        """
        frame = self.parser.parse(question)
        frame = self.apply_document_reference(frame)
        if frame.not_in_corpus:
            place = frame.region or frame.region_mentioned
            return Answer(question, frame.intent, False, f"未在已收录文件中找到{place}的相关规定。")
        frame = self._strip_document_reference(frame)
        if not frame.doc_ids:
            regions = self.answer_regions(frame)
            if len(regions) >= 2 and frame.intent in PER_REGION_INTENTS:
                return self._answer_per_region(frame, regions)
            if len(regions) == 1 and regions[0] != frame.region:
                # a more specific place than the first one named ("山西省的大同市"): it decides
                region, known = self.parser.coverage(regions[0], frame.intent)
                if not known:
                    return Answer(question, frame.intent, False, f"未在已收录文件中找到{regions[0]}的相关规定。")
                frame = replace(frame, region=region)
            if frame.region is None and frame.intent == "target_value" and RE_ACROSS_REGIONS.search(frame.question):
                return self._answer_across_regions(frame)
        return self._dispatch(frame)

    def _dispatch(self, frame: QuestionFrame) -> Answer:
        handler = {
            "lead_agency": self._answer_agencies,
            "responsible_agencies": self._answer_agencies,
            "target_value": self._answer_target,
            "agency_duties": self._answer_duties,
            "similar_measures": self._answer_similar,
            "document_lookup": self._answer_documents,
        }.get(frame.intent, self._answer_search)
        return handler(frame)

    def answer_regions(self, frame: QuestionFrame) -> list[str]:
        """The regions a question asks about, the most specific of nested ones kept ("山西省的大同市" -> 大同市)."""
        named = [r for r in frame.regions_mentioned if r and r != "全国"]
        specific = [r for r in named if not any(o != r and self._region_descendant(o, r) for o in named)]
        if len(specific) >= 2:
            return [r for r in specific if self.parser.coverage(r, frame.intent)[1]]
        return specific

    def _answer_per_region(self, frame: QuestionFrame, regions: list[str]) -> Answer:
        """One answer part per region named ("太原和晋城的VOCs治理分别由哪个部门牵头？")."""
        parts = [replace(self._dispatch(replace(frame, region=r)), region=r) for r in regions]
        return self._combine(frame, parts)

    def _answer_across_regions(self, frame: QuestionFrame, limit: int = 12) -> Answer:
        """"各省…分别是多少": the best target of each region whose documents state one, as parts."""
        level = "provincial" if re.search(r"各省|不同省份", frame.question) else (
            "city" if re.search(r"各市|各城市|不同城市", frame.question) else None
        )
        drop = re.compile(r"各省份?|各地区?|各市|各城市|不同(?:省份|城市|地区)|分别|各自|对比|比较")
        frame = replace(frame, keywords=drop.sub(" ", frame.keywords), core=drop.sub(" ", frame.core))
        ranked = self.rank_clauses(frame, sorted(self.docs), prefer="targets")
        regions: list[str] = []
        for s in ranked[:200]:
            doc = self.docs.get(self.clauses[s.clause_id].doc_id)
            if level and doc and doc.level != level:
                continue
            if doc and doc.region and doc.region not in regions and self.targets_by_clause.get(s.clause_id):
                regions.append(doc.region)
            if len(regions) >= limit:
                break
        parts = [replace(self._answer_target(replace(frame, region=r)), region=r) for r in regions]
        parts = [
            p for p in parts
            if p.found and p.targets and (frame.year is None or any(t.year == frame.year for t in p.targets))
        ]
        if not parts:
            return self._dispatch(frame)
        return self._combine(frame, parts)

    @staticmethod
    def _combine(frame: QuestionFrame, parts: list[Answer]) -> Answer:
        found = [p for p in parts if p.found]
        text = "\n".join(f"【{p.region}】{p.answer}" for p in parts)
        agencies: list[AnswerAgency] = []
        for p in found:
            agencies.extend(a for a in p.agencies if a not in agencies)
        return Answer(
            frame.question,
            frame.intent,
            bool(found),
            text,
            tuple(agencies),
            tuple(t for p in found for t in p.targets),
            tuple(e for p in found for e in p.evidence[:2]),
            parts=tuple(parts),
        )

    def apply_document_reference(self, frame: QuestionFrame) -> QuestionFrame:
        """Scope a question that names a document (number or title) to it, and drop the reference words.

        The question is parsed again without the reference so the title's words do not drive clause
        matching; the region becomes the named documents' region when they share one.
        """
        region_words = [w for w in (frame.region, frame.region_mentioned) if w]
        # a named region scopes title references (宜昌's 生态环境保护规划 is not 郑州's); an uncovered
        # region leaves nothing in scope
        in_scope = (self.scope_docs(frame) if frame.region_known else []) if frame.region else None
        ref = resolve_reference(
            frame.question, self.doc_titles, self.doc_numbers, self.doc_headers, region_words, in_scope
        )
        if not ref.doc_ids:
            return frame
        text = unicodedata.normalize("NFKC", frame.question)
        for span in ref.spans:
            text = text.replace(span, " ")
        regions = {self.docs[d].region for d in ref.doc_ids if d in self.docs}
        doc_region = regions.pop() if len(regions) == 1 else None
        stripped = self.parser.parse(text)
        if stripped.region is None and doc_region and doc_region != "全国":
            # the region was written inside the reference ("上海市公共机构…方案里市经信委…"): keep it
            # for the agency and region words of the rest
            stripped = self.parser.parse(doc_region + "，" + text)
        region = doc_region or stripped.region
        return replace(
            stripped,
            question=frame.question,
            region=region or None,
            region_mentioned=stripped.region_mentioned or frame.region_mentioned,
            region_known=True,
            doc_ids=ref.doc_ids,
        )

    def _not_found(self, frame: QuestionFrame, what: str = "相关规定") -> Answer:
        place = f"{frame.region}的" if frame.region else ""
        # the topic is said in the question's content terms, never a function word ("牵头")
        terms = [u[0][0] for u in self.term_units(frame)]
        about = f"关于“{' '.join(terms)}”的" if terms else ""
        return Answer(frame.question, frame.intent, False, f"未在已收录{place}文件中找到{about}{what}。")

    # --- lead / responsible agencies ---------------------------------------------------------
    def plan_named(self, frame: QuestionFrame) -> str | None:
        """The plan a question asks about as a whole ("武汉市绿色低碳循环发展经济体系由哪个部门牵头？").

        The question's content bigrams lie (≥ :data:`PLAN_TITLE_SHARE`) inside one document title of
        the scope, more than inside any clause heading of it.
        """
        if frame.doc_ids and len(frame.doc_ids) == 1 and not self.term_units(frame):
            return frame.doc_ids[0]  # the question named the plan and nothing else
        q_bg = _bigrams(frame.core or "") - GENERIC_BIGRAMS
        if len(q_bg) < 4:
            return None
        best: tuple[float, str] | None = None
        for doc_id in self.scope_docs(frame):
            title_bg = _bigrams(self.docs[doc_id].title)
            share = len(q_bg & title_bg) / len(q_bg)
            if share >= PLAN_TITLE_SHARE and (best is None or share > best[0]):
                best = (share, doc_id)
        if best is None:
            return None
        heading_share = max(
            (len(q_bg & self._heading_bg.get(c.clause_id, set())) / len(q_bg) for c in self.by_doc.get(best[1], [])),
            default=0.0,
        )
        return best[1] if best[0] > heading_share else None

    def _answer_plan(self, frame: QuestionFrame, doc_id: str) -> Answer:
        """A plan-level answer: who issued the plan and which agencies lead its measures, grouped."""
        doc = self.docs[doc_id]
        leads: dict[str, list[str]] = {}
        region_of: dict[str, str] = {}
        evidence_ids: list[str] = []
        for c in self.by_doc.get(doc_id, []):
            for ar in self.responsibilities(c.clause_id):
                if ar.responsibility.role == "lead":
                    leads.setdefault(ar.agency.name, [])
                    if c.heading and c.heading not in leads[ar.agency.name]:
                        leads[ar.agency.name].append(c.heading)
                    region_of[ar.agency.name] = ar.agency.region
                    if c.clause_id not in evidence_ids:
                        evidence_ids.append(c.clause_id)
        label = f"《{doc.title or doc_id}》"
        issued = f"由{doc.issuer}印发" if doc.issuer else "印发机关未能从文中读出"
        if not leads:
            text = f"{label}{issued}；文件未为各项任务指明牵头部门。"
            return Answer(frame.question, frame.intent, True, text, (), (), tuple(self.evidence(c.clause_id, 1.0) for c in self.by_doc.get(doc_id, [])[:1]))
        ranked = sorted(leads.items(), key=lambda kv: -len(kv[1]))
        groups = "；".join(f"{name}（{len(h)}项：{'、'.join(h[:3])}{'等' if len(h) > 3 else ''}）" for name, h in ranked[:8])
        text = f"{label}{issued}。各项任务的牵头部门：{groups}。"
        agencies = tuple(AnswerAgency(name, "lead", region_of.get(name, "")) for name, _ in ranked)
        return Answer(frame.question, frame.intent, True, text, agencies, (), tuple(self.evidence(cid, 1.0) for cid in evidence_ids[:3]))

    def _answer_agencies(self, frame: QuestionFrame) -> Answer:
        docs = self.scope_docs(frame)
        plan = self.plan_named(frame) if frame.intent == "lead_agency" else None
        if plan is not None:
            return self._answer_plan(frame, plan)
        ranked = self.rank_clauses(frame, docs, prefer="agencies")
        if not ranked or not self.answerable(ranked[0]):
            return self._not_found(frame)
        best = ranked[0]
        if frame.region is None and len({self.clauses[s.clause_id].doc_id for s in ranked[:5]}) > 1:
            multi = self._answer_agencies_per_doc(frame, ranked)
            if multi is not None:
                return multi
        roles, how = self.effective_responsibilities(best.clause_id)
        if how == "own":
            roles = self.scope_to_annotated_span(best.clause_id, roles, frame)
        agencies = self.answer_agencies(roles)
        evidence = [self.evidence(best.clause_id, best.score)]
        # other clauses that match almost as well are listed too (several matching clauses)
        for s in ranked[1:]:
            if len(evidence) >= 3:
                break
            if s.probability >= 0.8 * best.probability and self.answerable(s):
                evidence.append(self.evidence(s.clause_id, s.score))
        c = self.clauses[best.clause_id]
        label = self._doc_label(best.clause_id)
        subject = f"“{c.heading}”" if c.heading else ""
        if not agencies:
            text = f"{label}{subject}：{no_agency_sentence(self.unreadable_annotation(best.clause_id))}。"
            return Answer(frame.question, frame.intent, True, text, (), (), tuple(evidence))
        lead = [a.name for a in agencies if a.role == "lead"]
        co = [a.name for a in agencies if a.role == "co"]
        impl = [a.name for a in agencies if a.role == "implementing"]
        parts = []
        if lead:
            parts.append(f"由{'、'.join(lead)}牵头")
        if co:
            parts.append(f"{'、'.join(co)}配合" if lead else f"由{'、'.join(co)}按职责分工负责")
        if impl:
            parts.append(f"{'、'.join(impl)}负责落实")
        note = "（据其下各项汇总）" if how == "children" else ""
        text = f"根据{label}{subject}{note}，" + "，".join(parts) + "。"
        return Answer(frame.question, frame.intent, True, text, tuple(agencies), (), tuple(evidence))

    def _agency_sentence(self, clause_id: str) -> tuple[str, list[AnswerAgency]]:
        roles, how = self.effective_responsibilities(clause_id)
        agencies = self.answer_agencies(roles)
        c = self.clauses[clause_id]
        label = self._doc_label(clause_id) + (f"“{c.heading}”" if c.heading else "")
        if not agencies:
            return f"{label}：{no_agency_sentence(self.unreadable_annotation(clause_id))}", []
        lead = [a.name for a in agencies if a.role == "lead"]
        co = [a.name for a in agencies if a.role == "co"]
        parts = []
        if lead:
            parts.append(f"由{'、'.join(lead)}牵头")
        if co:
            parts.append(f"{'、'.join(co)}配合" if lead else f"由{'、'.join(co)}按职责分工负责")
        return f"{label}" + ("（据其下各项汇总）" if how == "children" else "") + "，" + "，".join(parts), agencies

    def _answer_agencies_per_doc(self, frame: QuestionFrame, ranked: list[ScoredClause]) -> Answer | None:
        """No region named and several documents match about equally: one answer per document."""
        best = ranked[0]
        per_doc: dict[str, ScoredClause] = {}
        for s in ranked[:30]:
            doc = self.clauses[s.clause_id].doc_id
            if doc not in per_doc and s.probability >= 0.85 * best.probability and self.answerable(s):
                per_doc[doc] = s
        if len(per_doc) < 2:
            return None
        sentences, agencies, evidence = [], [], []
        for s in per_doc.values():
            sentence, ags = self._agency_sentence(s.clause_id)
            sentences.append(sentence)
            agencies.extend(a for a in ags if a not in agencies)
            evidence.append(self.evidence(s.clause_id, s.score))
        text = f"未指明地区，{len(per_doc)}份文件有相关规定：" + "；".join(sentences) + "。"
        return Answer(frame.question, frame.intent, True, text, tuple(agencies), (), tuple(evidence))

    # --- targets -----------------------------------------------------------------------------
    def _target_score(self, t: Any, frame: QuestionFrame, q_bg: set[str], clause_score: float) -> float:
        score = 0.5 * clause_score
        if frame.indicator and (t.indicator == frame.indicator):
            score += 1.0
        raw_bg = _bigrams(t.indicator_raw or t.indicator) - GENERIC_BIGRAMS
        ind_bg = _bigrams(t.indicator) - GENERIC_BIGRAMS
        if raw_bg:
            score += 1.2 * len(raw_bg & q_bg) / len(raw_bg)
        if ind_bg:
            score += 0.4 * len(ind_bg & q_bg) / len(ind_bg)
        q = frame.question
        if frame.year is not None:
            if t.target_year == frame.year:
                score += 0.4
            elif t.target_year is not None and (frame.year not in frame.years or len(frame.years) == 1):
                score -= 0.3
        if frame.base_year is not None and t.base_year == frame.base_year:
            score += 0.3
        comp = t.comparator or ""
        if comp and comp in q:
            score += 0.2
        elif re.search(r"下降|降低|减少", q) and re.search(r"下降|降低|减少|降至", comp):
            score += 0.15
        if re.search(r"比例|比重|占比|率|百分", q) and t.unit == "%":
            score += 0.15
        unit_chars = set(re.sub(r"[0-9.%/]", "", t.unit or ""))
        if unit_chars and unit_chars & set(q):
            score += 0.15
        return score

    def _doc_horizon(self, doc_id: str) -> int:
        """The latest year a document speaks about (written 2025年 / 2025 年 in its clauses)."""
        got = self._horizon_cache.get(doc_id)
        if got is None:
            years = [int(y) for c in self.by_doc.get(doc_id, []) for y in RE_YEAR_WORD.findall(self._plain.get(c.clause_id, ""))]
            got = self._horizon_cache[doc_id] = max(years, default=0)
        return got

    def _answer_target(self, frame: QuestionFrame) -> Answer:
        docs = self.scope_docs(frame)
        if frame.year is not None and docs and all(0 < self._doc_horizon(d) < frame.year for d in docs):
            # a 2030 target asked of plans that stop at 2025: the documents do not say
            return self._not_found(frame, "相关目标")
        ranked = self.rank_clauses(frame, docs, prefer="targets")
        if (
            not ranked
            or ranked[0].probability < self.weights.min_probability
            or not self.addresses(frame, [s.clause_id for s in ranked[:3]])
        ):
            return self._not_found(frame, "相关目标")
        q_bg = _bigrams(frame.keywords or frame.question) - GENERIC_BIGRAMS
        top_probability = ranked[0].probability or 1.0
        units = self.term_units(frame)
        scored: list[tuple[float, int, Any, ScoredClause]] = []
        coverage: dict[str, float] = {}
        for pos, s in enumerate(ranked[:15]):
            for t in self.targets_by_clause.get(s.clause_id, []):
                # the target's own sentence must speak about what is asked
                cov = coverage[t.target_id] = self._text_coverage(
                    " ".join((t.sentence, t.indicator_raw, t.indicator, self.clauses[s.clause_id].heading)), units
                )
                ts = self._target_score(t, frame, q_bg, s.probability / top_probability) + cov
                scored.append((ts, pos, t, s))
        if not scored:
            best = ranked[0]
            sentence = self._best_sentence(best.clause_id, frame)
            text = f"根据{self._doc_label(best.clause_id)}：{sentence}"
            return Answer(frame.question, frame.intent, True, text, (), (), (self.evidence(best.clause_id, best.score),))
        # a news summary before the plan repeats its figures: prefer the numbered clause
        numbered = {(x[2].indicator, x[2].value) for x in scored if self.clauses[x[2].clause_id].kind != "preamble"}
        scored = [
            (x[0] - 0.1, *x[1:])
            if self.clauses[x[2].clause_id].kind == "preamble" and (x[2].indicator, x[2].value) in numbered
            else x
            for x in scored
        ]
        scored.sort(key=lambda x: (-x[0], x[1], x[2].target_id))
        # a target only answers when its own wording covers the question (the indicator table may
        # map "配建充电设施比例" to 充电桩, but the 充电桩 count does not answer a ratio question)
        scored = [x for x in scored if coverage[x[2].target_id] >= MIN_TERM_COVERAGE]
        if not scored:
            return self._sentence_answer(frame, ranked[:3], units) or self._not_found(frame, "相关目标")
        best_t, best_sc = scored[0][2], scored[0][3]
        # the chosen clause's targets, best-matching first; keep those close to the best
        same = [x for x in scored if x[2].clause_id == best_t.clause_id]
        top = same[0][0]
        chosen = [x[2] for x in same if x[0] >= top - 0.35 and coverage[x[2].target_id] >= MIN_TERM_COVERAGE][:6]
        targets = tuple(
            AnswerTarget(t.indicator, t.value, t.unit, t.target_year, t.region, t.qualifier) for t in chosen
        )
        evidence = [self.evidence(best_t.clause_id, best_sc.score)]
        for x in scored[1:]:
            if len(evidence) >= 3:
                break
            if x[2].clause_id not in {e.clause_id for e in evidence} and x[0] >= scored[0][0] - 0.3:
                evidence.append(self.evidence(x[2].clause_id, x[3].score))
        bits = []
        for t in chosen:
            desc = f"{t.indicator_raw or t.indicator}{t.comparator or ''}{t.value}"
            if t.qualifier:
                desc += f"（{t.qualifier}）"
            bits.append(desc)
        year = f"到{best_t.target_year}年，" if best_t.target_year else ""
        sentence = _strip_markup(best_t.sentence).strip()
        text = f"根据{self._doc_label(best_t.clause_id)}，{year}{'；'.join(bits)}。"
        if sentence:
            text += f"原文：{sentence}"
        return Answer(frame.question, frame.intent, True, text, (), targets, tuple(evidence))

    def _sentence_answer(
        self, frame: QuestionFrame, ranked: list[ScoredClause], units: list[tuple[tuple[str, ...], float]]
    ) -> Answer | None:
        """A figure the target extractor did not record (资金10亿元): quote the clause's sentence.

        Only when one of the best clauses covers the question's terms, its best sentence covers them
        too, states a number, and names the asked year (when the question gives one).
        """
        for s in ranked:
            if not self.answerable(s):
                continue
            sentence = self._best_sentence(s.clause_id, frame)
            if not RE_FIGURE.search(sentence) or self._text_coverage(sentence, units) < MIN_TERM_COVERAGE:
                continue
            if frame.year is not None and str(frame.year) not in sentence:
                continue
            text = f"根据{self._doc_label(s.clause_id)}：{sentence}"
            return Answer(frame.question, frame.intent, True, text, (), (), (self.evidence(s.clause_id, s.score),))
        return None

    # --- agency duties -----------------------------------------------------------------------
    def _answer_duties(self, frame: QuestionFrame) -> Answer:
        if frame.agency is None:
            return self._not_found(frame, "该部门")
        # only the documents in scope: those the question names, else every document
        in_scope = set(frame.doc_ids) if frame.doc_ids else None

        def scoped(rows: Iterable[Any]) -> list[Any]:
            return [r for r in rows if in_scope is None or r[0].doc_id in in_scope]

        rows = scoped(self.store.clauses_of_agency(frame.agency, role="lead"))
        role_word = "牵头"
        if not rows:
            rows = scoped(self.store.clauses_of_agency(frame.agency))
            role_word = "参与"
        if not rows:
            return Answer(frame.question, frame.intent, False, f"未在已收录文件中找到{frame.agency}负责的工作。")
        # one evidence item per clause; a clause whose parent is also listed is folded into it
        ids = {c.clause_id for c, _r in rows}
        evidence = []
        seen: set[str] = set()
        for c, _r in rows:
            if c.clause_id in seen or (c.parent_id in ids):
                continue
            seen.add(c.clause_id)
            evidence.append(self.evidence(c.clause_id, 1.0))
        agency = next((a for a in self.agencies if a.name == frame.agency), None)
        heads = "、".join(f"{e.heading}（{e.clause_no}）" for e in evidence)
        text = f"{frame.agency}{role_word}负责{len(evidence)}项工作：{heads}。"
        agencies = (AnswerAgency(frame.agency, "lead" if role_word == "牵头" else "co", agency.region if agency else ""),)
        return Answer(frame.question, frame.intent, True, text, agencies, (), tuple(evidence))

    # --- similar measures --------------------------------------------------------------------
    def _answer_similar(self, frame: QuestionFrame, k: int = 8) -> Answer:
        evidence: list[Evidence] = []
        source_id = None
        if frame.region is not None:
            docs = self.scope_docs(frame)
            ranked = self.rank_clauses(frame, docs)
            if ranked and ranked[0].probability >= self.weights.min_probability:
                source_id = ranked[0].clause_id
                evidence.append(self.evidence(source_id, ranked[0].score))
        hits: list[Any] = []
        if source_id is not None:
            exclude = self.clauses[source_id].doc_id
            if self.index is not None and source_id in self.index:
                from search.similar import similar_measures

                hits = similar_measures(self.index, source_id, k=k, exclude_doc=exclude)
            others = [d for d in self.docs if d != exclude]
            lexical = self.rank_clauses(frame, others)
            picked = self._one_per_doc([(h.clause_id, h.score) for h in hits], lexical, k)
        else:
            lexical = self.rank_clauses(frame, sorted(self.docs))
            dense: list[tuple[str, float]] = []
            if self.index is not None and len(self.index):
                try:
                    dense = [(h.clause_id, h.score) for h in self.index.search(frame.keywords or frame.question, k=40)]
                except Exception:
                    dense = []
            picked = self._one_per_doc(dense, lexical, k)
        for cid, sc in picked:
            evidence.append(self.evidence(cid, sc))
        if not evidence:
            return self._not_found(frame, "类似措施")
        others = [e for e in evidence if e.clause_id != source_id]
        places = "、".join(dict.fromkeys(e.region or e.doc_title for e in others))
        if source_id is not None:
            c = self.clauses[source_id]
            text = f"与{self._doc_label(source_id)}“{c.heading}”类似的措施见于：{places or '无'}。"
        else:
            text = f"以下文件提出了相关措施：{places}。"
        return Answer(frame.question, frame.intent, bool(others) or source_id is not None, text, (), (), tuple(evidence))

    def _one_per_doc(
        self, dense: list[tuple[str, float]], lexical: list[ScoredClause], k: int
    ) -> list[tuple[str, float]]:
        """Best clause per document, combining dense similarity rank with lexical relevance."""
        combined: dict[str, float] = {}
        for rank, (cid, _sc) in enumerate(dense):
            combined[cid] = combined.get(cid, 0.0) + 0.5 / (1 + rank * 0.2)
        for s in lexical[:60]:
            # candidates for "similar" are pooled, not answered from: no refusal gate here
            combined[s.clause_id] = combined.get(s.clause_id, 0.0) + s.heading + 0.6 * s.coverage
        best_per_doc: dict[str, tuple[str, float]] = {}
        for cid, sc in combined.items():
            doc = self.clauses[cid].doc_id
            if doc not in best_per_doc or sc > best_per_doc[doc][1]:
                best_per_doc[doc] = (cid, sc)
        out = sorted(best_per_doc.values(), key=lambda x: (-x[1], x[0]))
        return [x for x in out if x[1] >= 0.3][:k]

    # --- documents / free search -------------------------------------------------------------
    def _answer_documents(self, frame: QuestionFrame) -> Answer:
        docs = self.scope_docs(frame, include_sub=True)
        if not docs:
            return self._not_found(frame, "文件")
        evidence = []
        for d in docs:
            doc = self.docs[d]
            first = self.by_doc.get(d, [None])[0]
            evidence.append(
                Evidence(doc.source, doc.title, doc.region, "", doc.doc_number, first.text[:200] if first else "", 1.0)
            )
        titles = "、".join(f"《{self.docs[d].title}》" for d in docs)
        return Answer(frame.question, frame.intent, True, f"已收录{len(docs)}份文件：{titles}。", (), (), tuple(evidence))

    def _answer_search(self, frame: QuestionFrame) -> Answer:
        docs = self.scope_docs(frame, include_sub=True)
        ranked = self.rank_clauses(frame, docs)
        good = [s for s in ranked[:5] if s.probability >= self.weights.min_probability]
        if not good:
            return self._not_found(frame)
        evidence = tuple(self.evidence(s.clause_id, s.score) for s in good[:5])
        best = good[0]
        roles, _how = self.effective_responsibilities(best.clause_id)
        text = f"最相关的条款是{self._doc_label(best.clause_id)}“{self.clauses[best.clause_id].heading}”：{self._best_sentence(best.clause_id, frame)}"
        return Answer(frame.question, frame.intent, True, text, tuple(self.answer_agencies(roles)), (), evidence)


def answer_question(question: str, store: Any, index: Any, gazetteer: Any = None, **kwargs: Any) -> Answer:
    """Answer one question (builds a throw-away :class:`QAEngine`; keep an engine for many).

    Args:
        question: the user's question.
        store: a ``GraphStore``.
        index: a ``SearchIndex`` or None.
        gazetteer: an ``ingest.regions.Gazetteer``.
        **kwargs: ``topic_matcher``, ``indicator_matcher``, ``agency_normaliser``.

    Returns:
        The :class:`Answer`.
    """
    return QAEngine(store, index, gazetteer, **kwargs).answer(question)
