"""Value types of a case record, shared by services, reports and packets."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class CaseStatus(StrEnum):
    DRAFT = "draft"
    IN_PROGRESS = "in_progress"
    AWAITING_REVIEW = "awaiting_review"
    RETURNED = "returned"
    APPROVED = "approved"
    REFERRED = "referred"
    CLOSED = "closed"


class AnswerStatus(StrEnum):
    ANSWERED = "answered"
    DECLINED = "declined"  # prefers not to answer
    UNKNOWN = "unknown"  # does not know
    SKIPPED = "skipped"


@dataclass(frozen=True)
class PersonDetails:
    """What is known about the person. Dates may be partial ("2007", "2007-03")."""

    given_names: str = ""
    family_name: str = ""
    aliases: tuple[str, ...] = ()
    date_of_birth: str | None = None
    estimated_age: int | None = None
    nationality: str | None = None
    languages: tuple[str, ...] = ()
    gender: str | None = None

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.family_name) if part)

    def to_json(self) -> dict[str, Any]:
        return {
            "given_names": self.given_names,
            "family_name": self.family_name,
            "aliases": list(self.aliases),
            "date_of_birth": self.date_of_birth,
            "estimated_age": self.estimated_age,
            "nationality": self.nationality,
            "languages": list(self.languages),
            "gender": self.gender,
        }


@dataclass(frozen=True)
class CaseSummary:
    """One row of the in-memory case index, decrypted after unlock."""

    case_id: str
    status: str
    created: str
    updated: str
    display_name: str
    aliases: tuple[str, ...] = ()
    nationality: str | None = None
    age: int | None = None
    urgency: str | None = None
    outcome: str | None = None
    is_demo: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.case_id,
            "status": self.status,
            "created": self.created,
            "updated": self.updated,
            "display_name": self.display_name,
            "aliases": list(self.aliases),
            "nationality": self.nationality,
            "age": self.age,
            "urgency": self.urgency,
            "outcome": self.outcome,
            "demo": self.is_demo,
        }


@dataclass(frozen=True)
class AnswerRecord:
    """One answer as given, with the languages it was asked and answered in and who
    interpreted. ``value`` is JSON-compatible (str, number, list, or a dict for dates)."""

    question_id: str
    status: AnswerStatus
    value: Any = None
    language_asked: str | None = None
    language_answered: str | None = None
    interpreter: str | None = None
    answered_at: str = ""
    recorded_by: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def payload(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "value": self.value,
            "language_asked": self.language_asked,
            "language_answered": self.language_answered,
            "interpreter": self.interpreter,
            "extra": self.extra,
        }
