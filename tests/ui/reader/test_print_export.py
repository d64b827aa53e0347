"""Export to PDF (and the paper layout print shares): the article's title and its
diagrams in the file, pages with margins, code blocks not split when they fit a page,
always light ink on white paper."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QPageLayout, QTextDocument, QTextTable
from PySide6.QtWidgets import QFileDialog

from longform_desktop.ui.reader import code_fit, print_export
from longform_desktop.ui.theme import DARK, LIGHT

from .pdf_probe import read_pdf

PILOT = "idempotency-and-exactly-once"
CODE_HEAVY = "reading-a-query-plan-like-a-senior"


@pytest.fixture
def window(shown_window):
    return shown_window


def squash(text: str) -> str:
    """Letters only, ligatures unfolded: what survives any PDF text extraction."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isalnum()).lower()


def test_export_to_pdf_has_title_diagrams_and_pages(window, qtbot, tmp_path, monkeypatch) -> None:
    assert not window.commands.export_pdf.isEnabled()  # nothing to export on the catalog
    window.open_article(PILOT)
    assert window.commands.export_pdf.isEnabled()
    target = tmp_path / "out" / "idempotency"  # no suffix: the export adds .pdf
    target.parent.mkdir()
    asked = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda parent, title, start, filters: (asked.append(start) or str(target), filters),
    )
    qtbot.keyClick(
        window,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert asked and asked[0].endswith(f"{PILOT}.pdf")
    pdf_path = target.with_suffix(".pdf")
    assert pdf_path.is_file()
    article = window.article_view.article
    pdf = read_pdf(pdf_path)

    pages = len(pdf.pages)
    assert pages == window.window_room.last_job_pages
    assert 5 <= pages <= 40  # a long read on A4/Letter, not one endless page
    assert pdf.info_title() == article.title
    first = squash(pdf.page_text(pdf.pages[0]))
    assert squash(article.title) in first
    text = squash(pdf.text())
    assert squash("Duplicates arrive even if your own code never retries") in text
    assert f"page{pages}of{pages}" in text  # every page is numbered in its foot
    for diagram in article.diagrams:  # each diagram is drawn, with its caption
        assert squash(diagram.title) in text
    # Each diagram is an image XObject, drawn at print resolution (not a screen grab).
    sizes = pdf.image_sizes()
    assert len(sizes) >= len(article.diagrams) >= 1
    assert max(w for w, _ in sizes) >= 1500
    assert f"Saved {pages} pages" in window.statusBar().currentMessage()
    if shutil.which("pdftotext"):  # a second opinion when poppler is installed
        out = subprocess.run(
            ["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert squash(article.title) in squash(out)
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True
        ).stdout
        assert f"Pages:          {pages}" in info


def test_paper_layout_keeps_blocks_whole_and_margins(window) -> None:
    window.open_article(CODE_HEAVY)
    printer = print_export.new_printer()
    doc = print_export.print_document(window.article_view, printer)
    margins = printer.pageLayout().margins(QPageLayout.Unit.Millimeter)
    assert min(margins.left(), margins.right(), margins.top(), margins.bottom()) >= 10
    page_h = doc.pageSize().height()
    layout = doc.documentLayout()
    tables = splits = 0
    usable = page_h * 0.85
    it = doc.rootFrame().begin()
    while not it.atEnd():
        if not it.currentBlock().isValid():
            frame = it.currentFrame()
            if isinstance(frame, QTextTable):
                rect = layout.frameBoundingRect(frame)
                tables += 1
                if rect.height() < usable:
                    splits += int(rect.top() // page_h) != int((rect.bottom() - 1) // page_h)
        it += 1
    assert tables >= 10 and splits == 0
    # No code line wider than the page: each code block fits (shrunk, or wrapped last).
    width = doc.pageSize().width()
    for frame in _frames(doc):
        if isinstance(frame, QTextTable) and code_fit.is_code_table(frame):
            assert layout.frameBoundingRect(frame).width() <= width + 1
    assert doc.size().width() <= width + 1
    # No heading is the last line of a page.
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() and block.next().isValid():
            here = layout.blockBoundingRect(block)
            after = layout.blockBoundingRect(block.next())
            if after.height() and after.top() > here.top():
                assert int(here.top() // page_h) == int(after.top() // page_h), block.text()
        block = block.next()


def test_print_is_light_even_in_the_dark_theme(window) -> None:
    window.commands.themes["dark"].trigger()
    window.open_article(PILOT)
    assert DARK.text in window.article_view.browser.document().defaultStyleSheet()
    doc = print_export.print_document(window.article_view, print_export.new_printer())
    assert LIGHT.text in doc.defaultStyleSheet() and DARK.text not in doc.defaultStyleSheet()
    diagram_id = window.article_view.article.diagrams[0].id
    image = QImage(
        doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(f"diagram:{diagram_id}"))
    )
    colours = {
        image.pixel(x, y) & 0xFFFFFF
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    node_light = int(LIGHT.node_fill[1:], 16)
    node_dark = int(DARK.node_fill[1:], 16)
    assert node_light in colours and node_dark not in colours


def _frames(doc):
    it = doc.rootFrame().begin()
    while not it.atEnd():
        if not it.currentBlock().isValid():
            yield it.currentFrame()
        it += 1
