"""The case index as the list shows it, with search and filters done in plain Python.

Every row gets one lower-cased search key when the index loads (reference, name, aliases,
nationality code and country names), so a keystroke is a substring test per row. A query
that only adds letters to the previous one searches the previous result, not all rows.
Filters compare precomputed columns; each is one pass over the candidate rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from babel import Locale

from screening_app.core.records import CaseSummary

ANY = ""


@dataclass(frozen=True)
class CaseQuery:
    text: str = ""
    status: str = ANY
    urgency: str = ANY
    outcome: str = ANY
    updated_within_days: int = 0  # 0: any date

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(self.text.lower().split())

    def narrows(self, previous: CaseQuery) -> bool:
        """True when every row matching self also matched ``previous``."""
        same_filters = (
            self.status == previous.status
            and self.urgency == previous.urgency
            and self.outcome == previous.outcome
            and self.updated_within_days == previous.updated_within_days
        )
        return same_filters and self.text.lower().startswith(previous.text.lower())


@cache
def country_names(code: str) -> str:
    """English and the interface languages' names of a country, for searching."""
    names = [code]
    for lang in ("en", "fr", "it", "uk", "ar"):
        name = Locale.parse(lang).territories.get(code)
        if name:
            names.append(name)
    return " ".join(names)


def search_key(row: CaseSummary) -> str:
    parts = [row.case_id, row.display_name, *row.aliases]
    if row.nationality:
        parts.append(country_names(row.nationality))
    return " ".join(parts).lower()


class CaseIndex:
    """The rows, their search keys and filter columns; filtering returns row numbers."""

    def __init__(self, rows: Sequence[CaseSummary]) -> None:
        self.rows = list(rows)
        self.keys = [search_key(row) for row in self.rows]
        self.status = [row.status for row in self.rows]
        self.urgency = [row.urgency or "" for row in self.rows]
        self.outcome = [row.outcome or "" for row in self.rows]
        self.updated_day = [row.updated[:10] for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)

    def matching(
        self, query: CaseQuery, within: Sequence[int] | None = None, now: datetime | None = None
    ) -> list[int]:
        """Row numbers matching ``query``, in the order of ``within`` (all rows if None)."""
        found = list(range(len(self.rows)) if within is None else within)
        keys = self.keys
        for term in query.terms:
            found = [i for i in found if term in keys[i]]
        for column, wanted in (
            (self.status, query.status),
            (self.urgency, query.urgency),
            (self.outcome, query.outcome),
        ):
            if wanted:
                found = [i for i in found if column[i] == wanted]
        if query.updated_within_days:
            since = (now or datetime.now(UTC)) - timedelta(days=query.updated_within_days)
            day = since.strftime("%Y-%m-%d")
            updated = self.updated_day
            found = [i for i in found if updated[i] >= day]
        return found
