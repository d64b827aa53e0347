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

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from longform_desktop.core.user_files import UserArticle
from longform_desktop.ui.reader.article_view import ArticleView


def _headings(n: int) -> str:
    return "".join(f"## Heading {i}\n\nText {i}.\n\n" for i in range(n))


def _code(n: int) -> str:
    return "```python\n" + "".join(f"x_{i} = compute({i})\n" for i in range(n)) + "```\n"


def bodies() -> dict[str, tuple[str, str]]:
    para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod. " * 8
    return {
        "headings_20000": ("Long", _headings(20_000)),
        "headings_900": ("Long", _headings(900)),  # within core's budget: "Show all" offered
        "code_15k_lines": ("Long", _code(15_000)),  # likewise
        "prose_5mb": ("Long", (para + "\n\n") * (5_000_000 // (len(para) + 2))),
        "code_100k_lines": ("Long", _code(100_000)),
        "title_2mb": ("T" * 2_000_000, "Short body.\n"),
        "one_line_2mb": ("Long", "word " * 400_000),
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
