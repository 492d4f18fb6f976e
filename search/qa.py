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

The work is done in three rooms: :mod:`search.readmodel` (the store snapshot, cached per
:meth:`QAEngine.refresh`), :mod:`search.ranking` (clause features and scores) and
:mod:`search.answerers` (the routing to one answerer per intent, each in its own module, and the answer texts of
:mod:`search.answer_text`). :class:`QAEngine` wires
them together and keeps the engine's public API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from search.answer import Answer, AnswerAgency
from search.answer_text import answer_agencies
from search.answerers import Answerers
from search.question import QuestionFrame, QuestionParser
from search.ranker import RankerWeights, default_weights
from search.ranking import Ranker, ScoredClause, scope_to_annotated_span
from search.readmodel import ReadModel

if TYPE_CHECKING:
    from graph.store import AgencyRole, GraphStore
    from ingest.records import Agency, Clause, Document, Target
    from ingest.regions import Gazetteer
    from search.index import SearchIndex


class QAEngine:
    """Answers questions over one store + index; caches the store's records in memory.

    Args:
        store: a ``graph.store.GraphStore``.
        index: a ``search.index.SearchIndex`` (or None: lexical scoring only).
        gazetteer: an ``ingest.regions.Gazetteer``.
        topic_matcher / indicator_matcher / agency_normaliser: see :class:`QuestionParser`.
        weights: the ranker weights (default: ``dictionaries/ranker_weights.json``).
        read_model: builds the read model from (store, gazetteer): :class:`ReadModel` (the default,
            a whole snapshot) or :class:`search.querymodel.StoreReadModel` (per-query lookups).
    """

    def __init__(
        self,
        store: GraphStore,
        index: SearchIndex | None,
        gazetteer: Gazetteer | None = None,
        *,
        topic_matcher: Callable[[str], list[str]] | None = None,
        indicator_matcher: Callable[[str], str | None] | None = None,
        agency_normaliser: Callable[[str, str], str | None] | None = None,
        weights: RankerWeights | None = None,
        read_model: Callable[[GraphStore, Gazetteer | None], ReadModel] | None = None,
    ):
        self.store = store
        self._read_model = read_model or ReadModel
        self._index = index
        self.gazetteer = gazetteer
        self._topic_matcher = topic_matcher
        self._indicator_matcher = indicator_matcher
        self._agency_normaliser = agency_normaliser
        self._weights = weights if weights is not None else default_weights()
        self.refresh()

    def refresh(self, index: SearchIndex | None = None) -> None:
        """Reload the store snapshot (call after ingest/remove); optionally swap the index."""
        if index is not None:
            self._index = index
        self.model = self._read_model(self.store, self.gazetteer)
        self.parser = QuestionParser(
            self.gazetteer,
            self.model.doc_regions,
            agencies=self.model.agencies,
            topic_matcher=self._topic_matcher,
            indicator_matcher=self._indicator_matcher,
            agency_normaliser=self._agency_normaliser,
        )
        self.ranker = Ranker(self.model, self._index, self.parser, self._weights)
        self.answerers = Answerers(self.model, self.ranker, self.parser)

    def answer(self, question: str) -> Answer:
        """Answer one question.

        Args:
            question: the user's question.

        Returns:
            The :class:`Answer` (``found`` False when the documents do not say).
        """
        return self.answerers.answer(question)

    # ------------------------------------------------------------------------- index and weights (shared with the ranker)
    @property
    def index(self) -> SearchIndex | None:
        """The hybrid index (None: lexical scoring only)."""
        return self._index

    @index.setter
    def index(self, value: SearchIndex | None) -> None:
        self._index = value
        self.ranker.index = value

    @property
    def weights(self) -> RankerWeights:
        """The ranker and refusal weights in force."""
        return self._weights

    @weights.setter
    def weights(self, value: RankerWeights) -> None:
        self._weights = value
        self.ranker.weights = value

    # ------------------------------------------------------------------------- the snapshot (read model)
    @property
    def docs(self) -> dict[str, Document]:
        return self.model.docs

    @property
    def clauses(self) -> dict[str, Clause]:
        return self.model.clauses

    @property
    def by_doc(self) -> dict[str, list[Clause]]:
        return self.model.by_doc

    @property
    def children(self) -> dict[str, list[Clause]]:
        return self.model.children

    @property
    def targets_by_clause(self) -> dict[str, list[Target]]:
        return self.model.targets_by_clause

    @property
    def agencies(self) -> list[Agency]:
        return self.model.agencies

    @property
    def doc_titles(self) -> dict[str, str]:
        return self.model.doc_titles

    @property
    def doc_numbers(self) -> dict[str, str]:
        return self.model.doc_numbers

    @property
    def doc_headers(self) -> dict[str, str]:
        return self.model.doc_headers

    @property
    def doc_regions(self) -> set[str]:
        return self.model.doc_regions

    @property
    def _plain(self) -> dict[str, str]:
        return self.model.plain

    @property
    def _text_bg(self) -> dict[str, set[str]]:
        return self.model.text_bg

    def _df(self, term: str) -> int:
        return self.model.df(term)

    def responsibilities(self, clause_id: str) -> list[AgencyRole]:
        """The clause's AgencyRoles for its measures (the divisions named to contact left out; memoised)."""
        return self.model.responsibilities(clause_id)

    def effective_responsibilities(self, clause_id: str) -> tuple[list[AgencyRole], str]:
        """The clause's own responsibilities, else its sub-items', else its unit's annotation: (roles, "own" | "children" |
        "parent" | "none")."""
        return self.model.effective_responsibilities(clause_id)

    def scope_docs(self, frame: QuestionFrame, *, include_sub: bool = False) -> list[str]:
        """Documents a question is answered from: those named, or issued for its region (or all)."""
        return self.model.scope_docs(frame, include_sub=include_sub)

    # ------------------------------------------------------------------------- ranking
    def rank_clauses(
        self, frame: QuestionFrame, doc_ids: Sequence[str], *, prefer: str = "", k_retrieval: int = 40
    ) -> list[ScoredClause]:
        """Score every clause of ``doc_ids`` for the question, best first (see :meth:`Ranker.rank_clauses`)."""
        return self.ranker.rank_clauses(frame, doc_ids, prefer=prefer, k_retrieval=k_retrieval)

    def answerable(self, s: ScoredClause) -> bool:
        """Whether a ranked clause is good enough to answer from (the fitted refusal thresholds)."""
        return self.ranker.answerable(s)

    def term_units(self, frame: QuestionFrame) -> list[tuple[tuple[str, ...], float]]:
        """The question's content terms as (alternative wordings, IDF weight) units."""
        return self.ranker.term_units(frame)

    def _tokenize(self, text: str) -> list[str]:
        return self.ranker.tokenize(text)

    def scope_to_annotated_span(self, clause_id: str, roles: list[AgencyRole], frame: QuestionFrame) -> list[AgencyRole]:
        """Narrow a clause's roles to the one measure the question asks about (:func:`search.ranking.scope_to_annotated_span`)."""
        return scope_to_annotated_span(self.clauses, clause_id, roles, frame, getattr(self, "term_units", None))

    # ------------------------------------------------------------------------- answering
    def apply_document_reference(self, frame: QuestionFrame) -> QuestionFrame:
        """Scope a question that names a document (number or title) to it, and drop the reference words."""
        return self.answerers.apply_document_reference(frame)

    @staticmethod
    def answer_agencies(roles: Iterable[AgencyRole]) -> list[AnswerAgency]:
        """Distinct agencies, lead first then co then implementing, document order within a role."""
        return answer_agencies(roles)


def answer_question(
    question: str, store: GraphStore, index: SearchIndex | None, gazetteer: Gazetteer | None = None, **kwargs: Any
) -> Answer:
    """Answer one question (builds a throw-away :class:`QAEngine`; keep an engine for many).

    Args:
        question: the user's question.
        store: a ``GraphStore``.
        index: a ``SearchIndex`` or None.
        gazetteer: an ``ingest.regions.Gazetteer``.
        **kwargs: ``topic_matcher``, ``indicator_matcher``, ``agency_normaliser``, ``weights``.

    Returns:
        The :class:`Answer`.
    """
    return QAEngine(store, index, gazetteer, **kwargs).answer(question)


__all__ = ["QAEngine", "ScoredClause", "answer_question"]
