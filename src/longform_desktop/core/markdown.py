"""Markdown -> HTML for the reader (a QTextBrowser), plus the table of contents and the
plain text of each section for the search index.

QTextBrowser understands a subset of HTML 4 and CSS 2, so the output is shaped for it:
code blocks and admonitions become one-cell tables (the only boxes Qt paints with a
background and padding), headings carry ``<a name>`` anchors that ``scrollToAnchor``
finds, and diagram blocks become ``<img src="diagram:ID">`` resources the view supplies.
No Qt here: this module is shared with the CLI and the indexer.
"""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as ET
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import markdown as md_lib
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from . import yamlio
from .content_limits import BodyTooComplex, check_body
from .diagram import Diagram, DiagramError

if TYPE_CHECKING:
    from .catalog import Article

LIGHT_CODE_STYLE = "friendly"
DARK_CODE_STYLE = "monokai"

ADMONITION_COLORS = {
    # type: (light background, dark background, accent)
    "note": ("#eef4fb", "#1d2a38", "#3b7dd8"),
    "tip": ("#eef8f0", "#1b2e22", "#2f9e57"),
    "warning": ("#fdf6e7", "#3a3020", "#c98a12"),
    "danger": ("#fbeeee", "#3a2022", "#cc4444"),
}


@dataclass(frozen=True)
class TocEntry:
    level: int
    id: str
    title: str


@dataclass(frozen=True)
class SectionText:
    """One heading-level chunk of an article, as plain text for the search index."""

    id: str  # heading anchor id; "" for the text before the first heading
    heading: str
    text: str  # the prose and code a reader reads (snippets come from here)
    figures: str = ""  # the words of the section's diagrams: searchable, never a snippet


@dataclass(frozen=True)
class RenderedArticle:
    html: str
    toc: tuple[TocEntry, ...]
    sections: tuple[SectionText, ...]


class _QtShapeTreeprocessor(Treeprocessor):
    def __init__(self, md: md_lib.Markdown, dark: bool) -> None:
        super().__init__(md)
        self.dark = dark

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "div" and "admonition" in child.get("class", "").split():
                    parent[index] = self._admonition_table(child)
        for element in root.iter():
            heading_id = element.get("id")
            if element.tag in {"h2", "h3", "h4"} and heading_id:
                anchor = ET.Element("a", {"name": heading_id})
                anchor.tail = element.text
                element.text = None
                element.insert(0, anchor)
            elif element.tag == "table" and not element.get("class"):
                element.set("class", "data")
                element.set("cellspacing", "0")
                element.set("cellpadding", "6")
                # 99%: Qt lays a bordered 100% table out one pixel wider than the text
                # column, which brings up a horizontal scroll bar for nothing.
                element.set("width", "99%")

    def _admonition_table(self, div: ET.Element) -> ET.Element:
        kinds = [c for c in div.get("class", "").split() if c != "admonition"]
        kind = kinds[0] if kinds and kinds[0] in ADMONITION_COLORS else "note"
        light, dark, accent = ADMONITION_COLORS[kind]
        table = ET.Element(
            "table",
            {
                "class": f"admonition {kind}",
                "width": "100%",
                "cellspacing": "0",
                "cellpadding": "12",
                "bgcolor": dark if self.dark else light,
            },
        )
        row = ET.SubElement(table, "tr")
        bar = ET.SubElement(row, "td", {"width": "4", "bgcolor": accent})
        bar.text = " "
        cell = ET.SubElement(row, "td")
        for child in list(div):
            if child.tag == "p" and "admonition-title" in child.get("class", ""):
                child.set("class", "admonition-title")
                child.set("style", f"color: {accent}; font-weight: 600;")
            cell.append(child)
        return table


class _QtShapeExtension(Extension):
    def __init__(self, dark: bool) -> None:
        super().__init__()
        self.dark = dark

    def extendMarkdown(self, md: md_lib.Markdown) -> None:
        md.treeprocessors.register(_QtShapeTreeprocessor(md, self.dark), "qt_shape", 1)


_HIGHLIGHT_BLOCK = re.compile(
    r'<div class="highlight"(?: style="background: (?P<bg>[^"]+)")?><pre[^>]*>'
    r"(?:<span></span>)?(?P<code>.*?)</pre></div>",
    re.DOTALL,
)
_HEADING = re.compile(
    r"<h(?P<level>[2-4]) id=\"(?P<id>[^\"]+)\">(?P<inner>.*?)</h(?P=level)>", re.DOTALL
)
_TAG = re.compile(r"<[^>]+>")
_DIAGRAM_IMG = re.compile(r'<img[^>]*src="diagram:(?P<id>[^"]+)"[^>]*>')


