#!/bin/sh
# Builds the one-folder bundle dist/longform-desktop/ with PyInstaller (spec: packaging/
# longform-desktop.spec), then prints its size. Run from anywhere in a checkout:
#   sh packaging/build.sh                 uses .venv/bin/python (see the README)
#   PYTHON=/path/to/python sh packaging/build.sh
# The bundle runs on Linux systems with the same or a newer glibc than the build machine's.
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
if ! "$PYTHON" -c "import PyInstaller, longform_desktop" 2>/dev/null; then
  echo "build.sh: $PYTHON needs PyInstaller and the app: .venv/bin/pip install -e \".[bundle]\"" >&2
  exit 2
fi
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/longform-desktop.spec
echo "build.sh: built dist/longform-desktop in $(( $(date +%s) - start )) s," \
  "$(du -sh dist/longform-desktop | cut -f1) on disk"
