"""Fit the two thresholds of the "plan of another place" answer (未收录某地的这份文件) on question sets.

    .venv/bin/python scripts/fit_title_thresholds.py --store STORE [GOLD.jsonl ...]

A question writing a place's title that only other places' plans carry is refused (``Answerers.title_of_another_place``)
when its title fragment holds at least ``other_title_share`` of a stored title's content bigrams and at least
``other_title_min_bigrams`` of them. For every question of the given sets (default: every question set under data/eval/
except the closed ones, ``search.eval.CLOSED_SETS``; any question may be refused wrongly, so all intents take part) the
answer is computed over the store for each grid point; a point scores the questions judged right by
``search.eval.score_item``. Among the best points the one nearest the defaults in ``search.answer_text`` wins (the data
does not separate them), then the strictest. Written to ``search/dictionaries/title_thresholds.json`` with the table.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.answer_text import OTHER_TITLE_MIN_BIGRAMS, OTHER_TITLE_SHARE, TITLE_THRESHOLDS_FILE  # noqa: E402
from search.eval import load_gold, score_item  # noqa: E402
from search.fitting import fit_about, fitting_parser, fitting_sets_or_exit, write_fitted  # noqa: E402

SHARES = [0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0]
MIN_BIGRAMS = [4, 5, 6, 7, 8]


def main() -> None:
    args = fitting_parser(__doc__.splitlines()[0]).parse_args()
    from ui.factory import open_pinned_snapshot

    sets = fitting_sets_or_exit(args.gold, ROOT / "data" / "eval")
    golds = [g for path in sets for g in load_gold(path)]
    kg = open_pinned_snapshot(args.store, args.graph)  # (what is set on its answerers below is kept)
    answerers = kg.engine.answerers
    table = []
    for share in SHARES:
        for min_bigrams in MIN_BIGRAMS:
            answerers.other_title_share, answerers.other_title_min_bigrams = share, min_bigrams
            right = sum(score_item(g, kg.ask(g["question"]))[0] for g in golds)
            table.append({"other_title_share": share, "other_title_min_bigrams": min_bigrams, "correct": right})
            print(f"share {share}, min bigrams {min_bigrams}: {right}/{len(golds)}", flush=True)
    top = max(r["correct"] for r in table)

    def nearness(r: dict) -> tuple[float, float, int]:
        far = abs(r["other_title_share"] - OTHER_TITLE_SHARE) / 0.05 + abs(r["other_title_min_bigrams"] - OTHER_TITLE_MIN_BIGRAMS)
        return (far, -r["other_title_share"], -r["other_title_min_bigrams"])

    best = min((r for r in table if r["correct"] == top), key=nearness)
    out = {
        "other_title_share": best["other_title_share"],
        "other_title_min_bigrams": best["other_title_min_bigrams"],
        "about": fit_about("scripts/fit_title_thresholds.py", golds, sets, len(kg.documents()), table, top=top),
    }
    write_fitted(TITLE_THRESHOLDS_FILE, out)
    print(f"wrote {TITLE_THRESHOLDS_FILE}: share {out['other_title_share']}, min bigrams {out['other_title_min_bigrams']}")


if __name__ == "__main__":
    main()
