#!/bin/sh
# Installs the bundle that packaging/build.sh built, with its launcher, icons and metainfo.
#   sh packaging/install.sh                    for you: into ~/.local
#   sudo PREFIX=/usr/local sh packaging/install.sh     for everyone
#   sh packaging/install.sh --uninstall        removes exactly what it installed
# DESTDIR is honoured for staging (the launcher still names PREFIX). It installs:
#   PREFIX/lib/longform-desktop/                the bundle (dist/longform-desktop)
#   PREFIX/bin/longform-desktop, PREFIX/bin/longform      links into it
#   PREFIX/share/applications/longform-desktop.desktop  Exec= the bundle's full path
#   PREFIX/share/icons/hicolor/*/apps/longform-desktop.{png,svg}
#   PREFIX/share/metainfo/io.github.longform.Desktop.metainfo.xml
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=${PREFIX:-$HOME/.local}
root="${DESTDIR:-}$PREFIX"
app=longform-desktop
metainfo=io.github.longform.Desktop.metainfo.xml
bundle=${BUNDLE:-$repo/dist/$app}
sizes="16 22 24 32 48 64 128 256 512"

refresh_caches() {
  # Only refresh an icon cache that is already there: creating one where there was none
  # would hide icons other apps add later until someone refreshes it again.
  cache="$root/share/icons/hicolor/icon-theme.cache"
  if [ -f "$cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q "$root/share/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "${root:?}/lib/$app"
  rm -f "$root/bin/$app" "$root/bin/longform" "$root/share/applications/$app.desktop" \
    "$root/share/metainfo/$metainfo" "$root/share/icons/hicolor/scalable/apps/$app.svg"
  for n in $sizes; do rm -f "$root/share/icons/hicolor/${n}x$n/apps/$app.png"; done
  refresh_caches
  echo "install.sh: removed Longform Desktop from $root"
  exit 0
fi

[ -x "$bundle/$app" ] || { echo "install.sh: no bundle at $bundle: run sh packaging/build.sh" >&2; exit 2; }
mkdir -p "$root/lib" "$root/bin" "$root/share/applications" "$root/share/metainfo"
rm -rf "${root:?}/lib/$app"
cp -R "$bundle" "$root/lib/$app"
ln -sf "$PREFIX/lib/$app/$app" "$root/bin/$app"
ln -sf "$PREFIX/lib/$app/longform" "$root/bin/longform"
# Menus do not always search ~/.local/bin: the launcher names the bundle by its full path.
sed "s|^Exec=$app|Exec=$PREFIX/lib/$app/$app|" "$repo/packaging/$app.desktop" \
  > "$root/share/applications/$app.desktop"
cp "$repo/packaging/$metainfo" "$root/share/metainfo/$metainfo"
icons="$repo/resources/icons/hicolor"
for n in $sizes; do
  mkdir -p "$root/share/icons/hicolor/${n}x$n/apps"
  cp "$icons/${n}x$n/apps/$app.png" "$root/share/icons/hicolor/${n}x$n/apps/$app.png"
done
mkdir -p "$root/share/icons/hicolor/scalable/apps"
cp "$icons/scalable/apps/$app.svg" "$root/share/icons/hicolor/scalable/apps/$app.svg"
refresh_caches
echo "install.sh: installed Longform Desktop in $root (start it from your menu, or run $PREFIX/bin/$app)"
