"""FormTexts: translations of a form with English fallback and review state, on real files."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from screening_app.core.errors import FormError, UsageError
from screening_app.i18n import FormTexts, form_catalog_path, load_catalog
from screening_app.locations import forms_dir

HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: screening-app form demo-form 1.0.0\\n"
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"X-Translation-Complete: {complete}\\n"
"X-Translation-Review: {review}\\n"
"""

ENTRIES = """
msgctxt "safety.feels_safe.text"
msgid "Do you feel safe here, right now?"
msgstr "Vous sentez-vous en sécurité ici, maintenant ?"

# reviewed
msgctxt "safety.needs_doctor.text"
msgid "Do you need a doctor or medicine right now?"
msgstr "Avez-vous besoin d'un médecin ou de médicaments maintenant ?"

msgctxt "safety.age.text"
msgid "How old are you?"
msgstr ""

#, fuzzy
msgctxt "safety.age.help"
msgid "Your best guess is fine."
msgstr "Une estimation suffit."

msgctxt "journey.nationality.text"
msgid "What is your nationality?"
msgstr "Quelle est votre nationalité ?"
"""


def write_catalog(root: Path, *, complete: str = "no", review: str = "unreviewed") -> Path:
    path = root / "forms" / "demo-form" / "fr.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(complete=complete, review=review) + ENTRIES, encoding="utf-8")
    return path


class _CatalogKeepingReviewHeaders(Catalog):
    """babel writes only the headers it knows; a compiler must add the review headers."""

    extra: tuple[tuple[str, str], ...] = ()

    def _with_extra(self) -> list[tuple[str, str]]:
        return [*self._get_mime_headers(), *self.extra]

    mime_headers = property(_with_extra, Catalog._set_mime_headers)


def compile_catalog(po_path: Path, *, keep_review_headers: bool = False) -> Path:
    with po_path.open("rb") as stream:
        catalog = read_po(stream)
    if keep_review_headers:
        kept = _CatalogKeepingReviewHeaders(locale="fr")
        kept.extra = (("X-Translation-Complete", "yes"), ("X-Translation-Review", "unreviewed"))
        for message in catalog:
            if message.id:
                kept[message.id] = message
        catalog = kept
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    mo_path = po_path.with_suffix(".mo")
    mo_path.write_bytes(buffer.getvalue())
    return mo_path


def test_a_translated_entry_is_used(tmp_path: Path) -> None:
    write_catalog(tmp_path)
    texts = FormTexts("demo-form", "fr", root=tmp_path)
    source = "Do you feel safe here, right now?"
    assert texts.text("safety.feels_safe.text", source).startswith("Vous sentez-vous")


@pytest.mark.parametrize(
    ("context", "source"),
    [
        ("safety.age.text", "How old are you?"),  # empty msgstr
        ("safety.age.help", "Your best guess is fine."),  # fuzzy
        ("closing.anything_else.text", "Anything else?"),  # no entry
        ("journey.nationality.text", "Which country are you a citizen of?"),  # older English
    ],
)
def test_missing_empty_fuzzy_or_stale_entries_fall_back_to_english(
    tmp_path: Path, context: str, source: str
) -> None:
    write_catalog(tmp_path)
    texts = FormTexts("demo-form", "fr", root=tmp_path)
    assert texts.text(context, source) == source
    assert not texts.is_unreviewed(context, source)


def test_entries_of_an_unreviewed_catalog_are_unreviewed_unless_marked(tmp_path: Path) -> None:
    write_catalog(tmp_path)
    texts = FormTexts("demo-form", "fr", root=tmp_path)
    assert texts.unreviewed
    assert texts.is_unreviewed("safety.feels_safe.text")
    assert not texts.is_unreviewed("safety.needs_doctor.text")


def test_a_reviewed_catalog_has_no_unreviewed_entry(tmp_path: Path) -> None:
    write_catalog(tmp_path, complete="yes", review="reviewed")
    texts = FormTexts("demo-form", "fr", root=tmp_path)
    assert not texts.unreviewed
    assert texts.complete
    assert not texts.is_unreviewed("safety.feels_safe.text")


def test_catalog_headers_give_completeness(tmp_path: Path) -> None:
    write_catalog(tmp_path, complete="no")
    texts = FormTexts("demo-form", "fr", root=tmp_path)
    assert texts.available and not texts.complete


