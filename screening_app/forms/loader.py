"""Loading and validating form files."""

from __future__ import annotations

from pathlib import Path

from screening_app.core.errors import FormError
from screening_app.forms.builder import build_form
from screening_app.forms.model import Form
from screening_app.forms.node_reader import NodeReader, compose
from screening_app.forms.problems import Problem, sorted_problems
from screening_app.forms.semantics import check_conditions

_SHOWN_IN_ERROR = 5


def parse_form(text: str, file: str, path: Path | None = None) -> tuple[Form | None, list[Problem]]:
    """The form in ``text`` (as much of it as could be built) and every problem found.

    ``file`` is how problems name the file; ``path`` is kept on the form and compared with
    the form id.
    """
    root, problems = compose(text, file)
    if root is None:
        return None, problems
    reader = NodeReader(file)
    form, declared = build_form(root, reader, path)
    check_conditions(form, declared, reader)
    return form, sorted_problems(reader.problems)


def read_form(path: Path) -> tuple[Form | None, list[Problem]]:
    """Like ``parse_form``, reading the file; an unreadable file is one problem."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(file, 1, "file not found")]
    except UnicodeDecodeError as exc:
        return None, [Problem(file, 1, f"not UTF-8 text (byte {exc.start})")]
    except OSError as exc:
        return None, [Problem(file, 1, f"cannot read the file: {exc.strerror}")]
    return parse_form(text, file, path)


def validate_form(path: Path) -> list[Problem]:
    """Every problem in the form file, by line; empty when the form is sound."""
    return read_form(path)[1]


def load_form(path: Path) -> Form:
    """The form in ``path``; raises ``FormError`` naming file and line if anything is wrong."""
    form, problems = read_form(path)
    if problems or form is None:
        raise FormError(describe_problems(problems))
    return form


def describe_problems(problems: list[Problem]) -> str:
    shown = "; ".join(str(problem) for problem in problems[:_SHOWN_IN_ERROR])
    more = len(problems) - _SHOWN_IN_ERROR
    if more > 0:
        shown += f"; and {more} more (see 'screening-app forms check')"
    return shown
