"""Report labels: English sources, the unreviewed built-in table, caller-given translations."""

from __future__ import annotations

import re

import pytest

from screening_app.assess.model import OUTCOMES, SERVICE_IDS, URGENCIES
from screening_app.reports import labels
from screening_app.reports.label_translations import UNREVIEWED_TABLES
from screening_app.reports.labels import all_labels, report_labels

TABLE_LANGUAGES = ("fr", "it", "uk", "ru", "ar", "fa", "bn", "ti")

# The word for "victim" (and close forms) in each language of the built-in table.
VICTIM_WORDS = {
    "en": ["victim"],
    "fr": ["victime"],
    "it": ["vittima"],
    "uk": ["жертв", "потерпіл"],
    "ru": ["жертв", "потерпевш"],
    "ar": ["ضحية", "ضحايا"],
    "fa": ["قربانی"],
    "bn": ["ভুক্তভোগী", "ভিকটিম"],
    "ti": ["ግዳይ"],
}


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{[a-z_]+\}", text))


def test_the_built_in_table_covers_exactly_the_languages_it_promises() -> None:
    assert set(UNREVIEWED_TABLES) == set(TABLE_LANGUAGES)


@pytest.mark.parametrize("language", TABLE_LANGUAGES)
def test_every_label_has_a_non_empty_translation_and_nothing_else(language: str) -> None:
    table = UNREVIEWED_TABLES[language]
    assert set(table) == set(all_labels())
    assert all(value.strip() for value in table.values())


@pytest.mark.parametrize("language", TABLE_LANGUAGES)
def test_translations_keep_the_placeholders_of_their_source(language: str) -> None:
    for source, translation in UNREVIEWED_TABLES[language].items():
        assert placeholders(translation) == placeholders(source), source


@pytest.mark.parametrize("language", sorted(VICTIM_WORDS))
def test_no_label_calls_the_person_a_victim(language: str) -> None:
    texts = all_labels() if language == "en" else tuple(UNREVIEWED_TABLES[language].values())
    for text in texts:
        for word in VICTIM_WORDS[language]:
            assert word not in text.lower(), f"{language}: {text}"


def test_labels_name_every_outcome_urgency_and_service_of_the_assessment_engine() -> None:
    assert set(labels.OUTCOME_LABELS) == set(OUTCOMES)
    assert set(labels.URGENCY_LABELS) == set(URGENCIES)
    assert set(labels.SERVICE_LABELS) == set(SERVICE_IDS)


def test_a_language_of_the_table_uses_it_and_is_marked_unreviewed() -> None:
    ukrainian = report_labels("uk")
    assert ukrainian.unreviewed
    assert ukrainian(labels.CONFIDENTIAL) == "КОНФІДЕНЦІЙНО"
    assert ukrainian.page_of(2, 5) == "Сторінка 2 з 5"
    assert ukrainian.service("legal") == "Правова допомога"


def test_english_and_unknown_languages_print_reviewed_english() -> None:
    for code in ("en", "de"):
        english = report_labels(code)
        assert not english.unreviewed
        assert english(labels.OUTCOME) == "Recommended next step"
        assert english.page_of(1, 3) == "Page 1 of 3"


def test_a_translate_function_given_by_the_caller_replaces_the_table() -> None:
    catalog = {labels.CONFIDENTIAL: "CONFIDENZIALE"}
    italian = report_labels("it", lambda source: catalog.get(source, ""))
    assert not italian.unreviewed
    assert italian(labels.CONFIDENTIAL) == "CONFIDENZIALE"
    # An empty translation (gettext's answer for a missing entry in some set-ups) falls back.
    assert italian(labels.URGENCY) == "Urgency"


def test_a_recipient_kind_outside_the_table_prints_as_its_id() -> None:
    english = report_labels("en")
    assert english.recipient_kind("iom") == "International Organization for Migration"
    assert english.recipient_kind("regional_office") == "regional_office"


def test_all_labels_lists_each_source_once() -> None:
    sources = all_labels()
    assert len(sources) == len(set(sources))
    assert labels.CONFIDENTIAL in sources
    assert labels.SERVICE_LABELS["guardian"] in sources
