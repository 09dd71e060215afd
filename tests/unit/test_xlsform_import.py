"""Importing XLSForms that the tests write with openpyxl."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from openpyxl import Workbook

from screening_app.cli import main
from screening_app.core.errors import UsageError
from screening_app.forms.catalogs import check_catalog
from screening_app.forms.loader import load_form, validate_form
from screening_app.forms.model import QuestionType
from screening_app.forms.xlsform import ImportReport, import_xlsform


def translation(catalog: Catalog, msgid: str, context: str) -> object:
    message = catalog.get(msgid, context=context)
    assert message is not None, context
    return message.string


Rows = list[list[Any]]


def write_workbook(path: Path, survey: Rows, choices: Rows | None, settings: Rows | None) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    for title, rows in (("choices", choices), ("settings", settings)):
        if rows is not None:
            extra = book.create_sheet(title)
            for row in rows:
                extra.append(row)
    book.save(path)
    return path


def items(report: ImportReport, dropped: bool) -> list[tuple[int, str, str]]:
    return [
        (item.row, item.name, item.construct)
        for item in report.unsupported
        if item.dropped == dropped and item.sheet == "survey"
    ]


# -- a multilingual form: English source, French and Arabic translations ---------------

MULTILINGUAL_SURVEY: Rows = [
    [
        "type",
        "name",
        "label::English (en)",
        "label::French (fr)",
        "label::Arabic (ar)",
        "hint::English (en)",
        "hint::French (fr)",
        "hint::Arabic (ar)",
        "required",
    ],
    ["begin_group", "safety", "Safety", "Sécurité", "السلامة", None, None, None, None],
    [
        "select_one yes_no",
        "feels_safe",
        "Do you feel safe here?",
        "Vous sentez-vous en sécurité ici ?",
        "هل تشعر بالأمان هنا؟",
        "You may stop at any time.",
        "Vous pouvez arrêter à tout moment.",
        "يمكنك التوقف في أي وقت.",
        "yes",
    ],
    [
        "integer",
        "age",
        "How old are you?",
        "Quel âge avez-vous ?",
        "كم عمرك؟",
        None,
        None,
        None,
        None,
    ],
    ["end_group", None, None, None, None, None, None, None, None],
]
MULTILINGUAL_CHOICES: Rows = [
    ["list_name", "name", "label::English (en)", "label::French (fr)", "label::Arabic (ar)"],
    ["yes_no", "yes", "Yes", "Oui", "نعم"],
    ["yes_no", "no", "No", "Non", "لا"],
]
MULTILINGUAL_SETTINGS: Rows = [
    [
        "form_id",
        "version",
        "form_title",
        "form_title::French (fr)",
        "form_title::Arabic (ar)",
        "default_language",
    ],
    [
        "safety-check",
        "2.1.0",
        "Safety check",
        "Contrôle de sécurité",
        "فحص السلامة",
        "English (en)",
    ],
]


@pytest.fixture
def multilingual(tmp_path: Path) -> tuple[ImportReport, Path]:
    xlsx = write_workbook(
        tmp_path / "safety.xlsx", MULTILINGUAL_SURVEY, MULTILINGUAL_CHOICES, MULTILINGUAL_SETTINGS
    )
    out = tmp_path / "out"
    return import_xlsform(xlsx, out), out


def test_multilingual_form_writes_yaml_and_one_catalog_per_translation(
    multilingual: tuple[ImportReport, Path],
) -> None:
    report, out = multilingual
    form_path = out / "safety-check.yaml"
    assert report.written == [
        form_path,
        out / "translations" / "safety-check" / "ar.po",
        out / "translations" / "safety-check" / "fr.po",
    ]
    assert report.problems == []
    assert validate_form(form_path) == []
    form = load_form(form_path)
    assert (form.id, form.version, form.title, form.source_language) == (
        "safety-check",
        "2.1.0",
        "Safety check",
        "en",
    )
    feels_safe = form.question("feels_safe")
    assert feels_safe.type is QuestionType.SINGLE_CHOICE
    assert feels_safe.required and feels_safe.help == "You may stop at any time."
    assert feels_safe.choice_ids == ("yes", "no")
    age = form.question("age")
    assert age.type is QuestionType.NUMBER and age.integer


def test_multilingual_catalogs_are_complete_and_pass_the_checker(
    multilingual: tuple[ImportReport, Path],
) -> None:
    _, out = multilingual
    form = load_form(out / "safety-check.yaml")
    french = out / "translations" / "safety-check" / "fr.po"
    assert check_catalog(french, form) == []
    with french.open("rb") as stream:
        catalog = read_po(stream)
    assert translation(catalog, "Safety check", "form.title") == "Contrôle de sécurité"
    hint = translation(catalog, "You may stop at any time.", "safety.feels_safe.help")
    assert hint == "Vous pouvez arrêter à tout moment."
    assert translation(catalog, "No", "safety.feels_safe.choices.no") == "Non"
    text = french.read_text(encoding="utf-8")
    assert '"X-Translation-Complete: yes\\n"' in text
    assert '"X-Translation-Review: unreviewed\\n"' in text


def test_arabic_catalog_gets_six_plural_forms_header(
    multilingual: tuple[ImportReport, Path],
) -> None:
    _, out = multilingual
    arabic = out / "translations" / "safety-check" / "ar.po"
    assert "nplurals=6;" in arabic.read_text(encoding="utf-8")
    assert check_catalog(arabic, load_form(out / "safety-check.yaml")) == []


def test_import_command_prints_a_json_report_and_the_output_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx = write_workbook(
        tmp_path / "safety.xlsx", MULTILINGUAL_SURVEY, MULTILINGUAL_CHOICES, MULTILINGUAL_SETTINGS
    )
    out = tmp_path / "out"
    assert main(["forms", "import-xlsform", str(xlsx), "--out", str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["form"] == "safety-check"
    assert report["translations"] == ["ar", "fr"]
    assert (report["sections"], report["questions"]) == (1, 2)
    assert report["not_imported"] == [] and report["problems"] == []
    assert main(["forms", "check", str(out)]) == 0


# -- Arabic as the source language (right-to-left labels) --------------------------------

ARABIC_SURVEY: Rows = [
    ["type", "name", "label::Arabic (ar)", "label::English (en)"],
    ["begin group", "travel", "الرحلة", "The journey"],
    ["select_one with_whom", "travelled_with", "مع من سافرت؟", "Who did you travel with?"],
    ["text", "route", "ما هي الطريق التي سلكتها؟", None],
    ["end group", None, None, None],
]
ARABIC_CHOICES: Rows = [
    ["list_name", "name", "label::Arabic (ar)", "label::English (en)"],
    ["with_whom", "alone", "وحدي", "Alone"],
    ["with_whom", "family", "مع عائلتي", "With my family"],
]
ARABIC_SETTINGS: Rows = [
    ["form_id", "version", "form_title", "default_language"],
    ["arabic_intake", "1.0.0", "استمارة الاستقبال", "Arabic (ar)"],
]


def test_arabic_source_form_keeps_rtl_text_and_translates_to_english(tmp_path: Path) -> None:
    xlsx = write_workbook(tmp_path / "ar.xlsx", ARABIC_SURVEY, ARABIC_CHOICES, ARABIC_SETTINGS)
    out = tmp_path / "out"
    report = import_xlsform(xlsx, out)
    assert report.source_language == "ar"
    assert report.languages == ["en"]
    assert report.problems == []
    form = load_form(out / "arabic-intake.yaml")
    assert form.title == "استمارة الاستقبال"
    assert form.sections[0].title == "الرحلة"
    assert form.question("travelled_with").text == "مع من سافرت؟"
    assert "مع من سافرت؟" in (out / "arabic-intake.yaml").read_text(encoding="utf-8")
    english = out / "translations" / "arabic-intake" / "en.po"
    with english.open("rb") as stream:
        catalog = read_po(stream)
    assert translation(catalog, "وحدي", "travel.travelled_with.choices.alone") == "Alone"
    assert translation(catalog, "ما هي الطريق التي سلكتها؟", "travel.route.text") == ""
    assert '"X-Translation-Complete: no\\n"' in english.read_text(encoding="utf-8")
    assert check_catalog(english, form) == []


# -- groups, relevant, constraints and things that cannot be imported -------------------

GROUPS_SURVEY: Rows = [
    [
        "type",
        "name",
        "label",
        "relevant",
        "constraint",
        "constraint_message",
        "appearance",
        "calculation",
    ],
    ["start", "start", None, None, None, None, None, None],
    [
        "note",
        "intro",
        "Explain that the person may stop at any time.",
        None,
        None,
        None,
        None,
        None,
    ],
    ["select_one yn", "worked", "Did you work?", None, None, None, None, None],
    ["begin_group", "work", "Work", "${worked} = 'yes'", None, None, None, None],
    ["integer", "hours", "Hours a day?", None, ". >= 0 and . <= 24", None, None, None],
    [
        "select_multiple problems",
        "problems",
        "Did any of these happen?",
        "${hours} > 10",
        None,
        None,
        None,
        None,
    ],
    ["begin_group", "pay", "Pay", None, None, None, None, None],
    [
        "decimal",
        "wage",
        "Daily wage?",
        "selected(${problems}, 'low_pay')",
        ". > 0",
        "Must be more than zero",
        None,
        None,
    ],
    ["end_group", None, None, None, None, None, None, None],
    ["begin_repeat", "employers", "Employers", None, None, None, None, None],
    ["text", "employer_name", "Employer", None, None, None, None, None],
    ["integer", "employer_months", "Months", None, None, None, None, None],
    ["end_repeat", None, None, None, None, None, None, None],
    ["calculate", "total", None, None, None, None, None, "${hours} * 7"],
    ["date", "started", "When did you start?", "today() > ${hours}", None, None, None, None],
    ["text", "details", "Anything else?", "${hours} != ''", None, None, "multiline", None],
    ["end_group", None, None, None, None, None, None, None],
    ["geopoint", "where", "Where are we?", None, None, None, None, None],
    ["text", "comments", "Comments", None, None, None, "big-text", None],
]
GROUPS_CHOICES: Rows = [
    ["list_name", "name", "label"],
    ["yn", "yes", "Yes"],
    ["yn", "no", "No"],
    ["problems", "low_pay", "Low pay"],
    ["problems", "No Day Off", "No day off"],
]


@pytest.fixture
def grouped(tmp_path: Path) -> tuple[ImportReport, Path]:
    xlsx = write_workbook(tmp_path / "work_module.xlsx", GROUPS_SURVEY, GROUPS_CHOICES, None)
    out = tmp_path / "out"
    return import_xlsform(xlsx, out), out


def test_groups_become_sections_and_ungrouped_questions_a_default_section(
    grouped: tuple[ImportReport, Path],
) -> None:
    report, out = grouped
    assert report.form_id == "work-module"
    assert report.problems == []
    form = load_form(out / "work-module.yaml")
    assert [(section.id, section.title) for section in form.sections] == [
        ("general", "General"),
        ("work", "Work"),
        ("general_2", "General"),
    ]
    assert [q.id for q in form.questions()] == [
        "worked",
        "hours",
        "problems",
        "wage",
        "started",
        "details",
        "comments",
    ]


def test_relevant_becomes_show_if_combined_with_the_groups_condition(
    grouped: tuple[ImportReport, Path],
) -> None:
    _, out = grouped
    form = load_form(out / "work-module.yaml")

    def show_if(question_id: str) -> str | None:
        condition = form.question(question_id).show_if
        return condition.source if condition else None

    assert show_if("worked") is None
    assert show_if("hours") == "worked == 'yes'"
    assert show_if("problems") == "(worked == 'yes') and (hours > 10)"
    assert show_if("wage") == "(worked == 'yes') and ('low_pay' in problems)"
    assert show_if("started") == "worked == 'yes'"  # its own relevant could not be imported
    assert show_if("details") == "(worked == 'yes') and (answered(hours))"


def test_constraints_become_limits_or_interviewer_notes(
    grouped: tuple[ImportReport, Path],
) -> None:
    _, out = grouped
    form = load_form(out / "work-module.yaml")
    hours = form.question("hours")
    assert (hours.min, hours.max) == (0, 24)
    wage = form.question("wage")
    assert (wage.min, wage.max) == (None, None)
    assert wage.note == "Must be more than zero"
    assert form.question("worked").note == "Explain that the person may stop at any time."
    assert form.question("details").multiline


def test_repeat_calculate_metadata_and_unsupported_relevant_are_reported(
    grouped: tuple[ImportReport, Path],
) -> None:
    report, _ = grouped
    assert items(report, dropped=True) == [
        (2, "start", "start"),
        (11, "employers", "begin_repeat"),
        (12, "employer_name", "text"),
        (13, "employer_months", "integer"),
        (15, "total", "calculate"),
        (16, "started", "relevant"),
        (19, "where", "geopoint"),
        (20, "comments", "appearance"),
    ]
    details = {(item.row, item.construct): item.detail for item in report.unsupported}
    assert "repeats are not supported" in details[(11, "begin_repeat")]
    assert details[(16, "relevant")] == (
        "'today() > ${hours}' not imported: function 'today()' is not supported here; "
        "the question is always shown"
    )


def test_changes_in_shape_are_reported_too(grouped: tuple[ImportReport, Path]) -> None:
    report, _ = grouped
    assert items(report, dropped=False) == [
        (3, "intro", "note"),
        (6, "hours", "constraint"),
        (8, "pay", "begin_group"),
        (9, "wage", "constraint"),
    ]
    choices = [(item.row, item.detail) for item in report.unsupported if item.sheet == "choices"]
    assert choices == [(5, "choice id 'No Day Off' written as 'no_day_off'")]
    settings = [item.construct for item in report.unsupported if item.sheet == "settings"]
    assert settings == ["form_id", "version"]


def test_the_report_lists_unsupported_constructs_in_json(
    grouped: tuple[ImportReport, Path],
) -> None:
    report, _ = grouped
    data = report.to_json()
    assert {
        "construct": "begin_repeat",
        "name": "employers",
        "row": 11,
        "sheet": "survey",
        "detail": "repeats are not supported; the repeat and the rows inside it are not imported",
    } in data["not_imported"]
    json.dumps(data)


def test_relevant_naming_a_text_question_with_an_order_is_dropped(tmp_path: Path) -> None:
    survey: Rows = [
        ["type", "name", "label", "relevant"],
        ["text", "city", "City?", None],
        ["integer", "years", "Years there?", "${city} > 'M'"],
    ]
    report = import_xlsform(write_workbook(tmp_path / "t.xlsx", survey, None, None), tmp_path)
    assert report.problems == []
    dropped = [item for item in report.unsupported if item.construct == "relevant"]
    assert len(dropped) == 1
    assert "'city' is a text question and has no order for '>'" in dropped[0].detail


def test_a_workbook_without_a_survey_sheet_is_a_usage_error(tmp_path: Path) -> None:
    book = Workbook()
    book.save(tmp_path / "empty.xlsx")
    with pytest.raises(UsageError, match="no 'survey' sheet"):
        import_xlsform(tmp_path / "empty.xlsx", tmp_path / "out")


def test_a_file_that_is_not_a_workbook_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    assert main(["forms", "import-xlsform", str(fake), "--out", str(tmp_path / "out")]) == 2
    assert "not an .xlsx workbook" in capsys.readouterr().err
