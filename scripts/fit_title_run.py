"""Fit the length of a title run that names its document by itself (``Answerers.title_run_names``) on question sets.

    .venv/bin/python scripts/fit_title_run.py --store STORE [GOLD.jsonl ...]

A question whose words, with a stored title's run removed, find nothing is asked again of that document when the run
is at least ``title_run_names`` characters long (years and level words not counted), the longest of the titles it
touches, and held by no other stored title (``Answerers.titled_by_run``): a weak answer from the named document instead
of "未找到". For every question of the given sets (default: every question set under data/eval/ except the closed ones,
``search.eval.CLOSED_SETS``; all intents take part, since a run may also answer a question that should be refused) the
answer is computed over the store for each length; a length scores the questions judged right by
``search.eval.score_item``. Among the best lengths the one nearest the default in ``search.answer_text`` wins (the data
may not separate them), then the longer (stricter). Written to ``search/dictionaries/title_run.json`` with the table.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.answer_text import TITLE_RUN_FILE, TITLE_RUN_NAMES  # noqa: E402
from search.eval import load_gold, score_item  # noqa: E402
from search.fitting import fit_about, fitting_parser, fitting_sets_or_exit, write_fitted  # noqa: E402

LENGTHS = [5, 6, 7, 8, 9, 10, 12, 99]  # 99: the rule off


def main() -> None:
    args = fitting_parser(__doc__.splitlines()[0]).parse_args()
    from ui.factory import open_pinned_snapshot

    sets = fitting_sets_or_exit(args.gold, ROOT / "data" / "eval")
    golds = [g for path in sets for g in load_gold(path)]
    kg = open_pinned_snapshot(args.store, args.graph)  # (what is set on its answerers below is kept)
    answerers = kg.engine.answerers
    table = []
    for length in LENGTHS:
        answerers.title_run_names = length
        right = sum(score_item(g, kg.ask(g["question"]))[0] for g in golds)
        table.append({"title_run_names": length, "correct": right})
        print(f"title run {length}: {right}/{len(golds)}", flush=True)
    top = max(r["correct"] for r in table)
    best = min((r for r in table if r["correct"] == top), key=lambda r: (abs(r["title_run_names"] - TITLE_RUN_NAMES), -r["title_run_names"]))
    out = {
        "title_run_names": best["title_run_names"],
        "about": fit_about("scripts/fit_title_run.py", golds, sets, len(kg.documents()), table, top=top),
    }
    write_fitted(TITLE_RUN_FILE, out)
    print(f"wrote {TITLE_RUN_FILE}: title run {out['title_run_names']}")


if __name__ == "__main__":
    main()
