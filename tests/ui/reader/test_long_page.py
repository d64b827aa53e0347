"""Very long pages: the body is cut at a budget (long_page.py, no Qt) and the reader
shows the first part with a notice and "Show all"; heading anchors are capped."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from longform_desktop.core.markdown import render_markdown
from longform_desktop.core.user_files import UserArticle
from longform_desktop.ui.reader import long_page
from longform_desktop.ui.reader.article_view import ArticleView
from longform_desktop.ui.reader.long_page import first_part, limit_anchors


def test_a_short_body_is_whole() -> None:
    body = "# T\n\nSome text.\n\n```\ncode\n```\n"
    part = first_part(body)
    assert not part.cut and part.body == body and part.headings == 1 and part.code_lines == 1


def test_too_many_headings_cut_before_the_next_heading() -> None:
    body = "".join(f"## H{i}\n\nText {i}.\n\n" for i in range(1000))
    part = first_part(body, max_headings=10)
    assert part.cut and part.body.count("## ") == 10 and part.body.endswith("Text 9.\n\n")


def test_a_long_code_block_is_cut_and_its_fence_closed() -> None:
    body = "Intro.\n\n~~~~python\n" + "x = 1\n" * 5000 + "~~~~\n\nAfter.\n"
    part = first_part(body, max_code_lines=100)
    assert part.cut and part.body.endswith("x = 1\n~~~~\n")
    assert part.body.count("x = 1") == 100
    html = render_markdown(part.body).html
    assert "After." not in html and "<table" in html  # one closed code block


def test_a_fence_inside_code_does_not_close_it() -> None:
    body = "````\n```\nnot closed\n```\n````\n" + "## H\n" * 5
    part = first_part(body, max_headings=2)
    assert part.code_lines == 3 and part.cut and part.body.count("## H") == 2


def test_too_many_characters_and_one_huge_line() -> None:
    para = "word " * 100 + "\n\n"
    part = first_part(para * 1000, max_chars=5000)
    assert part.cut and len(part.body) <= 5000 and part.body.endswith("\n\n")
    huge = first_part("word " * 400_000)
    assert huge.cut and len(huge.body) <= long_page.MAX_LINE_CHARS + 3
    assert huge.body.endswith(" …\n")


def test_limit_anchors_keeps_the_first_headings_anchors() -> None:
    html = render_markdown("".join(f"## Head {i}\n\nx\n\n" for i in range(10))).html
    assert len(re.findall(r'<a name="', html)) == 10
    limited = limit_anchors(html, keep=3)
    assert re.findall(r'<a name="([^"]+)"', limited) == ["head-0", "head-1", "head-2"]
    assert len(re.findall(r' id="', limited)) == 3
    assert limited.count("<h2") == 10 and "Head 9" in limited


@pytest.fixture
def view(qtbot) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def _article(body: str) -> UserArticle:
    return UserArticle(
        slug="long", title="Long", section="user", topic="", difficulty="", summary="",
        order=1, path=Path("/nonexistent/long.md"), body=body, body_line=1,
        word_count=len(body.split()),
    )  # fmt: skip


def _anchors(view: ArticleView) -> int:
    doc, count = view.browser.document(), 0
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            count += bool(it.fragment().charFormat().anchorNames())
            it += 1
        block = block.next()
    return count


def test_a_long_page_shows_its_first_part_then_all_on_request(view, qtbot) -> None:
    body = "".join(f"## Heading {i}\n\nText number {i}.\n\n" for i in range(600))
    view.show_article(_article(body))
    text = view.browser.toPlainText()
    assert "Text number 399." in text and "Text number 400." not in text
    assert view.long_notice.isVisibleTo(view)
    assert "more than 400 headings" in view.long_text.text()
    assert len(view.toc()) == 400
    qtbot.mouseClick(view.show_all_button, Qt.MouseButton.LeftButton)
    text = view.browser.toPlainText()
    assert "Text number 599." in text and not view.long_notice.isVisibleTo(view)
    assert len(view.toc()) == 400 and _anchors(view) <= 2 * 400  # id and <a name> each
    view.scroll_to_heading("heading-300")  # a heading that kept its anchor
    assert view.browser.verticalScrollBar().value() > 0
    # Another article starts cut again; the same one (a rebuild) stays whole.
    view.set_zoom(1.2)
    assert "Text number 599." in view.browser.toPlainText()
    view.show_article(dataclasses.replace(_article(body), slug="other"))
    assert view.long_notice.isVisibleTo(view)


def test_a_huge_title_is_shortened_on_the_page(view) -> None:
    article = _article("Body.\n")
    view.show_article(dataclasses.replace(article, title="T" * 2_000_000))
    first_line = view.browser.toPlainText().splitlines()[1]
    assert len(first_line) <= 300 and first_line.endswith("…")


def test_a_page_core_would_refuse_shows_a_first_part_without_show_all(view) -> None:
    body = "".join(f"## Heading {i}\n\nText number {i}.\n\n" for i in range(20_000))
    part = first_part(body)
    assert part.cut and not part.whole_allowed
    view.show_article(_article(body))
    text = view.browser.toPlainText()
    assert "Text number 399." in text and "not shown" not in text
    assert view.long_notice.isVisibleTo(view) and not view.show_all_button.isVisibleTo(view)
    assert "too long to show whole" in view.long_text.text()
    view.show_all()  # no button; the call does nothing worse than the first part
    assert "Text number 399." in view.browser.toPlainText()


def test_the_first_part_is_cut_again_before_what_core_refuses() -> None:
    # Under the reader's budgets, but over core's inline marks: cut before that line.
    line = "*a* _b_ `c` <d> &e; [f]\n\n"  # 9 marks, its own paragraph
    body = "Intro.\n\n" + line * 1500 + "End.\n"
    assert not first_part(body).cut  # 13,500 marks: under core's 20,000
    part = first_part(body * 3)  # 40,500 marks, under the reader's own budgets
    html = render_markdown(part.body).html
    assert part.cut and not part.whole_allowed
    assert "not shown" not in html and "Intro." in html and html.count("<p>") > 1000
