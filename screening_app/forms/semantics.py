"""Checks that need the whole form: conditions name earlier questions, real choices, etc."""

from __future__ import annotations

from screening_app.forms.expr_check import Scope, check_condition
from screening_app.forms.model import Condition, Form, Question
from screening_app.forms.node_reader import NodeReader


def check_conditions(form: Form, declared: dict[str, int], reader: NodeReader) -> None:
    """Report every condition that names a later, unknown or wrong question or value.

    ``declared`` holds every question id the file declares with its line, including
    questions that failed to load, so references to them are not reported twice.
    """
    loaded = {question.id for question in form.questions()}
    failed = {
        question_id: line for question_id, line in declared.items() if question_id not in loaded
    }
    earlier: dict[str, Question] = {}
    for question in form.questions():
        broken = frozenset(qid for qid, line in failed.items() if line < question.line)
        owner = f"question '{question.id}'"
        if question.show_if is not None:
            scope = Scope(dict(earlier), declared, question.id, broken)
            _report(question.show_if, scope, reader, f"{owner}: show_if")
        earlier[question.id] = question
        for raised in question.raises:
            scope = Scope(dict(earlier), declared, "", broken)
            _report(raised.when, scope, reader, f"{owner}: raises when")


def _report(condition: Condition, scope: Scope, reader: NodeReader, prefix: str) -> None:
    for error in check_condition(condition.tree, scope):
        reader.problem(condition.line, f"{prefix}: {error.message} (column {error.column})")
