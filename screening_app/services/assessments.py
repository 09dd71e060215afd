"""Stored assessments: the engine's result for a case, and a supervisor's override beside it.

Each submitted interview adds one row to ``assessments``; the newest row is the case's
current assessment. ``result_ct`` holds the engine's input and result as JSON, sealed with the
case key; it is never changed. ``override_ct`` holds the override in force, if any. Every
override is also a review event, so earlier overrides stay on record too.

The input is kept with the result so the assessment can be rebuilt exactly (an override is
worked out from the same facts with the same rules) and checked: if the rules in force would
no longer give the stored result, the override is refused rather than silently mixing rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from screening_app.assess import (
    Assessment,
    AssessmentInput,
    Override,
    apply_override,
    assess,
    assessment_to_json,
    default_rules,
    input_from_json,
)
from screening_app.core.clock import utc_iso
from screening_app.core.errors import IntegrityError, NotFoundError
from screening_app.crypto.aead import FieldCipher
from screening_app.services.roles import Capability
from screening_app.services.vault import Vault
from screening_app.storage.models import Account, Case
from screening_app.storage.models import StoredAssessment as AssessmentRow
from screening_app.storage.repositories import CaseRepository, open_json, seal_json

EXPLOITATION_QUESTION = "exploitation_types"
_TABLE = "assessments"


def input_to_json(inp: AssessmentInput) -> dict[str, Any]:
    """The input in the shape ``assess.input_from_json`` reads back."""
    return {
        "profile": inp.profile,
        "age": inp.age,
        "possible_minor": inp.possible_minor,
        "exploitation": inp.exploitation,
        "indicators": sorted(inp.indicators),
        "flags": sorted(inp.flags),
        "consent": {"law_enforcement": inp.consent.law_enforcement},
        "requests": sorted(inp.requests),
        "interview_language": inp.interview_language,
        "local_language": inp.local_language,
        "evidence": {key: list(value) for key, value in inp.evidence.items()},
    }


@dataclass(frozen=True)
class StoredOverride:
    """A supervisor's decision on the outcome, with what it changes."""

    outcome: str
    urgency: str
    reason: str
    by: str
    at: str
    services: tuple[str, ...]
    reflection_period_days: int | None
    urgency_given: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "urgency": self.urgency,
            "reason": self.reason,
            "by": self.by,
            "at": self.at,
            "services": list(self.services),
            "reflection_period_days": self.reflection_period_days,
            "urgency_given": self.urgency_given,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StoredOverride:
        return cls(
            outcome=data["outcome"],
            urgency=data["urgency"],
            reason=data["reason"],
            by=data["by"],
            at=data["at"],
            services=tuple(data["services"]),
            reflection_period_days=data["reflection_period_days"],
            urgency_given=bool(data["urgency_given"]),
        )


@dataclass(frozen=True)
class AssessmentRecord:
    """One stored assessment: the engine's result as made, and the override in force."""

    id: int
    case_id: str
    created: str
    created_by: str
    rules_version: str
    input: Mapping[str, Any]
    result: Mapping[str, Any]
    exploitation_types: tuple[str, ...]
    override: StoredOverride | None

    # -- the engine's result, as made ---------------------------------------------------------
    @property
    def engine_outcome(self) -> str:
        return str(self.result["outcome"])

    @property
    def engine_urgency(self) -> str:
        return str(self.result["urgency"])

    @property
    def reasons(self) -> tuple[Mapping[str, Any], ...]:
        return tuple(self.result["reasons"])

    @property
    def is_child(self) -> bool:
        return bool(self.result["profile"] == "child")

    @property
    def exploitation_profile(self) -> str:
        return str(self.result["exploitation"])

    @property
    def flags(self) -> frozenset[str]:
        return frozenset(self.input.get("flags") or ())

    # -- what is in force: the override where there is one -----------------------------------
    @property
    def outcome(self) -> str:
        return self.override.outcome if self.override else self.engine_outcome

    @property
    def urgency(self) -> str:
        return self.override.urgency if self.override else self.engine_urgency

    @property
    def services(self) -> tuple[str, ...]:
        if self.override:
            return self.override.services
        return tuple(self.result["services"])

    @property
    def reflection_period_days(self) -> int | None:
        if self.override:
            return self.override.reflection_period_days
        days = self.result["reflection_period_days"]
        return int(days) if days is not None else None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "case_id": self.case_id,
            "created": self.created,
            "created_by": self.created_by,
            "rules_version": self.rules_version,
            "result": dict(self.result),
            "exploitation_types": list(self.exploitation_types),
            "override": self.override.to_json() if self.override else None,
            "outcome": self.outcome,
            "urgency": self.urgency,
        }


