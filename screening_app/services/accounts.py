"""Accounts: first set-up, sign-in with growing delays and lockout, users, passwords, recovery."""

from __future__ import annotations

import hmac
import logging
import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from screening_app.core.clock import Clock, SystemClock, utc_iso
from screening_app.core.errors import (
    AccountLockedError,
    AuthenticationError,
    IntegrityError,
    NotFoundError,
    UsageError,
)
from screening_app.crypto.aead import field_aad, new_key
from screening_app.crypto.keys import (
    KdfParams,
    derive_password_key,
    key_check,
    new_recovery_key,
    new_salt,
    recovery_key_bytes,
    unwrap_key,
    wrap_key,
)
from screening_app.services.roles import Capability, Role, parse_role
from screening_app.services.vault import Vault, account_aad
from screening_app.storage import audit, database
from screening_app.storage.models import Account, RecoveryKey, WorkspaceMeta
from screening_app.storage.workspace import Workspace

log = logging.getLogger(__name__)

MAX_FAILED_ATTEMPTS = 10
MIN_PASSWORD_LENGTH = 8
_RECOVERY_AAD = field_aad("recovery_keys", "wrapped_data_key", 1, 0)
_USERNAME_OK = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-")


def wait_after_failures(failures: int) -> int:
    """Seconds to wait before the next attempt: none for the first three mistakes, then
    1, 2, 4 … seconds, at most a minute."""
    if failures < 3:
        return 0
    return int(min(2 ** (failures - 3), 60))


def check_username(name: str) -> str:
    cleaned = name.strip().lower()
    if not cleaned or len(cleaned) > 64 or not set(cleaned) <= _USERNAME_OK:
        raise UsageError(
            "an account name uses 1-64 lowercase letters, digits, dot, dash or underscore"
        )
    return cleaned


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsageError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")


@dataclass(frozen=True)
class AccountRow:
    username: str
    role: str
    locked: bool
    failed_attempts: int
    created: str

    def as_json(self) -> dict[str, object]:
        return {
            "username": self.username,
            "role": self.role,
            "locked": self.locked,
            "failed_attempts": self.failed_attempts,
            "created": self.created,
        }


