"""A note's Markdown loses its images and raw HTML before Qt renders it; code stays."""

from __future__ import annotations

from longform_desktop.core.inert_markdown import inert_markdown


def test_images_become_links_and_html_is_text() -> None:
    body = "See ![x](/dev/zero) and ![y][ref] <img src='/etc/passwd'> <style>p{}</style>"
    out = inert_markdown(body)
    assert "![" not in out.replace("\\![", "")
    assert "<" not in out


def test_code_is_left_as_typed() -> None:
    body = "Use `Vec<T>` here\n```rust\nlet v: Vec<u8> = vec![1];\n```\nthen ![a](b.png)\n"
    out = inert_markdown(body)
    assert "`Vec<T>`" in out and "let v: Vec<u8> = vec![1];" in out
    assert out.endswith("then \\![a](b.png)\n")


def test_plain_text_is_unchanged() -> None:
    body = "Autovacuum runs when dead tuples > 20% — **twice** a day.\n\n- one\n- two"
    assert inert_markdown(body) == body  # '>' alone is harmless
