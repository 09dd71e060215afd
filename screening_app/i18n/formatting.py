"""Dates and numbers written the way a language writes them (babel's CLDR data).

Without an explicit language the current interface language is used. A language babel
has no data for falls back to English rather than failing in front of a person.
"""

from __future__ import annotations

import datetime
import functools
import re
from decimal import Decimal
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal

from screening_app.core.errors import UsageError
from screening_app.i18n.ui_text import ui_language

DateLength = Literal["short", "medium", "long", "full"]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def babel_locale(lang: str | None = None) -> Locale:
    """The babel locale for a language code (default: the interface language)."""
    return _parsed((lang or ui_language()).replace("-", "_"))


@functools.cache
def _parsed(code: str) -> Locale:
    """Parsed once per code: names and dates are looked up for every row of a long list."""
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_date(
    value: datetime.date, lang: str | None = None, length: DateLength = "medium"
) -> str:
    """A full date, e.g. ``May 14, 2023`` in English or ``14 mai 2023`` in French."""
    return babel_format_date(value, format=length, locale=babel_locale(lang))


def format_number(value: int | float | Decimal, lang: str | None = None) -> str:
    """A number with the language's decimal and grouping signs."""
    return format_decimal(value, locale=babel_locale(lang))


def format_partial_date(value: str, lang: str | None = None) -> str:
    """A form date that may be partial: ``"2023"``, ``"2023-05"`` or ``"2023-05-14"``."""
    match = _PARTIAL_DATE.match(value)
    if match is None:
        raise UsageError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        date = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise UsageError(f"{value!r} is not a real date") from exc
    locale = babel_locale(lang)
    if day is not None:
        return babel_format_date(date, format="long", locale=locale)
    skeleton = "yMMMM" if month is not None else "y"
    return format_skeleton(skeleton, date, locale=locale)
