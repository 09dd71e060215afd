"""Receipts: a valid one marks the referral delivered once; anything else changes nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from screening_app.crypto.minisign import SecretKey
from screening_app.packets.receipts import make_receipt
from screening_app.services.packet_export import ExportedPacket, PacketExports, referral_states
from screening_app.services.receipt_import import import_receipts
from screening_app.services.vault import Vault
from screening_app.storage.models import AuditEntry, Referral
from tests.field.conftest import FieldSetup

RECEIVED = "2025-03-15T08:00:00Z"


@dataclass
class Sent:
    vault: Vault
    case_id: str
    packet: ExportedPacket
    data: bytes


@pytest.fixture
def sent(field: FieldSetup) -> Sent:
    case_id = field.approved_case()
    vault = field.sign_in()
    done = PacketExports(vault).export(case_id, "demo-nrm")
    return Sent(vault, case_id, done, done.outbox_path.read_bytes())


def _receipt(field: FieldSetup, sent: Sent, folder: Path, **changes: object) -> Path:
    options: dict[str, object] = {
        "intake_key": field.agencies["demo-nrm"].signing_key,
        "intake_id": "demo-nrm",
        "packet": sent.data,
        "packet_id": sent.packet.packet_id,
        "received": RECEIVED,
        "outcome": "accepted",
        "reason": None,
    }
    options.update(changes)
    path = folder / f"{options['packet_id'] or 'unknown'}.receipt"
    path.write_bytes(make_receipt(**options))  # type: ignore[arg-type]
    return path


def _referral(vault: Vault, packet_id: str) -> tuple[str, str | None, bytes | None]:
    with vault.read() as session:
        row = session.execute(select(Referral).where(Referral.packet_id == packet_id)).scalar_one()
        return row.status, row.delivered_at, row.receipt


def _audit_length(vault: Vault) -> int:
    with vault.read() as session:
        return len(session.execute(select(AuditEntry.seq)).all())


def _unchanged(sent: Sent) -> None:
    assert _referral(sent.vault, sent.packet.packet_id) == ("sent", None, None)
    assert sent.packet.outbox_path.exists()


def test_a_receipt_marks_the_referral_delivered_and_empties_the_outbox(
    field: FieldSetup, sent: Sent, tmp_path: Path
) -> None:
    path = _receipt(field, sent, tmp_path)
    [result] = import_receipts(sent.vault, [path])
    assert (result.status, result.packet_id, result.reason) == (
        "delivered",
        sent.packet.packet_id,
        None,
    )
    assert _referral(sent.vault, sent.packet.packet_id) == (
        "delivered",
        RECEIVED,
        path.read_bytes(),
    )
    assert not sent.packet.outbox_path.exists()
    [state] = referral_states(sent.vault, sent.case_id)
    assert state.describe() == "delivered to Demo Referral Coordination Office on 2025-03-15"
    with sent.vault.read() as session:
        entry = session.execute(
            select(AuditEntry).where(AuditEntry.action == "receipt.import")
        ).scalar_one()
    assert entry.case_id == sent.case_id
    detail = json.loads(entry.detail)
    assert detail["packet"] == sent.packet.packet_id and detail["outcome"] == "accepted"


def test_importing_the_same_receipt_again_changes_nothing(
    field: FieldSetup, sent: Sent, tmp_path: Path
) -> None:
    path = _receipt(field, sent, tmp_path)
    import_receipts(sent.vault, [path])
    before = (_referral(sent.vault, sent.packet.packet_id), _audit_length(sent.vault))
    [again] = import_receipts(sent.vault, [path])
    assert again.status == "already_delivered"
    assert (_referral(sent.vault, sent.packet.packet_id), _audit_length(sent.vault)) == before


def test_a_rejection_receipt_is_recorded_and_shown_as_refused(
    field: FieldSetup, sent: Sent, tmp_path: Path
) -> None:
    reason = "the manifest signature is by an unknown office key"
    path = _receipt(field, sent, tmp_path, outcome="rejected", reason=reason)
    [result] = import_receipts(sent.vault, [path])
    assert (result.status, result.reason) == ("refused", reason)
    assert _referral(sent.vault, sent.packet.packet_id)[:2] == ("refused", RECEIVED)
    [state] = referral_states(sent.vault, sent.case_id)
    assert state.describe() == (
        f"refused by Demo Referral Coordination Office on 2025-03-15: {reason}"
    )


def test_a_receipt_altered_by_one_byte_is_rejected(
    field: FieldSetup, sent: Sent, tmp_path: Path
) -> None:
    path = _receipt(field, sent, tmp_path)
    data = bytearray(path.read_bytes())
    data[data.index(RECEIVED.encode()) + 3] ^= 0x01  # 2025 -> 2024 in the trusted comment
    path.write_bytes(bytes(data))
    before = _audit_length(sent.vault)
    [result] = import_receipts(sent.vault, [path])
    assert result.status == "rejected"
    assert result.reason == "the receipt does not verify: the trusted comment was altered"
    _unchanged(sent)
    assert _audit_length(sent.vault) == before


def test_a_receipt_signed_by_another_key_is_rejected(
    field: FieldSetup, sent: Sent, tmp_path: Path
) -> None:
    stranger = SecretKey.generate()
    path = _receipt(field, sent, tmp_path, intake_key=stranger)
    [result] = import_receipts(sent.vault, [path])
    assert result.status == "rejected"
    assert result.reason == f"the receipt was signed by another key {stranger.key_id_hex}"
    _unchanged(sent)


def test_a_receipt_for_an_unknown_packet_is_rejected(
    field: FieldSetup, sent: Sent, tmp_path: Path
) -> None:
    path = _receipt(field, sent, tmp_path, packet=b"another packet", packet_id="ab" * 16)
    [result] = import_receipts(sent.vault, [path])
    assert result.status == "rejected"
    assert result.reason == "no packet sent from this office matches the receipt (unknown packet)"
    _unchanged(sent)


def test_a_receipt_with_another_packets_hash_is_rejected(
    field: FieldSetup, sent: Sent, tmp_path: Path
) -> None:
    path = _receipt(field, sent, tmp_path, packet=sent.data + b"x")
    [with_packet] = import_receipts(sent.vault, [path])
    assert with_packet.status == "rejected"  # the signature is over other bytes
    _unchanged(sent)
    # Without the packet at hand (say the outbox was cleaned), the hash check refuses it.
    kept = sent.packet.outbox_path.read_bytes()
    sent.packet.outbox_path.unlink()
    [without] = import_receipts(sent.vault, [path])
    assert without.status == "rejected"
    assert without.reason == "the receipt names a different packet hash than the packet sent"
    assert _referral(sent.vault, sent.packet.packet_id) == ("sent", None, None)
    sent.packet.outbox_path.write_bytes(kept)


def test_a_receipt_from_another_intake_is_rejected(
    field: FieldSetup, sent: Sent, tmp_path: Path
) -> None:
    path = _receipt(field, sent, tmp_path, intake_id="other-intake")
    [result] = import_receipts(sent.vault, [path])
    assert result.reason == "the receipt is from other-intake, but the packet went to demo-nrm"
    _unchanged(sent)


def test_an_oversized_file_is_rejected_without_being_read(sent: Sent, tmp_path: Path) -> None:
    path = tmp_path / "big.receipt"
    path.write_bytes(b"x" * 9000)
    [result] = import_receipts(sent.vault, [path])
    assert (result.status, result.reason) == ("rejected", "the file is too large for a receipt")
    _unchanged(sent)
