"""The condition language: parsing, errors with columns, evaluation, static checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening_app.forms.answers import AnswerState, PartialDate
from screening_app.forms.expr_ast import BoolOp, Call, Compare, Literal, Membership, Name, Not
from screening_app.forms.expr_check import Scope, check_condition
from screening_app.forms.expr_eval import Value, holds
from screening_app.forms.expr_lexer import ExpressionError
from screening_app.forms.expr_parser import MAX_NESTING, parse_expression
from screening_app.forms.model import Choice, Question, QuestionType


@dataclass
class Answers:
    """Answer values and states as a condition sees them."""

    values: dict[str, Value] = field(default_factory=dict)
    states: dict[str, AnswerState] = field(default_factory=dict)
    interview_date: date = date(2024, 6, 1)

    def value_of(self, question_id: str) -> Value:
        return self.values.get(question_id)

    def state_of(self, question_id: str) -> AnswerState | None:
        if question_id in self.states:
            return self.states[question_id]
        return AnswerState.ANSWERED if question_id in self.values else None


def check(text: str, env: Answers) -> bool:
    return holds(parse_expression(text), env)


# -- parsing ---------------------------------------------------------------------------


def test_comparison_parses_to_a_tree_with_columns() -> None:
    tree = parse_expression("feels_safe == 'no'")
    assert tree == Compare("==", Name("feels_safe", 1), Literal("no", 15), 12)


def test_and_binds_tighter_than_or_and_not_tighter_than_and() -> None:
    tree = parse_expression("a or not b and c")
    assert isinstance(tree, BoolOp) and tree.op == "or"
    right = tree.operands[1]
    assert isinstance(right, BoolOp) and right.op == "and"
    assert isinstance(right.operands[0], Not)


def test_parentheses_override_precedence() -> None:
    tree = parse_expression("(a or b) and c")
    assert isinstance(tree, BoolOp) and tree.op == "and"
    assert isinstance(tree.operands[0], BoolOp) and tree.operands[0].op == "or"


def test_membership_and_function_calls_parse() -> None:
    tree = parse_expression("'x' in q and count(q) >= 2")
    assert isinstance(tree, BoolOp)
    assert isinstance(tree.operands[0], Membership)
    comparison = tree.operands[1]
    assert isinstance(comparison, Compare) and isinstance(comparison.left, Call)


def test_literals_of_every_kind_parse() -> None:
    values = [parse_expression(text) for text in ("'a'", '"b"', "12", "-3.5", "true", "null")]
    assert [node.value for node in values if isinstance(node, Literal)] == [
        "a",
        "b",
        12,
        -3.5,
        True,
        None,
    ]


def test_escaped_quote_inside_text() -> None:
    assert parse_expression(r"'it\'s'") == Literal("it's", 1)


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("a = 'x'", "unknown operator '=' (use '==')", 3),
        ("a && b", "unknown operator '&&' (use 'and')", 3),
        ("a == 'x", "text not closed (missing quote)", 6),
        ("(a == 1", "expected ')', found end of condition", 8),
        ("a == 1)", "unexpected ')'", 7),
        ("1 < a < 3", "comparisons cannot be chained; join them with 'and'", 7),
        ("", "empty condition", 1),
        ("a == ", "expected a value, found end of condition", 6),
        ("a == and", "expected a value, found 'and'", 6),
        ("a # b", "unexpected character '#'", 3),
        ("[1, b]", "expected a value, found 'b'", 5),
        ("2abc == 1", "a name cannot start with a digit", 1),
    ],
)
def test_parse_errors_name_the_column(text: str, message: str, column: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    assert caught.value.message == message
    assert caught.value.column == column


def test_deep_nesting_is_a_clean_error_not_a_crash() -> None:
    with pytest.raises(ExpressionError, match="nested more than"):
        parse_expression("(" * (MAX_NESTING + 5) + "a" + ")" * (MAX_NESTING + 5))
    with pytest.raises(ExpressionError, match="nested more than"):
        parse_expression("not " * 300 + "a")


def test_nesting_within_the_limit_parses() -> None:
    depth = MAX_NESTING - 1
    assert parse_expression("(" * depth + "a" + ")" * depth) == Name("a", depth + 1)


GRAMMAR_PIECES = st.sampled_from(
    [
        "a",
        "b_1",
        "'x'",
        '"y"',
        "12",
        "-3.5",
        "true",
        "null",
        "==",
        "!=",
        "<",
        ">=",
        "in",
        "and",
        "or",
        "not",
        "(",
        ")",
        "[",
        "]",
        ",",
        "count(",
        "answered(",
        " ",
        "=",
        "'",
        "-",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_no_text_crashes_the_parser(text: str) -> None:
    try:
        parse_expression(text)
    except ExpressionError as exc:
        assert 1 <= exc.column <= len(text) + 1


@settings(max_examples=400, deadline=None)
@given(st.lists(GRAMMAR_PIECES, max_size=40).map(" ".join))
def test_no_near_miss_of_the_grammar_crashes_the_parser(text: str) -> None:
    try:
        tree = parse_expression(text)
    except ExpressionError as exc:
        assert 1 <= exc.column <= len(text) + 1
    else:
        holds(tree, Answers({"a": 1, "b_1": ("x",)}))  # evaluation never raises either


# -- evaluation ------------------------------------------------------------------------


def test_equality_and_membership_on_answers() -> None:
    env = Answers({"travelled": "alone", "problems": ("no_pay", "papers_taken")})
    assert check("travelled == 'alone'", env)
    assert check("travelled in ['alone', 'family']", env)
    assert not check("travelled != 'alone'", env)
    assert check("'no_pay' in problems and count(problems) == 2", env)
    assert not check("'long_hours' in problems", env)


def test_numbers_compare_as_numbers() -> None:
    env = Answers({"age": 17, "hours": 12.5})
    assert check("age < 18 and hours > 12", env)
    assert check("age == 17.0", env)
    assert not check("age >= 18", env)


def test_dates_compare_as_dates_at_the_precision_both_are_known() -> None:
    env = Answers({"arrived": PartialDate(2023, 5, 14), "left": PartialDate(2023)})
    assert check("arrived > '2023-05-01' and arrived < '2024'", env)
    assert check("arrived == '2023-05-14'", env)
    assert not check("left < '2023-06-01'", env)  # "some day in 2023": undecided
    assert not check("left >= '2023-06-01'", env)


def test_unanswered_declined_and_unknown_are_null() -> None:
    env = Answers(states={"age": AnswerState.DECLINED, "city": AnswerState.UNKNOWN})
    assert check("age == null and city == null and missing == null", env)
    assert not check("age < 18", env)
    assert check("declined(age) and unknown(city) and not answered(age)", env)
    assert not check("answered(missing) or declined(missing)", env)
    assert check("not (age < 18)", env)


def test_age_years_counts_completed_years_and_never_overstates() -> None:
    env = Answers({"born": PartialDate(2006, 6, 2), "born_year": PartialDate(2006)})
    assert check("age_years(born) == 17", env)  # birthday is tomorrow
    assert check("age_years(born_year) == 17", env)  # could be born as late as 31 Dec 2006
    assert not check("age_years(nothing) < 18", env)


def test_mixed_types_compare_false_instead_of_failing() -> None:
    env = Answers({"age": "seventeen", "choices": ("a",)})
    assert not check("age < 18", env)
    assert not check("choices > 1", env)
    assert check("age != 17", env)
    assert not check("'a' in age", env)


# -- static checks ---------------------------------------------------------------------


def _question(question_id: str, kind: QuestionType, choices: tuple[str, ...] = ()) -> Question:
    return Question(question_id, kind, "?", "s", choices=tuple(Choice(c, c) for c in choices))


SCOPE = Scope(
    earlier={
        "sex": _question("sex", QuestionType.SINGLE_CHOICE, ("f", "m", "x")),
        "problems": _question("problems", QuestionType.MULTIPLE_CHOICE, ("no_pay", "debt")),
        "safe": _question("safe", QuestionType.YES_NO_UNSURE),
        "age": _question("age", QuestionType.NUMBER),
        "born": _question("born", QuestionType.DATE),
        "name": _question("name", QuestionType.TEXT),
    },
    declared={"later": 40},
    current="this",
)


def _messages(text: str) -> list[str]:
    return [error.message for error in check_condition(parse_expression(text), SCOPE)]


def test_sound_conditions_pass_the_static_check() -> None:
    sound = [
        "sex == 'f' and safe != 'unsure'",
        "sex in ['f', 'x'] or 'debt' in problems",
        "count(problems) > 1 and age_years(born) < 18 and age >= 16",
        "born < '2010-01' and answered(name)",
    ]
    for text in sound:
        assert _messages(text) == [], text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sex == 'woman'", "question 'sex' has no choice 'woman'"),
        ("sex in ['f', 'other']", "question 'sex' has no choice 'other'"),
        ("'loan' in problems", "question 'problems' has no choice 'loan'"),
        ("safe == 'maybe'", "'safe' is answered yes, no or unsure, not 'maybe'"),
        ("problems == 'debt'", "'problems' holds several choices; write 'debt' in problems"),
        ("sex == 1", "'sex' holds text choice ids; 1 is not text (write '1')"),
        ("age == 'old'", "'age' is a number; 'old' is not one"),
        ("born > 'last year'", "'born' is a date; 'last year' is not a date like '2023-05-14'"),
        ("name > 'a'", "'name' is a text question and has no order for '>'"),
        ("'f' in sex", "'in' needs a list or a multiple_choice question"),
        ("count(sex) > 1", "count() needs a multiple_choice question; 'sex' is single_choice"),
        ("age_years(age) > 1", "age_years() needs a date question; 'age' is number"),
        ("answered(age, sex)", "answered() takes one question id"),
        ("answered('age')", "answered() takes one question id"),
        (
            "today(born)",
            "unknown function 'today' (known: age_years, answered, count, declined, unknown)",
        ),
        ("nobody == 1", "unknown question 'nobody'"),
        (
            "later == 1",
            "'later' is asked later (line 40); a condition may only name earlier questions",
        ),
        ("this == 1", "the show_if of 'this' cannot depend on 'this' itself"),
    ],
)
def test_static_check_reports_what_would_never_match(text: str, message: str) -> None:
    assert message in _messages(text)
