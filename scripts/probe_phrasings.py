"""Probe how answers hold when a question is asked in other words: the asking phrase of every gold question the store
answers right is rewritten with other askers' phrasings, and each rewrite is scored against the same gold.

    .venv/bin/python scripts/probe_phrasings.py --store STORE [GOLD.jsonl ...] [--out FILE.json]

Sets: the given ones, else every question set under data/eval/ except the closed ones (``search.eval.CLOSED_SETS``).
The rewrites (:data:`REWRITES`) replace only the closing asking phrase ("…由哪个部门牵头？" -> "…，谁牵头？"), so the measure
and the document named stay as the gold writer wrote them; a question whose closing phrase no pattern reads is left
out. A question naming a document by its number is also asked with the number typed the other ways (no brackets,
with 年, other brackets). Prints, per intent and rewrite, how many rewrites stay right, and the ones that do not. A probe of phrasing
robustness, not a measurement: its rewrites are mechanical and a few read oddly.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.eval import load_gold, score_item  # noqa: E402
from search.fitting import fitting_parser, fitting_sets_or_exit  # noqa: E402

# intent -> (the closing asking phrase, its rewrites)
REWRITES: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = {
    "lead_agency": (
        re.compile(
            r"[，,]?\s*(?:这项工作|这块|这件事|这项任务)?(?:是)?(?:由)?(?:哪个|哪一个|哪家)(?:部门|单位|机构)(?:来)?"
            r"(?:牵头|负责|主抓|组织|牵头负责)(?:的)?[？?]$|[，,]?\s*(?:是)?(?:由)?谁(?:来)?(?:牵头|负责)(?:的)?[？?]$"
            r"|[，,]?\s*牵头(?:单位|部门)是(?:谁|哪个)[？?]$"
        ),
        ("，谁牵头？", "由哪个部门牵头？", "，归哪个部门管？", "，牵头单位是哪个？", "这事谁来抓？"),
    ),
    "responsible_agencies": (
        re.compile(r"[，,]?\s*(?:是)?(?:由)?哪些(?:部门|单位|机构)(?:来)?(?:负责|参与|牵头)?(?:的)?[？?]$"),
        ("，哪些部门负责？", "，涉及哪些部门？", "，都有谁负责？"),
    ),
    "target_value": (
        re.compile(r"[，,]?\s*(?:目标值?|指标)?是多少[？?]$"),
        ("是多少？", "，具体数字是多少？", "，目标定的多少？", "，要到多少？"),
    ),
    "agency_duties": (
        re.compile(r"(?:牵头|负责)(?:负责)?(?:了)?(?:哪些|什么)(?:工作|任务|事项|事)[？?]$"),
        ("负责哪些工作？", "牵头的任务有哪些？", "都管哪些事？", "牵头负责什么？"),
    ),
}


# a doc number written in the question, and the other ways an asker types it (no brackets, with 年, other brackets)
DOC_NUMBER_YEAR_RE = re.compile(r"〔(\d{4})〕")
DOC_NUMBER_FORMS = {"[]": r"[\1]", "（）": r"（\1）", "no brackets": r"\1", "年": r"\1年"}


def main() -> None:
    parser = fitting_parser(__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="write the counts and failures as JSON")
    args = parser.parse_args()
    from ui.factory import open_pinned_snapshot

    sets = fitting_sets_or_exit(args.gold, ROOT / "data" / "eval")
    kg = open_pinned_snapshot(args.store, args.graph)
    counts: Counter[tuple[str, str, bool]] = Counter()
    failures: list[dict[str, str]] = []
    for path in sets:
        for gold in load_gold(path):
            rule = REWRITES.get(gold.get("intent", ""))
            asked = rule[0].search(gold["question"]) if rule is not None else None
            numbered = gold.get("intent") != "not_in_corpus" and DOC_NUMBER_YEAR_RE.search(gold["question"])
            if not (asked or numbered) or not score_item(gold, kg.ask(gold["question"]))[0]:
                continue  # (only answers right as written are probed)
            rewrites: list[tuple[str, str]] = []
            if asked and rule is not None:
                stem = gold["question"][: asked.start()]
                rewrites += [(phrase, stem + phrase) for phrase in rule[1]]
            if numbered:
                rewrites += [
                    (f"文号 {form}", DOC_NUMBER_YEAR_RE.sub(written, gold["question"]))
                    for form, written in DOC_NUMBER_FORMS.items()
                ]
            for phrase, question in rewrites:
                ok, why = score_item(gold, kg.ask(question))
                counts[(gold["intent"], phrase, ok)] += 1
                if not ok:
                    failures.append({"id": str(gold.get("id", "")), "question": question, "reason": why})
    rows = sorted({(intent, phrase) for intent, phrase, _ok in counts})
    for intent, phrase in rows:
        right, wrong = counts[(intent, phrase, True)], counts[(intent, phrase, False)]
        print(f"{intent:<22}{phrase:<16}{right:>6}/{right + wrong:<6}")
    for f in failures:
        print(f"  ✗ {f['id']} {f['question']} — {f['reason'][:120]}")
    if args.out is not None:
        table = [
            {"intent": i, "phrase": p, "right": counts[(i, p, True)], "probed": counts[(i, p, True)] + counts[(i, p, False)]}
            for i, p in rows
        ]
        args.out.write_text(json.dumps({"table": table, "failures": failures}, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
