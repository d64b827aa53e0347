"""Child process for the Qt figures (run by run.py; not a test). Prints one JSON object.

    python benchmarks/window_probe.py rss     # peak RSS after opening every article
    python benchmarks/window_probe.py render  # render time of the longest article

Needs QT_QPA_PLATFORM=offscreen and the LONGFORM_*_DIR variables set by the parent.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time

from PySide6.QtWidgets import QApplication

from longform_desktop import paths
from longform_desktop.app import build_window
from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.markdown import render_markdown
from longform_desktop.ui.reader.article_view import ArticleView
from longform_desktop.ui.theme import current_theme

RENDER_RUNS = 5


def _app() -> QApplication:
    # The same application set-up as longform_desktop.app.main.
    app = QApplication([sys.argv[0]])
    app.setApplicationName("Longform Desktop")
    app.setOrganizationName("Longform")
    return app


def _pump(app: QApplication, seconds: float = 0.05) -> None:
    end = time.perf_counter() + seconds
    while True:
        app.processEvents()
        if time.perf_counter() >= end:
            break
        time.sleep(0.005)


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_rss() -> dict:
    app = _app()
    window = build_window(app)
    window.show()
    _pump(app)
    outcome: list[object] = []
    window.search_service.index_ready.connect(outcome.append)
    window.search_service.index_failed.connect(outcome.append)
    window.search_service.ensure_index()  # what main() schedules after the first paint
    deadline = time.perf_counter() + 300
    while not outcome and time.perf_counter() < deadline:
        _pump(app, 0.02)
    after_start = _max_rss_mb()
    opened = 0
    for article in window.catalog.articles:
        if not article.is_written:
            continue
        if window.open_article(article.slug):
            opened += 1
        _pump(app)
        window.article_view.set_position(1.0)  # read to the end: the whole page laid out
        _pump(app)
        window.search_service.runner.wait()  # "related deep dives" of this article
        _pump(app)
    window.search_service.runner.wait()
    _pump(app)
    return {
        "peak_rss_mb": round(_max_rss_mb(), 1),
        "rss_after_startup_mb": round(after_start, 1),
        "articles_opened": opened,
        "index_ready": bool(outcome) and not isinstance(outcome[0], str),
    }


def run_render() -> dict:
    app = _app()
    catalog = load_catalog(paths.content_dir())
    article = max((a for a in catalog.articles if a.is_written), key=lambda a: a.word_count)
    diagrams = {d.id: d for d in article.diagrams}
    view = ArticleView()
    view.resize(1030, 800)  # the reader's share of the default 1280x840 window
    view.show()
    _pump(app)

    def show_once() -> float:
        started = time.perf_counter()
        view.show_article(article)  # render_markdown + QTextBrowser.setHtml + diagrams
        app.processEvents()  # layout and first paint of the visible page
        return (time.perf_counter() - started) * 1000

    first = show_once()
    shown = [show_once() for _ in range(RENDER_RUNS)]
    markdown = []
    for _ in range(RENDER_RUNS):
        started = time.perf_counter()
        render_markdown(article.body, diagrams, dark=current_theme().dark)
        markdown.append((time.perf_counter() - started) * 1000)
    return {
        "render_longest_ms": round(statistics.median(shown), 1),
        "render_longest_first_ms": round(first, 1),
        "render_markdown_only_ms": round(statistics.median(markdown), 1),
        "render_longest_article": article.slug,
        "render_longest_words": article.word_count,
    }


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "rss"
    result = run_rss() if mode == "rss" else run_render()
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    # Skip interpreter teardown: PySide6 6.12 can abort while finalizing (none_dealloc)
    # once the window and its worker threads have run; the figures are already out.
    os._exit(0)
