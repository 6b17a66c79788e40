#!/usr/bin/env bash
# Prepare a machine to run evaluator-app: a virtual environment in .venv with the project
# installed, and (when run as root on Debian) the system libraries a real Qt window needs.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

# Libraries Qt's xcb platform needs for a real window; the offscreen platform needs none.
QT_DEBIAN_PACKAGES="libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1 \
libxkbcommon-x11-0 libxcb-shape0 libxcb-cursor0 libegl1 libgl1 libfontconfig1 libdbus-1-3"

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

if [ "${1:-}" = "--with-display-libs" ] && command -v dpkg >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    install_debian_packages $QT_DEBIAN_PACKAGES
fi
if [ "${1:-}" = "--with-test-tools" ] && command -v dpkg >/dev/null 2>&1; then
    # pdftotext and pdftoppm: the report tests read and render the PDFs they make; Xvfb and xdotool:
    # the built program's window is opened and closed with Ctrl+Q as a person would.
    # shellcheck disable=SC2086
    install_debian_packages poppler-utils xvfb xauth xdotool $QT_DEBIAN_PACKAGES
fi

if [ ! -x .venv/bin/python ]; then
    if ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
        # Debian splits venv out of the interpreter package.
        rm -rf .venv
        install_debian_packages python3-venv
        "$PYTHON" -m venv .venv
    fi
fi
stamp=.venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
    # "compat" editable mode: a plain path entry, which imports faster than an import hook.
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]" --config-settings editable_mode=compat
    rm -f .venv/.installed-* && touch "$stamp"
fi
# Byte-compile the project (start-up reads cached bytecode; some environments never write it).
.venv/bin/python -m compileall -q -j 0 evaluator_app ui >/dev/null
