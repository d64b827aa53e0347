"""Run mypy and compare with the committed baseline, which may only shrink.

    .venv/bin/python scripts/typecheck.py            # fail on any error not in the baseline
    .venv/bin/python scripts/typecheck.py --update   # rewrite the baseline (after fixing some)

An entry is "file: [code] message" with its count, without line numbers, so unrelated
edits that move code do not churn the baseline. New errors fail the check; entries
that no longer occur fail it too (so the baseline is shrunk in the same commit that
fixes them).
"""

from __future__ import annotations

import argparse
import collections
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "mypy-baseline.txt"
_LINE = re.compile(
    r"^(?P<file>[^:]+):\d+(?::\d+)?: error: (?P<message>.*?)\s+\[(?P<code>[\w-]+)\]$"
)


def current_errors() -> collections.Counter[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "src/longform_desktop"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    errors: collections.Counter[str] = collections.Counter()
    for line in proc.stdout.splitlines():
        match = _LINE.match(line.strip())
        if match:
            errors[f"{match['file']}: [{match['code']}] {match['message']}"] += 1
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not errors):
        sys.exit(f"mypy did not run cleanly:\n{proc.stdout}\n{proc.stderr}")
    return errors


def read_baseline() -> collections.Counter[str]:
    counts: collections.Counter[str] = collections.Counter()
    if BASELINE.exists():
        for line in BASELINE.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                count, _, entry = line.partition(" ")
                counts[entry] = int(count)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--update", action="store_true", help="rewrite the baseline")
    args = parser.parse_args()
    now = current_errors()
    if args.update:
        lines = [f"{n} {entry}" for entry, n in sorted(now.items())]
        header = "# mypy errors accepted for now (count, file, code, message); may only shrink\n"
        BASELINE.write_text(header + "\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
        print(f"baseline: {sum(now.values())} errors in {len(now)} entries")
        return 0
    base = read_baseline()
    new = {e: n - base[e] for e, n in now.items() if n > base[e]}
    gone = {e: base[e] - now[e] for e in base if now[e] < base[e]}
    for entry, n in sorted(new.items()):
        print(f"new mypy error ({n}x): {entry}")
    for entry, n in sorted(gone.items()):
        print(f"fixed ({n}x), remove from mypy-baseline.txt: {entry}")
    if new or gone:
        print("Run: .venv/bin/python scripts/typecheck.py --update (after fixing new errors)")
        return 1
    print(f"mypy: {sum(now.values())} known errors, none new")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
