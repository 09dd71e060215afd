"""An unlocked workspace: the signed-in account and the keys that open its data.

Locking drops every reference to key material held here; callers must drop the Vault too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from screening_app.core.clock import Clock, SystemClock
from screening_app.core.errors import AuthenticationError, IntegrityError, ScreeningError
from screening_app.crypto.aead import FieldCipher, field_aad
from screening_app.crypto.keys import subkey, unwrap_key, wrap_key
from screening_app.services.roles import Capability, Role, require
from screening_app.storage import audit, database
from screening_app.storage.workspace import Workspace


class LockedError(ScreeningError):
    """The workspace was locked; sign in again."""


@dataclass
class Vault:
    workspace: Workspace
    account_id: int
    username: str
    role: Role
    _data_key: bytearray | None
    clock: Clock = field(default_factory=SystemClock)

    def __post_init__(self) -> None:
        self.sessions: sessionmaker[Session] = database.session_factory(self.workspace.engine)

    # -- keys ------------------------------------------------------------------------------
    def _key(self) -> bytes:
        if self._data_key is None:
            raise LockedError("the workspace is locked: sign in again")
        return bytes(self._data_key)

    @property
    def is_locked(self) -> bool:
        return self._data_key is None

    def lock(self) -> None:
        if self._data_key is not None:
            for i in range(len(self._data_key)):
                self._data_key[i] = 0
        self._data_key = None

    def data_cipher(self) -> FieldCipher:
        return FieldCipher(self._key())

    def wrap_case_key(self, case_id: str, case_key: bytes) -> bytes:
        return wrap_key(self._key(), case_key, field_aad("cases", "case_key", case_id, 0))

    def case_cipher(self, case_id: str, wrapped_case_key: bytes) -> FieldCipher:
        try:
            key = unwrap_key(
                self._key(), wrapped_case_key, field_aad("cases", "case_key", case_id, 0)
            )
        except AuthenticationError:
            raise IntegrityError(
                f"the key of case {case_id} failed its authenticity check"
            ) from None
        return FieldCipher(key)

    def rewrap_for_account(self, kek: bytes, account_id: int) -> bytes:
        return wrap_key(kek, self._key(), account_aad(account_id))

    def audit_key(self) -> bytes:
        return subkey(self._key(), "audit-anchor")

    # -- permissions and writes --------------------------------------------------------------
    def require(self, capability: Capability) -> None:
        self._key()
        require(self.role, capability)

    @contextmanager
    def write(
        self,
        action: str,
        case_id: str | None = None,
        detail: Mapping[str, audit.DetailValue] | None = None,
    ) -> Iterator[Session]:
        """One durable transaction that also records ``action`` in the audit log.

        A caller that learns the case id only inside the transaction sets
        ``session.info["case_id"]``.
        """
        audit_key = self.audit_key()
        with database.write_transaction(self.sessions) as session:
            yield session
            case_id = session.info.get("case_id", case_id)
            audit.append(session, self.username, action, case_id, detail, self.clock)
            audit.update_anchor(session, audit_key)

    def read(self) -> Session:
        self._key()
        return self.sessions()


def account_aad(account_id: int) -> bytes:
    return field_aad("accounts", "wrapped_data_key", account_id, 0)
