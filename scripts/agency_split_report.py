"""How much of the lead / responsible-agencies score is the split between lead and co: counts only.

For each results file written by ``policykg eval --json-out`` (or ``search.eval.EvalReport.write_json``) and its gold
question file, the lead_agency and responsible_agencies questions are counted three ways: right as scored (lead set and
co set each equal the gold's, :func:`search.eval.agency_roles_match`, the check :func:`search.eval.score_item` makes),
right as one set of bodies (lead ∪ co ∪ implementing equal to the gold's lead ∪ co, the split set aside), and, of the
rest, why (refused, no body named, another document cited, a body too many, names matched only loosely, a body missing,
some bodies differ, different bodies). Nothing is printed per question, so it may be run over closed sets: it reads
their gold and answers by program and reports totals only.

    python scripts/agency_split_report.py RESULTS.json GOLD.jsonl [RESULTS.json GOLD.jsonl ...]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search.eval import agency_roles_match, load_gold, same_agency_names  # noqa: E402

INTENTS = ("lead_agency", "responsible_agencies")


def classify(gold: dict, answer: dict) -> str:
    """One agency question's outcome: 'strict' (right as scored), 'set' (right bodies, another lead/co split), or why not."""
    if not answer.get("found"):
        return "refused"
    agencies = answer.get("agencies") or []
    roles = {(a["name"], a["role"]) for a in agencies}
    evidence = answer.get("evidence") or []
    source = evidence[0].get("source") if evidence else None
    if agency_roles_match(gold, roles, source):
        return "strict"
    own = source is not None and source == gold.get("doc")
    lead = {name for name, role in roles if role == "lead"}
    co = {name for name, role in roles if role == "co"}
    named = {name for name, role in roles if role in ("lead", "co", "implementing")}
    wanted = set(gold.get("lead") or []) | set(gold.get("co") or [])
    if same_agency_names(wanted, named, own) or same_agency_names(wanted, lead | co, own):
        return "set"
    if not named:
        return "no body named"
    if not own:
        return "another document cited"
    found = {g for g in wanted if any(same_agency_names({g}, {n}, own) for n in named)}
    extra = {n for n in named if not any(same_agency_names({g}, {n}, own) for g in wanted)}
    if found == wanted:
        # (every gold body is matched; more names than the gold's is one too many, as many or fewer is one loose name
        # standing for two gold names: 国家发展改革委 for both 国家发展改革委 and 发展改革委)
        return "a body too many" if len(named) > len(wanted) else "names matched only loosely"
    if not extra:
        return "a body missing"
    return "different bodies" if not found else "some bodies differ"


def main(argv: list[str]) -> int:
    """Print, per intent, questions, right as scored, right as one set, and the causes of the rest."""
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__)
        return 2
    counts: dict[str, Counter[str]] = {intent: Counter() for intent in INTENTS}
    for results, gold_file in zip(argv[::2], argv[1::2], strict=True):
        gold = {g["id"]: g for g in load_gold(Path(gold_file))}
        for item in json.loads(Path(results).read_text(encoding="utf-8"))["items"]:
            if item["intent"] in INTENTS and item["id"] in gold:
                counts[item["intent"]][classify(gold[item["id"]], item["answer"])] += 1
    for intent, c in counts.items():
        n = sum(c.values())
        if not n:
            continue
        strict, as_set = c["strict"], c["strict"] + c["set"]
        rest = ", ".join(f"{k} {v}" for k, v in c.most_common() if k not in ("strict", "set"))
        print(f"{intent}: {n} questions, right as scored {strict} ({strict / n:.2f}), right as one set of bodies "
              f"{as_set} ({as_set / n:.2f}); the rest: {rest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
