"""Anonymised counts of screenings for the supervisor, safe to share.

Counts are one-way tables over all cases: by ISO week the case was opened, recommended next
step (the outcome in force, override included), urgency, nationality, age band and form of
exploitation. Small cells are suppressed (``suppression``); the CSV export carries HXL
hashtags in its second header row (``statistics_csv``). No name, answer or id leaves here.

Sources: the decrypted case index (week, outcome, urgency, nationality, estimated age) and
each case's current stored assessment (form of exploitation). A case counts under the forms
of exploitation the interviewer recorded in an in-depth interview (possibly several); without
that, under the ILO indicator set its assessment used (``labour`` or ``sexual``) when the
outcome is a referral or an in-depth interview; ``none_indicated`` when the outcome is
information only; ``not_assessed`` without a stored assessment.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from screening_app.core.records import CaseSummary
from screening_app.services.assessments import record_of
from screening_app.services.cases import CaseService
from screening_app.services.roles import Capability
from screening_app.services.suppression import SMALL_CELL, Table, suppressed_table
from screening_app.services.vault import Vault
from screening_app.storage.models import Case
from screening_app.storage.models import StoredAssessment as AssessmentRow

DIMENSIONS: tuple[str, ...] = (
    "week",
    "outcome",
    "urgency",
    "nationality",
    "age_band",
    "exploitation",
)
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("0-17", 0, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-49", 35, 49),
    ("50+", 50, 200),
)
UNKNOWN = "unknown"
PENDING = "pending"
OUTCOME_ORDER = ("refer_nrm", "in_depth_interview", "no_indicators", PENDING)
URGENCY_ORDER = ("immediate", "24h", "72h", "standard", PENDING)
EXPLOITATION_ORDER = (
    "labour",
    "sexual",
    "criminality",
    "begging",
    "domestic_servitude",
    "forced_marriage",
    "illegal_adoption",
    "surrogacy",
    "organ_removal",
    "none_indicated",
    "not_assessed",
)
# Each case falls in exactly one category of these, so their cells add up to the total.
_PARTITIONS = frozenset({"week", "outcome", "urgency", "nationality", "age_band"})


@dataclass(frozen=True)
class CaseStatistics:
    total: int | None
    tables: tuple[Table, ...]
    small_cell: int = SMALL_CELL

    def table(self, dimension: str) -> Table:
        return next(table for table in self.tables if table.dimension == dimension)

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": self.total,
            "small_cell": self.small_cell,
            "tables": {table.dimension: table.to_json() for table in self.tables},
        }


def iso_week(created: str) -> str:
    """``2026-W07`` for a stored UTC timestamp."""
    moment = datetime.strptime(created[:10], "%Y-%m-%d")
    year, week, _day = moment.isocalendar()
    return f"{year}-W{week:02d}"


def age_band(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    for name, low, high in AGE_BANDS:
        if low <= age <= high:
            return name
    return UNKNOWN


def _exploitation(summary: CaseSummary, facts: tuple[tuple[str, ...], str] | None) -> list[str]:
    if facts is None:
        return ["not_assessed"]
    described, profile = facts
    if described:
        return list(described)
    if summary.outcome in ("refer_nrm", "in_depth_interview"):
        return [profile]
    return ["none_indicated"]


def _ordered(counts: Counter[str], order: Sequence[str] | None) -> dict[str, int]:
    """Known categories in their fixed order, then any other by size (largest first)."""
    if order is None:
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    known = {name: counts[name] for name in order if counts[name]}
    rest = sorted((k for k in counts if k not in known), key=lambda k: (-counts[k], k))
    return {**known, **{name: counts[name] for name in rest}}


def count_cases(
    summaries: Iterable[CaseSummary],
    exploitation: Mapping[str, tuple[tuple[str, ...], str]],
) -> CaseStatistics:
    """The suppressed one-way tables for these cases (pure: no workspace involved)."""
    counters: dict[str, Counter[str]] = {name: Counter() for name in DIMENSIONS}
    total = 0
    for summary in summaries:
        total += 1
        counters["week"][iso_week(summary.created)] += 1
        counters["outcome"][summary.outcome or PENDING] += 1
        counters["urgency"][summary.urgency or PENDING] += 1
        counters["nationality"][summary.nationality or UNKNOWN] += 1
        counters["age_band"][age_band(summary.age)] += 1
        for kind in _exploitation(summary, exploitation.get(summary.case_id)):
            counters["exploitation"][kind] += 1
    orders: dict[str, Sequence[str] | None] = {
        "week": sorted(counters["week"]),
        "outcome": OUTCOME_ORDER,
        "urgency": URGENCY_ORDER,
        "nationality": None,
        "age_band": [name for name, _low, _high in AGE_BANDS] + [UNKNOWN],
        "exploitation": EXPLOITATION_ORDER,
    }
    tables = tuple(
        suppressed_table(name, _ordered(counters[name], orders[name]), total, name in _PARTITIONS)
        for name in DIMENSIONS
    )
    return CaseStatistics(total if total >= SMALL_CELL else None, tables)


def exploitation_facts(vault: Vault) -> dict[str, tuple[tuple[str, ...], str]]:
    """Per case with a stored assessment: recorded forms of exploitation and the ILO set used."""
    latest: dict[str, tuple[AssessmentRow, bytes]] = {}
    query = (
        select(AssessmentRow, Case.wrapped_case_key)
        .join(Case, Case.id == AssessmentRow.case_id)
        .order_by(AssessmentRow.id)
    )
    with vault.read() as session:
        for row, wrapped in session.execute(query):
            latest[row.case_id] = (row, wrapped)
    facts = {}
    for case_id, (row, wrapped) in latest.items():
        record = record_of(row, vault.case_cipher(case_id, wrapped), {})
        facts[case_id] = (record.exploitation_types, record.exploitation_profile)
    return facts


def case_statistics(vault: Vault, summaries: Sequence[CaseSummary] | None = None) -> CaseStatistics:
    """Counts over every case. ``summaries`` is the in-memory index if the caller has it."""
    vault.require(Capability.STATISTICS)
    rows = summaries if summaries is not None else CaseService(vault).summaries()
    result = count_cases(rows, exploitation_facts(vault))
    with vault.write("statistics.view", None, {"cases": result.total}):
        pass
    return result
