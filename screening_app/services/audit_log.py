"""Checking the audit log."""

from __future__ import annotations

from screening_app.services.roles import Capability
from screening_app.services.vault import Vault
from screening_app.storage import audit, database
from screening_app.storage.audit import AuditReport
from screening_app.storage.workspace import Workspace


def verify_chain(workspace: Workspace) -> AuditReport:
    """Chain only: needs no password (shows edits, removals, reordering)."""
    with database.session_factory(workspace.engine)() as session:
        return audit.verify(session)


def verify_signed_in(vault: Vault) -> AuditReport:
    """Chain and authenticated head (also shows a cut-off tail or a rewritten chain)."""
    vault.require(Capability.VERIFY_AUDIT)
    with vault.read() as session:
        report = audit.verify(session, vault.audit_key())
    with vault.write("audit.verify", None, {"ok": report.ok}):
        pass
    return report
