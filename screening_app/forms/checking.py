"""Checking forms and catalogs together, as ``screening-app forms check`` does.

A form catalog is checked against its form, found by the catalog's directory name
(``translations/forms/<form-id>/<lang>.po``): among the files given first, then in the
shipped ``forms/`` directory. The shared phrases catalog
(``translations/forms/interview-common/``) has no form: it is checked against the phrases
table of ``screening_app.i18n.phrases``. Missing directories are not an error: a checkout
where the instruments are still being written checks what exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from screening_app.core.errors import UsageError
from screening_app.forms.catalogs import check_catalog, check_phrases_catalog
from screening_app.forms.loader import read_form
from screening_app.forms.model import Form
from screening_app.forms.problems import Problem, sorted_problems
from screening_app.i18n import phrases

FORM_SUFFIXES = (".yaml", ".yml")
CATALOG_SUFFIXES = (".po", ".pot")


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    forms: int = 0
    catalogs: int = 0

    def finish(self) -> CheckResult:
        self.problems = sorted_problems(self.problems)
        return self


@dataclass
class _Run:
    forms_dir: Path
    result: CheckResult = field(default_factory=CheckResult)
    forms: dict[str, Form] = field(default_factory=dict)

    def check_form(self, path: Path) -> None:
        form, problems = read_form(path)
        self.result.forms += 1
        self.result.problems.extend(problems)
        if form is not None and form.id:
            self.forms.setdefault(form.id, form)

    def check_catalog(self, path: Path) -> None:
        self.result.catalogs += 1
        form_id = path.parent.name
        if form_id == phrases.CATALOG:
            origin = phrases.__name__
            self.result.problems.extend(check_phrases_catalog(path, phrases.PHRASES, origin))
            return
        form = self.forms.get(form_id) or self._shipped_form(form_id)
        if form is None and path.parent.parent.name == "forms":
            self.result.problems.append(
                Problem(str(path), 1, f"no form '{form_id}' to check this catalog against")
            )
        self.result.problems.extend(check_catalog(path, form))

    def _shipped_form(self, form_id: str) -> Form | None:
        if form_id == "ui":
            return None
        for suffix in FORM_SUFFIXES:
            candidate = self.forms_dir / f"{form_id}{suffix}"
            if candidate.is_file():
                form, _ = read_form(candidate)
                if form is not None:
                    self.forms[form_id] = form
                    return form
        return None


def check_tree(forms_dir: Path, translations_dir: Path) -> CheckResult:
    """Every form in ``forms_dir`` and every catalog under ``translations_dir``."""
    run = _Run(forms_dir)
    for path in _files(forms_dir, FORM_SUFFIXES, recursive=False):
        run.check_form(path)
    for path in _files(translations_dir, CATALOG_SUFFIXES, recursive=True):
        run.check_catalog(path)
    return run.result.finish()


def check_paths(paths: Sequence[Path], forms_dir: Path) -> CheckResult:
    """The given files (forms first, so catalogs among them find their form); a directory
    stands for the forms and catalogs in it."""
    files = list(_expand(paths))
    run = _Run(forms_dir)
    for path in files:
        if path.suffix in FORM_SUFFIXES:
            run.check_form(path)
    for path in files:
        if path.suffix in CATALOG_SUFFIXES:
            run.check_catalog(path)
    return run.result.finish()


def _expand(paths: Sequence[Path]) -> Iterable[Path]:
    for path in paths:
        if path.is_dir():
            found = _files(path, FORM_SUFFIXES + CATALOG_SUFFIXES, recursive=True)
            yield from (item for item in found if item.suffix in CATALOG_SUFFIXES or _is_form(item))
        elif not path.exists():
            raise UsageError(f"file not found: {path}")
        elif path.suffix in FORM_SUFFIXES + CATALOG_SUFFIXES:
            yield path
        else:
            raise UsageError(f"not a form (.yaml) or catalog (.po, .pot): {path}")


def _is_form(path: Path) -> bool:
    """A YAML file that declares a form (other YAML, like languages.yaml, is not checked)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True  # let the form check report why it cannot be read
    return any(line.startswith("form:") for line in text.splitlines())


def _files(directory: Path, suffixes: tuple[str, ...], recursive: bool) -> list[Path]:
    if not directory.is_dir():
        return []
    candidates = directory.rglob("*") if recursive else directory.iterdir()
    return sorted(path for path in candidates if path.is_file() and path.suffix in suffixes)
