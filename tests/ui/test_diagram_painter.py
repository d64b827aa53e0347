from __future__ import annotations

from longform_desktop.core.diagram import parse_diagram
from longform_desktop.ui.diagram_painter import render_image

from ..core.test_diagram import GOOD


def test_diagram_image_is_sized_to_width_and_crisp(qtbot) -> None:
    diagram = parse_diagram(GOOD)
    image = render_image(diagram, 600, device_pixel_ratio=2.0)
    assert image.devicePixelRatio() == 2.0
    assert image.width() == 1200 or image.width() < 1200  # small diagrams are not blown up
    assert image.height() > 0
    # Something was drawn: not every pixel is transparent.
    assert any(
        image.pixelColor(x, y).alpha() > 0
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    )
