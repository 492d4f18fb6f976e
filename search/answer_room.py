"""What every answer room shares — the per-intent answerer mixins, not qa.py's three rooms (read model, ranking,
answerers), of which they make up the third: the read model, the ranker and the question parser it reads, and the
helpers one room uses that another room or :class:`search.answerers.Answerers` defines.

The rooms (:mod:`search.answer_references`, :mod:`search.answer_agencies`, :mod:`search.answer_targets`,
:mod:`search.answer_similar`) are parts of :class:`search.answerers.Answerers`; each subclasses :class:`AnswerRoom`, so
that the attributes it reads and the methods it calls on ``self`` are declared, with their types, in one place. A method
declared here and not defined by a room or by ``Answerers`` raises :class:`NotImplementedError` when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from search.answer_text import WHAT_RULES

if TYPE_CHECKING:
    import re
    from collections.abc import Iterable

    from search.answer import Answer, Evidence
    from search.question import QuestionFrame, QuestionParser
    from search.ranking import Ranker, ScoredClause
    from search.readmodel import ReadModel


class AnswerRoom:
    """The attributes and shared helpers every answer room may use (defined by :class:`search.answerers.Answerers`
    unless said otherwise)."""

    model: ReadModel
    ranker: Ranker
    parser: QuestionParser

    def evidence(self, clause_id: str, score: float) -> Evidence:
        """One clause as evidence, with its document's source, title and region."""
        raise NotImplementedError

    def doc_label(self, clause_id: str) -> str:
        """A clause as cited: 《document title》clause path."""
        raise NotImplementedError

    def not_found(self, frame: QuestionFrame, what: str = WHAT_RULES) -> Answer:
        """"Not found", naming the region and the question's content terms."""
        raise NotImplementedError

    def within_attachment(
        self, frame: QuestionFrame, ranked: list[ScoredClause], prefer: str
    ) -> tuple[QuestionFrame, list[ScoredClause]] | None:
        """The question scoped to an attached plan it names by its title, with that plan's clauses ranked; None otherwise."""
        raise NotImplementedError

    def mentioned_in(self, doc_ids: Iterable[str], phrase: str) -> bool:
        """Whether a clause of the documents writes ``phrase``."""
        raise NotImplementedError

    def sentences(self, clause_id: str) -> list[str]:
        """A clause's sentences."""
        raise NotImplementedError

    def best_sentence(self, clause_id: str, frame: QuestionFrame) -> str:
        """The clause sentence sharing most bigrams with the question."""
        raise NotImplementedError

    def heading_path(self, clause_id: str) -> list[str]:
        """The clause's heading and its parents', nearest first."""
        raise NotImplementedError

    def headings(self, clause_id: str) -> str:
        """The clause's heading after its parents'."""
        raise NotImplementedError

    def framing_words(self, clause_id: str) -> str:
        """The words that frame every sentence of a clause: its heading path and its document's title."""
        raise NotImplementedError

    def sentence_coverage(
        self, clause_id: str, units: list[tuple[tuple[str, ...], float]], stating: re.Pattern[str] | None = None
    ) -> float | None:
        """The most of the question's terms a sentence of the clause holds (defined by
        :class:`search.answer_targets.TargetAnswers`)."""
        raise NotImplementedError
