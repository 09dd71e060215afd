"""Locale formatting of dates, partial dates and numbers."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest

from screening_app.core.errors import UsageError
from screening_app.i18n import format_date, format_number, format_partial_date, set_ui_language

DAY = datetime.date(2023, 5, 14)


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    set_ui_language("en")


def test_dates_follow_the_language() -> None:
    assert format_date(DAY, "en") == "May 14, 2023"
    assert format_date(DAY, "fr") == "14 mai 2023"
    assert format_date(DAY, "ru", "long").startswith("14 мая 2023")


def test_numbers_use_the_languages_separators() -> None:
    assert format_number(1234567.5, "en") == "1,234,567.5"
    assert format_number(1234567.5, "it") == "1.234.567,5"
    assert format_number(1234567, "bn") == "12,34,567"


def test_without_a_language_the_interface_language_is_used(tmp_path: Path) -> None:
    set_ui_language("fr", root=tmp_path)
    assert format_date(DAY) == "14 mai 2023"


def test_a_language_without_locale_data_falls_back_to_english() -> None:
    assert format_date(DAY, "zz") == "May 14, 2023"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("2023", "en", "2023"),
        ("2023-05", "en", "May 2023"),
        ("2023-05", "fr", "mai 2023"),
        ("2023-05-14", "en", "May 14, 2023"),
    ],
)
def test_partial_dates_show_only_what_is_known(value: str, lang: str, expected: str) -> None:
    assert format_partial_date(value, lang) == expected


@pytest.mark.parametrize("value", ["14/05/2023", "2023-13", "2023-02-30", ""])
def test_a_malformed_partial_date_is_a_usage_error(value: str) -> None:
    with pytest.raises(UsageError):
        format_partial_date(value, "en")
