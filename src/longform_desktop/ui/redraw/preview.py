"""A drag in progress, shown without editing the drawing: items moved, a box resized, an
arrow end following the pointer. On release the tool makes the one document command;
``end`` then puts every previewed item back where the document says it is (which, after
the command, is where the drag left it; after Escape, where it started)."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TYPE_CHECKING

from longform_desktop.core.drawing import Arrow, Group

from . import geometry as geo
from .free_items import StrokeItem, TextItem
from .items import ArrowItem, BoxItem

if TYPE_CHECKING:
    from .scene import DrawingScene


class DragPreview:
    def __init__(self, scene: DrawingScene) -> None:
        self.scene = scene
        self.doc = scene.document
        self._touched: set[str] = set()

    def move(self, ids: Iterable[str], dx: float, dy: float) -> None:
        """Items (and the members of groups among them) shown moved by (dx, dy); the
        arrows on moved boxes follow, loose arrows among ``ids`` move their loose ends."""
        moving = dict.fromkeys(ids)
        for item_id in list(moving):
            model = self.doc.item(item_id)
            if isinstance(model, Group):
                moving.update(dict.fromkeys(m for m in model.members if self.doc.item(m)))
        for item_id in moving:
            model, item = self.doc.item(item_id), self.scene.canvas_item(item_id)
            if isinstance(item, (BoxItem, TextItem)):
                w, h = getattr(model, "w", 1), getattr(model, "h", 1)  # a text has no size
                x, y, _, _ = geo.norm_rect(model.x, model.y, w, h)  # type: ignore[union-attr]
                item.setPos(x + dx, y + dy)
            elif isinstance(item, StrokeItem):
                item.setPos(dx, dy)
        self._touched.update(moving)
        for item_id in moving:
            if self.scene.is_arrow(item_id):
                self.scene.refresh_arrow(item_id, (dx, dy))
        self.scene.refresh_arrows_of(i for i in moving if not self.scene.is_arrow(i))

    def resize(self, item_id: str, rect: geo.Rect) -> None:
        item = self.scene.canvas_item(item_id)
        if isinstance(item, BoxItem):
            item.set_geometry(*rect)
            self._touched.add(item_id)
            self.scene.refresh_arrows_of([item_id])

    def arrow_end(self, arrow_id: str, end: str, pos: geo.Pt) -> None:
        """The arrow drawn with its ``end`` ("from" or "to") loose at ``pos``."""
        arrow, item = self.doc.item(arrow_id), self.scene.canvas_item(arrow_id)
        if not isinstance(arrow, Arrow) or not isinstance(item, ArrowItem):
            return
        probe = copy.copy(arrow)
        path = geo.arrow_path(arrow, self.scene.live_rect)
        probe.points = [path[0], path[-1]] if path else [pos, pos]
        probe.points[0 if end == "from" else -1] = pos
        if end == "from":
            probe.source = None
        else:
            probe.target = None
        item.set_path(geo.arrow_path(probe, self.scene.live_rect))
        self._touched.add(arrow_id)

    def end(self) -> None:
        touched, self._touched = self._touched, set()
        for item_id in touched:
            model, item = self.doc.item(item_id), self.scene.canvas_item(item_id)
            if model is not None and item is not None:
                item.sync(model)  # type: ignore[attr-defined]
        for item_id in touched:
            if self.scene.is_arrow(item_id):
                self.scene.refresh_arrow(item_id)
        self.scene.refresh_arrows_of(i for i in touched if not self.scene.is_arrow(i))
