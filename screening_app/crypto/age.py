"""age v1 file encryption (https://age-encryption.org/v1) with X25519 recipients.

Only what packets need: one or more X25519 recipients on encryption; X25519 identities on
decryption. Files are read whole, never streamed, so every size limit is checked before any
work is done. Header parsing is strict and each error names what is wrong; a file that passes
the header MAC but fails a payload chunk is reported as damaged, never partly returned.

Format summary (the spec is the authority):
- 16-byte random file key; header = version line, one ``-> X25519 <share>`` stanza per
  recipient (body: the file key under ChaCha20-Poly1305 with a key from HKDF over the
  X25519 shared secret), then ``--- <HMAC-SHA-256 of the header>``.
- payload = 16-byte nonce, then 64 KiB chunks under ChaCha20-Poly1305 with a key from
  HKDF(file key, nonce, "payload"); the chunk nonce is an 11-byte counter and a last-chunk
  flag byte.
- keys: Bech32 ``age1…`` recipients and ``AGE-SECRET-KEY-1…`` identities.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from hashlib import sha256

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from screening_app.core.errors import IntegrityError

VERSION_LINE = b"age-encryption.org/v1"
X25519_INFO = b"age-encryption.org/v1/X25519"
FILE_KEY_LEN = 16
CHUNK_SIZE = 64 * 1024
TAG_LEN = 16
NONCE_LEN = 16
ZERO_NONCE = bytes(12)
RECIPIENT_HRP = "age"
IDENTITY_HRP = "age-secret-key-"

# Header limits: packets carry one stanza, but other tools may add a few (e.g. grease).
MAX_HEADER_BYTES = 16 * 1024
MAX_STANZAS = 20
MAX_ARGS = 8
MAX_BODY_BYTES = 2048


class AgeError(IntegrityError):
    """An age file or key could not be read: the message says what is wrong."""


# -- Bech32 (BIP 173, without its 90-character limit, as age uses it) ------------------------
_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _polymod(values: Sequence[int]) -> int:
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i, gen in enumerate(_GENERATOR):
            if (top >> i) & 1:
                check ^= gen
    return check


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert_bits(data: Sequence[int], from_bits: int, to_bits: int, pad: bool) -> list[int]:
    acc = bits = 0
    out: list[int] = []
    mask = (1 << to_bits) - 1
    for value in data:
        acc = (acc << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((acc >> bits) & mask)
    if pad and bits:
        out.append((acc << (to_bits - bits)) & mask)
    elif not pad and (bits >= from_bits or (acc << (to_bits - bits)) & mask):
        raise AgeError("the key's Bech32 encoding has invalid padding")
    return out


def bech32_encode(hrp: str, data: bytes) -> str:
    words = _convert_bits(data, 8, 5, pad=True)
    check = _polymod([*_hrp_expand(hrp), *words, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(check >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[w] for w in words + checksum)


def bech32_decode(text: str) -> tuple[str, bytes]:
    """Return (lower-case HRP, data). Mixed case, bad characters or checksum are errors."""
    if text.lower() != text and text.upper() != text:
        raise AgeError("a key mixes upper and lower case")
    lowered = text.lower()
    split = lowered.rfind("1")
    if split < 1 or len(lowered) - split < 7:
        raise AgeError("a key is not Bech32-encoded")
    hrp, rest = lowered[:split], lowered[split + 1 :]
    if any(not 33 <= ord(c) <= 126 for c in hrp) or any(c not in _CHARSET for c in rest):
        raise AgeError("a key contains characters Bech32 does not allow")
    words = [_CHARSET.index(c) for c in rest]
    if _polymod([*_hrp_expand(hrp), *words]) != 1:
        raise AgeError("a key's checksum is wrong (mistyped or damaged)")
    return hrp, bytes(_convert_bits(words[:-6], 5, 8, pad=False))


# -- keys ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AgeRecipient:
    """An X25519 public key: who a file can be encrypted to."""

    public: bytes

    def __post_init__(self) -> None:
        if len(self.public) != 32:
            raise AgeError("an age recipient is a 32-byte X25519 key")

    def __str__(self) -> str:
        return bech32_encode(RECIPIENT_HRP, self.public)

    @classmethod
    def parse(cls, text: str) -> AgeRecipient:
        hrp, data = bech32_decode(text.strip())
        if hrp != RECIPIENT_HRP or text.strip() != text.strip().lower():
            raise AgeError("not an age X25519 recipient (expected age1…)")
        if len(data) != 32:
            raise AgeError("an age recipient must hold a 32-byte key")
        return cls(data)


@dataclass(frozen=True)
class AgeIdentity:
    """An X25519 secret key: who can decrypt. ``repr`` never shows the secret."""

    secret: bytes

    def __post_init__(self) -> None:
        if len(self.secret) != 32:
            raise AgeError("an age identity is a 32-byte X25519 secret")

    def __repr__(self) -> str:
        return f"AgeIdentity(recipient={self.recipient})"

    @classmethod
    def generate(cls) -> AgeIdentity:
        return cls(os.urandom(32))

    @cached_property
    def private_key(self) -> X25519PrivateKey:
        return X25519PrivateKey.from_private_bytes(self.secret)

    @cached_property
    def recipient(self) -> AgeRecipient:
        return AgeRecipient(self.private_key.public_key().public_bytes_raw())

    def encode(self) -> str:
        return bech32_encode(IDENTITY_HRP, self.secret).upper()

    @classmethod
    def parse(cls, text: str) -> AgeIdentity:
        stripped = text.strip()
        hrp, data = bech32_decode(stripped)
        if hrp != IDENTITY_HRP or stripped != stripped.upper():
            raise AgeError("not an age X25519 identity (expected AGE-SECRET-KEY-1…)")
        return cls(data)

    def identity_file(self, created: datetime) -> str:
        """The text ``age-keygen`` writes: two comment lines and the secret key."""
        return (
            f"# created: {created.isoformat(timespec='seconds')}\n"
            f"# public key: {self.recipient}\n"
            f"{self.encode()}\n"
        )


def read_identity_file(text: str) -> list[AgeIdentity]:
    """Identities from an identity file: one per non-empty line, ``#`` lines are comments."""
    identities = [
        AgeIdentity.parse(line)
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not identities:
        raise AgeError("the identity file holds no AGE-SECRET-KEY line")
    return identities


# -- primitives ----------------------------------------------------------------------------
def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def _b64encode(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _b64decode(text: bytes, what: str) -> bytes:
    """Strict unpadded base64: no padding, no stray characters, canonical trailing bits."""
    if b"=" in text or len(text) % 4 == 1:
        raise AgeError(f"the {what} is not unpadded base64")
    try:
        data = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except binascii.Error:
        raise AgeError(f"the {what} is not valid base64") from None
    if _b64encode(data) != text:
        raise AgeError(f"the {what} is not canonical base64")
    return data


def _wrap_key(shared: bytes, share: bytes, recipient: bytes) -> bytes:
    return _hkdf(shared, share + recipient, X25519_INFO)


# -- encryption ----------------------------------------------------------------------------
def _x25519_stanza(file_key: bytes, recipient: AgeRecipient) -> bytes:
    ephemeral = X25519PrivateKey.generate()
    share = ephemeral.public_key().public_bytes_raw()
    try:
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient.public))
    except ValueError:
        raise AgeError("the recipient key is a low-order point: refusing to encrypt") from None
    body = ChaCha20Poly1305(_wrap_key(shared, share, recipient.public)).encrypt(
        ZERO_NONCE, file_key, None
    )
    return b"-> X25519 " + _b64encode(share) + b"\n" + _b64encode(body) + b"\n"


