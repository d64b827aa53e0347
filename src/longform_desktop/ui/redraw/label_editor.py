"""Typing a label in place: a text item laid over the box, arrow, group or text it edits.

Enter keeps the text, Shift+Enter starts a new line, Escape throws it away, clicking
elsewhere keeps it. Undo and redo are not taken by the editor: they reach the canvas,
which first keeps what was typed, so Ctrl+Z right after typing takes the label back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QFocusEvent, QFont, QKeyEvent, QKeySequence, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem

from longform_desktop.core.drawing import Text
from longform_desktop.ui.diagram_painter import shape_text_rect

from . import geometry as geo
from .free_items import TextItem
from .items import ArrowItem, GroupItem, ShapeItem

if TYPE_CHECKING:
    from .scene import DrawingScene

Done = Callable[[str | None], None]  # the text kept, or None when the edit was cancelled

_NOT_MINE = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class LabelEditor(QGraphicsTextItem):
    def __init__(
        self,
        text: str,
        area: QRectF,
        font: QFont,
        colour: QColor,
        done: Done,
        centred: bool = True,
    ) -> None:
        super().__init__()
        self._area = area
        self._done: Done | None = done
        self._centred = centred
        self.setZValue(100)
        self.setFont(font)
        self.setDefaultTextColor(colour)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        if centred:
            option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            self.document().setDefaultTextOption(option)
            self.setTextWidth(max(area.width(), 40))
        self.setPlainText(text)
        self.document().contentsChanged.connect(self._place)
        self._place()

    def start(self) -> None:
        """Take the keyboard and select what is there, so typing replaces it."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.select(cursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def finish(self, keep: bool = True) -> None:
        """End the edit (once): hand the text, or None, to whoever started it."""
        done, self._done = self._done, None
        if done is None:
            return
        text = self.toPlainText().strip() if keep else None
        scene = self.scene()
        if scene is not None:
            scene.removeItem(self)
        done(text)

    @property
    def active(self) -> bool:
        return self._done is not None

    def _place(self) -> None:
        """Centre the text on its area (a box's label sits in the middle of the box)."""
        margin = self.document().documentMargin()
        if self._centred:
            height = self.document().size().height()
            x = self._area.center().x() - self.textWidth() / 2
            self.setPos(x, self._area.center().y() - height / 2)
        else:
            self.setPos(self._area.left() - margin, self._area.top() - margin)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.textCursor().insertText("\n")
            else:
                self.finish(True)
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.finish(False)
            event.accept()
            return
        super().keyPressEvent(event)

    def sceneEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if any(event.matches(k) for k in _NOT_MINE):
                event.ignore()
                return False
            event.accept()  # every other key is typing, never a canvas shortcut
            return True
        return super().sceneEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # a context menu keeps editing
            self.finish(True)


class LabelEditing:
    """The scene's one label editor at a time, and what its text becomes: the item's new
    label (one undo step), a new text item, or — for a text emptied — a deleted text."""

    def __init__(self, scene: DrawingScene) -> None:
        self.scene = scene
        self.editor: LabelEditor | None = None

    def edit(self, item_id: str) -> None:
        scene = self.scene
        item, model = scene.canvas_item(item_id), scene.document.item(item_id)
        if item is None or model is None:
            return
        self.finish()
        font, centred = scene.label_font, True
        if isinstance(item, ShapeItem):
            area = shape_text_rect(item.rect, item.shape_kind).translated(item.pos())
        elif isinstance(item, GroupItem):
            area, font, centred = item.label_rect().translated(item.pos()), scene.small_font, False
        elif isinstance(item, ArrowItem):
            cx, cy = geo.label_anchor([(p.x(), p.y()) for p in item.points] or [(0.0, 0.0)])
            area, font = QRectF(cx - 75, cy - 10, 150, 20), scene.small_font
        elif isinstance(item, TextItem):
            area, centred = item.boundingRect().adjusted(4, 4, -4, -4).translated(item.pos()), False
        else:
            return
        item.editing = True
        item.update()
        text = getattr(model, "text", "")
        self._open(text, area, font, centred, lambda value: self._done(item_id, value))

    def edit_new_text(self, x: float, y: float) -> None:
        self.finish()

        def done(text: str | None) -> None:
            if text:
                item = Text("", text, geo.tidy(x), geo.tidy(y))
                self.scene.document.add([item], "Add text")

        self._open("", QRectF(x, y, 200, 20), self.scene.label_font, False, done)

    def finish(self, keep: bool = True) -> None:
        if self.editor is not None:
            self.editor.finish(keep)

    def _open(self, text: str, area: QRectF, font: QFont, centred: bool, done: Done) -> None:
        def finished(value: str | None) -> None:
            self.editor = None
            done(value)

        colour = self.scene.colours.text
        self.editor = LabelEditor(text, area, font, colour, finished, centred)
        self.scene.addItem(self.editor)
        self.editor.start()

    def _done(self, item_id: str, text: str | None) -> None:
        doc = self.scene.document
        item, model = self.scene.canvas_item(item_id), doc.item(item_id)
        if item is not None:
            item.editing = False
            item.update()
        if text is None or model is None:
            return
        if isinstance(model, Text) and not text:
            doc.remove([item_id])  # a text emptied is a text deleted
        else:
            doc.set_text(item_id, text)
