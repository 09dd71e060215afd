"""Builds the form model from YAML nodes, checking shape, types and ids on the way.

The builder is lenient: a broken question is left out and reported, the rest is built, so
one run names every problem and the extractor can still read a half-finished form.
Cross-question checks (conditions) come afterwards, in ``semantics``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import Node

from screening_app.assess.indicators import FLAG_IDS, INDICATOR_IDS
from screening_app.forms.expr_ast import KEYWORDS
from screening_app.forms.expr_lexer import ExpressionError
from screening_app.forms.expr_parser import parse_expression
from screening_app.forms.model import (
    Choice,
    Condition,
    Form,
    Question,
    QuestionType,
    Raise,
    Section,
)
from screening_app.forms.node_reader import NodeReader, line_of, peek_id, suggestion

FORM_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ELEMENT_ID = re.compile(r"[a-z][a-z0-9_]*")
CHOICE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?")
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
EXPLOITATION_PROFILES = ("labour", "sexual")
# "form" would clash with the catalog contexts form.title / form.description.
RESERVED_SECTION_IDS = frozenset({"form"})

FORM_REQUIRED = ("form", "version", "title", "sections")
FORM_OPTIONAL = ("description", "source_language", "exploitation_default")
SECTION_KEYS = ("id", "title", "questions")
QUESTION_REQUIRED = ("id", "type", "text")
QUESTION_OPTIONAL = ("help", "note", "show_if", "raises", "required")
TYPE_KEYS: dict[QuestionType, tuple[str, ...]] = {
    QuestionType.SINGLE_CHOICE: ("choices",),
    QuestionType.MULTIPLE_CHOICE: ("choices",),
    QuestionType.NUMBER: ("min", "max", "unit", "integer"),
    QuestionType.DATE: ("allow_partial",),
    QuestionType.TEXT: ("multiline",),
}
ALL_TYPE_KEYS = tuple(sorted({key for keys in TYPE_KEYS.values() for key in keys}))
CHOICE_REQUIRED = ("id", "text")
CHOICE_OPTIONAL = ("indicators", "flags")
RAISE_REQUIRED = ("when",)
RAISE_OPTIONAL = ("indicators", "flags")


@dataclass
class BuildState:
    """What the builder remembers across sections: ids seen and where."""

    reader: NodeReader
    question_lines: dict[str, int] = field(default_factory=dict)
    section_lines: dict[str, int] = field(default_factory=dict)


def build_form(root: Node, reader: NodeReader, path: Path | None) -> tuple[Form, dict[str, int]]:
    """The form (possibly missing broken parts) and the line of every question id declared."""
    state = BuildState(reader)
    entries = reader.mapping(root, "form", FORM_REQUIRED, FORM_OPTIONAL) or {}
    lines = {key: line_of(node) for key, node in entries.items()}
    form_id = _form_id(entries, reader, path)
    version = _version(entries, reader)
    texts = {key: _optional_text(entries, reader, "form", key) for key in ("title", "description")}
    sections = _sections(entries, state)
    form = Form(
        id=form_id or "",
        version=version or "",
        title=texts["title"] or "",
        description=texts["description"],
        sections=tuple(sections),
        source_language=_choice_of(entries, reader, "source_language", None) or "en",
        exploitation_default=(
            _choice_of(entries, reader, "exploitation_default", EXPLOITATION_PROFILES) or "labour"
        ),
        path=path,
        source_lines=lines,
    )
    return form, state.question_lines


def _form_id(entries: dict[str, Node], reader: NodeReader, path: Path | None) -> str | None:
    node = entries.get("form")
    if node is None:
        return None
    shape = "lowercase letters, digits and hyphens"
    form_id = reader.identifier(node, "form", "id", FORM_ID, shape)
    named_file = path is not None and path.suffix in (".yaml", ".yml")
    if form_id is not None and named_file and path is not None and path.stem != form_id:
        reader.problem(node, f"form id '{form_id}' does not match the file name '{path.name}'")
    return form_id


def _version(entries: dict[str, Node], reader: NodeReader) -> str | None:
    node = entries.get("version")
    if node is None:
        return None
    version = reader.raw_scalar(node, "form", "version")
    if version is not None and not SEMVER.fullmatch(version):
        reader.problem(
            node, f"version '{version}' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0)"
        )
        return None
    return version


def _optional_text(
    entries: dict[str, Node], reader: NodeReader, owner: str, key: str
) -> str | None:
    node = entries.get(key)
    return reader.text(node, owner, key) if node is not None else None


def _choice_of(
    entries: dict[str, Node], reader: NodeReader, key: str, allowed: tuple[str, ...] | None
) -> str | None:
    node = entries.get(key)
    if node is None:
        return None
    value = reader.text(node, "form", key)
    if value is None:
        return None
    if allowed is None:
        if not LANGUAGE_CODE.fullmatch(value):
            reader.problem(node, f"form: {key} '{value}' is not a language code such as 'en'")
            return None
        return value
    if value not in allowed:
        reader.problem(node, f"form: {key} must be one of {', '.join(allowed)}, not '{value}'")
        return None
    return value


def _sections(entries: dict[str, Node], state: BuildState) -> list[Section]:
    node = entries.get("sections")
    if node is None:
        return []
    items = state.reader.sequence(node, "form", "sections")
    if items is None:
        return []
    if not items:
        state.reader.problem(node, "form: 'sections' is empty")
    sections = [_section(item, state) for item in items]
    return [section for section in sections if section is not None]


def _section(node: Node, state: BuildState) -> Section | None:
    reader = state.reader
    owner = _owner("section", node)
    entries = reader.mapping(node, owner, SECTION_KEYS, ())
    if entries is None:
        return None
    section_id = _element_id(entries, reader, "section", state.section_lines)
    if section_id in RESERVED_SECTION_IDS:
        reader.problem(
            entries["id"], f"{owner}: the id 'form' is reserved for the form's own texts"
        )
    title = _optional_text(entries, reader, owner, "title")
    questions: list[Question] = []
    if "questions" in entries:
        items = reader.sequence(entries["questions"], owner, "questions") or []
        if not items:
            reader.problem(entries["questions"], f"{owner}: has no questions")
        built = (_question(item, section_id or "", state) for item in items)
        questions = [question for question in built if question is not None]
    if section_id is None or title is None:
        return None
    title_line = line_of(entries["title"])
    return Section(section_id, title, tuple(questions), line_of(node), title_line)


def _owner(kind: str, node: Node) -> str:
    """How messages name an element: by its id when it has one, else by its line."""
    element_id = peek_id(node)
    return f"{kind} '{element_id}'" if element_id else f"{kind} at line {line_of(node)}"


def _element_id(
    entries: dict[str, Node], reader: NodeReader, kind: str, seen: dict[str, int]
) -> str | None:
    node = entries.get("id")
    if node is None:
        return None
    shape = "lowercase letters, digits and underscores, starting with a letter"
    value = reader.identifier(node, kind, "id", ELEMENT_ID, shape)
    if value is None:
        return None
    if value in seen:
        reader.problem(node, f"duplicate {kind} id '{value}' (first at line {seen[value]})")
        return None
    seen[value] = line_of(node)
    return value


def _question(node: Node, section_id: str, state: BuildState) -> Question | None:
    reader = state.reader
    optional = QUESTION_OPTIONAL + ALL_TYPE_KEYS
    owner = _owner("question", node)
    entries = reader.mapping(node, owner, QUESTION_REQUIRED, optional)
    if entries is None:
        return None
    question_id = _element_id(entries, reader, "question", state.question_lines)
    if question_id in KEYWORDS:
        reader.problem(entries["id"], f"{owner}: the id is a word of the condition language")
        question_id = None
    question_type = _question_type(entries, reader, owner)
    if question_type is not None:
        _check_type_keys(entries, reader, owner, question_type)
    text = _optional_text(entries, reader, owner, "text")
    fields = _question_fields(entries, reader, owner, question_type)
    if question_id is None or question_type is None or text is None:
        return None
    lines: dict[str, int] = {
        key: line_of(entries[key]) for key in ("text", "help", "note", "unit") if key in entries
    }
    return Question(
        id=question_id,
        type=question_type,
        text=text,
        section_id=section_id,
        line=line_of(node),
        source_lines=lines,
        **fields,
    )


def _question_type(entries: dict[str, Node], reader: NodeReader, owner: str) -> QuestionType | None:
    node = entries.get("type")
    if node is None:
        return None
    value = reader.text(node, owner, "type")
    if value is None:
        return None
    known = [kind.value for kind in QuestionType]
    if value not in known:
        reader.problem(node, f"{owner}: unknown type '{value}'{suggestion(value, known)}")
        return None
    return QuestionType(value)


def _check_type_keys(
    entries: dict[str, Node], reader: NodeReader, owner: str, question_type: QuestionType
) -> None:
    allowed = TYPE_KEYS.get(question_type, ())
    for key in ALL_TYPE_KEYS:
        if key in entries and key not in allowed:
            reader.problem(
                entries[key], f"{owner}: '{key}' does not apply to a {question_type.value} question"
            )
    if question_type.has_choices and "choices" not in entries:
        node = entries["type"]
        reader.problem(node, f"{owner}: a {question_type.value} question needs 'choices'")


def _question_fields(
    entries: dict[str, Node], reader: NodeReader, owner: str, question_type: QuestionType | None
) -> dict[str, Any]:
    """The optional fields of a question, keyed as the ``Question`` constructor expects.

    A field with a problem is left out (and reported); the question itself is kept so that
    conditions naming it are still checked against it.
    """
    fields: dict[str, object] = {}
    for key in ("help", "note", "unit"):
        fields[key] = _optional_text(entries, reader, owner, key)
    for key in ("integer", "allow_partial", "multiline", "required"):
        if key in entries:
            fields[key] = reader.boolean(entries[key], owner, key)
    fields.update(_limits(entries, reader, owner))
    if "show_if" in entries:
        fields["show_if"] = _condition(entries["show_if"], reader, owner, "show_if", "show_if")
    if "raises" in entries:
        fields["raises"] = _raises(entries["raises"], reader, owner)
    if "choices" in entries and question_type is not None and question_type.has_choices:
        fields["choices"] = _choices(entries["choices"], reader, owner)
    if question_type is not None and not question_type.has_choices:
        fields.pop("choices", None)
    return {key: value for key, value in fields.items() if value is not None}


def _limits(entries: dict[str, Node], reader: NodeReader, owner: str) -> dict[str, object]:
    limits = {
        key: reader.number(entries[key], owner, key) for key in ("min", "max") if key in entries
    }
    low, high = limits.get("min"), limits.get("max")
    if low is not None and high is not None and low > high:
        reader.problem(entries["min"], f"{owner}: min ({low}) is greater than max ({high})")
    return {key: value for key, value in limits.items() if value is not None}


def _condition(
    node: Node, reader: NodeReader, owner: str, key: str, label: str
) -> Condition | None:
    source = reader.text(node, owner, key)
    if source is None:
        return None
    try:
        tree = parse_expression(source)
    except ExpressionError as exc:
        reader.problem(node, f"{owner}: {label}: {exc.message} (column {exc.column})")
        return None
    return Condition(source, tree, line_of(node))


def _raises(node: Node, reader: NodeReader, owner: str) -> tuple[Raise, ...]:
    items = reader.sequence(node, owner, "raises") or []
    built: list[Raise] = []
    for item in items:
        entries = reader.mapping(item, f"{owner}: raises entry", RAISE_REQUIRED, RAISE_OPTIONAL)
        if entries is None:
            continue
        indicators, flags = _raised_ids(entries, reader, owner)
        if not indicators and not flags and not ({"indicators", "flags"} & entries.keys()):
            reader.problem(item, f"{owner}: a raises entry needs 'indicators' or 'flags'")
        when = None
        if "when" in entries:
            when = _condition(entries["when"], reader, owner, "when", "raises when")
        if when is not None:
            built.append(Raise(when, indicators, flags, line_of(item)))
    return tuple(built)


def _raised_ids(
    entries: dict[str, Node], reader: NodeReader, owner: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    indicators: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    if "indicators" in entries:
        indicators = reader.id_list(
            entries["indicators"], owner, "indicators", INDICATOR_IDS, "indicator"
        )
    if "flags" in entries:
        flags = reader.id_list(entries["flags"], owner, "flags", FLAG_IDS, "flag")
    return indicators, flags


def _choices(node: Node, reader: NodeReader, owner: str) -> tuple[Choice, ...]:
    items = reader.sequence(node, owner, "choices")
    if items is None:
        return ()
    if not items:
        reader.problem(node, f"{owner}: 'choices' is empty")
    seen: dict[str, int] = {}
    choices = (_choice(item, reader, owner, seen) for item in items)
    return tuple(choice for choice in choices if choice is not None)


def _choice(node: Node, reader: NodeReader, owner: str, seen: dict[str, int]) -> Choice | None:
    choice_owner = f"{owner}: {_owner('choice', node)}"
    entries = reader.mapping(node, choice_owner, CHOICE_REQUIRED, CHOICE_OPTIONAL)
    if entries is None or "id" not in entries:
        return None
    id_node = entries["id"]
    shape = "lowercase letters, digits, '_' or '-'"
    choice_id = reader.identifier(id_node, choice_owner, "id", CHOICE_ID, shape)
    if choice_id is not None and choice_id in seen:
        reader.problem(
            id_node, f"{owner}: duplicate choice id '{choice_id}' (first at line {seen[choice_id]})"
        )
        choice_id = None
    if choice_id is not None:
        seen[choice_id] = line_of(id_node)
    text = _optional_text(entries, reader, choice_owner, "text")
    indicators, flags = _raised_ids(entries, reader, owner)
    if choice_id is None or text is None:
        return None
    text_line = line_of(entries["text"])
    return Choice(choice_id, text, indicators, flags, line_of(node), text_line)
