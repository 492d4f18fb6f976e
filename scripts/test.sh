#!/usr/bin/env bash
# The README's test command (`make test`) runs this: the whole suite with the real model and a real Neo4j.
# Neo4j is started by `policykg neo4j start` on a test port with its own data dir and stopped on exit.
# With java + mvn present (always in CI) the Neo4j tests are required: they fail rather than skip.
set -uo pipefail
cd "$(dirname "$0")/.."

t0=$(date +%s)
bash scripts/setup.sh --browser || exit 1
echo "[test] 环境就绪 / setup done in $(( $(date +%s) - t0 ))s"

PK=.venv/bin/policykg
export POLICYKG_HOME=${POLICYKG_TEST_HOME:-$PWD/.policykg/test-home}
export POLICYKG_MODEL_DIR=${POLICYKG_MODEL_DIR:-$HOME/.cache/policykg/models}
export POLICYKG_NEO4J_DATA_DIR=$POLICYKG_HOME/neo4j
export NEO4J_URI=${TEST_NEO4J_URI:-bolt://127.0.0.1:7688}
export NEO4J_USER=neo4j
export NEO4J_PASSWORD=${TEST_NEO4J_PASSWORD:-policykg-test}
mkdir -p "$POLICYKG_HOME"

started=0
if command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then
  export POLICYKG_REQUIRE_NEO4J=1
  echo "[test] 启动 Neo4j / starting Neo4j at $NEO4J_URI"
  if ! $PK neo4j start --timeout 300; then
    echo "[test] Neo4j 无法启动 / Neo4j failed to start" >&2
    tail -50 "$POLICYKG_NEO4J_DATA_DIR/neo4j.log" 2>/dev/null >&2
    exit 1
  fi
  started=1
  echo "[test] Neo4j 就绪 / Neo4j up after $(( $(date +%s) - t0 ))s"
else
  echo "[test] 未找到 java/mvn：Neo4j 测试将跳过 / java or mvn not found: Neo4j tests will be skipped" >&2
fi

cleanup() { [ "$started" = 1 ] && $PK neo4j stop >/dev/null 2>&1; }
trap cleanup EXIT

.venv/bin/python -m pytest -q -ra "$@"
rc=$?
if [ "$rc" = 5 ]; then
  echo "[test] pytest 未收集到测试 / pytest collected no tests" >&2
  rc=1
fi
exit $rc
