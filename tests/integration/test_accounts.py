from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from screening_app.core.errors import (
    AccountLockedError,
    AuthenticationError,
    IntegrityError,
    PermissionDeniedError,
    UsageError,
)
from screening_app.crypto.keys import FAST_KDF
from screening_app.services.accounts import AccountService, wait_after_failures
from screening_app.services.roles import Role
from screening_app.storage import database
from screening_app.storage.models import Account, AuditEntry
from tests.conftest import PASSWORD, OpenWorkspace


class FakeClock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment

    def sleep(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


def audit_actions(open_ws: OpenWorkspace) -> list[str]:
    with database.session_factory(open_ws.workspace.engine)() as session:
        return list(session.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())


def test_each_role_signs_in_with_its_own_password(open_ws: OpenWorkspace) -> None:
    for role in Role:
        vault = open_ws.sign_in(role.value)
        assert vault.role is role
        vault.lock()
        assert vault.is_locked


def test_wrong_password_is_refused_and_audited(open_ws: OpenWorkspace) -> None:
    with pytest.raises(AuthenticationError, match="wrong account name or password"):
        open_ws.accounts.sign_in("responder", "not the password")
    assert "login.failed" in audit_actions(open_ws)


def test_unknown_account_gets_the_same_message_as_a_wrong_password(
    open_ws: OpenWorkspace,
) -> None:
    with pytest.raises(AuthenticationError, match="wrong account name or password"):
        open_ws.accounts.sign_in("nobody", PASSWORD)


def test_wrong_passwords_need_growing_waits_then_lock_the_account(
    open_ws: OpenWorkspace,
) -> None:
    clock = FakeClock()
    accounts = AccountService(open_ws.workspace, clock=clock, kdf=FAST_KDF)
    for attempt in range(1, 10):
        with pytest.raises(AuthenticationError, match="wrong"):
            accounts.sign_in("responder", "bad password")
        wait = wait_after_failures(attempt)
        if wait:
            # Trying again at once is refused without even checking the password.
            with pytest.raises(AuthenticationError, match=f"wait {wait} seconds"):
                accounts.sign_in("responder", PASSWORD)
            clock.sleep(wait)
    with pytest.raises(AccountLockedError, match="now locked"):
        accounts.sign_in("responder", "bad password")
    clock.sleep(3600)
    with pytest.raises(AccountLockedError, match="locked"):
        accounts.sign_in("responder", PASSWORD)
    actions = audit_actions(open_ws)
    assert actions.count("login.failed") == 10
    assert "account.locked" in actions
    # An administrator unlocks it; the right password then works.
    admin = open_ws.sign_in("admin")
    accounts.unlock_account(admin, "responder")
    assert accounts.sign_in("responder", PASSWORD).role is Role.RESPONDER


def test_waits_grow_and_are_capped() -> None:
    waits = [wait_after_failures(n) for n in range(1, 12)]
    assert waits[:2] == [0, 0]
    assert waits == sorted(waits)
    assert max(waits) == 60


def test_a_good_sign_in_resets_the_count(open_ws: OpenWorkspace) -> None:
    with pytest.raises(AuthenticationError):
        open_ws.accounts.sign_in("supervisor", "bad password")
    open_ws.sign_in("supervisor")
    with database.session_factory(open_ws.workspace.engine)() as session:
        account = session.execute(
            select(Account).where(Account.username == "supervisor")
        ).scalar_one()
        assert account.failed_attempts == 0


def test_corrupted_wrapped_key_is_reported_as_damage_not_as_a_wrong_password(
    open_ws: OpenWorkspace,
) -> None:
    with database.session_factory(open_ws.workspace.engine)() as session:
        account = session.execute(
            select(Account).where(Account.username == "responder")
        ).scalar_one()
        broken = bytearray(account.wrapped_data_key)
        broken[20] ^= 0xFF
        session.execute(
            update(Account).where(Account.id == account.id).values(wrapped_data_key=bytes(broken))
        )
        session.commit()
    with pytest.raises(IntegrityError, match="stored key of account 'responder' is damaged"):
        open_ws.sign_in("responder")
    # A wrong password on the damaged account is still just a wrong password.
    with pytest.raises(AuthenticationError, match="wrong"):
        open_ws.accounts.sign_in("responder", "bad password")


def test_password_change_rewraps_one_account(open_ws: OpenWorkspace) -> None:
    vault = open_ws.sign_in("responder")
    with pytest.raises(AuthenticationError, match="current password"):
        open_ws.accounts.change_password(vault, "bad password", "a new password")
    open_ws.accounts.change_password(vault, PASSWORD, "a new password")
    with pytest.raises(AuthenticationError):
        open_ws.sign_in("responder")
    assert open_ws.accounts.sign_in("responder", "a new password").username == "responder"
    # Other accounts are untouched.
    assert open_ws.sign_in("supervisor").role is Role.SUPERVISOR


def test_recovery_key_resets_a_forgotten_password_and_unlocks(
    open_ws: OpenWorkspace,
) -> None:
    supervisor = open_ws.sign_in("supervisor")
    from screening_app.core.records import PersonDetails
    from screening_app.services.cases import CaseService

    case_id = CaseService(supervisor).create_case(PersonDetails(given_names="Zorvana"))
    open_ws.accounts.recover("supervisor", open_ws.recovery_key.lower(), "recovered password")
    vault = open_ws.accounts.sign_in("supervisor", "recovered password")
    # The same data key: existing cases still open.
    assert CaseService(vault).person(case_id).given_names == "Zorvana"
    assert "account.recovery_reset" in audit_actions(open_ws)


def test_wrong_recovery_key_is_refused(open_ws: OpenWorkspace) -> None:
    from screening_app.crypto.keys import new_recovery_key

    with pytest.raises(AuthenticationError, match="does not belong to this workspace"):
        open_ws.accounts.recover("admin", new_recovery_key(), "another password")


def test_only_admins_manage_accounts(open_ws: OpenWorkspace) -> None:
    supervisor = open_ws.sign_in("supervisor")
    with pytest.raises(PermissionDeniedError):
        open_ws.accounts.add_user(supervisor, "extra", "responder", PASSWORD)
    with pytest.raises(PermissionDeniedError):
        open_ws.accounts.list_users(supervisor)
    admin = open_ws.sign_in("admin")
    names = [row.username for row in open_ws.accounts.list_users(admin)]
    assert names == ["admin", "interpreter", "responder", "supervisor"]


def test_account_names_and_passwords_are_checked(open_ws: OpenWorkspace) -> None:
    admin = open_ws.sign_in("admin")
    with pytest.raises(UsageError, match="at least 8"):
        open_ws.accounts.add_user(admin, "short", "responder", "short")
    with pytest.raises(UsageError, match="lowercase"):
        open_ws.accounts.add_user(admin, "has space", "responder", PASSWORD)
    with pytest.raises(UsageError, match="unknown role"):
        open_ws.accounts.add_user(admin, "extra", "boss", PASSWORD)
    with pytest.raises(UsageError, match="already exists"):
        open_ws.accounts.add_user(admin, "responder", "responder", PASSWORD)


def test_locked_vault_refuses_everything(open_ws: OpenWorkspace) -> None:
    from screening_app.services.cases import CaseService
    from screening_app.services.vault import LockedError

    vault = open_ws.sign_in("supervisor")
    vault.lock()
    with pytest.raises(LockedError):
        CaseService(vault).summaries()
