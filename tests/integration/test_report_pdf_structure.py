"""Rendered reports checked as files: fonts, pages, absent fields, layout, writing."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from screening_app.core.errors import ScreeningError, UsageError
from screening_app.reports import PersonBlock, Text, render_report, render_report_bytes
from screening_app.reports.samples import sample_report

# Distinctive, obviously fictional values: if they leak, nothing else could explain them.
FICTIONAL_NAME = "Quillon Vantrebb"
FICTIONAL_GENDER = "Xyloform-gender"
FICTIONAL_BIRTH = "1931-02"
POINTS_PER_MM = 72 / 25.4


def pdftotext(path: Path, *options: str) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(path), "-"], check=True, capture_output=True
    )
    return done.stdout.decode("utf-8")


def pdffonts(path: Path) -> list[dict[str, str]]:
    done = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    rows = []
    for line in done.stdout.splitlines()[2:]:
        parts = line.split()
        # name, type (2-3 words), encoding, emb, sub, uni, object, generation
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.mark.parametrize(
    ("languages", "families"),
    [
        (("en", None), {"NotoSans", "NotoSansBold"}),
        (("ar", "en"), {"NotoSans", "NotoSansBold", "NotoSansArabic", "NotoSansArabicBold"}),
        (("ti", None), {"NotoSans", "NotoSansBold", "NotoSansEthiopic", "NotoSansEthiopicBold"}),
        (("bn", "fa"), {"NotoSansBengali", "NotoSansArabic", "NotoSans"}),
    ],
)
def test_only_bundled_fonts_are_used_each_embedded_as_a_subset(
    tmp_path: Path, languages: tuple[str, str | None], families: set[str]
) -> None:
    path = render_report(sample_report(*languages), tmp_path / "report.pdf")
    fonts = pdffonts(path)
    names = {row["name"].split("+", 1)[1] for row in fonts}
    assert families <= names
    assert all(name.startswith("NotoSans") for name in names), names
    for row in fonts:
        assert (row["emb"], row["sub"], row["uni"]) == ("yes", "yes", "yes"), row


def to_unicode_targets(path: Path) -> list[str]:
    """Every character sequence the fonts' ToUnicode maps give to one glyph."""
    targets = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            cmap = font.get_object()["/ToUnicode"].get_data().decode("latin-1")
            for hex_text in re.findall(r"<[0-9A-F]+> <([0-9A-F]+)>", cmap):
                targets.append(bytes.fromhex(hex_text).decode("utf-16-be"))
    return targets


@pytest.mark.parametrize(("language", "cluster"), [("bn", "ক্ষ"), ("bn", "ন্ত"), ("ar", "لا")])
def test_complex_scripts_are_shaped_into_conjuncts_and_ligatures(
    tmp_path: Path, language: str, cluster: str
) -> None:
    """Shaping draws a Bengali conjunct or an Arabic lam-alef as one glyph; unshaped text
    would draw one glyph per character."""
    report = sample_report(language)
    report = replace(report, reasons=(*report.reasons, Text.of(language, f"{cluster} {cluster}")))
    path = render_report(report, tmp_path / "shaped.pdf")
    assert cluster in to_unicode_targets(path)


def test_arabic_letters_take_their_joined_forms(tmp_path: Path) -> None:
    """A joined Arabic letter uses a different glyph from its isolated form: the subset must
    hold more glyphs for 'ب' than the one the character map names."""
    report = replace(sample_report("ar"), reasons=(Text.of("ar", "ب بب ببب"),))
    path = render_report(report, tmp_path / "joined.pdf")
    assert to_unicode_targets(path).count("ب") >= 3


def test_page_x_of_y_is_right_on_every_page_of_a_long_report(tmp_path: Path) -> None:
    path = render_report(sample_report("uk", "en", repeat_answers=6), tmp_path / "long.pdf")
    pages = page_texts(path)
    total = len(pages)
    assert total >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text
        assert f"Сторінка {number} з {total}" in text
        assert "КОНФІДЕНЦІЙНО" in text
        assert "CASE-2025-0042" in text


