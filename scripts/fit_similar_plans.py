"""Fit the title-share threshold of "plans of the same kind" (similar-measures answers) on question sets.

    .venv/bin/python scripts/fit_similar_plans.py --store STORE [GOLD.jsonl ...]

For every ``similar_measures`` question of the given sets (default: every question set under
data/eval/ except the closed ones, ``search.eval.CLOSED_SETS``), the answer is computed over the store with each candidate threshold (and with the rule
off); a threshold scores the number of questions judged right by ``search.eval.score_item`` and,
to break ties, the fewest documents listed as plans. The best threshold is written to
``search/dictionaries/similar_plans.json`` with the whole score table.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.answer_text import SIMILAR_PLANS_FILE  # noqa: E402
from search.eval import load_gold, score_item  # noqa: E402
from search.fitting import fit_about, fitting_parser, fitting_sets_or_exit, write_fitted  # noqa: E402

GRID = [round(0.30 + 0.05 * i, 2) for i in range(14)]  # 0.30 … 0.95


def main() -> None:
    args = fitting_parser(__doc__.splitlines()[0]).parse_args()
    from ui.factory import open_pinned_snapshot

    sets = fitting_sets_or_exit(args.gold, ROOT / "data" / "eval")
    golds = [g for path in sets for g in load_gold(path) if g.get("intent") == "similar_measures"]
    kg = open_pinned_snapshot(args.store, args.graph)  # (what is set on its answerers below is kept)
    answerers = kg.engine.answerers
    table = []
    for share in [None, *GRID]:
        answerers.plan_share = share
        right = listed = 0
        for g in golds:
            ans = kg.ask(g["question"])
            ok, _why = score_item(g, ans)
            right += ok
            frame = answerers.parser.parse(g["question"])
            listed += len(answerers.plans_like(frame, None, 8)) if share is not None else 0
        table.append({"min_title_share": share, "correct": right, "plans_listed": listed})
        print(f"share {share}: {right}/{len(golds)} right, {listed} plans listed", flush=True)
    best = max((r for r in table if r["min_title_share"] is not None),
               key=lambda r: (r["correct"], -r["plans_listed"], r["min_title_share"]))
    off = table[0]
    out = {
        "min_title_share": best["min_title_share"] if best["correct"] > off["correct"] else None,
        "about": fit_about("scripts/fit_similar_plans.py", golds, sets, len(kg.documents()), table),
    }
    write_fitted(SIMILAR_PLANS_FILE, out)
    print(f"wrote {SIMILAR_PLANS_FILE}: min_title_share = {out['min_title_share']}")


if __name__ == "__main__":
    main()
