"""A note's Markdown made safe to hand to Qt's own Markdown/HTML rendering (a note card,
a highlight's tooltip), which would otherwise load whatever an image names, ``/dev/zero``
and ``/etc/passwd`` included, and pass raw HTML through.

Outside code, ``![`` loses its bang (the image becomes a plain link, shown, never
loaded) and ``<`` becomes ``&lt;`` (no raw HTML: no ``<img>``, no ``<style>``). Code
spans and fenced blocks are left as typed: Qt shows them literally anyway.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.*?)\1", re.DOTALL)


def _inert_prose(text: str) -> str:
    return text.replace("<", "&lt;").replace("![", "\\![")


def inert_markdown(body: str) -> str:
    out: list[str] = []
    fence = ""
    for line in body.splitlines(keepends=True):
        marker = _FENCE.match(line)
        if fence:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = ""
            out.append(line)
            continue
        if marker:
            fence = marker.group(1)
            out.append(line)
            continue
        pieces, at = [], 0
        for span in _CODE_SPAN.finditer(line):
            pieces.append(_inert_prose(line[at : span.start()]))
            pieces.append(span.group(0))
            at = span.end()
        pieces.append(_inert_prose(line[at:]))
        out.append("".join(pieces))
    return "".join(out)
