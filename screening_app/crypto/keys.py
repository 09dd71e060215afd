"""The key hierarchy.

A random 256-bit workspace data key protects everything. Each account stores it wrapped
(AES-256-GCM) under a key derived from the account's password with Argon2id; the recovery
key printed once at set-up wraps it too. Each case has its own random key, wrapped by the
data key, so destroying one wrapped case key makes that case unreadable for good.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
from dataclasses import dataclass
from hashlib import sha256

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from screening_app.core.errors import AuthenticationError, IntegrityError, UsageError
from screening_app.crypto.aead import KEY_LEN, NONCE_LEN

MIN_MEMORY_KIB = 64 * 1024
SALT_LEN = 16
WRAP_V1 = b"\x01"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost, stored beside each wrapped key so costs can rise without breaking logins."""

    memory_kib: int = 128 * 1024
    iterations: int = 2
    lanes: int = 1

    def __post_init__(self) -> None:
        if self.memory_kib < MIN_MEMORY_KIB:
            raise ValueError("Argon2id memory below 64 MiB is not allowed")
        if self.iterations < 1 or self.lanes < 1:
            raise ValueError("Argon2id iterations and lanes must be positive")

    def encode(self) -> str:
        return f"argon2id;m={self.memory_kib};t={self.iterations};p={self.lanes}"

    @classmethod
    def decode(cls, text: str) -> KdfParams:
        try:
            name, *fields = text.split(";")
            values = dict(field.split("=", 1) for field in fields)
            if name != "argon2id":
                raise ValueError(name)
            return cls(int(values["m"]), int(values["t"]), int(values["p"]))
        except (ValueError, KeyError):
            raise IntegrityError("an account's key settings are damaged") from None


# Cheapest setting the rules allow: 64 MiB, one pass. Used by tests and the benchmark baseline.
FAST_KDF = KdfParams(memory_kib=MIN_MEMORY_KIB, iterations=1, lanes=1)


def new_salt() -> bytes:
    return os.urandom(SALT_LEN)


def derive_password_key(password: str, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=KEY_LEN,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(password.encode("utf-8"))


def wrap_key(kek: bytes, key: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_LEN)
    return WRAP_V1 + nonce + AESGCM(kek).encrypt(nonce, key, aad)


def unwrap_key(kek: bytes, wrapped: bytes, aad: bytes) -> bytes:
    """Open a wrapped key. Raises AuthenticationError: a wrong secret and a damaged wrapped
    key look the same to AES-GCM, so callers that can tell them apart say which."""
    if len(wrapped) != 1 + NONCE_LEN + KEY_LEN + 16 or wrapped[:1] != WRAP_V1:
        raise IntegrityError("a wrapped key is damaged (wrong length or format)")
    try:
        key = AESGCM(kek).decrypt(wrapped[1 : 1 + NONCE_LEN], wrapped[1 + NONCE_LEN :], aad)
    except InvalidTag:
        raise AuthenticationError("the key could not be opened") from None
    return key


def subkey(data_key: bytes, purpose: str) -> bytes:
    """A key for one purpose (audit anchors, index cache...), derived from the data key."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=None, info=purpose.encode()).derive(
        data_key
    )


def key_check(kek: bytes) -> bytes:
    """A short value that tells a wrong password from a damaged wrapped key.

    Stored beside the wrapped key; it reveals nothing useful (HMAC of a constant under the
    derived key), but lets the app say "wrong password" or "the stored key is damaged".
    """
    return hmac.new(kek, b"screening-app key check v1", sha256).digest()[:8]


# Recovery keys: 256 random bits shown as base32 in groups of 4, e.g. ABCD-EFGH-...
RECOVERY_GROUPS = 13


def new_recovery_key() -> str:
    raw = base64.b32encode(os.urandom(32)).decode("ascii").rstrip("=")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def recovery_key_bytes(recovery_key: str) -> bytes:
    """Normalise what a person typed (case, spaces, dashes) and derive the wrapping key."""
    cleaned = "".join(ch for ch in recovery_key.upper() if ch.isalnum())
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (ValueError, binascii.Error):
        raise UsageError("that is not a recovery key: check for typing mistakes") from None
    if len(raw) != 32:
        raise UsageError("that is not a recovery key: it has the wrong length")
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_LEN, salt=None, info=b"screening-app recovery"
    ).derive(raw)
