"""Bundled fonts: loaded once at start, then chosen per language by its script.

Every script has its family named in ``translations/languages.yaml``; the base family stays
in the list as a fallback so digits and Latin names inside a translated text still render.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLoggingCategory
from PySide6.QtGui import QFont, QFontDatabase

from screening_app.core.errors import UsageError
from screening_app.i18n.languages import language, languages
from screening_app.locations import resources_dir

log = logging.getLogger(__name__)

BASE_FAMILY = "Noto Sans"
BASE_POINT_SIZE = 11.0


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def load_bundled_fonts(directory: Path | None = None) -> list[str]:
    """Register every ``.ttf`` under the fonts folder; returns the families found."""
    # Qt notes (at info level) each time a family earlier in a fallback list lacks shaping
    # tables for a script (Bengali text in a Latin font, say) before it moves on to the next
    # family,
    # which renders the text correctly. Language pickers mix scripts on purpose, so the
    # note would repeat on every repaint; it reports no fault.
    QLoggingCategory.setFilterRules("qt.text.font.db.info=false")
    families: set[str] = set()
    for path in sorted((directory or fonts_dir()).rglob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font file could not be loaded: %s", path.name)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(families)


def family_for(code: str) -> str:
    """The font family that renders language ``code`` (the base family if unknown)."""
    try:
        return language(code).font_family
    except UsageError:
        return BASE_FAMILY


def fallback_families() -> list[str]:
    """Every family the language list names, base family first, each once."""
    found = [BASE_FAMILY]
    for lang in languages():
        if lang.font_family not in found:
            found.append(lang.font_family)
    return found


def font_for(code: str, point_size: float = BASE_POINT_SIZE, bold: bool = False) -> QFont:
    """A font for text in language ``code``; the other bundled families follow, so a name or
    a language name in another script inside the text still renders."""
    font = QFont()
    family = family_for(code)
    font.setFamilies([family, *(f for f in fallback_families() if f != family)])
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def ui_font(code: str, scale_percent: int) -> QFont:
    """The application font for interface language ``code`` at the chosen text size."""
    return font_for(code, BASE_POINT_SIZE * scale_percent / 100)
