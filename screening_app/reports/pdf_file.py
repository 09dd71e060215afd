"""From a finished FPDF to bytes (files are written by ``core.files.write_atomically``)."""

from __future__ import annotations

import logging

from fpdf import FPDF


class _NoCaseTextInFontWarnings(logging.Filter):
    """fpdf2 lists, in its warning about glyphs no font has, the characters themselves: a
    piece of a name or an answer. The warning keeps the font and drops the characters."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Font %s is missing the following glyphs"):
            font = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
            record.msg = "Font %s has no glyph for some characters of a report (not shown)"
            record.args = (font,)
        return True


logging.getLogger("fpdf.output").addFilter(_NoCaseTextInFontWarnings())


def pdf_bytes(pdf: FPDF) -> bytes:
    """The PDF bytes, after sparing fontTools work that changes nothing in the result.

    HarfBuzz shapes from its own copy of each font file, so the fontTools objects fpdf2
    subsets no longer need GSUB, GPOS or GDEF; fpdf2 drops them from the subset anyway, and
    removing them first spares decompiling them. Bounding boxes of the kept glyphs are
    already right in the font files; recomputing them would decompile every glyph.
    """
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.recalcBBoxes = False
            for tag in ("GSUB", "GPOS", "GDEF"):
                if tag in ttfont:
                    del ttfont[tag]
    return bytes(pdf.output())


def close_fonts(pdf: FPDF) -> None:
    """Close the font files fontTools keeps open for lazy reading."""
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.close()
