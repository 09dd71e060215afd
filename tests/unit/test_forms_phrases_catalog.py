"""The shared interview phrases catalog (``interview-common``): shipped files and checks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from screening_app.cli import main
from screening_app.forms.checking import check_paths
from screening_app.i18n.form_texts import FormTexts
from screening_app.i18n.phrases import ANSWER_STATUS_WORDS, CATALOG, PHRASES
from screening_app.locations import forms_dir

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "translations" / "forms" / CATALOG
TRANSLATED = ("fr", "ar", "fa", "ti", "bn", "uk", "ru")
# Italian says "No" as English does, so it is left out of the test that every phrase differs.
ALSO_ITALIAN = (*TRANSLATED, "it")
NOT_SURE = {
    "fr": "Pas sûr",
    "ru": "Не уверен",
    "uk": "Не впевнений",
    "ti": "ርግጸኛ ኣይኮንኩን",
    "bn": "নিশ্চিত নই",
    "ar": "غير متأكد",
    "fa": "مطمئن نیستم",
    "it": "Non ne ho la certezza",
}
# The word for "victim" in each language: the app never calls the person one.
VICTIM = {
    "en": "victim",
    "fr": "victime",
    "ar": "ضحي",
    "fa": "قربانی",
    "ti": "ግዳይ",
    "bn": "শিকার",
    "uk": "жертв",
    "ru": "жертв",
    "it": "vittim",
}


def problems_in(path: Path) -> list[str]:
    return [str(problem) for problem in check_paths([path], forms_dir()).problems]


def edited_copy(tmp_path: Path, lang: str, old: str, new: str) -> Path:
    """A copy of a shipped catalog with one piece of text replaced (it must be there)."""
    text = (SHIPPED / f"{lang}.po").read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / "forms" / CATALOG / f"{lang}.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_forms_check_over_the_shipped_phrases_catalogs_is_clean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["forms", "check", str(SHIPPED)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "checked 0 forms and 10 catalogs: no problems\n"


def test_forms_check_of_the_whole_repository_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms", "check"]) == 0
    assert capsys.readouterr().out == ""


def test_template_and_english_catalog_are_current() -> None:
    script = ROOT / "scripts" / "extract-phrases"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_phrase_has_its_own_translation(lang: str) -> None:
    texts = FormTexts(CATALOG, lang)
    assert texts.complete and texts.unreviewed
    untranslated = [key for key, english in PHRASES.items() if texts.text(key, english) == english]
    assert untranslated == []


def test_english_catalog_is_complete_reviewed_and_equal_to_the_source() -> None:
    texts = FormTexts(CATALOG, "en")
    assert texts.complete and not texts.unreviewed
    assert all(texts.text(key, english) == english for key, english in PHRASES.items())


@pytest.mark.parametrize("lang", ALSO_ITALIAN)
def test_not_sure_uses_the_form_translators_words(lang: str) -> None:
    assert FormTexts(CATALOG, lang).text("answer.unsure", "Not sure") == NOT_SURE[lang]


@pytest.mark.parametrize("lang", ("en", *ALSO_ITALIAN))
def test_no_phrase_calls_the_person_a_victim(lang: str) -> None:
    text = (SHIPPED / f"{lang}.po").read_text(encoding="utf-8")
    msgstrs = " ".join(re.findall(r'^msgstr "(.*)"$', text, re.M)).lower()
    assert VICTIM[lang] not in msgstrs


def test_answer_status_words_name_phrases_that_exist() -> None:
    assert set(ANSWER_STATUS_WORDS) == {"answered", "declined", "unknown", "unsure"}
    assert all(key in PHRASES for key in ANSWER_STATUS_WORDS.values())


def test_missing_phrase_is_reported(tmp_path: Path) -> None:
    path = edited_copy(tmp_path, "fr", 'msgctxt "answer.yes"\nmsgid "Yes"\nmsgstr "Oui"\n', "")
    assert problems_in(path) == [
        f"{path}:4: missing translation for 'answer.yes' (screening_app.i18n.phrases)"
    ]


def test_phrase_key_that_no_longer_exists_is_obsolete(tmp_path: Path) -> None:
    path = edited_copy(tmp_path, "fr", 'msgctxt "answer.yes"', 'msgctxt "answer.maybe"')
    problems = problems_in(path)
    obsolete = "obsolete entry 'answer.maybe': the phrases table has no such string"
    assert any(problem.endswith(obsolete) for problem in problems)
    assert len(problems) == 2  # and answer.yes is missing


def test_msgid_of_an_older_english_text_is_stale(tmp_path: Path) -> None:
    path = edited_copy(tmp_path, "uk", 'msgid "I do not know"', 'msgid "I don\'t know"')
    [problem] = problems_in(path)
    assert problem.startswith(f"{path}:")
    assert problem.endswith(
        "'answer.unknown': msgid is not the phrase's current English "
        "(screening_app.i18n.phrases); update it and its translation"
    )


def test_placeholder_not_in_the_english_text_is_reported(tmp_path: Path) -> None:
    path = edited_copy(tmp_path, "ru", 'msgstr "Да"', 'msgstr "Да, {name}"')
    [problem] = problems_in(path)
    assert "'answer.yes': placeholders differ" in problem


def test_wrong_plural_header_for_arabic_is_reported(tmp_path: Path) -> None:
    path = edited_copy(tmp_path, "ar", "nplurals=6;", "nplurals=2;")
    [problem] = problems_in(path)
    assert "Plural-Forms has nplurals=2, but 'ar' has 6 plural forms" in problem


def test_empty_translation_in_a_complete_catalog_is_reported(tmp_path: Path) -> None:
    path = edited_copy(tmp_path, "ti", 'msgstr "እወ"', 'msgstr ""')
    [problem] = problems_in(path)
    assert problem.endswith("'answer.yes': empty msgstr in a catalog marked complete")


def test_template_out_of_step_with_the_table_is_reported(tmp_path: Path) -> None:
    text = (SHIPPED / f"{CATALOG}.pot").read_text(encoding="utf-8")
    target = tmp_path / "forms" / CATALOG / f"{CATALOG}.pot"
    target.parent.mkdir(parents=True)
    target.write_text(text.replace('msgid "Not sure"', 'msgid "Unsure"'), encoding="utf-8")
    [problem] = problems_in(target)
    assert "'answer.unsure': msgid is not the phrase's current English" in problem
