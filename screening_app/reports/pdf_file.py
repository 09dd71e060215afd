"""From a finished FPDF to bytes, and from bytes to a file on disk."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from fpdf import FPDF

from screening_app.core.errors import ScreeningError


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


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, sync it, then rename it over
    ``target``: a reader sees the old file or the whole new one, never a part. The file is
    readable by its owner only (mkstemp's mode), as the report is confidential."""
    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(dir=directory, prefix=".report-", suffix=".tmp")
    except OSError as exc:
        raise ScreeningError(f"Cannot write the report into {directory}: {exc.strerror}") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ScreeningError(f"Cannot write the report to {target}: {exc.strerror}") from exc
