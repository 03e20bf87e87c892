#!/usr/bin/env bash
# Put the built app on the desktop menu of the current user (Linux, freedesktop):
#   packaging/install-desktop.sh [PREFIX]     default PREFIX: ~/.local
# Copies dist/annotator to PREFIX/lib/annotator, links PREFIX/bin/annotator, and installs
# the .desktop file, the AppStream metainfo and the icons.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-$HOME/.local}
id=io.github.annotator.Annotator
[[ -x dist/annotator/annotator ]] || { echo "build first: packaging/build.sh" >&2; exit 1; }

mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/share/applications" "$prefix/share/metainfo"
rm -rf "$prefix/lib/annotator"
cp -a dist/annotator "$prefix/lib/annotator"
ln -sf "$prefix/lib/annotator/annotator" "$prefix/bin/annotator"
install -m 644 "packaging/$id.desktop" "$prefix/share/applications/$id.desktop"
install -m 644 "packaging/$id.metainfo.xml" "$prefix/share/metainfo/$id.metainfo.xml"
for size in 16 32 48 64 128 256 512; do
    dir="$prefix/share/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    install -m 644 "resources/icons/annotator-$size.png" "$dir/$id.png"
done
mkdir -p "$prefix/share/icons/hicolor/scalable/apps"
install -m 644 resources/icons/annotator.svg "$prefix/share/icons/hicolor/scalable/apps/$id.svg"
echo "installed: $prefix/bin/annotator and the $id desktop entry"
