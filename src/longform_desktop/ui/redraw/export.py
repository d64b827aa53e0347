"""The canvas as pictures: a thumbnail QImage, a PNG file, an SVG file (QSvgGenerator).

Pictures show the drawing as it looks on screen in the current theme (background
included), without the grid, selection handles or an open label editor. The JSON export
is not here: it is ``core.drawing.dump_drawing`` of the document, never of the scene.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem

from .items import CanvasItem
from .scene import DrawingScene

MARGIN = 24.0
EMPTY = QRectF(0, 0, 400, 300)  # what an empty drawing exports as: a blank page, not nothing


def drawing_rect(scene: DrawingScene) -> QRectF:
    """The part of the scene the drawing covers, with a margin."""
    rect = QRectF()
    for item in scene.items():
        if isinstance(item, CanvasItem) and item.item_id and item.isVisible():
            rect |= item.sceneBoundingRect()
    return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN) if rect.isValid() else QRectF(EMPTY)


@contextmanager
def _clean(scene: DrawingScene) -> Iterator[None]:
    """The scene as a picture shows it: no label editor, no selection, and no item caches
    (a cached item would be pasted in as a bitmap: blurry in a PNG at 2x, and an <image>
    instead of outlines and <text> in an SVG)."""
    scene.finish_editing()
    scene.exporting = True
    items = [i for i in scene.items() if isinstance(i, CanvasItem)]
    caches = [(item, item.cacheMode()) for item in items]
    for item in items:
        item.prepareGeometryChange()  # no handles: bounding rects shrink
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        scene.exporting = False
        for item, mode in caches:
            item.prepareGeometryChange()
            item.setCacheMode(mode)


def _paint(scene: DrawingScene, painter: QPainter, target: QRectF, source: QRectF) -> None:
    """``source`` (scene) fitted into ``target``, aspect kept and centred."""
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(target, scene.colours.background)
    scale = min(target.width() / source.width(), target.height() / source.height())
    w, h = source.width() * scale, source.height() * scale
    fitted = QRectF(target.center().x() - w / 2, target.center().y() - h / 2, w, h)
    scene.render(painter, fitted, source, Qt.AspectRatioMode.IgnoreAspectRatio)


def render_image(scene: DrawingScene, size: QSize, device_pixel_ratio: float = 1.0) -> QImage:
    """The whole drawing fitted (aspect kept, centred) into an image of ``size`` logical
    pixels: thumbnails for the attempts list."""
    image = QImage(
        round(size.width() * device_pixel_ratio),
        round(size.height() * device_pixel_ratio),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(device_pixel_ratio)
    image.fill(scene.colours.background)
    with _clean(scene):
        painter = QPainter(image)
        _paint(scene, painter, QRectF(0, 0, size.width(), size.height()), drawing_rect(scene))
        painter.end()
    return image


def write_png(scene: DrawingScene, path: str | Path, scale: float = 2.0) -> Path:
    """The drawing at ``scale`` pixels per scene unit (2: crisp when printed or zoomed)."""
    with _clean(scene):
        source = drawing_rect(scene)
    size = QSize(round(source.width()), round(source.height()))
    image = render_image(scene, size, device_pixel_ratio=scale)
    path = Path(path)
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]  # stubs say bytes; PySide wants str
        raise OSError(f"could not write {path}")
    return path


def write_svg(scene: DrawingScene, path: str | Path, title: str = "Drawing") -> Path:
    """The drawing as SVG: vector outlines and real text, one scene unit per SVG unit."""
    path = Path(path)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setTitle(title)
    generator.setDescription("Longform Desktop drawing")
    with _clean(scene):
        source = drawing_rect(scene)
        generator.setSize(QSize(round(source.width()), round(source.height())))
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(f"could not write {path}")
        _paint(scene, painter, QRectF(0, 0, source.width(), source.height()), source)
        painter.end()
    return path
