"""Importing the intake's receipts: a referral becomes *delivered* (or *refused*).

A receipt is checked against what the office itself recorded when it sent the packet,
never against what the receipt claims alone:

1. the file is small enough to be a receipt (checked before it is read);
2. the packet it names was sent from this office (by packet id, or by the packet's SHA-256
   for a rejection of a packet the intake could not open);
3. the signature is by that recipient's Ed25519 key from the signed bundle, over the packet
   file while it is still in the outbox, and always over the receipt's content;
4. the receipt's packet hash is the hash recorded at sending, and its intake is the
   recipient the packet was sealed to.

Then the referral is marked delivered (``delivered_at`` = the intake's time) with the
receipt bytes kept, in one transaction with the ``receipt.import`` audit entry, and the
packet leaves the outbox. An ``accepted`` receipt means delivered; the only other outcome a
receipt can carry is ``rejected``: the referral is then recorded as *refused*, with the
intake's reason shown, and a new export is needed. Importing a receipt again changes
nothing. A receipt failing any check is reported with its reason and changes nothing.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from screening_app.crypto.minisign import MAX_SIGNATURE_FILE_BYTES, MinisignError, PublicKey
from screening_app.crypto.minisign import Signature as MinisignSignature
from screening_app.packets.format import PACKET_ID, SHA256_HEX
from screening_app.packets.receipts import Receipt, ReceiptError, verify_receipt
from screening_app.services.outbox import read_outbox_packet, remove_from_outbox
from screening_app.services.packet_export import DELIVERED, REFUSED, SENT
from screening_app.services.roles import Capability
from screening_app.services.vault import Vault
from screening_app.storage.models import Recipient as RecipientRow
from screening_app.storage.models import Referral

ReceiptStatus = Literal["delivered", "already_delivered", "refused", "rejected"]


@dataclass(frozen=True)
class ReceiptResult:
    """What became of one receipt file. ``rejected``: the receipt itself was refused;
    ``refused``: a valid receipt saying the intake refused the packet."""

    path: str
    packet_id: str | None
    status: ReceiptStatus
    reason: str | None

    def to_json(self) -> dict[str, str | None]:
        return {
            "file": self.path,
            "packet_id": self.packet_id,
            "status": self.status,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class _Sent:
    """What the office recorded when it sent the packet."""

    referral_id: int
    case_id: str
    recipient_id: str
    packet_id: str
    packet_sha256: str
    status: str
    intake_key: PublicKey | None


def import_receipts(vault: Vault, paths: Iterable[Path | str]) -> list[ReceiptResult]:
    """Import receipt files one by one; each result says what became of one file."""
    vault.require(Capability.EXPORT)
    return [_import_file(vault, Path(path)) for path in paths]


def _import_file(vault: Vault, path: Path) -> ReceiptResult:
    try:
        size = path.stat().st_size
        if size > MAX_SIGNATURE_FILE_BYTES:
            return ReceiptResult(str(path), None, "rejected", "the file is too large for a receipt")
        data = path.read_bytes()
    except OSError as exc:
        return ReceiptResult(str(path), None, "rejected", f"cannot read the file: {exc.strerror}")
    return import_receipt_bytes(vault, data, str(path))


def _claimed(data: bytes) -> tuple[str | None, str]:
    """Packet id and hash the receipt claims, read before it is verified: only to find the
    referral (and so the key) it must be verified with."""
    try:
        value = json.loads(MinisignSignature.parse(data).trusted_comment)
    except (MinisignError, ValueError):
        raise ReceiptError("the file is not a receipt (not a minisign signature)") from None
    if not isinstance(value, dict):
        raise ReceiptError("the file is not a receipt")
    packet_id, sha = value.get("packet_id"), value.get("packet_sha256")
    if packet_id is not None and not (isinstance(packet_id, str) and PACKET_ID.match(packet_id)):
        raise ReceiptError("the receipt's packet id is malformed")
    if not (isinstance(sha, str) and SHA256_HEX.match(sha)):
        raise ReceiptError("the receipt's packet hash is malformed")
    return packet_id, sha


def _find(session: Session, packet_id: str | None, sha: str) -> _Sent | None:
    if packet_id is not None:
        query = select(Referral).where(Referral.packet_id == packet_id)
    else:
        query = select(Referral).where(Referral.packet_sha256 == sha)
    referral = session.execute(query.limit(1)).scalar()
    if referral is None or referral.packet_id is None or referral.packet_sha256 is None:
        return None
    recipient = session.get(RecipientRow, referral.recipient_id)
    key_text = recipient.ed25519_public if recipient is not None else None
    return _Sent(
        referral.id,
        referral.case_id,
        referral.recipient_id,
        referral.packet_id,
        referral.packet_sha256,
        referral.status,
        PublicKey.parse(key_text) if key_text else None,
    )


def _check(sent: _Sent, receipt: Receipt) -> str | None:
    """Why the receipt does not answer the packet sent, or None."""
    if not hmac.compare_digest(receipt.packet_sha256, sent.packet_sha256):
        return "the receipt names a different packet hash than the packet sent"
    if receipt.packet_id not in (None, sent.packet_id):
        return "the receipt names a different packet id than the packet sent"
    if receipt.intake_id != sent.recipient_id:
        sent_to = sent.recipient_id
        return f"the receipt is from {receipt.intake_id}, but the packet went to {sent_to}"
    return None


def import_receipt_bytes(vault: Vault, data: bytes, label: str) -> ReceiptResult:
    """Import one receipt given as bytes (a file's content or an intake's answer)."""
    vault.require(Capability.EXPORT)
    try:
        packet_id, sha = _claimed(data)
    except ReceiptError as exc:
        return ReceiptResult(label, None, "rejected", exc.message)
    with vault.read() as session:
        sent = _find(session, packet_id, sha)
    if sent is None:
        reason = "no packet sent from this office matches the receipt (unknown packet)"
        return ReceiptResult(label, packet_id, "rejected", reason)
    if sent.intake_key is None:
        return ReceiptResult(label, sent.packet_id, "rejected", "the recipient has no key")
    packet = read_outbox_packet(vault.workspace.path, sent.packet_id)
    try:
        receipt = verify_receipt(data, sent.intake_key, packet)
    except ReceiptError as exc:
        return ReceiptResult(label, sent.packet_id, "rejected", exc.message)
    problem = _check(sent, receipt)
    if problem is not None:
        return ReceiptResult(label, sent.packet_id, "rejected", problem)
    return _record(vault, sent, receipt, data, label)


def _record(vault: Vault, sent: _Sent, receipt: Receipt, data: bytes, label: str) -> ReceiptResult:
    outcome: ReceiptStatus = "delivered" if receipt.outcome == "accepted" else "refused"
    reason = receipt.reason if outcome == "refused" else None
    if sent.status == DELIVERED:
        return ReceiptResult(label, sent.packet_id, "already_delivered", None)
    if sent.status == REFUSED:
        return ReceiptResult(label, sent.packet_id, "refused", reason)
    if sent.status != SENT:
        reason = f"the referral is {sent.status}, not waiting for a receipt"
        return ReceiptResult(label, sent.packet_id, "rejected", reason)
    detail: dict[str, str | int | bool | None] = {
        "packet": sent.packet_id,
        "recipient": sent.recipient_id,
        "outcome": receipt.outcome,
        "sha256": sent.packet_sha256,
        "intake_key": receipt.intake_key_id,
    }
    with vault.write("receipt.import", sent.case_id, detail) as session:
        referral = session.get(Referral, sent.referral_id)
        if referral is None or referral.status != SENT:
            return ReceiptResult(label, sent.packet_id, "already_delivered", None)
        referral.status = DELIVERED if outcome == "delivered" else REFUSED
        referral.delivered_at = receipt.received
        referral.receipt = data
    remove_from_outbox(vault.workspace.path, sent.packet_id)
    return ReceiptResult(label, sent.packet_id, outcome, reason)
