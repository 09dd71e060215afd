from __future__ import annotations

import pytest

from screening_app.core.errors import AuthenticationError, IntegrityError, UsageError
from screening_app.crypto.aead import FieldCipher, field_aad, new_key
from screening_app.crypto.keys import (
    FAST_KDF,
    KdfParams,
    derive_password_key,
    key_check,
    new_recovery_key,
    new_salt,
    recovery_key_bytes,
    unwrap_key,
    wrap_key,
)


def test_field_value_round_trips_under_its_own_address() -> None:
    cipher = FieldCipher(new_key())
    aad = field_aad("persons", "names", "C-1", 3)
    assert cipher.open_text(cipher.seal_text("Fictional Name", aad), aad) == "Fictional Name"


@pytest.mark.parametrize(
    "other",
    [
        field_aad("persons", "names", "C-2", 3),  # another row
        field_aad("persons", "aliases", "C-1", 3),  # another column
        field_aad("answers", "names", "C-1", 3),  # another table
        field_aad("persons", "names", "C-1", 2),  # an older version of the row
    ],
)
def test_field_value_moved_elsewhere_fails_to_open(other: bytes) -> None:
    cipher = FieldCipher(new_key())
    sealed = cipher.seal_text("x", field_aad("persons", "names", "C-1", 3))
    with pytest.raises(IntegrityError, match="authenticity"):
        cipher.open(sealed, other)


def test_flipped_bit_in_ciphertext_is_detected() -> None:
    cipher = FieldCipher(new_key())
    aad = field_aad("t", "c", 1, 1)
    sealed = bytearray(cipher.seal(b"value", aad))
    sealed[-1] ^= 1
    with pytest.raises(IntegrityError):
        cipher.open(bytes(sealed), aad)


def test_same_value_seals_differently_each_time() -> None:
    cipher = FieldCipher(new_key())
    aad = field_aad("t", "c", 1, 1)
    assert cipher.seal(b"same", aad) != cipher.seal(b"same", aad)


def test_kdf_refuses_less_than_64_mib() -> None:
    with pytest.raises(ValueError, match="64 MiB"):
        KdfParams(memory_kib=32 * 1024)


def test_kdf_params_round_trip_through_their_stored_form() -> None:
    params = KdfParams(memory_kib=131072, iterations=3, lanes=2)
    assert KdfParams.decode(params.encode()) == params
    with pytest.raises(IntegrityError):
        KdfParams.decode("scrypt;n=1")


def test_wrong_password_gives_a_different_key_check_and_cannot_unwrap() -> None:
    salt = new_salt()
    data_key = new_key()
    kek = derive_password_key("right password", salt, FAST_KDF)
    wrapped = wrap_key(kek, data_key, b"aad")
    wrong = derive_password_key("wrong password", salt, FAST_KDF)
    assert key_check(wrong) != key_check(kek)
    with pytest.raises(AuthenticationError):
        unwrap_key(wrong, wrapped, b"aad")
    assert unwrap_key(kek, wrapped, b"aad") == data_key


def test_recovery_key_is_accepted_however_it_is_typed() -> None:
    key = new_recovery_key()
    assert len(key.replace("-", "")) == 52
    typed = key.lower().replace("-", " ")
    assert recovery_key_bytes(typed) == recovery_key_bytes(key)


def test_a_mistyped_recovery_key_is_a_clear_error() -> None:
    with pytest.raises(UsageError, match="recovery key"):
        recovery_key_bytes("ABCD-EFGH")
