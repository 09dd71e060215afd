"""Rendered reports read back with poppler's pdftotext and with pypdf.

Each language's sentences must come back in logical order (the order they are read in),
which is what search, copy and assistive tools see.

Known limits of the two readers, allowed for here and nowhere else:
- pdftotext on Arabic script reverses the two letters of a lam-alef ligature and may move
  punctuation-separated runs of one line around each other. Arabic and Farsi are therefore
  compared run by run (between punctuation marks) with lam-alef pairs made order-free;
  pypdf, which reads them exactly, is compared word for word on the whole sentence.
- pypdf prints stray ASCII characters for the shaped Bengali glyphs that stand for no
  character of their own (fpdf2 gives them no Unicode mapping); characters outside the
  expected sentence's alphabet are dropped before comparing. pdftotext, which reads the
  lines' ActualText, is compared exactly.
"""

from __future__ import annotations

import logging
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from screening_app.reports import render_report
from screening_app.reports.samples import sample_report, sample_text

LANGUAGES = ("ar", "fa", "ti", "bn", "uk", "en")
RTL = {"ar", "fa"}

# Sample sentences checked in every language: a question, a free-text answer of two
# sentences, a reason with inner punctuation, and the report title.
SENTENCE_KEYS = ("q_paid", "a_paid", "r_combination", "q_leave")
TITLES = {
    "ar": "تقرير إحالة",
    "fa": "گزارش ارجاع",
    "ti": "ናይ ምልኣኽ ጸብጻብ",
    "bn": "রেফারেল প্রতিবেদন",
    "uk": "Звіт про перенаправлення",
    "en": "Referral report",
}

# Direction marks readers add, and the list bullet, which readers attach to either end of
# a right-to-left line: neither is part of the sentence.
NOT_CONTENT = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069•")
)
LAM_AND_ALEF = dict.fromkeys(map(ord, "لاأإآ"))
PHRASE_BREAK = re.compile(r"[.،,:؟?!;]")


def pdftotext(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    )
    return done.stdout.decode("utf-8")


def pypdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def words(text: str) -> list[str]:
    return text.translate(NOT_CONTENT).split()


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    """True if ``needle`` occurs in ``haystack`` as consecutive words, in this order."""
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def without_lam_alef(text: str) -> str:
    """pdftotext may swap the letters of a lam-alef ligature: compare without them."""
    return text.translate(LAM_AND_ALEF)


def bengali_only(text: str, alphabet: set[str]) -> str:
    """Drop pypdf's stray characters for glyphs without a character (see module notes)."""
    return "".join(c for c in text if "\u0980" <= c <= "\u09ff" or c in " \n" or c in alphabet)


def phrases(sentence: str) -> list[list[str]]:
    return [words(part) for part in PHRASE_BREAK.split(sentence) if part.strip()]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    paths = {}
    for language in LANGUAGES:
        paths[language] = render_report(sample_report(language), folder / f"{language}.pdf")
    return paths


def expected(language: str) -> list[str]:
    return [sample_text(key, language) for key in SENTENCE_KEYS] + [TITLES[language]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_pypdf_reads_every_sentence_in_logical_order(
    rendered: dict[str, Path], language: str
) -> None:
    text = pypdf_text(rendered[language])
    for sentence in expected(language):
        read = bengali_only(text, set(sentence)) if language == "bn" else text
        assert contains_run(words(read), words(sentence)), sentence


@pytest.mark.parametrize("language", sorted(set(LANGUAGES) - RTL))
def test_pdftotext_reads_every_sentence_exactly_in_logical_order(
    rendered: dict[str, Path], language: str
) -> None:
    text = words(pdftotext(rendered[language]))
    for sentence in expected(language):
        assert contains_run(text, words(sentence)), sentence


@pytest.mark.parametrize("language", sorted(RTL))
def test_pdftotext_reads_right_to_left_sentences_in_logical_order_run_by_run(
    rendered: dict[str, Path], language: str
) -> None:
    raw = without_lam_alef(PHRASE_BREAK.sub(" ", pdftotext(rendered[language])))
    text = words(raw)
    for sentence in expected(language):
        for phrase in phrases(without_lam_alef(sentence)):
            assert contains_run(text, phrase), " ".join(phrase)


@pytest.mark.parametrize("language", sorted(RTL))
def test_right_to_left_words_are_not_stored_backwards(
    rendered: dict[str, Path], language: str
) -> None:
    """The reversed spelling of a long word must not appear: that is what a renderer
    without bidi support produces."""
    text = pypdf_text(rendered[language]) + pdftotext(rendered[language])
    for word in words(sample_text("q_paid", language)):
        if len(word) > 3 and "ل" not in word:
            assert word[::-1] not in text, word


def test_header_says_confidential_in_the_report_language_and_in_english(
    rendered: dict[str, Path],
) -> None:
    confidential = {"ar": "سري", "ti": "ምስጢራዊ", "bn": "গোপনীয়", "uk": "КОНФІДЕНЦІЙНО"}
    for language, word in confidential.items():
        text = pdftotext(rendered[language])
        pages = len(PdfReader(rendered[language]).pages)
        assert text.count(word) >= pages, language
        assert text.count("CONFIDENTIAL") >= pages, language


def test_two_column_reports_carry_both_languages_in_order(tmp_path: Path) -> None:
    for first, second in (("ar", "en"), ("en", "ti"), ("uk", "fa")):
        path = render_report(sample_report(first, second), tmp_path / f"{first}-{second}.pdf")
        text = words(pypdf_text(path))
        for language in (first, second):
            question = words(sample_text("q_leave", language))
            assert contains_run(text, question), (first, second, language)


def test_no_glyph_is_missing_in_any_language_pair(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    pairs = [(a, b) for a in LANGUAGES for b in (None, "en", "ti", "ar") if a != b]
    for first, second in pairs:
        render_report(sample_report(first, second), tmp_path / "pair.pdf")
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
