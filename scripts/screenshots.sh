#!/usr/bin/env bash
# Screenshots of every step at 1366×768 under Xvfb (needs the xvfb package).
#   bash scripts/screenshots.sh            Chinese and English: docs/screenshots/ and docs/screenshots-en/
#   bash scripts/screenshots.sh en         English only (zh_CN: Chinese only)
#   bash scripts/screenshots.sh en OUT_DIR English, into OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-display-libs
shoot() {
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py --language "$@"
}
case "${1:-both}" in
    both) shoot zh_CN && shoot en ;;
    zh_CN|en) shoot "$1" ${2:+"$2"} ;;
    *) echo "usage: scripts/screenshots.sh [zh_CN|en [OUT_DIR]]" >&2; exit 2 ;;
esac
