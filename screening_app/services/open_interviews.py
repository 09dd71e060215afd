"""Interviews left open by the signed-in account: what "continue where I stopped" offers."""

from __future__ import annotations

from sqlalchemy import select

from screening_app.services.interviews import InterviewService, SessionInfo
from screening_app.services.roles import Capability
from screening_app.services.vault import Vault
from screening_app.storage.models import InterviewSession


def open_interviews(vault: Vault, limit: int = 20) -> list[SessionInfo]:
    """The account's open interview sessions, most recently started first."""
    vault.require(Capability.CONDUCT_INTERVIEW)
    query = (
        select(InterviewSession.id)
        .where(InterviewSession.status == "open")
        .where(InterviewSession.interviewer_id == vault.account_id)
        .order_by(InterviewSession.started.desc(), InterviewSession.id)
        .limit(limit)
    )
    with vault.read() as session:
        ids = list(session.execute(query).scalars())
    service = InterviewService(vault)
    return [service.info(session_id) for session_id in ids]
