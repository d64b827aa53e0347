"""Longform Desktop benchmarks: prints ONE JSON object of figures to stdout.

    .venv/bin/python benchmarks/run.py [--skip-corpus] [--corpus-articles N]

Progress goes to stderr. Every data, cache and config directory is a temporary one
(through the LONGFORM_*_DIR variables); the real home is never touched. The figures,
their targets and how each is measured are described in benchmarks/README.md.

This is not part of the test suite: pytest only collects ``tests/``.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CONTENT = REPO / "content"
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))  # the helper modules next to this file

TARGETS = {
    "startup_ratio": 1.6,  # <=, app cold start / bare PySide6 window (issue 13)
    "startup_ms": 600,  # <=
    "reindex_no_change_ms": 100,  # <=
    "search_bundled_p95_ms": 16,  # <=
    "search_corpus_p95_ms": 50,  # <=
    "peak_rss_mb": 200,  # <=
    "yardstick_corpus_ratio_p95": 3.0,  # <=, Whoosh p95 / FTS5 p95 on the same queries
    "relevance_hit_at_1": 0.95,  # >=
}
AT_LEAST = {"relevance_hit_at_1"}  # targets that are minimums
SEARCH_LIMIT = 20  # what SearchService asks for (its default limit)
SEED = 20240611


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def dir_mib(path: Path) -> float:
    total = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return round(total / 2**20, 1)


def app_dirs(root: Path) -> dict[str, str]:
    """LONGFORM_* variables pointing at fresh directories under ``root``."""
    env = {}
    for name in ("DATA", "CACHE", "CONFIG"):
        path = root / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[f"LONGFORM_{name}_DIR"] = str(path)
    env["LONGFORM_CONTENT_DIR"] = str(CONTENT)
    return env


def child_env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(app_dirs(root))
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


# --- machine -------------------------------------------------------------------------


def _version(*dists: str) -> str:
    for dist in dists:
        with contextlib.suppress(metadata.PackageNotFoundError):
            return metadata.version(dist)
    return "unknown"


def machine_info() -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kib / 2**20:.1f} GiB"
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "pyside6": _version("PySide6", "PySide6-Essentials"),
        "whoosh": _version("whoosh3", "Whoosh"),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu,
        "memory": mem,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


# --- child processes -----------------------------------------------------------------


def _read_line(proc: subprocess.Popen, timeout: float) -> str:
    """The child's first stdout line, without blocking past ``timeout``."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    buf = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in buf:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            buf += chunk
    return buf.decode(errors="replace").split("\n", 1)[0]


def launch_until_painted(mode: str, env: dict[str, str], log_path: Path) -> tuple[float, float]:
    """(ms from Popen to the child's "painted" line, ms the child measured itself)."""
    with open(log_path, "ab") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(HERE / "startup_driver.py"), mode],
            stdout=subprocess.PIPE,
            stderr=err,
            env=env,
            cwd=REPO,
        )
        line = _read_line(proc, timeout=120)
        elapsed = (time.perf_counter() - started) * 1000
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
    if not line.startswith("painted"):
        tail = log_path.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"startup child ({mode}) did not report a paint:\n{tail}")
    return elapsed, float(line.split()[1])


def run_probe(mode: str, env: dict[str, str], timeout: float = 900) -> dict:
    done = subprocess.run(
        [sys.executable, str(HERE / "window_probe.py"), mode],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=timeout,
    )
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(
            f"window_probe {mode} failed ({done.returncode}):\n{done.stderr[-2000:]}"
        )
    return json.loads(lines[-1])


# --- figures -------------------------------------------------------------------------