def _chunk_nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _encrypt_payload(file_key: bytes, plaintext: bytes) -> bytes:
    nonce = os.urandom(NONCE_LEN)
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    parts = [nonce]
    count = max(1, -(-len(plaintext) // CHUNK_SIZE))
    for index in range(count):
        chunk = plaintext[index * CHUNK_SIZE : (index + 1) * CHUNK_SIZE]
        parts.append(aead.encrypt(_chunk_nonce(index, index == count - 1), chunk, None))
    return b"".join(parts)


def encrypt(plaintext: bytes, recipients: Sequence[AgeRecipient]) -> bytes:
    """Encrypt ``plaintext`` to every recipient; the result is a binary age v1 file."""
    if not recipients:
        raise AgeError("at least one recipient is needed")
    file_key = os.urandom(FILE_KEY_LEN)
    header = VERSION_LINE + b"\n" + b"".join(_x25519_stanza(file_key, r) for r in recipients)
    header += b"---"
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, sha256).digest()
    return header + b" " + _b64encode(mac) + b"\n" + _encrypt_payload(file_key, plaintext)


# -- header parsing ------------------------------------------------------------------------
@dataclass(frozen=True)
class Stanza:
    args: tuple[str, ...]
    body: bytes


@dataclass(frozen=True)
class Header:
    stanzas: tuple[Stanza, ...]
    mac_input: bytes  # the header up to and including "---"
    mac: bytes
    payload_offset: int


class _Lines:
    """Reads LF-terminated header lines out of the file, bounded by the header limit."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def next(self) -> bytes:
        end = self.data.find(b"\n", self.pos, MAX_HEADER_BYTES)
        if end < 0:
            if len(self.data) >= MAX_HEADER_BYTES:
                raise AgeError(f"the age header is longer than {MAX_HEADER_BYTES} bytes")
            raise AgeError("the age header is cut short (a line has no end)")
        line = self.data[self.pos : end]
        self.pos = end + 1
        return line


def _check_version(data: bytes, lines: _Lines) -> None:
    if data.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----"):
        raise AgeError("the file is ASCII-armored age; packets use the binary form")
    if not data.startswith(b"age-encryption.org/"):
        raise AgeError("the file is not age-encrypted (no age-encryption.org/v1 line)")
    if lines.next() != VERSION_LINE:
        raise AgeError("the file is a different age version than v1")


def _read_args(line: bytes) -> tuple[str, ...]:
    parts = line[3:].split(b" ")
    if len(parts) > MAX_ARGS:
        raise AgeError("an age stanza has too many arguments")
    for part in parts:
        if not part or any(not 33 <= byte <= 126 for byte in part):
            raise AgeError("an age stanza has an empty or non-printable argument")
    return tuple(part.decode("ascii") for part in parts)


def _read_body(lines: _Lines) -> bytes:
    chunks: list[bytes] = []
    while True:
        line = lines.next()
        if len(line) > 64:
            raise AgeError("an age stanza body line is longer than 64 columns")
        chunks.append(_b64decode(line, "stanza body") if line else b"")
        if sum(len(c) for c in chunks) > MAX_BODY_BYTES:
            raise AgeError("an age stanza body is too long")
        if len(line) < 64:
            return b"".join(chunks)


def parse_header(data: bytes) -> Header:
    """Split an age file into its stanzas, MAC and payload offset, or say what is wrong."""
    lines = _Lines(data)
    _check_version(data, lines)
    stanzas: list[Stanza] = []
    while True:
        start = lines.pos
        line = lines.next()
        if line.startswith(b"-> "):
            if len(stanzas) == MAX_STANZAS:
                raise AgeError(f"the age header has more than {MAX_STANZAS} stanzas")
            stanzas.append(Stanza(_read_args(line), _read_body(lines)))
        elif line.startswith(b"--- "):
            if not stanzas:
                raise AgeError("the age header has no recipient stanza")
            mac = _b64decode(line[4:], "header MAC")
            if len(mac) != 32:
                raise AgeError("the age header MAC has the wrong length")
            return Header(tuple(stanzas), data[: start + 3], mac, lines.pos)
        else:
            raise AgeError("the age header has a line that is neither a stanza nor the MAC")


# -- decryption ----------------------------------------------------------------------------
def _unwrap_x25519(stanza: Stanza, identity: AgeIdentity) -> bytes | None:
    if len(stanza.args) != 2:
        raise AgeError("an X25519 stanza must have exactly two arguments")
    share = _b64decode(stanza.args[1].encode("ascii"), "X25519 ephemeral share")
    if len(share) != 32:
        raise AgeError("an X25519 ephemeral share must be 32 bytes")
    if len(stanza.body) != 32:
        raise AgeError("an X25519 stanza body must be 32 bytes")
    try:
        shared = identity.private_key.exchange(X25519PublicKey.from_public_bytes(share))
    except ValueError:
        raise AgeError("an X25519 stanza uses a low-order point") from None
    wrap = _wrap_key(shared, share, identity.recipient.public)
    try:
        return ChaCha20Poly1305(wrap).decrypt(ZERO_NONCE, stanza.body, None)
    except InvalidTag:
        return None  # addressed to someone else


def _file_key(header: Header, identities: Sequence[AgeIdentity]) -> bytes:
    if any(s.args[0] == "scrypt" for s in header.stanzas):
        raise AgeError("the file is passphrase-encrypted; packets use X25519 recipients")
    for stanza in header.stanzas:
        if stanza.args[0] != "X25519":
            continue
        for identity in identities:
            file_key = _unwrap_x25519(stanza, identity)
            if file_key is not None:
                return file_key
    raise AgeError("the file is not encrypted to this identity")


def _decrypt_payload(file_key: bytes, payload: bytes, max_size: int) -> bytes:
    if len(payload) < NONCE_LEN + TAG_LEN:
        raise AgeError("the age payload is cut short")
    nonce, body = payload[:NONCE_LEN], payload[NONCE_LEN:]
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    sealed_size = CHUNK_SIZE + TAG_LEN
    count = max(1, -(-len(body) // sealed_size))
    if len(body) - count * TAG_LEN > max_size:
        raise AgeError(f"the age payload is larger than the {max_size}-byte limit")
    parts: list[bytes] = []
    for index in range(count):
        sealed = body[index * sealed_size : (index + 1) * sealed_size]
        last = index == count - 1
        if len(sealed) < TAG_LEN or (last and index > 0 and len(sealed) == TAG_LEN):
            raise AgeError("the age payload ends with an empty or cut-short chunk")
        try:
            parts.append(aead.decrypt(_chunk_nonce(index, last), sealed, None))
        except InvalidTag:
            raise AgeError(
                f"age payload chunk {index} failed authentication (damaged or truncated)"
            ) from None
    return b"".join(parts)


def decrypt(
    data: bytes, identities: Sequence[AgeIdentity], max_size: int = 64 * 1024 * 1024
) -> bytes:
    """Decrypt a binary age v1 file with the first identity that fits.

    ``max_size`` bounds the plaintext; it is checked before any chunk is decrypted.
    """
    header = parse_header(data)
    file_key = _file_key(header, identities)
    expected = hmac.new(_hkdf(file_key, b"", b"header"), header.mac_input, sha256).digest()
    if not hmac.compare_digest(expected, header.mac):
        raise AgeError("the age header MAC does not match (the header was altered)")
    return _decrypt_payload(file_key, data[header.payload_offset :], max_size)
