"""The fpdf2 side of drawing text: bundled fonts, measuring with shaping, drawing one line.

Every line is drawn with HarfBuzz shaping on (Arabic joining, Bengali conjuncts, Ethiopic
marks) and fpdf2's bidirectional reordering, with the base direction of the text's own
language. Characters a family lacks (digits in Ethiopic, Latin in Bengali) fall back to the
other loaded bundled families, Noto Sans first.
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fontTools import ttLib  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

from screening_app.reports.fonts import BASE_FAMILY, FontTable
from screening_app.reports.layout import Align, Line, Style
from screening_app.reports.scripts import RTL_SCRIPTS, Direction, text_scripts

MM_PER_PT = 25.4 / 72

# Line height as a multiple of the font size. Arabic and Bengali need room for marks above
# and below the letters; tighter spacing makes them touch the next line.
_LEADING = {
    "Noto Sans": 1.45,
    "Noto Sans Arabic": 1.75,
    "Noto Sans Bengali": 1.75,
    "Noto Sans Ethiopic": 1.55,
}
_DEFAULT_LEADING = 1.6

# Word widths are the same in every report that loads the same families, so they are kept
# between reports; the bound only stops an unusual batch from growing it without end.
_WIDTH_CACHE_LIMIT = 200_000
_widths: dict[tuple[object, ...], float] = {}


class Typesetter:
    """Loads the bundled families a report needs into one FPDF, then measures and draws."""

    def __init__(self, pdf: FPDF, table: FontTable, families: Iterable[str]) -> None:
        self.pdf = pdf
        names = [BASE_FAMILY, *sorted(set(families) - {BASE_FAMILY})]
        for name in names:
            family = table.family(name)
            add_bundled_font(pdf, name, "", family.regular)
            add_bundled_font(pdf, name, "B", family.bold)
        # Noto Sans first: it is the one family with every Latin digit and punctuation mark.
        pdf.set_fallback_fonts(names, exact_match=False)
        self._loaded = tuple(names)
        self._font: tuple[str, bool, float] | None = None
        self._shaping: tuple[bool, Direction | None] | None = None

    def undrawable(self, texts: Iterable[str]) -> set[str]:
        """Characters of ``texts`` that no loaded font has: they would show as boxes."""
        covered: set[int] = set()
        for font in self.pdf.fonts.values():
            covered.update(getattr(font, "cmap", {}))
        return {
            char
            for text in texts
            for char in text
            if ord(char) not in covered
            and not char.isspace()
            and unicodedata.category(char) != "Cf"
        }

    def line_height(self, family: str, style: Style) -> float:
        return style.size * MM_PER_PT * _LEADING.get(family, _DEFAULT_LEADING)

    def width(
        self, text: str, family: str, style: Style, direction: Direction | None, shaped: bool
    ) -> float:
        key = (self._loaded, family, style.bold, style.size, direction, shaped, text)
        found = _widths.get(key)
        if found is None:
            self._select(family, style, direction, shaped)
            found = float(self.pdf.get_string_width(text))
            if len(_widths) >= _WIDTH_CACHE_LIMIT:
                _widths.clear()
            _widths[key] = found
        return found

    def draw(self, line: Line, x: float, y: float, width: float, align: Align) -> None:
        """Draw ``line`` in the box (x, y, width); the indent applies on the reading side."""
        if not line.text:
            return
        self._select(line.family, line.style, line.direction, line.shaped)
        self.pdf.set_text_color(*line.style.color)
        left = x if align == "R" else x + line.indent
        self.pdf.set_xy(left, y)
        replacement = _needs_actual_text(line)
        if replacement:
            # Shaped Bengali puts vowel signs before their consonant and has glyphs with no
            # character of their own, so text extraction and copying scramble the words. The
            # line's logical text, given as ActualText, is what readers extract instead.
            hex_text = line.text.encode("utf-16-be").hex().upper()
            self.pdf._out(f"/Span <</ActualText <FEFF{hex_text}>>> BDC")
        self.pdf.cell(width - line.indent, line.height, line.text, align=align)
        if replacement:
            self.pdf._out("EMC")

    def _select(self, family: str, style: Style, direction: Direction | None, shaped: bool) -> None:
        font = (family, style.bold, style.size)
        if font != self._font:
            self.pdf.set_font(family, "B" if style.bold else "", style.size)
            self._font = font
        shaping = (shaped, direction)
        if shaping != self._shaping:
            if shaped:
                # None lets fpdf2 take the direction from the first strong letter of a line.
                self.pdf.set_text_shaping(use_shaping_engine=True, direction=direction)
            else:
                self.pdf.set_text_shaping(use_shaping_engine=False)
            self._shaping = shaping


def _needs_actual_text(line: Line) -> bool:
    """Shaped left-to-right lines only: poppler reverses an ActualText on a right-to-left
    line a second time, while the glyphs of Arabic lines already extract in logical order."""
    return line.shaped and line.direction != "rtl" and not (text_scripts(line.text) & RTL_SCRIPTS)


# Parsed fonts, kept between reports. Parsing a font (character map, widths, glyph names) is
# a good part of a report's time; what a document changes in a font object is only its
# number in the document, its subset and its fontTools copy, which are made fresh below.
_parsed: dict[tuple[str, str], TTFFont] = {}
_PER_DOCUMENT = ("i", "subset", "missing_glyphs", "biggest_size_pt", "ttfont", "desc")


def add_bundled_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
    """``pdf.add_font`` for a bundled file, reusing the parse of an earlier report.

    Falls back to a plain ``add_font`` if the installed fpdf2 keeps its fonts differently.
    """
    key = (str(path), style)
    parsed = _parsed.get(key)
    fontkey = f"{family.lower()}{style}"
    if parsed is None or not _reusable(parsed):
        pdf.add_font(family, style, path)
        snapshot: Any = copy.copy(pdf.fonts[fontkey])
        snapshot.desc = copy.copy(snapshot.desc)
        _parsed[key] = snapshot
        return
    font: Any = copy.copy(parsed)
    font.i = len(pdf.fonts) + 1
    font.fontkey = fontkey
    font.ttfont = ttLib.TTFont(path, recalcTimestamp=False, lazy=True)
    font.subset = SubsetMap(font)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.desc = copy.copy(parsed.desc)
    pdf.fonts[fontkey] = font


def _reusable(font: TTFFont) -> bool:
    return (
        isinstance(font, TTFFont)
        and all(hasattr(font, name) for name in _PER_DOCUMENT)
        and getattr(font, "color_font", None) is None
    )