def test_a_language_without_catalog_shows_english(tmp_path: Path) -> None:
    texts = FormTexts("demo-form", "ti", root=tmp_path)
    assert not texts.available and not texts.complete and not texts.unreviewed
    assert texts.text("safety.feels_safe.text", "Safe?") == "Safe?"
    assert not texts.is_unreviewed("safety.feels_safe.text")


def test_a_compiled_catalog_alone_is_used_with_its_review_headers(tmp_path: Path) -> None:
    po_path = write_catalog(tmp_path, complete="yes", review="unreviewed")
    compile_catalog(po_path, keep_review_headers=True)
    po_path.unlink()
    texts = FormTexts("demo-form", "fr", root=tmp_path)
    source = "Do you feel safe here, right now?"
    assert texts.text("safety.feels_safe.text", source).startswith("Vous sentez-vous")
    assert texts.complete and texts.unreviewed
    # Per-entry review comments are not compiled, so the entry counts as unreviewed.
    assert texts.is_unreviewed("safety.needs_doctor.text")


def test_a_compiled_catalog_without_review_headers_counts_as_unreviewed(tmp_path: Path) -> None:
    po_path = write_catalog(tmp_path, complete="yes", review="reviewed")
    compile_catalog(po_path)
    po_path.unlink()
    texts = FormTexts("demo-form", "fr", root=tmp_path)
    assert texts.available and texts.unreviewed and not texts.complete


def test_the_interface_prefers_a_fresh_compiled_catalog(tmp_path: Path) -> None:
    po_path = write_catalog(tmp_path)
    mo_path = compile_catalog(po_path)
    assert load_catalog(po_path, prefer_compiled=True).path == mo_path  # type: ignore[union-attr]
    assert load_catalog(po_path, prefer_compiled=False).path == po_path  # type: ignore[union-attr]


def test_a_stale_compiled_catalog_is_ignored(tmp_path: Path) -> None:
    po_path = write_catalog(tmp_path)
    mo_path = compile_catalog(po_path)
    older = po_path.stat().st_mtime_ns - 10_000_000_000
    os.utime(mo_path, ns=(older, older))
    assert load_catalog(po_path, prefer_compiled=True).path == po_path  # type: ignore[union-attr]


def test_an_edited_catalog_is_read_again(tmp_path: Path) -> None:
    po_path = write_catalog(tmp_path)
    source = "How old are you?"
    assert FormTexts("demo-form", "fr", root=tmp_path).text("safety.age.text", source) == source
    edited = po_path.read_text(encoding="utf-8").replace(
        'msgid "How old are you?"\nmsgstr ""',
        'msgid "How old are you?"\nmsgstr "Quel âge avez-vous ?"',
    )
    po_path.write_text(edited, encoding="utf-8")
    texts = FormTexts("demo-form", "fr", root=tmp_path)
    assert texts.text("safety.age.text", source) == "Quel âge avez-vous ?"


def test_a_broken_catalog_is_a_form_error_naming_the_file(tmp_path: Path) -> None:
    po_path = write_catalog(tmp_path)
    po_path.write_text('msgid "a"\nmsgstr "b"\nnot a keyword\n', encoding="utf-8")
    with pytest.raises(FormError) as raised:
        FormTexts("demo-form", "fr", root=tmp_path)
    assert str(po_path) in str(raised.value)


@pytest.mark.parametrize(("form_id", "lang"), [("../etc", "fr"), ("Demo", "fr"), ("demo", "../x")])
def test_form_ids_and_language_codes_cannot_leave_the_catalog_tree(
    tmp_path: Path, form_id: str, lang: str
) -> None:
    with pytest.raises(UsageError):
        form_catalog_path(form_id, lang, tmp_path)


@pytest.mark.parametrize("form_id", ["first-line-screening", "in-depth-interview"])
def test_shipped_english_catalogs_give_the_form_text_and_are_reviewed(form_id: str) -> None:
    form = yaml.safe_load((forms_dir() / f"{form_id}.yaml").read_text(encoding="utf-8"))
    texts = FormTexts(form_id, "en")
    assert texts.available and texts.complete and not texts.unreviewed
    for section in form["sections"]:
        for question in section["questions"]:
            context = f"{section['id']}.{question['id']}.text"
            assert texts.text(context, question["text"]) == question["text"]
            assert not texts.is_unreviewed(context, question["text"])
