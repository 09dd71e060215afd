"""``screening_app.about`` and ``--version``: versions and licences read from shipped files."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from screening_app import __version__
from screening_app.about import (
    LIBRARIES,
    UNKNOWN,
    about,
    about_text,
    font_notices,
    form_versions,
    library_notices,
)
from screening_app.assess import RULES_VERSION
from screening_app.cli import main
from screening_app.forms.loader import load_form
from screening_app.locations import forms_dir, resources_dir

ROOT = Path(__file__).resolve().parents[2]


def test_every_shipped_form_is_listed_with_the_version_the_form_loader_reads() -> None:
    expected = {}
    for path in sorted(forms_dir().glob("*.yaml")):
        form = load_form(path)
        expected[form.id] = form.version
    listed = {form.form_id: form.version for form in form_versions(forms_dir())}
    assert listed == expected
    assert len(listed) >= 2


def test_a_form_file_that_cannot_be_parsed_is_listed_without_a_version(tmp_path: Path) -> None:
    (tmp_path / "broken-form.yaml").write_text("form: [unclosed\n", encoding="utf-8")
    (tmp_path / "good-form.yaml").write_text(
        "form: good-form\nversion: 2.1.0\ntitle: Good\n", encoding="utf-8"
    )
    forms = form_versions(tmp_path)
    assert [(form.form_id, form.version) for form in forms] == [
        ("broken-form", UNKNOWN),
        ("good-form", "2.1.0"),
    ]


def test_each_bundled_font_family_has_its_readme_version_and_the_ofl_licence() -> None:
    fonts_folder = resources_dir() / "fonts"
    notices = {notice.family: notice for notice in font_notices(fonts_folder)}
    assert set(notices) == {
        "Noto Sans",
        "Noto Sans Arabic",
        "Noto Sans Ethiopic",
        "Noto Sans Bengali",
    }
    for notice in notices.values():
        assert re.fullmatch(r"\d+\.\d+", notice.version), notice
        assert notice.licence == "SIL Open Font License 1.1"
        assert (fonts_folder / notice.licence_file).is_file()
        assert all((fonts_folder / name).is_file() for name in notice.files)
    assert notices["Noto Sans Arabic"].version == "2.005"


def test_a_fonts_folder_without_licence_file_or_readme_says_unknown(tmp_path: Path) -> None:
    (tmp_path / "fonts.yaml").write_text(
        "families:\n  Some Sans:\n    regular: SomeSans-Regular.ttf\n", encoding="utf-8"
    )
    (notice,) = font_notices(tmp_path)
    assert (notice.family, notice.version, notice.licence) == ("Some Sans", UNKNOWN, UNKNOWN)
    assert notice.files == ("SomeSans-Regular.ttf",)


def test_every_runtime_dependency_in_pyproject_has_a_licence_entry() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = {_normalised(re.split(r"[<>=!~;\[ ]", spec)[0]) for spec in project["dependencies"]}
    listed = {_normalised(distribution) for distribution, _name, _licence in LIBRARIES}
    assert required <= listed, required - listed


def test_library_versions_are_the_installed_distributions() -> None:
    notices = {notice.name: notice for notice in library_notices()}
    assert notices["SQLAlchemy"].version == metadata.version("SQLAlchemy")
    assert notices["PySide6"].version == metadata.version("PySide6-Essentials")
    assert notices["PySide6"].licence.startswith("LGPL-3.0")
    assert notices["Python"].version == ".".join(map(str, sys.version_info[:3]))


def test_the_text_names_version_rules_forms_fonts_and_licences_one_per_line() -> None:
    text = about_text(about())
    lines = text.splitlines()
    assert lines[0] == f"screening-app {__version__}"
    assert f"Assessment rules {RULES_VERSION}" in lines
    assert any(
        re.fullmatch(r"  first-line-screening \d+\.\d+\.\d+ +First-line screening", line)
        for line in lines
    )
    assert any(line.startswith("  Noto Sans Arabic 2.005 ") and "OFL.txt" in line for line in lines)
    assert any(line.startswith("  fpdf2 ") and line.endswith("LGPL-3.0-only") for line in lines)


def test_version_option_prints_the_report_and_exits_zero(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert out == about_text()


def test_version_option_works_from_a_fresh_process_without_loading_qt() -> None:
    # At exit the child reports whether anything pulled Qt in: --version must not.
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('PySide6' in sys.modules, file=sys.stderr))\n"
        "from screening_app.cli import main\n"
        "main(['--version'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"screening-app {__version__}\n")
    assert done.stderr.strip() == "False"


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_an_optional_library_left_out_of_a_build_is_not_listed_as_unknown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import screening_app.about as about_module

    real = about_module._installed_version
    monkeypatch.setattr(
        about_module,
        "_installed_version",
        lambda name: UNKNOWN if name in ("psycopg", "openpyxl") else real(name),
    )
    names = {notice.name: notice.version for notice in library_notices()}
    assert "psycopg" not in names
    # A required library that cannot be found is still named, so the gap shows.
    assert names["openpyxl"] == UNKNOWN
