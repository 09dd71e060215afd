"""Reading YAML through PyYAML's node API, so every problem can name its line.

``yaml.safe_load`` forgets where values came from; composing keeps a mark on every node.
The reader checks shape and type and records problems instead of raising, so one run
reports everything that is wrong with a file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from screening_app.forms.problems import Problem

# libyaml's loader composes the same nodes with the same marks, about eight times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


def compose(text: str, file: str) -> tuple[Node | None, list[Problem]]:
    """The document's root node, or None and the syntax problem."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark is not None else 1
        reason = exc.problem or exc.context or "not valid YAML"
        return None, [Problem(file, line, f"YAML syntax error: {reason}")]
    except yaml.YAMLError as exc:
        return None, [Problem(file, 1, f"YAML error: {exc}")]
    if root is None:
        return None, [Problem(file, 1, "the file is empty")]
    return root, []


def peek_id(node: Node) -> str | None:
    """The plain ``id`` of a mapping node, before the mapping is checked, to name it."""
    if not isinstance(node, MappingNode):
        return None
    for key_node, value_node in node.value:
        is_id = isinstance(key_node, ScalarNode) and key_node.value == "id"
        if is_id and isinstance(value_node, ScalarNode) and value_node.value:
            return str(value_node.value)
    return None


def suggestion(word: str, known: Collection[str]) -> str:
    """`` (did you mean 'x'?)`` for a near miss, else empty."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass
class NodeReader:
    """Typed access to nodes of one file; problems accumulate in ``problems``."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def problem(self, where: Node | int, message: str) -> None:
        line = where if isinstance(where, int) else line_of(where)
        self.problems.append(Problem(self.file, line, message))

    def mapping(
        self,
        node: Node,
        owner: str,
        required: Collection[str],
        optional: Collection[str],
    ) -> dict[str, Node] | None:
        """The mapping's entries by key; reports duplicate, unknown and missing keys."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{owner} must be a mapping of keys to values")
            return None
        entries: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        known = set(required) | set(optional)
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                self.problem(key_node, f"{owner}: keys must be plain words")
                continue
            if key in entries:
                self.problem(
                    key_node, f"{owner}: duplicate key '{key}' (first at line {key_lines[key]})"
                )
                continue
            if key not in known:
                self.problem(key_node, f"{owner}: unknown key '{key}'{suggestion(key, known)}")
                continue
            entries[key] = value_node
            key_lines[key] = line_of(key_node)
        for key in required:
            if key not in entries:
                self.problem(node, f"{owner}: missing key '{key}'")
        return entries

    def sequence(self, node: Node, owner: str, key: str) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.problem(node, f"{owner}: '{key}' must be a list")
            return None
        return list(node.value)

    def text(self, node: Node, owner: str, key: str) -> str | None:
        """A non-empty text value."""
        if not isinstance(node, ScalarNode) or node.tag != _STR_TAG:
            self.problem(node, f"{owner}: '{key}' must be text{_quote_hint(node)}")
            return None
        value = str(node.value)
        if not value.strip():
            self.problem(node, f"{owner}: '{key}' is empty")
            return None
        return value

    def raw_scalar(self, node: Node, owner: str, key: str) -> str | None:
        """The scalar exactly as written (``1.2`` stays ``"1.2"``, not a float)."""
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{owner}: '{key}' must be a single value")
            return None
        return str(node.value)

    def identifier(
        self, node: Node, owner: str, key: str, pattern: re.Pattern[str], shape: str
    ) -> str | None:
        value = self.text(node, owner, key)
        if value is None:
            return None
        if not pattern.fullmatch(value):
            self.problem(node, f"{owner}: {key} '{value}' must be {shape}")
            return None
        return value

    def boolean(self, node: Node, owner: str, key: str) -> bool | None:
        if not isinstance(node, ScalarNode) or node.tag != _BOOL_TAG:
            self.problem(node, f"{owner}: '{key}' must be true or false")
            return None
        return bool(SafeConstructor().construct_yaml_bool(node))

    def number(self, node: Node, owner: str, key: str) -> int | float | None:
        if isinstance(node, ScalarNode) and node.tag == _INT_TAG:
            return int(SafeConstructor().construct_yaml_int(node))
        if isinstance(node, ScalarNode) and node.tag == _FLOAT_TAG:
            value = float(SafeConstructor().construct_yaml_float(node))
            if value == value and abs(value) != float("inf"):  # reject .nan and .inf
                return value
        self.problem(node, f"{owner}: '{key}' must be a number")
        return None

    def id_list(
        self, node: Node, owner: str, key: str, known: Collection[str], kind: str
    ) -> tuple[str, ...]:
        """A list of ids each of which must be in ``known``; unknown ones are reported."""
        items = self.sequence(node, owner, key)
        if items is None:
            return ()
        found: list[str] = []
        for item in items:
            value = self.text(item, owner, key)
            if value is None:
                continue
            if value not in known:
                self.problem(item, f"{owner}: unknown {kind} '{value}'{suggestion(value, known)}")
                continue
            if value not in found:
                found.append(value)
        return tuple(found)


def _quote_hint(node: Node) -> str:
    # YAML 1.1 reads bare yes/no/on/off as booleans: the commonest surprise in a form.
    if isinstance(node, ScalarNode) and node.tag == _BOOL_TAG and not node.style:
        return f" (write '{node.value}' in quotes: YAML reads a bare {node.value} as true/false)"
    if isinstance(node, ScalarNode) and node.tag in (_INT_TAG, _FLOAT_TAG):
        return f" (write '{node.value}' in quotes)"
    return ""
