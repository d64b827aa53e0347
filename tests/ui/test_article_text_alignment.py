"""The reader's QTextDocument shows the anchor text's characters, in order, for every
bundled article: notes made in the reader and notes re-anchored by the CLI agree.

QTextDocument.toPlainText() of the body HTML has the same non-whitespace characters as
core.article_text, plus only the diagrams (an object character and the caption each);
list bullets and numbers are not in either. Indices into toPlainText() are QTextCursor
positions, so the reader can use the mapping on its cursors as it is.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument

from longform_desktop.core.article_text import align_offsets, article_text
from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.markdown import render_markdown

CONTENT = Path(__file__).resolve().parents[2] / "content"
OBJECT = "\ufffc"  # what QTextDocument puts in its text for an image
_CAPTION = re.compile(r'<p class="caption"[^>]*>(.*?)</p>', re.DOTALL)

ARTICLES = [a for a in load_catalog(CONTENT).articles if a.is_written]


def _document(page_html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(page_html)
    return doc


def _plain(page_html: str) -> str:
    return _document(page_html).toPlainText()


def _compact(text: str) -> str:
    return "".join(text.split())


def _unshared(align) -> str:
    """The non-whitespace characters of the Qt text that the anchor text leaves out."""
    other = _compact(align.other)
    pieces, last = [], 0
    for _, start, length in align.runs:
        pieces.append(other[last:start])
        last = start + length
    pieces.append(other[last:])
    return "".join(pieces)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_qt_plain_text_holds_the_anchor_text(qapp, article) -> None:
    rendered = render_markdown(article.body, {d.id: d for d in article.diagrams})
    text = article_text(rendered).text
    doc = _document(rendered.html)
    qt_text = doc.toPlainText()
    # An index into toPlainText() is a QTextCursor position: one character per position
    # (frame and block separators become "\n"), so the mapping serves cursors directly.
    assert len(qt_text) == doc.characterCount() - 1
    align = align_offsets(text, qt_text)

    assert align.shared() == len(_compact(text))  # every character is in Qt's text
    captions = [html.unescape(c) for c in _CAPTION.findall(rendered.html)]
    assert len(captions) == len(article.diagrams)
    assert _unshared(align) == "".join(OBJECT + _compact(c) for c in captions)
    for offset, char in enumerate(text):
        if not char.isspace():
            assert qt_text[align(offset)] == char == doc.characterAt(align(offset))
            assert align.inverse(align(offset)) == offset


@pytest.mark.parametrize("article", ARTICLES[:3], ids=lambda a: a.slug)
def test_spans_map_through_a_page_with_header_and_related_links(qapp, article) -> None:
    # The reader wraps the body: eyebrow, title and summary above, related links below.
    rendered = render_markdown(article.body, {d.id: d for d in article.diagrams})
    page = (
        f'<p class="eyebrow">{html.escape(article.topic.upper())}</p>'
        f"<h1>{html.escape(article.title)}</h1><p>{html.escape(article.summary)}</p><hr />"
        f'{rendered.html}<h2><a name="related"></a>Related deep dives</h2>'
        '<p>→ <a href="article:x">Another deep dive</a></p>'
    )
    anchor_text = article_text(rendered)
    qt_text = _plain(page)
    align = align_offsets(anchor_text.text, qt_text)
    assert align.shared() == len(_compact(anchor_text.text))
    for heading in anchor_text.headings:
        start = align(heading.start)
        end = align(heading.start + len(heading.title), end=True)
        assert qt_text[start:end] == heading.title
        assert align.inverse(start) == heading.start
