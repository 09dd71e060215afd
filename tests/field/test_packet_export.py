"""Packet export: what a packet holds, what is recorded, and every refusal leaving no trace."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from screening_app.core.errors import (
    PermissionDeniedError,
    ScreeningError,
    UsageError,
)
from screening_app.core.records import CaseStatus
from screening_app.packets.open import open_packet
from screening_app.services.cases import CaseService
from screening_app.services.office_keys import office_identity
from screening_app.services.packet_export import PacketExports, referral_states
from screening_app.services.vault import Vault
from screening_app.storage.models import AuditEntry, Case, Referral
from tests.field.conftest import HEALTH_FIELDS, FieldSetup
from tests.review.screened_cases import ADULT, NOTE_TEXT, OBSERVATION_TEXT, screen_case


def _state(vault: Vault, case_id: str) -> tuple[str, list[tuple[str, str]], int]:
    """Case status, referrals (recipient, status) and audit length: what a refusal must
    leave as it was."""
    with vault.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        referrals = session.execute(
            select(Referral.recipient_id, Referral.status).where(Referral.case_id == case_id)
        ).all()
        audit = len(session.execute(select(AuditEntry.seq)).all())
    return case.status, [tuple(row) for row in referrals], audit  # type: ignore[misc]


def _outbox(setup: FieldSetup) -> list[Path]:
    folder = setup.path / "outbox"
    return sorted(folder.iterdir()) if folder.exists() else []


def _open(setup: FieldSetup, data: bytes, recipient: str) -> object:
    keys = setup.agencies[recipient]
    office = office_identity(setup.sign_in()).signing_public
    return open_packet(data, keys.identity, [office], recipient, keys.entry.allowed_fields)


def test_export_seals_to_the_outbox_copies_out_and_marks_the_referral_sent(
    field: FieldSetup, tmp_path: Path
) -> None:
    case_id = field.approved_case()
    vault = field.sign_in()
    done = PacketExports(vault).export(case_id, "demo-nrm", tmp_path / "usb")
    assert done.path == tmp_path / "usb" / f"{done.packet_id}.age"
    assert done.outbox_path == field.path / "outbox" / f"{done.packet_id}.age"
    assert done.path.read_bytes() == done.outbox_path.read_bytes()
    assert stat.S_IMODE((field.path / "outbox").stat().st_mode) == 0o700
    opened = _open(field, done.path.read_bytes(), "demo-nrm")
    assert opened.sha256 == done.sha256  # type: ignore[attr-defined]
    manifest = opened.manifest  # type: ignore[attr-defined]
    assert manifest.case_id == case_id and manifest.recipient_id == "demo-nrm"
    assert [(f.form_id, f.version) for f in manifest.forms] == [("first-line-screening", "1.0.0")]
    assert opened.report_pdf.startswith(b"%PDF-")  # type: ignore[attr-defined]
    status, referrals, _audit = _state(vault, case_id)
    assert status == CaseStatus.REFERRED.value
    assert referrals == [("demo-nrm", "sent")]
    [state] = referral_states(vault, case_id)
    assert state.packet_id == done.packet_id and state.sent_at is not None
    assert state.describe() == (
        f"sent to Demo Referral Coordination Office on {state.sent_at[:10]}, awaiting receipt"
    )


def test_audit_records_the_export_with_ids_and_hash_only(field: FieldSetup) -> None:
    case_id = field.approved_case()
    vault = field.sign_in()
    done = PacketExports(vault).export(case_id, "demo-shelter")
    with vault.read() as session:
        entries = list(session.execute(select(AuditEntry)).scalars())
    [export] = [e for e in entries if e.action == "packet.export"]
    assert export.case_id == case_id
    detail = json.loads(export.detail)
    assert detail["packet"] == done.packet_id and detail["sha256"] == done.sha256
    assert detail["recipient"] == "demo-shelter"
    for entry in entries:
        for secret in (ADULT.given_names, ADULT.family_name, NOTE_TEXT, OBSERVATION_TEXT):
            assert secret not in entry.detail


def test_case_json_holds_only_what_consent_directory_and_intake_all_allow(
    field: FieldSetup,
) -> None:
    case_id = field.approved_case()
    done = PacketExports(field.sign_in()).export(case_id, "demo-health")
    opened = _open(field, done.outbox_path.read_bytes(), "demo-health")
    case = dict(opened.case)  # type: ignore[attr-defined]
    # The health intake accepts six names; the health directory entry does not allow the
    # nationality, so citizenship stays out although the intake would take it.
    assert opened.manifest.consent_scope == (  # type: ignore[attr-defined]
        "caseId",
        "givenNames",
        "gender",
        "estimatedAge",
        "needs",
    )
    assert set(case) <= set(HEALTH_FIELDS) - {"citizenship"}
    assert case["givenNames"] == ADULT.given_names and case["estimatedAge"] == 31
    text = json.dumps(case)
    for withheld in (ADULT.family_name, ADULT.nationality, NOTE_TEXT, OBSERVATION_TEXT):
        assert str(withheld) not in text


def test_the_coordinator_gets_the_indicators_but_never_the_notes(field: FieldSetup) -> None:
    case_id = field.approved_case()
    done = PacketExports(field.sign_in()).export(case_id, "demo-nrm")
    case = dict(_open(field, done.outbox_path.read_bytes(), "demo-nrm").case)  # type: ignore[attr-defined]
    assert case["familyName"] == ADULT.family_name and case["citizenship"] == "ER"
    assert "CR.debt_bondage" in case["indicatorsMet"]
    assert case["majorityStatus"] == "adult" and case["assessmentOutcome"] == "refer_nrm"
    text = json.dumps(case)
    assert NOTE_TEXT not in text and OBSERVATION_TEXT not in text


@pytest.mark.parametrize("role", ["responder", "interpreter"])
def test_only_supervisors_export(field: FieldSetup, role: str) -> None:
    case_id = field.approved_case()
    supervisor, other = field.sign_in(), field.sign_in(role)  # sign-ins are audited too
    before = _state(supervisor, case_id)
    with pytest.raises(PermissionDeniedError, match=f"the {role} role may not do this"):
        PacketExports(other).export(case_id, "demo-nrm")
    assert _state(supervisor, case_id) == before
    assert _outbox(field) == []


def test_a_case_not_yet_approved_is_refused(field: FieldSetup) -> None:
    case_id = screen_case(field.sign_in("responder")).case_id
    vault = field.sign_in()
    before = _state(vault, case_id)
    with pytest.raises(UsageError, match=f"case {case_id} is awaiting_review: a supervisor"):
        PacketExports(vault).export(case_id, "demo-nrm")
    assert _state(vault, case_id) == before and _outbox(field) == []


def test_a_recipient_without_keys_is_refused_with_what_to_do(field: FieldSetup) -> None:
    case_id = field.approved_case()
    vault = field.sign_in()
    before = _state(vault, case_id)
    with pytest.raises(UsageError) as caught:
        PacketExports(vault).export(case_id, "demo-legal-aid")
    assert caught.value.message == (
        "recipient demo-legal-aid has no keys yet: import a key bundle signed by the NRM root "
        "(`screening-app recipients add BUNDLE.json`)"
    )
    assert _state(vault, case_id) == before and _outbox(field) == []


def test_a_recipient_the_person_did_not_consent_to_is_refused(field: FieldSetup) -> None:
    case_id = field.approved_case()  # the person refused IOM
    vault = field.sign_in()
    before = _state(vault, case_id)
    with pytest.raises(PermissionDeniedError, match="did not consent"):
        PacketExports(vault).export(case_id, "demo-iom")
    assert _state(vault, case_id) == before and _outbox(field) == []


def test_an_unwritable_out_folder_leaves_nothing_sent_and_no_file(
    field: FieldSetup, tmp_path: Path
) -> None:
    case_id = field.approved_case()
    vault = field.sign_in()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(ScreeningError, match="the packet stays unsent"):
        PacketExports(vault).export(case_id, "demo-nrm", blocker / "usb")
    status, referrals, _audit = _state(vault, case_id)
    assert status == CaseStatus.APPROVED.value
    assert referrals == [("demo-nrm", "prepared")]  # the report was made; nothing was sent
    assert _outbox(field) == []
    # Once the folder is usable, the same export goes through.
    done = PacketExports(vault).export(case_id, "demo-nrm", tmp_path / "usb")
    assert _state(vault, case_id)[1] == [("demo-nrm", "sent")] and done.path.exists()


def test_purging_a_case_removes_its_packets_waiting_in_the_outbox(field: FieldSetup) -> None:
    kept = field.approved_case()
    purged = field.approved_case()
    vault = field.sign_in()
    kept_packet = PacketExports(vault).export(kept, "demo-nrm")
    purged_packet = PacketExports(vault).export(purged, "demo-nrm")
    assert purged_packet.outbox_path.exists()
    CaseService(field.sign_in("admin")).purge(purged)
    assert not purged_packet.outbox_path.exists()
    assert kept_packet.outbox_path.exists()
    with vault.read() as session:
        assert session.execute(select(Referral).where(Referral.case_id == purged)).first() is None


def test_a_packet_waiting_for_its_receipt_is_not_sealed_twice_unless_asked(
    field: FieldSetup,
) -> None:
    case_id = field.approved_case()
    vault = field.sign_in()
    first = PacketExports(vault).export(case_id, "demo-nrm")
    before = _state(vault, case_id)
    with pytest.raises(UsageError, match="waits for its receipt") as refused:
        PacketExports(vault).export(case_id, "demo-nrm")
    assert str(first.outbox_path) in refused.value.message
    assert _state(vault, case_id) == before
    assert _outbox(field) == [first.outbox_path]
    # Another recipient is not held up by it.
    PacketExports(vault).export(case_id, "demo-shelter")
    again = PacketExports(vault).export(case_id, "demo-nrm", again=True)
    assert again.packet_id != first.packet_id
    assert first.outbox_path.exists() and again.outbox_path.exists()
