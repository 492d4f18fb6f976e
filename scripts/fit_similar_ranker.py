"""Fit the similar-document weights (which other documents a similar-measures answer lists).

    .venv/bin/python scripts/fit_similar_ranker.py --store STORE [GOLD.jsonl ...]

Every ``similar_measures`` question of the given sets (default: every question set under data/eval/ except the
closed ones, ``search.eval.CLOSED_SETS``) is asked over the store; the candidate clauses the answerer weighs
(``Answerers.similar_candidates``) are recorded with their features (``search.ranker.SIMILAR_FEATURES``), each
document standing by its best clause, and labelled right when the document is one the gold expects
(``expect_docs``). A logistic regression (scikit-learn, pairwise: an expected document against each other
candidate of the same question, every question weighing the same) orders the candidates; it is compared with the
hand weights by the questions whose expected documents all rank among the first 8 listed, in sample and by
leave-one-set-out cross-validation (each set scored by weights fitted on the others). The fitted weights are scaled
to the hand weights' L1 norm; ``min_score`` (the score below which a document is not listed) is the highest grid
value that keeps every in-sample success. ``search/dictionaries/similar_weights.json`` is written with the fitted
weights when their cross-validated count is above the hand weights', else with the hand weights (the fit and its
numbers recorded beside them, ``about.kept`` saying which).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.eval import load_gold  # noqa: E402
from search.fitting import fitting_parser, fitting_sets_or_exit, leave_one_set_out, pairwise_fit  # noqa: E402
from search.ranker import (  # noqa: E402
    HAND_SIMILAR_MIN_SCORE,
    HAND_SIMILAR_WEIGHTS,
    SIMILAR_FEATURES,
    SIMILAR_WEIGHTS_FILE,
    SimilarWeights,
)

LISTED = 8  # documents a similar-measures answer lists


def collect(kg, golds: list[tuple[str, dict]]) -> list[dict]:
    """Per question: its set, and per candidate clause its document, features and label."""
    answerers = kg.engine.answerers
    seen: list = []
    original = answerers.similar_candidates

    def recording(dense, lexical, theme, source_doc):
        got = original(dense, lexical, theme, source_doc)
        seen.append(got)
        return got

    answerers.similar_candidates = recording
    rows = []
    try:
        for set_name, g in golds:
            seen.clear()
            kg.ask(g["question"])
            expected = {Path(d).stem for d in g.get("expect_docs") or []}
            if not seen or not expected:
                continue
            cands = []
            for cid, f in seen[-1]:
                doc = cid.split("#", 1)[0]
                cands.append((doc, [f.get(n, 0.0) for n in SIMILAR_FEATURES], doc in expected))
            if any(ok for _d, _x, ok in cands):
                rows.append({"set": set_name, "id": g.get("id"), "expected": len(expected), "cands": cands})
    finally:
        answerers.similar_candidates = original
    return rows


def listed(row: dict, w: np.ndarray, min_score: float = -np.inf) -> list[tuple[str, bool]]:
    """The documents listed for one question: each by its best clause, best first, at most :data:`LISTED`."""
    best: dict[str, tuple[float, bool]] = {}
    for doc, x, ok in row["cands"]:
        sc = float(np.dot(w, x))
        if doc not in best or sc > best[doc][0]:
            best[doc] = (sc, ok)
    order = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return [(doc, ok) for doc, (sc, ok) in order if sc >= min_score][:LISTED]


def successes(rows: list[dict], w: np.ndarray, min_score: float = -np.inf) -> int:
    """Questions whose expected documents (those among the candidates) are all listed."""
    n = 0
    for r in rows:
        reachable = len({d for d, _x, ok in r["cands"] if ok})
        n += sum(ok for _d, ok in listed(r, w, min_score)) == reachable
    return n


def fit(rows: list[dict]) -> np.ndarray:
    """Pairwise logistic regression: an expected document's best clause against each other document's best clause
    (by the hand weights), every question weighing the same."""
    hand = np.asarray([HAND_SIMILAR_WEIGHTS[n] for n in SIMILAR_FEATURES])
    groups = []
    for r in rows:
        best: dict[str, tuple[float, np.ndarray, bool]] = {}
        for doc, x, ok in r["cands"]:
            x = np.asarray(x)
            sc = float(np.dot(hand, x))
            if doc not in best or sc > best[doc][0]:
                best[doc] = (sc, x, ok)
        groups.append(([x for _s, x, ok in best.values() if ok], [x for _s, x, ok in best.values() if not ok]))
    return pairwise_fit(groups, hand)


def main() -> None:
    args = fitting_parser(__doc__.splitlines()[0]).parse_args()
    from ui.factory import open_pinned_snapshot

    sets = fitting_sets_or_exit(args.gold, ROOT / "data" / "eval")
    golds = [(p.stem, g) for p in sets for g in load_gold(p) if g.get("intent") == "similar_measures"]
    kg = open_pinned_snapshot(args.store, args.graph)  # (what is set on its answerers below is kept)
    answerers = kg.engine.answerers
    answerers.similar_weights = SimilarWeights(dict(HAND_SIMILAR_WEIGHTS), HAND_SIMILAR_MIN_SCORE)
    rows = collect(kg, golds)
    hand = np.asarray([HAND_SIMILAR_WEIGHTS[n] for n in SIMILAR_FEATURES])
    fitted = fit(rows)
    cv = leave_one_set_out(rows, fit, lambda held: successes(held, hand, HAND_SIMILAR_MIN_SCORE), successes)
    cv_hand = sum(v["hand"] for v in cv.values())
    cv_fitted = sum(v["fitted_on_others"] for v in cv.values())
    in_sample = successes(rows, fitted)
    grid = [round(-1.0 + 0.05 * i, 2) for i in range(41)]
    min_score = max((g for g in grid if successes(rows, fitted, g) == in_sample), default=grid[0])
    about = {
        "fitted_by": "scripts/fit_similar_ranker.py",
        "store": str(args.store),
        "sets": [p.name for p in sets],
        "similar_questions": len(golds),
        "with_an_expected_candidate": len(rows),
        "candidates": sum(len(r["cands"]) for r in rows),
        "listed": LISTED,
        "all_listed_hand_in_sample": successes(rows, hand, HAND_SIMILAR_MIN_SCORE),
        "all_listed_fitted_in_sample": in_sample,
        "leave_one_set_out": cv,
        "all_listed_hand_cv": cv_hand,
        "all_listed_fitted_cv": cv_fitted,
    }
    fitted_weights = {n: round(float(w), 4) for n, w in zip(SIMILAR_FEATURES, fitted)}
    # the fitted weights replace the hand ones only when they list the held-out sets' documents better
    kept = "fitted" if cv_fitted > cv_hand else "hand"
    about.update({"kept": kept, "fitted_weights": fitted_weights, "fitted_min_score": min_score})
    print(json.dumps(about, ensure_ascii=False, indent=1))
    for n, w in zip(SIMILAR_FEATURES, fitted):
        print(f"  {n:13s} hand {HAND_SIMILAR_WEIGHTS[n]:+.2f}  fitted {w:+.3f}")
    print(f"  min_score     hand {HAND_SIMILAR_MIN_SCORE:+.2f}  fitted {min_score:+.2f}")
    if kept == "fitted":
        weights = SimilarWeights(fitted_weights, min_score, about)
    else:
        print("cross-validated count not above the hand weights': the hand weights are kept")
        weights = SimilarWeights(dict(HAND_SIMILAR_WEIGHTS), HAND_SIMILAR_MIN_SCORE, about)
    SIMILAR_WEIGHTS_FILE.write_text(json.dumps(weights.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SIMILAR_WEIGHTS_FILE} ({kept} weights)")


if __name__ == "__main__":
    main()
