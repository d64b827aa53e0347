"""Just enough PDF reading to check an export: pages, image XObjects and the text.

Pure Python (zlib, re), so the tests need no PDF library. It reads what Qt's PDF engine
writes: uncompressed object headers, Flate streams, Type0 fonts with Identity-H and a
ToUnicode CMap, text shown with hex strings in ``Tj``/``TJ``. ``pdftotext`` (poppler),
when installed, is used as a second opinion by the tests, not instead.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

_OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
_STREAM = re.compile(rb"^(.*?)stream\r?\n(.*)\r?\nendstream\s*$", re.S)
_REF = rb"(\d+) 0 R"


@dataclass
class Pdf:
    objects: dict[int, bytes]  # object number -> its dictionary (and stream head)
    streams: dict[int, bytes] = field(default_factory=dict)  # object number -> decoded data

    @property
    def pages(self) -> list[int]:
        return [n for n, d in self.objects.items() if re.search(rb"/Type\s*/Page\b(?!s)", d)]

    @property
    def images(self) -> list[int]:
        """Image XObjects (an image with transparency also has its soft mask here)."""
        return [n for n, d in self.objects.items() if re.search(rb"/Subtype\s*/Image", d)]

    def image_sizes(self) -> list[tuple[int, int]]:
        out = []
        for n in self.images:
            d = self.objects[n]
            if re.search(rb"/SMask\s+\d+ 0 R", d) or b"/DeviceGray" not in d:
                w = re.search(rb"/Width\s+(\d+)", d)
                h = re.search(rb"/Height\s+(\d+)", d)
                if w and h:
                    out.append((int(w.group(1)), int(h.group(1))))
        return out

    def info_title(self) -> str:
        for d in self.objects.values():
            m = re.search(rb"/Title\s*\((.*?)\)\s*/", d, re.S)
            if m:
                raw = m.group(1).replace(rb"\(", b"(").replace(rb"\)", b")")
                raw = raw.replace(rb"\\", b"\\")
                return raw[2:].decode("utf-16-be") if raw[:2] == b"\xfe\xff" else raw.decode()
        return ""

    def page_text(self, page: int) -> str:
        """The text drawn on ``page`` (an object number from ``pages``), in drawing order."""
        page_dict = self.objects[page]
        resources = self._resolve(page_dict, rb"/Resources")
        fonts_dict = self._resolve(resources, rb"/Font")
        fonts = {
            name.decode(): self._cmap(int(num))
            for name, num in re.findall(rb"/(\w+)\s+" + _REF, fonts_dict)
        }
        contents = re.search(rb"/Contents\s+" + _REF, page_dict)
        data = self.streams.get(int(contents.group(1)), b"") if contents else b""
        out: list[str] = []
        cmap: dict[int, str] = {}
        for token in re.finditer(
            rb"/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[(.*?)\]\s*TJ|\b(ET)\b", data, re.S
        ):
            font, hex_string, array, move = token.groups()
            if font:
                cmap = fonts.get(font.decode(), {})
            elif hex_string is not None:
                out.append(_decode(hex_string, cmap))
            elif array is not None:
                out.append(
                    "".join(_decode(h, cmap) for h in re.findall(rb"<([0-9A-Fa-f]*)>", array))
                )
            elif move:
                out.append(" ")
        # Qt maps the space glyph to a tab in its ToUnicode maps: any run of white space
        # is one space.
        return re.sub(r"\s+", " ", "".join(out)).strip()

    def text(self) -> str:
        return "\n".join(self.page_text(p) for p in self.pages)

    def _resolve(self, where: bytes, key: bytes) -> bytes:
        """The dictionary at ``key`` in ``where``, following an indirect reference."""
        ref = re.search(re.escape(key) + rb"\s+" + _REF, where)
        if ref:
            return self.objects.get(int(ref.group(1)), b"")
        inline = re.search(re.escape(key) + rb"\s*<<(.*?)>>", where, re.S)
        return inline.group(1) if inline else b""

    def _cmap(self, font: int) -> dict[int, str]:
        ref = re.search(rb"/ToUnicode\s+" + _REF, self.objects.get(font, b""))
        if not ref:
            return {}
        data = self.streams.get(int(ref.group(1)), b"")
        cmap: dict[int, str] = {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                cmap[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
            # <lo> <hi> <first>  or  <lo> <hi> [<dst> <dst> ...]
            for lo, hi, first, array in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[(.*?)\])",
                block,
                re.S,
            ):
                codes = range(int(lo, 16), int(hi, 16) + 1)
                if array:
                    targets = re.findall(rb"<([0-9A-Fa-f]+)>", array)
                    for code, dst in zip(codes, targets, strict=False):
                        cmap[code] = bytes.fromhex(dst.decode()).decode("utf-16-be")
                else:
                    for i, code in enumerate(codes):
                        cmap[code] = chr(int(first, 16) + i)
        return cmap


def _decode(hex_string: bytes, cmap: dict[int, str]) -> str:
    raw = bytes.fromhex(hex_string.decode())
    codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw) - 1, 2)]
    return "".join(cmap.get(c, "") for c in codes)


def read_pdf(path: Path) -> Pdf:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-"), "not a PDF"
    pdf = Pdf({})
    for number, body in _OBJ.findall(data):
        n = int(number)
        stream = _STREAM.match(body)
        if stream:
            head, payload = stream.groups()
            pdf.objects[n] = head
            if b"/FlateDecode" in head:
                try:
                    payload = zlib.decompress(payload)
                except zlib.error:
                    payload = b""
            pdf.streams[n] = payload
        else:
            pdf.objects[n] = body
    return pdf
