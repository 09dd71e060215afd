"""Static checks of a parsed condition against the form it belongs to.

Catches at load time what would otherwise silently never match during an interview:
unknown or later questions, unknown functions, choice ids that do not exist, ordering of
values that have no order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from screening_app.forms.answers import PartialDate
from screening_app.forms.expr_ast import (
    FUNCTIONS,
    ORDERINGS,
    Call,
    Compare,
    ListLiteral,
    Literal,
    Membership,
    Name,
    Node,
    children,
)
from screening_app.forms.expr_lexer import ExpressionError
from screening_app.forms.model import Question, QuestionType

_ORDERED_TYPES = (QuestionType.NUMBER, QuestionType.DATE)
_FUNCTION_NEEDS = {
    "count": (QuestionType.MULTIPLE_CHOICE,),
    "age_years": (QuestionType.DATE,),
}


@dataclass(frozen=True)
class Scope:
    """What a condition may name.

    ``earlier`` holds the questions asked before this one (and, for ``raises[].when``, the
    question itself). ``declared`` maps every question id of the form to its line, so a
    reference to a later question is told apart from a misspelt one.
    """

    earlier: Mapping[str, Question]
    declared: Mapping[str, int] = field(default_factory=dict)
    current: str = ""
    # Earlier questions that failed to load: their own problem is already reported.
    broken: frozenset[str] = frozenset()


def check_condition(tree: Node, scope: Scope) -> list[ExpressionError]:
    errors: list[ExpressionError] = []
    _visit(tree, scope, errors)
    return errors


def _visit(node: Node, scope: Scope, errors: list[ExpressionError]) -> None:
    if isinstance(node, Name):
        _check_name(node, scope, errors)
        return
    if isinstance(node, Call):
        _check_call(node, scope, errors)
        return
    if isinstance(node, Compare):
        _check_compare(node, scope, errors)
    elif isinstance(node, Membership):
        _check_membership(node, scope, errors)
    for child in children(node):
        _visit(child, scope, errors)


def _check_name(node: Name, scope: Scope, errors: list[ExpressionError]) -> None:
    if node.id in scope.earlier or node.id in scope.broken:
        return
    if node.id == scope.current:
        message = f"the show_if of '{node.id}' cannot depend on '{node.id}' itself"
    elif node.id in scope.declared:
        message = (
            f"'{node.id}' is asked later (line {scope.declared[node.id]}); "
            "a condition may only name earlier questions"
        )
    else:
        message = f"unknown question '{node.id}'"
    errors.append(ExpressionError(message, node.column))


def _check_call(node: Call, scope: Scope, errors: list[ExpressionError]) -> None:
    if node.function not in FUNCTIONS:
        known = ", ".join(sorted(FUNCTIONS))
        errors.append(
            ExpressionError(f"unknown function '{node.function}' (known: {known})", node.column)
        )
        return
    if len(node.args) != 1 or not isinstance(node.args[0], Name):
        errors.append(ExpressionError(f"{node.function}() takes one question id", node.column))
        for arg in node.args:
            _visit(arg, scope, errors)
        return
    arg = node.args[0]
    _check_name(arg, scope, errors)
    question = scope.earlier.get(arg.id)
    needed = _FUNCTION_NEEDS.get(node.function)
    if question is not None and needed is not None and question.type not in needed:
        kinds = " or ".join(kind.value for kind in needed)
        errors.append(
            ExpressionError(
                f"{node.function}() needs a {kinds} question; '{arg.id}' is {question.type.value}",
                arg.column,
            )
        )


def _check_compare(node: Compare, scope: Scope, errors: list[ExpressionError]) -> None:
    for side, other in ((node.left, node.right), (node.right, node.left)):
        question = _question(side, scope)
        if question is None:
            continue
        if node.op in ORDERINGS and question.type not in _ORDERED_TYPES:
            errors.append(
                ExpressionError(
                    f"'{question.id}' is a {question.type.value} question and has no order "
                    f"for '{node.op}'",
                    node.column,
                )
            )
        elif question.type is QuestionType.MULTIPLE_CHOICE and isinstance(other, Literal):
            errors.append(
                ExpressionError(
                    f"'{question.id}' holds several choices; write "
                    f"'{other.value}' in {question.id}",
                    node.column,
                )
            )
        elif isinstance(other, Literal):
            _check_value(question, other, errors)


def _check_membership(node: Membership, scope: Scope, errors: list[ExpressionError]) -> None:
    container = node.container
    if isinstance(container, ListLiteral):
        question = _question(node.item, scope)
        if question is not None:
            for item in container.items:
                _check_value(question, item, errors)
        return
    question = _question(container, scope)
    if question is None and isinstance(container, Name):
        return  # unknown name: reported by _check_name
    if question is None or question.type is not QuestionType.MULTIPLE_CHOICE:
        errors.append(
            ExpressionError("'in' needs a list or a multiple_choice question", container.column)
        )
        return
    if isinstance(node.item, Literal):
        _check_value(question, node.item, errors)


def _check_value(question: Question, literal: Literal, errors: list[ExpressionError]) -> None:
    """A literal compared with a closed-set question must be one of its values."""
    allowed = question.allowed_values
    if literal.value is None:
        return
    if allowed is None:
        _check_open_value(question, literal, errors)
        return
    if not isinstance(literal.value, str):
        errors.append(
            ExpressionError(
                f"'{question.id}' holds text choice ids; {literal.value!r} is not text "
                f"(write '{literal.value}')",
                literal.column,
            )
        )
        return
    if literal.value in allowed:
        return
    if question.type is QuestionType.YES_NO_UNSURE:
        message = f"'{question.id}' is answered yes, no or unsure, not '{literal.value}'"
    else:
        message = f"question '{question.id}' has no choice '{literal.value}'"
    errors.append(ExpressionError(message, literal.column))


def _check_open_value(question: Question, literal: Literal, errors: list[ExpressionError]) -> None:
    value = literal.value
    if question.type is QuestionType.NUMBER and (
        isinstance(value, bool) or not isinstance(value, int | float)
    ):
        errors.append(
            ExpressionError(f"'{question.id}' is a number; {value!r} is not one", literal.column)
        )
    elif question.type is QuestionType.DATE and (
        not isinstance(value, str) or PartialDate.parse(value) is None
    ):
        errors.append(
            ExpressionError(
                f"'{question.id}' is a date; {value!r} is not a date like '2023-05-14'",
                literal.column,
            )
        )


def _question(node: Node, scope: Scope) -> Question | None:
    if isinstance(node, Name):
        return scope.earlier.get(node.id)
    return None
