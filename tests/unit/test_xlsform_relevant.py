"""Translating ODK XPath ``relevant`` expressions into form conditions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening_app.forms.expr_parser import parse_expression
from screening_app.forms.model import QuestionType
from screening_app.forms.xlsform_relevant import Known, XPathUnsupported, translate_relevant
from screening_app.forms.xlsform_survey import parse_bounds, parse_type

KNOWN = {
    "age": Known("age", QuestionType.NUMBER),
    "Sex": Known("sex", QuestionType.SINGLE_CHOICE, {"F": "f", "M": "m"}),
    "problems": Known(
        "problems", QuestionType.MULTIPLE_CHOICE, {"no_pay": "no_pay", "Debt": "debt"}
    ),
    "city": Known("city", QuestionType.TEXT),
    "count_a": Known("count_a", QuestionType.NUMBER),
}


@pytest.mark.parametrize(
    ("xpath", "condition"),
    [
        ("${age} < 18", "age < 18"),
        ("${age}>=18", "age >= 18"),
        ("18 > ${age}", "age < 18"),
        ("${age} = '18'", "age == 18"),
        ("${Sex} = 'F'", "sex == 'f'"),
        ("${Sex} != 'M'", "sex != 'm'"),
        ("selected(${problems}, 'Debt')", "'debt' in problems"),
        ("selected(${Sex}, 'F')", "sex == 'f'"),
        ("count-selected(${problems}) >= 2", "count(problems) >= 2"),
        ("not(selected(${problems}, 'no_pay'))", "not ('no_pay' in problems)"),
        ("${city} != ''", "answered(city)"),
        ("${city} = ''", "not answered(city)"),
        ("string-length(${city}) > 0", "answered(city)"),
        ("string-length(${city}) = 0", "not answered(city)"),
        ("${city}", "answered(city)"),
        ("true()", "true"),
        ("${age} > ${count_a}", "age > count_a"),
        (
            "${Sex} = 'F' and (${age} < 18 or selected(${problems}, 'Debt'))",
            "sex == 'f' and (age < 18 or 'debt' in problems)",
        ),
        (
            "(${age} < 18 or ${age} > 60) and ${city} != ''",
            "(age < 18 or age > 60) and answered(city)",
        ),
        ("${age} < 18 or ${age} > 60 and ${city} != ''", "age < 18 or age > 60 and answered(city)"),
    ],
)
def test_supported_xpath_becomes_an_equivalent_condition(xpath: str, condition: str) -> None:
    translated = translate_relevant(xpath, KNOWN)
    assert translated == condition
    parse_expression(translated)  # and the form engine accepts it


@pytest.mark.parametrize(
    ("xpath", "reason"),
    [
        ("today() > ${age}", "function 'today()' is not supported here"),
        ("${age} + 1 > 3", "unexpected '+'"),
        ("${later} = 'x'", "'${later}' is not an earlier imported question"),
        ("${Sex} = 'X'", "'sex' has no choice 'X'"),
        ("${problems} = 'no_pay'", "compare a select_multiple answer with selected(), not '='"),
        ("selected(${city}, 'x')", "'city' is not a select question"),
        (". > 3", "'.' (the current answer) only has meaning in a constraint"),
        ("string-length(${city}) > 5", "string-length() is supported only to test for an empty"),
        ("${age} < 'old'", "'old' is not a number"),
        (
            "count-selected(${Sex}) > 1",
            "count-selected() of a question that is not select_multiple",
        ),
        ("${age} <", "the expression ends too early"),
        ("/data/age > 3", "'/' is not supported"),
    ],
)
def test_unsupported_xpath_gives_a_reason(xpath: str, reason: str) -> None:
    with pytest.raises(XPathUnsupported) as caught:
        translate_relevant(xpath, KNOWN)
    assert reason in caught.value.reason


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_translated_or_refused_cleanly(xpath: str) -> None:
    try:
        translated = translate_relevant(xpath, KNOWN)
    except XPathUnsupported:
        return
    parse_expression(translated)


@pytest.mark.parametrize(
    ("constraint", "integer", "bounds"),
    [
        (". >= 0 and . <= 120", True, (0, 120)),
        (".>0 and .<100", True, (1, 99)),
        (". <= 24", False, (None, 24)),
        (". >= 0.5", False, (0.5, None)),
        (". > 0", False, None),
        (". >= 0 or . = 999", True, None),
        ("regex(., '^[0-9]+$')", False, None),
    ],
)
def test_constraints_that_are_plain_bounds_become_min_and_max(
    constraint: str, integer: bool, bounds: tuple[object, object] | None
) -> None:
    assert parse_bounds(constraint, integer) == bounds


def test_types_are_split_into_kind_list_and_extras() -> None:
    assert parse_type("select_one yes_no or_other") == ("select_one", "yes_no", ["or_other"])
    assert parse_type("begin group") == ("begin_group", "", [])
    assert parse_type("End Repeat") == ("end_repeat", "", [])
    assert parse_type("") == ("", "", [])
