"""age v1: interoperability with the age tools both ways, and strict header parsing."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from screening_app.crypto.age import (
    AgeError,
    AgeIdentity,
    AgeRecipient,
    bech32_decode,
    decrypt,
    encrypt,
    parse_header,
    read_identity_file,
)
from tests.packets.packet_kit import CREATED, run

SIZES = [0, 1, 1000, 64 * 1024, 64 * 1024 + 1, 3 * 64 * 1024]


@pytest.fixture
def identity(tmp_path: Path) -> tuple[AgeIdentity, Path]:
    ident = AgeIdentity.generate()
    path = tmp_path / "key.txt"
    path.write_text(ident.identity_file(CREATED))
    return ident, path


@pytest.mark.parametrize("size", SIZES)
def test_age_tool_decrypts_what_we_encrypt(
    size: int, identity: tuple[AgeIdentity, Path], tmp_path: Path
) -> None:
    ident, key_file = identity
    plaintext = os.urandom(size)
    sealed = tmp_path / "file.age"
    sealed.write_bytes(encrypt(plaintext, [ident.recipient]))
    result = run("age", "-d", "-i", key_file, sealed)
    assert result.returncode == 0, result.stderr
    assert result.stdout == plaintext


@pytest.mark.parametrize("size", SIZES)
def test_we_decrypt_what_the_age_tool_encrypts(
    size: int, identity: tuple[AgeIdentity, Path]
) -> None:
    ident, _ = identity
    plaintext = os.urandom(size)
    result = run("age", "-e", "-r", str(ident.recipient), stdin=plaintext)
    assert result.returncode == 0, result.stderr
    assert decrypt(result.stdout, [ident]) == plaintext


def test_identity_from_age_keygen_has_the_printed_recipient(tmp_path: Path) -> None:
    key_file = tmp_path / "k.txt"
    assert run("age-keygen", "-o", key_file).returncode == 0
    text = key_file.read_text()
    printed = next(line for line in text.splitlines() if "public key:" in line).split(": ")[1]
    (ident,) = read_identity_file(text)
    assert str(ident.recipient) == printed
    assert AgeRecipient.parse(printed) == ident.recipient


def test_age_keygen_reads_our_identity_file(identity: tuple[AgeIdentity, Path]) -> None:
    ident, key_file = identity
    result = run("age-keygen", "-y", key_file)
    assert result.stdout.decode().strip() == str(ident.recipient)


def test_file_for_two_recipients_opens_with_either() -> None:
    first, second = AgeIdentity.generate(), AgeIdentity.generate()
    sealed = encrypt(b"shared", [first.recipient, second.recipient])
    assert decrypt(sealed, [first]) == b"shared"
    assert decrypt(sealed, [second]) == b"shared"


def test_wrong_identity_is_named() -> None:
    sealed = encrypt(b"x", [AgeIdentity.generate().recipient])
    with pytest.raises(AgeError, match="not encrypted to this identity"):
        decrypt(sealed, [AgeIdentity.generate()])


def test_bech32_rejects_mixed_case_and_bad_checksum() -> None:
    text = str(AgeIdentity.generate().recipient)
    with pytest.raises(AgeError, match="mixes upper and lower case"):
        bech32_decode(text[:10] + text[10:].upper())
    broken = text[:-1] + ("q" if text[-1] != "q" else "p")
    with pytest.raises(AgeError, match="checksum"):
        AgeRecipient.parse(broken)
    with pytest.raises(AgeError, match="not an age X25519 recipient"):
        AgeRecipient.parse(AgeIdentity.generate().encode())


def _header_and_payload(data: bytes) -> tuple[bytes, bytes]:
    end = data.index(b"\n---") + 1
    end = data.index(b"\n", end) + 1
    return data[:end], data[end:]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda h: b"hello world\n" + h, "not age-encrypted"),
        (lambda h: h.replace(b"/v1", b"/v2", 1), "different age version"),
        (lambda h: b"-----BEGIN AGE ENCRYPTED FILE-----\n", "ASCII-armored"),
        (lambda h: h.replace(b"-> X25519 ", b"-> X25519  "), "empty or non-printable"),
        (lambda h: h.replace(b"\n---", b"\n-->"), "neither a stanza nor the MAC"),
        (lambda h: h[: h.index(b"---")], "cut short"),
        (lambda h: h[: h.index(b"-> ")] + h[h.index(b"---") :], "no recipient stanza"),
        (lambda h: h.replace(b"-> X25519", b"-> scrypt"), "passphrase-encrypted"),
    ],
)
def test_malformed_headers_are_named(mutate: object, message: str) -> None:
    ident = AgeIdentity.generate()
    header, payload = _header_and_payload(encrypt(b"data", [ident.recipient]))
    assert callable(mutate)
    # A header cut before its MAC line ends the file: random payload bytes after it could
    # look like any header line and make the error depend on chance.
    tail = b"" if message == "cut short" else payload
    with pytest.raises(AgeError, match=message):
        decrypt(mutate(header) + tail, [ident])


def test_non_canonical_base64_in_share_is_rejected() -> None:
    ident = AgeIdentity.generate()
    header, payload = _header_and_payload(encrypt(b"data", [ident.recipient]))
    share = header.split(b"\n")[1].split(b" ")[2]
    raw = base64.b64decode(share + b"=")
    # The last character carries 2 unused bits; setting one gives the same bytes, non-canonically.
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet[alphabet.index(share[-1:]) | 1 : alphabet.index(share[-1:]) + 2][:1]
    assert base64.b64decode(share[:-1] + last + b"=") == raw
    with pytest.raises(AgeError, match="not canonical"):
        decrypt(header.replace(share, share[:-1] + last) + payload, [ident])


def test_altered_header_fails_the_mac() -> None:
    ident, other = AgeIdentity.generate(), AgeIdentity.generate()
    sealed = encrypt(b"data", [ident.recipient, other.recipient])
    header, payload = _header_and_payload(sealed)
    lines = header.split(b"\n")
    # Drop the second recipient's stanza: the file key still unwraps, the MAC no longer fits.
    shortened = b"\n".join(lines[:3] + lines[5:])
    with pytest.raises(AgeError, match="header MAC does not match"):
        decrypt(shortened + payload, [ident])


def test_truncation_at_a_chunk_boundary_is_detected() -> None:
    ident = AgeIdentity.generate()
    sealed = encrypt(os.urandom(2 * 64 * 1024), [ident.recipient])
    header, payload = _header_and_payload(sealed)
    cut = header + payload[: 16 + 64 * 1024 + 16]
    with pytest.raises(AgeError, match="failed authentication"):
        decrypt(cut, [ident])


def test_size_limit_is_checked_before_decrypting() -> None:
    ident = AgeIdentity.generate()
    sealed = encrypt(os.urandom(200_000), [ident.recipient])
    with pytest.raises(AgeError, match="larger than the 100000-byte limit"):
        decrypt(sealed, [ident], max_size=100_000)


def test_header_longer_than_the_limit_is_refused() -> None:
    data = b"age-encryption.org/v1\n-> " + b"a" * 20_000 + b"\n"
    with pytest.raises(AgeError, match="longer than"):
        parse_header(data)
