"""Render the app icon's hicolor PNGs from its SVG sources (run after editing either SVG).

    python scripts/make_icons.py            # writes resources/icons/hicolor/NxN/apps/*.png
    python scripts/make_icons.py --out DIR  # writes DIR/NxN/apps/*.png instead (tests)

Sizes up to 24 px come from resources/icons/longform-desktop-small.svg, drawn on a 24 px
grid without the details that blur at that size; larger sizes from the scalable icon.
Rendered with QtSvg on Qt's offscreen platform, so it runs without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from longform_desktop.resources import ICON_NAME, ICON_SIZES  # noqa: E402

ICONS = REPO / "resources" / "icons"
LARGE = ICONS / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"
SMALL = ICONS / f"{ICON_NAME}-small.svg"
SMALL_UP_TO = 24


def source_for(size: int) -> Path:
    return SMALL if size <= SMALL_UP_TO else LARGE


def render_icons(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    written = []
    for size in ICON_SIZES:
        renderer = QSvgRenderer(str(source_for(size)))
        if not renderer.isValid():
            raise SystemExit(f"make_icons: cannot read {source_for(size)}")
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = out_dir / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        # Straight (not premultiplied) ARGB is what PNG stores; converting first keeps
        # Qt from guessing.
        if not image.convertToFormat(QImage.Format.Format_ARGB32).save(str(target), "PNG"):
            raise SystemExit(f"make_icons: cannot write {target}")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ICONS / "hicolor", help="hicolor folder")
    args = parser.parse_args(argv)
    for path in render_icons(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
