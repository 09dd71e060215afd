"""Ed25519 keys and signatures in the minisign formats (https://jedisct1.github.io/minisign/).

Files written here are read by the ``minisign`` tool and the other way round:

- public key: ``untrusted comment: …`` then base64 of ``"Ed" || key id (8) || pk (32)``;
- signature: ``untrusted comment: …``, base64 of ``"ED" || key id || Ed25519(BLAKE2b-512(m))``,
  ``trusted comment: …``, base64 of the global signature Ed25519(signature || trusted comment);
- secret key: minisign's unencrypted form (KDF "\\0\\0", as ``minisign -G -W`` writes),
  ``"Ed" || "\\0\\0" || "B2" || salt (32) || opslimit (8) || memlimit (8) || key id || sk (64)
  || BLAKE2b-256 checksum``. It is kept with owner-only permissions. Password-protected
  (scrypt) minisign keys are not read: a key kept at rest inside the workspace is stored as
  ``SecretKey.to_bytes()`` wrapped by the workspace key instead.

The key id is 8 random bytes; minisign prints them as the little-endian 64-bit number in
upper-case hex. ``key_id_hex`` gives the same number, always zero-padded to 16 digits.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from screening_app.core.errors import IntegrityError

SIG_ALG = b"Ed"  # key files; also the legacy (not prehashed) signature algorithm
SIG_ALG_PREHASHED = b"ED"
KDF_NONE = b"\x00\x00"
KDF_SCRYPT = b"Sc"
CHK_ALG = b"B2"
KEY_ID_LEN = 8
UNTRUSTED_PREFIX = "untrusted comment: "
TRUSTED_PREFIX = "trusted comment: "
MAX_COMMENT_CHARS = 1000
MAX_SIGNATURE_FILE_BYTES = 8192
_SECRET_LEN = 2 + 2 + 2 + 32 + 8 + 8 + KEY_ID_LEN + 64 + 32


class MinisignError(IntegrityError):
    """A key or signature is malformed, or a signature does not verify."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, what: str) -> bytes:
    try:
        data = base64.b64decode(text.strip().encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise MinisignError(f"the {what} is not valid base64") from None
    if _b64(data) != text.strip():
        raise MinisignError(f"the {what} is not canonical base64")
    return data


def _check_comment(text: str, what: str) -> str:
    if "\n" in text or "\r" in text:
        raise MinisignError(f"a {what} must be a single line")
    if len(text) > MAX_COMMENT_CHARS:
        raise MinisignError(f"a {what} is longer than {MAX_COMMENT_CHARS} characters")
    return text


def key_id_hex(key_id: bytes) -> str:
    """The key id as a 16-digit upper-case hex number (minisign drops leading zeros)."""
    return f"{int.from_bytes(key_id, 'little'):016X}"


def key_id_from_hex(text: str) -> bytes:
    try:
        number = int(text, 16)
    except ValueError:
        raise MinisignError("a key id is 16 hexadecimal digits") from None
    if len(text) != 16:
        raise MinisignError("a key id is 16 hexadecimal digits")
    return number.to_bytes(KEY_ID_LEN, "little")


def _payload_line(text: str, what: str) -> str:
    """The base64 line of a one-key file, with or without its comment line."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if len(lines) == 2 and lines[0].startswith(UNTRUSTED_PREFIX):
        return lines[1]
    if len(lines) == 1:
        return lines[0]
    raise MinisignError(f"the {what} is not in minisign format")


# -- public keys ---------------------------------------------------------------------------
@dataclass(frozen=True)
class PublicKey:
    key_id: bytes
    public: bytes

    def __post_init__(self) -> None:
        if len(self.key_id) != KEY_ID_LEN or len(self.public) != 32:
            raise MinisignError("a minisign public key has an 8-byte id and a 32-byte key")

    @property
    def key_id_hex(self) -> str:
        return key_id_hex(self.key_id)

    @cached_property
    def verifier(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.public)

    def encode(self) -> str:
        """The base64 form ``minisign -P`` takes."""
        return _b64(SIG_ALG + self.key_id + self.public)

    def file_text(self, comment: str | None = None) -> str:
        note = _check_comment(comment or f"minisign public key {self.key_id_hex}", "comment")
        return f"{UNTRUSTED_PREFIX}{note}\n{self.encode()}\n"

    @classmethod
    def parse(cls, text: str) -> PublicKey:
        """A public key file, or just its base64 line."""
        raw = _unb64(_payload_line(text, "public key"), "public key")
        if len(raw) != 42 or raw[:2] != SIG_ALG:
            raise MinisignError("the public key is not an Ed25519 minisign key")
        return cls(raw[2:10], raw[10:])

    def verify(self, message: bytes, signature: bytes | str | Signature) -> Signature:
        """Check a signature file over ``message``; return it (with its trusted comment)."""
        parsed = signature if isinstance(signature, Signature) else Signature.parse(signature)
        if parsed.key_id != self.key_id:
            raise MinisignError(
                f"the signature was made with key {key_id_hex(parsed.key_id)}, "
                f"not {self.key_id_hex}"
            )
        parsed.check(self, message)
        return parsed


# -- signatures ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Signature:
    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes
    untrusted_comment: str

    @classmethod
    def parse(cls, data: bytes | str) -> Signature:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if len(raw) > MAX_SIGNATURE_FILE_BYTES:
            raise MinisignError("the signature file is too large")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise MinisignError("the signature file is not UTF-8 text") from None
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()
        if len(lines) != 4:
            raise MinisignError("a signature file has exactly four lines")
        untrusted, sig_line, trusted, global_line = (line.removesuffix("\r") for line in lines)
        if not untrusted.startswith(UNTRUSTED_PREFIX) or not trusted.startswith(TRUSTED_PREFIX):
            raise MinisignError("the signature file's comment lines are missing")
        sig = _unb64(sig_line, "signature")
        if len(sig) != 74 or sig[:2] not in (SIG_ALG, SIG_ALG_PREHASHED):
            raise MinisignError("the signature is not an Ed25519 minisign signature")
        global_sig = _unb64(global_line, "global signature")
        if len(global_sig) != 64:
            raise MinisignError("the global signature has the wrong length")
        return cls(
            algorithm=sig[:2],
            key_id=sig[2:10],
            signature=sig[10:],
            trusted_comment=trusted.removeprefix(TRUSTED_PREFIX),
            global_signature=global_sig,
            untrusted_comment=untrusted.removeprefix(UNTRUSTED_PREFIX),
        )

    @property
    def key_id_hex(self) -> str:
        return key_id_hex(self.key_id)

    def check(self, key: PublicKey, message: bytes, allow_legacy: bool = False) -> None:
        if self.algorithm == SIG_ALG and not allow_legacy:
            raise MinisignError("legacy (not prehashed) signatures are not accepted")
        signed = _prehash(message) if self.algorithm == SIG_ALG_PREHASHED else message
        verifier = key.verifier
        try:
            verifier.verify(self.signature, signed)
        except InvalidSignature:
            raise MinisignError("the signature does not match the signed data") from None
        self.check_trusted_comment(key)

    def check_trusted_comment(self, key: PublicKey) -> None:
        """Authenticate the trusted comment alone: the global signature covers the signature
        and the comment, so this holds without the signed data at hand."""
        verifier = key.verifier
        try:
            verifier.verify(
                self.global_signature, self.signature + self.trusted_comment.encode("utf-8")
            )
        except InvalidSignature:
            raise MinisignError("the trusted comment was altered") from None

    def encode(self) -> bytes:
        return (
            f"{UNTRUSTED_PREFIX}{self.untrusted_comment}\n"
            f"{_b64(self.algorithm + self.key_id + self.signature)}\n"
            f"{TRUSTED_PREFIX}{self.trusted_comment}\n"
            f"{_b64(self.global_signature)}\n"
        ).encode()


def _prehash(message: bytes) -> bytes:
    return hashlib.blake2b(message, digest_size=64).digest()


# -- secret keys ---------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class SecretKey:
    """An Ed25519 signing key with its minisign key id. ``repr`` never shows the secret."""

    key_id: bytes
    seed: bytes

    def __post_init__(self) -> None:
        if len(self.key_id) != KEY_ID_LEN or len(self.seed) != 32:
            raise MinisignError("a minisign secret key has an 8-byte id and a 32-byte seed")

    def __repr__(self) -> str:
        return f"SecretKey(key_id={self.key_id_hex})"

    @classmethod
    def generate(cls) -> SecretKey:
        return cls(os.urandom(KEY_ID_LEN), os.urandom(32))

    @property
    def key_id_hex(self) -> str:
        return key_id_hex(self.key_id)

    @property
    def public_key(self) -> PublicKey:
        return PublicKey(self.key_id, self._private.public_key().public_bytes_raw())

    @cached_property
    def _private(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.seed)

    def sign(
        self,
        message: bytes,
        trusted_comment: str,
        untrusted_comment: str = "signature from minisign secret key",
    ) -> bytes:
        """A prehashed (``ED``) minisign signature file over ``message``."""
        _check_comment(trusted_comment, "trusted comment")
        _check_comment(untrusted_comment, "untrusted comment")
        private = self._private
        signature = private.sign(_prehash(message))
        global_sig = private.sign(signature + trusted_comment.encode("utf-8"))
        return Signature(
            SIG_ALG_PREHASHED,
            self.key_id,
            signature,
            trusted_comment,
            global_sig,
            untrusted_comment,
        ).encode()

    def raw_sign(self, message: bytes) -> bytes:
        """A bare Ed25519 signature (for request authentication, not for files)."""
        return self._private.sign(message)

    def to_bytes(self) -> bytes:
        """Key id and seed (40 bytes), for wrapping under another key at rest."""
        return self.key_id + self.seed

    @classmethod
    def from_bytes(cls, raw: bytes) -> SecretKey:
        if len(raw) != KEY_ID_LEN + 32:
            raise MinisignError("a stored signing key must be 40 bytes")
        return cls(raw[:KEY_ID_LEN], raw[KEY_ID_LEN:])

    def file_text(self, comment: str = "minisign secret key (unencrypted)") -> str:
        """The unencrypted minisign secret key file (keep it owner-only)."""
        sk = self.seed + self.public_key.public
        checksum = hashlib.blake2b(SIG_ALG + self.key_id + sk, digest_size=32).digest()
        body = SIG_ALG + KDF_NONE + CHK_ALG + bytes(48) + self.key_id + sk + checksum
        return f"{UNTRUSTED_PREFIX}{_check_comment(comment, 'comment')}\n{_b64(body)}\n"

    @classmethod
    def parse_file(cls, text: str) -> SecretKey:
        raw = _unb64(_payload_line(text, "secret key"), "secret key")
        if len(raw) != _SECRET_LEN or raw[:2] != SIG_ALG or raw[4:6] != CHK_ALG:
            raise MinisignError("the secret key is not an Ed25519 minisign key")
        if raw[2:4] == KDF_SCRYPT:
            raise MinisignError(
                "the secret key is password-protected; make it with minisign -G -W "
                "or with screening-app"
            )
        if raw[2:4] != KDF_NONE:
            raise MinisignError("the secret key uses an unknown key-derivation method")
        key_id, sk, checksum = raw[54:62], raw[62:126], raw[126:]
        key = cls(key_id, sk[:32])
        if key.public_key.public != sk[32:]:
            raise MinisignError("the secret key is damaged (its halves do not match)")
        expected = hashlib.blake2b(SIG_ALG + key_id + sk, digest_size=32).digest()
        # minisign -W leaves the checksum zero; any other value must be right.
        if checksum not in (expected, bytes(32)):
            raise MinisignError("the secret key's checksum is wrong (damaged file)")
        return key


def verify_with_any(
    keys: Mapping[bytes, PublicKey], message: bytes, signature: bytes
) -> tuple[PublicKey, Signature]:
    """Verify against whichever known key the signature names; unknown keys are an error."""
    parsed = Signature.parse(signature)
    key = keys.get(parsed.key_id)
    if key is None:
        raise MinisignError(f"the signature was made by an unknown key {parsed.key_id_hex}")
    parsed.check(key, message)
    return key, parsed
