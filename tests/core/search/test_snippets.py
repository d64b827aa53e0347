"""Snippet windows: the words marked, overlapping CJK bigrams as one mark, text escaped."""

from __future__ import annotations

from longform_desktop.core.search.snippets import fragments_html, snippet_plain


def test_marks_each_match_and_escapes_the_text() -> None:
    text = "a <b> tag & a deadlock cycle"
    out = fragments_html(text, [("deadlock", 14, 22)])
    assert out == 'a &lt;b&gt; tag &amp; a <b class="match">deadlock</b> cycle'
    assert snippet_plain(out) == "a <b> tag & a [deadlock] cycle"


def test_overlapping_bigrams_are_one_mark() -> None:
    text = "我们为数据库索引设计"
    out = fragments_html(text, [("数据", 3, 5), ("据库", 4, 6)])
    assert '<b class="match">数据库</b>' in out


def test_two_far_windows_are_joined_by_an_ellipsis() -> None:
    filler = "word " * 80
    text = f"alpha {filler}omega"
    end = len(text)
    out = snippet_plain(fragments_html(text, [("alpha", 0, 5), ("omega", end - 5, end)]))
    assert out.startswith("[alpha]") and out.endswith("[omega]") and "…" in out
    assert len(out) < 400


def test_the_window_with_the_most_distinct_words_wins() -> None:
    text = "key " + "x " * 200 + "idempotency key here"
    start = text.index("idempotency")
    spans = [("key", 0, 3), ("idempotency", start, start + 11), ("key", start + 12, start + 15)]
    out = snippet_plain(fragments_html(text, spans, top=1))
    assert "[idempotency] [key]" in out and not out.startswith("[key]")
