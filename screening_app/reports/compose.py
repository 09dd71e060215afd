"""Turning content blocks into rows of wrapped boxes inside one or two column frames.

A frame is a column of the page in one language. In a right-to-left frame labels stand on
the right of their values and every line is right-aligned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from screening_app.reports.content import (
    Answer,
    Block,
    Field,
    Heading,
    Note,
    Piece,
    SubHeading,
    Title,
)
from screening_app.reports.fonts import FontTable
from screening_app.reports.layout import Align, Box, Line, Rgb, Row, Style
from screening_app.reports.scripts import (
    Direction,
    language_direction,
    language_script,
    needs_shaping,
    text_script,
    text_scripts,
)
from screening_app.reports.typeset import Typesetter
from screening_app.reports.wrap import wrap_text

INK: Rgb = (25, 25, 25)
MUTED: Rgb = (90, 90, 90)
ACCENT: Rgb = (20, 60, 120)
ALARM: Rgb = (170, 20, 20)

TITLE = Style(16, bold=True, color=INK)
HEADING = Style(11.5, bold=True, color=ACCENT)
SUBHEADING = Style(10, bold=True, color=INK)
LABEL = Style(8.5, bold=True, color=MUTED)
VALUE = Style(9.5, color=INK)
VALUE_ALARM = Style(9.5, bold=True, color=ALARM)
QUESTION = Style(9.5, bold=True, color=INK)
META = Style(7.5, color=MUTED)
NOTE = Style(8, color=MUTED)

LABEL_SHARE = 0.34
LABEL_GAP = 3.0
BULLET = "•"


@dataclass(frozen=True)
class Frame:
    """One column of the page: its language, left edge and width in mm."""

    language: str
    x: float
    width: float

    @property
    def rtl(self) -> bool:
        return language_direction(self.language) == "rtl"


class Composer:
    """Wraps pieces into lines with the right font, direction and height."""

    def __init__(self, typesetter: Typesetter, table: FontTable) -> None:
        self.typesetter = typesetter
        self.table = table

    def rows(self, frames: Sequence[Frame], columns: Sequence[Sequence[Block]]) -> list[Row]:
        """One row per block index: the same block of every column, side by side."""
        return [self._row(frames, blocks) for blocks in zip(*columns, strict=True)]

    def _row(self, frames: Sequence[Frame], blocks: Sequence[Block]) -> Row:
        boxes: list[Box] = []
        for frame, block in zip(frames, blocks, strict=True):
            boxes.extend(self._boxes(frame, block))
        boxes = _same_first_line(boxes)
        first = blocks[0]
        if isinstance(first, Title):
            return Row(tuple(boxes), space_after=3.0)
        if isinstance(first, Heading):
            return Row(tuple(boxes), space_before=4.0, space_after=1.5, keep_with_next=True)
        if isinstance(first, SubHeading):
            return Row(tuple(boxes), space_before=2.0, space_after=0.5, keep_with_next=True)
        if isinstance(first, Answer):
            return Row(tuple(boxes), space_after=2.0)
        if isinstance(first, Note):
            return Row(tuple(boxes), space_before=1.0, space_after=1.0)
        return Row(tuple(boxes), space_after=1.2)

    def _boxes(self, frame: Frame, block: Block) -> list[Box]:
        if isinstance(block, Title):
            return [self._box(frame, frame.x, frame.width, [(block.text, TITLE)])]
        if isinstance(block, Heading):
            box = self._box(frame, frame.x, frame.width, [(block.text, HEADING)])
            return [Box(box.x, box.width, box.align, box.lines, rule_below=True)]
        if isinstance(block, SubHeading):
            return [self._box(frame, frame.x, frame.width, [(block.text, SUBHEADING)])]
        if isinstance(block, Field):
            return self._field(frame, block)
        if isinstance(block, Answer):
            parts = [(block.question, QUESTION), (block.answer, VALUE), (block.meta, META)]
            return [self._box(frame, frame.x, frame.width, parts)]
        return [self._box(frame, frame.x, frame.width, [(text, NOTE) for text in block.texts])]

    def _field(self, frame: Frame, block: Field) -> list[Box]:
        label_width = frame.width * LABEL_SHARE
        value_width = frame.width - label_width - LABEL_GAP
        label_x = frame.x + frame.width - label_width if frame.rtl else frame.x
        value_x = frame.x if frame.rtl else frame.x + label_width + LABEL_GAP
        style = VALUE_ALARM if block.alarm else VALUE
        lines: list[Line] = []
        for value in block.values:
            if block.bullets:
                lines += self.bulleted(value, style, value_width, frame.language)
            else:
                lines += self.lines(value, style, value_width, frame.language)
        align: Align = "R" if frame.rtl else "L"
        # Labels are smaller than values; giving their lines the values' height puts the
        # first line of both on the same baseline.
        label = [
            replace(line, height=self.typesetter.line_height(line.family, VALUE))
            for line in self.lines(block.label, LABEL, label_width, frame.language)
        ]
        return [
            Box(label_x, label_width, align, tuple(label)),
            Box(value_x, value_width, align, tuple(lines)),
        ]

    def _box(
        self, frame: Frame, x: float, width: float, parts: Sequence[tuple[Piece, Style]]
    ) -> Box:
        lines: list[Line] = []
        for piece, style in parts:
            lines.extend(self.lines(piece, style, width, frame.language))
        return Box(x, width, "R" if frame.rtl else "L", tuple(lines))

    def lines(self, piece: Piece, style: Style, width: float, column: str) -> list[Line]:
        """``piece`` wrapped to ``width`` mm, in the font and direction its text needs."""
        family, direction = self.font_and_direction(piece, column)
        shaped = direction == "rtl" or needs_shaping(piece.text)
        height = self.typesetter.line_height(family, style)

        def measure(text: str) -> float:
            return self.typesetter.width(text, family, style, direction, shaped)

        # A hair of slack: shaping a whole line can differ from the sum of its words.
        texts = wrap_text(piece.text, width - 0.5, measure)
        return [Line(text, family, style, direction, height, shaped) for text in texts]

    def bulleted(self, piece: Piece, style: Style, width: float, column: str) -> list[Line]:
        """A list item: a bullet on the reading side, later lines hanging under the text."""
        family, direction = self.font_and_direction(piece, column)
        shaped = direction == "rtl" or needs_shaping(piece.text)
        indent = self.typesetter.width(f"{BULLET} ", family, style, direction, shaped)
        lines = self.lines(piece, style, width - indent, column)
        # The bullet goes before the text in logical order; reordering puts it on the right
        # of a right-to-left line.
        head = replace(lines[0], text=f"{BULLET} {lines[0].text}")
        return [head, *(replace(line, indent=indent) for line in lines[1:])]

    def font_and_direction(self, piece: Piece, column: str) -> tuple[str, Direction | None]:
        """Font family and base direction for a piece.

        A piece in a language is set in that language's font and direction, unless its text
        has letters but none of that language's script (an English fallback label in an
        Arabic column): then, like a name without a language, its own letters decide.
        """
        scripts = text_scripts(piece.text)
        if piece.language is not None:
            script = language_script(piece.language)
            if script in scripts or not scripts:
                return self.table.family_for_script(script).name, language_direction(piece.language)
        script = text_script(piece.text) or language_script(column)
        return self.table.family_for_script(script).name, None


def _same_first_line(boxes: list[Box]) -> list[Box]:
    """Give the first line of every box in a row the same height.

    Text is centred in its line, and scripts have different line heights (Bengali more than
    Latin): with equal first lines, a label and its value, or the two languages of a row,
    start on the same line.
    """
    heights = [box.lines[0].height for box in boxes if box.lines]
    if not heights:
        return boxes
    tallest = max(heights)
    return [
        replace(box, lines=(replace(box.lines[0], height=tallest), *box.lines[1:]))
        if box.lines
        else box
        for box in boxes
    ]
