"""Opening is strict: every altered byte, every truncation and every broken rule is refused
with a clear reason that carries no case data."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import random
import zipfile
from collections.abc import Callable

import pytest

from screening_app.crypto.age import encrypt
from screening_app.crypto.minisign import SecretKey
from screening_app.packets.format import (
    AUDIT,
    CASE,
    MANIFEST,
    MAX_PACKET_BYTES,
    MEMBERS,
    REPORT,
    SIGNATURE,
    Manifest,
    MemberDigest,
    PacketRejected,
)
from screening_app.packets.open import open_packet
from screening_app.packets.seal import _members, build_manifest, manifest_trusted_comment
from screening_app.packets.stored_zip import build_stored_zip
from tests.packets.packet_kit import (
    CASE_ID,
    CREATED,
    FICTIONAL_NAME,
    INTAKE_ID,
    SMALL_PDF,
    Parties,
    contents,
    seal,
)

FLIP_SAMPLES = 2000


def _open(parties: Parties, data: bytes, **kwargs: object) -> None:
    open_packet(data, parties.intake_identity, [parties.office_key.public_key], INTAKE_ID, **kwargs)  # type: ignore[arg-type]


def _reason(parties: Parties, data: bytes, **kwargs: object) -> str:
    with pytest.raises(PacketRejected) as caught:
        _open(parties, data, **kwargs)
    reason = caught.value.reason
    assert reason
    assert FICTIONAL_NAME not in reason and CASE_ID not in reason
    return reason


def _craft(
    parties: Parties,
    *,
    members: Callable[[dict[str, bytes]], dict[str, bytes]] = lambda m: m,
    manifest: Callable[[Manifest], Manifest] = lambda m: m,
    signer: SecretKey | None = None,
    order: tuple[str, ...] = MEMBERS,
    recipient: str = INTAKE_ID,
) -> bytes:
    """A packet built step by step, with a hook after each step to break one rule."""
    body = _members(contents())
    made = manifest(build_manifest(contents(), body, parties.sender, recipient, "ab" * 16, CREATED))
    encoded = made.encode()
    key = signer or parties.office_key
    all_members = {
        MANIFEST: encoded,
        SIGNATURE: key.sign(encoded, manifest_trusted_comment(made)),
        **body,
    }
    final = members(all_members)
    container = build_stored_zip([(name, final[name]) for name in order if name in final])
    return encrypt(container, [parties.intake_identity.recipient])


def test_the_crafted_baseline_is_accepted(parties: Parties) -> None:
    _open(parties, _craft(parties))


def test_every_sampled_byte_flip_is_rejected(parties: Parties) -> None:
    data = seal(parties, report=SMALL_PDF + b"%" * 1500)
    assert len(data) >= FLIP_SAMPLES
    rng = random.Random(20250314)
    positions = rng.sample(range(len(data)), FLIP_SAMPLES)
    for position in positions:
        altered = bytearray(data)
        altered[position] ^= rng.randrange(1, 256)
        reason = _reason(parties, bytes(altered))
        assert reason.startswith("cannot decrypt: "), (position, reason)


def test_every_truncation_is_rejected(parties: Parties) -> None:
    data = seal(parties)
    reasons = {_reason(parties, data[:length]) for length in range(len(data))}
    assert "the packet file is empty" in reasons
    assert all(r == "the packet file is empty" or r.startswith("cannot decrypt: ") for r in reasons)


def test_packet_for_another_recipient_is_refused(parties: Parties) -> None:
    reason = _reason(parties, seal(parties, recipient_id="ngo-shelter"))
    assert "addressed to another recipient" in reason


def test_packet_signed_by_an_unknown_office_is_refused(parties: Parties) -> None:
    stranger = SecretKey.generate()
    reason = _reason(parties, _craft(parties, signer=stranger))
    assert reason == f"signed by an unknown office key {stranger.key_id_hex}"


def test_manifest_naming_another_sender_key_is_refused(parties: Parties) -> None:
    other = SecretKey.generate()
    data = _craft(
        parties, manifest=lambda m: dataclasses.replace(m, office_key_id=other.key_id_hex)
    )
    assert "different sender key" in _reason(parties, data)


def test_oversize_packet_is_refused_before_decrypting(parties: Parties) -> None:
    data = seal(parties) + bytes(MAX_PACKET_BYTES)
    assert "larger than" in _reason(parties, data)


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in MEMBERS:
            archive.writestr(name, bytes(20 * 1024 * 1024))
    return buffer.getvalue()


def test_zip_bomb_is_refused_without_inflating(parties: Parties) -> None:
    bomb = _zip_bomb()
    assert len(bomb) < 400_000
    data = encrypt(bomb, [parties.intake_identity.recipient])
    assert "compressed; packet members must be stored" in _reason(parties, data)


def test_stored_member_over_its_limit_is_refused(parties: Parties) -> None:
    data = _craft(parties, members=lambda m: {**m, REPORT: SMALL_PDF + bytes(17 * 1024 * 1024)})
    assert "report.pdf is larger than its" in _reason(parties, data)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: {k: v for k, v in m.items() if k != AUDIT}, "holds 4 members"),
        (lambda m: {**m, "extra.txt": b"x"}, "holds 6 members"),
    ],
)
def test_wrong_member_set_is_refused(
    parties: Parties, change: Callable[[dict[str, bytes]], dict[str, bytes]], expected: str
) -> None:
    order = (*MEMBERS, "extra.txt")
    assert expected in _reason(parties, _craft(parties, members=change, order=order))


def test_duplicate_member_is_refused(parties: Parties) -> None:
    order = (MANIFEST, SIGNATURE, CASE, REPORT, CASE)
    assert "appears twice" in _reason(parties, _craft(parties, order=order))


def test_member_with_an_unexpected_name_is_refused(parties: Parties) -> None:
    def rename(m: dict[str, bytes]) -> dict[str, bytes]:
        renamed = dict(m)
        renamed["notes.txt"] = renamed.pop(AUDIT)
        return renamed

    order = (MANIFEST, SIGNATURE, CASE, REPORT, "notes.txt")
    assert "unexpected member 'notes.txt'" in _reason(
        parties, _craft(parties, members=rename, order=order)
    )


def test_bytes_after_the_zip_are_refused(parties: Parties) -> None:
    body = _members(contents())
    made = build_manifest(contents(), body, parties.sender, INTAKE_ID, "cd" * 16, CREATED)
    all_members = {
        MANIFEST: made.encode(),
        SIGNATURE: parties.office_key.sign(made.encode(), "c"),
        **body,
    }
    container = build_stored_zip([(n, all_members[n]) for n in MEMBERS]) + b"junk"
    data = encrypt(container, [parties.intake_identity.recipient])
    assert "end record is missing" in _reason(parties, data)


def test_member_not_matching_its_manifest_hash_is_refused(parties: Parties) -> None:
    data = _craft(parties, members=lambda m: {**m, CASE: m[CASE].replace(b"male", b"mail")})
    assert _reason(parties, data) == "case.json does not match the hash in the manifest"


def test_case_field_outside_the_consent_scope_is_refused(parties: Parties) -> None:
    def narrow(m: Manifest) -> Manifest:
        return dataclasses.replace(m, consent_scope=("caseId", "gender"))

    assert "outside the consent scope" in _reason(parties, _craft(parties, manifest=narrow))


def test_fields_the_intake_does_not_accept_are_refused(parties: Parties) -> None:
    reason = _reason(parties, seal(parties), allowed_fields={"caseId", "gender"})
    assert "this intake does not accept" in reason


def test_report_that_is_not_a_pdf_is_refused(parties: Parties) -> None:
    def swap(m: dict[str, bytes]) -> dict[str, bytes]:
        return {**m, REPORT: b"GIF89a"}

    def rehash(m: Manifest) -> Manifest:
        members = dict(m.members)
        members[REPORT] = MemberDigest(hashlib.sha256(b"GIF89a").hexdigest(), 6)
        return dataclasses.replace(m, members=members)

    assert "not a PDF" in _reason(parties, _craft(parties, members=swap, manifest=rehash))


def test_signature_over_other_bytes_is_refused(parties: Parties) -> None:
    def resign(m: dict[str, bytes]) -> dict[str, bytes]:
        return {**m, SIGNATURE: parties.office_key.sign(b"something else", "c")}

    assert "signature is invalid" in _reason(parties, _craft(parties, members=resign))
