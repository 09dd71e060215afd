"""Recipient entries and bundles: root signature, key checks, phone-readable fingerprints."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from screening_app.crypto.age import AgeIdentity, AgeRecipient
from screening_app.crypto.minisign import PublicKey, SecretKey
from screening_app.packets.bundle import (
    BundleError,
    RecipientEntry,
    encode_bundle,
    parse_bundle,
    verify_bundle,
)
from screening_app.packets.key_checks import (
    KeyRejected,
    check_ed25519_public,
    check_x25519_public,
)
from tests.packets.packet_kit import run

FINGERPRINT = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$")

# X25519 points of low order, and non-canonical encodings of them (little-endian hex).
X25519_LOW_ORDER = [
    "00" * 32,
    "01" + "00" * 31,
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ec" + "ff" * 30 + "7f",  # p - 1
    "ed" + "ff" * 30 + "7f",  # p (non-canonical 0)
    "ee" + "ff" * 30 + "7f",  # p + 1 (non-canonical 1)
]
# The eight Ed25519 points of small order (canonical encodings), plus encodings that are
# not canonical or not on the curve.
ED25519_SMALL_ORDER = [
    "01" + "00" * 31,
    "ec" + "ff" * 30 + "7f",
    "00" * 31 + "80",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
]
ED25519_MALFORMED = [
    "00" * 32,  # all zero
    "ed" + "ff" * 30 + "7f",  # y = p: not canonical
    "01" + "00" * 30 + "80",  # y = 1 with the sign bit: "negative zero" x
    "02" + "00" * 31,  # y = 2 is not on the curve
]


def _entry(recipient_id: str = "nrm-intake") -> RecipientEntry:
    return RecipientEntry(
        recipient_id,
        "nrm",
        "National intake (test)",
        "+00 000 0000",
        ("en", "fr"),
        ("caseId", "gender"),
        AgeIdentity.generate().recipient,
        SecretKey.generate().public_key,
    )


@pytest.mark.parametrize("hex_key", X25519_LOW_ORDER)
def test_low_order_x25519_keys_are_rejected(hex_key: str) -> None:
    with pytest.raises(KeyRejected):
        check_x25519_public(bytes.fromhex(hex_key))


@pytest.mark.parametrize("hex_key", ED25519_SMALL_ORDER)
def test_small_order_ed25519_keys_are_rejected(hex_key: str) -> None:
    with pytest.raises(KeyRejected, match="small-order"):
        check_ed25519_public(bytes.fromhex(hex_key))


@pytest.mark.parametrize("hex_key", ED25519_MALFORMED)
def test_malformed_ed25519_keys_are_rejected(hex_key: str) -> None:
    with pytest.raises(KeyRejected, match=r"zeros|canonical|not a point"):
        check_ed25519_public(bytes.fromhex(hex_key))


def test_real_keys_pass_the_checks() -> None:
    for _ in range(50):
        check_x25519_public(AgeIdentity.generate().recipient.public)
        check_ed25519_public(SecretKey.generate().public_key.public)


def test_entry_with_a_low_order_age_key_cannot_be_made() -> None:
    entry = _entry()
    with pytest.raises(BundleError, match="low-order"):
        replace(entry, age_recipient=AgeRecipient(bytes.fromhex(X25519_LOW_ORDER[2])))


def test_fingerprints_read_as_five_groups_of_four() -> None:
    prints = _entry().fingerprints
    assert set(prints) == {"age", "ed25519", "recipient"}
    assert all(FINGERPRINT.match(value) for value in prints.values())
    assert len(set(prints.values())) == 3


def test_entry_json_round_trips_and_checks_fingerprints() -> None:
    entry = _entry()
    assert RecipientEntry.from_json(json.loads(json.dumps(entry.as_json()))) == entry
    tampered = entry.as_json()
    tampered["fingerprints"]["age"] = "AAAA-AAAA-AAAA-AAAA-AAAA"
    with pytest.raises(BundleError, match="fingerprints do not match"):
        RecipientEntry.from_json(tampered)


def test_bundle_signed_by_the_root_verifies_with_minisign_and_here(tmp_path: Path) -> None:
    root = SecretKey.generate()
    entries = [_entry("nrm-intake"), _entry("ngo-shelter")]
    data = encode_bundle(entries, 3, "2025-03-14T09:00:00Z")
    signature = root.sign(data, "bundle 3")
    (tmp_path / "b.json").write_bytes(data)
    (tmp_path / "b.json.minisig").write_bytes(signature)
    (tmp_path / "root.pub").write_text(root.public_key.file_text())
    assert (
        run("minisign", "-V", "-p", tmp_path / "root.pub", "-m", tmp_path / "b.json").returncode
        == 0
    )
    bundle = verify_bundle(data, signature, root.public_key)
    assert bundle.serial == 3
    assert list(bundle.by_id()) == ["nrm-intake", "ngo-shelter"]
    assert bundle.root_key_id == root.key_id_hex


def test_bundle_signed_by_another_key_is_refused() -> None:
    data = encode_bundle([_entry()], 1, "2025-03-14T09:00:00Z")
    other = SecretKey.generate()
    with pytest.raises(BundleError, match="not signed by this root key"):
        verify_bundle(data, other.sign(data, "x"), SecretKey.generate().public_key)


def test_altered_bundle_is_refused() -> None:
    root = SecretKey.generate()
    data = encode_bundle([_entry()], 1, "2025-03-14T09:00:00Z")
    signature = root.sign(data, "x")
    with pytest.raises(BundleError, match="not signed"):
        verify_bundle(data.replace(b'"serial":1', b'"serial":9'), signature, root.public_key)


def test_signed_bundle_with_a_weak_key_is_still_refused() -> None:
    root = SecretKey.generate()
    value = json.loads(encode_bundle([_entry()], 1, "2025-03-14T09:00:00Z"))
    weak = PublicKey(b"\x01" * 8, bytes.fromhex(ED25519_SMALL_ORDER[3]))
    value["recipients"][0]["ed25519_public"] = weak.encode()
    data = json.dumps(value).encode()
    with pytest.raises(BundleError, match="small-order"):
        verify_bundle(data, root.sign(data, "x"), root.public_key)


def test_bundle_with_duplicate_ids_is_refused() -> None:
    with pytest.raises(BundleError, match="twice"):
        encode_bundle([_entry("a1"), _entry("a1")], 1, "2025-03-14T09:00:00Z")
    first = json.loads(encode_bundle([_entry("a1")], 1, "2025-03-14T09:00:00Z"))
    first["recipients"].append(first["recipients"][0])
    with pytest.raises(BundleError, match="twice"):
        parse_bundle(json.dumps(first).encode())
