"""``screening-app forms check``: output format, exit status, and partial checkouts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from screening_app.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAMPLE_FORM = FIXTURES / "forms" / "sample-screening.yaml"
SAMPLE_PO = FIXTURES / "po" / "forms" / "sample-screening"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SCREENING_APP_DATA_DIR", str(tmp_path))
    return tmp_path


def shipped_sample(data_dir: Path) -> None:
    (data_dir / "forms").mkdir(exist_ok=True)
    shutil.copyfile(SAMPLE_FORM, data_dir / "forms" / SAMPLE_FORM.name)
    catalogs = data_dir / "translations" / "forms" / "sample-screening"
    catalogs.mkdir(parents=True, exist_ok=True)
    for language in ("fr", "ar"):
        shutil.copyfile(SAMPLE_PO / f"{language}.po", catalogs / f"{language}.po")


def test_no_forms_and_no_catalogs_yet_is_clean(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["forms", "check"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "checked 0 forms and 0 catalogs: no problems\n"


def test_shipped_form_with_its_catalogs_is_clean(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped_sample(data_dir)
    (data_dir / "translations" / "languages.yaml").write_text("languages: []\n", encoding="utf-8")
    assert main(["forms", "check"]) == 0
    assert capsys.readouterr().err == "checked 1 form and 2 catalogs: no problems\n"


def test_catalog_whose_form_is_not_written_yet_is_one_problem(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped_sample(data_dir)
    orphan = data_dir / "translations" / "forms" / "in-depth-interview"
    orphan.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "po" / "ui" / "ar.po", orphan / "ar.po")
    assert main(["forms", "check"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{orphan / 'ar.po'}:1: no form 'in-depth-interview' to check this catalog against",
        f"{orphan / 'ar.po'}:12: msgid 'Save': a form message needs a msgctxt (its path)",
        f"{orphan / 'ar.po'}:15: msgid 'One case': a form message needs a msgctxt (its path)",
        f"{orphan / 'ar.po'}:25: msgid 'Case %(case_id)s saved at %(time)s': a form message "
        "needs a msgctxt (its path)",
    ]
    assert captured.err == "checked 1 form and 3 catalogs: 4 problems\n"


def test_shipped_catalog_is_checked_against_the_shipped_form(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped_sample(data_dir)
    form = data_dir / "forms" / SAMPLE_FORM.name
    form.write_text(
        form.read_text(encoding="utf-8").replace("Safety first", "Safety"), encoding="utf-8"
    )
    assert main(["forms", "check"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all("'safety.title': msgid is not the form's current text" in line for line in lines)


def test_files_given_print_file_line_message_and_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken = FIXTURES / "forms" / "broken" / "unknown-ids.yaml"
    assert main(["forms", "check", str(SAMPLE_FORM), str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == (
        f"{broken}:13: question 'locked_in': unknown indicator 'CD.isolatoin' "
        "(did you mean 'CD.isolation'?)"
    )
    assert len(captured.out.splitlines()) == 3
    assert captured.err == "checked 2 forms and 0 catalogs: 3 problems\n"


def test_catalog_given_with_its_form_is_checked_against_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken = FIXTURES / "po" / "broken" / "forms" / "sample-screening" / "fr.po"
    assert main(["forms", "check", str(broken), str(SAMPLE_FORM)]) == 1
    out = capsys.readouterr().out
    assert f"{broken}:51: obsolete entry 'safety.needs_nurse.text'" in out


def test_directory_argument_checks_forms_and_catalogs_inside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copyfile(SAMPLE_FORM, tmp_path / SAMPLE_FORM.name)
    (tmp_path / "translations" / "sample-screening").mkdir(parents=True)
    shutil.copyfile(SAMPLE_PO / "fr.po", tmp_path / "translations" / "sample-screening" / "fr.po")
    (tmp_path / "languages.yaml").write_text("languages: []\n", encoding="utf-8")
    assert main(["forms", "check", str(tmp_path)]) == 0
    assert capsys.readouterr().err == "checked 1 form and 1 catalog: no problems\n"


def test_json_output_lists_problems(capsys: pytest.CaptureFixture[str]) -> None:
    broken = FIXTURES / "forms" / "broken" / "syntax-error.yaml"
    assert main(["forms", "check", "--json", str(broken)]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert len(problems) == 1
    assert (problems[0]["file"], problems[0]["line"]) == (str(broken), 10)
    assert problems[0]["message"].startswith("YAML syntax error: ")


def test_missing_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nothing.yaml"
    assert main(["forms", "check", str(missing)]) == 2
    assert capsys.readouterr().err == f"screening-app: file not found: {missing}\n"


def test_other_file_kinds_are_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms", "check", __file__]) == 2
    assert "not a form (.yaml) or catalog (.po, .pot)" in capsys.readouterr().err
