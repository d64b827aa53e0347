"""How long a very long page holds the GUI thread (issue 17). Not a test; prints JSON.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/reader_long_pages.py [--show-all]

Each generated article (20,000 headings; 5 MB of prose; a 100,000-line code block; a
2 MB title; one 2 MB line) is opened in an offscreen ArticleView of 1000x700 while a 5 ms
QTimer heartbeat runs; the figure is the longest gap between two beats (the longest
stall of the GUI thread), in ms, for opening and, with ``--show-all``, for "Show all".
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The pages are generated as the hardening test does (tests/long_pages.py). Appended, so
# nothing under tests/ can shadow an installed module.
sys.path.append(str(Path(__file__).resolve().parents[1] / "tests"))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from long_pages import code_block, headings, long_pages
from longform_desktop.core.user_files import UserArticle
from longform_desktop.ui.reader.article_view import ArticleView


def bodies() -> dict[str, tuple[str, str]]:
    """The hardening test's long pages (``tests/long_pages.py``), and two within the
    reader's budget, for which "Show all" is offered."""
    pages = long_pages()
    return {
        "headings_20000": pages["20,000 headings"],
        "headings_900": ("Long", headings(900)),
        "code_15k_lines": ("Long", code_block(15_000)),
        "prose_5mb": pages["5 MB of prose"],
        "code_100k_lines": pages["100,000-line code block"],
        "title_2mb": pages["2 MB title"],
        "one_line_2mb": pages["one 2 MB line"],
    }


def stall_ms(action, settle_ms: int = 500) -> float:
    ticks = [time.perf_counter()]
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    QTimer.singleShot(10, action)
    loop = QEventLoop()
    QTimer.singleShot(settle_ms, loop.quit)
    loop.exec()
    timer.stop()
    ticks.append(time.perf_counter())
    return round(max(b - a for a, b in itertools.pairwise(ticks)) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-all", action="store_true", help="also time 'Show all'")
    args = parser.parse_args()
    QApplication.instance() or QApplication(sys.argv[:1])
    view = ArticleView()
    view.resize(1000, 700)
    view.show()
    folder = Path(tempfile.mkdtemp())
    out: dict[str, object] = {}
    for i, (case, (title, body)) in enumerate(bodies().items()):
        article = UserArticle(
            slug=f"long-{i}", title=title, section="user", topic="", difficulty="",
            summary="", order=1, path=folder / f"{case}.md", body=body, body_line=1,
            word_count=len(body.split()),
        )  # fmt: skip
        figures: dict[str, object] = {
            "open_stall_ms": stall_ms(lambda a=article: view.show_article(a))
        }
        figures["cut"] = bool(view.part and view.part.cut)
        figures["shown_chars"] = len(view.browser.toPlainText())
        figures["show_all_offered"] = bool(view.part and view.part.whole_allowed)
        if args.show_all and figures["cut"] and figures["show_all_offered"]:
            figures["show_all_stall_ms"] = stall_ms(view.show_all, settle_ms=1000)
            figures["show_all_chars"] = len(view.browser.toPlainText())
        out[case] = figures
        print(case, figures, file=sys.stderr)
    out["longest_open_stall_ms"] = max(v["open_stall_ms"] for v in out.values())  # type: ignore[index]
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
