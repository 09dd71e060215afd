"""Small-cell suppression for one-way count tables.

Primary suppression: a count from 1 to 4 is not shown (``<5``): a handful of people can be
recognised from where, when and what.

Secondary suppression: where a table's cells add up to a published total (every case falls
in exactly one category), one hidden cell could be worked out by subtraction, and so could a
group of hidden cells whose sum pins each of them (two hidden cells that must both be 4, or
a hidden 1 beside the smallest possible shown-hidden cell). So further cells are hidden
(``x``), smallest first, until no hidden cell's value follows from the others. A reader is
assumed to know the rule: a ``<5`` cell holds 1-4 and an ``x`` cell at least 5.

If even hiding every cell leaves values pinned (all cells small, adding up to the total),
the table is withheld as a whole: its categories are not listed at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

SMALL_CELL = 5
Suppression = Literal["primary", "secondary"]
_SHOWN = {"primary": "<5", "secondary": "x"}


@dataclass(frozen=True)
class Cell:
    category: str
    count: int | None
    suppressed: Suppression | None = None

    @property
    def shown(self) -> str:
        """The cell as printed: the count, ``<5`` or ``x``."""
        if self.suppressed is not None:
            return _SHOWN[self.suppressed]
        return str(self.count)

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "count": self.count,
            "shown": self.shown,
            "suppressed": self.suppressed,
        }


@dataclass(frozen=True)
class Table:
    dimension: str
    cells: tuple[Cell, ...]
    withheld: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"withheld": self.withheld, "cells": [cell.to_json() for cell in self.cells]}


def _bounds(kind: Suppression, rest: int) -> tuple[int, int]:
    """What a reader knows of a hidden cell: 1-4 if small, else from 5 up to what is left."""
    return (1, SMALL_CELL - 1) if kind == "primary" else (SMALL_CELL, rest)


def pinned(hidden: Mapping[str, Suppression], rest: int) -> bool:
    """Whether some hidden cell's value follows from the hidden cells adding up to ``rest``."""
    bounds = {name: _bounds(kind, rest) for name, kind in hidden.items()}
    low_sum = sum(low for low, _high in bounds.values())
    high_sum = sum(high for _low, high in bounds.values())
    for low, high in bounds.values():
        least = max(low, rest - (high_sum - high))
        most = min(high, rest - (low_sum - low))
        if least == most:
            return True
    return False


def suppressed_table(
    dimension: str, counts: Mapping[str, int], total: int, sums_to_total: bool
) -> Table:
    """The table with small cells hidden, and more where the total would give them away.

    ``counts`` is in display order; categories with no case are not listed.
    """
    if total < SMALL_CELL:
        return Table(dimension, (), withheld=True)
    hidden: dict[str, Suppression] = {
        name: "primary" for name, count in counts.items() if 0 < count < SMALL_CELL
    }
    if hidden and sums_to_total:
        shown_by_size = sorted(
            (name for name in counts if name not in hidden), key=lambda n: (counts[n], n)
        )
        rest = sum(counts[name] for name in hidden)
        while pinned(hidden, rest):
            if not shown_by_size:
                return Table(dimension, (), withheld=True)
            name = shown_by_size.pop(0)
            hidden[name] = "secondary"
            rest += counts[name]
    cells = tuple(
        Cell(name, None if name in hidden else count, hidden.get(name))
        for name, count in counts.items()
        if count > 0
    )
    return Table(dimension, cells)
