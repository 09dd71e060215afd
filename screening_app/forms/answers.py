"""What a person's answer to one question holds: a value, or declined / does not know / skipped.

The form never lists "prefers not to answer" or "does not know"; every question allows
them. A declined, unknown or skipped answer never raises an indicator or a flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Self

# A value as the interview stores it: a choice id, a list of choice ids, a number, a date
# (ISO text, possibly partial, or a ``date``), free text, a country or language code.
AnswerValue = str | int | float | date | tuple[str, ...]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class AnswerState(StrEnum):
    ANSWERED = "answered"
    DECLINED = "declined"  # "prefers not to answer"
    UNKNOWN = "unknown"  # "does not know"
    SKIPPED = "skipped"  # passed over, or hidden by skip logic


@dataclass(frozen=True)
class Answer:
    """One recorded answer. Only an ``answered`` answer carries a value."""

    state: AnswerState
    value: AnswerValue | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        if self.state is AnswerState.ANSWERED and self.value is None:
            raise ValueError("an answered answer needs a value")
        if self.state is not AnswerState.ANSWERED and self.value is not None:
            raise ValueError(f"a {self.state.value} answer carries no value")
        if isinstance(self.value, list):
            # Lists are accepted for convenience but stored as tuples to stay hashable.
            object.__setattr__(self, "value", tuple(self.value))

    @classmethod
    def given(cls, value: AnswerValue | list[str], approximate: bool = False) -> Self:
        return cls(
            AnswerState.ANSWERED,
            value if not isinstance(value, list) else tuple(value),
            approximate,
        )

    @classmethod
    def declined(cls) -> Self:
        return cls(AnswerState.DECLINED)

    @classmethod
    def unknown(cls) -> Self:
        return cls(AnswerState.UNKNOWN)

    @classmethod
    def skipped(cls) -> Self:
        return cls(AnswerState.SKIPPED)

    @property
    def is_answered(self) -> bool:
        return self.state is AnswerState.ANSWERED

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping; dates become ISO text, choice lists become lists."""
        data: dict[str, Any] = {"state": self.state.value}
        if self.value is not None:
            value = self.value
            if isinstance(value, date):
                data["value"] = value.isoformat()
            elif isinstance(value, tuple):
                data["value"] = list(value)
            else:
                data["value"] = value
        if self.approximate:
            data["approximate"] = True
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        state = AnswerState(data["state"])
        value = data.get("value")
        if isinstance(value, list):
            value = tuple(str(item) for item in value)
        return cls(state, value, bool(data.get("approximate", False)))


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day (``2023``, ``2023-05``, ``2023-05-14``)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate | None:
        """The partial date written as ISO text, or None if the text is not one."""
        match = _PARTIAL_DATE.match(text.strip())
        if match is None:
            return None
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        try:
            date(year, month or 1, day or 1)
        except ValueError:
            return None
        return cls(year, month, day)

    @classmethod
    def coerce(cls, value: object) -> PartialDate | None:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, str):
            return cls.parse(value)
        return None

    def parts(self) -> tuple[int, ...]:
        return tuple(part for part in (self.year, self.month, self.day) if part is not None)

    def latest_day(self) -> date:
        """The last calendar day this partial date could mean."""
        if self.day is not None and self.month is not None:
            return date(self.year, self.month, self.day)
        if self.month is not None:
            following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(self.year, 12, 31)

    def isoformat(self) -> str:
        return "-".join(
            f"{part:02d}" if index else f"{part:04d}" for index, part in enumerate(self.parts())
        )


def years_between(born: PartialDate, on: date) -> int:
    """Completed years from ``born`` to ``on``.

    A partial date counts from the latest day it could mean, so an age is never overstated:
    someone born "in 2007" is treated as the youngest they could be (presumption of minority).
    """
    latest = born.latest_day()
    years = on.year - latest.year
    if (on.month, on.day) < (latest.month, latest.day):
        years -= 1
    return years
