from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from screening_app.assess import Override
from screening_app.core.errors import IntegrityError, PermissionDeniedError
from screening_app.services.assessments import (
    AssessmentService,
    rebuilt_assessment,
    store_override,
)
from screening_app.storage import database
from screening_app.storage.models import AuditEntry, Case, StoredAssessment
from tests.conftest import OpenWorkspace
from tests.review.screened_cases import screen_case


def test_a_recorded_assessment_reads_back_with_its_input_and_reasons(
    open_ws: OpenWorkspace,
) -> None:
    screened = screen_case(open_ws.sign_in("responder"))
    record = AssessmentService(open_ws.sign_in("supervisor")).latest(screened.case_id)
    assert record is not None
    assert record.id == screened.assessment_id
    assert (record.outcome, record.urgency) == ("refer_nrm", "immediate")
    assert record.engine_outcome == record.outcome
    assert record.override is None
    assert record.created_by == "responder"
    assert record.flags == {"immediate_danger", "medical_urgent"}
    assert "reflection_period" in record.services
    assert record.reflection_period_days == 30
    assert any(reason["rule"] == "outcome.refer_nrm" for reason in record.reasons)
    assert record.input["evidence"]["CR.debt_bondage"] == ["debt_conditions"]


def test_the_result_is_sealed_and_a_copy_in_another_row_does_not_open(
    open_ws: OpenWorkspace,
) -> None:
    responder = open_ws.sign_in("responder")
    first = screen_case(responder)
    second = screen_case(responder)
    # The engine's reason texts exist only inside the sealed result.
    files = open_ws.workspace.path.glob("screening.sqlite*")
    raw = b"".join(path.read_bytes() for path in files)
    assert b"Outcome refer_nrm" not in raw
    assert b"combination" not in raw
    with database.session_factory(open_ws.workspace.engine)() as session:
        sealed = session.get(StoredAssessment, first.assessment_id).result_ct  # type: ignore[union-attr]
        session.execute(
            update(StoredAssessment)
            .where(StoredAssessment.id == second.assessment_id)
            .values(result_ct=sealed)
        )
        session.commit()
    service = AssessmentService(open_ws.sign_in("supervisor"))
    assert service.latest(first.case_id) is not None
    with pytest.raises(IntegrityError):
        service.latest(second.case_id)


def test_each_submission_adds_an_assessment_and_the_newest_is_current(
    open_ws: OpenWorkspace,
) -> None:
    responder = open_ws.sign_in("responder")
    screened = screen_case(responder)
    supervisor = open_ws.sign_in("supervisor")
    service = AssessmentService(supervisor)
    engine = rebuilt_assessment(service.history(screened.case_id)[0])
    again = AssessmentService(responder).record(screened.case_id, engine)
    history = service.history(screened.case_id)
    assert [r.id for r in history] == [screened.assessment_id, again]
    assert service.latest(screened.case_id).id == again  # type: ignore[union-attr]


def test_an_override_is_kept_beside_the_untouched_engine_result(open_ws: OpenWorkspace) -> None:
    screened = screen_case(open_ws.sign_in("responder"))
    supervisor = open_ws.sign_in("supervisor")
    before = AssessmentService(supervisor).latest(screened.case_id)
    assert before is not None
    decided = Override(
        "in_depth_interview", "Wants to talk again first.", "supervisor", datetime.now(UTC)
    )
    factory = database.session_factory(open_ws.workspace.engine)
    with factory() as session:
        row = session.get(StoredAssessment, before.id)
        case = session.get(Case, screened.case_id)
        assert row is not None
        assert case is not None
        cipher = supervisor.case_cipher(case.id, case.wrapped_case_key)
        stored = store_override(row, cipher, before, decided)
        session.commit()
    after = AssessmentService(supervisor).latest(screened.case_id)
    assert after is not None and after.override == stored
    assert (after.outcome, after.engine_outcome) == ("in_depth_interview", "refer_nrm")
    assert after.result == before.result
    # Immediate danger keeps the urgency immediate; services are worked out for the new outcome.
    assert after.urgency == "immediate"
    assert "reflection_period" not in after.services
    assert after.reflection_period_days is None


def test_an_assessment_the_rules_in_force_would_not_give_cannot_be_overridden(
    open_ws: OpenWorkspace,
) -> None:
    screened = screen_case(open_ws.sign_in("responder"))
    record = AssessmentService(open_ws.sign_in("supervisor")).latest(screened.case_id)
    assert record is not None
    tampered = replace(record, result={**record.result, "outcome": "no_indicators"})
    with pytest.raises(IntegrityError):
        rebuilt_assessment(tampered)
    other_rules = replace(record, rules_version="ilo-2009/0.9.0")
    with pytest.raises(IntegrityError):
        rebuilt_assessment(other_rules)


@pytest.mark.parametrize("role", ["responder", "interpreter"])
def test_only_supervisors_read_stored_assessments(open_ws: OpenWorkspace, role: str) -> None:
    screened = screen_case(open_ws.sign_in("responder"))
    with pytest.raises(PermissionDeniedError):
        AssessmentService(open_ws.sign_in(role)).latest(screened.case_id)


def test_recording_is_audited_with_ids_only(open_ws: OpenWorkspace) -> None:
    screened = screen_case(open_ws.sign_in("responder"))
    with database.session_factory(open_ws.workspace.engine)() as session:
        entry = session.execute(
            select(AuditEntry).where(AuditEntry.action == "assessment.record")
        ).scalar_one()
    assert entry.case_id == screened.case_id
    assert "debt" not in entry.detail and "Velisande" not in entry.detail
