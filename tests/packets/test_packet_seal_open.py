"""Sealing and opening packets: round trip, the age and minisign tools, hand-made packets."""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from pathlib import Path

import pytest

from screening_app.core.errors import UsageError
from screening_app.crypto.age import decrypt, encrypt
from screening_app.packets.format import MEMBERS, Manifest, PacketRejected
from screening_app.packets.open import open_packet
from screening_app.packets.seal import write_packet
from tests.packets.packet_kit import (
    CASE_ID,
    INTAKE_ID,
    OFFICE_ID,
    SMALL_PDF,
    Parties,
    case_fields,
    contents,
    run,
    seal,
    write_keys,
)


def test_sealed_packet_opens_with_every_member(parties: Parties) -> None:
    data = seal(parties)
    opened = open_packet(data, parties.intake_identity, [parties.office_key.public_key], INTAKE_ID)
    assert opened.case == case_fields()
    assert opened.report_pdf == SMALL_PDF
    assert opened.audit.entries == 42
    manifest = opened.manifest
    assert (manifest.case_id, manifest.office_id, manifest.recipient_id) == (
        CASE_ID,
        OFFICE_ID,
        INTAKE_ID,
    )
    assert manifest.office_key_id == parties.office_key.key_id_hex
    assert manifest.created == "2025-03-14T09:30:00Z"
    assert len(opened.packet_id) == 32
    assert opened.sha256 == hashlib.sha256(data).hexdigest()


def test_each_packet_gets_a_new_random_id(parties: Parties) -> None:
    office = [parties.office_key.public_key]
    ids = {
        open_packet(seal(parties), parties.intake_identity, office, INTAKE_ID).packet_id
        for _ in range(20)
    }
    assert len(ids) == 20


def test_age_tool_decrypts_a_stored_zip_and_minisign_verifies_the_manifest(
    parties: Parties, tmp_path: Path
) -> None:
    keys = write_keys(parties, tmp_path)
    packet = tmp_path / "p.age"
    packet.write_bytes(seal(parties))
    out = tmp_path / "p.zip"
    result = run("age", "-d", "-i", keys["identity"], "-o", out, packet)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        infos = archive.infolist()
        assert [info.filename for info in infos] == list(MEMBERS)
        assert all(info.compress_type == zipfile.ZIP_STORED for info in infos)
        assert archive.testzip() is None
        archive.extractall(tmp_path / "x")
    verified = run(
        "minisign", "-V", "-p", keys["office_pub"], "-m", tmp_path / "x" / "manifest.json"
    )
    assert verified.returncode == 0, verified.stderr
    assert b"screening-app packet" in verified.stdout
    manifest = json.loads((tmp_path / "x" / "manifest.json").read_bytes())
    for name, entry in manifest["members"].items():
        assert hashlib.sha256((tmp_path / "x" / name).read_bytes()).hexdigest() == entry["sha256"]


def _hand_made_manifest(parties: Parties, folder: Path, recipient: str) -> None:
    members = {
        "case.json": json.dumps({"caseId": CASE_ID, "gender": "female"}).encode(),
        "report.pdf": SMALL_PDF,
        "audit-checkpoint.json": json.dumps(
            {"entries": 3, "head_sha256": "cd" * 32, "at": "2025-03-01T10:00:00Z"}
        ).encode(),
    }
    for name, data in members.items():
        (folder / name).write_bytes(data)
    manifest = {
        "format": "screening-app-packet",
        "version": 1,
        "packet_id": "0123456789abcdef0123456789abcdef",
        "case_id": CASE_ID,
        "sender": {"office_id": "office-south", "key_id": parties.office_key.key_id_hex},
        "recipient": recipient,
        "created": "2025-03-01T10:00:00Z",
        "forms": [{"id": "first-line", "version": "1.2.0"}],
        "consent_scope": ["caseId", "gender"],
        "members": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in members.items()
        },
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))


def test_packet_made_by_hand_with_the_tools_is_accepted(parties: Parties, tmp_path: Path) -> None:
    keys = write_keys(parties, tmp_path)
    parts = tmp_path / "parts"
    parts.mkdir()
    _hand_made_manifest(parties, parts, INTAKE_ID)
    signed = run("minisign", "-S", "-s", keys["office_key"], "-m", parts / "manifest.json")
    assert signed.returncode == 0, signed.stderr
    # The ZIP comes from Python's zipfile, a writer independent of the packet code.
    with zipfile.ZipFile(tmp_path / "hand.zip", "w", compression=zipfile.ZIP_STORED) as archive:
        for name in MEMBERS:
            archive.write(parts / name, arcname=name)
    sealed = run(
        "age",
        "-e",
        "-r",
        str(parties.intake_identity.recipient),
        "-o",
        tmp_path / "hand.age",
        tmp_path / "hand.zip",
    )
    assert sealed.returncode == 0, sealed.stderr
    opened = open_packet(
        (tmp_path / "hand.age").read_bytes(),
        parties.intake_identity,
        [parties.office_key.public_key],
        INTAKE_ID,
    )
    assert opened.packet_id == "0123456789abcdef0123456789abcdef"
    assert opened.case == {"caseId": CASE_ID, "gender": "female"}


def test_write_packet_is_atomic_owner_only_and_named_by_id(
    parties: Parties, tmp_path: Path
) -> None:
    path = write_packet(
        tmp_path, contents(), parties.sender, INTAKE_ID, parties.intake_identity.recipient
    )
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    opened = open_packet(
        path.read_bytes(), parties.intake_identity, [parties.office_key.public_key], INTAKE_ID
    )
    assert path.name == f"{opened.packet_id}.age"


def test_sealing_refuses_a_field_outside_the_consent_scope(parties: Parties) -> None:
    with pytest.raises(PacketRejected, match="outside the consent scope"):
        seal(parties, consent_scope=("caseId", "gender"))


def test_sealing_refuses_a_malformed_case_id(parties: Parties) -> None:
    with pytest.raises(UsageError, match="case id is malformed"):
        seal(parties, case_id="has spaces in it")


def test_manifest_encoding_round_trips(parties: Parties) -> None:
    opened = open_packet(
        seal(parties), parties.intake_identity, [parties.office_key.public_key], INTAKE_ID
    )
    assert Manifest.decode(opened.manifest.encode()) == opened.manifest
    assert opened.manifest.encode() == opened.manifest_bytes


def test_plaintext_zip_reencrypted_by_the_age_tool_still_opens(
    parties: Parties, tmp_path: Path
) -> None:
    container = decrypt(seal(parties), [parties.intake_identity])
    resealed = run("age", "-e", "-r", str(parties.intake_identity.recipient), stdin=container)
    assert resealed.returncode == 0, resealed.stderr
    opened = open_packet(
        resealed.stdout, parties.intake_identity, [parties.office_key.public_key], INTAKE_ID
    )
    assert opened.case == case_fields()
    assert (
        decrypt(encrypt(container, [parties.intake_identity.recipient]), [parties.intake_identity])
        == container
    )
