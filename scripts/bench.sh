#!/usr/bin/env bash
# Run every benchmark once (results in bench/results/*.json; tables printed). Starts its own Neo4j where needed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
for b in bench_parse bench_embedding bench_index bench_graph bench_ask; do
  echo "=== $b"
  "$PY" "bench/$b.py"
done
# page interactions in a real headless chromium (scripts/setup.sh --browser installs it)
echo "=== bench_ui"
if [ -x "${POLICYKG_CHROMIUM:-/usr/bin/chromium}" ]; then
  "$PY" bench/bench_ui.py
else
  echo "skipped: no chromium at ${POLICYKG_CHROMIUM:-/usr/bin/chromium} (scripts/setup.sh --browser)"
fi
