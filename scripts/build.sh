#!/usr/bin/env bash
# Build the one-folder program dist/evaluator-app/ with PyInstaller (build_spec.spec), then run
# the smoke test (tests/test_frozen.py) against it. See docs/packaging.md.
#
#   bash scripts/build.sh            # Linux (UOS, Kylin, Debian): dist/evaluator-app/evaluator-app
#
# Windows has no bash setup: the same steps in PowerShell are in docs/packaging.md ("Windows").
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --with-test-tools
if ! .venv/bin/python -c "import PyInstaller" >/dev/null 2>&1; then
    .venv/bin/python -m pip install -q --disable-pip-version-check pyinstaller
fi

start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN build_spec.spec
echo "构建完成：dist/evaluator-app/（$(du -sh dist/evaluator-app | cut -f1)，用时 $(( $(date +%s) - start )) 秒）"
if command -v objdump >/dev/null 2>&1; then
    # The bundle runs only where glibc is at least the newest version any bundled file asks for.
    glibc=$(find dist/evaluator-app -type f \( -name "*.so*" -o -name evaluator-app \) -exec objdump -T {} + 2>/dev/null \
        | grep -oE "GLIBC_[0-9]+\.[0-9]+" | sort -uV | tail -1 || true)
    if [ -n "$glibc" ]; then
        echo "目标系统需要 glibc ≥ ${glibc#GLIBC_}（在目标系统上用 ldd --version 查看）"
    fi
fi

# The smoke test runs the program just built: the command line, the demo, and the window.
EVALUATOR_APP_BUNDLE="$PWD/dist/evaluator-app" QT_QPA_PLATFORM=offscreen \
    .venv/bin/python -m pytest tests/test_frozen.py "$@"
