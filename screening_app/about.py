"""What this copy of the application is made of, for ``--version`` and the settings screen.

The version of the application, of each shipped form and of the assessment rules, and the
licence of every bundled font and main library: what a centre quotes when it reports a
problem, and the notices the font and library licences ask a distributor to pass on.
Qt-free and workspace-free; reading it costs a few small files, nothing is imported from Qt.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from screening_app import __version__
from screening_app.locations import forms_dir, resources_dir

# (distribution, name shown, licence as SPDX expressions). Qt for Python is offered under
# several licences; this application uses it, and the Qt libraries, under the LGPL.
LIBRARIES: Final = (
    ("PySide6-Essentials", "PySide6", "LGPL-3.0-only (Qt for Python and the Qt libraries)"),
    ("shiboken6", "Shiboken6", "LGPL-3.0-only"),
    ("SQLAlchemy", "SQLAlchemy", "MIT"),
    ("alembic", "Alembic", "MIT"),
    ("cryptography", "cryptography", "Apache-2.0 OR BSD-3-Clause"),
    ("babel", "Babel", "BSD-3-Clause; its CLDR locale data: Unicode-3.0"),
    ("fpdf2", "fpdf2", "LGPL-3.0-only"),
    ("uharfbuzz", "uharfbuzz", "Apache-2.0; the HarfBuzz library inside: MIT"),
    ("platformdirs", "platformdirs", "MIT"),
    ("PyYAML", "PyYAML", "MIT"),
    ("openpyxl", "openpyxl", "MIT"),
    ("psycopg", "psycopg", "LGPL-3.0"),
)
# Left out of the desktop build (the NRM's PostgreSQL driver): named only where installed.
OPTIONAL_LIBRARIES: Final = frozenset({"psycopg"})
PYTHON_LICENCE: Final = "PSF-2.0"
UNKNOWN: Final = "unknown"

_LICENCE_NAMES: Final = (
    (re.compile(r"SIL Open Font License,? Version (\d+(?:\.\d+)?)"), "SIL Open Font License {}"),
    (re.compile(r"Apache License,? Version (\d+(?:\.\d+)?)"), "Apache License {}"),
)


@dataclass(frozen=True)
class FormVersion:
    form_id: str
    version: str
    title: str


@dataclass(frozen=True)
class FontNotice:
    family: str
    version: str
    files: tuple[str, ...]
    licence: str
    licence_file: str


@dataclass(frozen=True)
class LibraryNotice:
    name: str
    version: str
    licence: str


@dataclass(frozen=True)
class About:
    version: str
    forms: tuple[FormVersion, ...]
    rules_version: str
    fonts: tuple[FontNotice, ...]
    libraries: tuple[LibraryNotice, ...]


def about(forms_folder: Path | None = None, fonts_folder: Path | None = None) -> About:
    """Everything ``--version`` shows, read from the shipped files and package metadata."""
    from screening_app.assess import RULES_VERSION

    return About(
        version=__version__,
        forms=form_versions(forms_folder or forms_dir()),
        rules_version=RULES_VERSION,
        fonts=font_notices(fonts_folder or resources_dir() / "fonts"),
        libraries=library_notices(),
    )


def form_versions(folder: Path) -> tuple[FormVersion, ...]:
    """Id, version and title of every form file; a file that cannot be read says so."""
    import yaml  # only when versions are shown: the app's start does not need it

    found = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            data = None
        if not isinstance(data, dict):
            found.append(FormVersion(path.stem, UNKNOWN, "(cannot be read)"))
            continue
        found.append(
            FormVersion(
                str(data.get("form", path.stem)),
                str(data.get("version", UNKNOWN)),
                str(data.get("title", "")),
            )
        )
    return tuple(found)


def font_notices(folder: Path) -> tuple[FontNotice, ...]:
    """One notice per family in ``fonts.yaml``: its files, version and licence."""
    import yaml

    try:
        config = yaml.safe_load((folder / "fonts.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ()
    families = config.get("families", {}) if isinstance(config, dict) else {}
    versions = _font_versions(folder / "README.md")
    licence, licence_file = _font_licence(folder)
    notices = []
    for family, styles in families.items():
        files = tuple(str(name) for name in styles.values()) if isinstance(styles, dict) else ()
        version = next((versions[name] for name in files if name in versions), UNKNOWN)
        notices.append(FontNotice(str(family), version, files, licence, licence_file))
    return tuple(notices)


def _font_versions(readme: Path) -> dict[str, str]:
    """File name -> font version, from the table in the fonts folder's README."""
    try:
        lines = readme.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    table = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in lines
        if line.lstrip().startswith("|")
    ]
    header = next((row for row in table if "File" in row and "Font version" in row), None)
    if header is None:
        return {}
    file_at, version_at = header.index("File"), header.index("Font version")
    return {
        row[file_at]: row[version_at]
        for row in table
        if len(row) > max(file_at, version_at) and row[file_at].lower().endswith((".ttf", ".otf"))
    }


def _font_licence(folder: Path) -> tuple[str, str]:
    """The licence named in the folder's licence file, and that file's name."""
    for path in sorted(folder.glob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for pattern, name in _LICENCE_NAMES:
            match = pattern.search(text)
            if match:
                return name.format(match.group(1)), path.name
    return UNKNOWN, ""


def library_notices() -> tuple[LibraryNotice, ...]:
    """Python and the main libraries, with installed versions and licences."""
    python_version = ".".join(str(part) for part in sys.version_info[:3])
    return (
        LibraryNotice("Python", python_version, PYTHON_LICENCE),
        *(
            LibraryNotice(name, version, licence)
            for distribution, name, licence in LIBRARIES
            if (version := _installed_version(distribution)) != UNKNOWN
            or distribution not in OPTIONAL_LIBRARIES
        ),
    )


def _installed_version(distribution: str) -> str:
    # Imported here: it costs more than the rest of the command line's start-up together.
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return UNKNOWN


def about_text(info: About | None = None) -> str:
    """The plain-text report ``--version`` prints; its first line is ``screening-app X.Y.Z``."""
    info = info or about()
    forms = [(f"{form.form_id} {form.version}", form.title) for form in info.forms]
    fonts = [
        (f"{font.family} {font.version}", _with_file(font.licence, font.licence_file))
        for font in info.fonts
    ]
    libraries = [(f"{lib.name} {lib.version}", lib.licence) for lib in info.libraries]
    lines = [f"screening-app {info.version}", f"Assessment rules {info.rules_version}"]
    for heading, rows in (("Forms", forms), ("Fonts", fonts), ("Libraries", libraries)):
        lines += ["", f"{heading}:", *_columns(rows)]
    return "\n".join(lines) + "\n"


def _with_file(licence: str, file_name: str) -> str:
    return f"{licence}, see {file_name}" if file_name else licence


def _columns(rows: Sequence[tuple[str, str]]) -> list[str]:
    width = max((len(left) for left, _ in rows), default=0)
    return [f"  {left.ljust(width)}  {right}".rstrip() for left, right in rows]


class VersionAction(argparse.Action):
    """``--version``: print :func:`about_text` and stop, like argparse's own version action.

    argparse's version action re-wraps its text into one paragraph; this one keeps lines.
    """

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str = argparse.SUPPRESS,
        default: Any = argparse.SUPPRESS,
        help: str | None = "show the version of the app, forms and rules, the licences, and exit",
    ) -> None:
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        sys.stdout.write(about_text())
        sys.stdout.flush()
        parser.exit()
