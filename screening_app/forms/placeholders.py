"""Placeholders in messages: ``%(name)s``, ``%s`` and ``{name}``.

A translation that loses or misspells a placeholder breaks at run time (a KeyError, or a
figure missing from a sentence); the catalog check compares them before that happens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0+-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"(?P<conversion>[diouxXeEfFgGcrsa%])"
)
_BRACE = re.compile(r"\{\{|\}\}|\{(?P<field>[A-Za-z_][A-Za-z0-9_]*|\d*)(?:[!:][^{}]*)?\}")


@dataclass(frozen=True)
class Placeholders:
    named: frozenset[str]  # "%(name)s" and "{name}", as written
    positional: tuple[str, ...]  # "%s", "%d"... in order

    def describe(self) -> str:
        found = sorted(self.named) + list(self.positional)
        return ", ".join(found) if found else "no placeholder"


def find_placeholders(text: str, positional_percent: bool) -> Placeholders:
    """Placeholders in ``text``.

    Positional ``%s`` / ``%d`` count only when the entry is flagged ``python-format``, and
    the space flag of printf is not recognised: in prose "50% of" is not a placeholder.
    """
    named: set[str] = set()
    positional: list[str] = []
    for match in _PERCENT.finditer(text):
        conversion = match.group("conversion")
        if conversion == "%":
            continue
        name = match.group("name")
        if name is not None:
            named.add(f"%({name}){conversion}")
        elif positional_percent:
            positional.append(f"%{conversion}")
    for match in _BRACE.finditer(text):
        field_name = match.group("field")
        if field_name is not None:
            named.add("{" + field_name + "}")
    return Placeholders(frozenset(named), tuple(positional))


def placeholder_mismatch(
    source: list[str], translations: list[str], positional_percent: bool
) -> str | None:
    """Why the translations' placeholders do not match the source's, or None.

    ``source`` is ``[msgid]`` or ``[msgid, msgid_plural]``. A singular translation must
    use exactly the source's placeholders. In a plural entry a form may leave one out
    (Arabic's "one" form often drops the number) but may not bring in a foreign one.
    """
    found = [find_placeholders(text, positional_percent) for text in source]
    allowed = frozenset().union(*(item.named for item in found))
    for index, text in enumerate(translations):
        if not text:
            continue
        got = find_placeholders(text, positional_percent)
        label = f"msgstr[{index}]" if len(source) > 1 else "msgstr"
        if len(source) == 1 and (
            got.named != found[0].named or got.positional != found[0].positional
        ):
            return f"{label} uses {got.describe()} where msgid uses {found[0].describe()}"
        foreign = got.named - allowed
        if foreign:
            return f"{label} uses {', '.join(sorted(foreign))}, which the source does not have"
    return None