# -- rows (no policy: callers check roles and write the audit) --------------------------------
def _seal(cipher: FieldCipher, value: Any, column: str, row: AssessmentRow) -> bytes:
    return seal_json(cipher, value, _TABLE, column, row.id, row.row_version)


def _open(cipher: FieldCipher, sealed: bytes, column: str, row: AssessmentRow) -> Any:
    return open_json(cipher, sealed, _TABLE, column, row.id, row.row_version)


def assessment_rows(session: Session, case_id: str) -> list[AssessmentRow]:
    """A case's stored assessments, oldest first."""
    query = select(AssessmentRow).where(AssessmentRow.case_id == case_id).order_by(AssessmentRow.id)
    return list(session.execute(query).scalars())


def usernames(session: Session) -> dict[int, str]:
    return {row[0]: row[1] for row in session.execute(select(Account.id, Account.username))}


def record_of(
    row: AssessmentRow, cipher: FieldCipher, names: Mapping[int, str]
) -> AssessmentRecord:
    data = _open(cipher, row.result_ct, "result", row)
    override = None
    if row.override_ct is not None:
        override = StoredOverride.from_json(_open(cipher, row.override_ct, "override", row))
    return AssessmentRecord(
        id=row.id,
        case_id=row.case_id,
        created=row.created,
        created_by=names.get(row.created_by, str(row.created_by)),
        rules_version=row.rules_version,
        input=data["input"],
        result=data["result"],
        exploitation_types=tuple(data.get("exploitation_types") or ()),
        override=override,
    )


def latest_record(
    session: Session, case_id: str, cipher: FieldCipher, names: Mapping[int, str] | None = None
) -> AssessmentRecord | None:
    query = (
        select(AssessmentRow)
        .where(AssessmentRow.case_id == case_id)
        .order_by(AssessmentRow.id.desc())
        .limit(1)
    )
    row = session.execute(query).scalar()
    if row is None:
        return None
    return record_of(row, cipher, names if names is not None else usernames(session))


def _described_exploitation(repo: CaseRepository, case_id: str, cipher: FieldCipher) -> list[str]:
    """The forms of exploitation the interviewer recorded (in-depth form), newest session
    that has the answer; empty when none was recorded."""
    found: list[str] = []
    for interview in repo.sessions_of(case_id):
        for answer in repo.answers_of(interview.id, cipher, {}):
            if answer.question_id == EXPLOITATION_QUESTION and isinstance(answer.value, list):
                found = [str(item) for item in answer.value if item != "none_described"]
    return found


def insert_record(
    repo: CaseRepository,
    case: Case,
    cipher: FieldCipher,
    assessment: Assessment,
    created: str,
    created_by: int,
    exploitation_types: list[str] | None = None,
) -> AssessmentRow:
    """Add one stored assessment row for ``case`` (inside the caller's transaction).

    ``exploitation_types`` are the forms of exploitation the interviewer recorded; when not
    given they are read from the case's answers.
    """
    session = repo.session
    # The id is part of the sealed value's associated data, so it is chosen before sealing.
    next_id = int(session.execute(select(func.max(AssessmentRow.id))).scalar() or 0) + 1
    row = AssessmentRow(
        id=next_id,
        case_id=case.id,
        created=created,
        created_by=created_by,
        rules_version=assessment.rules_version,
        row_version=1,
        result_ct=b"",
        override_ct=None,
    )
    value = {
        "input": input_to_json(assessment.input),
        "result": assessment_to_json(assessment),
        "exploitation_types": (
            exploitation_types
            if exploitation_types is not None
            else _described_exploitation(repo, case.id, cipher)
        ),
    }
    row.result_ct = _seal(cipher, value, "result", row)
    session.add(row)
    session.flush()
    return row


