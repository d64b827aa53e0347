"""The drawing being edited: a ``core.drawing.Drawing`` plus the undo stack that changes it.

Every edit is an undo command pushed on :attr:`DrawingDocument.undo_stack` (see
``commands.py``); nothing else mutates the drawing. The scene follows the signals:

- ``item_added(id)``, ``item_removed(id)``, ``item_changed(id)``: one item, after the fact;
- ``reset()``: the whole drawing was replaced (``set_drawing``, an import, its undo);
- ``changed()``: after every edit, undo or redo (not after ``set_drawing``, which loads).

The document never knows about the scene. What is saved and scored is
``document.drawing`` (or the copy ``snapshot()``), written by ``core.drawing.dump_drawing``;
unknown item types and fields ride along untouched.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from longform_desktop.core.drawing import (
    Arrow,
    Drawing,
    Group,
    Item,
    Point,
    Shape,
    Stroke,
    Text,
    UnknownItem,
    attach_point,
)

from . import geometry as geo
from . import transfer
from .commands import AddItems, Changes, RemoveItems, ReplaceDrawing, SetFields


class DrawingDocument(QObject):
    item_added = Signal(str)
    item_removed = Signal(str)
    item_changed = Signal(str)
    reset = Signal()
    changed = Signal()

    def __init__(self, drawing: Drawing | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._drawing = drawing if drawing is not None else Drawing()
        self._by_id: dict[str, Item] = {}
        self._reindex()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._stack_moved)

    def _stack_moved(self, _index: int) -> None:
        self.changed.emit()

    # --- reading -------------------------------------------------------------------

    @property
    def drawing(self) -> Drawing:
        """The live drawing: read it, never change it (edits go through the methods)."""
        return self._drawing

    def snapshot(self) -> Drawing:
        """A copy of the drawing that later edits do not touch (for a save or a score)."""
        return transfer.copy_drawing(self._drawing)

    def ids(self) -> list[str]:
        return list(self._by_id)

    def item(self, item_id: str) -> Item | None:
        return self._by_id.get(item_id)

    def shape_rect(self, shape_id: str) -> geo.Rect | None:
        item = self._by_id.get(shape_id)
        return geo.shape_rect(item) if isinstance(item, Shape) else None

    def arrows_touching(self, shape_ids: Iterable[str]) -> list[Arrow]:
        ids = set(shape_ids)
        return [a for a in self._drawing.arrows() if a.source in ids or a.target in ids]

    # --- loading ---------------------------------------------------------------------

    def set_drawing(self, drawing: Drawing) -> None:
        """Start over with ``drawing`` (loading a saved attempt): the undo history is cleared."""
        self.undo_stack.clear()
        self._drawing = drawing
        self._reindex()
        self.reset.emit()

    def replace(self, drawing: Drawing, text: str = "Import") -> None:
        """Replace the drawing as an edit the user can undo (importing a file)."""
        self.undo_stack.push(ReplaceDrawing(self, drawing, text))

    # --- edits: each pushes one undoable step ------------------------------------------

    def add(self, items: list[Item], text: str = "Add") -> list[str]:
        """Add items; an item without an id gets a fresh one. Returns the ids."""
        used = set(self._by_id)
        for item in items:
            if isinstance(item, UnknownItem):
                continue
            if not item.id or item.id in used:
                item.id = _fresh(transfer.PREFIX[type(item)], used)
            used.add(item.id)
        self.undo_stack.push(AddItems(self, items, text))
        return [item.id or "" for item in items]

    def add_shape(self, kind: str, rect: geo.Rect, text: str = "") -> str:
        x, y, w, h = (geo.tidy(v) for v in geo.norm_rect(*rect))
        return self.add([Shape("", kind, text, x, y, w, h)], "Add shape")[0]

    def add_arrow(
        self,
        source: str | None,
        target: str | None,
        start: Point,
        end: Point,
        heads: str = "end",
        style: str = "solid",
    ) -> str:
        """An arrow from ``source`` to ``target`` (shape ids, or None for a loose end at
        ``start``/``end``); a loose end gets points, as the contract asks."""
        arrow = Arrow("", source, target, heads=heads, style=style)
        if source is None or target is None:
            arrow.points = [start, end]
            arrow.points = self._end_points(arrow, self.shape_rect)
        return self.add([arrow], "Add arrow")[0]

    def remove(self, ids: Iterable[str]) -> None:
        """Delete items. An arrow attached to a deleted shape keeps its place with a loose
        end (the user's arrow is not lost with the box); a deleted shape leaves its groups."""
        items = [self._by_id[i] for i in dict.fromkeys(ids) if i in self._by_id]
        if not items:
            return
        gone = {item.id for item in items if item.id is not None}
        changes: Changes = {}
        for arrow in self.arrows_touching(gone):
            if arrow.id in gone:
                continue
            path = geo.arrow_path(arrow, self.shape_rect)
            fields: dict = {"points": [_pt(p) for p in path] if path else arrow.points}
            if arrow.source in gone:
                fields["source"] = None
            if arrow.target in gone:
                fields["target"] = None
            changes[arrow.id] = fields
        for group in self._groups():
            if group.id not in gone and gone & set(group.members):
                changes[group.id] = {"members": [m for m in group.members if m not in gone]}
        self.undo_stack.beginMacro("Delete")
        if changes:
            self.undo_stack.push(SetFields(self, changes, "Detach"))
        self.undo_stack.push(RemoveItems(self, items))
        self.undo_stack.endMacro()

    def set_fields(self, changes: Changes, text: str = "Edit") -> None:
        """Set fields of items as one step (the general edit: heads, style, shape kind...)."""
        changes = {i: f for i, f in changes.items() if i in self._by_id and self._differs(i, f)}
        if changes:
            self.undo_stack.push(SetFields(self, changes, text))

    def set_text(self, item_id: str, text: str) -> None:
        self.set_fields({item_id: {"text": text}}, "Label")

    def move(self, ids: Iterable[str], dx: float, dy: float) -> None:
        """Move items by (dx, dy). A group takes its members along; attached arrows follow
        their shapes; a moved shape joins the groups its centre lands in and leaves the
        others; a loose arrow moves only when it is itself among ``ids``."""
        if dx == 0 and dy == 0:
            return
        moving = dict.fromkeys(i for i in ids if i in self._by_id)
        for item_id in list(moving):
            item = self._by_id[item_id]
            if isinstance(item, Group):
                moving.update(dict.fromkeys(m for m in item.members if m in self._by_id))
        changes: Changes = {}
        for item_id in moving:
            item = self._by_id[item_id]
            if isinstance(item, (Shape, Text, Group)):
                changes[item_id] = {"x": geo.tidy(item.x + dx), "y": geo.tidy(item.y + dy)}
            elif isinstance(item, Stroke) or (isinstance(item, Arrow) and item.points):
                shifted = [(geo.tidy(p[0] + dx), geo.tidy(p[1] + dy)) for p in item.points or []]
                changes[item_id] = {"points": shifted}
        moved_groups = {i for i in moving if isinstance(self._by_id[i], Group)}
        carried = {m for g in moved_groups for m in self._by_id[g].members}  # type: ignore[union-attr]
        self._follow(changes, moving, loose_shapes=[i for i in moving if i not in carried])
        for group_id in moved_groups:
            self._regroup(changes, group_id, keep_members=True)
        self.set_fields(changes, "Move")

    def resize(self, item_id: str, rect: geo.Rect) -> None:
        """New rectangle for a shape or a group (a resized group takes in the shapes whose
        centres it now covers and lets go of the others)."""
        item = self._by_id.get(item_id)
        if not isinstance(item, (Shape, Group)):
            return
        x, y, w, h = (geo.tidy(v) for v in geo.norm_rect(*rect))
        changes: Changes = {item_id: {"x": x, "y": y, "w": w, "h": h}}
        if isinstance(item, Shape):
            self._follow(changes, {item_id: None}, loose_shapes=[item_id])
        else:
            self._regroup(changes, item_id, keep_members=False)
        self.set_fields(changes, "Resize")

    def set_arrow_end(self, arrow_id: str, end: str, shape_id: str | None, point: Point) -> None:
        """Attach the arrow's ``end`` ("from" or "to") to a shape, or leave it loose at
        ``point``. An arrow with both ends on shapes needs no points (a straight arrow)."""
        arrow = self._by_id.get(arrow_id)
        if not isinstance(arrow, Arrow):
            return
        probe = copy.copy(arrow)
        path = geo.arrow_path(arrow, self.shape_rect)
        probe.points = [path[0], path[-1]] if path else [point, point]
        index = 0 if end == "from" else -1
        probe.points[index] = point
        if end == "from":
            probe.source = shape_id
        else:
            probe.target = shape_id
        attached = probe.source is not None and probe.target is not None
        points = None if attached else self._end_points(probe, self.shape_rect)
        fields = {"source": probe.source, "target": probe.target, "points": points}
        self.set_fields({arrow_id: fields}, "Reconnect arrow")

    def attach_target(self, point: Point, exclude: str | None = None) -> str | None:
        """The shape a loose end at ``point`` would attach to (the contract's rule)."""
        shapes = [s for s in self._drawing.shapes() if s.id != exclude]
        found = attach_point(shapes, point)
        return found.id if found else None

    def group(self, ids: Iterable[str], text: str = "") -> str | None:
        """A new group around the given shapes (drawn like the reader's: room for a label)."""
        members = [i for i in ids if isinstance(self._by_id.get(i), Shape)]
        if not members:
            return None
        rects = [geo.shape_rect(self._by_id[i]) for i in members]  # type: ignore[arg-type]
        x, y, w, h = (geo.tidy(v) for v in geo.group_frame(geo.united(rects)))
        return self.add([Group("", text, members, x=x, y=y, w=w, h=h)], "Group")[0]

    def set_members(self, group_id: str, members: list[str]) -> None:
        self.set_fields({group_id: {"members": list(members)}}, "Group members")

    # --- copy and paste ---------------------------------------------------------------

    def copy_json(self, ids: Iterable[str]) -> str:
        """The items as a ``longform-drawing`` file (see ``transfer.copy_items``)."""
        return transfer.copy_items(self._drawing, self._by_id, ids, self.shape_rect)

    def paste_json(self, text: str, offset: Point = (20, 20)) -> list[str]:
        """Add the items of a ``longform-drawing`` file, shifted by ``offset``, under fresh
        ids, as one step. Raises ``DrawingFormatError`` (one line) for anything else."""
        return self.add(transfer.pasted_items(text, set(self._by_id), offset), "Paste")

    # --- private mutators: only the commands call these -----------------------------------

    def _insert(self, index: int, item: Item) -> None:
        self._drawing.items.insert(index, item)
        if item.id is not None:
            self._by_id[item.id] = item
        self.item_added.emit(item.id or "")

    def _take(self, item: Item) -> None:
        self._drawing.items.remove(item)
        if item.id is not None:
            self._by_id.pop(item.id, None)
        self.item_removed.emit(item.id or "")

    def _set_fields(self, item_id: str, fields: dict) -> None:
        item = self._by_id[item_id]
        for name, value in fields.items():
            setattr(item, name, value)
        self.item_changed.emit(item_id)

    def _swap(self, drawing: Drawing) -> Drawing:
        old, self._drawing = self._drawing, drawing
        self._reindex()
        self.reset.emit()
        return old

    # --- helpers -------------------------------------------------------------------

    def _reindex(self) -> None:
        self._by_id = {i.id: i for i in self._drawing.items if i.id is not None}

    def _groups(self) -> list[Group]:
        return [i for i in self._drawing.items if isinstance(i, Group)]

    def _differs(self, item_id: str, fields: dict) -> bool:
        item = self._by_id[item_id]
        return any(getattr(item, k) != v for k, v in fields.items())

    def _rect_after(self, changes: Changes) -> geo.RectOf:
        """Shape rectangles as they will be once ``changes`` are applied."""

        def rect_of(shape_id: str) -> geo.Rect | None:
            shape = self._by_id.get(shape_id)
            if not isinstance(shape, Shape):
                return None
            f = changes.get(shape_id, {})
            return geo.norm_rect(*(f.get(k, getattr(shape, k)) for k in ("x", "y", "w", "h")))

        return rect_of

    def _end_points(self, arrow: Arrow, rect_of: geo.RectOf) -> list[Point] | None:
        """The arrow's points with its attached ends moved to where they are now drawn."""
        if not arrow.points:
            return arrow.points
        path = geo.arrow_path(arrow, rect_of)
        points = [_pt(p) for p in arrow.points]
        if path and arrow.source is not None:
            points[0] = _pt(path[0])
        if path and arrow.target is not None and len(points) >= 2:
            points[-1] = _pt(path[-1])
        return points

    def _follow(self, changes: Changes, moved: dict, loose_shapes: list[str]) -> None:
        """After moving/resizing shapes: refresh the attached end points of the arrows that
        carry points, and re-decide the group membership of ``loose_shapes``."""
        rect_of = self._rect_after(changes)
        for arrow in self._drawing.arrows():
            touched = arrow.source in moved or arrow.target in moved or arrow.id in changes
            if touched and arrow.points:
                probe = copy.copy(arrow)
                probe.points = changes.get(arrow.id, {}).get("points", arrow.points)
                changes.setdefault(arrow.id, {})["points"] = self._end_points(probe, rect_of)
        for group in self._groups():
            if group.id in changes:
                continue
            members = list(group.members)
            for shape_id in loose_shapes:
                rect = rect_of(shape_id)
                if rect is None:
                    continue
                inside = geo.contains(geo.group_rect(group), geo.centre(rect))
                if inside and shape_id not in members:
                    members.append(shape_id)
                elif not inside and shape_id in members:
                    members.remove(shape_id)
            if members != group.members:
                changes[group.id] = {"members": members}

    def _regroup(self, changes: Changes, group_id: str, keep_members: bool) -> None:
        """A moved group (``keep_members``) takes in the shapes it now covers; a resized one
        also lets go of member shapes it no longer covers. Members that are not shapes stay."""
        group = self._by_id[group_id]
        assert isinstance(group, Group)
        f = changes[group_id]
        box = geo.norm_rect(*(f.get(k, getattr(group, k)) for k in ("x", "y", "w", "h")))
        rect_of = self._rect_after(changes)
        inside = []
        for shape in self._drawing.shapes():
            rect = rect_of(shape.id)
            if rect is not None and geo.contains(box, geo.centre(rect)):
                inside.append(shape.id)
        kept = [
            m
            for m in group.members
            if keep_members or m in inside or not isinstance(self._by_id.get(m), Shape)
        ]
        members = kept + [i for i in inside if i not in kept]
        if members != group.members:
            f["members"] = members


_fresh = transfer.fresh_id
_pt = transfer.tidy_point
