from __future__ import annotations

import math

from longform_desktop.core.diagram import parse_diagram
from longform_desktop.ui.diagram_painter import natural_size, render_image

from ..core.test_diagram import GOOD


def test_diagram_image_is_sized_to_width_and_crisp(qtbot) -> None:
    diagram = parse_diagram(GOOD)
    image = render_image(diagram, 600, device_pixel_ratio=2.0)
    assert image.devicePixelRatio() == 2.0
    nat_w, nat_h = natural_size(diagram)
    assert nat_w > 600  # so 600 px is a real squeeze: the image is exactly as wide as asked
    assert image.width() == 1200
    assert image.height() == math.ceil(nat_h * 600 / nat_w * 2.0)
    # Something was drawn: not every pixel is transparent.
    assert any(
        image.pixelColor(x, y).alpha() > 0
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    )


def test_small_diagrams_are_not_blown_up(qtbot) -> None:
    """A page far wider than the diagram draws it at most 1.35 times its natural size."""
    diagram = parse_diagram(GOOD)
    nat_w, _ = natural_size(diagram)
    image = render_image(diagram, 5000, device_pixel_ratio=1.0)
    assert image.width() == math.floor(nat_w * 1.35)
