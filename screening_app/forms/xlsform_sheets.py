"""Reading the survey, choices and settings sheets of an XLSForm workbook.

Columns may carry a language: ``label::English (en)``, ``hint::Arabic (ar)``, or just
``label::fr``. A column without one belongs to the form's default language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from babel import Locale

from screening_app.core.errors import UsageError

_CODE_IN_PARENS = re.compile(
    r"^(?P<name>.*?)\s*\((?P<code>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)\)$"
)
_BARE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Column:
    header: str  # as written in the sheet
    base: str  # "label", "hint", "type"... lower-cased
    language: str | None  # a language code, or None for the default language


@dataclass
class Row:
    number: int  # the spreadsheet row number, as shown to the form's author
    cells: dict[str, str] = field(default_factory=dict)  # plain column -> text
    texts: dict[str, dict[str | None, str]] = field(default_factory=dict)  # base -> lang -> text

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def text(self, base: str) -> dict[str | None, str]:
        return self.texts.get(base, {})


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: list[Row]
    unknown_language_columns: list[str] = field(default_factory=list)


@dataclass
class Workbook:
    survey: Sheet
    choices: Sheet | None
    settings: Sheet | None


# Columns whose text is translated per language.
TRANSLATED = frozenset(
    {
        "label",
        "hint",
        "guidance_hint",
        "constraint_message",
        "required_message",
        "media::image",
        "media::audio",
        "media::video",
        "image",
        "audio",
        "video",
        "form_title",
    }
)


def read_workbook(path: Path) -> Workbook:
    from openpyxl import load_workbook  # imported here: only this command needs it

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise UsageError(f"file not found: {path}") from None
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UsageError(f"not an .xlsx workbook: {path} ({type(exc).__name__})") from None
    try:
        sheets = {name.strip().lower(): book[name] for name in book.sheetnames}
        if "survey" not in sheets:
            raise UsageError(f"{path}: the workbook has no 'survey' sheet")
        return Workbook(
            survey=_read_sheet("survey", sheets["survey"]),
            choices=_read_sheet("choices", sheets["choices"]) if "choices" in sheets else None,
            settings=_read_sheet("settings", sheets["settings"]) if "settings" in sheets else None,
        )
    finally:
        book.close()


def _read_sheet(name: str, worksheet: object) -> Sheet:
    rows_iter = worksheet.iter_rows(values_only=True)  # type: ignore[attr-defined]
    header: list[Column | None] = []
    unknown: list[str] = []
    rows: list[Row] = []
    for number, values in enumerate(rows_iter, start=1):
        texts = [_cell_text(value) for value in values]
        if not header:
            if any(texts):
                header = [_column(text, unknown) if text else None for text in texts]
            continue
        row = _row(number, header, texts)
        if row.cells or row.texts:
            rows.append(row)
    columns = [column for column in header if column is not None]
    return Sheet(name, columns, rows, unknown)


def _row(number: int, header: list[Column | None], texts: list[str]) -> Row:
    row = Row(number)
    for column, text in zip(header, texts, strict=False):
        if column is None or not text:
            continue
        if column.base in TRANSLATED:
            row.texts.setdefault(column.base, {})[column.language] = text
        else:
            row.cells[column.base] = text
    return row


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # choice names typed as numbers: 1.0 means "1"
    return str(value).strip()


def _column(header: str, unknown: list[str]) -> Column | None:
    base, separator, language = header.partition("::")
    base = base.strip().lower()
    if not separator:
        return Column(header, base, None)
    if base == "media":  # media::image::English (en)
        kind, _, language = language.partition("::")
        base = f"media::{kind.strip().lower()}"
        if not language:
            return Column(header, base, None)
    code = language_code(language)
    if code is None:
        unknown.append(header)
        return None
    return Column(header, base, code)


def language_code(text: str) -> str | None:
    """The code in ``English (en)``, ``fr`` or ``French``; None if it names no language."""
    text = text.strip()
    match = _CODE_IN_PARENS.match(text)
    if match:
        return match.group("code").replace("_", "-")
    if _BARE_CODE.match(text):
        return text.replace("_", "-")
    return _codes_by_english_name().get(text.lower())


@cache
def _codes_by_english_name() -> dict[str, str]:
    names = Locale("en").languages
    return {str(name).lower(): str(code) for code, name in names.items() if "_" not in str(code)}
