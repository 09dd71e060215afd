"""The review queue's rows: each case awaiting review with what a supervisor triages by.

The order is the service's (most urgent first, then the oldest case). The flags come from
the case's stored assessment: whether the person may be a child, travels unaccompanied,
is in immediate danger or needs a doctor now. No names: the queue is for triage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from screening_app.core.records import CaseSummary
from screening_app.services.assessments import AssessmentService
from screening_app.services.review import ReviewService
from screening_app.services.vault import Vault

# Raised by the assessment beside the urgency; the child flags get a column of their own.
ALERT_FLAGS = ("immediate_danger", "medical_urgent")


@dataclass(frozen=True)
class QueueRow:
    summary: CaseSummary
    waiting_since: str
    is_child: bool
    unaccompanied: bool
    alerts: tuple[str, ...]

    @property
    def case_id(self) -> str:
        return self.summary.case_id


def queue_rows(vault: Vault, summaries: Sequence[CaseSummary] | None) -> list[QueueRow]:
    """The queue with each case's flags (one assessment read per waiting case)."""
    assessments = AssessmentService(vault)
    rows = []
    for summary in ReviewService(vault).queue(summaries):
        record = assessments.latest(summary.case_id)
        flags = record.flags if record is not None else frozenset()
        child = record.is_child if record is not None else False
        rows.append(
            QueueRow(
                summary=summary,
                # The stored assessment is made when the interview is sent to review.
                waiting_since=record.created if record is not None else summary.updated,
                is_child=child or "possible_minor" in flags,
                unaccompanied="unaccompanied" in flags,
                alerts=tuple(flag for flag in ALERT_FLAGS if flag in flags),
            )
        )
    return rows
