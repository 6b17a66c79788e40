#!/bin/sh
# Install evaluator-app from this unpacked folder (for machines without dpkg, or instead of the .deb):
#
#   sudo ./install.sh               # into /opt/evaluator-app, /usr/bin, /usr/share
#   ./install.sh --root DIR         # into DIR/opt/…, DIR/usr/… (a staging folder; no root needed)
#
# An earlier version in /opt/evaluator-app is replaced; evaluation files, settings and seal keys live
# in the users' own folders and are not touched. Remove with /opt/evaluator-app/uninstall.sh.
set -eu

VERSION="@VERSION@"
GLIBC_NEEDED="@GLIBC@"

here=$(cd "$(dirname "$0")" && pwd)
root=""
if [ "${1:-}" = "--root" ]; then
    root="${2:?--root needs a folder}"
    root=$(mkdir -p "$root" && cd "$root" && pwd)
elif [ $# -gt 0 ]; then
    echo "用法：sudo ./install.sh  或  ./install.sh --root 文件夹" >&2
    exit 2
elif [ "$(id -u)" != 0 ]; then
    echo "请用管理员权限运行：sudo ./install.sh" >&2
    exit 1
fi

# version_at_least A B: A ≥ B, comparing dotted numbers.
version_at_least() {
    [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}

glibc=$( (getconf GNU_LIBC_VERSION 2>/dev/null || ldd --version 2>/dev/null | head -n 1) | grep -oE "[0-9]+\.[0-9]+" | tail -n 1 || true)
if [ -n "$GLIBC_NEEDED" ] && [ -n "$glibc" ] && ! version_at_least "$glibc" "$GLIBC_NEEDED"; then
    echo "无法安装：本程序需要 glibc ≥ $GLIBC_NEEDED，本机为 $glibc。请使用在 glibc 不高于 $glibc 的系统上" \
         "构建的安装包（见 docs/packaging.md）。" >&2
    exit 1
fi

echo "安装 evaluator-app $VERSION 到 ${root:-/}opt/evaluator-app …"
rm -rf "$root/opt/evaluator-app"
mkdir -p "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/mime/packages" \
    "$root/usr/share/icons/hicolor/256x256/apps"
cp -a "$here/opt/evaluator-app" "$root/opt/"
cp "$here/uninstall.sh" "$root/opt/evaluator-app/uninstall.sh"
chmod 755 "$root/opt/evaluator-app/uninstall.sh"
cp "$here/usr/bin/evaluator-app" "$root/usr/bin/evaluator-app"
chmod 755 "$root/usr/bin/evaluator-app"
cp "$here/usr/share/applications/evaluator-app.desktop" "$root/usr/share/applications/"
cp "$here/usr/share/mime/packages/evaluator-app.xml" "$root/usr/share/mime/packages/"
cp "$here/usr/share/icons/hicolor/256x256/apps/evaluator-app.png" "$root/usr/share/icons/hicolor/256x256/apps/"
chmod -R u+rwX,go+rX,go-w "$root/opt/evaluator-app"
chmod 644 "$root/usr/share/applications/evaluator-app.desktop" "$root/usr/share/mime/packages/evaluator-app.xml" \
    "$root/usr/share/icons/hicolor/256x256/apps/evaluator-app.png"

# The menus, file types and icons of the desktop (each tool is optional).
if [ -z "$root" ]; then
    command -v update-mime-database >/dev/null 2>&1 && update-mime-database /usr/share/mime >/dev/null 2>&1 || true
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi

# The system libraries a window needs and the bundle does not carry.
missing=""
if command -v ldd >/dev/null 2>&1; then
    internal="$root/opt/evaluator-app/_internal"
    for file in "$internal"/PySide6/Qt/plugins/platforms/libqxcb.so "$internal"/PySide6/QtWidgets*.so; do
        [ -f "$file" ] || continue
        missing="$missing $(LD_LIBRARY_PATH="$internal" ldd "$file" 2>/dev/null | awk '/not found/ {print $1}')"
    done
    missing=$(echo "$missing" | tr ' ' '\n' | grep -v "^$" | sort -u | tr '\n' ' ' || true)
fi
echo "已安装。开始菜单：办公 › 试点现场考核评估；命令行：evaluator-app --help"
if [ -n "$missing" ]; then
    echo "注意：打开窗口还需要以下系统库，本机没有：$missing" >&2
    echo "      在统信UOS / 银河麒麟 / Debian 上安装：sudo apt install libgl1 libegl1 libxcb1 fontconfig-config" \
         "（命令行功能不需要它们）" >&2
fi
