"""Fit the figure-coverage floor of target answers (how much of a question's terms a figure's wording must hold).

    .venv/bin/python scripts/fit_figure_coverage.py --store STORE [GOLD.jsonl ...]

Every ``target_value`` and ``not_in_corpus`` question of the given sets (default: every question set under data/eval/
except the closed ones, ``search.eval.CLOSED_SETS``) is asked over the store with each floor of the grid
(``Answerers.min_figure_coverage``: a recorded target, a table cell or a sentence stating a figure answers only when its
wording, read with its clause heading and document title, holds that share of the question's IDF-weighted terms). A
floor scores the questions judged right by ``search.eval.score_item``; among equal scores the one refusing more
not-in-corpus questions, then the higher floor (answers held to more of the question) wins. The best floor is written
to ``search/dictionaries/figure_coverage.json`` with the whole score table.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.answer_text import FIGURE_COVERAGE_FILE, MIN_TERM_COVERAGE  # noqa: E402
from search.eval import load_gold  # noqa: E402
from search.fitting import fit_about, fitting_parser, fitting_sets_or_exit, right_by_intent, write_fitted  # noqa: E402

GRID = [round(0.30 + 0.05 * i, 2) for i in range(9)]  # 0.30 … 0.70
INTENTS = ("target_value", "not_in_corpus")


def main() -> None:
    args = fitting_parser(__doc__.splitlines()[0]).parse_args()
    from ui.factory import open_pinned_snapshot

    sets = fitting_sets_or_exit(args.gold, ROOT / "data" / "eval")
    golds = [g for path in sets for g in load_gold(path) if g.get("intent") in INTENTS]
    kg = open_pinned_snapshot(args.store, args.graph)  # (what is set on its answerers below is kept)
    answerers = kg.engine.answerers
    table = []
    for floor in GRID:
        answerers.min_figure_coverage = floor
        scores = right_by_intent(kg.ask, golds)
        right, targets_right, refused_right = scores["correct"], scores["target_value"], scores["not_in_corpus"]
        table.append({"min_figure_coverage": floor, "correct": right, "targets_right": targets_right,
                      "not_in_corpus_right": refused_right})
        print(f"floor {floor}: {right}/{len(golds)} right ({targets_right} targets, {refused_right} refusals)", flush=True)
    best = max(table, key=lambda r: (r["correct"], r["not_in_corpus_right"], r["min_figure_coverage"]))
    out = {
        "min_figure_coverage": best["min_figure_coverage"],
        "about": {
            **fit_about("scripts/fit_figure_coverage.py", golds, sets, len(kg.documents()), table, top=best["correct"]),
            "hand_value": MIN_TERM_COVERAGE,
        },
    }
    write_fitted(FIGURE_COVERAGE_FILE, out)
    print(f"wrote {FIGURE_COVERAGE_FILE}: min_figure_coverage = {out['min_figure_coverage']}")


if __name__ == "__main__":
    main()
