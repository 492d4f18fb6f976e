#!/usr/bin/env bash
# Run every benchmark once (results in bench/results/*.json; tables printed). Starts its own Neo4j where needed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
for b in bench_parse bench_embedding bench_index bench_graph bench_ask; do
  echo "=== $b"
  "$PY" "bench/$b.py"
done
