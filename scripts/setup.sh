#!/usr/bin/env bash
# Prepare a machine to run evaluator-app: a virtual environment with the project installed against one
# of the two supported Qt lines, and (when run as root on Debian) the system libraries Qt needs.
#
#   bash scripts/setup.sh [--with-display-libs | --with-test-tools] [--qt-line 6.11|6.9] [--venv DIR]
#   bash scripts/setup.sh --which-qt-line      # only say which Qt line this system gets, and why
#
# The Qt line: 6.11 (PySide6-Essentials 6.11.3, wheels need glibc ≥ 2.34) or 6.9 (6.9.3, glibc ≥ 2.28,
# for 统信UOS 20 / 银河麒麟 V10). Without --qt-line (or EVALUATOR_QT_LINE) it follows the system's glibc.
# The environment goes to .venv unless --venv says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

# Libraries Qt's xcb platform needs for a real window; the offscreen platform needs none.
QT_DEBIAN_PACKAGES="libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1 \
libxkbcommon-x11-0 libxcb-shape0 libxcb-cursor0 libxcb-randr0 libegl1 libgl1 libfontconfig1 libdbus-1-3 \
libglib2.0-0"
# The newest Qt line's wheels are manylinux_2_34: older systems get the 6.9 line.
NEWEST_LINE_GLIBC=2.34

extras=""
qt_line=${EVALUATOR_QT_LINE:-}
venv=.venv
which_only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --with-display-libs|--with-test-tools) extras="$1" ;;
        --qt-line) qt_line="${2:?--qt-line needs 6.11 or 6.9}"; shift ;;
        --venv) venv="${2:?--venv needs a folder}"; shift ;;
        --which-qt-line) which_only=1 ;;
        *) echo "setup.sh: 未知参数 $1" >&2; exit 2 ;;
    esac
    shift
done

# The C library's version: `getconf GNU_LIBC_VERSION` ("glibc 2.36"), else the first line of `ldd --version`.
glibc_version() {
    local text=""
    text=$(getconf GNU_LIBC_VERSION 2>/dev/null || true)
    [ -n "$text" ] || text=$(ldd --version 2>/dev/null | head -n 1 || true)
    echo "$text" | grep -oE "[0-9]+\.[0-9]+" | tail -n 1 || true
}

# version_at_least A B: A ≥ B, comparing dotted numbers.
version_at_least() {
    [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}

glibc=$(glibc_version)
if [ -n "$qt_line" ]; then
    reason="按指定"
elif [ -z "$glibc" ]; then
    qt_line=6.9
    reason="未能读出 glibc 版本，选用兼容性更好的一线"
elif version_at_least "$glibc" "$NEWEST_LINE_GLIBC"; then
    qt_line=6.11
    reason="本机 glibc $glibc ≥ $NEWEST_LINE_GLIBC"
else
    qt_line=6.9
    reason="本机 glibc $glibc 低于 $NEWEST_LINE_GLIBC（6.11 的安装包需要 glibc ≥ $NEWEST_LINE_GLIBC）"
fi
constraints="constraints/qt-$qt_line.txt"
if [ ! -f "$constraints" ]; then
    echo "setup.sh: 不支持的 Qt 版本线 $qt_line（可选 6.11 或 6.9）" >&2
    exit 2
fi
qt_version=$(grep -oE "^PySide6-Essentials==[0-9.]+" "$constraints" | cut -d= -f3)
echo "Qt：PySide6-Essentials $qt_version（$qt_line 线；$reason）"
[ -z "$which_only" ] || exit 0

install_debian_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "安装系统库：${missing[*]}"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

if [ "$extras" = "--with-display-libs" ] && command -v dpkg >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    install_debian_packages $QT_DEBIAN_PACKAGES
fi
if [ "$extras" = "--with-test-tools" ] && command -v dpkg >/dev/null 2>&1; then
    # pdftotext and pdftoppm: the report tests read and render the PDFs they make; Xvfb and xdotool:
    # the built program's window is opened and closed with Ctrl+Q as a person would.
    # shellcheck disable=SC2086
    install_debian_packages poppler-utils xvfb xauth xdotool $QT_DEBIAN_PACKAGES
fi

if [ ! -x "$venv/bin/python" ]; then
    if ! "$PYTHON" -m venv "$venv" >/dev/null 2>&1; then
        # Debian splits venv out of the interpreter package.
        rm -rf "$venv"
        install_debian_packages python3-venv
        "$PYTHON" -m venv "$venv"
    fi
fi
stamp="$venv/.installed-$(cat pyproject.toml "$constraints" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    # "compat" editable mode: a plain path entry, which imports faster than an import hook.
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -c "$constraints" -e ".[test]" \
        --config-settings editable_mode=compat
    rm -f "$venv"/.installed-* && touch "$stamp"
fi
# Byte-compile the project (start-up reads cached bytecode; some environments never write it).
"$venv/bin/python" -m compileall -q -j 0 evaluator_app ui >/dev/null
