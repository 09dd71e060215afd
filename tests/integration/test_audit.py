from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, select, update

from screening_app.cli import main
from screening_app.core.records import PersonDetails
from screening_app.services.audit_log import verify_chain, verify_signed_in
from screening_app.services.cases import CaseService
from screening_app.storage import audit, database
from screening_app.storage.models import AuditEntry
from tests.conftest import OpenWorkspace


def filled(open_ws: OpenWorkspace) -> int:
    """A workspace with a few audited events; returns the number of entries."""
    cases = CaseService(open_ws.sign_in("supervisor"))
    case_id = cases.create_case(PersonDetails(given_names="Orvenna"))
    cases.person(case_id)
    cases.summaries()
    with database.session_factory(open_ws.workspace.engine)() as session:
        return len(session.execute(select(AuditEntry.seq)).all())


def edit(open_ws: OpenWorkspace, *statements: object) -> None:
    with database.session_factory(open_ws.workspace.engine)() as session:
        for statement in statements:
            session.execute(statement)  # type: ignore[call-overload]
        session.commit()


def test_intact_log_verifies_with_and_without_a_password(open_ws: OpenWorkspace) -> None:
    count = filled(open_ws)
    report = verify_chain(open_ws.workspace)
    assert report.ok and report.entries == count
    assert verify_signed_in(open_ws.sign_in("supervisor")).ok


def test_log_records_who_did_what_never_case_content(open_ws: OpenWorkspace) -> None:
    filled(open_ws)
    with database.session_factory(open_ws.workspace.engine)() as session:
        entries = session.execute(select(AuditEntry)).scalars().all()
    actions = [e.action for e in entries]
    for expected in ("workspace.init", "account.create", "login", "case.create", "case.view"):
        assert expected in actions
    assert all("Orvenna" not in (e.detail + e.actor + (e.case_id or "")) for e in entries)


def test_free_text_cannot_enter_the_audit_detail(open_ws: OpenWorkspace) -> None:
    with (
        database.session_factory(open_ws.workspace.engine)() as session,
        pytest.raises(ValueError, match="not free text"),
    ):
        audit.append(session, "x", "note", detail={"text": "she said she was scared"})


def test_edited_entry_is_detected_at_that_entry(open_ws: OpenWorkspace) -> None:
    filled(open_ws)
    edit(open_ws, update(AuditEntry).where(AuditEntry.seq == 4).values(action="case.nothing"))
    report = verify_chain(open_ws.workspace)
    assert not report.ok
    assert report.first_broken == 4
    assert "altered" in (report.problem or "")


def test_removed_entry_is_detected(open_ws: OpenWorkspace) -> None:
    filled(open_ws)
    edit(open_ws, delete(AuditEntry).where(AuditEntry.seq == 3))
    report = verify_chain(open_ws.workspace)
    assert not report.ok and report.first_broken == 3
    assert "missing" in (report.problem or "")


def test_swapped_entries_are_detected(open_ws: OpenWorkspace) -> None:
    filled(open_ws)
    with database.session_factory(open_ws.workspace.engine)() as session:
        a, b = (session.get(AuditEntry, n) for n in (5, 6))
        assert a and b
        fields = ("at", "actor", "action", "case_id", "detail", "prev_hash", "entry_hash")
        va = {f: getattr(a, f) for f in fields}
        vb = {f: getattr(b, f) for f in fields}
    edit(
        open_ws,
        update(AuditEntry).where(AuditEntry.seq == 5).values(entry_hash="x" * 64),
        update(AuditEntry).where(AuditEntry.seq == 6).values(**va),
        update(AuditEntry).where(AuditEntry.seq == 5).values(**vb),
    )
    report = verify_chain(open_ws.workspace)
    assert not report.ok and report.first_broken == 5


def test_cut_off_tail_is_detected_by_the_authenticated_anchor(open_ws: OpenWorkspace) -> None:
    count = filled(open_ws)
    edit(open_ws, delete(AuditEntry).where(AuditEntry.seq >= count - 1))
    assert verify_chain(open_ws.workspace).ok  # the plain chain cannot see this ...
    report = verify_signed_in(open_ws.sign_in("supervisor"))
    assert not report.ok  # ... the anchor can
    assert "cut off or rewritten" in (report.problem or "")


def test_audit_verify_command_exits_1_and_names_the_broken_entry(
    open_ws: OpenWorkspace, capsys: pytest.CaptureFixture[str]
) -> None:
    filled(open_ws)
    path = open_ws.workspace.path
    open_ws.workspace.close()
    assert main(["--workspace", str(path), "audit", "verify"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True

    from screening_app.storage.workspace import open_workspace

    with open_workspace(path) as ws, database.session_factory(ws.engine)() as session:
        session.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(actor="someone"))
        session.commit()
    assert main(["--workspace", str(path), "audit", "verify"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["first_broken"] == 2
    assert "broken at entry 2" in captured.err
    open_ws.workspace = open_workspace(path)  # let the fixture close it
