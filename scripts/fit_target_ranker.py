"""Fit the target-choice weights (which target of the best clauses answers a target question).

    .venv/bin/python scripts/fit_target_ranker.py --store STORE [GOLD.jsonl ...]

Every ``target_value`` question of the given sets (default: every question set under data/eval/) is
asked over the store; the candidates the target answerer weighs (``Answerers.target_candidates``) are
recorded with their features (``search.ranker.TARGET_FEATURES``) and labelled right when their value
is the gold value (the rule of ``search.eval.score_item``) in the gold document. A logistic regression
(scikit-learn, pairwise: a right candidate against each wrong one of the same question, each
question weighing the same) is fitted on the questions that have
a right candidate, and compared with the hand weights by top-1 accuracy, in sample and by
leave-one-set-out cross-validation (each set scored by weights fitted on the others), and with the weights the
file held before (in sample: they were fitted on some of these questions). The weights are
scaled to the hand weights' L1 norm, so that the answerer's margins keep their meaning, and written
to ``search/dictionaries/target_weights.json`` only when the cross-validated top-1 is at least the
hand weights'.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.eval import load_gold  # noqa: E402
from search.fitting import fitting_parser, fitting_sets_or_exit, leave_one_set_out, pairwise_fit  # noqa: E402
from search.ranker import (  # noqa: E402
    HAND_TARGET_WEIGHTS,
    TARGET_FEATURES,
    TARGET_WEIGHTS_FILE,
    TargetWeights,
    default_target_weights,
)


def _norm(v: str) -> str:
    return "".join(unicodedata.normalize("NFKC", v or "").split())


def collect(kg, golds: list[tuple[str, dict]]) -> list[dict]:
    """Per question: its set, and its candidates' features and labels."""
    answerers = kg.engine.answerers
    seen: list = []
    original = answerers.target_candidates

    def recording(frame, ranked, depth=15):
        got = original(frame, ranked, depth)
        seen.append(got)
        return got

    answerers.target_candidates = recording
    rows = []
    try:
        for set_name, g in golds:
            seen.clear()
            kg.ask(g["question"])
            if not seen:
                continue
            gold_value = _norm(str(g.get("value", "")))
            gold_doc = Path(g["doc"]).stem if g.get("doc") and g["doc"] != "-" else None
            cands = []
            for f, _pos, t, _s in seen[-1]:
                doc = t.clause_id.split("#", 1)[0]
                right = bool(gold_value) and gold_value in _norm(t.value) and (gold_doc is None or doc == gold_doc)
                cands.append(([f[n] for n in TARGET_FEATURES], right))
            if cands and any(r for _x, r in cands):
                rows.append({"set": set_name, "id": g.get("id"), "cands": cands})
    finally:
        answerers.target_candidates = original
    return rows


def top1(rows: list[dict], w: np.ndarray) -> int:
    """Questions whose best-scored candidate is right (ties: the first, as the answerer orders them)."""
    return sum(1 for r in rows if r["cands"][int(np.argmax([np.dot(w, x) for x, _ in r["cands"]]))][1])


def fit(rows: list[dict]) -> np.ndarray:
    """Pairwise logistic regression: within a question, a right candidate against each wrong one
    (the order is what the answerer uses), every question weighing the same."""
    groups = [
        ([np.asarray(x) for x, ok in r["cands"] if ok], [np.asarray(x) for x, ok in r["cands"] if not ok]) for r in rows
    ]
    return pairwise_fit(groups, np.asarray([HAND_TARGET_WEIGHTS[n] for n in TARGET_FEATURES]))


def main() -> None:
    args = fitting_parser(__doc__.splitlines()[0]).parse_args()
    from ui.factory import open_pinned_snapshot

    sets = fitting_sets_or_exit(args.gold, ROOT / "data" / "eval")
    golds = [(p.stem, g) for p in sets for g in load_gold(p) if g.get("intent") == "target_value"]
    kg = open_pinned_snapshot(args.store, args.graph)  # (what is set on its answerers below is kept)
    rows = collect(kg, golds)
    hand = np.asarray([HAND_TARGET_WEIGHTS[n] for n in TARGET_FEATURES])
    previous = default_target_weights()
    before = np.asarray([previous.weights.get(n, 0.0) for n in TARGET_FEATURES])
    fitted = fit(rows)
    cv = leave_one_set_out(rows, fit, lambda held: top1(held, hand), top1)
    cv_hand = sum(v["hand"] for v in cv.values())
    cv_fitted = sum(v["fitted_on_others"] for v in cv.values())
    about = {
        "fitted_by": "scripts/fit_target_ranker.py",
        "sets": [p.name for p in sets],
        "target_questions": len(golds),
        "with_a_right_candidate": len(rows),
        "candidates": sum(len(r["cands"]) for r in rows),
        "top1_hand_in_sample": top1(rows, hand),
        "top1_fitted_in_sample": top1(rows, fitted),
        # (the weights in force before this fit: the file's, or the hand weights when there is none)
        "top1_previous_in_sample": top1(rows, before),
        "previous_fitted_by": previous.about.get("fitted_by", "hand weights"),
        "leave_one_set_out": cv,
        "top1_hand_cv": cv_hand,
        "top1_fitted_cv": cv_fitted,
    }
    print(json.dumps(about, ensure_ascii=False, indent=1))
    for n, w in zip(TARGET_FEATURES, fitted):
        print(f"  {n:18s} hand {HAND_TARGET_WEIGHTS[n]:+.2f}  fitted {w:+.3f}")
    if cv_fitted < cv_hand:
        print("cross-validated top-1 below the hand weights': nothing written")
        return
    if about["top1_fitted_in_sample"] < about["top1_previous_in_sample"]:
        print("warning: in sample the new weights choose fewer right figures than the weights in force before")
    weights = TargetWeights({n: round(float(w), 4) for n, w in zip(TARGET_FEATURES, fitted)}, about)
    TARGET_WEIGHTS_FILE.write_text(json.dumps(weights.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TARGET_WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
