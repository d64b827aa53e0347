"""Code blocks keep their lines: no long line wraps into the next while the block can be
widened or shrunk to fit, and no bundled deep dive makes the page scroll sideways."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextTable
from PySide6.QtWidgets import QApplication

from longform_desktop.app import build_window
from longform_desktop.ui.reader import code_fit


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    import os

    # One window for every article (module scope): private dirs made by hand.
    base = tmp_path_factory.mktemp("code")
    saved = {
        k: os.environ.get(k)
        for k in ("LONGFORM_DATA_DIR", "LONGFORM_CACHE_DIR", "LONGFORM_CONFIG_DIR")
    }
    for name in ("DATA", "CACHE", "CONFIG"):
        os.environ[f"LONGFORM_{name}_DIR"] = str(base / name.lower())
    win = build_window(QApplication.instance())
    win.show()
    yield win
    win.close()  # saves the position through the writer: let it commit, then drop the window
    win.services.writer.flush()
    win.services.runner.wait()
    win.deleteLater()
    QApplication.processEvents()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def code_tables(browser):
    doc = browser.document()
    it = doc.rootFrame().begin()
    while not it.atEnd():
        if not it.currentBlock().isValid():
            frame = it.currentFrame()
            if isinstance(frame, QTextTable):
                code = browser._code_block(frame)
                if code is not None:
                    yield frame, code
        it += 1


@pytest.mark.parametrize("width", [1280, 900])
def test_no_page_scrolls_sideways_and_lines_stay_whole(window, width) -> None:
    window.resize(width, 840)
    QApplication.processEvents()
    written = [a for a in window.catalog.articles if a.is_written]
    assert len(written) >= 10
    wrapped_lines = []
    for article in written:
        assert window.open_article(article.slug)
        browser = window.article_view.browser
        browser.refresh_layout()
        QApplication.processEvents()
        assert browser.horizontalScrollBar().maximum() == 0, article.slug
        assert browser.document().size().width() <= browser.viewport().width() + 1
        figure = browser.figure_width()
        for table, code in code_tables(browser):
            scale, wraps = code.applied
            assert code_fit.CODE_MIN_SCALE <= scale <= 1.0
            if not wraps:
                # Every line of the block is one line on screen.
                for block in code_fit.cell_blocks(table):
                    assert block.layout().lineCount() == 1, (article.slug, block.text())
            else:
                # Only a block too wide even at the smallest size and the widest table.
                room = figure - 2 * code_fit.CODE_PADDING - code_fit.CODE_SLACK
                assert code.width_at(code_fit.CODE_MIN_SCALE) > room - 2
                wrapped_lines.append(code.chars)
    if width >= 1280:
        # At the default size only EXPLAIN output of ~150+ characters has to wrap.
        assert all(chars > 140 for chars in wrapped_lines)


def test_a_narrow_block_stays_in_the_text_column(window) -> None:
    window.resize(1280, 840)
    window.open_article("idempotency-and-exactly-once")
    browser = window.article_view.browser
    browser.refresh_layout()
    # Tables span the root frame; the text column is made by their side margins.
    narrow = [t for t, code in code_tables(browser) if code.natural < browser.column_width() - 40]
    wide = [t for t, code in code_tables(browser) if code.natural > browser.column_width()]
    inset = lambda t: t.frameFormat().leftMargin()  # noqa: E731
    assert narrow and all(inset(t) >= inset(narrow[0]) - 1 for t in narrow)
    if wide:
        assert inset(wide[0]) < inset(narrow[0])  # the wide one breaks out of the column
