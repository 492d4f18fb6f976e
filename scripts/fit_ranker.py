"""Fit the clause ranker's weights and choose the refusal thresholds (search/dictionaries/ranker_weights.json).

Training questions come from two sources:

1. the written development sets (gold files with a document and an evidence substring: the clause
   holding the evidence is the right one);
2. questions generated from the graph: for sampled clauses, the heading (and for target clauses the
   indicator as written) turned into questions with colloquial templates, a dropped word,
   the region written short or omitted when the document is national; and "unanswerable"
   questions — the same subject asked of another covered region whose documents hold no clause
   sharing at least half of the subject's bigrams.

For each question the engine ranks the clauses in scope with the current features; the top
candidates (plus the right clauses) become rows of (features, is-right-clause). A logistic regression
(scikit-learn) is fitted on 80 % of the questions (split by a hash of the question). A second logistic
regression, the refusal model, is fitted on the same 80 %: from the best candidate under the fitted
ranker (its score, absolute dense cosine, term coverage, heading overlaps), is the question
answerable at all? The other 20 % measure top-1 accuracy (fitted vs. the weights in force before)
and choose the refusal threshold: the answer-probability and term-coverage floors that maximise the
smaller of answer precision and refusal precision while keeping false refusals of answerable
held-out questions at or below 1 %, and of the written development questions too (generated questions
repeat a heading's words; a floor fitted on them alone refuses people's questions).

    .venv/bin/python scripts/fit_ranker.py --store STORE [--gold FILE ...] [--out search/dictionaries/ranker_weights.json]

The store should hold every document (seeds, tests/fixtures/corpus, pdf2). Never pass a closed frozen
question set as --gold.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.fitting import fitting_sets_or_exit  # noqa: E402
from search.ranker import FEATURES, REFUSAL_FEATURES, RankerWeights, WEIGHTS_FILE  # noqa: E402

DEFAULT_GOLD = [
    "data/eval/pdf2_questions_dev.jsonl",
    # former frozen sets, opened after their measurements (development since), and sets written for development
    "data/eval/pdf2_questions_frozen.jsonl",
    "data/eval/pdf2_questions_frozen2.jsonl",
    "data/eval/pdf2_questions_frozen3.jsonl",
    "data/eval/questions_dev5.jsonl",
    "data/eval/questions_dev6.jsonl",
    "data/eval/corpus_questions.jsonl",
    "data/eval/corpus_questions_2.jsonl",
    "data/eval/corpus_questions_3.jsonl",
    "data/eval/seed_paraphrases.jsonl",
    "data/eval/seed_questions.jsonl",
]
LEAD_TEMPLATES = (
    "{r}{h}由哪个部门牵头？",
    "{r}{h}谁负责？",
    "{r}在{h}这块归哪个部门管？",
    "{h}这项工作{r}是谁牵头的",
    "{r}{h}的责任单位有哪些？",
)
TARGET_TEMPLATES = (
    "{r}{i}目标是多少？",
    "{r}到{y}年{i}要达到多少？",
    "{r}{i}要求是多少",
)
INTENT_PREFER = {
    "lead_agency": "agencies",
    "responsible_agencies": "agencies",
    "no_annotation": "agencies",
    "target_value": "targets",
}
CANDIDATES = 30
# at most one generated question in this many asks about a prose responsibility sentence
PROSE_SHARE = 5
# a prose responsibility sentence: its subject, a modal or role verb, then what the body does
PROSE_PREDICATE_RE = re.compile(
    r"^[^，,。；]{2,60}?(?:将|要|应当|应|须|负责|牵头|统一|定期|组织|是)(?P<predicate>[^。；]{4,})"
)
# the weights the ranker had before it was fitted (set by hand), kept only as the baseline to report
HAND_SET_BASELINE = RankerWeights(
    weights={"retrieval": 0.35, "heading": 1.0, "coverage": 0.6, "topic": 0.1, "own_resp": 0.15, "child_resp": 0.08,
             "has_target": 0.1, "bare_section": -0.2},
)
# the refusal thresholds may refuse at most this share of answerable held-out questions (the goal: ≤ 1 %)
MAX_FALSE_REFUSALS = 0.01


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", (text or "").replace("**", "")).split())


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[^\u4e00-\u9fff0-9A-Za-z]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _short_region(region: str) -> str:
    return re.sub(r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$", "", region) if len(region) > 2 else region


def _fold(question: str) -> int:
    return int(hashlib.sha256(question.encode("utf-8")).hexdigest(), 16) % 5  # 0 = held out


def gold_questions(engine, paths: list[Path]) -> list[dict]:
    """Written development questions with their right clauses."""
    from ingest.metadata import doc_id_from_source

    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            g = json.loads(line)
            if g.get("intent") not in INTENT_PREFER or not g.get("evidence") or not g.get("doc"):
                continue
            doc_id = doc_id_from_source(g["doc"])
            ev = _norm(g["evidence"])
            right = [c.clause_id for c in engine.by_doc.get(doc_id, []) if ev in _norm(c.text)]
            if right:
                right = [min(right, key=lambda cid: len(engine.clauses[cid].text))]
                out.append({"question": g["question"], "intent": g["intent"], "right": right, "source": path.name})
    return out


def generated_questions(engine, rng: random.Random, n: int) -> list[dict]:
    """Questions generated from clause headings and targets, plus unanswerable region swaps."""
    docs = engine.docs
    regions = sorted({d.region for d in docs.values() if d.region and d.region != "全国"})
    by_region: dict[str, list[str]] = {}
    for d in docs.values():
        by_region.setdefault(d.region, []).append(d.doc_id)
    # (clause, subject): numbered units by their heading, and the measures inside 规划-style sections
    # by the lead phrase of their paragraph ("淘汰落后产能。…")
    pool: list[tuple] = []
    for c in engine.clauses.values():
        if not docs.get(c.doc_id):
            continue
        if c.kind in ("clause", "item", "subitem", "task") and 4 <= len(c.heading) <= 24:
            pool.append((c, c.heading))
        for para in c.text.split("\n")[1:]:
            m = re.match(r"^([^。；：:，,]{4,24})[。；：:]", para.strip())
            if m:
                pool.append((c, m.group(1)))
    # clauses naming their bodies in prose: the sentence's predicate after its subject ("市生态环境局将组织开展复核工作"
    # -> "组织开展复核工作"), asked as a lead question (a share of their own: they are few among the headings)
    prose_pool: list[tuple] = []
    for c in engine.clauses.values():
        if not docs.get(c.doc_id):
            continue
        roles, how = engine.effective_responsibilities(c.clause_id)
        if how != "own":
            continue
        for sentence in sorted({r.responsibility.evidence for r in roles if r.responsibility.source == "prose"}):
            m = PROSE_PREDICATE_RE.match(sentence or "")
            predicate = re.split(r"[，,；;]", m.group("predicate"))[0] if m else ""
            if 4 <= len(predicate) <= 24:
                prose_pool.append((c, predicate))
    for items in (pool, prose_pool):
        items.sort(key=lambda x: (x[0].clause_id, x[1]))
        rng.shuffle(items)
    texts: dict[str, str] = {}

    def region_text(region: str) -> str:
        if region not in texts:
            texts[region] = "\n".join(
                engine._plain.get(x.clause_id, "") for d in by_region.get(region, []) for x in engine.by_doc.get(d, [])
            )
        return texts[region]

    out: list[dict] = []
    for c, subject in pool[:n] + prose_pool[: n // PROSE_SHARE]:
        doc = docs[c.doc_id]
        region = "" if doc.region in ("", "全国") else rng.choice([doc.region, _short_region(doc.region)])
        heading = subject.rstrip("。；;，,")
        tokens = engine._tokenize(heading)
        if len(tokens) >= 3 and rng.random() < 0.3:  # a dropped word: users never quote a heading whole
            del tokens[rng.randrange(1, len(tokens))]
            heading = "".join(tokens)
        targets = engine.targets_by_clause.get(c.clause_id, [])
        if targets and rng.random() < 0.5:
            t = rng.choice(targets)
            indicator = t.indicator_raw or t.indicator
            if not indicator or len(indicator) < 3:
                continue
            q = rng.choice(TARGET_TEMPLATES).format(r=region, i=indicator, y=t.target_year or 2025)
            intent = "target_value"
        else:
            q = rng.choice(LEAD_TEMPLATES).format(r=region, h=heading)
            intent = "lead_agency"
        out.append({"question": q, "intent": intent, "right": [c.clause_id], "source": "generated"})
        # the same subject asked of another covered region whose documents never use its two rarest
        # words: nothing there can answer it (a weaker test, such as a few shared bigrams, labels
        # paraphrased measures "unanswerable" and teaches the refusal model the wrong thing)
        if doc.region and doc.region != "全国" and rng.random() < 0.6:
            other = rng.choice(regions)
            words = sorted(
                {w for w in engine._tokenize(subject) if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w)},
                key=lambda w: (engine._df(w), w),
            )[:2]
            if other != doc.region and words and not any(w in region_text(other) for w in words):
                q2 = rng.choice(LEAD_TEMPLATES).format(r=other, h=subject)
                out.append({"question": q2, "intent": "lead_agency", "right": [], "source": "unanswerable"})
    return out


def rows_for(engine, item: dict) -> tuple[list[list[float]], list[int], dict]:
    """Feature rows of one question's candidates, their labels, and the best candidate's summary."""
    frame = engine.apply_document_reference(engine.parser.parse(item["question"]))
    docs = engine.scope_docs(frame)
    ranked = engine.rank_clauses(frame, docs, prefer=INTENT_PREFER.get(item["intent"], ""))
    right = set(item["right"])
    chosen = ranked[:CANDIDATES] + [s for s in ranked[CANDIDATES:] if s.clause_id in right]
    X = [[dict(s.features)[f] for f in FEATURES] for s in chosen]
    y = [int(s.clause_id in right) for s in chosen]
    return X, y, {"n_ranked": len(ranked)}


def best_candidate(weights: RankerWeights, X: list[list[float]], y: list[int]) -> tuple[bool, list[float], float]:
    """(is the top candidate right?, its refusal features, its term coverage) under ``weights``."""
    if not X:
        return False, [0.0] * len(REFUSAL_FEATURES), 0.0
    scores = [weights.score(dict(zip(FEATURES, row))) for row in X]
    i = max(range(len(X)), key=lambda k: scores[k])
    f = dict(zip(FEATURES, X[i]), score=scores[i])
    return bool(y[i]), [f[n] for n in REFUSAL_FEATURES], f["term_coverage"]


def choose_thresholds(
    held: list[tuple[bool, bool, float, float]], written: list[tuple[bool, bool, float, float]] = ()
) -> dict:
    """Pick (min_probability, min_term_coverage) on held-out questions.

    ``held`` rows: (answerable?, top-1 right?, best probability, best term coverage). ``written``: the same rows
    for every written development question (all answerable): the floors may refuse no larger share of them either —
    generated questions repeat a heading's words, people's questions do not, so a floor fitted on the held-out
    fifth alone refuses real questions.
    """
    best = None
    answerable = sum(1 for a, *_ in held if a)
    written_answerable = sum(1 for a, *_ in written if a)
    for tc in (0.0, 0.2, 0.3, 0.4, 0.5):
        for p100 in range(0, 96, 1):
            p = p100 / 100
            answered = [(a, r) for a, r, prob, cov in held if prob >= p and cov >= tc]
            refused = [(a, r) for a, r, prob, cov in held if not (prob >= p and cov >= tc)]
            false_ref = sum(1 for a, _ in refused if a)
            if answerable and false_ref / answerable > MAX_FALSE_REFUSALS:
                continue
            written_false = sum(1 for a, _r, prob, cov in written if a and not (prob >= p and cov >= tc))
            if written_answerable and written_false / written_answerable > MAX_FALSE_REFUSALS:
                continue
            ans_p = sum(1 for a, r in answered if a and r) / len(answered) if answered else 0.0
            ref_p = sum(1 for a, _ in refused if not a) / len(refused) if refused else 0.0
            key = (min(ans_p, ref_p), ans_p + ref_p, -p)
            if best is None or key > best[0]:
                best = (key, {"min_probability": p, "min_term_coverage": tc, "answer_precision": ans_p,
                              "refusal_precision": ref_p, "false_refusal_rate": false_ref / answerable if answerable else 0.0,
                              "answered": len(answered), "refused": len(refused),
                              "written_false_refusal_rate": written_false / written_answerable if written_answerable else 0.0})
    return best[1] if best else {"min_probability": 0.0, "min_term_coverage": 0.5}


def main() -> None:
    """Fit, check on the held-out fifth, write the weights file."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--gold", type=Path, nargs="*", default=[ROOT / p for p in DEFAULT_GOLD])
    ap.add_argument("--generated", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    args = ap.parse_args()

    from sklearn.linear_model import LogisticRegression

    from ui.config import load_settings
    from ui.factory import open_policykg

    service = open_policykg(load_settings(store=args.store, read_mode="snapshot"))
    engine = service.engine
    before = engine.weights
    rng = random.Random(args.seed)
    if args.gold:  # (the named sets' check of every fitting script; none named fits on generated questions only)
        fitting_sets_or_exit(args.gold, ROOT / "data" / "eval")
    items = gold_questions(engine, list(args.gold)) + generated_questions(engine, rng, args.generated)
    print(f"questions: {len(items)} ({sum(i['source'] == 'generated' for i in items)} generated, "
          f"{sum(i['source'] == 'unanswerable' for i in items)} unanswerable)", file=sys.stderr)
    fit_X: list[list[float]] = []
    fit_y: list[int] = []
    fit_questions: list[tuple[dict, list[list[float]], list[int]]] = []
    held: list[tuple[dict, list[list[float]], list[int]]] = []
    for n, item in enumerate(items, 1):
        X, y, _ = rows_for(engine, item)
        if _fold(item["question"]) == 0:
            held.append((item, X, y))
        else:
            fit_questions.append((item, X, y))
            if item["right"] and any(y):
                fit_X.extend(X)
                fit_y.extend(y)
        if n % 200 == 0:
            print(f"  {n}/{len(items)} questions", file=sys.stderr)
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
    model.fit(fit_X, fit_y)
    fitted = RankerWeights(
        weights={f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0])},
        bias=round(float(model.intercept_[0]), 4),
    )
    answerable_held = [(i, X, y) for i, X, y in held if i["right"]]
    acc_before = sum(best_candidate(before, X, y)[0] for _, X, y in answerable_held) / max(1, len(answerable_held))
    acc_after = sum(best_candidate(fitted, X, y)[0] for _, X, y in answerable_held) / max(1, len(answerable_held))
    acc_hand = sum(best_candidate(HAND_SET_BASELINE, X, y)[0] for _, X, y in answerable_held) / max(
        1, len(answerable_held)
    )
    # the refusal model: from the best candidate under the fitted ranker, is the question answerable?
    refusal_X, refusal_y = [], []
    for item, X, y in fit_questions:
        _right, g, _cov = best_candidate(fitted, X, y)
        refusal_X.append(g)
        refusal_y.append(int(bool(item["right"])))
    refusal = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
    refusal.fit(refusal_X, refusal_y)
    fitted = RankerWeights(
        weights=fitted.weights,
        bias=fitted.bias,
        refusal_weights={f: round(float(w), 4) for f, w in zip(REFUSAL_FEATURES, refusal.coef_[0])},
        refusal_bias=round(float(refusal.intercept_[0]), 4),
    )
    rows = []
    for item, X, y in held:
        right, g, cov = best_candidate(fitted, X, y)
        prob = fitted.answer_probability(g[0], dict(zip(REFUSAL_FEATURES, g)))
        rows.append((bool(item["right"]), right, prob, cov))
    written_rows = []
    for item, X, y in fit_questions + held:
        if item["source"] not in ("generated", "unanswerable"):
            right, g, cov = best_candidate(fitted, X, y)
            written_rows.append((bool(item["right"]), right, fitted.answer_probability(g[0], dict(zip(REFUSAL_FEATURES, g))), cov))
    thresholds = choose_thresholds(rows, written_rows)
    for tc in (0.2, 0.3, 0.4):
        low = [r for r in rows if r[0] and r[3] < tc]
        print(f"held-out answerable with term coverage < {tc}: {len(low)}; unanswerable below: "
              f"{sum(1 for r in rows if not r[0] and r[3] < tc)} of {sum(1 for r in rows if not r[0])}", file=sys.stderr)
    result = RankerWeights(
        weights=fitted.weights,
        bias=fitted.bias,
        refusal_weights=fitted.refusal_weights,
        refusal_bias=fitted.refusal_bias,
        min_probability=thresholds["min_probability"],
        min_term_coverage=thresholds["min_term_coverage"],
        about={
            "fitted_by": "scripts/fit_ranker.py",
            "date": date.today().isoformat(),
            "store_documents": len(engine.docs),
            "training_questions": len(items) - len(held),
            "training_rows": len(fit_y),
            "held_out_questions": len(held),
            "held_out_answerable": len(answerable_held),
            "held_out_top1_hand_set": round(acc_hand, 4),
            "held_out_top1_before": round(acc_before, 4),
            "held_out_top1_fitted": round(acc_after, 4),
            "refusal": {k: (round(v, 4) if isinstance(v, float) else v) for k, v in thresholds.items()},
            "gold_files": [p.name for p in args.gold],
            "generated": args.generated,
            "seed": args.seed,
        },
    )
    args.out.write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    service.close()


if __name__ == "__main__":
    main()
