"""The case index as the list shows it, with search and filters done in plain Python.

Every row gets one lower-cased search key when the index loads (reference, name, aliases,
nationality code and country names), so a keystroke is a substring test per row. A query
that only adds letters to the previous one searches the previous result, not all rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    """English and a few interface-language names of a country, for searching."""
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
    """The rows and their search keys; filtering returns row numbers."""

    def __init__(self, rows: Sequence[CaseSummary]) -> None:
        self.rows = list(rows)
        self.keys = [search_key(row) for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)

    def matching(
        self, query: CaseQuery, within: Sequence[int] | None = None, now: datetime | None = None
    ) -> list[int]:
        candidates = range(len(self.rows)) if within is None else within
        keep = self._filter(query, now or datetime.now(UTC))
        terms = query.terms
        keys = self.keys
        if len(terms) == 1 and keep is None:
            term = terms[0]
            return [i for i in candidates if term in keys[i]]
        return [
            i
            for i in candidates
            if all(term in keys[i] for term in terms) and (keep is None or keep(self.rows[i]))
        ]

    @staticmethod
    def _filter(query: CaseQuery, now: datetime) -> Callable[[CaseSummary], bool] | None:
        checks: list[Callable[[CaseSummary], bool]] = []
        if query.status:
            checks.append(lambda row: row.status == query.status)
        if query.urgency:
            checks.append(lambda row: row.urgency == query.urgency)
        if query.outcome:
            checks.append(lambda row: row.outcome == query.outcome)
        if query.updated_within_days:
            since = (now - timedelta(days=query.updated_within_days)).strftime("%Y-%m-%d")
            checks.append(lambda row: row.updated[:10] >= since)
        if not checks:
            return None
        return lambda row: all(check(row) for check in checks)
