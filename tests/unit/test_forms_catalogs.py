"""Catalog checks on real .po files, and compiling catalogs to .mo."""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from screening_app.core.errors import FormError
from screening_app.forms.catalogs import check_catalog, compile_catalog, compile_catalogs
from screening_app.forms.loader import load_form
from screening_app.forms.model import Form
from screening_app.forms.placeholders import find_placeholders, placeholder_mismatch
from screening_app.forms.plural_forms import parse_plural_forms, same_plural_rule

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PO = FIXTURES / "po"
BROKEN = PO / "broken"
SAMPLE_FORM = FIXTURES / "forms" / "sample-screening.yaml"


@pytest.fixture(scope="module")
def sample() -> Form:
    return load_form(SAMPLE_FORM)


def rendered(path: Path, form: Form | None = None) -> list[str]:
    return [str(problem) for problem in check_catalog(path, form)]


def test_sample_french_and_arabic_catalogs_are_clean(sample: Form) -> None:
    for language in ("fr", "ar"):
        assert rendered(PO / "forms" / "sample-screening" / f"{language}.po", sample) == []


def test_sound_arabic_ui_catalog_with_six_plural_forms_is_clean() -> None:
    assert rendered(PO / "ui" / "ar.po") == []


def test_placeholder_mismatches_are_reported_per_entry() -> None:
    path = BROKEN / "placeholders" / "fr.po"
    assert rendered(path) == [
        f"{path}:11: msgid 'Case %(case_id)s saved': placeholders differ: "
        "msgstr uses %(case)s where msgid uses %(case_id)s",
        f"{path}:14: msgid 'Welcome, {{user}}': placeholders differ: "
        "msgstr uses no placeholder where msgid uses {user}",
        f"{path}:18: msgid '%s of %d questions answered': placeholders differ: "
        "msgstr uses %s where msgid uses %s, %d",
        f"{path}:24: msgid 'One packet sent to {{recipient}}': placeholders differ: "
        "msgstr[1] uses {destinataire}, which the source does not have",
    ]


def test_arabic_catalog_with_two_plural_forms_is_reported() -> None:
    path = BROKEN / "wrong-plural-count" / "ar.po"
    problems = rendered(path)
    assert len(problems) == 1
    assert problems[0].startswith(
        f"{path}:7: Plural-Forms has nplurals=2, but 'ar' has 6 plural forms; use 'nplurals=6;"
    )


