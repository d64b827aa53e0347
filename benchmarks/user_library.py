"""Figures for "Your library" (prints one JSON object; not a test).

A generated folder of notes (nested folders, ~600 words each, one in four with front
matter, one in twenty with a diagram block) is scanned the way the app does at start-up
(``scan_library``, diagram blocks checked), cold (first read of the files), warm (the
files in the page cache) and with the scan cache the app keeps (an ordinary start:
files read, none parsed); then the search index is synced
with the bundled deep dives plus the library, and synced again after one file changed
(only that file is re-indexed).

    .venv/bin/python benchmarks/user_library.py [--files 200 1000] [--runs 5]

Everything is written to a temporary directory deleted at the end.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from longform_desktop.core.catalog import load_catalog  # noqa: E402
from longform_desktop.core.search import catalog_sources, sync_and_open  # noqa: E402
from longform_desktop.core.user_library import (  # noqa: E402
    bundled_slugs,
    scan_library,
    with_library,
)

WORDS = (ROOT / "benchmarks" / "english_words.txt").read_text().split()
DIAGRAM = """```diagram
id: flow
title: A small flow
nodes:
  - {id: a, label: Client, at: [0, 0]}
  - {id: b, label: Server, at: [1, 0]}
  - {id: c, label: Database, at: [2, 0], shape: store}
  - {id: d, label: Cache, at: [2, 1], shape: store}
edges:
  - {from: a, to: b, label: request}
  - {from: b, to: c}
  - {from: b, to: d}
```
"""


def _paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def make_folder(root: Path, files: int, seed: int) -> None:
    rng = random.Random(seed)
    for n in range(files):
        folder = root / f"area-{n % 12}" / f"topic-{n % 5}"
        folder.mkdir(parents=True, exist_ok=True)
        parts = []
        if n % 4 == 0:
            parts.append(f"---\ntitle: Note {n}\ntopic: Area {n % 12}\ndifficulty: medium\n---\n")
        parts.append(f"# {_paragraph(rng, 4)}\n\n")
        for section in range(5):
            parts.append(f"## {_paragraph(rng, 3)}\n\n{_paragraph(rng, 60)}\n\n")
            parts.append(f"{_paragraph(rng, 60)}\n\n")
            if section == 2 and n % 20 == 0:
                parts.append(DIAGRAM + "\n")
        (folder / f"note-{n}.md").write_text("".join(parts), encoding="utf-8")


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20240611)
    args = parser.parse_args()
    bundled = load_catalog(ROOT / "content", check_diagrams=False)
    reserved = bundled_slugs(bundled)
    out: dict[str, object] = {"runs": args.runs, "sizes": {}}
    work = Path(tempfile.mkdtemp(prefix="longform-library-bench-"))
    try:
        for files in args.files:
            root = work / f"notes-{files}"
            make_folder(root, files, args.seed)
            cold = _time(lambda r=root: scan_library(r, reserved))
            warm = [_time(lambda r=root: scan_library(r, reserved)) for _ in range(args.runs)]
            cache = work / f"cache-{files}.json"
            scan_library(root, reserved, cache_file=cache)
            cached = [
                _time(lambda r=root, c=cache: scan_library(r, reserved, cache_file=c))
                for _ in range(args.runs)
            ]
            scan = scan_library(root, reserved)
            catalog = with_library(bundled, scan)
            index_dir = work / f"index-{files}"
            first = sync_and_open(index_dir, catalog_sources(catalog))[0]
            changed = scan.articles[0].path
            changed.write_text(changed.read_text() + "\nOne more line.\n", encoding="utf-8")
            again = with_library(bundled, scan_library(root, reserved))
            second = sync_and_open(index_dir, catalog_sources(again))[0]
            out["sizes"][str(files)] = {  # type: ignore[index]
                "articles": len(scan.articles),
                "problems": len(scan.problems),
                "scan_cold_ms": round(cold, 1),
                "scan_warm_median_ms": round(statistics.median(warm), 1),
                "scan_warm_per_file_ms": round(statistics.median(warm) / files, 3),
                "scan_cached_median_ms": round(statistics.median(cached), 1),
                "index_first_sync_s": round(first.seconds, 2),
                "index_after_one_change": {
                    "updated": second.updated,
                    "added": second.added,
                    "unchanged": second.unchanged,
                    "seconds": round(second.seconds, 3),
                },
            }
            print(f"{files} files done", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
