"""Greedy line breaking in logical order, measuring each word once.

Lines are broken before any bidirectional reordering: a right-to-left line is reordered and
shaped only when it is drawn, so each line reads correctly on its own. Measuring words rather
than growing prefixes keeps the cost linear in the length of the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

Measure = Callable[[str], float]

# Characters after which a long word must not be cut: joiners and the Bengali virama would
# leave half a conjunct at the end of a line.
_NO_BREAK_AFTER = frozenset({"\u200c", "\u200d", "\u09cd"})
# Breakable white space: every kind but the no-break spaces (U+00A0, U+2007, U+202F), which
# hold a French colon to its word or a number to its unit.
_BREAKABLE_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def wrap_text(text: str, width: float, measure: Measure) -> list[str]:
    """Split ``text`` into lines no wider than ``width`` (as ``measure`` counts width).

    Newlines in the text start new lines; runs of spaces collapse to one; no-break spaces
    never end a line. A word wider than the whole line is cut between characters, never
    inside a cluster of combining marks.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = [word for word in _BREAKABLE_SPACE.split(paragraph) if word]
        lines.extend(_wrap_paragraph(words, width, measure))
    return lines or [""]


def _wrap_paragraph(words: list[str], width: float, measure: Measure) -> Iterator[str]:
    if not words:
        yield ""
        return
    space = measure(" ")
    current: list[str] = []
    used = 0.0
    for word in words:
        size = measure(word)
        if size > width:
            if current:
                yield " ".join(current)
            *whole, tail = _cut_word(word, width, measure)
            yield from whole
            current, used = [tail], measure(tail)
            continue
        extra = size if not current else space + size
        if current and used + extra > width:
            yield " ".join(current)
            current, used = [word], size
        else:
            current.append(word)
            used += extra
    yield " ".join(current)


def _cut_word(word: str, width: float, measure: Measure) -> list[str]:
    """Cut an over-long word into pieces that fit, at cluster boundaries."""
    pieces: list[str] = []
    start = 0
    while start < len(word):
        end = start + 1
        best = _cluster_end(word, start + 1)
        while best <= len(word) and measure(word[start:best]) <= width:
            end = best
            if best == len(word):
                break
            best = _cluster_end(word, best + 1)
        end = max(end, _cluster_end(word, start + 1))
        pieces.append(word[start:end])
        start = end
    return pieces


def _cluster_end(word: str, index: int) -> int:
    """First cut position at or after ``index`` that does not split a character cluster."""
    while index < len(word) and (
        unicodedata.category(word[index]).startswith("M") or word[index - 1] in _NO_BREAK_AFTER
    ):
        index += 1
    return min(index, len(word))