def _code_table(match: re.Match[str]) -> str:
    bg = match.group("bg") or "#f6f6f6"
    code = match.group("code").replace("<code>", "").replace("</code>", "")
    return (
        f'<table class="code" width="100%" cellspacing="0" cellpadding="12" bgcolor="{bg}">'
        f"<tr><td><pre>{code}</pre></td></tr></table>"
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def diagram_text(diagram: Diagram) -> str:
    """Words of a diagram a reader might search for: title, labels, aliases, arrow labels."""
    words = [diagram.title]
    for node in diagram.nodes:
        words.extend(node.names())
    words.extend(e.label for e in diagram.edges if e.label)
    words.extend(g.label for g in diagram.groups)
    return " ".join(words)


def render_article(article: Article, *, dark: bool = False) -> RenderedArticle:
    """The one way to render a deep dive: its body with its own diagrams.

    The last few renders are kept, keyed by content hash: opening an article renders it
    for the reader, and again on a worker for its "related deep dives" and note anchors.
    """
    key = (article.slug, article.content_hash, dark)
    with _RENDER_LOCK:
        cached = _RENDERED.get(key)
        if cached is not None:
            _RENDERED.move_to_end(key)
            return cached
    rendered = render_markdown(article.body, {d.id: d for d in article.diagrams}, dark=dark)
    with _RENDER_LOCK:
        _RENDERED[key] = rendered
        while len(_RENDERED) > _RENDERS_KEPT:
            _RENDERED.popitem(last=False)
    return rendered


_RENDERS_KEPT = 6
_RENDERED: OrderedDict[tuple[str, str, bool], RenderedArticle] = OrderedDict()
_RENDER_LOCK = threading.Lock()  # the GUI thread and workers render concurrently


def render_markdown(
    body: str,
    diagrams: Mapping[str, Diagram] | None = None,
    *,
    dark: bool = False,
    diagram_errors: Mapping[int, DiagramError] | None = None,
) -> RenderedArticle:
    """Render an article body. ``diagrams`` maps diagram id -> parsed diagram; blocks whose
    id is not there (they failed validation) render as a visible notice instead."""
    diagrams = dict(diagrams or {})
    try:
        check_body(body)
    except BodyTooComplex as exc:
        return _not_shown(f"line {exc.line} of the text: {exc.message}")
    try:
        return _render(body, diagrams, dark)
    except (RecursionError, MemoryError, ValueError, TypeError, KeyError, IndexError) as exc:
        # The limits keep Markdown within its depth; this is the last guard, so one
        # file never takes the reader, the indexer or `longform check` down with it.
        return _not_shown(f"it could not be rendered ({type(exc).__name__})")


def _not_shown(reason: str) -> RenderedArticle:
    """What a body over the budget renders as: a notice, no text to index."""
    notice = (
        '<table class="admonition danger" width="100%" cellpadding="12" bgcolor="#fbeeee">'
        f"<tr><td><b>This page is not shown:</b> {html.escape(reason)}.</td></tr></table>"
    )
    return RenderedArticle(notice, (), ())


def _render(body: str, diagrams: dict[str, Diagram], dark: bool) -> RenderedArticle:
    def diagram_fence(
        source: str,
        language: str,
        css_class: str,
        options: dict,
        md: md_lib.Markdown,
        **kwargs: object,
    ) -> str:
        try:
            loaded = yamlio.load(source)
        except yamlio.YamlError:  # yamlio wraps PyYAML's errors in its own type
            loaded = None
        diagram_id = loaded.get("id") if isinstance(loaded, dict) else None
        if diagram_id in diagrams:
            title = html.escape(diagrams[diagram_id].title)
            return (
                f'<p class="diagram" align="center"><img src="diagram:{diagram_id}" '
                f'alt="{title}" /></p><p class="caption" align="center">{title}</p>'
            )
        return (
            '<table class="admonition danger" width="100%" cellpadding="12" '
            'bgcolor="#fbeeee"><tr><td><b>This diagram could not be drawn.</b> '
            "Run <code>longform check</code> to see the file, line and field to fix."
            "</td></tr></table>"
        )

    converter = md_lib.Markdown(
        extensions=[
            "tables",
            "toc",
            "admonition",
            "sane_lists",
            "pymdownx.superfences",
            "pymdownx.highlight",
            "pymdownx.inlinehilite",
            _QtShapeExtension(dark),
        ],
        extension_configs={
            "toc": {"toc_depth": "2-4"},
            "pymdownx.highlight": {
                "use_pygments": True,
                "noclasses": True,
                "guess_lang": False,
                "pygments_style": DARK_CODE_STYLE if dark else LIGHT_CODE_STYLE,
            },
            "pymdownx.superfences": {
                "custom_fences": [{"name": "diagram", "class": "diagram", "format": diagram_fence}],
            },
        },
        output_format="html",
    )
    body_html = _HIGHLIGHT_BLOCK.sub(_code_table, converter.convert(body))
    toc = tuple(_flatten_toc(getattr(converter, "toc_tokens", [])))  # set by the toc extension
    return RenderedArticle(body_html, toc, tuple(_split_sections(body_html, diagrams)))


def _flatten_toc(tokens: list[dict]) -> list[TocEntry]:
    out: list[TocEntry] = []
    for token in tokens:
        out.append(TocEntry(int(token["level"]), token["id"], html.unescape(token["name"])))
        out.extend(_flatten_toc(token.get("children", [])))
    return out


def _split_sections(body_html: str, diagrams: Mapping[str, Diagram]) -> list[SectionText]:
    def section(section_id: str, heading: str, fragment: str) -> SectionText:
        figures = " ".join(
            diagram_text(diagrams[m.group("id")])
            for m in _DIAGRAM_IMG.finditer(fragment)
            if m.group("id") in diagrams
        )
        return SectionText(section_id, heading, html_to_text(fragment), figures)

    sections: list[SectionText] = []
    last_end, current_id, current_heading = 0, "", ""
    for match in _HEADING.finditer(body_html):
        chunk = section(current_id, current_heading, body_html[last_end : match.start()])
        if chunk.text or chunk.figures or current_id:
            sections.append(chunk)
        current_id, current_heading = match.group("id"), html_to_text(match.group("inner"))
        last_end = match.end()
    chunk = section(current_id, current_heading, body_html[last_end:])
    if chunk.text or chunk.figures or current_id:
        sections.append(chunk)
    return sections