def bench_startup(root: Path, runs: int) -> dict:
    from bytecode import precompile
    from longform_desktop.core.catalog import load_catalog
    from longform_desktop.core.search import catalog_sources, sync_index

    compiled = precompile()
    log_path = root / "startup-children.log"
    warm = root / "startup-warm"
    env = child_env(warm)
    # A normal launch finds what a first session left: the index, the database, the
    # default library folder, a backup. One run of the app, 7 s long, leaves them.
    from startup_race import settle

    settle([sys.executable, "-m", "longform_desktop"], env)
    if not (Path(env["LONGFORM_CACHE_DIR"]) / "search-index").is_dir():  # a slow machine
        sync_index(
            Path(env["LONGFORM_CACHE_DIR"]) / "search-index",
            catalog_sources(load_catalog(CONTENT)),
        )
    log("startup: warm-up launches (not counted)")
    launch_until_painted("bare", env, log_path)
    launch_until_painted("app", env, log_path)
    app, bare, app_self = [], [], []
    for i in range(runs):
        bare.append(launch_until_painted("bare", env, log_path)[0])
        wall, inside = launch_until_painted("app", env, log_path)
        app.append(wall)
        app_self.append(inside)
        log(f"startup run {i + 1}/{runs}: app {wall:.0f} ms, bare Qt {bare[-1]:.0f} ms")
    first = []
    for i in range(runs):  # a first launch ever: no database, no index
        first.append(
            launch_until_painted("app", child_env(root / f"startup-first-{i}"), log_path)[0]
        )
    startup, bare_ms = statistics.median(app), statistics.median(bare)
    return {
        "startup_ms": round(startup, 1),
        "bare_qt_ms": round(bare_ms, 1),
        "startup_ratio": round(startup / bare_ms, 2),
        "startup_in_process_ms": round(statistics.median(app_self), 1),
        "startup_first_launch_ms": round(statistics.median(first), 1),
        "startup_samples_ms": [round(x, 1) for x in app],
        "bare_qt_samples_ms": [round(x, 1) for x in bare],
        **compiled,
    }


def bench_index(root: Path, runs: int) -> dict:
    from longform_desktop.core.catalog import load_catalog
    from longform_desktop.core.search import catalog_sources, sync_index

    catalog = load_catalog(CONTENT)
    builds, stats = [], None
    for i in range(3):
        target = root / f"bundled-index-{i}" / "search-index"  # a fresh cache dir each time
        started = time.perf_counter()
        stats = sync_index(target, catalog_sources(catalog))
        builds.append(time.perf_counter() - started)
    assert stats is not None and stats.rebuilt
    no_change = []
    for _ in range(runs):
        started = time.perf_counter()
        again = sync_index(target, catalog_sources(catalog))
        no_change.append(time.perf_counter() - started)
        assert not (again.rebuilt or again.added or again.updated or again.removed), again
    return {
        "index_full_build_ms": ms(statistics.median(builds)),
        "reindex_no_change_ms": ms(statistics.median(no_change)),
        "bundled_articles_indexed": stats.added,
        "bundled_documents": stats.documents,
        "bundled_index_mb": dir_mib(target),
        "_index_dir": str(target),
    }


@contextlib.contextmanager
def search_variant(no_highlight: bool = False, no_typos: bool = False) -> Iterator[None]:
    """Switch parts of ``search()`` off (snippet highlighting, typo tolerance) to see what
    each costs."""
    import whoosh.searching

    from longform_desktop.core.search import query as search_query

    saved = whoosh.searching.Hit.highlights, search_query.close_terms
    if no_highlight:
        whoosh.searching.Hit.highlights = lambda self, *a, **k: ""
    if no_typos:
        search_query.close_terms = lambda searcher, word, limit=3: []
    try:
        yield
    finally:
        whoosh.searching.Hit.highlights, search_query.close_terms = saved


