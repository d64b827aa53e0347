"""The words beside the compare view's pictures: the score with its parts (ScoreHeader)
and what was recalled, missed, reversed and added, each missed box and arrow with a link
to the section of the article that explains it (CompareDetails)."""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from longform_desktop.ui.theme import current_theme

from .compare_marks import HALF_CREDIT, number, parts_of, rating_name
from .score_chart import score_colour, short_date
from .style import Colours

if TYPE_CHECKING:
    from longform_desktop.core.diagram import Diagram
    from longform_desktop.core.drawing import Drawing

FORMULA = (
    "score = 40 × boxes recalled / boxes + 60 × arrow credit / arrows − 3 per extra "
    "box or arrow (at most 15). A reversed or headless arrow earns half."
)


def _mark_colour(mark: str) -> str:
    return Colours.of(current_theme()).marks[mark].name()


def due_words(due: datetime | None, now: datetime) -> str:
    if due is None:
        return ""
    days = (due.astimezone().date() - now.astimezone().date()).days
    if due <= now:
        return "Next review: now"
    if days == 0:
        return f"Next review: today, {due.astimezone().strftime('%H:%M')}"
    if days == 1:
        return "Next review: tomorrow"
    return f"Next review: in {days} days ({short_date(due)})"


class ScoreHeader(QFrame):
    """71 · Good, then Boxes 3/4 · Arrows 2.5/3 · Penalty −3 (the parts of the formula)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreHeader")
        self.score_label = QLabel("–")
        self.score_label.setObjectName("scoreValue")
        self.score_label.setAccessibleName("Score")
        self.rating_label = QLabel("")
        self.rating_label.setObjectName("scoreRating")
        self.review_label = QLabel("")
        self.review_label.setObjectName("muted")
        self.parts_label = QLabel("")
        self.parts_label.setTextFormat(Qt.TextFormat.RichText)
        self.parts_label.setToolTip(FORMULA)
        self.parts_label.setAccessibleName("Score parts")
        self.parts_label.setWordWrap(True)
        words = QVBoxLayout()
        words.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(self.rating_label)
        top.addWidget(self.review_label)
        top.addStretch(1)
        words.addLayout(top)
        words.addWidget(self.parts_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.score_label)
        layout.addLayout(words, 1)

    def show_parts(self, parts: dict[str, Any], preview: bool = False) -> None:
        p = parts_of(parts)
        colour = score_colour(p.score).name()
        self.score_label.setText(str(p.score))
        self.score_label.setStyleSheet(f"color: {colour}; font-size: 30pt; font-weight: 700;")
        rating = "If saved now" if preview else rating_name(p.score)
        self.rating_label.setText(rating)
        self.rating_label.setStyleSheet(f"color: {colour}; font-size: 13pt; font-weight: 650;")
        penalty = f"−{p.penalty}" if p.penalty else "0"
        extras = f" ({p.extras} extra)" if p.extras else ""
        self.parts_label.setText(
            f"Boxes <b>{p.boxes_matched}/{p.boxes_total}</b> ({round(p.box_part * 100)}%)"
            f" &nbsp;·&nbsp; Arrows <b>{number(p.arrow_credit)}/{p.arrows_total}</b>"
            f" ({round(p.arrow_part * 100)}%) &nbsp;·&nbsp; Penalty <b>{penalty}</b>{extras}"
        )

    def set_next_review(self, due: datetime | None, now: datetime) -> None:
        self.review_label.setText(due_words(due, now))


def _row(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setOpenExternalLinks(False)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("detailsHeading")
    label.setStyleSheet("font-weight: 650; margin-top: 8px;")
    return label


class CompareDetails(QWidget):
    """Recalled, missed (with "reread" links), reversed, extra and loose arrows."""

    link_activated = Signal(str)  # a node id or "from->to": the section explaining it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(4)
        self.rows: dict[str, QLabel] = {}  # missed node id / edge key -> its row
        self._missed: dict[str, str] = {}  # key -> what the row says before the link

    def _clear(self) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # at once: the deletion waits for the event loop
                widget.deleteLater()
        self.rows.clear()
        self._missed.clear()

    def legend(self) -> QLabel:
        chips = [
            ("matched", "recalled"),
            ("missed", "missed"),
            ("reversed", "half credit"),
            ("extra", "extra"),
        ]
        text = " &nbsp; ".join(
            f'<span style="color:{_mark_colour(m)}; font-size:14pt;">●</span> {w}' for m, w in chips
        )
        return _row(text)

    def show_result(
        self,
        parts: dict[str, Any],
        diagram: Diagram,
        drawing: Drawing | None,
        looking: bool = True,
    ) -> None:
        """``looking``: the sections are being found (a scored attempt), not a preview."""
        self._clear()
        labels = {n.id: n.label for n in diagram.nodes}
        texts = {s.id: s.text for s in drawing.shapes()} if drawing is not None else {}
        boxes, arrows = parts.get("boxes", {}), parts.get("arrows", {})
        self.layout_.addWidget(self.legend())
        missed = boxes.get("missed", [])
        missed_arrows = arrows.get("missed", [])
        if missed or missed_arrows:
            self.layout_.addWidget(_heading("Missed — reread these" if looking else "Not ticked"))
        for m in missed:
            self._add_missed(m["node"], f"<b>{html.escape(m['label'])}</b>", looking)
        for m in missed_arrows:
            words = f"{html.escape(labels.get(m['from'], m['from']))} → "
            words += html.escape(labels.get(m["to"], m["to"]))
            self._add_missed(f"{m['from']}->{m['to']}", f"Arrow {words}", looking)
        half = [m for m in arrows.get("matched", []) if m.get("direction") in HALF_CREDIT]
        if half:
            self.layout_.addWidget(_heading("Half credit"))
        for m in half:
            how = "points the other way" if m["direction"] == "reversed" else "has no head"
            pair = f"{html.escape(labels[m['from']])} → {html.escape(labels[m['to']])}"
            self.layout_.addWidget(_row(f"Your arrow {pair} {how}."))
        extras = boxes.get("extra", []) + arrows.get("extra", [])
        if extras:
            self.layout_.addWidget(_heading("Not in the reference (−3 each, at most −15)"))
        for m in boxes.get("extra", []):
            self.layout_.addWidget(_row(f"Box “{html.escape(m['text'])}”"))
        for m in arrows.get("extra", []):
            a, b = texts.get(m["from"], "?"), texts.get(m["to"], "?")
            self.layout_.addWidget(_row(f"Arrow {html.escape(a)} → {html.escape(b)}"))
        loose = arrows.get("unattached", [])
        if loose:
            n = len(loose)
            self.layout_.addWidget(_heading("Loose ends"))
            self.layout_.addWidget(
                _row(
                    f"{n} arrow{'s' if n > 1 else ''} with an end on no labelled box: "
                    "an arrow counts when both ends touch boxes."
                )
            )
        matched = boxes.get("matched", [])
        if matched:
            self.layout_.addWidget(_heading(f"Recalled ({len(matched)} of {boxes['total']})"))
        for m in matched:
            text = m.get("text")
            same = text is None or text.strip().lower() == m["label"].strip().lower()
            said = "" if same else f" — you wrote “{html.escape(text or '')}”"
            self.layout_.addWidget(_row(f"✓ {html.escape(m['label'])}{said}"))
        self.layout_.addStretch(1)

    def _add_missed(self, key: str, words: str, looking: bool) -> None:
        colour = _mark_colour("missed")
        self._missed[key] = f'<span style="color:{colour};">✕</span> {words}'
        tail = "<br/><i>finding where the article explains it…</i>" if looking else ""
        row = _row(self._missed[key] + tail)
        row.setObjectName(f"missed:{key}")
        row.linkActivated.connect(lambda _href, k=key: self.link_activated.emit(k))
        self.rows[key] = row
        self.layout_.addWidget(row)

    def set_sections(self, sections: dict[str, tuple[str, str]]) -> None:
        """Turn each missed row's "finding…" into a link to its section."""
        accent = QColor(current_theme().accent).name()
        for key, row in self.rows.items():
            found = sections.get(key)
            if found is None:
                tail = "<br/><i>not found in the text (the search index may still be building)</i>"
            else:
                heading = html.escape(found[1])
                link = f'<a href="section:{key}" style="color:{accent};">{heading}</a>'
                tail = f"<br/>Reread: {link} ›"
            row.setText(self._missed[key] + tail)
