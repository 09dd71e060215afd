"""Sealing: build a packet's members, sign the manifest, encrypt to the recipient.

``seal_packet`` returns the packet bytes; ``write_packet`` also writes them atomically as
``<packet id>.age`` (a temporary file, fsync, rename), so a reader never sees half a packet.
File names carry only the random packet id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from screening_app.core.clock import utc_iso
from screening_app.core.errors import UsageError
from screening_app.core.files import write_atomically
from screening_app.crypto.age import AgeRecipient, encrypt
from screening_app.crypto.minisign import SecretKey
from screening_app.packets.format import (
    AUDIT,
    CASE,
    HASHED_MEMBERS,
    MANIFEST,
    MEMBER_LIMITS,
    PACKET_SUFFIX,
    REPORT,
    SIGNATURE,
    AuditCheckpoint,
    FormRef,
    Manifest,
    MemberDigest,
    PacketRejected,
    canonical_json,
    check_case_fields,
    new_packet_id,
)
from screening_app.packets.stored_zip import build_stored_zip


@dataclass(frozen=True)
class PacketContents:
    """What goes into one packet for one recipient. ``case_fields`` holds the consented
    fields only, by their exchange names (``format.CASE_FIELDS``)."""

    case_id: str
    case_fields: Mapping[str, Any]
    consent_scope: Sequence[str]
    forms: Sequence[FormRef]
    report_pdf: bytes
    audit: AuditCheckpoint


@dataclass(frozen=True)
class Sender:
    """The sending office: its id and its minisign signing key."""

    office_id: str
    key: SecretKey = field(repr=False)


def manifest_trusted_comment(manifest: Manifest) -> str:
    """Shown by ``minisign -V``: which packet, which office."""
    return f"screening-app packet {manifest.packet_id} office {manifest.office_id}"


def _members(contents: PacketContents) -> dict[str, bytes]:
    check_case_fields(contents.case_fields, contents.consent_scope)
    members = {
        CASE: canonical_json(dict(contents.case_fields)),
        REPORT: contents.report_pdf,
        AUDIT: canonical_json(contents.audit.as_json()),
    }
    for name, data in members.items():
        if len(data) > MEMBER_LIMITS[name]:
            raise UsageError(f"{name} is larger than the {MEMBER_LIMITS[name]}-byte packet limit")
    return members


def build_manifest(
    contents: PacketContents,
    members: Mapping[str, bytes],
    sender: Sender,
    recipient_id: str,
    packet_id: str,
    created: datetime,
) -> Manifest:
    manifest = Manifest(
        packet_id=packet_id,
        case_id=contents.case_id,
        office_id=sender.office_id,
        office_key_id=sender.key.key_id_hex,
        recipient_id=recipient_id,
        created=utc_iso(created),
        forms=tuple(contents.forms),
        consent_scope=tuple(contents.consent_scope),
        members={
            name: MemberDigest(hashlib.sha256(members[name]).hexdigest(), len(members[name]))
            for name in HASHED_MEMBERS
        },
    )
    # Round-trip through the strict reader so a packet the intake would refuse is never sealed.
    Manifest.decode(manifest.encode())
    return manifest


def seal_packet(
    contents: PacketContents,
    sender: Sender,
    recipient_id: str,
    age_recipient: AgeRecipient,
    *,
    packet_id: str | None = None,
    created: datetime | None = None,
) -> bytes:
    """The sealed packet (an age file) for one recipient.

    Raises UsageError if the contents break a packet rule (field outside the consent scope,
    member too large, malformed id), so only packets the intake accepts leave the office.
    """
    members = _members(contents)
    try:
        manifest = build_manifest(
            contents,
            members,
            sender,
            recipient_id,
            packet_id or new_packet_id(),
            created or datetime.now(UTC),
        )
    except PacketRejected as exc:
        raise UsageError(f"cannot seal the packet: {exc.reason}") from None
    manifest_bytes = manifest.encode()
    signature = sender.key.sign(manifest_bytes, manifest_trusted_comment(manifest))
    container = build_stored_zip(
        [
            (MANIFEST, manifest_bytes),
            (SIGNATURE, signature),
            (CASE, members[CASE]),
            (REPORT, members[REPORT]),
            (AUDIT, members[AUDIT]),
        ]
    )
    return encrypt(container, [age_recipient])


def packet_path(directory: Path, packet_id: str) -> Path:
    return directory / f"{packet_id}{PACKET_SUFFIX}"


def write_packet(
    directory: Path,
    contents: PacketContents,
    sender: Sender,
    recipient_id: str,
    age_recipient: AgeRecipient,
    *,
    packet_id: str | None = None,
    created: datetime | None = None,
) -> Path:
    """Seal and write ``<packet id>.age`` into ``directory``; return its path."""
    chosen = packet_id or new_packet_id()
    data = seal_packet(
        contents, sender, recipient_id, age_recipient, packet_id=chosen, created=created
    )
    target = packet_path(directory, chosen)
    write_atomically(target, data, "the packet")
    return target