class AccountService:
    def __init__(
        self, workspace: Workspace, clock: Clock | None = None, kdf: KdfParams | None = None
    ) -> None:
        self.workspace = workspace
        self.clock = clock or SystemClock()
        self.sessions = database.session_factory(workspace.engine)
        self._kdf = kdf

    # -- set-up ------------------------------------------------------------------------------
    def kdf_params(self, session: Session) -> KdfParams:
        if self._kdf is not None:
            return self._kdf
        stored = session.get(WorkspaceMeta, "kdf")
        return KdfParams.decode(stored.value) if stored else KdfParams()

    def initialise(self, admin_name: str, password: str, kdf: KdfParams | None = None) -> str:
        """Create the data key, the first admin and the recovery key. Returns the recovery
        key, which is shown once and never stored in the clear."""
        admin_name = check_username(admin_name)
        check_password(password)
        params = kdf or self._kdf or KdfParams()
        now = utc_iso(self.clock.now())
        data_key = new_key()
        recovery = new_recovery_key()
        recovery_kek = recovery_key_bytes(recovery)
        with database.write_transaction(self.sessions) as session:
            if session.execute(select(Account.id).limit(1)).first() is not None:
                raise UsageError("this workspace already has accounts: it was set up before")
            session.add(WorkspaceMeta(key="kdf", value=params.encode()))
            session.add(
                RecoveryKey(
                    id=1,
                    wrapped_data_key=wrap_key(recovery_kek, data_key, _RECOVERY_AAD),
                    key_check=key_check(recovery_kek),
                    created=now,
                )
            )
            account = self._new_account(session, admin_name, Role.ADMIN, password, data_key, params)
            audit.append(session, admin_name, "workspace.init", clock=self.clock)
            audit.append(
                session,
                admin_name,
                "account.create",
                detail={"account": admin_name, "role": Role.ADMIN.value},
                clock=self.clock,
            )
            vault = Vault(self.workspace, account.id, admin_name, Role.ADMIN, bytearray(data_key))
            audit.update_anchor(session, vault.audit_key())
            vault.lock()
        return recovery

    def _new_account(
        self,
        session: Session,
        name: str,
        role: Role,
        password: str,
        data_key: bytes,
        params: KdfParams,
    ) -> Account:
        if session.execute(select(Account.id).where(Account.username == name)).first():
            raise UsageError(f"an account named '{name}' already exists")
        now = utc_iso(self.clock.now())
        next_id = (
            session.execute(select(Account.id).order_by(Account.id.desc())).scalar() or 0
        ) + 1
        salt = new_salt()
        kek = derive_password_key(password, salt, params)
        account = Account(
            id=next_id,
            username=name,
            role=role.value,
            kdf=params.encode(),
            salt=salt,
            wrapped_data_key=wrap_key(kek, data_key, account_aad(next_id)),
            key_check=key_check(kek),
            failed_attempts=0,
            locked=0,
            disabled=0,
            created=now,
            password_changed=now,
        )
        session.add(account)
        session.flush()
        return account

    # -- sign-in -----------------------------------------------------------------------------
    def sign_in(self, username: str, password: str) -> Vault:
        """Open the data key with the account's password.

        A wrong password counts towards the lockout and is recorded in the audit; after
        three mistakes each further try must wait longer; after ten the account is locked.
        """
        name = username.strip().lower()
        with database.write_transaction(self.sessions) as session:
            account = session.execute(
                select(Account).where(Account.username == name)
            ).scalar_one_or_none()
            if account is None or account.disabled:
                audit.append(
                    session,
                    "unknown",
                    "login.failed",
                    detail={"reason": "no-account"},
                    clock=self.clock,
                )
                session.commit()
                raise AuthenticationError("wrong account name or password")
            self._refuse_if_waiting(account)
            params = KdfParams.decode(account.kdf)
            kek = derive_password_key(password, account.salt, params)
            if not hmac.compare_digest(key_check(kek), account.key_check):
                self._record_failure(session, account)
            try:
                data_key = unwrap_key(kek, account.wrapped_data_key, account_aad(account.id))
            except AuthenticationError:
                raise IntegrityError(
                    f"the stored key of account '{name}' is damaged: sign in with the "
                    "recovery key ('screening-app users recover') or ask an administrator"
                ) from None
            account.failed_attempts = 0
            account.last_failed_at = None
            vault = Vault(
                self.workspace,
                account.id,
                name,
                Role(account.role),
                bytearray(data_key),
                self.clock,
            )
            audit.append(session, name, "login", clock=self.clock)
            audit.update_anchor(session, vault.audit_key())
        log.info("account %s signed in", account.id)
        return vault

    def _refuse_if_waiting(self, account: Account) -> None:
        if account.locked:
            raise AccountLockedError(
                f"account '{account.username}' is locked after {MAX_FAILED_ATTEMPTS} wrong "
                "passwords: an administrator must unlock it, or reset it with the recovery key"
            )
        wait = wait_after_failures(account.failed_attempts)
        if wait and account.last_failed_at:
            last = datetime.fromisoformat(account.last_failed_at.replace("Z", "+00:00"))
            remaining = wait - (self.clock.now() - last).total_seconds()
            if remaining > 0:
                raise AuthenticationError(
                    f"too many wrong passwords: wait {math.ceil(remaining)} seconds, then try again"
                )

    def _record_failure(self, session: Session, account: Account) -> None:
        account.failed_attempts += 1
        account.last_failed_at = utc_iso(self.clock.now())
        audit.append(
            session,
            account.username,
            "login.failed",
            detail={"attempt": account.failed_attempts},
            clock=self.clock,
        )
        if account.failed_attempts >= MAX_FAILED_ATTEMPTS:
            account.locked = 1
            audit.append(session, account.username, "account.locked", clock=self.clock)
            session.commit()
            raise AccountLockedError(
                f"wrong password; account '{account.username}' is now locked after "
                f"{MAX_FAILED_ATTEMPTS} wrong passwords: an administrator must unlock it"
            )
        session.commit()
        left = MAX_FAILED_ATTEMPTS - account.failed_attempts
        raise AuthenticationError(
            f"wrong account name or password ({left} tries left before the account is locked)"
        )

    # -- administration ----------------------------------------------------------------------
    def add_user(self, vault: Vault, username: str, role: str, password: str) -> AccountRow:
        vault.require(Capability.MANAGE_ACCOUNTS)
        name = check_username(username)
        parsed = parse_role(role)
        check_password(password)
        with vault.write("account.create", detail={"account": name, "role": parsed.value}) as s:
            account = self._new_account(s, name, parsed, password, vault._key(), self.kdf_params(s))
            row = _row(account)
        return row

    def list_users(self, vault: Vault) -> list[AccountRow]:
        vault.require(Capability.MANAGE_ACCOUNTS)
        with vault.read() as session:
            accounts = session.execute(select(Account).order_by(Account.username)).scalars()
            return [_row(a) for a in accounts]

    def change_password(self, vault: Vault, current: str, new: str) -> None:
        """The signed-in user changes their own password: one row is re-wrapped."""
        check_password(new)
        with vault.read() as session:
            account = session.get(Account, vault.account_id)
            if account is None:
                raise NotFoundError("the signed-in account no longer exists")
            kek = derive_password_key(current, account.salt, KdfParams.decode(account.kdf))
            if not hmac.compare_digest(key_check(kek), account.key_check):
                raise AuthenticationError("the current password is wrong")
        self._set_password(vault, vault.username, new, "account.password_change")

    def set_password(self, vault: Vault, username: str, new: str) -> None:
        """An administrator sets another account's password (and unlocks it)."""
        vault.require(Capability.MANAGE_ACCOUNTS)
        check_password(new)
        self._set_password(vault, check_username(username), new, "account.password_reset")

    def _set_password(self, vault: Vault, name: str, new: str, action: str) -> None:
        with vault.write(action, detail={"account": name}) as session:
            account = _find(session, name)
            params = self.kdf_params(session)
            salt = new_salt()
            kek = derive_password_key(new, salt, params)
            account.salt = salt
            account.kdf = params.encode()
            account.wrapped_data_key = vault.rewrap_for_account(kek, account.id)
            account.key_check = key_check(kek)
            account.failed_attempts = 0
            account.locked = 0
            account.last_failed_at = None
            account.password_changed = utc_iso(self.clock.now())

    def unlock_account(self, vault: Vault, username: str) -> None:
        vault.require(Capability.MANAGE_ACCOUNTS)
        name = check_username(username)
        with vault.write("account.unlock", detail={"account": name}) as session:
            account = _find(session, name)
            account.locked = 0
            account.failed_attempts = 0
            account.last_failed_at = None

    def recover(self, username: str, recovery_key: str, new_password: str) -> None:
        """Reset an account's password with the recovery key printed at set-up."""
        name = check_username(username)
        check_password(new_password)
        kek = recovery_key_bytes(recovery_key)
        with database.write_transaction(self.sessions) as session:
            row = session.get(RecoveryKey, 1)
            if row is None:
                raise IntegrityError("this workspace has no recovery key stored")
            if not hmac.compare_digest(key_check(kek), row.key_check):
                audit.append(session, name, "recovery.failed", clock=self.clock)
                session.commit()
                raise AuthenticationError("that recovery key does not belong to this workspace")
            try:
                data_key = unwrap_key(kek, row.wrapped_data_key, _RECOVERY_AAD)
            except AuthenticationError:
                raise IntegrityError("the stored recovery key is damaged") from None
            account = _find(session, name)
            vault = Vault(self.workspace, account.id, name, Role(account.role), bytearray(data_key))
        self._set_password(vault, name, new_password, "account.recovery_reset")
        vault.lock()


def _find(session: Session, name: str) -> Account:
    account = session.execute(select(Account).where(Account.username == name)).scalar_one_or_none()
    if account is None:
        raise NotFoundError(f"no account named '{name}'")
    return account


def _row(account: Account) -> AccountRow:
    return AccountRow(
        account.username,
        account.role,
        bool(account.locked),
        account.failed_attempts,
        account.created,
    )
