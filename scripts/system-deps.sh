#!/bin/sh
# Installs the Debian/Ubuntu packages Longform Desktop needs that pip cannot provide:
#   sh scripts/system-deps.sh run    the app in a desktop session (Qt's X11 plugin)
#   sh scripts/system-deps.sh test   the test suite (Qt's offscreen plugin)
# Only missing packages are installed; root runs apt-get directly, others through sudo.
# On a system without apt-get it prints what to look for and carries on.
set -eu
case "${1:-run}" in
  run)  pkgs="python3-venv libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0
              libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxkbcommon-x11-0" ;;
  test) pkgs="python3-venv libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0
              appstream desktop-file-utils" ;;
  *) echo "usage: sh scripts/system-deps.sh run|test" >&2; exit 2 ;;
esac
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: no apt-get here; make sure the equivalents of these are installed: $pkgs" >&2
  exit 0
fi
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
echo "system-deps: installing$missing" >&2
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq $missing
