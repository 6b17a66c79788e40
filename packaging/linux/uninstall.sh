#!/bin/sh
# Remove what install.sh installed (the program, the command, the menu entry, the file type, the icon).
# Evaluation files, settings, seal keys (~/.config/evaluator-app) and backups (~/.local/share/evaluator-app)
# belong to the users and stay.
#
#   sudo /opt/evaluator-app/uninstall.sh
#   ./uninstall.sh --root DIR       # what install.sh --root DIR put there
set -eu

root=""
if [ "${1:-}" = "--root" ]; then
    root="${2:?--root needs a folder}"
elif [ $# -gt 0 ]; then
    echo "用法：sudo /opt/evaluator-app/uninstall.sh  或  uninstall.sh --root 文件夹" >&2
    exit 2
elif [ "$(id -u)" != 0 ]; then
    echo "请用管理员权限运行：sudo /opt/evaluator-app/uninstall.sh" >&2
    exit 1
fi
if [ -z "$root" ] && command -v dpkg >/dev/null 2>&1 && dpkg -s evaluator-app >/dev/null 2>&1; then
    echo "evaluator-app 是用 .deb 安装的，请用：sudo apt remove evaluator-app" >&2
    exit 1
fi

rm -rf "$root/opt/evaluator-app"
rm -f "$root/usr/bin/evaluator-app" "$root/usr/share/applications/evaluator-app.desktop" \
    "$root/usr/share/mime/packages/evaluator-app.xml" "$root/usr/share/icons/hicolor/256x256/apps/evaluator-app.png"
if [ -z "$root" ]; then
    command -v update-mime-database >/dev/null 2>&1 && update-mime-database /usr/share/mime >/dev/null 2>&1 || true
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
echo "已卸载 evaluator-app。评估文件、设置与签章密钥保留在各用户的文件夹中。"
