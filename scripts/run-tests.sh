#!/usr/bin/env bash
# Set up (once), check the code (ruff, mypy as configured in pyproject.toml), and run the whole test
# suite headless (Qt on the offscreen platform) on this system's Qt line; then the fast tests on the
# other supported Qt line (6.9, glibc 2.28) in .venv-qt6.9. Any failing step fails the command.
#
#   bash scripts/run-tests.sh            everything, on both Qt lines
#   bash scripts/run-tests.sh ARGS…      pytest ARGS on this system's line only (e.g. -k restore)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-test-tools
echo "ruff check ."
.venv/bin/ruff check .
echo "mypy"
.venv/bin/mypy
export QT_QPA_PLATFORM=offscreen
main_line=$(.venv/bin/python -c "import PySide6; print('.'.join(PySide6.__version__.split('.')[:2]))")
if [ $# -gt 0 ]; then
    exec .venv/bin/python -m pytest "$@"
fi
.venv/bin/python -m pytest
if [ "$main_line" = "6.9" ]; then
    # A glibc older than 2.34 cannot install the newest line: this system tests the 6.9 line only.
    echo "本机只能安装 Qt 6.9 线（glibc 低于 2.34），已在其上运行全部测试"
    exit 0
fi
echo "Qt 6.9 线（.venv-qt6.9）：快速测试"
bash scripts/setup.sh --qt-line 6.9 --venv .venv-qt6.9
exec .venv-qt6.9/bin/python -m pytest -m "not slow" -q -p no:cacheprovider
