"""Fit how fully wording the refusal model is unsure of must speak of a question to answer it anyway.

    .venv/bin/python scripts/fit_unsure_answers.py --store STORE [GOLD.jsonl ...]

A question whose best clause is below the ranker's refusal threshold is refused, unless
- (target questions) a recorded target of the best few clauses (``search.answer_text.UNSURE_FIGURE_DEPTH``) has wording —
  its sentence, indicator, clause heading path and document title — holding at least ``unsure_figure_coverage`` of the
  question's IDF-weighted terms;
- (questions of who is responsible) a sentence of the best clause, read with its heading path and document title, holds
  at least ``unsure_sentence_coverage`` of them.
"never" keeps every such refusal. Each floor is fitted in turn over a grid on the questions it can change (its intents
and every ``not_in_corpus`` question of the given sets; default: every question set under data/eval/ except the closed
ones, ``search.eval.CLOSED_SETS``), asked over the store and scored by ``search.eval.score_item``; among equal scores
the one refusing more not-in-corpus questions, then the stricter floor wins. Both are written to
``search/dictionaries/unsure_answers.json`` with their score tables.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.answer_text import UNSURE_ANSWERS_FILE  # noqa: E402
from search.eval import load_gold  # noqa: E402
from search.fitting import fit_about, fitting_parser, fitting_sets_or_exit, right_by_intent, write_fitted  # noqa: E402

GRID: list[float | None] = [None, 1.0, 0.9, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5]
FLOORS = {
    "unsure_figure_coverage": ("target_value", "not_in_corpus"),
    "unsure_sentence_coverage": ("lead_agency", "responsible_agencies", "no_annotation", "not_in_corpus"),
}


def main() -> None:
    args = fitting_parser(__doc__.splitlines()[0]).parse_args()
    from ui.factory import open_pinned_snapshot

    sets = fitting_sets_or_exit(args.gold, ROOT / "data" / "eval")
    kg = open_pinned_snapshot(args.store, args.graph)  # (what is set on its answerers below is kept)
    answerers = kg.engine.answerers
    for key in FLOORS:
        setattr(answerers, key, None)
    out: dict[str, object] = {}
    about: dict[str, object] = {}
    for key, intents in FLOORS.items():
        golds = [g for path in sets for g in load_gold(path) if g.get("intent") in intents]
        table = []
        for floor in GRID:
            setattr(answerers, key, floor)
            scores = right_by_intent(kg.ask, golds)
            right, refused_right = scores["correct"], scores["not_in_corpus"]
            table.append({key: floor, "correct": right, "not_in_corpus_right": refused_right})
            print(f"{key} {floor}: {right}/{len(golds)} right ({refused_right} refusals)", flush=True)
        # (ties: more refusals right, then the stricter floor — "never" strictest)
        best = max(table, key=lambda r: (r["correct"], r["not_in_corpus_right"], 2.0 if r[key] is None else r[key]))
        setattr(answerers, key, best[key])  # (the next floor is fitted with this one in place)
        out[key] = best[key]
        about[key] = fit_about("scripts/fit_unsure_answers.py", golds, sets, len(kg.documents()), table, top=best["correct"])
    write_fitted(UNSURE_ANSWERS_FILE, {**out, "about": about})
    print(f"wrote {UNSURE_ANSWERS_FILE}: {out}")


if __name__ == "__main__":
    main()
