"""Paper sketches: the photo of a drawing made on paper, and the checklist that scores it.

The user draws on paper, attaches a photo (PNG or JPEG) and ticks, for each box and
arrow of the reference, whether the sketch has it. The score is the contract's paper
rule (ticked node = matched, ticked edge = credit 1, no extras), previewed while ticking
(``core.redraw_score.score_checklist``, pure) and stored by RedrawService.score_paper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from longform_desktop.ui.theme import current_theme

if TYPE_CHECKING:
    from longform_desktop.core.diagram import Diagram

PHOTO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def photo_type(data: bytes) -> str | None:
    """ "image/png" or "image/jpeg" from the file's first bytes (not its name), else None."""
    return next((kind for magic, kind in PHOTO_TYPES.items() if data.startswith(magic)), None)


class PhotoView(QWidget):
    """The photo, fitted into the widget with its aspect kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.setMinimumSize(180, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Photo of the paper sketch")

    def set_photo(self, data: bytes | None) -> bool:
        self.image = QImage.fromData(data or b"")
        self.update()
        return not self.image.isNull()

    def sizeHint(self) -> QSize:
        return QSize(480, 360)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        theme = current_theme()
        painter.fillRect(self.rect(), QColor(theme.background))
        if self.image.isNull():
            painter.setPen(QColor(theme.muted))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "The photo cannot be read")
        else:
            size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x, y = (self.width() - size.width()) / 2, (self.height() - size.height()) / 2
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(x, y, size.width(), size.height()), self.image)
        painter.end()


class Checklist(QWidget):
    """One checkbox per reference box and arrow; ``changed`` carries the ticks."""

    changed = Signal()
    score_requested = Signal(list, list)  # ticked node ids, ticked (from, to) pairs

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diagram: Diagram | None = None
        self.node_boxes: dict[str, QCheckBox] = {}
        self.edge_boxes: dict[tuple[str, str], QCheckBox] = {}
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(2)
        self.save_button = QPushButton("Save score")
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip("Score the sketch by these ticks (it becomes a review)")
        self.save_button.clicked.connect(self._save)

    def set_diagram(self, diagram: Diagram, checklist: dict[str, Any] | None = None) -> None:
        """The reference's boxes and arrows, ticked as ``checklist`` says (a stored
        sketch) or all unticked (a new one)."""
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.save_button:
                widget.hide()
                widget.deleteLater()
        self.diagram = diagram
        ticked_nodes = set(checklist.get("nodes", [])) if checklist else set()
        ticked_edges = {tuple(e) for e in checklist.get("edges", [])} if checklist else set()
        intro = QLabel("Tick what your sketch has, box by box and arrow by arrow.")
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        self.layout_.addWidget(self._heading(f"Boxes ({len(diagram.nodes)})"))
        self.node_boxes = {}
        for node in diagram.nodes:
            box = QCheckBox(node.label)
            box.setChecked(node.id in ticked_nodes)
            box.toggled.connect(self.changed)
            self.node_boxes[node.id] = box
            self.layout_.addWidget(box)
        self.layout_.addWidget(self._heading(f"Arrows ({len(diagram.edges)})"))
        labels = {n.id: n.label for n in diagram.nodes}
        self.edge_boxes = {}
        for edge in diagram.edges:
            box = QCheckBox(f"{labels[edge.source]} → {labels[edge.target]}")
            box.setChecked((edge.source, edge.target) in ticked_edges)
            box.toggled.connect(self.changed)
            self.edge_boxes[(edge.source, edge.target)] = box
            self.layout_.addWidget(box)
        self.layout_.addSpacing(8)
        self.layout_.addWidget(self.save_button)
        self.save_button.show()
        self.set_locked(checklist is not None)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-weight: 650; margin-top: 8px;")
        return label

    def set_locked(self, locked: bool) -> None:
        """A scored sketch keeps its ticks (its score is already a review)."""
        for box in (*self.node_boxes.values(), *self.edge_boxes.values()):
            box.setEnabled(not locked)
        self.save_button.setVisible(not locked)

    def ticked(self) -> tuple[list[str], list[tuple[str, str]]]:
        nodes = [n for n, box in self.node_boxes.items() if box.isChecked()]
        edges = [e for e, box in self.edge_boxes.items() if box.isChecked()]
        return nodes, edges

    def preview(self) -> dict[str, Any]:
        """The score these ticks would give (the contract's JSON shape)."""
        from longform_desktop.core.redraw_score import score_checklist

        assert self.diagram is not None
        nodes, edges = self.ticked()
        return score_checklist(self.diagram, nodes, edges).to_json()

    def _save(self) -> None:
        nodes, edges = self.ticked()
        self.score_requested.emit(nodes, edges)
