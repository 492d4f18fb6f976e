"""Shared steps of the fitting scripts (``scripts/fit_*.py``): their command line, which question sets they may fit on,
the pairwise logistic regression that orders candidates (a right one above each wrong one of the same question), and
the leave-one-set-out check of fitted against hand weights, and the score of one grid point of a fitted floor."""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from search.eval import CLOSED_SETS, FROZEN_SETS, score_item

# a frozen set's file name (questions_frozen63.jsonl): one not yet listed in search.eval.FROZEN_SETS is a set just written
# and not yet registered — closed like the listed closed ones, so a fit run before its registration cannot learn from it
FROZEN_SET_NAME_RE = re.compile(r"questions_frozen\d+\.jsonl")


def is_closed(name: str) -> bool:
    """Whether a question set (its file name) is closed to fitting: listed in ``search.eval.CLOSED_SETS``, or named as a
    frozen set (``questions_frozenNN.jsonl``) and not yet listed in ``search.eval.FROZEN_SETS``."""
    return name in CLOSED_SETS or bool(FROZEN_SET_NAME_RE.fullmatch(name) and name not in FROZEN_SETS)


def fitting_parser(description: str) -> argparse.ArgumentParser:
    """The fitting scripts' command line: question sets (default: every one not closed), ``--store``, ``--graph``."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--store", type=Path, required=True, help="store folder holding every document")
    ap.add_argument("--graph", default="networkx")
    return ap


def fitting_sets(named: Sequence[Path], eval_dir: Path) -> list[Path]:
    """The question sets named, or every ``*questions*.jsonl`` of ``eval_dir`` except the closed ones (:func:`is_closed`).

    Raises:
        ValueError: a named set is closed; the message names it.
    """
    sets = list(named) or sorted(p for p in eval_dir.glob("*questions*.jsonl") if not is_closed(p.name))
    if closed := [p.name for p in sets if is_closed(p.name)]:
        raise ValueError(
            f"refused: {', '.join(closed)} is a closed frozen set (search.eval.CLOSED_SETS, or a frozen set not yet "
            "registered in search.eval.FROZEN_SETS) and is not fitted on"
        )
    return sets


def fitting_sets_or_exit(named: Sequence[Path], eval_dir: Path) -> list[Path]:
    """:func:`fitting_sets` for a script's ``main``: a closed set named ends the script with the refusal's message."""
    try:
        return fitting_sets(named, eval_dir)
    except ValueError as exc:
        raise SystemExit(str(exc)) from None


def pairwise_fit(groups: Iterable[tuple[list[np.ndarray], list[np.ndarray]]], hand: np.ndarray) -> np.ndarray:
    """Weights ordering each group's right candidates above its wrong ones: a logistic regression (scikit-learn, no
    intercept) over the differences of every (right, wrong) pair, each group weighing the same; scaled to the L1 norm
    of ``hand`` so that margins keep their meaning."""
    from sklearn.linear_model import LogisticRegression

    X, y, sw = [], [], []
    for right, wrong in groups:
        pairs = [(a, b) for a in right for b in wrong]
        for a, b in pairs:
            X.extend([a - b, b - a])
            y.extend([1, 0])
            sw.extend([1.0 / len(pairs)] * 2)
    model = LogisticRegression(C=1.0, fit_intercept=False, max_iter=5000)
    model.fit(np.asarray(X), np.asarray(y), sample_weight=np.asarray(sw))
    w = model.coef_[0]
    return w * (np.abs(hand).sum() / max(np.abs(w).sum(), 1e-9))


def leave_one_set_out(
    rows: Sequence[dict],
    fit: Callable[[list[dict]], np.ndarray],
    hand_count: Callable[[list[dict]], int],
    count: Callable[[list[dict], np.ndarray], int],
) -> dict[str, dict[str, int]]:
    """Per question set (each row's ``"set"``, in order of first row): its rows, what the hand weights get right on
    it (``hand_count``) and what weights fitted on the other sets get right on it (``count``)."""
    by_set: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_set[r["set"]].append(r)
    return {
        name: {
            "questions": len(held),
            "hand": hand_count(held),
            "fitted_on_others": count(held, fit([r for r in rows if r["set"] != name])),
        }
        for name, held in by_set.items()
    }


__all__ = ["fitting_parser", "fitting_sets", "fitting_sets_or_exit", "leave_one_set_out", "pairwise_fit"]


def right_by_intent(ask: Callable[[str], object], golds: Iterable[dict]) -> Counter[str]:
    """Ask every gold question (``ask``: question -> answer) and count the right answers (``search.eval.score_item``) per
    intent, and in all under ``"correct"`` — one grid point's score in the floor-fitting scripts."""
    right: Counter[str] = Counter()
    for g in golds:
        ok, _why = score_item(g, ask(g["question"]))
        if ok:
            right["correct"] += 1
            right[g["intent"]] += 1
    return right


def fit_about(
    script: str, golds: Sequence[object], sets: Sequence[Path], store_documents: int, table: list[dict], *, top: int | None = None
) -> dict:
    """The ``about`` record a grid-fitting script writes beside its values: the script, the questions and sets fitted on,
    the store's size and the table of grid points (with the best score and how many points reach it, given ``top``)."""
    about: dict = {"fitted_by": script, "questions": len(golds), "sets": [p.name for p in sets], "store_documents": store_documents}
    if top is not None:
        about["best_correct"] = top
        about["points_at_best"] = sum(1 for r in table if r["correct"] == top)
    about["table"] = table
    return about


def write_fitted(path: Path, fitted: dict) -> None:
    """Write a fitted data file (indented JSON, Chinese kept readable, newline at the end)."""
    path.write_text(json.dumps(fitted, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
