#!/usr/bin/env bash
# Set everything up, then run every check: ruff, mypy, the import contract and the whole pytest
# suite (slow tests too).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache
.venv/bin/python -m pytest "$@"
