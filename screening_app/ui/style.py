"""The application's look: one style sheet, scaled by the text-size setting."""

from __future__ import annotations

from string import Template

from PySide6.QtWidgets import QApplication

from screening_app.locations import resources_dir
from screening_app.ui.fonts import BASE_POINT_SIZE, ui_font


def style_sheet(scale_percent: int) -> str:
    """The style sheet with every size worked out for the chosen text size."""
    template = Template((resources_dir() / "qss" / "app.qss").read_text(encoding="utf-8"))
    factor = scale_percent / 100

    def points(size: float) -> str:
        return f"{size * factor:.1f}"

    return template.substitute(
        base=points(BASE_POINT_SIZE),
        large=points(BASE_POINT_SIZE * 1.25),
        question=points(BASE_POINT_SIZE * 1.45),
        show=points(BASE_POINT_SIZE * 2.3),
        title=points(BASE_POINT_SIZE * 1.6),
        clock=points(BASE_POINT_SIZE * 3.5),
        answer_height=str(round(44 * factor)),
        field_height=str(round(26 * factor)),
        icons=(resources_dir() / "icons").as_posix(),
    )


def apply_style(app: QApplication, ui_language: str, scale_percent: int) -> None:
    app.setFont(ui_font(ui_language, scale_percent))
    app.setStyleSheet(style_sheet(scale_percent))
