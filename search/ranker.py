"""Clause ranking: one named set of weights over a few features, fitted by a script, read from data.

Each candidate clause gets a feature vector (:data:`FEATURES`):

* ``retrieval`` — dense + BM25 fused retrieval, as a 0–1 score mixing normalised score and rank;
* ``dense`` — the absolute cosine of the question and the clause embeddings (0 when not retrieved);
  the relative retrieval score is 1.0 for the best hit of any question, so only this one says how
  close the best clause really is;
* ``heading`` — bigram overlap of the question with the clause heading;
* ``para_heading`` — the best such overlap with the lead phrase of one of the clause's later
  paragraphs (a 规划 section holding several measures, each with its own short title);
* ``coverage`` — share of the question's bigrams found in the clause text;
* ``term_coverage`` — IDF-weighted share of the question's content terms the clause holds;
* ``rare_term`` — the question's rarest (highest-IDF) term is in the clause;
* ``topic`` — share of the question's taxonomy topics tagged on the clause;
* ``own_resp`` / ``child_resp`` — the clause (or its sub-items) names responsible agencies, counted
  only when the question asks for agencies;
* ``resp_sentence`` — share of the question's bigrams in the clause's sentence that names its bodies in
  prose ("市生态环境局是“碳惠通”平台的主管部门"), for agency questions;
* ``has_target`` — the clause sets a quantified target, counted only for target questions;
* ``bare_section`` — a section title whose items are the measures.

The score is ``bias + Σ weight·feature`` (a logistic model's log-odds). A second logistic model
(:data:`REFUSAL_FEATURES`) says from the best clause whether the question is answerable at all; the
answer is refused below ``min_probability``. Both models and the threshold live in ``dictionaries/ranker_weights.json``, written by ``scripts/fit_ranker.py`` from
questions generated from the graph plus the written development sets, and checked on a held-out
part; nothing here is set by hand to pass a case.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

WEIGHTS_FILE = Path(__file__).resolve().parent / "dictionaries" / "ranker_weights.json"

FEATURES: tuple[str, ...] = (
    "retrieval",
    "dense",
    "heading",
    "para_heading",
    "coverage",
    "term_coverage",
    "rare_term",
    "topic",
    "own_resp",
    "child_resp",
    "resp_sentence",
    "has_target",
    "bare_section",
)


# What the refusal model sees of the best-ranked clause: how sure the ranker is, and how close the
# clause really is in absolute terms (the ranker compares clauses of one question, the refusal model
# compares questions).
REFUSAL_FEATURES: tuple[str, ...] = (
    "score", "dense", "term_coverage", "rare_term", "heading", "para_heading", "coverage",
)


@dataclass(frozen=True)
class RankerWeights:
    """The fitted ranking model, the fitted refusal model and the threshold chosen with them."""

    weights: dict[str, float]
    bias: float = 0.0
    # refusal model: P(the question is answerable from the best clause) = logistic(refusal_bias + Σ w·g)
    refusal_weights: dict[str, float] = field(default_factory=dict)
    refusal_bias: float = 0.0
    # refuse ("not found") when that probability is below this
    min_probability: float = 0.0
    # and, independently, when the best clause holds less than this share of the question's terms
    min_term_coverage: float = 0.0
    about: dict[str, Any] = field(default_factory=dict)

    def answer_probability(self, score: float, features: dict[str, float]) -> float:
        """The refusal model's probability that the best clause answers the question at all."""
        g = dict(features, score=score)
        z = self.refusal_bias + sum(self.refusal_weights.get(n, 0.0) * g.get(n, 0.0) for n in REFUSAL_FEATURES)
        return self.probability(z)

    def score(self, features: dict[str, float]) -> float:
        """Log-odds that the clause answers the question."""
        return self.bias + sum(self.weights.get(name, 0.0) * features.get(name, 0.0) for name in FEATURES)

    @staticmethod
    def probability(score: float) -> float:
        """The logistic of a score."""
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, score))))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form written by the fitting script."""
        return {
            "weights": {name: self.weights.get(name, 0.0) for name in FEATURES},
            "bias": self.bias,
            "refusal_weights": {name: self.refusal_weights.get(name, 0.0) for name in REFUSAL_FEATURES},
            "refusal_bias": self.refusal_bias,
            "min_probability": self.min_probability,
            "min_term_coverage": self.min_term_coverage,
            "about": self.about,
        }


def load_weights(path: Path = WEIGHTS_FILE) -> RankerWeights:
    """Read the weights file; a missing feature weighs 0.

    Raises:
        ValueError: the file is not the expected JSON (names the file).
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return RankerWeights(
            weights={k: float(v) for k, v in data["weights"].items()},
            bias=float(data.get("bias", 0.0)),
            refusal_weights={k: float(v) for k, v in data.get("refusal_weights", {}).items()},
            refusal_bias=float(data.get("refusal_bias", 0.0)),
            min_probability=float(data.get("min_probability", 0.0)),
            min_term_coverage=float(data.get("min_term_coverage", 0.0)),
            about=dict(data.get("about", {})),
        )
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: not a ranker weights file ({exc})") from exc


@lru_cache(maxsize=1)
def default_weights() -> RankerWeights:
    """The shipped, fitted weights."""
    return load_weights(WEIGHTS_FILE)


