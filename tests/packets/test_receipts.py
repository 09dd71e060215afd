"""Receipts: signed by the intake, checked by hand with minisign, refused when altered."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening_app.crypto.minisign import SecretKey
from screening_app.packets.receipts import ReceiptError, make_receipt, verify_receipt
from tests.packets.packet_kit import Parties, run, seal, write_keys

RECEIVED = "2025-03-14T10:00:00Z"


def _receipt(parties: Parties, packet: bytes, outcome: str = "accepted") -> bytes:
    reason = "the packet is addressed to another recipient" if outcome == "rejected" else None
    return make_receipt(
        parties.intake_key,
        "nrm-intake",
        packet,
        "ab" * 16,
        RECEIVED,
        outcome,
        reason,  # type: ignore[arg-type]
    )


def test_receipt_names_packet_hash_time_and_outcome(parties: Parties) -> None:
    packet = seal(parties)
    receipt = verify_receipt(_receipt(parties, packet), parties.intake_key.public_key, packet)
    assert receipt.packet_id == "ab" * 16
    assert receipt.intake_id == "nrm-intake"
    assert receipt.received == RECEIVED
    assert receipt.outcome == "accepted" and receipt.reason is None
    assert receipt.intake_key_id == parties.intake_key.key_id_hex


def test_receipt_verifies_without_the_packet(parties: Parties) -> None:
    packet = seal(parties)
    receipt = verify_receipt(_receipt(parties, packet, "rejected"), parties.intake_key.public_key)
    assert receipt.outcome == "rejected"
    assert receipt.reason == "the packet is addressed to another recipient"


def test_minisign_tool_checks_a_receipt_against_its_packet(
    parties: Parties, tmp_path: Path
) -> None:
    keys = write_keys(parties, tmp_path)
    packet = seal(parties)
    (tmp_path / "p.age").write_bytes(packet)
    (tmp_path / "p.receipt").write_bytes(_receipt(parties, packet))
    result = run(
        "minisign",
        "-V",
        "-p",
        keys["intake_pub"],
        "-m",
        tmp_path / "p.age",
        "-x",
        tmp_path / "p.receipt",
    )
    assert result.returncode == 0, result.stderr
    assert b'"outcome":"accepted"' in result.stdout


def test_altered_receipt_is_refused(parties: Parties) -> None:
    packet = seal(parties)
    forged = _receipt(parties, packet).replace(b'"accepted"', b'"rejected"')
    with pytest.raises(ReceiptError, match="altered"):
        verify_receipt(forged, parties.intake_key.public_key)


def test_receipt_from_another_key_is_refused(parties: Parties) -> None:
    packet = seal(parties)
    with pytest.raises(ReceiptError, match="signed by another key"):
        verify_receipt(_receipt(parties, packet), SecretKey.generate().public_key)


def test_receipt_for_another_packet_is_refused(parties: Parties) -> None:
    receipt = _receipt(parties, seal(parties))
    with pytest.raises(ReceiptError, match="does not verify"):
        verify_receipt(receipt, parties.intake_key.public_key, seal(parties))


def test_rejection_needs_a_reason(parties: Parties) -> None:
    with pytest.raises(ValueError, match="reason"):
        make_receipt(parties.intake_key, "nrm-intake", b"x", None, RECEIVED, "rejected")
