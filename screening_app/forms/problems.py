"""A problem found in a form or catalog: which file, which line, what is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """By file then line; the same problem found twice is kept once."""
    return sorted(set(problems))
