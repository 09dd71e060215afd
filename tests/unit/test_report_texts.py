"""The report's content catalogs (grounds of a referral, gender words) and their use.

The catalogs are read as shipped; the loader's fallbacks are tried on catalogs written here
with babel in a temporary folder; the grounds are made from real engine results.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from screening_app.assess import AssessmentInput, assess, assessment_to_json, default_rules
from screening_app.assess.indicators import DIMENSION_LABELS, INDICATOR_IDS, INDICATOR_LABELS
from screening_app.forms.placeholders import find_placeholders
from screening_app.i18n import FormTexts
from screening_app.i18n.catalogs import load_catalog
from screening_app.i18n.report_texts import (
    GENDER_WORDS,
    REASON_LINE,
    SENTENCES,
    dimension_key,
    gender_key,
    indicator_key,
    report_languages,
    report_messages,
    report_text,
    report_versions,
)
from screening_app.reports import Text
from screening_app.reports.label_translations import UNREVIEWED_TABLES
from screening_app.reports.labels import report_labels
from screening_app.services.assessments import AssessmentRecord, StoredOverride
from screening_app.services.referral_reasons import DIRECTION_MARKS, referral_reasons

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "translations" / "report"
LANGUAGES = ("fr", "it", "uk", "ru", "ar", "fa", "bn", "ti")
# The stem of the word for "victim" in each language: the report never uses it.
VICTIM = {
    "fr": "victime",
    "it": "vittim",
    "uk": "жертв",
    "ru": "жертв",
    "ar": "ضحي",
    "fa": "قربانی",
    "bn": "ভুক্তভোগী",
    "ti": "ግዳይ",
}
OVERRIDE_REASON = "Wishes to rest before more questions (fictional)."
LRM, RLM = DIRECTION_MARKS["ltr"], DIRECTION_MARKS["rtl"]


def catalog(name: str) -> Catalog:
    with (FOLDER / name).open("rb") as stream:
        return read_po(stream)


def messages(found: Catalog) -> list[Message]:
    return [message for message in found if message.id]


def record(
    indicators: set[str],
    kinds: tuple[str, ...] = (),
    override: StoredOverride | None = None,
) -> AssessmentRecord:
    """A stored assessment as the engine makes it from ``indicators`` (adult, labour)."""
    rules = default_rules()
    made = assess(AssessmentInput(age=30, indicators=frozenset(indicators)), rules)
    return AssessmentRecord(
        id=1,
        case_id="C-TEST-0001",
        created="2026-11-23T10:00:00Z",
        created_by="supervisor",
        rules_version=rules.version,
        input={},
        result=assessment_to_json(made),
        exploitation_types=kinds,
        override=override,
    )


# -- the shipped template and catalogs --------------------------------------------------------


def test_template_and_catalogs_are_current() -> None:
    script = ROOT / "scripts" / "extract-report-messages"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_template_holds_every_dimension_indicator_gender_word_and_sentence() -> None:
    found = {message.context: message.id for message in messages(catalog("report.pot"))}
    assert found == dict(report_messages())
    assert len(found) == 6 + 67 + 3 + 4
    assert found[indicator_key("CD.debt_bondage")] == "Debt bondage"
    assert found[dimension_key("VR")] == DIMENSION_LABELS["VR"]
    assert found[gender_key("female")] == "Female"
    assert found[REASON_LINE] == "{dimension}: {indicators}."


def test_the_report_languages_are_english_and_every_language_of_the_report_labels() -> None:
    assert report_languages() == ("en", *sorted(UNREVIEWED_TABLES))
    assert set(LANGUAGES) == set(UNREVIEWED_TABLES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_headers_declare_language_plurals_and_unreviewed_state(lang: str) -> None:
    loaded = load_catalog(FOLDER / f"{lang}.po", prefer_compiled=False)
    assert loaded is not None
    assert loaded.language == lang
    assert loaded.headers["plural-forms"] == get_plural(lang).plural_forms
    assert loaded.complete and not loaded.reviewed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_translates_exactly_the_template(lang: str) -> None:
    wanted = {(m.context, m.id) for m in messages(catalog("report.pot"))}
    translated = messages(catalog(f"{lang}.po"))
    assert {(m.context, m.id) for m in translated} == wanted
    for message in translated:
        assert not message.fuzzy, message.context
        assert isinstance(message.string, str) and message.string.strip(), message.context


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_translation_keeps_the_placeholders_of_its_source(lang: str) -> None:
    for message in messages(catalog(f"{lang}.po")):
        source = find_placeholders(str(message.id), False)
        assert find_placeholders(str(message.string), False) == source, message.context


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_is_translated_not_copied(lang: str) -> None:
    copied = [
        key
        for key, english in report_messages().items()
        if key not in SENTENCES and report_text(key, lang) == english
    ]
    assert copied == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_report_text_calls_the_person_a_victim(lang: str) -> None:
    texts = " ".join(str(m.string) for m in messages(catalog(f"{lang}.po"))).lower()
    assert VICTIM[lang] not in texts


# -- the loader -------------------------------------------------------------------------------


def write_catalog(root: Path, lang: str, entries: list[tuple[str, str, str, bool]]) -> None:
    """A catalog at ``root/report/<lang>.po`` of (key, English, translation, fuzzy)."""
    made = Catalog(locale=lang)
    for key, english, text, fuzzy in entries:
        made.add(english, string=text, context=key, flags=["fuzzy"] if fuzzy else [])
    (root / "report").mkdir(parents=True, exist_ok=True)
    with (root / "report" / f"{lang}.po").open("wb") as stream:
        write_po(stream, made)


def test_only_current_whole_translations_are_used_and_english_stands_in_otherwise(
    tmp_path: Path,
) -> None:
    line = SENTENCES[REASON_LINE]
    write_catalog(
        tmp_path,
        "fr",
        [
            (indicator_key("CD.debt_bondage"), "Debt bondage", "Servitude pour dettes", False),
            # Made for an older English text: not used.
            (indicator_key("CD.isolation"), "Isolation", "Isolement", False),
            (indicator_key("CD.violence"), "Violence on the person", "Violences", True),
            # Lost a placeholder: filling it in would fail, so it is not used.
            (REASON_LINE, line, "{dimension} : {indicateurs}.", False),
        ],
    )
    assert report_languages(tmp_path) == ("en", "fr")
    assert report_text(indicator_key("CD.debt_bondage"), "fr", tmp_path) == (
        "Servitude pour dettes"
    )
    assert (
        report_text(indicator_key("CD.isolation"), "fr", tmp_path)
        == (INDICATOR_LABELS["CD.isolation"])
    )
    assert report_text(indicator_key("CD.violence"), "fr", tmp_path) == "Violence on the person"
    assert report_text(REASON_LINE, "fr", tmp_path) == line
    # A language with no catalog is English throughout.
    assert report_text(gender_key("male"), "ar", tmp_path) == "Male"


def test_a_texts_versions_are_english_first_then_every_catalog_language() -> None:
    versions = report_versions(gender_key("female"))
    assert list(versions) == ["en", *sorted(LANGUAGES)]
    assert versions["en"] == GENDER_WORDS["female"]
    assert (versions["ar"], versions["uk"], versions["ti"]) == ("أنثى", "Жіноча", "ኣንስታይ")


# -- the grounds of a referral ----------------------------------------------------------------

EVERY_INDICATOR = set(INDICATOR_IDS)


def test_every_line_of_the_grounds_is_made_in_every_report_language_english_first() -> None:
    reasons = referral_reasons(record(EVERY_INDICATOR, kinds=("labour",)))
    assert len(reasons) == 6 + 1
    for reason in reasons:
        assert list(reason.versions) == list(report_languages())
    assert reasons[0].versions["en"].startswith("Deceptive recruitment: Deceived about ")


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_the_grounds_in_arabic_and_ukrainian_carry_no_english_label(lang: str) -> None:
    reasons = referral_reasons(record(EVERY_INDICATOR))
    text = "\n".join(reason.versions[lang] for reason in reasons)
    for ident, english in INDICATOR_LABELS.items():
        assert english not in text, ident
        assert report_text(indicator_key(ident), lang) in text, ident
    for code, english in DIMENSION_LABELS.items():
        assert english not in text, code
        assert report_text(dimension_key(code), lang) in text, code


def test_a_line_names_its_dimension_and_indicators_in_the_languages_own_punctuation() -> None:
    # Two strong indicators of coercion at destination make that dimension positive.
    line = referral_reasons(record({"CD.documents_confiscated", "CD.debt_bondage"}))[0]
    assert (
        line.versions["en"] == "Coercion at destination: Debt bondage; Confiscation of documents."
    )
    assert line.versions["ar"] == "الإكراه في مكان المقصد: عبودية الدَّين؛ مصادرة الوثائق."
    assert (
        line.versions["uk"] == "Примус у місці призначення: Боргова кабала; Вилучення документів."
    )
    assert line.versions["ti"] == "ኣብ መዕለቢ ቦታ ምግዳድ: ባርነት ዕዳ፤ ሰነዳት ምሓዝ።"


def test_a_strong_indicator_alone_is_named_in_every_language() -> None:
    reasons = referral_reasons(record({"CD.documents_confiscated", "VR.economic"}))
    assert [reason.versions["en"] for reason in reasons] == [
        "Coercion at destination: Confiscation of documents."
    ]
    # French typography: a no-break space before a colon or semicolon.
    assert reasons[0].versions["fr"] == (
        "Coercition à destination\u00a0: Confiscation des documents."
    )


def test_forms_of_exploitation_are_named_as_the_in_depth_forms_catalog_names_them() -> None:
    described = referral_reasons(record({"EX.hazardous"}, kinds=("labour", "begging")))[-1]
    assert described.versions["en"] == (
        "Forms of exploitation described: Labour exploitation; Forced begging."
    )
    names = [
        FormTexts("in-depth-interview", "ar").text(
            f"interviewer.exploitation_types.choices.{kind}", english
        )
        for kind, english in (("labour", "Labour exploitation"), ("begging", "Forced begging"))
    ]
    assert "Labour exploitation" not in names
    assert described.versions["ar"] == f"أشكال الاستغلال الموصوفة: {names[0]}؛ {names[1]}."


def override_line(reason: str) -> tuple[AssessmentRecord, Text]:
    override = StoredOverride(
        outcome="refer_nrm",
        urgency="24h",
        reason=reason,
        by="supervisor",
        at="2026-11-23T10:05:00Z",
        services=(),
        reflection_period_days=None,
        urgency_given=False,
    )
    made = record({"CD.documents_confiscated", "CD.debt_bondage"}, override=override)
    return made, referral_reasons(made)[-1]


def unmarked(text: str) -> str:
    return text.replace(LRM, "").replace(RLM, "")


def test_an_override_names_the_rules_step_in_each_language_and_keeps_the_reason_as_written() -> (
    None
):
    made, line = override_line(OVERRIDE_REASON)
    assert line.versions["en"] == (
        "Next step decided by the supervisor (the screening rules recommended: Schedule an "
        f"in-depth interview). Reason: {OVERRIDE_REASON}"
    )
    arabic_step = report_labels("ar").outcome(made.engine_outcome)
    assert arabic_step != report_labels("en").outcome(made.engine_outcome)
    assert unmarked(line.versions["ar"]) == (
        f"الخطوة التالية قرّرها المشرف (أوصت قواعد الفحص بما يلي: {arabic_step}). "
        f"السبب: {OVERRIDE_REASON}"
    )
    assert line.versions["fr"].endswith(f"Motif\u00a0: {OVERRIDE_REASON}")


def test_an_english_reason_in_a_right_to_left_sentence_holds_each_word_left_to_right() -> None:
    # The report breaks lines before reordering them: marks on every word keep a line's
    # trailing punctuation with its word whichever line it falls on.
    written = "Asked for a shelter today; calm (fictional)."
    _made, line = override_line(written)
    for lang in ("ar", "fa"):
        reason = line.versions[lang].rsplit(": ", 1)[1]
        assert reason.split(" ") == [f"{LRM}{word}{LRM}" for word in written.split(" ")]
    assert LRM not in line.versions["uk"] and RLM not in line.versions["en"]


def test_an_arabic_reason_in_an_english_sentence_holds_each_word_right_to_left() -> None:
    reason = "طلب مكانًا آمنًا اليوم."
    _made, line = override_line(reason)
    assert line.versions["en"].endswith(
        "Reason: " + " ".join(f"{RLM}{word}{RLM}" for word in reason.split())
    )
    assert line.versions["ar"].endswith(f"السبب: {reason}")


def test_an_indicator_the_labels_do_not_know_prints_as_its_id() -> None:
    made = record({"CD.documents_confiscated", "CD.debt_bondage"})
    result = dict(made.result)
    dimensions = {code: dict(value) for code, value in result["dimensions"].items()}
    dimensions["CD"]["indicators"] = ["CD.debt_bondage", "CD.zz_future_indicator"]
    result["dimensions"] = dimensions
    changed = replace(made, result=result)
    line: Text = referral_reasons(changed)[0]
    assert (
        line.versions["uk"] == "Примус у місці призначення: Боргова кабала; CD.zz_future_indicator."
    )
