"""``forms import-xlsform``: an XLSForm workbook to a form YAML and its catalogs.

Writes ``DIR/<form-id>.yaml`` with the source-language text and
``DIR/translations/<form-id>/<lang>.po`` for every other language. The report lists every
construct that was not imported or was imported differently, and the problems (if any)
that the form and catalog checks still find in the output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from screening_app.forms.builder import FORM_ID, SEMVER
from screening_app.forms.catalogs import check_catalog
from screening_app.forms.expr_check import Scope, check_condition
from screening_app.forms.expr_lexer import ExpressionError
from screening_app.forms.expr_parser import parse_expression
from screening_app.forms.loader import read_form
from screening_app.forms.model import Choice, Question
from screening_app.forms.problems import Problem
from screening_app.forms.xlsform_choices import read_choice_lists
from screening_app.forms.xlsform_draft import DraftSection, LocalText, ReportItem
from screening_app.forms.xlsform_output import (
    form_document,
    translations_by_language,
    write_catalog,
)
from screening_app.forms.xlsform_sheets import Sheet, Workbook, language_code, read_workbook
from screening_app.forms.xlsform_survey import SurveyWalk

DEFAULT_VERSION = "1.0.0"


@dataclass
class ImportReport:
    form_id: str
    version: str
    source_language: str
    written: list[Path] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    questions: int = 0
    sections: int = 0
    unsupported: list[ReportItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "form": self.form_id,
            "version": self.version,
            "source_language": self.source_language,
            "translations": self.languages,
            "sections": self.sections,
            "questions": self.questions,
            "written": [str(path) for path in self.written],
            "not_imported": [item.to_json() for item in self.unsupported if item.dropped],
            "imported_differently": [
                item.to_json() for item in self.unsupported if not item.dropped
            ],
            "problems": [str(problem) for problem in self.problems],
        }


@dataclass(frozen=True)
class _Settings:
    form_id: str
    version: str
    title: LocalText
    default_language: str


def import_xlsform(xlsx: Path, out_dir: Path) -> ImportReport:
    book = read_workbook(xlsx)
    report_items: list[ReportItem] = []
    settings = _settings(book, xlsx, report_items)
    source = _source_language(book, settings.default_language)
    lists = read_choice_lists(book.choices, settings.default_language, report_items)
    walk = SurveyWalk(lists, source, settings.default_language, report_items)
    sections = walk.run(book.survey.rows)
    _check_conditions(sections, report_items)
    title = settings.title if source in settings.title else {source: settings.form_id}
    report = ImportReport(settings.form_id, settings.version, source, unsupported=report_items)
    report.sections = len(sections)
    report.questions = sum(len(section.questions) for section in sections)
    _write(report, out_dir, settings, title, sections)
    return report


def _write(
    report: ImportReport,
    out_dir: Path,
    settings: _Settings,
    title: LocalText,
    sections: list[DraftSection],
) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    form_path = out_dir / f"{settings.form_id}.yaml"
    document = form_document(
        settings.form_id, settings.version, title, report.source_language, sections
    )
    form_path.write_text(document, encoding="utf-8")
    report.written.append(form_path)
    form, problems = read_form(form_path)
    report.problems.extend(problems)
    if form is None:
        return
    by_language = translations_by_language(title, sections, report.source_language)
    for language in sorted(by_language):
        catalog_path = out_dir / "translations" / settings.form_id / f"{language}.po"
        write_catalog(catalog_path, language, form, by_language[language])
        report.written.append(catalog_path)
        report.languages.append(language)
        report.problems.extend(check_catalog(catalog_path, form))


def _settings(book: Workbook, xlsx: Path, report: list[ReportItem]) -> _Settings:
    row = _first_row(book.settings)
    raw_id = row.get("form_id", "") or xlsx.stem
    form_id = re.sub(r"[^a-z0-9]+", "-", raw_id.lower()).strip("-") or "imported-form"
    if form_id != raw_id or not FORM_ID.fullmatch(form_id):
        report.append(
            ReportItem("settings", 2, raw_id, "form_id", f"form id written as '{form_id}'")
        )
    version = row.get("version", "")
    if not SEMVER.fullmatch(version):
        detail = f"version '{version}' is not MAJOR.MINOR.PATCH; written as {DEFAULT_VERSION}"
        report.append(ReportItem("settings", 2, form_id, "version", detail))
        version = DEFAULT_VERSION
    default_language = language_code(row.get("default_language", "")) or "en"
    titles = {
        (language_code(key.partition("::")[2]) or default_language): value
        for key, value in row.items()
        if key == "form_title" or key.startswith("form_title::")
    }
    return _Settings(form_id, version, titles, default_language)


def _first_row(sheet: Sheet | None) -> dict[str, str]:
    if sheet is None or not sheet.rows:
        return {}
    row = sheet.rows[0]
    values = dict(row.cells)
    for language, text in row.text("form_title").items():
        values["form_title" if language is None else f"form_title::{language}"] = text
    return values


def _source_language(book: Workbook, default_language: str) -> str:
    """The default language if labels are written in it, else the first label language."""
    languages = [
        column.language or default_language
        for column in book.survey.columns
        if column.base == "label"
    ]
    if not languages or default_language in languages:
        return default_language
    return languages[0]


def _check_conditions(sections: list[DraftSection], report: list[ReportItem]) -> None:
    """Drop (and report) any translated condition the form checker would refuse."""
    earlier: dict[str, Question] = {}
    for section in sections:
        for draft in section.questions:
            question = Question(
                draft.id,
                draft.type,
                "-",
                section.id,
                choices=tuple(Choice(choice.id, "-") for choice in draft.choices),
            )
            if draft.show_if is not None:
                reason = _condition_problem(draft.show_if, Scope(dict(earlier), {}, draft.id))
                if reason is not None:
                    detail = (
                        f"'{draft.relevant}' not imported: {reason}; the question is always shown"
                    )
                    report.append(
                        ReportItem("survey", draft.row, draft.id, "relevant", detail, dropped=True)
                    )
                    draft.show_if = None
            earlier[draft.id] = question


def _condition_problem(condition: str, scope: Scope) -> str | None:
    try:
        errors = check_condition(parse_expression(condition), scope)
    except ExpressionError as exc:
        return exc.message
    return errors[0].message if errors else None
