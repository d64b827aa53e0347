"""CanvasView: the QGraphicsView of the canvas — zoom, pan, rubber band, grid.

- Zoom: Ctrl+wheel (about the pointer), Ctrl+= / Ctrl+- (about the centre), Ctrl+0 back
  to 100 %; ``set_zoom``/``zoom()``/``zoom_changed``; from 10 % to 800 %.
- Pan: hold Space and drag, or drag with the middle button; the wheel scrolls.
- Rubber band: a left drag from empty canvas with the select tool selects every item
  wholly inside the band (Ctrl adds to the selection).

The grid is the view's background (not scene items), cached and drawn only where exposed;
exports render the scene, so they carry no grid.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from . import geometry as geo
from .items import BoxItem
from .scene import DrawingScene

MIN_ZOOM, MAX_ZOOM, ZOOM_STEP = 0.1, 8.0, 1.25
HANDLE_PX = 8.0


class CanvasView(QGraphicsView):
    zoom_changed = Signal(float)

    def __init__(self, scene: DrawingScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self._scene = scene
        self._zoom = 1.0
        self._space = False
        self._pan_from: QPoint | None = None
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.ContainsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        # Items' bounding rects include their pen and handles, so Qt need not pad them.
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        scene.tool_changed.connect(self._tool_changed)
        self.centerOn(400, 300)

    # --- zoom --------------------------------------------------------------------------

    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, zoom: float, about: QPointF | None = None) -> None:
        """Zoom to ``zoom`` (1.0 = 100 %), keeping ``about`` (a scene point) where it is on
        screen; by default the centre of the view."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if math.isclose(zoom, self._zoom):
            return
        anchor_view = (
            self.mapFromScene(about) if about is not None else self.viewport().rect().center()
        )
        anchor_scene = self.mapToScene(anchor_view)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        factor = zoom / self._zoom
        self.scale(factor, factor)
        self._zoom = zoom
        moved = self.mapFromScene(anchor_scene) - anchor_view
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        # Handles stay 8 px on screen (within limits: 16 units when zoomed far out, where
        # they would otherwise swell every box's bounding rect).
        self._scene.handle_size = max(1.0, min(16.0, HANDLE_PX / zoom))
        for item in self._scene.items():
            if isinstance(item, BoxItem):
                item.prepareGeometryChange()
        self.resetCachedContent()
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit(self, rect: QRectF, margin: float = 40.0) -> None:
        """Zoom (never past 100 %) and scroll so ``rect`` fills the view."""
        if rect.isEmpty():
            return
        view = self.viewport().rect()
        zoom = min(
            (view.width() - margin) / rect.width(), (view.height() - margin) / rect.height(), 1.0
        )
        self.set_zoom(zoom)
        self.centerOn(rect.center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(
                    self._zoom * ZOOM_STEP**steps, self.mapToScene(event.position().toPoint())
                )
            event.accept()
            return
        super().wheelEvent(event)

    # --- pan -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not self._scene.editing:
            if not event.isAutoRepeat():
                self._space = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self._space and not event.isAutoRepeat():
            self._space = False
            self._tool_changed(self._scene.tool.name)
            event.accept()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        middle = event.button() == Qt.MouseButton.MiddleButton
        if middle or (self._space and event.button() == Qt.MouseButton.LeftButton):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            now = event.position().toPoint()
            delta, self._pan_from = now - self._pan_from, now
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            shape = Qt.CursorShape.OpenHandCursor if self._space else None
            if shape is None:
                self._tool_changed(self._scene.tool.name)
            else:
                self.viewport().setCursor(shape)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _tool_changed(self, name: str) -> None:
        select = name == "select"
        self.setDragMode(
            QGraphicsView.DragMode.RubberBandDrag if select else QGraphicsView.DragMode.NoDrag
        )
        cursor = Qt.CursorShape.ArrowCursor if select else Qt.CursorShape.CrossCursor
        self.viewport().setCursor(cursor)

    # --- background ------------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        rect = QRectF(rect)
        colours = self._scene.colours
        painter.fillRect(rect, colours.background)
        grid = geo.GRID if self._zoom >= 0.5 else geo.GRID * 5
        if grid * self._zoom < 6:
            return
        painter.setPen(QPen(colours.grid, 0))
        left = math.floor(rect.left() / grid) * grid
        top = math.floor(rect.top() / grid) * grid
        x = left
        while x < rect.right():
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            x += grid
        y = top
        while y < rect.bottom():
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            y += grid