def test_arabic_rule_that_differs_from_babels_is_reported() -> None:
    path = BROKEN / "wrong-plural-rule" / "ar.po"
    problems = rendered(path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:7: Plural-Forms rule differs from babel's for 'ar'")


def test_empty_and_fuzzy_entries_in_a_complete_catalog_are_reported() -> None:
    path = BROKEN / "empty-complete" / "fr.po"
    assert rendered(path) == [
        f"{path}:14: msgid 'Cancel': empty msgstr in a catalog marked complete",
        f"{path}:17: msgid 'One question left': empty msgstr[1] in a catalog marked complete",
        f"{path}:23: msgid 'Close the case': fuzzy entry in a catalog marked complete",
    ]


def test_header_conventions_are_enforced() -> None:
    path = BROKEN / "bad-headers" / "fr.po"
    assert rendered(path) == [
        f"{path}:2: missing header 'Plural-Forms: nplurals=2; plural=(n != 1);'",
        f"{path}:2: missing header 'X-Translation-Review: reviewed|unreviewed'",
        f"{path}:4: Language 'de' does not match the file name 'fr.po'",
        f"{path}:7: X-Translation-Complete must be yes or no, not 'maybe'",
    ]


def test_malformed_line_is_reported_and_the_rest_still_checked() -> None:
    path = BROKEN / "malformed" / "fr.po"
    assert rendered(path) == [f"{path}:14: malformed entry: Unknown or misformatted keyword"]


def test_form_catalog_missing_obsolete_stale_and_duplicate_entries(sample: Form) -> None:
    path = BROKEN / "forms" / "sample-screening" / "fr.po"
    assert rendered(path, sample) == [
        f"{path}:2: missing translation for 'about_you.nationality.text' ({SAMPLE_FORM}:55)",
        f"{path}:2: missing translation for 'work.debt_amount.note' ({SAMPLE_FORM}:109)",
        f"{path}:51: obsolete entry 'safety.needs_nurse.text': form 'sample-screening' has no "
        "such string",
        f"{path}:54: 'safety.needs_doctor.text': duplicate entry (first at line 46)",
        f"{path}:55: 'safety.needs_doctor.text': msgid is not the form's current text "
        f"({SAMPLE_FORM}:24); update it and its translation",
        f"{path}:58: msgid 'Do you need a doctor?': a form message needs a msgctxt (its path)",
        f"{path}:118: 'work.worked.text': msgid is not the form's current text "
        f"({SAMPLE_FORM}:76); update it and its translation",
    ]


def test_form_catalog_line_numbers_point_at_the_entry(sample: Form) -> None:
    path = BROKEN / "forms" / "sample-screening" / "fr.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    obsolete = next(p for p in check_catalog(path, sample) if "obsolete" in p.message)
    assert lines[obsolete.line - 1] == 'msgid "Do you need a nurse?"'


def test_catalog_without_a_complete_or_review_header_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "it.po"
    plural = get_plural("it").plural_forms
    path.write_text(
        f'msgid ""\nmsgstr ""\n"Language: it\\n"\n"Plural-Forms: {plural}\\n"\n\n'
        'msgid "Save"\nmsgstr ""\n',
        encoding="utf-8",
    )
    assert rendered(path) == [
        f"{path}:1: missing header 'X-Translation-Complete: yes|no'",
        f"{path}:1: missing header 'X-Translation-Review: reviewed|unreviewed'",
    ]


def test_template_is_checked_only_against_its_form(sample: Form, tmp_path: Path) -> None:
    source = (PO / "forms" / "sample-screening" / "fr.po").read_text(encoding="utf-8")
    template = tmp_path / "sample-screening.pot"
    header_end = source.index("\n\n")
    body = "\n".join(
        'msgstr ""' if line.startswith("msgstr ") else line
        for line in source[header_end:].splitlines()
    )
    template.write_text('msgid ""\nmsgstr ""\n' + body + "\n", encoding="utf-8")
    assert rendered(template, sample) == []


def test_compiled_catalog_translates_with_context(tmp_path: Path) -> None:
    source = PO / "forms" / "sample-screening" / "ar.po"
    copy = tmp_path / "ar.po"
    shutil.copyfile(source, copy)
    mo_path = compile_catalog(copy)
    assert mo_path == tmp_path / "ar.mo"
    with mo_path.open("rb") as stream:
        translations = gettext.GNUTranslations(stream)
    assert translations.pgettext("about_you.title", "About you") == "عنك"
    assert translations.pgettext("work.hours_per_day.unit", "hours") == "ساعات"


def test_compile_catalogs_leaves_fuzzy_entries_out(tmp_path: Path) -> None:
    target = tmp_path / "ui"
    target.mkdir()
    shutil.copyfile(BROKEN / "empty-complete" / "fr.po", target / "fr.po")
    written = compile_catalogs(tmp_path)
    assert written == [target / "fr.mo"]
    with written[0].open("rb") as stream:
        translations = gettext.GNUTranslations(stream)
    assert translations.gettext("Save") == "Enregistrer"
    assert translations.gettext("Close the case") == "Close the case"


def test_compiling_a_malformed_catalog_raises_with_the_line(tmp_path: Path) -> None:
    copy = tmp_path / "fr.po"
    shutil.copyfile(BROKEN / "malformed" / "fr.po", copy)
    with pytest.raises(FormError, match=r"fr\.po:14: malformed entry"):
        compile_catalog(copy)


def test_placeholders_recognise_named_brace_and_flagged_positional() -> None:
    found = find_placeholders("%(name)s has {count} of %d (100%%) {{literal}}", True)
    assert found.named == frozenset({"%(name)s", "{count}"})
    assert found.positional == ("%d",)
    assert find_placeholders("50% of people", True).positional == ()
    assert placeholder_mismatch(["{a} and {b}"], ["{b} et {a}"], False) is None


def test_equivalent_plural_rules_are_accepted() -> None:
    assert parse_plural_forms("nplurals=2; plural=n != 1;") == (2, "n != 1")
    assert parse_plural_forms("plural=n != 1") is None
    assert same_plural_rule("n != 1", "(n != 1)", 2)
    assert same_plural_rule("n == 1 ? 0 : 1", "(n != 1)", 2)
    assert not same_plural_rule("n > 1", "(n != 1)", 2)
    assert not same_plural_rule("n ==== 1", "(n != 1)", 2)
