#!/usr/bin/env bash
# Set up (once), check the code (ruff, mypy as configured in pyproject.toml), and run the whole test
# suite headless (Qt on the offscreen platform). Any failing step fails the command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-test-tools
echo "ruff check ."
.venv/bin/ruff check .
echo "mypy"
.venv/bin/mypy
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
