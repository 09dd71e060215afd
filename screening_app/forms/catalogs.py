"""Checks of gettext catalogs against the project's conventions, and compiling them.

Conventions (docs/forms.md, "Translations"):

- form catalogs live at ``translations/forms/<form-id>/<lang>.po`` (template
  ``<form-id>.pot``), UI catalogs at ``translations/ui/<lang>.po``;
- a form message's ``msgctxt`` is the string's path in the form, its ``msgid`` the
  English text;
- headers: ``Language`` (the file's name), ``Plural-Forms`` exactly as babel gives for the
  language, ``X-Translation-Complete: yes|no``, ``X-Translation-Review: reviewed|unreviewed``;
- a complete catalog has no empty translation and no fuzzy entry; placeholders match;
- the shared phrases catalog ``translations/forms/interview-common/<lang>.po`` has no form:
  its contexts are the keys of ``screening_app.i18n.phrases``, its msgids their English.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileParser

from screening_app.core.errors import FormError
from screening_app.forms.messages import form_messages
from screening_app.forms.model import Form
from screening_app.forms.placeholders import placeholder_mismatch
from screening_app.forms.plural_forms import parse_plural_forms, same_plural_rule
from screening_app.forms.po_scan import PoScan, scan_po
from screening_app.forms.problems import Problem, sorted_problems

COMPLETE_HEADER = "x-translation-complete"
REVIEW_HEADER = "x-translation-review"
COMPLETE_VALUES = ("yes", "no")
REVIEW_VALUES = ("reviewed", "unreviewed")
REVIEWED_COMMENT = "reviewed"
_HEADER_TITLES = {COMPLETE_HEADER: "X-Translation-Complete", REVIEW_HEADER: "X-Translation-Review"}


@dataclass
class _Check:
    """One catalog being checked: its file, scan, parsed catalog and the problems so far."""

    path: Path
    scan: PoScan
    problems: list[Problem] = field(default_factory=list)

    @property
    def file(self) -> str:
        return str(self.path)

    @property
    def is_template(self) -> bool:
        return self.path.suffix == ".pot"

    @property
    def complete(self) -> bool:
        header = self.scan.header.get(COMPLETE_HEADER)
        return header is not None and header.value == "yes"

    def add(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, line or self.scan.header_line, message))


@dataclass(frozen=True)
class _Source:
    """One string a catalog must translate: its English text and where it is written."""

    text: str
    where: str


@dataclass(frozen=True)
class _Sources:
    """The strings a catalog translates, by context, and how problems name their owner."""

    by_context: Mapping[str, _Source]
    owner: str  # "form 'x'" or "the phrases table"
    current: str  # what a stale msgid differs from


def check_catalog(path: Path, form: Form | None) -> list[Problem]:
    """Every problem in the catalog at ``path``; ``form`` is the form it translates, if any."""
    sources = _form_sources(form) if form is not None else None
    return _check_file(path, sources, is_form_catalog=form is not None or _in_forms_tree(path))


def check_phrases_catalog(path: Path, phrases: Mapping[str, str], origin: str) -> list[Problem]:
    """Every problem in a catalog of the shared interview phrases (``interview-common``).

    ``phrases`` maps each key (the ``msgctxt``) to its English text (the ``msgid``);
    ``origin`` names where the table is written, for the messages.
    """
    by_context = {key: _Source(text, origin) for key, text in phrases.items()}
    return _check_file(
        path,
        _Sources(by_context, "the phrases table", "the phrase's current English"),
        is_form_catalog=True,
    )


def _check_file(path: Path, sources: _Sources | None, *, is_form_catalog: bool) -> list[Problem]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [Problem(str(path), 1, "file not found")]
    except UnicodeDecodeError as exc:
        return [Problem(str(path), 1, f"not UTF-8 text (byte {exc.start})")]
    check = _Check(path, scan_po(text))
    if not check.is_template:
        _check_headers(check)
    catalog = _parse(text, check)
    if catalog is not None:
        _check_messages(catalog, check, is_form_catalog=is_form_catalog)
        _check_duplicates(check)
        if sources is not None:
            _check_against_sources(catalog, sources, check)
    return sorted_problems(check.problems)


def read_catalog(path: Path) -> Catalog:
    """The catalog at ``path``; raises ``FormError`` naming the line of a malformed entry."""
    text = path.read_text(encoding="utf-8")
    check = _Check(path, PoScan())
    catalog = _parse(text, check)
    if catalog is None or check.problems:
        raise FormError("; ".join(str(problem) for problem in check.problems))
    return catalog


def compile_catalog(po_path: Path, mo_path: Path | None = None) -> Path:
    """Compile a .po to .mo (next to it unless ``mo_path`` is given); fuzzy entries are left out."""
    target = mo_path or po_path.with_suffix(".mo")
    catalog = read_catalog(po_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as stream:
        write_mo(stream, catalog, use_fuzzy=False)
    return target


def compile_catalogs(root: Path) -> list[Path]:
    """Compile every .po under ``root`` next to itself; returns the .mo files written."""
    return [compile_catalog(po_path) for po_path in sorted(root.rglob("*.po"))]


def reviewed_entry(message: Message) -> bool:
    """Whether a translator marked this one entry reviewed (``# reviewed``)."""
    return any(comment.strip() == REVIEWED_COMMENT for comment in message.user_comments)


# -- parsing ---------------------------------------------------------------------------


class _CollectingParser(PoFileParser):
    """Babel's parser, recording malformed lines as problems instead of printing them."""

    def __init__(self, catalog: Catalog, check: _Check) -> None:
        super().__init__(catalog, ignore_obsolete=True, abort_invalid=False)
        self.check = check

    def _invalid_pofile(self, line: str, lineno: int, msg: str) -> None:
        self.check.add(lineno + 1, f"malformed entry: {msg}")


def _parse(text: str, check: _Check) -> Catalog | None:
    catalog = Catalog()
    try:
        _CollectingParser(catalog, check).parse(io.StringIO(text))
    except ValueError as exc:  # e.g. a Language header babel cannot parse
        check.add(check.scan.header_line, f"cannot read the catalog: {exc}")
        return None
    return catalog


# -- headers ---------------------------------------------------------------------------


def _check_headers(check: _Check) -> None:
    language = _check_language(check)
    if language is not None:
        _check_plural_forms(check, language)
    for name, allowed in ((COMPLETE_HEADER, COMPLETE_VALUES), (REVIEW_HEADER, REVIEW_VALUES)):
        header = check.scan.header.get(name)
        title = _HEADER_TITLES[name]
        if header is None:
            check.add(check.scan.header_line, f"missing header '{title}: {'|'.join(allowed)}'")
        elif header.value not in allowed:
            check.add(header.line, f"{title} must be {' or '.join(allowed)}, not '{header.value}'")


def _check_language(check: _Check) -> str | None:
    header = check.scan.header.get("language")
    if header is None or not header.value:
        check.add(check.scan.header_line, "missing header 'Language'")
        return None
    language = header.value.replace("-", "_")
    if language != check.path.stem.replace("-", "_"):
        check.add(
            header.line,
            f"Language '{header.value}' does not match the file name '{check.path.name}'",
        )
    return language


def _check_plural_forms(check: _Check, language: str) -> None:
    try:
        expected = get_plural(language)
    except (UnknownLocaleError, ValueError):
        language_header = check.scan.header["language"]
        check.add(language_header.line, f"unknown language code '{language_header.value}'")
        return
    header = check.scan.header.get("plural-forms")
    wanted = expected.plural_forms
    if header is None:
        check.add(check.scan.header_line, f"missing header 'Plural-Forms: {wanted}'")
        return
    found = parse_plural_forms(header.value)
    if found is None:
        check.add(header.line, f"Plural-Forms is malformed; for '{language}' use '{wanted}'")
    elif found[0] != expected.num_plurals:
        check.add(
            header.line,
            f"Plural-Forms has nplurals={found[0]}, but '{language}' has "
            f"{expected.num_plurals} plural forms; use '{wanted}'",
        )
    elif not same_plural_rule(found[1], expected.plural_expr, expected.num_plurals):
        check.add(
            header.line, f"Plural-Forms rule differs from babel's for '{language}'; use '{wanted}'"
        )


# -- entries ---------------------------------------------------------------------------


def _check_messages(catalog: Catalog, check: _Check, is_form_catalog: bool) -> None:
    for message in catalog:
        if not message.id:
            continue  # the header
        label = _label(message)
        if is_form_catalog and not message.context:
            check.add(message.lineno, f"{label}: a form message needs a msgctxt (its path)")
        translations = _translations(message)
        if check.complete and not check.is_template:
            _check_complete(message, translations, check, label)
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        percent = "python-format" in message.flags
        mismatch = placeholder_mismatch(sources, translations, percent)
        if mismatch is not None:
            check.add(message.lineno, f"{label}: placeholders differ: {mismatch}")


def _check_complete(message: Message, translations: list[str], check: _Check, label: str) -> None:
    if message.fuzzy:
        check.add(message.lineno, f"{label}: fuzzy entry in a catalog marked complete")
    empty = [index for index, text in enumerate(translations) if not text]
    if not empty:
        return
    if len(translations) == 1:
        check.add(message.lineno, f"{label}: empty msgstr in a catalog marked complete")
    else:
        forms = ", ".join(f"msgstr[{index}]" for index in empty)
        check.add(message.lineno, f"{label}: empty {forms} in a catalog marked complete")


def _check_duplicates(check: _Check) -> None:
    first: dict[str, int] = {}
    for context, line in check.scan.contexts:
        if context in first:
            check.add(line, f"'{context}': duplicate entry (first at line {first[context]})")
        else:
            first[context] = line


def _form_sources(form: Form) -> _Sources:
    form_file = str(form.path) if form.path is not None else form.id
    by_context = {
        message.context: _Source(message.text, f"{form_file}:{message.line}")
        for message in form_messages(form)
    }
    return _Sources(by_context, f"form '{form.id}'", "the form's current text")


def _check_against_sources(catalog: Catalog, sources: _Sources, check: _Check) -> None:
    expected = sources.by_context
    present: set[str] = set()
    for message in catalog:
        if not message.id or not message.context:
            continue
        present.add(message.context)
        wanted = expected.get(message.context)
        if wanted is None:
            check.add(
                message.lineno,
                f"obsolete entry '{message.context}': {sources.owner} has no such string",
            )
        elif message.id != wanted.text:
            check.add(
                message.lineno,
                f"'{message.context}': msgid is not {sources.current} ({wanted.where}); "
                "update it and its translation",
            )
    for context, wanted in expected.items():
        if context not in present:
            check.add(
                check.scan.header_line, f"missing translation for '{context}' ({wanted.where})"
            )


def _translations(message: Message) -> list[str]:
    if isinstance(message.string, str):
        return [message.string]
    return [str(text) for text in message.string or ()]


def _label(message: Message) -> str:
    if message.context:
        return f"'{message.context}'"
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    short = msgid if len(msgid) <= 40 else msgid[:37] + "..."
    return f"msgid '{short}'"


def _in_forms_tree(path: Path) -> bool:
    """``.../forms/<form-id>/<file>``: a form catalog even when its form is not at hand."""
    return path.parent.parent.name == "forms"
