#!/usr/bin/env bash
# Build the one-folder program dist/evaluator-app/ with PyInstaller (build_spec.spec), then run
# the smoke test (tests/test_frozen.py) against it. See docs/packaging.md.
#
#   bash scripts/build.sh                  # Linux: .venv, with the Qt line this system's glibc gets
#   bash scripts/build.sh --qt-line 6.9    # 统信UOS 20 / 银河麒麟 V10 (glibc 2.28): PySide6 6.9.3, in .venv-qt6.9
#   bash scripts/build.sh [--qt-line L] -x -s   # further arguments go to pytest
#
# The bundle runs only where glibc is at least the newest version its files ask for (printed at the
# end): build on the oldest system it is for. Then `bash scripts/package-linux.sh` makes the
# tar.gz (and .deb). Windows: scripts/build-windows.ps1.
set -euo pipefail
cd "$(dirname "$0")/.."

qt_line=""
if [ "${1:-}" = "--qt-line" ]; then
    qt_line="${2:?--qt-line needs 6.11 or 6.9}"
    shift 2
fi
if [ -n "$qt_line" ]; then
    venv=".venv-qt$qt_line"
    bash scripts/setup.sh --with-test-tools --qt-line "$qt_line" --venv "$venv"
else
    venv=".venv"
    bash scripts/setup.sh --with-test-tools
fi
if ! "$venv/bin/python" -c "import PyInstaller" >/dev/null 2>&1; then
    "$venv/bin/python" -m pip install -q --disable-pip-version-check pyinstaller
fi
qt_version=$("$venv/bin/python" -c "import PySide6; print(PySide6.__version__)")

start=$(date +%s)
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN build_spec.spec
echo "构建完成：dist/evaluator-app/（PySide6 $qt_version，$(du -sh dist/evaluator-app | cut -f1)，" \
     "用时 $(( $(date +%s) - start )) 秒）"
glibc=$(bash scripts/glibc-needed.sh dist/evaluator-app)
if [ -n "$glibc" ]; then
    echo "目标系统需要 glibc ≥ $glibc（在目标系统上用 ldd --version 查看）"
    if [ "$qt_line" = "6.9" ] && [ "$(printf '%s\n2.28\n' "$glibc" | sort -V | tail -n 1)" != "2.28" ]; then
        echo "注意：本机构建的结果需要 glibc $glibc（Python 与部分依赖包取自本机）。要在 glibc 2.28 的" \
             "统信UOS 20 / 银河麒麟 V10 上运行，须在这样的系统上构建（见 docs/packaging.md）。"
    fi
fi
# The libraries the window's platform plugin finds outside the bundle: the target system must have them
# (normally only OpenGL/EGL and libxcb). "not found" means this build machine lacks one: install it and build
# again, or the target must supply it too.
xcb_plugin=$(find dist/evaluator-app -path "*/plugins/platforms/libqxcb.so" | head -n 1)
if [ -n "$xcb_plugin" ] && command -v ldd >/dev/null 2>&1; then
    system_libs=$(LD_LIBRARY_PATH="$PWD/dist/evaluator-app/_internal" ldd "$xcb_plugin" \
        | awk '/not found/ {print $1 "（本机也没有）"; next} /=> \// && $3 !~ /evaluator-app/ {print $1}' \
        | grep -vE "^(libc|libm|libdl|libpthread|librt|ld-linux[^ ]*)\.so" | sort -u | tr '\n' ' ' || true)
    echo "图形界面还需目标系统提供：${system_libs:-（无）}"
fi

# The smoke test runs the program just built: the command line, the demo, and the window.
EVALUATOR_APP_BUNDLE="$PWD/dist/evaluator-app" QT_QPA_PLATFORM=offscreen \
    "$venv/bin/python" -m pytest tests/test_frozen.py "$@"
