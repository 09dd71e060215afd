"""Draw the application icon in every size and format the three systems want.

Run once after changing ``packaging/linux/screening-app.svg``; the results are kept in the
repository so a build needs neither this script nor a display::

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py

Writes the freedesktop ``hicolor`` tree for Linux, ``windows/screening-app.ico`` and
``macos/screening-app.icns``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

PACKAGING = Path(__file__).resolve().parent
SOURCE = PACKAGING / "linux" / "screening-app.svg"
HICOLOR = PACKAGING / "linux" / "icons" / "hicolor"
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(renderer: QSvgRenderer, size: int, out: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        raise OSError(f"cannot write {out}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        sys.stderr.write(f"cannot read {SOURCE}\n")
        return 1
    for size in LINUX_SIZES:
        render_png(renderer, size, HICOLOR / f"{size}x{size}" / "apps" / "screening-app.png")
    scalable = HICOLOR / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable / "screening-app.svg")
    largest = Image.open(HICOLOR / "512x512" / "apps" / "screening-app.png")
    (PACKAGING / "windows").mkdir(exist_ok=True)
    largest.save(PACKAGING / "windows" / "screening-app.ico", sizes=[(s, s) for s in ICO_SIZES])
    (PACKAGING / "macos").mkdir(exist_ok=True)
    largest.save(PACKAGING / "macos" / "screening-app.icns")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
