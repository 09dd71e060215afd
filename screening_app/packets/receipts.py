"""Receipts: the intake's signed answer to a packet.

A receipt is a minisign signature file made with the intake's key. Its signed message is
the packet file itself, and its trusted comment is the receipt (canonical JSON)::

    {"format":"screening-app-receipt","version":1,"packet_id":"…","packet_sha256":"…",
     "intake":"nrm-intake","received":"2025-01-31T09:00:00Z","outcome":"accepted",
     "reason":null}

So ``minisign -V -m PACKET.age -x PACKET.receipt -p intake.pub`` checks a receipt by hand
and prints its content. Without the packet, ``verify_receipt`` still authenticates the
content through the global signature, which covers the trusted comment; with the packet it
also checks the signature over the packet and its SHA-256.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any, Literal

from screening_app.core.errors import IntegrityError
from screening_app.crypto.minisign import (
    SIG_ALG_PREHASHED,
    MinisignError,
    PublicKey,
    SecretKey,
    Signature,
)
from screening_app.packets.format import (
    IDENT,
    PACKET_ID,
    SHA256_HEX,
    TIMESTAMP,
    PacketRejected,
    canonical_json,
    strict_json_object,
)

RECEIPT_FORMAT = "screening-app-receipt"
RECEIPT_VERSION = 1
RECEIPT_SUFFIX = ".receipt"
MAX_REASON_CHARS = 300
Outcome = Literal["accepted", "rejected"]


class ReceiptError(IntegrityError):
    """A receipt is malformed, not from this intake, or does not match the packet."""


@dataclass(frozen=True)
class Receipt:
    packet_id: str | None  # None when the packet could not be opened far enough to read it
    packet_sha256: str
    intake_id: str
    received: str
    outcome: Outcome
    reason: str | None
    intake_key_id: str

    def as_json(self) -> dict[str, Any]:
        return {
            "format": RECEIPT_FORMAT,
            "version": RECEIPT_VERSION,
            "packet_id": self.packet_id,
            "packet_sha256": self.packet_sha256,
            "intake": self.intake_id,
            "received": self.received,
            "outcome": self.outcome,
            "reason": self.reason,
        }


def make_receipt(
    intake_key: SecretKey,
    intake_id: str,
    packet: bytes,
    packet_id: str | None,
    received: str,
    outcome: Outcome,
    reason: str | None = None,
) -> bytes:
    """Sign a receipt for ``packet`` (the packet file's bytes)."""
    if outcome == "rejected" and not reason:
        raise ValueError("a rejection receipt needs a reason")
    receipt = Receipt(
        packet_id=packet_id,
        packet_sha256=hashlib.sha256(packet).hexdigest(),
        intake_id=intake_id,
        received=received,
        outcome=outcome,
        reason=reason[:MAX_REASON_CHARS] if reason else None,
        intake_key_id=intake_key.key_id_hex,
    )
    comment = canonical_json(receipt.as_json()).decode("utf-8")
    label = f"receipt for packet {packet_id or receipt.packet_sha256[:32]}"
    return intake_key.sign(packet, comment, untrusted_comment=label)


def _parse(comment: str, key_id: str) -> Receipt:
    try:
        value = strict_json_object(comment.encode("utf-8"), "the receipt")
    except PacketRejected as exc:
        raise ReceiptError(exc.reason) from None
    expected = {"format", "version", "packet_id", "packet_sha256", "intake", "received"}
    if set(value) != expected | {"outcome", "reason"}:
        raise ReceiptError("the receipt does not have exactly the expected keys")
    if value["format"] != RECEIPT_FORMAT or value["version"] != RECEIPT_VERSION:
        raise ReceiptError("the file is not a version 1 receipt")
    packet_id, sha, intake = value["packet_id"], value["packet_sha256"], value["intake"]
    received, outcome, reason = value["received"], value["outcome"], value["reason"]
    if packet_id is not None and not (isinstance(packet_id, str) and PACKET_ID.match(packet_id)):
        raise ReceiptError("the receipt's packet id is malformed")
    checks = (
        isinstance(sha, str) and SHA256_HEX.match(sha),
        isinstance(intake, str) and IDENT.match(intake),
        isinstance(received, str) and TIMESTAMP.match(received),
        outcome in ("accepted", "rejected"),
        reason is None or (isinstance(reason, str) and len(reason) <= MAX_REASON_CHARS),
    )
    if not all(checks):
        raise ReceiptError("the receipt has a malformed field")
    return Receipt(packet_id, sha, intake, received, outcome, reason, key_id)


def verify_receipt(receipt: bytes, intake_pub: PublicKey, packet: bytes | None = None) -> Receipt:
    """Authenticate a receipt from the intake whose key is ``intake_pub``.

    With ``packet`` (the packet file's bytes) the signature over the packet and the SHA-256
    are checked too; without it the content is authenticated by the global signature.
    """
    try:
        signature = Signature.parse(receipt)
        if signature.key_id != intake_pub.key_id:
            raise ReceiptError(f"the receipt was signed by another key {signature.key_id_hex}")
        if signature.algorithm != SIG_ALG_PREHASHED:
            raise ReceiptError("the receipt is not a prehashed minisign signature")
        if packet is None:
            signature.check_trusted_comment(intake_pub)
        else:
            signature.check(intake_pub, packet)
    except MinisignError as exc:
        raise ReceiptError(f"the receipt does not verify: {exc.message}") from None
    parsed = _parse(signature.trusted_comment, intake_pub.key_id_hex)
    if packet is not None and not hmac.compare_digest(
        parsed.packet_sha256, hashlib.sha256(packet).hexdigest()
    ):
        raise ReceiptError("the receipt is for a different packet")
    return parsed
