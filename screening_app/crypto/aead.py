"""Field-level authenticated encryption.

Each value is sealed with AES-256-GCM under a random 96-bit nonce. The associated data binds
the ciphertext to where it belongs (table, column, row id, row version), so a ciphertext
copied to another row or column, or replayed from an older version of the row, fails to open.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from screening_app.core.errors import IntegrityError

FORMAT_V1 = b"\x01"
NONCE_LEN = 12
KEY_LEN = 32


def field_aad(table: str, column: str, row_id: str | int, row_version: int) -> bytes:
    """Associated data for one encrypted field: where it lives and which version of the row."""
    return f"{table}\x1f{column}\x1f{row_id}\x1f{row_version}".encode()


def new_key() -> bytes:
    return os.urandom(KEY_LEN)


class FieldCipher:
    """Seals and opens field values under one key (workspace data key or a case key)."""

    __slots__ = ("_aead",)

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_LEN:
            raise ValueError("field keys are 256-bit")
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_LEN)
        return FORMAT_V1 + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def open(self, sealed: bytes, aad: bytes) -> bytes:
        if len(sealed) < 1 + NONCE_LEN + 16 or sealed[:1] != FORMAT_V1:
            raise IntegrityError("a stored value is damaged or not in a known format")
        nonce = sealed[1 : 1 + NONCE_LEN]
        try:
            return self._aead.decrypt(nonce, sealed[1 + NONCE_LEN :], aad)
        except InvalidTag:
            raise IntegrityError(
                "a stored value failed its authenticity check: it was altered, damaged "
                "or moved from another record"
            ) from None

    def seal_text(self, text: str, aad: bytes) -> bytes:
        return self.seal(text.encode("utf-8"), aad)

    def open_text(self, sealed: bytes, aad: bytes) -> str:
        return self.open(sealed, aad).decode("utf-8")
