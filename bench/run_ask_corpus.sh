#!/usr/bin/env bash
# ask latency on the all-documents store, old code vs current code, networkx and Neo4j.
#
#   bench/run_ask_corpus.sh                 # full run (each version starts and stops its own Neo4j)
#   bench/run_ask_corpus.sh --no-neo4j --repeat 1   # extra args go to both runs
#
# Preparing the inputs (both stores hold every document: data/, ../shared/corpus/pdf, ../shared/corpus/pdf2):
#   git worktree add /tmp/before a1d5a61      # the code before the generalisation round
#   .venv/bin/python -c "import sys; sys.path.insert(0, '/tmp/before'); from ui.cli import main; \
#     sys.argv[1:] = ['ingest', 'data', '../shared/corpus/pdf', '../shared/corpus/pdf2', '--store', '/tmp/store_before']; main()"
#   .venv/bin/policykg ingest data ../shared/corpus/pdf ../shared/corpus/pdf2 --store /tmp/store_now
#
# Env overrides: BEFORE_CODE (/tmp/before), BEFORE_STORE (/tmp/store_before),
# AFTER_CODE (/work/main), AFTER_STORE (/tmp/store_now), PY (.venv/bin/python of this tree).
# Writes bench/results/ask_corpus_before.json and bench/results/ask_corpus.json, then prints a
# markdown table (p50/p95 before and after, after/before ratios).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PY:-$ROOT/.venv/bin/python}"
BEFORE_CODE="${BEFORE_CODE:-/tmp/before}"
BEFORE_STORE="${BEFORE_STORE:-/tmp/store_before}"
AFTER_CODE="${AFTER_CODE:-/work/main}"
AFTER_STORE="${AFTER_STORE:-/tmp/store_now}"
BEFORE_OUT="bench/results/ask_corpus_before.json"
AFTER_OUT="bench/results/ask_corpus.json"

echo "=== old code: $BEFORE_CODE, store $BEFORE_STORE"
"$PY" bench/bench_ask_corpus.py --code "$BEFORE_CODE" --store "$BEFORE_STORE" --out "$BEFORE_OUT" "$@"
echo
echo "=== current code: $AFTER_CODE, store $AFTER_STORE"
"$PY" bench/bench_ask_corpus.py --code "$AFTER_CODE" --store "$AFTER_STORE" --out "$AFTER_OUT" "$@"
echo

"$PY" - "$BEFORE_OUT" "$AFTER_OUT" <<'EOF'
import json
import sys

before, after = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])


def ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "–"


def cell(s, key):
    return s.get(key) if s else None


print(f"before: {before['code']} ({before['code_rev']}), load avg {before['loadavg_1m']}")
print(f"after:  {after['code']} ({after['code_rev']}), load avg {after['loadavg_1m']}")
print(f"{after['questions']} questions x {after['repeat']} timed passes, embedder {after['embedder']}")
print()
print("| store | p50 before (ms) | p95 before (ms) | p50 after (ms) | p95 after (ms) | p50 after/before | "
      "p95 after/before | correct before | correct after | ingest s before | ingest s after |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for name in sorted(set(before["ask"]) | set(after["ask"]), key=["networkx", "neo4j"].index):
    b, a = before["ask"].get(name), after["ask"].get(name)
    fmt = lambda v: "–" if v is None else v  # noqa: E731
    print(f"| {name} | {fmt(cell(b, 'p50_ms'))} | {fmt(cell(b, 'p95_ms'))} | {fmt(cell(a, 'p50_ms'))} | "
          f"{fmt(cell(a, 'p95_ms'))} | {ratio(cell(a, 'p50_ms'), cell(b, 'p50_ms'))} | "
          f"{ratio(cell(a, 'p95_ms'), cell(b, 'p95_ms'))} | {fmt(cell(b, 'correct'))}/{fmt(cell(b, 'questions'))} | "
          f"{fmt(cell(a, 'correct'))}/{fmt(cell(a, 'questions'))} | {fmt(cell(b, 'ingest_s'))} | "
          f"{fmt(cell(a, 'ingest_s'))} |")
EOF