def test_an_answer_longer_than_a_page_runs_on_over_the_next_pages(tmp_path: Path) -> None:
    long_answer = " ".join(f"word{n}" for n in range(1500))
    report = sample_report("en")
    item = replace(report.answers[2], answer=Text.of("en", long_answer))
    path = render_report(replace(report, answers=(item,)), tmp_path / "run-on.pdf")
    words = pdftotext(path).split()
    found = [word for word in words if word.startswith("word")]
    assert found == [f"word{n}" for n in range(1500)]
    assert len(PdfReader(path).pages) >= 3


def person_report(person: PersonBlock, language: str = "en") -> bytes:
    return render_report_bytes(replace(sample_report(language), person=person))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_field_left_none_is_absent_from_text_and_bytes(tmp_path: Path, language: str) -> None:
    shown = PersonBlock(
        display_name=FICTIONAL_NAME,
        date_of_birth=FICTIONAL_BIRTH,
        gender=Text.of("en", FICTIONAL_GENDER),
        nationality="ER",
    )
    hidden = PersonBlock(nationality="ER")
    with_fields = tmp_path / "shown.pdf"
    with_fields.write_bytes(person_report(shown, language))
    without = tmp_path / "hidden.pdf"
    data = person_report(hidden, language)
    without.write_bytes(data)

    # The control: set, the values are there and readable.
    shown_text = pdftotext(with_fields)
    assert FICTIONAL_NAME in shown_text
    assert FICTIONAL_GENDER in shown_text
    assert "1931" in shown_text
    # Left None, they are nowhere: not in the text, not in the bytes in any encoding.
    for reader in (pdftotext(without), "\n".join(page_texts(without))):
        for value in (FICTIONAL_NAME, FICTIONAL_GENDER, "1931", "Quillon"):
            assert value not in reader
    for value in (FICTIONAL_NAME, "Quillon", FICTIONAL_GENDER):
        for encoding in ("utf-8", "utf-16-be", "latin-1"):
            assert value.encode(encoding) not in data
    # Nor their labels: an absent field leaves no trace that it exists.
    english = pdftotext(without)
    if language == "en":
        assert "Date of birth" not in english
        assert "Gender" not in english
        assert "Nationality" in english


def test_a_person_block_with_nothing_consented_prints_no_person_heading(tmp_path: Path) -> None:
    path = tmp_path / "nobody.pdf"
    path.write_bytes(person_report(PersonBlock()))
    text = pdftotext(path)
    assert "Person" not in text.split()
    assert "Demo Person" not in text
    assert "Consent to share with law enforcement" in text


def test_law_enforcement_consent_is_stated_separately_either_way(tmp_path: Path) -> None:
    report = sample_report("en")
    for given, answer in ((False, "No"), (True, "Yes")):
        consent = replace(report.consent, law_enforcement=given)
        path = render_report(replace(report, consent=consent), tmp_path / "consent.pdf")
        lines = [line.strip() for line in pdftotext(path, "-layout").splitlines()]
        row = next(line for line in lines if line.startswith("Consent to share with law"))
        assert row.split()[-1] == answer


def word_boxes(path: Path) -> list[tuple[str, float, float]]:
    """(word, xMin, xMax) in points for the first page."""
    html = pdftotext(path, "-bbox", "-f", "1", "-l", "1")
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]+)</word>', html
    )
    return [(text, float(x0), float(x1)) for x0, x1, text in found]


def test_an_arabic_report_is_set_right_to_left_against_the_right_margin(tmp_path: Path) -> None:
    path = render_report(sample_report("ar"), tmp_path / "ar.pdf")
    boxes = word_boxes(path)
    # The page margin is 16 mm, and text stands 1 mm inside its cell.
    right_margin = PdfReader(path).pages[0].mediabox.width - 17 * POINTS_PER_MM
    title = [x1 for text, _, x1 in boxes if text in ("ريرقت", "تقرير")]
    assert title and abs(title[0] - right_margin) < 1.5
    # "الرقم المرجعي" (Reference): its first word stands at the right edge.
    labels = [x1 for text, _, x1 in boxes if text in ("مقرلا", "الرقم")]
    assert labels and abs(labels[0] - right_margin) < 1.5


