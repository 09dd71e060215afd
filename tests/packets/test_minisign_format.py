"""minisign keys and signatures: interoperability with the minisign tool both ways."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from screening_app.crypto.minisign import (
    MinisignError,
    PublicKey,
    SecretKey,
    Signature,
    verify_with_any,
)
from tests.packets.packet_kit import run

MESSAGE = b"manifest bytes\n"


@pytest.fixture
def key() -> SecretKey:
    return SecretKey.generate()


def test_minisign_tool_verifies_our_signature(key: SecretKey, tmp_path: Path) -> None:
    (tmp_path / "m").write_bytes(MESSAGE)
    (tmp_path / "m.minisig").write_bytes(key.sign(MESSAGE, "packet 1234 office north"))
    (tmp_path / "k.pub").write_text(key.public_key.file_text())
    result = run("minisign", "-V", "-p", tmp_path / "k.pub", "-m", tmp_path / "m")
    assert result.returncode == 0, result.stderr
    assert b"Trusted comment: packet 1234 office north" in result.stdout


def test_minisign_tool_verifies_with_the_base64_key(key: SecretKey, tmp_path: Path) -> None:
    (tmp_path / "m").write_bytes(MESSAGE)
    (tmp_path / "m.minisig").write_bytes(key.sign(MESSAGE, "c"))
    result = run("minisign", "-V", "-P", key.public_key.encode(), "-m", tmp_path / "m")
    assert result.returncode == 0, result.stderr


def test_minisign_tool_signs_with_our_secret_key_file(key: SecretKey, tmp_path: Path) -> None:
    (tmp_path / "k.key").write_text(key.file_text())
    (tmp_path / "m").write_bytes(MESSAGE)
    result = run("minisign", "-S", "-s", tmp_path / "k.key", "-m", tmp_path / "m", "-t", "hi")
    assert result.returncode == 0, result.stderr
    verified = key.public_key.verify(MESSAGE, (tmp_path / "m.minisig").read_bytes())
    assert verified.trusted_comment == "hi"


def test_keys_made_by_minisign_are_read_and_sign(tmp_path: Path) -> None:
    made = run("minisign", "-G", "-W", "-p", tmp_path / "k.pub", "-s", tmp_path / "k.key")
    assert made.returncode == 0, made.stderr
    secret = SecretKey.parse_file((tmp_path / "k.key").read_text())
    public = PublicKey.parse((tmp_path / "k.pub").read_text())
    assert secret.public_key == public
    # minisign prints the id as a hex number (without leading zeros): the same number.
    printed = (tmp_path / "k.pub").read_text().splitlines()[0].rsplit(" ", 1)[1]
    assert int(printed, 16) == int(public.key_id_hex, 16)
    (tmp_path / "m").write_bytes(MESSAGE)
    (tmp_path / "m.minisig").write_bytes(secret.sign(MESSAGE, "ours"))
    assert run("minisign", "-V", "-p", tmp_path / "k.pub", "-m", tmp_path / "m").returncode == 0


def test_public_key_round_trips_and_accepts_a_bare_line(key: SecretKey) -> None:
    public = key.public_key
    assert PublicKey.parse(public.file_text()) == public
    assert PublicKey.parse(public.encode()) == public


def test_altered_message_is_rejected(key: SecretKey) -> None:
    signature = key.sign(MESSAGE, "c")
    with pytest.raises(MinisignError, match="does not match the signed data"):
        key.public_key.verify(MESSAGE + b"x", signature)


def test_altered_trusted_comment_is_rejected(key: SecretKey) -> None:
    signature = key.sign(MESSAGE, "outcome accepted").replace(b"accepted", b"rejected")
    with pytest.raises(MinisignError, match="trusted comment was altered"):
        key.public_key.verify(MESSAGE, signature)


def test_signature_by_another_key_names_both_ids(key: SecretKey) -> None:
    other = SecretKey.generate()
    with pytest.raises(MinisignError, match=other.key_id_hex):
        key.public_key.verify(MESSAGE, other.sign(MESSAGE, "c"))
    with pytest.raises(MinisignError, match="unknown key"):
        verify_with_any({key.key_id: key.public_key}, MESSAGE, other.sign(MESSAGE, "c"))


def test_legacy_signatures_from_minisign_l_are_refused(key: SecretKey, tmp_path: Path) -> None:
    (tmp_path / "k.key").write_text(key.file_text())
    (tmp_path / "m").write_bytes(MESSAGE)
    assert (
        run("minisign", "-S", "-l", "-s", tmp_path / "k.key", "-m", tmp_path / "m").returncode == 0
    )
    with pytest.raises(MinisignError, match="legacy"):
        key.public_key.verify(MESSAGE, (tmp_path / "m.minisig").read_bytes())


def test_password_protected_secret_key_is_refused_with_advice(key: SecretKey) -> None:
    raw = bytearray(base64.b64decode(key.file_text().splitlines()[1]))
    raw[2:4] = b"Sc"
    text = "untrusted comment: x\n" + base64.b64encode(bytes(raw)).decode() + "\n"
    with pytest.raises(MinisignError, match="password-protected"):
        SecretKey.parse_file(text)


def test_damaged_secret_key_checksum_is_detected(key: SecretKey) -> None:
    raw = bytearray(base64.b64decode(key.file_text().splitlines()[1]))
    raw[-1] ^= 1
    text = "untrusted comment: x\n" + base64.b64encode(bytes(raw)).decode() + "\n"
    with pytest.raises(MinisignError, match="checksum"):
        SecretKey.parse_file(text)


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"untrusted comment: a\n",
        b"a\nb\nc\nd\ne\n",
        b"untrusted comment: a\n!!\ntrusted comment: b\nAA==\n",
    ],
)
def test_malformed_signature_files_are_rejected(text: bytes) -> None:
    with pytest.raises(MinisignError):
        Signature.parse(text)


def test_multi_line_comments_are_refused(key: SecretKey) -> None:
    with pytest.raises(MinisignError, match="single line"):
        key.sign(MESSAGE, "two\nlines")


def test_secret_key_repr_hides_the_seed(key: SecretKey) -> None:
    assert key.seed.hex() not in repr(key)
    assert SecretKey.from_bytes(key.to_bytes()) == key
