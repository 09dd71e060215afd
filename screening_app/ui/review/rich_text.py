"""Rich text that follows the interface's direction.

Qt's rich-text tables do not mirror their columns for right-to-left text, so rows are
written with their cells reversed in a right-to-left interface, and the whole document is
marked ``dir="rtl"`` so paragraphs start at the right. Every text passed in is escaped here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from screening_app.i18n.languages import language
from screening_app.i18n.ui_text import ui_language


def is_rtl() -> bool:
    return language(ui_language()).is_rtl


def start_side() -> str:
    """Where lines start: ``right`` in a right-to-left interface."""
    return "right" if is_rtl() else "left"


def row(cells: Sequence[str]) -> str:
    """One table row from ready-made ``<td>``/``<th>`` cells, in reading order."""
    ordered = reversed(cells) if is_rtl() else iter(cells)
    return "<tr>" + "".join(ordered) + "</tr>"


def th(text: str, width: str = "") -> str:
    size = f" width='{width}'" if width else ""
    return f"<th align='{start_side()}'{size}>{escape(text)}</th>"


def td(markup: str) -> str:
    """A cell holding ``markup`` (already escaped by the caller)."""
    return f"<td>{markup}</td>"


def pairs_table(pairs: Iterable[tuple[str, str]], label_width: str = "28%") -> str:
    """Name / value rows; pairs with an empty value are left out."""
    cells = [[th(name, label_width), td(escape(value))] for name, value in pairs if value]
    rows = "".join(row(pair) for pair in cells)
    return f"<table cellpadding='4' cellspacing='0' width='100%'>{rows}</table>"


def document(body: str) -> str:
    direction = "rtl" if is_rtl() else "ltr"
    return f"<div dir='{direction}'>{body}</div>"
