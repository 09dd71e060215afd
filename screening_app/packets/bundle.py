"""Recipient entries, the signed key bundle, and phone-readable fingerprints.

A recipient entry (``recipient.json``) describes one agency that can receive packets::

    {"id": "nrm-intake", "kind": "nrm", "name": "...", "contact": "...",
     "languages": ["en"], "allowed_fields": ["caseId", ...],
     "age_recipient": "age1...", "ed25519_public": "RWQ...",
     "fingerprints": {"age": "XXXX-...", "ed25519": "XXXX-...", "recipient": "XXXX-..."}}

``ed25519_public`` is the minisign public key (base64 of "Ed" || key id || key). The
fingerprints are derived from the keys; on reading they must match what is derived.

A key bundle lists entries and is signed by the NRM root key (``BUNDLE.json.minisig``)::

    {"format": "screening-app-recipient-bundle", "version": 1, "serial": 3,
     "issued": "2025-01-31T09:00:00Z", "recipients": [entry, ...]}

``serial`` grows with every bundle the root issues, so an importer can refuse an older one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from screening_app.core.errors import UsageError
from screening_app.core.ids import group_for_reading
from screening_app.crypto.age import AgeError, AgeRecipient
from screening_app.crypto.minisign import MinisignError, PublicKey
from screening_app.packets.format import (
    FIELD_NAME,
    IDENT,
    TIMESTAMP,
    PacketRejected,
    canonical_json,
    strict_json_object,
)
from screening_app.packets.key_checks import (
    KeyRejected,
    check_ed25519_public,
    check_x25519_public,
)

BUNDLE_FORMAT = "screening-app-recipient-bundle"
BUNDLE_VERSION = 1
MAX_BUNDLE_BYTES = 1024 * 1024
MAX_RECIPIENTS = 500
KIND = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

# Crockford's base32 alphabet: no I, L, O or U, so a fingerprint read over a phone cannot be
# misheard as a look-alike character.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
FINGERPRINT_CHARS = 20  # 100 bits, read as five groups of four


class BundleError(UsageError):
    """A recipient entry or key bundle is malformed, unsigned or carries a rejected key."""


def fingerprint(purpose: str, *parts: bytes) -> str:
    """A 100-bit digest of ``parts`` for reading aloud: ``7KQM-2HXA-…`` (5 groups of 4)."""
    digest = hashlib.sha256(b"screening-app fingerprint v1\x00" + purpose.encode() + b"\x00")
    for part in parts:
        digest.update(len(part).to_bytes(4, "big") + part)
    number = int.from_bytes(digest.digest(), "big") >> (256 - 5 * FINGERPRINT_CHARS)
    chars = [_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(FINGERPRINT_CHARS))]
    return group_for_reading("".join(chars))


def signing_key_fingerprint(key: PublicKey) -> str:
    """Fingerprint of a minisign key (an office key or the NRM root key)."""
    return fingerprint("ed25519", key.key_id, key.public)


def age_fingerprint(recipient: AgeRecipient) -> str:
    return fingerprint("x25519", recipient.public)


@dataclass(frozen=True)
class RecipientEntry:
    """One agency in the recipient directory; keys are checked when the entry is made."""

    recipient_id: str
    kind: str
    name: str
    contact: str
    languages: tuple[str, ...]
    allowed_fields: tuple[str, ...]
    age_recipient: AgeRecipient
    signing_key: PublicKey

    def __post_init__(self) -> None:
        try:
            check_x25519_public(self.age_recipient.public)
            check_ed25519_public(self.signing_key.public)
        except KeyRejected as exc:
            raise BundleError(f"recipient {self.recipient_id}: {exc.message}") from None

    @property
    def fingerprints(self) -> dict[str, str]:
        combined = fingerprint(
            "recipient",
            self.recipient_id.encode(),
            self.age_recipient.public,
            self.signing_key.key_id,
            self.signing_key.public,
        )
        return {
            "age": age_fingerprint(self.age_recipient),
            "ed25519": signing_key_fingerprint(self.signing_key),
            "recipient": combined,
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.recipient_id,
            "kind": self.kind,
            "name": self.name,
            "contact": self.contact,
            "languages": list(self.languages),
            "allowed_fields": list(self.allowed_fields),
            "age_recipient": str(self.age_recipient),
            "ed25519_public": self.signing_key.encode(),
            "fingerprints": self.fingerprints,
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> RecipientEntry:
        keys = {"id", "kind", "name", "contact", "languages", "allowed_fields"}
        keys |= {"age_recipient", "ed25519_public", "fingerprints"}
        if not isinstance(value, dict) or set(value) != keys:
            raise BundleError("a recipient entry does not have exactly the expected keys")
        try:
            entry = cls(
                recipient_id=_text(value["id"], IDENT, "recipient id"),
                kind=_text(value["kind"], KIND, "recipient kind"),
                name=_free_text(value["name"], "recipient name"),
                contact=_free_text(value["contact"], "recipient contact", allow_empty=True),
                languages=_names(value["languages"], LANGUAGE, "languages"),
                allowed_fields=_names(value["allowed_fields"], FIELD_NAME, "allowed fields"),
                age_recipient=AgeRecipient.parse(_str(value["age_recipient"], "age recipient")),
                signing_key=PublicKey.parse(_str(value["ed25519_public"], "Ed25519 key")),
            )
        except (AgeError, MinisignError) as exc:
            raise BundleError(f"a recipient entry has a bad key: {exc.message}") from None
        if value["fingerprints"] != entry.fingerprints:
            raise BundleError(f"recipient {entry.recipient_id}: fingerprints do not match keys")
        return entry


def _str(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise BundleError(f"the {what} is not a string")
    return value


def _text(value: Any, pattern: re.Pattern[str], what: str) -> str:
    if not pattern.match(_str(value, what)):
        raise BundleError(f"the {what} is malformed")
    return str(value)


def _free_text(value: Any, what: str, allow_empty: bool = False) -> str:
    text = _str(value, what)
    if (not text and not allow_empty) or len(text) > 200 or not text.isprintable():
        raise BundleError(f"the {what} is empty, too long or has control characters")
    return text


def _names(value: Any, pattern: re.Pattern[str], what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > 200:
        raise BundleError(f"the {what} are not a list")
    names = tuple(_text(item, pattern, what) for item in value)
    if len(set(names)) != len(names):
        raise BundleError(f"the {what} list a name twice")
    return names


@dataclass(frozen=True)
class RecipientBundle:
    serial: int
    issued: str
    recipients: tuple[RecipientEntry, ...]
    root_key_id: str

    def by_id(self) -> dict[str, RecipientEntry]:
        return {entry.recipient_id: entry for entry in self.recipients}


def encode_bundle(entries: Sequence[RecipientEntry], serial: int, issued: str) -> bytes:
    """The bundle file to be signed by the root key."""
    if not TIMESTAMP.match(issued) or serial < 1:
        raise BundleError(
            "a bundle needs a positive serial and a UTC time like 2025-01-31T09:00:00Z"
        )
    ids = [entry.recipient_id for entry in entries]
    if len(set(ids)) != len(ids):
        raise BundleError("a bundle lists a recipient id twice")
    body = {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "serial": serial,
        "issued": issued,
        "recipients": [entry.as_json() for entry in entries],
    }
    return canonical_json(body) + b"\n"


def _parse_bundle(data: bytes) -> tuple[int, str, list[Any]]:
    try:
        value = strict_json_object(data, "the key bundle")
    except PacketRejected as exc:
        raise BundleError(exc.reason) from None
    if set(value) != {"format", "version", "serial", "issued", "recipients"}:
        raise BundleError("the key bundle does not have exactly the expected keys")
    if value["format"] != BUNDLE_FORMAT or value["version"] != BUNDLE_VERSION:
        raise BundleError("the file is not a version 1 recipient key bundle")
    serial, issued, recipients = value["serial"], value["issued"], value["recipients"]
    if not isinstance(serial, int) or isinstance(serial, bool) or serial < 1:
        raise BundleError("the key bundle serial is not a positive number")
    if not isinstance(issued, str) or not TIMESTAMP.match(issued):
        raise BundleError("the key bundle issue time is malformed")
    if not isinstance(recipients, list) or len(recipients) > MAX_RECIPIENTS:
        raise BundleError(f"the key bundle must list at most {MAX_RECIPIENTS} recipients")
    return serial, issued, recipients


def parse_bundle(bundle_bytes: bytes, root_key_id: str = "") -> RecipientBundle:
    """Read a bundle and check every entry and key, without checking any signature: for
    the issuer before signing. Importers use ``verify_bundle``."""
    if len(bundle_bytes) > MAX_BUNDLE_BYTES:
        raise BundleError("the key bundle is too large")
    serial, issued, raw_entries = _parse_bundle(bundle_bytes)
    entries = tuple(RecipientEntry.from_json(item) for item in raw_entries)
    ids = [entry.recipient_id for entry in entries]
    if len(set(ids)) != len(ids):
        raise BundleError("the key bundle lists a recipient id twice")
    return RecipientBundle(serial, issued, entries, root_key_id)


def verify_bundle(bundle_bytes: bytes, sig_bytes: bytes, root_pub: PublicKey) -> RecipientBundle:
    """Check the root signature, then every entry and key; return the bundle's recipients."""
    if len(bundle_bytes) > MAX_BUNDLE_BYTES:
        raise BundleError("the key bundle is too large")
    try:
        root_pub.verify(bundle_bytes, sig_bytes)
    except MinisignError as exc:
        raise BundleError(f"the key bundle is not signed by this root key: {exc.message}") from None
    return parse_bundle(bundle_bytes, root_pub.key_id_hex)
