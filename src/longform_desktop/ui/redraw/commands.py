"""The undo commands behind every edit of a :class:`~.document.DrawingDocument`.

Four commands cover every edit: adding items, removing items, setting fields of items
(move, resize, relabel, arrow heads/style/ends, group members: each is "these fields
of these items get these values") and replacing the whole drawing (import). A user
action made of several (delete = detach arrows + drop group members + remove) is a
macro on the stack, so it undoes in one step. Commands call the document's private
mutators, which emit the signals the scene mirrors; they never touch the scene.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from longform_desktop.core.drawing import Drawing, Item

if TYPE_CHECKING:
    from .document import DrawingDocument

Changes = dict[str, dict[str, Any]]  # item id -> {field: new value}


class AddItems(QUndoCommand):
    def __init__(self, doc: DrawingDocument, items: list[Item], text: str = "Add") -> None:
        super().__init__(text)
        self._doc = doc
        self._items = list(items)

    def redo(self) -> None:
        for item in self._items:
            self._doc._insert(len(self._doc.drawing.items), item)

    def undo(self) -> None:
        for item in reversed(self._items):
            self._doc._take(item)


class RemoveItems(QUndoCommand):
    """Removes items and puts them back at the same places in the file on undo, so an
    undone delete writes the same JSON as before it."""

    def __init__(self, doc: DrawingDocument, items: list[Item], text: str = "Delete") -> None:
        super().__init__(text)
        self._doc = doc
        self._items = list(items)
        self._placed: list[tuple[int, Item]] = []

    def redo(self) -> None:
        order = {id(item): i for i, item in enumerate(self._doc.drawing.items)}
        self._placed = sorted(((order[id(item)], item) for item in self._items), key=_first)
        for _, item in reversed(self._placed):
            self._doc._take(item)

    def undo(self) -> None:
        for index, item in self._placed:
            self._doc._insert(index, item)


def _first(pair: tuple[int, Item]) -> int:
    return pair[0]


class SetFields(QUndoCommand):
    """Sets fields of items (dataclass attributes: x, y, w, h, text, points, members...);
    the old values are read when the command is made."""

    def __init__(self, doc: DrawingDocument, changes: Changes, text: str = "Edit") -> None:
        super().__init__(text)
        self._doc = doc
        self._new = {i: {k: copy.deepcopy(v) for k, v in f.items()} for i, f in changes.items()}
        self._old: Changes = {}
        for item_id, fields in changes.items():
            item = doc.item(item_id)
            if item is None:
                raise KeyError(item_id)
            self._old[item_id] = {k: copy.deepcopy(getattr(item, k)) for k in fields}

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)

    def _apply(self, values: Changes) -> None:
        for item_id, fields in values.items():
            # Copies again, so editing an item later never changes what undo restores.
            self._doc._set_fields(item_id, {k: copy.deepcopy(v) for k, v in fields.items()})


class ReplaceDrawing(QUndoCommand):
    """The whole drawing swapped for another (importing a file): undo brings the old back."""

    def __init__(self, doc: DrawingDocument, drawing: Drawing, text: str = "Import") -> None:
        super().__init__(text)
        self._doc = doc
        self._other = drawing

    def redo(self) -> None:
        self._other = self._doc._swap(self._other)

    def undo(self) -> None:
        self._other = self._doc._swap(self._other)
