"""Identifiers. Random, not sequential, so an id reveals neither order nor volume."""

from __future__ import annotations

import secrets

# Crockford base32: no I, L, O, U, so ids read out over a phone are unambiguous.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def random_token(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def new_case_id() -> str:
    """Case reference like ``C-7K3M-Q9TX``: 40 random bits, easy to read aloud."""
    token = random_token(8)
    return f"C-{token[:4]}-{token[4:]}"


def new_session_id() -> str:
    return f"S-{random_token(12)}"


def group_for_reading(text: str, size: int = 4) -> str:
    """Split a long code into dash-separated groups for reading aloud or typing."""
    return "-".join(text[i : i + size] for i in range(0, len(text), size))
