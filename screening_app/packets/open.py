"""Opening a packet at the intake: every check, in an order that does the cheap ones first.

1. size limits, before anything is decrypted;
2. age decryption with the intake identity (header MAC, every payload chunk);
3. the ZIP: exactly the five members, stored, within their limits;
4. the manifest signature, by an office key the intake knows;
5. the manifest schema; its sender key must be the key that signed;
6. the recipient named in the manifest must be this intake (no forwarded packets);
7. SHA-256 and size of every other member;
8. case.json: fields within the consent scope (and within what the intake accepts),
   audit checkpoint schema, report is a PDF.

Any failure raises ``PacketRejected`` with a fixed, case-data-free reason.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from screening_app.crypto.age import AgeError, AgeIdentity, decrypt
from screening_app.crypto.minisign import MinisignError, PublicKey, Signature
from screening_app.packets.format import (
    AUDIT,
    CASE,
    HASHED_MEMBERS,
    MANIFEST,
    MAX_PACKET_BYTES,
    MAX_PLAINTEXT_BYTES,
    MEMBER_LIMITS,
    REPORT,
    SIGNATURE,
    AuditCheckpoint,
    Manifest,
    PacketRejected,
    check_case_fields,
    strict_json_object,
)
from screening_app.packets.stored_zip import ZipFormatError, read_stored_zip

__all__ = ["OpenedPacket", "PacketRejected", "open_packet", "packet_sha256"]


@dataclass(frozen=True)
class OpenedPacket:
    """A packet that passed every check."""

    packet_id: str
    sha256: str  # of the packet file as received
    packet: bytes = field(repr=False)  # the packet file as received
    manifest: Manifest
    office_key: PublicKey
    manifest_bytes: bytes = field(repr=False)
    signature: bytes = field(repr=False)
    case: Mapping[str, Any] = field(repr=False)
    report_pdf: bytes = field(repr=False)
    audit: AuditCheckpoint


def packet_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _key_map(office_keys: Mapping[Any, PublicKey] | Iterable[PublicKey]) -> dict[bytes, PublicKey]:
    keys = office_keys.values() if isinstance(office_keys, Mapping) else office_keys
    return {key.key_id: key for key in keys}


def _decrypt(data: bytes, identities: list[AgeIdentity]) -> dict[str, bytes]:
    if not data:
        raise PacketRejected("the packet file is empty")
    if len(data) > MAX_PACKET_BYTES:
        raise PacketRejected(f"the packet is larger than the {MAX_PACKET_BYTES}-byte limit")
    try:
        plaintext = decrypt(data, identities, max_size=MAX_PLAINTEXT_BYTES)
    except AgeError as exc:
        raise PacketRejected(f"cannot decrypt: {exc.message}") from None
    try:
        return read_stored_zip(plaintext, MEMBER_LIMITS)
    except ZipFormatError as exc:
        raise PacketRejected(exc.message) from None


def _verify_signature(members: Mapping[str, bytes], keys: dict[bytes, PublicKey]) -> PublicKey:
    try:
        signature = Signature.parse(members[SIGNATURE])
    except MinisignError as exc:
        raise PacketRejected(f"the manifest signature is malformed: {exc.message}") from None
    key = keys.get(signature.key_id)
    if key is None:
        raise PacketRejected(f"signed by an unknown office key {signature.key_id_hex}")
    try:
        signature.check(key, members[MANIFEST])
    except MinisignError as exc:
        raise PacketRejected(f"the manifest signature is invalid: {exc.message}") from None
    return key


def _check_members(manifest: Manifest, members: Mapping[str, bytes]) -> None:
    for name in HASHED_MEMBERS:
        expected = manifest.members[name]
        actual = hashlib.sha256(members[name]).hexdigest()
        if len(members[name]) != expected.size or not hmac.compare_digest(actual, expected.sha256):
            raise PacketRejected(f"{name} does not match the hash in the manifest")


def _check_case(
    manifest: Manifest, data: bytes, allowed_fields: Collection[str] | None
) -> dict[str, Any]:
    case = strict_json_object(data, CASE)
    check_case_fields(case, manifest.consent_scope)
    if "caseId" in case and case["caseId"] != manifest.case_id:
        raise PacketRejected("case.json names a different case than the manifest")
    if allowed_fields is not None:
        refused = [name for name in manifest.consent_scope if name not in allowed_fields]
        if refused:
            raise PacketRejected(
                f"the consent scope has {len(refused)} field(s) this intake does not accept"
            )
    return case


def open_packet(
    data: bytes,
    identity: AgeIdentity | Iterable[AgeIdentity],
    office_keys: Mapping[Any, PublicKey] | Iterable[PublicKey],
    intake_id: str,
    allowed_fields: Collection[str] | None = None,
) -> OpenedPacket:
    """Decrypt and verify a packet addressed to ``intake_id``; raise PacketRejected if any
    check fails. ``office_keys`` are the known office signing keys (any iterable, or a mapping
    whose values are the keys)."""
    identities = [identity] if isinstance(identity, AgeIdentity) else list(identity)
    members = _decrypt(data, identities)
    key = _verify_signature(members, _key_map(office_keys))
    manifest = Manifest.decode(members[MANIFEST])
    if manifest.office_key_id != key.key_id_hex:
        raise PacketRejected("the manifest names a different sender key than the one that signed")
    if manifest.recipient_id != intake_id:
        raise PacketRejected("the packet is addressed to another recipient (forwarding refused)")
    _check_members(manifest, members)
    case = _check_case(manifest, members[CASE], allowed_fields)
    audit = AuditCheckpoint.from_json(strict_json_object(members[AUDIT], AUDIT))
    if not members[REPORT].startswith(b"%PDF-"):
        raise PacketRejected("report.pdf is not a PDF file")
    return OpenedPacket(
        packet_id=manifest.packet_id,
        sha256=packet_sha256(data),
        packet=data,
        manifest=manifest,
        office_key=key,
        manifest_bytes=members[MANIFEST],
        signature=members[SIGNATURE],
        case=case,
        report_pdf=members[REPORT],
        audit=audit,
    )