def searcher_open_ms(ix, runs: int = 5) -> float:
    """Median cost of ``with ix.searcher(): ...``, which ``search()`` pays on every query."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with ix.searcher() as searcher:
            searcher.doc_count()
        times.append(time.perf_counter() - started)
    return ms(statistics.median(times))


def time_queries(source, queries: list[str], passes: int) -> tuple[list[float], list[float], int]:
    """(all samples in ms, per-query median in ms, queries with no hit) after a warm-up pass.

    ``source`` is what ``search()`` is given: a long-lived searcher (the app's path,
    ``SearchService``) or the index (the CLI's path: a searcher opened per query).
    """
    from longform_desktop.core.search import search

    empty = sum(not search(source, q, limit=SEARCH_LIMIT).hits for q in queries)  # warm-up
    per_query: list[list[float]] = [[] for _ in queries]
    for _ in range(passes):
        for i, q in enumerate(queries):
            started = time.perf_counter()
            search(source, q, limit=SEARCH_LIMIT)
            per_query[i].append((time.perf_counter() - started) * 1000)
    samples = [s for row in per_query for s in row]
    return samples, [statistics.median(row) for row in per_query], empty


def bench_search(ix, queries: list[str], prefix: str, passes: int, profile: bool) -> dict:
    searcher = ix.searcher()  # kept open across queries, as the app's SearchService does
    try:
        return _bench_search(ix, searcher, queries, prefix, passes, profile)
    finally:
        searcher.close()


def _bench_search(ix, searcher, queries, prefix: str, passes: int, profile: bool) -> dict:
    samples, medians, empty = time_queries(searcher, queries, passes)
    out = {
        f"{prefix}_p50_ms": round(percentile(samples, 50), 2),
        f"{prefix}_p95_ms": round(percentile(samples, 95), 2),
        f"{prefix}_max_ms": round(max(samples), 2),
        f"{prefix}_queries": len(queries),
        f"{prefix}_queries_without_hits": empty,
        f"{prefix}_slowest": [
            {"query": q, "ms": round(m, 1)}
            for m, q in sorted(zip(medians, queries, strict=True), reverse=True)[:5]
        ],
    }
    # Where the time goes: the same queries with parts of search() switched off.
    breakdown: dict = {"searcher_open_ms": searcher_open_ms(ix)}
    for name, source, flags in (
        ("no_highlight", searcher, {"no_highlight": True}),
        ("no_typo_tolerance", searcher, {"no_typos": True}),
        ("query_only", searcher, {"no_highlight": True, "no_typos": True}),
        ("searcher_per_query_cli", ix, {}),
    ):
        with search_variant(**flags):
            part, _, _ = time_queries(source, queries, max(1, passes - 1))
        breakdown[name] = {
            "p50_ms": round(percentile(part, 50), 2),
            "p95_ms": round(percentile(part, 95), 2),
        }
    out[f"{prefix}_breakdown"] = breakdown
    if profile:
        from longform_desktop.core.search import search

        profiler = cProfile.Profile()
        profiler.enable()
        for q in queries:
            search(searcher, q, limit=SEARCH_LIMIT)
        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(35)
        log(f"{prefix}: cProfile of one pass over {len(queries)} queries\n{text.getvalue()}")
    return out


def bench_corpus(args: argparse.Namespace, scratch: Path) -> dict:
    import corpus
    from longform_desktop.core.search import SCHEMA_VERSION, open_index, sync_index
    from queries import corpus_queries

    n = args.corpus_articles
    vocab = corpus.build_vocabulary(corpus.load_english_words(), args.seed)
    sources = corpus.corpus_sources(vocab, args.seed, n)
    cache = Path(
        args.corpus_cache or Path(tempfile.gettempdir()) / f"longform-bench-corpus-{args.seed}-{n}"
    )
    ix_dir, meta_path = cache / "search-index", cache / "build.json"
    key = {
        "articles": n,
        "seed": args.seed,
        "vocabulary": vocab.fingerprint,
        "generator": corpus.GENERATOR_VERSION,
        "schema": SCHEMA_VERSION,
    }
    meta: dict = {}
    with contextlib.suppress(OSError, ValueError):
        meta = json.loads(meta_path.read_text())
    cached = False
    if not args.rebuild_corpus and meta.get("key") == key and open_index(ix_dir) is not None:
        log(f"corpus: checking the cached index in {ix_dir}")
        stats = sync_index(ix_dir, sources)
        cached = not (stats.rebuilt or stats.added or stats.updated or stats.removed)
    if cached:
        log(f"corpus: reusing the index built earlier ({meta['seconds']:.0f} s to build)")
    else:
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True)
        log(f"corpus: generating and indexing {n} articles into {ix_dir}")
        words = [0]

        def counted(src: corpus.Source) -> corpus.Source:
            def documents() -> list:
                docs = src.documents()
                words[0] += sum(len(d.body.split()) for d in docs if not d.is_whole_article)
                return docs

            return corpus.Source(src.key, src.content_hash, documents)

        started = time.perf_counter()
        step = max(1, n // 20)

        def progress(done: int, total: int) -> None:
            if done % step == 0 or done == total:
                spent = time.perf_counter() - started
                eta = spent / done * (total - done)
                log(f"corpus: {done}/{total} articles, {spent:.0f} s, eta {eta:.0f} s")

        stats = sync_index(ix_dir, [counted(s) for s in sources], progress)
        meta = {
            "key": key,
            "seconds": stats.seconds,
            "words": words[0],
            "documents": stats.documents,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
        meta_path.write_text(json.dumps(meta, indent=2))
        log(f"corpus: built in {stats.seconds:.0f} s")
    no_change = []
    for _ in range(3):
        started = time.perf_counter()
        sync_index(ix_dir, sources)
        no_change.append(time.perf_counter() - started)
    ix = open_index(ix_dir)
    assert ix is not None
    queries = corpus_queries(vocab, ix, args.seed, n)
    log(f"corpus: timing {len(queries)} queries")
    out = {
        "corpus_articles": n,
        "corpus_words": meta["words"],
        "corpus_documents": meta["documents"],
        "corpus_vocabulary": len(vocab.words),
        "corpus_index_build_s": round(meta["seconds"], 1),
        "corpus_index_cached": cached,
        "corpus_index_mb": dir_mib(ix_dir),
        "corpus_build_peak_rss_mb": meta["peak_rss_mb"],
        "corpus_reindex_no_change_ms": ms(statistics.median(no_change)),
        "corpus_index_dir": str(ix_dir),
    }
    out.update(bench_search(ix, queries, "search_corpus", args.passes, args.profile_search))
    out.update(corpus_yardstick(args, sources, cache, ix, queries))
    if args.drop_corpus:
        shutil.rmtree(cache, ignore_errors=True)
        out["corpus_index_dir"] = None
    return out


def corpus_yardstick(args: argparse.Namespace, sources, cache: Path, ix, queries) -> dict:
    """FTS5 over the same generated documents (built once, kept next to the corpus
    index), timed against Whoosh on the same queries."""
    import fts5

    path, meta_path = cache / "fts5.db", cache / "fts5.json"
    meta: dict = {}
    with contextlib.suppress(OSError, ValueError):
        meta = json.loads(meta_path.read_text())
    key = {"sources": len(sources), "first": sources[0].content_hash, "version": 1}
    if meta.get("key") != key or not path.exists():
        log(f"yardstick: building FTS5 over {len(sources)} generated articles")
        started = time.perf_counter()
        rows = fts5.build(path, (d for s in sources for d in s.documents()))
        meta = {"key": key, "rows": rows, "seconds": time.perf_counter() - started}
        meta_path.write_text(json.dumps(meta))
    log(f"yardstick: FTS5 vs Whoosh on {len(queries)} corpus queries")
    with ix.searcher() as searcher:
        out = fts5.yardstick(searcher, path, queries, args.passes, "yardstick_corpus")
    out["yardstick_corpus_fts5_build_s"] = round(meta["seconds"], 1)
    out["yardstick_corpus_fts5_mb"] = round(path.stat().st_size / 2**20, 1)
    return out


# --- main ------------------------------------------------------------------------------


def meets(figures: dict) -> dict:
    def ok(key: str) -> bool | None:
        value = figures.get(key)
        if value is None:
            return None
        return value >= TARGETS[key] if key in AT_LEAST else value <= TARGETS[key]

    return {key: ok(key) for key in TARGETS}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-corpus", action="store_true", help="skip the generated corpus")
    parser.add_argument(
        "--corpus-articles", type=int, default=5000, help="articles of ~2,000 words (5000)"
    )
    parser.add_argument("--seed", type=int, default=SEED, help="corpus and query seed")
    parser.add_argument(
        "--corpus-cache",
        help="where the corpus index is kept and reused "
        "(default: $TMPDIR/longform-bench-corpus-SEED-N)",
    )
    parser.add_argument(
        "--rebuild-corpus", action="store_true", help="rebuild the corpus index even if cached"
    )
    parser.add_argument(
        "--drop-corpus", action="store_true", help="delete the corpus index when done"
    )
    parser.add_argument("--runs", type=int, default=5, help="runs for medians (5)")
    parser.add_argument("--passes", type=int, default=3, help="timed passes over each query set")
    parser.add_argument(
        "--profile-search", action="store_true", help="cProfile the query sets (to stderr)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        import longform_desktop  # noqa: F401
    except ImportError:
        log("longform_desktop is not importable: run with the project's venv (.venv/bin/python)")
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="longform-bench-"))
    # Anything in this process that asks paths.py for a directory gets a temporary one.
    os.environ.update(app_dirs(scratch / "parent"))
    started = time.perf_counter()
    result: dict = {"machine": machine_info()}
    errors: dict[str, str] = {}
    state: dict = {}

    def bundled_index() -> dict:
        figures = bench_index(scratch, args.runs)
        state["index_dir"] = Path(figures.pop("_index_dir"))
        return figures

    def bundled_search() -> dict:
        from longform_desktop.core.search import open_index
        from queries import BUNDLED_QUERIES

        ix = open_index(state["index_dir"])
        assert ix is not None, "the bundled index could not be opened"
        log(f"bundled search: {len(BUNDLED_QUERIES)} queries")
        return bench_search(ix, BUNDLED_QUERIES, "search_bundled", args.passes, args.profile_search)

    def bundled_relevance() -> dict:
        import relevance
        from longform_desktop.core.search import open_index

        ix = open_index(state["index_dir"])
        assert ix is not None, "the bundled index could not be opened"
        queries = [q for q, _, _ in relevance.RELEVANCE_SET]
        log(f"relevance: {len(queries)} queries")
        with ix.searcher() as searcher:
            figures = relevance.evaluate(searcher)
            samples, _, _ = time_queries(searcher, queries, args.passes)
        figures["search_relevance_p50_ms"] = round(percentile(samples, 50), 2)
        figures["search_relevance_p95_ms"] = round(percentile(samples, 95), 2)
        return figures

    def bundled_yardstick() -> dict:
        import fts5
        from longform_desktop.core.catalog import load_catalog
        from longform_desktop.core.search import catalog_sources, open_index
        from queries import BUNDLED_QUERIES

        path = scratch / "bundled-fts5.db"
        sources = catalog_sources(load_catalog(CONTENT))
        rows = fts5.build(path, (d for s in sources for d in s.documents()))
        log(f"yardstick: FTS5 over {rows} bundled sections, {len(BUNDLED_QUERIES)} queries")
        ix = open_index(state["index_dir"])
        assert ix is not None, "the bundled index could not be opened"
        with ix.searcher() as searcher:
            return fts5.yardstick(searcher, path, BUNDLED_QUERIES, args.passes, "yardstick_bundled")

    # The window probes reuse the startup benchmark's directories: index built, database made.
    probe_env = lambda: child_env(scratch / "startup-warm")  # noqa: E731
    steps: list[tuple[str, Callable[[], dict]]] = [
        ("bundled index", bundled_index),
        ("bundled search", bundled_search),
        ("bundled relevance", bundled_relevance),
        ("bundled FTS5 yardstick", bundled_yardstick),
        ("startup", lambda: bench_startup(scratch, args.runs)),
        ("render of the longest article", lambda: run_probe("render", probe_env())),
        ("peak RSS after opening every article", lambda: run_probe("rss", probe_env())),
    ]
    if args.skip_corpus:
        log("corpus skipped (--skip-corpus)")
    else:
        steps.append(("generated corpus", lambda: bench_corpus(args, scratch)))
    try:
        for name, step in steps:
            log(f"{name}…")
            try:
                result.update(step())
            except Exception as exc:  # one broken figure must not lose the others
                log(f"{name} FAILED: {exc}")
                errors[name] = str(exc)[-1500:]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if errors:
        result["errors"] = errors
    result["benchmark_seconds"] = round(time.perf_counter() - started, 1)
    result["targets"] = dict(TARGETS)
    result["meets"] = meets(result)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
