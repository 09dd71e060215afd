"""Reading and comparing ``Plural-Forms`` headers."""

from __future__ import annotations

import gettext
import re

_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")
_SAMPLE = range(0, 1001)  # every rule babel knows repeats within the first thousand numbers


def parse_plural_forms(value: str) -> tuple[int, str] | None:
    """``(nplurals, expression)`` of a header value, or None if it is malformed."""
    match = _HEADER.match(value)
    if match is None:
        return None
    return int(match.group(1)), match.group(2)


def same_plural_rule(found: str, expected: str, nplurals: int) -> bool:
    """Whether two C plural expressions pick the same form for every count.

    Equal text (ignoring spaces and outer parentheses) is enough; otherwise both are
    compiled with the standard library's gettext reader, which accepts only the C operator
    subset, and compared on a range of counts, so an equivalent spelling also passes.
    """
    if _normal(found) == _normal(expected):
        return True
    try:
        mine, theirs = gettext.c2py(found), gettext.c2py(expected)
        return all(
            mine(count) == theirs(count) and 0 <= mine(count) < nplurals for count in _SAMPLE
        )
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError):
        return False


def _normal(expression: str) -> str:
    text = "".join(expression.split())
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1]
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0
