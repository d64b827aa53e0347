#!/bin/sh
# Smoke test of the built bundle (after packaging/build.sh); not part of the pytest run.
#   sh packaging/smoke-test.sh [BUNDLE_DIR]      default: dist/longform-desktop
# From a temporary folder outside the checkout, with private data/cache/config folders and
# no LONGFORM_CONTENT_DIR, on Qt's offscreen platform:
#   1. the bundled `longform catalog --json` lists every deep dive of content/;
#   2. the bundled `longform search` finds a deep dive;
#   3. the bundled app starts, paints the catalog (one card per deep dive), opens a deep
#      dive with its code highlighted, and quits cleanly (packaging/entry_gui.py);
#   4. nothing of QtWebEngine, QML or Quick was bundled;
#   5. packaging/install.sh installs it into a temporary PREFIX (the command-line tool
#      runs through its link, the launcher validates), and --uninstall leaves no file.
# Pictures of what the app painted are kept in $SMOKE_OUT (default: a temporary folder).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
bundle=$(cd "${1:-$repo/dist/longform-desktop}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${SMOKE_OUT:-$tmp/smoke}
export LONGFORM_DATA_DIR="$tmp/data" LONGFORM_CACHE_DIR="$tmp/cache" LONGFORM_CONFIG_DIR="$tmp/config"
export QT_QPA_PLATFORM=offscreen
unset LONGFORM_CONTENT_DIR PYTHONPATH PYTHONHOME 2>/dev/null || true
cd "$tmp"

fail() { echo "smoke-test: FAIL: $*" >&2; exit 1; }

"$bundle/longform" catalog --json > catalog.json || fail "longform catalog exited $?"
"$bundle/longform" search "write skew" --json > search.json || fail "longform search exited $?"
LONGFORM_SMOKE_TEST="$out" timeout 120 "$bundle/longform-desktop" > gui.log 2>&1 \
  || { cat gui.log >&2; fail "longform-desktop exited $?"; }
[ -f "$out/report.json" ] || { cat gui.log >&2; fail "the app wrote no report"; }

unwanted=$(find "$bundle" -iname '*WebEngine*' -o -iname '*Qt6Qml*' -o -iname '*Qt6Quick*' | head -5)
[ -z "$unwanted" ] || fail "unused Qt modules were bundled: $unwanted"

prefix="$tmp/prefix"
PREFIX="$prefix" BUNDLE="$bundle" sh "$repo/packaging/install.sh" > install.log \
  || fail "install.sh exited $?"
"$prefix/bin/longform" catalog --json > installed-catalog.json || fail "installed longform exited $?"
cmp -s catalog.json installed-catalog.json || fail "the installed catalog differs from the bundle's"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$prefix/share/applications/longform-desktop.desktop" \
    || fail "the installed launcher does not validate"
fi
PREFIX="$prefix" sh "$repo/packaging/install.sh" --uninstall > install.log || fail "uninstall failed"
left=$(find "$prefix" -type f -o -type l | head -5)
[ -z "$left" ] || fail "--uninstall left: $left"

# The checks need only a Python 3 (the checkout's venv, or the system's).
python=python3
[ -x "$repo/.venv/bin/python" ] && python="$repo/.venv/bin/python"
"$python" - "$repo/content" "$out" <<'PY'
import json, sys
from pathlib import Path

content, out = Path(sys.argv[1]), Path(sys.argv[2])
problems = []
catalog = json.loads(Path("catalog.json").read_text())
listed = sorted(a["slug"] for s in catalog["sections"] for a in s["articles"])
authored = sorted(
    line.split(":", 1)[1].strip().strip("'\"")
    for path in content.glob("*/*.md")
    for line in path.read_text(encoding="utf-8").split("\n---", 1)[0].splitlines()
    if line.startswith("slug:")
)
if not listed or listed != authored:
    problems.append(f"catalog lists {listed}, content/ has {authored}")
hits = json.loads(Path("search.json").read_text())["hits"]
if not hits:
    problems.append("search found nothing for 'write skew'")
report = json.loads((out / "report.json").read_text())
if not report.get("painted"):
    problems.append("the catalog was never painted")
elif report["cards"] != len(listed):
    problems.append(f"{report['cards']} cards painted for {len(listed)} deep dives")
for key in ("catalog_png", "reader_png", "opened", "highlighted"):
    if report.get(key) is not True:
        problems.append(f"{key} is {report.get(key)!r}")
if not report.get("window_icon_sizes"):
    problems.append("the window has no icon")
if problems:
    sys.exit("smoke-test: FAIL: " + "; ".join(problems))
print(
    f"smoke-test: ok: {len(listed)} deep dives listed, {len(hits)} search hits, "
    f"{report['cards']} cards painted on {report['platform']}, opened {report['article']}; "
    f"pictures in {out}"
)
PY
echo "smoke-test: bundle $(du -sh "$bundle" | cut -f1) on disk"
