"""Public-key checks done when a key enters the directory.

Curve libraries accept any 32 bytes as a public key. A malformed, all-zero or low-order key
would make every shared secret predictable (X25519) or let one signature fit many messages
(Ed25519), so such keys are refused at import, before anything is encrypted to them or
trusted from them.

- X25519: the encoding must be canonical (top bit clear, value below p) and the point must
  not be of low order: an exchange with it must not give the all-zero output.
- Ed25519: the encoding must be canonical (y below p, no "negative zero" x), the point must
  be on the curve, and 8·P must not be the neutral element (no small-order points).
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from screening_app.core.errors import UsageError

P = 2**255 - 19
D = (-121665 * pow(121666, P - 2, P)) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)
# Any clamped scalar will do: clamping makes it a multiple of 8, so low-order points give 0.
_PROBE = X25519PrivateKey.from_private_bytes(bytes(range(1, 33)))


class KeyRejected(UsageError):
    """A public key is malformed or weak; the message says which rule it breaks."""


def check_x25519_public(raw: bytes) -> None:
    if len(raw) != 32:
        raise KeyRejected("an X25519 public key must be 32 bytes")
    if not any(raw):
        raise KeyRejected("the X25519 public key is all zeros")
    value = int.from_bytes(raw, "little")
    if value >> 255 or value >= P:
        raise KeyRejected("the X25519 public key is not canonically encoded")
    try:
        _PROBE.exchange(X25519PublicKey.from_public_bytes(raw))
    except ValueError:
        raise KeyRejected("the X25519 public key is a low-order point") from None


def _recover_x(y: int, sign: int) -> int:
    """x from y and the sign bit (RFC 8032, section 5.1.3), refusing anything non-canonical."""
    u = (y * y - 1) % P
    v = (D * y * y + 1) % P
    x = u * pow(v, 3, P) * pow(u * pow(v, 7, P), (P - 5) // 8, P) % P
    if (v * x * x - u) % P != 0:
        if (v * x * x + u) % P != 0:
            raise KeyRejected("the Ed25519 public key is not a point on the curve")
        x = x * SQRT_M1 % P
    if x == 0 and sign:
        raise KeyRejected("the Ed25519 public key is not canonically encoded")
    if x & 1 != sign:
        x = P - x
    return x


def _double(x: int, y: int) -> tuple[int, int]:
    """Affine doubling on -x^2 + y^2 = 1 + d x^2 y^2."""
    xy = x * y % P
    dxy = D * xy * xy % P
    x3 = 2 * xy * pow(1 + dxy, P - 2, P) % P
    y3 = (y * y + x * x) * pow(1 - dxy, P - 2, P) % P
    return x3, y3


def check_ed25519_public(raw: bytes) -> None:
    if len(raw) != 32:
        raise KeyRejected("an Ed25519 public key must be 32 bytes")
    if not any(raw):
        raise KeyRejected("the Ed25519 public key is all zeros")
    value = int.from_bytes(raw, "little")
    y, sign = value & ((1 << 255) - 1), value >> 255
    if y >= P:
        raise KeyRejected("the Ed25519 public key is not canonically encoded")
    x = _recover_x(y, sign)
    for _ in range(3):
        x, y = _double(x, y)
    if x == 0 and y == 1:
        raise KeyRejected("the Ed25519 public key is a small-order point")