def test_two_languages_stand_side_by_side_the_report_language_where_its_reading_starts(
    tmp_path: Path,
) -> None:
    for first, second, first_on_right in (("ar", "en", True), ("en", "ar", False)):
        path = render_report(sample_report(first, second), tmp_path / "pair.pdf")
        middle = PdfReader(path).pages[0].mediabox.width / 2
        boxes = word_boxes(path)
        english = [(x0, x1) for text, x0, x1 in boxes if text == "Recommended"]
        arabic = [(x0, x1) for text, x0, x1 in boxes if re.search("[\u0600-\u06ff]", text)]
        assert english and arabic
        body_arabic = arabic[1:]  # the first Arabic word is the page header
        if first_on_right:
            assert all(x1 < middle for _, x1 in english)
            assert all(x0 > middle for x0, _ in body_arabic)
        else:
            assert all(x0 < middle and x1 < middle for x0, x1 in english)
            assert all(x0 > middle for x0, _ in body_arabic)


def test_the_same_report_gives_the_same_bytes_in_a_fresh_process_and_a_warm_one() -> None:
    """Fonts and widths are cached between reports; the cache must change nothing."""
    warm = render_report_bytes(sample_report("ti", "ar"))
    render_report_bytes(sample_report("bn", "uk"))
    again = render_report_bytes(sample_report("ti", "ar"))
    script = (
        "import sys; from screening_app.reports import render_report_bytes; "
        "from screening_app.reports.samples import sample_report; "
        "sys.stdout.buffer.write(render_report_bytes(sample_report('ti', 'ar')))"
    )
    cold = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, env=dict(os.environ)
    ).stdout
    assert warm == again == cold


def test_a_report_is_written_whole_and_replaces_an_older_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old contents")
    render_report(sample_report("fa"), target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert target.read_bytes().rstrip().endswith(b"%%EOF")
    assert [path.name for path in tmp_path.iterdir()] == ["report.pdf"]
    # Confidential content: readable by its owner only, like every workspace file.
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_no_temporary_file_behind(tmp_path: Path) -> None:
    blocked = tmp_path / "is-a-directory"
    (blocked / "inside").mkdir(parents=True)
    with pytest.raises(ScreeningError, match="cannot write the report"):
        render_report(sample_report("en"), blocked)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["is-a-directory"]
    with pytest.raises(ScreeningError, match="cannot write the report into"):
        render_report(sample_report("en"), tmp_path / "missing" / "report.pdf")


def test_an_unknown_report_language_is_refused_before_any_file_is_made(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        replace(sample_report("en"), language="xx")
    assert list(tmp_path.iterdir()) == []


def test_a_caller_translation_replaces_the_unreviewed_note(tmp_path: Path) -> None:
    catalog = {"CONFIDENTIAL": "RISERVATO E CONFIDENZIALE"}
    data = render_report_bytes(
        sample_report("it"), translators={"it": lambda source: catalog.get(source, source)}
    )
    path = tmp_path / "it.pdf"
    path.write_bytes(data)
    text = pdftotext(path)
    assert "RISERVATO E CONFIDENZIALE" in text
    assert "unreviewed translation" not in text
    builtin = tmp_path / "it-builtin.pdf"
    render_report(sample_report("it"), builtin)
    assert "The labels of this report are an unreviewed translation." in pdftotext(builtin)


def test_a_character_no_bundled_font_has_is_not_written_to_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    report = sample_report("en")
    # No bundled font has Han or Armenian letters. An Armenian-only line is drawn without
    # shaping, where fpdf2 logs the missing characters themselves; a Han one with shaping.
    han = replace(report.answers[2], answer=Text.of("en", "Answer with 漢 in it"))
    armenian = replace(report.answers[3], answer=Text.of("en", "Բարեւ"))
    path = render_report(replace(report, answers=(han, armenian)), tmp_path / "odd.pdf")
    assert "Answer with" in pdftotext(path)
    messages = [record.getMessage() for record in caplog.records]
    joined = " ".join(messages)
    assert "report for case CASE-2025-0042: 6 character(s) have no glyph" in joined
    assert "has no glyph for some characters of a report (not shown)" in joined
    for message in messages:
        assert not set(message) & set("漢Բարեւ"), message
