"""The form engine: YAML instruments, their conditions, the interview walk, and catalogs.

The names below are the public surface; the modules behind them are free to change.
"""

from screening_app.forms.answer_check import check_answer
from screening_app.forms.answers import Answer, AnswerState, PartialDate
from screening_app.forms.catalogs import check_catalog, compile_catalog, compile_catalogs
from screening_app.forms.loader import load_form, read_form, validate_form
from screening_app.forms.messages import FormMessage, form_messages
from screening_app.forms.model import (
    Choice,
    Condition,
    Form,
    Question,
    QuestionType,
    Raise,
    Section,
)
from screening_app.forms.problems import Problem
from screening_app.forms.runtime import FormRuntime, SectionProgress

__all__ = [
    "Answer",
    "AnswerState",
    "Choice",
    "Condition",
    "Form",
    "FormMessage",
    "FormRuntime",
    "PartialDate",
    "Problem",
    "Question",
    "QuestionType",
    "Raise",
    "Section",
    "SectionProgress",
    "check_answer",
    "check_catalog",
    "compile_catalog",
    "compile_catalogs",
    "form_messages",
    "load_form",
    "read_form",
    "validate_form",
]
