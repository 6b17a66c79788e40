#!/usr/bin/env bash
# Screenshots of every step at 1366×768 under Xvfb (needs the xvfb package).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-display-libs
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py "${1:-docs/screenshots}"