def rebuilt_assessment(record: AssessmentRecord) -> Assessment:
    """The engine's assessment made again from the stored input with the rules in force.

    Refused if it no longer gives the stored result: the rules changed underneath it.
    """
    rules = default_rules()
    if rules.version != record.rules_version:
        raise IntegrityError(
            f"the assessment was made with rules {record.rules_version}, the rules in force are "
            f"{rules.version}: have the case assessed again before changing its outcome"
        )
    again = assess(input_from_json(dict(record.input)), rules)
    if assessment_to_json(again) != dict(record.result):
        raise IntegrityError(
            f"stored assessment {record.id} cannot be reproduced with rules {rules.version}"
        )
    return again


def store_override(
    row: AssessmentRow, cipher: FieldCipher, record: AssessmentRecord, override: Override
) -> StoredOverride:
    """Apply ``override`` to the stored assessment and keep it beside the result.

    The row's version goes up, so both sealed columns are sealed again under it (the result's
    content is unchanged); an override copied from an older version no longer opens.
    """
    applied = apply_override(rebuilt_assessment(record), override)
    stored = StoredOverride(
        outcome=applied.outcome,
        urgency=applied.urgency,
        reason=override.reason,
        by=override.by,
        at=utc_iso(override.at),
        services=applied.services,
        reflection_period_days=applied.reflection_period_days,
        urgency_given=override.urgency is not None,
    )
    result = _open(cipher, row.result_ct, "result", row)
    row.row_version += 1
    row.result_ct = _seal(cipher, result, "result", row)
    row.override_ct = _seal(cipher, stored.to_json(), "override", row)
    return stored


# -- the service ------------------------------------------------------------------------------
class AssessmentService:
    """Recording an interview's assessment, and reading a case's assessments back."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def record(self, case_id: str, assessment: Assessment) -> int:
        """Store ``assessment`` as the case's current one; returns the stored id.

        Called when an interview is submitted for review, before the case's status changes,
        so a case awaiting review always has the assessment it is judged on.
        """
        self.vault.require(Capability.CONDUCT_INTERVIEW)
        detail: dict[str, str | int | bool | None] = {
            "outcome": assessment.outcome,
            "urgency": assessment.urgency,
            "rules": assessment.rules_version,
        }
        with self.vault.write("assessment.record", case_id, detail) as session:
            repo = CaseRepository(session)
            case = repo.get(case_id)
            if case is None:
                raise NotFoundError(f"no case with id {case_id}")
            cipher = self.vault.case_cipher(case.id, case.wrapped_case_key)
            now = utc_iso(self.vault.clock.now())
            row = insert_record(repo, case, cipher, assessment, now, self.vault.account_id)
            session.flush()
            return row.id

    def latest(self, case_id: str) -> AssessmentRecord | None:
        """The case's current assessment with any override (supervisors)."""
        self.vault.require(Capability.REVIEW)
        with self.vault.read() as session:
            case, cipher = self._case(session, case_id)
            return latest_record(session, case.id, cipher)

    def history(self, case_id: str) -> list[AssessmentRecord]:
        """Every stored assessment of the case, oldest first (supervisors)."""
        self.vault.require(Capability.REVIEW)
        with self.vault.read() as session:
            case, cipher = self._case(session, case_id)
            names = usernames(session)
            return [record_of(row, cipher, names) for row in assessment_rows(session, case.id)]

    def _case(self, session: Session, case_id: str) -> tuple[Case, FieldCipher]:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFoundError(f"no case with id {case_id}")
        return case, self.vault.case_cipher(case.id, case.wrapped_case_key)
