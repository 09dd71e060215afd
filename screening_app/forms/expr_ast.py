"""Syntax tree of the condition language used by ``show_if`` and ``raises[].when``.

Every node keeps the 1-based column where it starts in the expression text, so checks can
point at the offending part.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

LiteralValue = str | int | float | bool | None

FUNCTIONS: frozenset[str] = frozenset({"answered", "declined", "unknown", "count", "age_years"})
COMPARISONS: frozenset[str] = frozenset({"==", "!=", "<", "<=", ">", ">="})
ORDERINGS: frozenset[str] = frozenset({"<", "<=", ">", ">="})
KEYWORDS: frozenset[str] = frozenset({"and", "or", "not", "in", "true", "false", "null"})


@dataclass(frozen=True)
class Literal:
    value: LiteralValue
    column: int


@dataclass(frozen=True)
class ListLiteral:
    items: tuple[Literal, ...]
    column: int


@dataclass(frozen=True)
class Name:
    """A question id: stands for that question's value."""

    id: str
    column: int


@dataclass(frozen=True)
class Compare:
    op: str
    left: Node
    right: Node
    column: int


@dataclass(frozen=True)
class Membership:
    """``item in container``."""

    item: Node
    container: Node
    column: int


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" | "or"
    operands: tuple[Node, ...]
    column: int


@dataclass(frozen=True)
class Not:
    operand: Node
    column: int


@dataclass(frozen=True)
class Call:
    function: str
    args: tuple[Node, ...]
    column: int


Node = Literal | ListLiteral | Name | Compare | Membership | BoolOp | Not | Call


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, ListLiteral):
        return node.items
    if isinstance(node, Compare):
        return (node.left, node.right)
    if isinstance(node, Membership):
        return (node.item, node.container)
    if isinstance(node, BoolOp):
        return node.operands
    if isinstance(node, Not):
        return (node.operand,)
    if isinstance(node, Call):
        return node.args
    return ()


def walk(node: Node) -> Iterator[Node]:
    """The node and all its descendants, parents first, left to right."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def referenced_ids(node: Node) -> list[str]:
    """Question ids the expression names, in order of appearance, without repeats."""
    seen: dict[str, None] = {}
    for item in walk(node):
        if isinstance(item, Name):
            seen.setdefault(item.id)
    return list(seen)
