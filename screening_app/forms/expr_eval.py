"""Evaluation of a condition tree against the answers given so far.

Evaluation never raises: a value of an unexpected type (an answer stored by an older form
version, say) makes the comparison false rather than stopping an interview. Unanswered,
declined, unknown and skipped questions are ``null``.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from screening_app.forms.answers import AnswerState, PartialDate, years_between
from screening_app.forms.expr_ast import (
    BoolOp,
    Call,
    Compare,
    ListLiteral,
    Literal,
    Membership,
    Name,
    Node,
    Not,
)

Value = str | int | float | bool | PartialDate | tuple[object, ...] | None


class Environment(Protocol):
    """What a condition can see: answer values and states, and the interview date."""

    @property
    def interview_date(self) -> date: ...

    def value_of(self, question_id: str) -> Value:
        """The answered value (dates as ``PartialDate``, choices as tuples), else None."""
        ...

    def state_of(self, question_id: str) -> AnswerState | None:
        """The answer's state, or None if nothing has been recorded yet."""
        ...


def holds(node: Node, env: Environment) -> bool:
    """Whether the condition is true for these answers."""
    return truthy(evaluate(node, env))


def evaluate(node: Node, env: Environment) -> Value:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, ListLiteral):
        return tuple(item.value for item in node.items)
    if isinstance(node, Name):
        return env.value_of(node.id)
    if isinstance(node, Compare):
        return compare(node.op, evaluate(node.left, env), evaluate(node.right, env))
    if isinstance(node, Membership):
        return contains(evaluate(node.container, env), evaluate(node.item, env))
    if isinstance(node, BoolOp):
        if node.op == "and":
            return all(holds(operand, env) for operand in node.operands)
        return any(holds(operand, env) for operand in node.operands)
    if isinstance(node, Not):
        return not holds(node.operand, env)
    return _call(node, env)


def truthy(value: Value) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, str | tuple):
        return len(value) > 0
    return True


def compare(op: str, left: Value, right: Value) -> bool:
    if op == "==":
        return equal(left, right)
    if op == "!=":
        return not equal(left, right)
    order = _order(left, right)
    if order is None:
        return False
    return {"<": order < 0, "<=": order <= 0, ">": order > 0, ">=": order >= 0}[op]


def equal(left: Value, right: Value) -> bool:
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, PartialDate) or isinstance(right, PartialDate):
        left_date, right_date = PartialDate.coerce(left), PartialDate.coerce(right)
        return left_date is not None and left_date == right_date
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if _is_number(left) and _is_number(right):
        return left == right
    if isinstance(left, tuple) and isinstance(right, tuple):
        return set(left) == set(right)
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    return False


def contains(container: Value, item: Value) -> bool:
    if item is None or not isinstance(container, tuple):
        return False
    return any(equal(_as_value(member), item) for member in container)


def _order(left: Value, right: Value) -> int | None:
    """-1, 0 or 1, or None when the two cannot be ordered (mixed types, vague dates)."""
    if _is_number(left) and _is_number(right):
        assert isinstance(left, int | float) and isinstance(right, int | float)
        return (left > right) - (left < right)
    if isinstance(left, PartialDate) or isinstance(right, PartialDate):
        left_date, right_date = PartialDate.coerce(left), PartialDate.coerce(right)
        if left_date is None or right_date is None:
            return None
        return _order_dates(left_date, right_date)
    return None


def _order_dates(left: PartialDate, right: PartialDate) -> int | None:
    # Compare only as precisely as both dates are known; "2023" against "2023-05" is
    # undecided, so any ordering comparison between them is false.
    left_parts, right_parts = left.parts(), right.parts()
    common = min(len(left_parts), len(right_parts))
    for mine, theirs in zip(left_parts[:common], right_parts[:common], strict=True):
        if mine != theirs:
            return -1 if mine < theirs else 1
    return 0 if len(left_parts) == len(right_parts) else None


def _call(node: Call, env: Environment) -> Value:
    if len(node.args) != 1 or not isinstance(node.args[0], Name):
        return None
    question_id = node.args[0].id
    state = env.state_of(question_id)
    if node.function == "answered":
        return state is AnswerState.ANSWERED
    if node.function == "declined":
        return state is AnswerState.DECLINED
    if node.function == "unknown":
        return state is AnswerState.UNKNOWN
    value = env.value_of(question_id)
    if node.function == "count":
        return len(value) if isinstance(value, tuple) else None
    if node.function == "age_years":
        born = PartialDate.coerce(value)
        return years_between(born, env.interview_date) if born is not None else None
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _as_value(member: object) -> Value:
    if member is None or isinstance(member, str | int | float | bool | PartialDate | tuple):
        return member
    return None
