"""Babel extractor for YAML forms.

``pybabel extract -F babel.cfg`` calls ``extract_form`` for ``forms/**.yaml``. Each string
is yielded as a ``pgettext`` call so babel stores the form path as ``msgctxt``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from screening_app.core.errors import FormError
from screening_app.forms.loader import parse_form
from screening_app.forms.messages import form_messages

ExtractionResult = tuple[int, str, tuple[str, str], list[str]]


def extract_form(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[ExtractionResult]:
    """Yield ``(lineno, "pgettext", (context, text), comments)`` for every form string.

    A half-finished form still yields what can be read; only a file that is not YAML at
    all stops extraction, with the line of the syntax error.
    """
    del keywords, comment_tags, options  # forms have no call sites or comment tags
    raw = fileobj.read()
    text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
    name = str(getattr(fileobj, "name", "<form>"))
    form, problems = parse_form(text, name, Path(name))
    if form is None:
        raise FormError("; ".join(str(problem) for problem in problems))
    for message in form_messages(form):
        comments = [message.comment] if message.comment else []
        yield message.line, "pgettext", (message.context, message.text), comments
