"""Back/forward history of the places a reader visits, without Qt.

A place is a small typed value (the catalog, an article at a position...); the window
turns places into pages. New kinds of pages (all notes, a review, a redraw) add a place
type here, and history needs no other change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Place:
    """Where the reader is. Subclasses say which page and what it shows."""

    def same_page(self, other: Place) -> bool:
        """True when ``other`` shows the same thing (ignoring e.g. the scroll position)."""
        return self == other


@dataclass(frozen=True)
class CatalogPlace(Place):
    pass


@dataclass(frozen=True)
class ArticlePlace(Place):
    slug: str
    position: float | None = None  # scroll fraction; None: wherever it was last read

    def same_page(self, other: Place) -> bool:
        return isinstance(other, ArticlePlace) and other.slug == self.slug

    def at(self, position: float) -> ArticlePlace:
        return replace(self, position=position)


class History:
    """Two stacks around the current place, like a browser's."""

    def __init__(self, current: Place | None = None) -> None:
        self.current: Place = current or CatalogPlace()
        self._back: list[Place] = []
        self._forward: list[Place] = []

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def visit(self, place: Place, leaving: Place | None = None) -> None:
        """Go to ``place``; ``leaving`` is the current place as it is now (e.g. with the
        position the reader scrolled to), recorded for Back. Forward is cleared."""
        self._back.append(leaving if leaving is not None else self.current)
        self._forward.clear()
        self.current = place

    def replace(self, place: Place) -> None:
        """Update the current place without recording a step (e.g. a new position)."""
        self.current = place

    def back(self, leaving: Place | None = None) -> Place | None:
        return self._step(self._back, self._forward, leaving)

    def forward(self, leaving: Place | None = None) -> Place | None:
        return self._step(self._forward, self._back, leaving)

    def _step(
        self, source: list[Place], target: list[Place], leaving: Place | None
    ) -> Place | None:
        if not source:
            return None
        target.append(leaving if leaving is not None else self.current)
        self.current = source.pop()
        return self.current
