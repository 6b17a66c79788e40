#!/usr/bin/env bash
# Set up (once) and start evaluator-app; arguments are passed on (for example an evaluation file).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-display-libs
exec .venv/bin/evaluator-app "$@"
