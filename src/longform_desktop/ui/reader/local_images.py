"""Images named in an article, as the reader's page loads them.

QTextBrowser's own ``loadResource`` opens whatever a URL names (``/etc/passwd``,
``file:///etc/hostname``, ``/dev/zero`` until memory runs out) and QTextDocument reads a
local file itself when the browser answers nothing. Here every name goes through
``core.resources``: an image loads only from a regular file inside the article's folder
(the bundled content, or the user's own folder), under 20 MB and 40 megapixels, and a
page loads at most ``MAX_IMAGES`` of them and ``MAX_PAGE_BYTES`` in all. Anything else
gets a small placeholder that says why, never an empty answer (which would let Qt read
the file after all), and is logged once. Nothing is ever fetched from the network.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QImageReader, QPainter

from longform_desktop.core.resources import (
    IMAGE_MAX_BYTES,
    Refusal,
    read_resource,
    resolve_local_resource,
)

log = logging.getLogger(__name__)

MAX_PIXELS = 40_000_000  # a 7,000 x 5,700 photo; a decompression bomb claims far more
MAX_SIDE = 16_384
MAX_IMAGES = 200  # per page
MAX_PAGE_BYTES = 96 * 1024 * 1024  # read per page, all images together
_LOGGED_MAX = 2000  # refusals remembered so each is logged once


def url_text(name: QUrl) -> str:
    """The URL as written, percent-encoded (core.resources decodes it exactly once)."""
    return bytes(name.toEncoded().data()).decode("ascii", "replace")


class LocalImages:
    """The images of the page on screen: ``set_page(article_path, root)`` for each page,
    then ``load(url)`` for each image the document asks for."""

    def __init__(self) -> None:
        self.article_path: Path | None = None
        self.root: Path | None = None
        self.refused: dict[str, Refusal] = {}  # this page's refused names
        self.loaded: dict[str, QImage] = {}  # this page's images, by name as written
        self._bytes = 0
        self._logged: set[tuple[str, str]] = set()

    def set_page(self, article_path: Path | None, root: Path | None) -> None:
        self.article_path, self.root = article_path, root
        self.refused.clear()
        self.loaded.clear()
        self._bytes = 0

    def load(self, name: QUrl) -> QImage:
        """The image ``name`` names, or a placeholder saying why it is not shown."""
        url = url_text(name)
        if url in self.loaded:
            return self.loaded[url]
        result = self._load(url)
        if isinstance(result, Refusal):
            self._refuse(url, result)
            return placeholder(name.fileName() or url, result)
        self.loaded[url] = result
        return result

    def _load(self, url: str) -> QImage | Refusal:
        if self.article_path is None or self.root is None:
            return Refusal("invalid", "this page has no folder to load images from")
        if len(self.loaded) >= MAX_IMAGES:
            return Refusal("too-large", f"more than {MAX_IMAGES} images on one page")
        path = resolve_local_resource(self.article_path, self.root, url)
        if isinstance(path, Refusal):
            return path
        budget = min(IMAGE_MAX_BYTES, MAX_PAGE_BYTES - self._bytes)
        if budget <= 0:
            return Refusal("too-large", "the page's images are over 96 MB together")
        data = read_resource(path, self.root, max_bytes=budget)
        if isinstance(data, Refusal):
            return data
        self._bytes += len(data)
        return decode(data)

    def _refuse(self, url: str, refusal: Refusal) -> None:
        self.refused[url] = refusal
        key = (str(self.article_path), url)
        if key in self._logged:
            return
        if len(self._logged) < _LOGGED_MAX:
            self._logged.add(key)
        shown = url if len(url) <= 200 else url[:200] + "…"
        log.info("image not shown in %s: %r: %s", self.article_path, shown, refusal.reason)


def decode(data: bytes) -> QImage | Refusal:
    """``data`` as an image, unless it is not one or claims more than ``MAX_PIXELS``
    (checked from the header, before anything is decoded)."""
    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    size = reader.size()
    if size.isValid() and (
        size.width() * size.height() > MAX_PIXELS or max(size.width(), size.height()) > MAX_SIDE
    ):
        return Refusal("too-large", f"{size.width()} x {size.height()} pixels is too large")
    image = reader.read()
    if image.isNull():
        return Refusal("invalid", f"not an image Qt can read ({reader.errorString()})")
    return image


def placeholder(name: str, refusal: Refusal) -> QImage:
    """A small framed note, "image not shown: pic.png (why)", where the image would be."""
    font = QFont()
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    metrics = QFontMetricsF(font)
    shown = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, 240)
    why = {
        "remote": "web images are not downloaded",
        "data": "inline images are not shown",
        "outside": "outside the article's folder",
        "absolute": "only images beside the article load",
        "scheme": "only images beside the article load",
        "missing": "file not found",
        "not-regular": "not a regular file",
        "too-large": "too large",
    }.get(refusal.kind, "cannot be shown")
    text = f"Image not shown: {shown} ({why})"
    width = int(metrics.horizontalAdvance(text)) + 16
    height = int(metrics.height()) + 10
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(128, 128, 128))
    painter.drawRoundedRect(QRectF(0.5, 0.5, width - 1, height - 1), 4, 4)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    image.setText("refused", refusal.kind)
    return image
