"""The office's own keys: an Ed25519 signing key (minisign) and an X25519 age identity.

The signing key signs every packet manifest and every request to the HTTP intake; the NRM
registers its public half (``screening-app office pubkey``). The age identity lets the
office receive sealed files later; it is made with the signing key so the pair never has
to be created in the middle of a referral.

Both are created on first need, once per workspace, and kept in ``office_keys`` with the
secret sealed by the workspace data key (AES-256-GCM, associated data naming the table,
the column and the key's purpose), so a copied database without a password holds no usable
key. Creation is audited. The office id, which packets name as their sender, is derived
once from the signing key id and stored, so it never changes after packets were sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from screening_app.core.clock import utc_iso
from screening_app.core.errors import IntegrityError
from screening_app.crypto.aead import field_aad
from screening_app.crypto.age import AgeIdentity, AgeRecipient
from screening_app.crypto.minisign import MinisignError, PublicKey, SecretKey
from screening_app.packets.bundle import signing_key_fingerprint
from screening_app.packets.seal import Sender
from screening_app.services.roles import Capability
from screening_app.services.vault import Vault
from screening_app.storage.models import OfficeKey, WorkspaceMeta

SIGNING = "signing"
AGE = "age"
OFFICE_ID_KEY = "office.id"
OFFICE_ID_PREFIX = "office-"


@dataclass(frozen=True)
class OfficeIdentity:
    """The public side of the office: what other parties may know and check."""

    office_id: str
    signing_public: PublicKey
    age_recipient: AgeRecipient
    fingerprint: str

    @property
    def key_id(self) -> str:
        return self.signing_public.key_id_hex

    def public_key_file(self) -> str:
        """The minisign public key file, its fingerprint in the untrusted comment."""
        comment = f"screening-app office {self.office_id} fingerprint {self.fingerprint}"
        return self.signing_public.file_text(comment)

    def to_json(self) -> dict[str, str]:
        return {
            "office_id": self.office_id,
            "key_id": self.key_id,
            "fingerprint": self.fingerprint,
            "ed25519_public": self.signing_public.encode(),
            "age_recipient": str(self.age_recipient),
        }


def _aad(purpose: str) -> bytes:
    return field_aad("office_keys", "wrapped_secret", purpose, 0)


def _rows(session: Session) -> dict[str, OfficeKey]:
    return {row.purpose: row for row in session.query(OfficeKey).all()}


def _create(vault: Vault, session: Session) -> None:
    """Add both keys and the office id inside the caller's transaction."""
    cipher = vault.data_cipher()
    created = utc_iso(vault.clock.now())
    signing, identity = SecretKey.generate(), AgeIdentity.generate()
    session.add(
        OfficeKey(
            purpose=SIGNING,
            public=signing.public_key.encode(),
            key_id=signing.key_id_hex,
            wrapped_secret=cipher.seal(signing.to_bytes(), _aad(SIGNING)),
            created=created,
        )
    )
    session.add(
        OfficeKey(
            purpose=AGE,
            public=str(identity.recipient),
            key_id=signing.key_id_hex,
            wrapped_secret=cipher.seal(identity.secret, _aad(AGE)),
            created=created,
        )
    )
    office_id = OFFICE_ID_PREFIX + signing.key_id_hex.lower()
    if session.get(WorkspaceMeta, OFFICE_ID_KEY) is None:
        session.add(WorkspaceMeta(key=OFFICE_ID_KEY, value=office_id))
    session.flush()


def ensure_office_keys(vault: Vault) -> None:
    """Create the office keys if this workspace has none yet (audited as ``office.keys``)."""
    with vault.read() as session:
        if len(_rows(session)) == 2:
            return
    detail: dict[str, str | int | bool | None] = {}
    with vault.write("office.keys", None, detail) as session:
        rows = _rows(session)
        if len(rows) == 2:  # made by another window in the meantime
            detail["created"] = False
            return
        if rows:
            raise IntegrityError("the office keys are incomplete: restore the workspace backup")
        _create(vault, session)
        detail["created"] = True
        detail["key_id"] = _rows(session)[SIGNING].key_id


def _identity(session: Session) -> OfficeIdentity:
    rows = _rows(session)
    meta = session.get(WorkspaceMeta, OFFICE_ID_KEY)
    if meta is None or SIGNING not in rows or AGE not in rows:
        raise IntegrityError("the office keys are incomplete: restore the workspace backup")
    try:
        public = PublicKey.parse(rows[SIGNING].public)
        recipient = AgeRecipient.parse(rows[AGE].public)
    except (MinisignError, IntegrityError):
        raise IntegrityError("the stored office public keys are damaged") from None
    return OfficeIdentity(meta.value, public, recipient, signing_key_fingerprint(public))


def office_identity(vault: Vault) -> OfficeIdentity:
    """The office id and public keys; any signed-in account may read them."""
    ensure_office_keys(vault)
    with vault.read() as session:
        return _identity(session)


def office_sender(vault: Vault) -> Sender:
    """The office id with its signing key, for sealing packets and signing requests."""
    vault.require(Capability.EXPORT)
    ensure_office_keys(vault)
    with vault.read() as session:
        identity = _identity(session)
        sealed = _rows(session)[SIGNING].wrapped_secret
    key = SecretKey.from_bytes(vault.data_cipher().open(sealed, _aad(SIGNING)))
    if key.public_key != identity.signing_public:
        raise IntegrityError("the office signing key does not match its public key")
    return Sender(identity.office_id, key)


def office_age_identity(vault: Vault) -> AgeIdentity:
    """The office's age identity (to open files sealed to the office)."""
    vault.require(Capability.EXPORT)
    ensure_office_keys(vault)
    with vault.read() as session:
        identity = _identity(session)
        sealed = _rows(session)[AGE].wrapped_secret
    age = AgeIdentity(vault.data_cipher().open(sealed, _aad(AGE)))
    if age.recipient != identity.age_recipient:
        raise IntegrityError("the office age identity does not match its public key")
    return age
