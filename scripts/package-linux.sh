#!/usr/bin/env bash
# Package the built folder dist/evaluator-app/ (bash scripts/build.sh) for Linux desktops:
#
#   dist/evaluator-app-<version>-linux-<arch>.tar.gz   unpack, then `sudo ./install.sh` (no dpkg needed)
#   dist/evaluator-app_<version>_<debarch>.deb          when dpkg-deb is available: `sudo apt install ./….deb`
#
# Both install the program in /opt/evaluator-app/, the command /usr/bin/evaluator-app, the menu entry
# /usr/share/applications/evaluator-app.desktop, the evaluation file type
# /usr/share/mime/packages/evaluator-app.xml and the icon /usr/share/icons/hicolor/256x256/apps/evaluator-app.png.
# The templates are in packaging/linux/. See docs/packaging.md.
#
#   bash scripts/package-linux.sh [--bundle DIR] [--out DIR] [--no-deb]
set -euo pipefail
cd "$(dirname "$0")/.."

bundle=dist/evaluator-app
out=dist
make_deb=1
while [ $# -gt 0 ]; do
    case "$1" in
        --bundle) bundle="${2:?--bundle needs a folder}"; shift ;;
        --out) out="${2:?--out needs a folder}"; shift ;;
        --no-deb) make_deb="" ;;
        *) echo "package-linux.sh: 未知参数 $1" >&2; exit 2 ;;
    esac
    shift
done
if [ ! -x "$bundle/evaluator-app" ] || [ ! -d "$bundle/_internal" ]; then
    echo "找不到打包好的程序 $bundle/evaluator-app：请先运行 bash scripts/build.sh" >&2
    exit 2
fi

version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' evaluator_app/__init__.py)
arch=$(uname -m)
case "$arch" in
    x86_64) deb_arch=amd64 ;;
    aarch64) deb_arch=arm64 ;;
    *) deb_arch=$arch ;;
esac
glibc=$(bash scripts/glibc-needed.sh "$bundle")
name="evaluator-app-$version-linux-$arch"
# System packages the bundle leaves to the target (the same names on Debian, 统信UOS and 银河麒麟): OpenGL/EGL
# and libxcb, which Qt's window links, and fontconfig's configuration (/etc/fonts). The rest (Qt, the xcb
# extension libraries, xkbcommon, fontconfig, freetype, ICU, OpenSSL, SQLite…) comes from the build machine.
DEB_DEPENDS="libgl1, libegl1, libxcb1, fontconfig-config"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tree="$work/tree"  # the files as they are installed, relative to /
mkdir -p "$tree/opt" "$tree/usr/bin" "$tree/usr/share/applications" "$tree/usr/share/mime/packages" \
    "$tree/usr/share/icons/hicolor/256x256/apps"
cp -a "$bundle" "$tree/opt/evaluator-app"
printf '#!/bin/sh\nexec /opt/evaluator-app/evaluator-app "$@"\n' > "$tree/usr/bin/evaluator-app"
cp packaging/linux/evaluator-app.desktop "$tree/usr/share/applications/evaluator-app.desktop"
cp packaging/linux/evaluator-app-mime.xml "$tree/usr/share/mime/packages/evaluator-app.xml"
cp resources/icons/evaluator.png "$tree/usr/share/icons/hicolor/256x256/apps/evaluator-app.png"
chmod -R u+rwX,go+rX,go-w "$tree"
chmod 755 "$tree/usr/bin/evaluator-app"
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$tree/usr/share/applications/evaluator-app.desktop"
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)

# The tar.gz: one folder with the tree and the two scripts.
folder="$work/$name"
mkdir -p "$folder"
cp -a "$tree/opt" "$tree/usr" "$folder/"
for script in install.sh uninstall.sh; do
    sed -e "s/@VERSION@/$version/" -e "s/@GLIBC@/$glibc/" "packaging/linux/$script" > "$folder/$script"
    chmod 755 "$folder/$script"
done
tar --sort=name --owner=0 --group=0 --numeric-owner -czf "$out/$name.tar.gz" -C "$work" "$name"
echo "已生成 $out/$name.tar.gz（$(du -h "$out/$name.tar.gz" | cut -f1)；需要 glibc ≥ ${glibc:-?}）"

if [ -n "$make_deb" ] && command -v dpkg-deb >/dev/null 2>&1; then
    mkdir -p "$tree/DEBIAN"
    depends="$DEB_DEPENDS"
    [ -z "$glibc" ] || depends="libc6 (>= $glibc), $depends"
    cat > "$tree/DEBIAN/control" <<EOF
Package: evaluator-app
Version: $version
Architecture: $deb_arch
Maintainer: evaluator-app <evaluator-app@localhost>
Installed-Size: $(du -sk "$tree" | cut -f1)
Depends: $depends
Section: misc
Priority: optional
Description: 社会管理和公共服务综合标准化试点现场考核评估（离线桌面程序）
 评估组在试点单位现场离线使用：评估组与回避声明、查阅资料与现场核查、满意度调查、
 专家评分、汇总与结论、签字与签章的评估报告。程序安装在 /opt/evaluator-app。
EOF
    deb="$out/evaluator-app_${version}_${deb_arch}.deb"
    dpkg-deb --root-owner-group --build "$tree" "$deb" >/dev/null
    echo "已生成 $deb（$(du -h "$deb" | cut -f1)）"
fi
