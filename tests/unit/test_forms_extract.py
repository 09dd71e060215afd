"""The babel extractor for forms: contexts, comments, and the pybabel command."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po

from screening_app.core.errors import FormError
from screening_app.forms.extract import extract_form
from screening_app.forms.loader import load_form
from screening_app.forms.messages import NOTE_COMMENT, form_messages

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "forms" / "sample-screening.yaml"


def test_extractor_yields_pgettext_calls_with_form_paths_as_context() -> None:
    with SAMPLE.open("rb") as stream:
        results = list(extract_form(stream, ["pgettext"], [], {}))
    first = results[0]
    assert first == (5, "pgettext", ("form.title", "Sample screening"), [])
    contexts = [message[0] for _, _, message, _ in results]
    assert "safety.feels_safe.text" in contexts
    assert "about_you.travelled_with.choices.organiser" in contexts
    assert "about_you.age_estimate.unit" in contexts
    assert len(contexts) == len(set(contexts)) == 30


def test_interviewer_notes_carry_the_not_read_aloud_comment() -> None:
    with SAMPLE.open("rb") as stream:
        results = {
            message[0]: comments for _, _, message, comments in extract_form(stream, [], [], {})
        }
    assert results["safety.feels_safe.note"] == [NOTE_COMMENT]
    assert NOTE_COMMENT == "interviewer-only, not read aloud"
    assert results["safety.feels_safe.text"] == []


def test_babel_extract_api_accepts_the_extractor_by_dotted_name() -> None:
    with SAMPLE.open("rb") as stream:
        found = list(extract("screening_app.forms.extract:extract_form", stream))
    by_context = {context: (line, msgid) for line, msgid, _, context in found}
    assert by_context["form.description"] == (
        6,
        "A short form that exercises every part of the format.",
    )
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    line, msgid = by_context["work.work_problems.choices.no_pay"]
    assert lines[line - 1].strip() == f"text: {msgid}"


def test_extractor_and_checker_agree_on_every_message() -> None:
    form = load_form(SAMPLE)
    with SAMPLE.open("rb") as stream:
        extracted = [message for _, _, message, _ in extract_form(stream, [], [], {})]
    assert extracted == [(message.context, message.text) for message in form_messages(form)]


def test_a_file_that_is_not_yaml_stops_extraction_with_its_line() -> None:
    stream = io.BytesIO(b"form: x\n  - broken: [\n")
    stream.name = "broken.yaml"
    with pytest.raises(FormError, match=r"broken\.yaml:\d+: YAML syntax error"):
        list(extract_form(stream, [], [], {}))


def test_pybabel_extract_with_the_project_mapping_writes_contexts(tmp_path: Path) -> None:
    (tmp_path / "forms").mkdir()
    shutil.copyfile(SAMPLE, tmp_path / "forms" / SAMPLE.name)
    shutil.copyfile(ROOT / "babel.cfg", tmp_path / "babel.cfg")
    output = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", "-o", str(output), "."],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    with output.open("rb") as stream:
        catalog = read_po(stream)
    message = catalog.get("Alone", context="about_you.travelled_with.choices.alone")
    assert message is not None
    note = catalog.get(
        "Ask away from anyone travelling with the person.", context="safety.feels_safe.note"
    )
    assert note is not None and note.auto_comments == [NOTE_COMMENT]
    assert len([m for m in catalog if m.id]) == 30