# --- target choice ------------------------------------------------------------------------------
# Which of the targets set by the best clauses answers a target question. Features of one target
# (search.ranking.target_features): the clause's relative probability, how its indicator matches the
# question (normalised name equal, bigram overlap of the raw and normalised names), the asked year and
# base year, comparator and unit agreement, the IDF share of the question's terms its own sentence
# holds, whether it repeats a numbered clause's figure from a preamble, and whether it states a year
# at all (a figure without one is often the current state: "森林覆盖率达62.5%,居全国第三位").
TARGET_WEIGHTS_FILE = Path(__file__).resolve().parent / "dictionaries" / "target_weights.json"
TARGET_FEATURES: tuple[str, ...] = (
    "clause", "indicator_equal", "raw_overlap", "indicator_overlap", "year_match", "year_mismatch",
    "base_year_match", "comparator_match", "decrease_match", "percent_unit", "unit_match", "coverage",
    "preamble_repeat", "no_target_year",
)
#: the weights written by hand before any fitting (kept as the fallback and the fitting baseline)
HAND_TARGET_WEIGHTS: dict[str, float] = {
    "clause": 0.5, "indicator_equal": 1.0, "raw_overlap": 1.2, "indicator_overlap": 0.4, "year_match": 0.4,
    "year_mismatch": -0.3, "base_year_match": 0.3, "comparator_match": 0.2, "decrease_match": 0.15,
    "percent_unit": 0.15, "unit_match": 0.15, "coverage": 1.0, "preamble_repeat": -0.1, "no_target_year": 0.0,
}


@dataclass(frozen=True)
class TargetWeights:
    """Weights of the target-choice score (``Σ weight·feature``; only the order of candidates matters)."""

    weights: dict[str, float]
    about: dict[str, Any] = field(default_factory=dict)

    def score(self, features: dict[str, float]) -> float:
        """The score of one candidate target."""
        return sum(self.weights.get(name, 0.0) * features.get(name, 0.0) for name in TARGET_FEATURES)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form written by ``scripts/fit_target_ranker.py``."""
        return {"weights": {n: self.weights.get(n, 0.0) for n in TARGET_FEATURES}, "about": self.about}


@lru_cache(maxsize=1)
def default_target_weights(path: Path = TARGET_WEIGHTS_FILE) -> TargetWeights:
    """The fitted target weights, or the hand weights when no fitted file is shipped.

    Raises:
        ValueError: the file exists but is not a target weights file (names the file).
    """
    if not Path(path).is_file():
        return TargetWeights(dict(HAND_TARGET_WEIGHTS), {"source": "hand-set"})
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return TargetWeights({k: float(v) for k, v in data["weights"].items()}, dict(data.get("about", {})))
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: not a target weights file ({exc})") from exc


# --- similar measures ---------------------------------------------------------------------------
# Which other documents a similar-measures answer lists: each candidate clause (from the dense
# neighbours of the measure asked about and the lexical ranking over the other documents) has these
# features (search.answer_similar.SimilarAnswers.similar_candidates): its dense-neighbour rank and its rank in the
# lexical ranking over the other documents, each as 1/(1+0.2·rank), the lexical heading overlap and bigram coverage, the IDF-weighted share of the question's terms it holds and whether
# it holds the rarest one (the measure asked about: 建筑师负责制, not 绿色建筑 in general), the share of the question's theme bigrams in its
# document's title, and whether its document is of the same type (方案, 规划, 通知 …) and the same level
# (province, city …) as the document asked about. A document's best clause stands for it.
SIMILAR_WEIGHTS_FILE = Path(__file__).resolve().parent / "dictionaries" / "similar_weights.json"
SIMILAR_FEATURES: tuple[str, ...] = (
    "dense", "heading", "coverage", "term_coverage", "rare_term", "title_share", "same_type", "same_level", "lexical",
)
#: the weights written by hand before any fitting (the fallback and the fitting baseline)
HAND_SIMILAR_WEIGHTS: dict[str, float] = {
    "dense": 0.5, "heading": 1.0, "coverage": 0.6, "term_coverage": 0.0, "rare_term": 0.0, "title_share": 0.0,
    "same_type": 0.0, "same_level": 0.0, "lexical": 0.0,
}
HAND_SIMILAR_MIN_SCORE = 0.3


@dataclass(frozen=True)
class SimilarWeights:
    """Weights of the similar-document score (``Σ weight·feature``) and the score below which a document is not
    listed."""

    weights: dict[str, float]
    min_score: float
    about: dict[str, Any] = field(default_factory=dict)

    def score(self, features: dict[str, float]) -> float:
        """The score of one candidate clause."""
        return sum(self.weights.get(name, 0.0) * features.get(name, 0.0) for name in SIMILAR_FEATURES)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form written by ``scripts/fit_similar_ranker.py``."""
        return {"weights": {n: self.weights.get(n, 0.0) for n in SIMILAR_FEATURES}, "min_score": self.min_score,
                "about": self.about}


@lru_cache(maxsize=1)
def default_similar_weights(path: Path = SIMILAR_WEIGHTS_FILE) -> SimilarWeights:
    """The fitted similar-document weights, or the hand weights when no fitted file is shipped.

    Raises:
        ValueError: the file exists but is not a similar weights file (names the file).
    """
    if not Path(path).is_file():
        return SimilarWeights(dict(HAND_SIMILAR_WEIGHTS), HAND_SIMILAR_MIN_SCORE, {"source": "hand-set"})
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return SimilarWeights({k: float(v) for k, v in data["weights"].items()}, float(data["min_score"]),
                              dict(data.get("about", {})))
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: not a similar weights file ({exc})") from exc
