"""Per-office authentication of HTTP requests to the intake.

The office signs, with its Ed25519 (minisign) key::

    "screening-app-nrm-request-v1" LF METHOD LF PATH LF TIMESTAMP LF NONCE LF
    hex(SHA-256(body))

and sends four headers: ``X-Office-Key`` (its key id, 16 hex digits), ``X-Timestamp``
(Unix seconds), ``X-Nonce`` (32 random hex digits, so that sending the same body twice in
one second still gives two different requests) and ``X-Signature`` (base64 Ed25519
signature). The intake accepts a request
only from a registered key, within ``WINDOW_SECONDS`` of its own clock, and only once: a
signature seen inside the window is refused as a replay.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable, Mapping

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from screening_app.core.errors import AuthenticationError
from screening_app.crypto.minisign import MinisignError, PublicKey, SecretKey, key_id_from_hex

DOMAIN = b"screening-app-nrm-request-v1"
WINDOW_SECONDS = 300
HEADER_KEY = "X-Office-Key"
HEADER_TIME = "X-Timestamp"
HEADER_SIGNATURE = "X-Signature"
HEADER_NONCE = "X-Nonce"
NONCE = re.compile(r"^[0-9a-f]{32}$")


def signed_message(method: str, path: str, timestamp: int, nonce: str, body: bytes) -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    parts = [method, path, str(timestamp), nonce, digest]
    return b"\n".join([DOMAIN, *(part.encode("utf-8") for part in parts)])


def sign_request(
    key: SecretKey, method: str, path: str, body: bytes, now: float | None = None
) -> dict[str, str]:
    """The authentication headers for one request."""
    timestamp = int(time.time() if now is None else now)
    nonce = secrets.token_hex(16)
    signature = key.raw_sign(signed_message(method, path, timestamp, nonce, body))
    return {
        HEADER_KEY: key.key_id_hex,
        HEADER_TIME: str(timestamp),
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: base64.b64encode(signature).decode("ascii"),
    }


class RequestVerifier:
    """Checks request headers against registered office keys; remembers signatures seen."""

    def __init__(
        self,
        lookup: Callable[[bytes], PublicKey | None],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.lookup = lookup
        self.clock = clock
        self._seen: dict[bytes, float] = {}
        self._lock = threading.Lock()

    def verify(self, method: str, path: str, headers: Mapping[str, str], body: bytes) -> str:
        """Return the office key id, or raise AuthenticationError saying why not."""
        key_text, time_text, sig_text, nonce = (
            headers.get(HEADER_KEY),
            headers.get(HEADER_TIME),
            headers.get(HEADER_SIGNATURE),
            headers.get(HEADER_NONCE),
        )
        if not key_text or not time_text or not sig_text or not nonce:
            raise AuthenticationError("the request is not signed")
        if not NONCE.match(nonce):
            raise AuthenticationError("the request's nonce is malformed")
        try:
            key_id = key_id_from_hex(key_text)
            timestamp = int(time_text)
            signature = base64.b64decode(sig_text, validate=True)
        except (MinisignError, ValueError, binascii.Error):
            raise AuthenticationError("the request's signature headers are malformed") from None
        now = self.clock()
        if abs(now - timestamp) > WINDOW_SECONDS:
            raise AuthenticationError("the request time is outside the accepted window")
        key = self.lookup(key_id)
        if key is None:
            raise AuthenticationError("the request is signed by an unknown office key")
        try:
            Ed25519PublicKey.from_public_bytes(key.public).verify(
                signature, signed_message(method, path, timestamp, nonce, body)
            )
        except InvalidSignature:
            raise AuthenticationError("the request signature does not verify") from None
        self._remember(signature, now)
        return key.key_id_hex

    def _remember(self, signature: bytes, now: float) -> None:
        with self._lock:
            for old in [s for s, t in self._seen.items() if t < now - 2 * WINDOW_SECONDS]:
                del self._seen[old]
            if signature in self._seen:
                raise AuthenticationError("the request was already received (replay)")
            self._seen[signature] = now
