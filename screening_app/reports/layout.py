"""Boxes of wrapped lines, rows of boxes side by side, and how rows split across pages.

A row holds one box per column piece (a label and its value, or the same block in two
languages); the boxes of a row start on the same line and the row is as tall as its tallest
box. A row that does not fit the rest of the page is split line by line, so both columns
break at the same place. Short rows move to the next page whole; a long answer starts where it
is (no blank page foot), keeping at least two lines on each side of the break.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from screening_app.reports.scripts import Direction

Align = Literal["L", "R", "C"]
Rgb = tuple[int, int, int]

BLACK: Rgb = (0, 0, 0)
# A row of at most this many lines is never split; a longer one may break across pages.
KEEP_WHOLE_LINES = 5
# Fewest lines left at the foot of a page, or carried to the next one, by a break.
MIN_LINES_AT_BREAK = 2


@dataclass(frozen=True)
class Style:
    size: float
    bold: bool = False
    color: Rgb = BLACK


@dataclass(frozen=True)
class Line:
    """One line of text, ready to draw.

    ``direction`` is the base direction for reordering (None: from the first strong letter);
    ``shaped`` is False for plain left-to-right text that needs neither HarfBuzz nor bidi;
    ``indent`` (mm) moves the line away from the edge where reading starts.
    """

    text: str
    family: str
    style: Style
    direction: Direction | None
    height: float
    shaped: bool = True
    indent: float = 0.0


@dataclass(frozen=True)
class Box:
    """Lines stacked from the top of a rectangle ``width`` mm wide at ``x`` mm."""

    x: float
    width: float
    align: Align
    lines: tuple[Line, ...]
    rule_below: bool = False

    @property
    def height(self) -> float:
        return sum(line.height for line in self.lines)

    def split(self, room: float) -> tuple[Box, Box]:
        """The lines that fit in ``room`` mm, and the rest."""
        used, count = 0.0, 0
        for line in self.lines:
            if used + line.height > room + 1e-6:
                break
            used += line.height
            count += 1
        head = replace(self, lines=self.lines[:count], rule_below=False)
        return head, replace(self, lines=self.lines[count:])


@dataclass(frozen=True)
class Row:
    boxes: tuple[Box, ...]
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False
    tags: frozenset[str] = field(default_factory=frozenset)

    @property
    def height(self) -> float:
        return max((box.height for box in self.boxes), default=0.0)

    def split(self, room: float) -> tuple[Row, Row]:
        """Cut every box at ``room`` mm; the second row continues on the next page."""
        parts = [box.split(room) for box in self.boxes]
        head = replace(self, boxes=tuple(p[0] for p in parts), space_after=0.0)
        tail = replace(self, boxes=tuple(p[1] for p in parts), space_before=0.0)
        return head, tail

    def first_line_height(self) -> float:
        return max((box.lines[0].height for box in self.boxes if box.lines), default=0.0)

    @property
    def line_count(self) -> int:
        return max((len(box.lines) for box in self.boxes), default=0)

    def breaks_well_at(self, room: float) -> bool:
        """True if splitting at ``room`` mm leaves enough lines on both sides of the break."""
        if self.line_count <= KEEP_WHOLE_LINES:
            return False
        head, tail = self.split(room)
        return min(head.line_count, tail.line_count) >= MIN_LINES_AT_BREAK


@dataclass
class PagePlan:
    """Rows placed on pages: ``pages[n]`` is a list of (y in mm, row)."""

    top: float
    bottom: float
    pages: list[list[tuple[float, Row]]] = field(default_factory=lambda: [[]])

    def place_all(self, rows: list[Row]) -> None:
        y = self.top
        for index, row in enumerate(rows):
            y = self._place(row, y, rows[index + 1] if index + 1 < len(rows) else None)

    def _place(self, row: Row, y: float, following: Row | None) -> float:
        if y > self.top:
            y += row.space_before
        needed = row.height
        if row.keep_with_next and following is not None:
            # A heading must not end a page: keep it with the first line of what follows.
            needed += row.space_after + following.first_line_height()
        if y + needed > self.bottom and y > self.top and not self._starts_here(row, y):
            self.pages.append([])
            y = self.top
        while y + row.height > self.bottom:
            head, row = row.split(self.bottom - y)
            if head.height <= 0 and y == self.top:
                # Not even one line fits on an empty page: place it anyway rather than loop.
                head, row = row.split(row.first_line_height())
            self.pages[-1].append((y, head))
            self.pages.append([])
            y = self.top
        self.pages[-1].append((y, row))
        return y + row.height + row.space_after

    def _starts_here(self, row: Row, y: float) -> bool:
        """Whether a row that does not fit the rest of this page starts on it anyway: a row
        taller than a page must; a long one may, if the break leaves enough on each side."""
        if row.height > self.bottom - self.top:
            return True
        return not row.keep_with_next and row.breaks_well_at(self.bottom - y)
