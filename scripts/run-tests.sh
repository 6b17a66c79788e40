#!/usr/bin/env bash
# Set up (once) and run the whole test suite headless (Qt on the offscreen platform).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-test-tools
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
