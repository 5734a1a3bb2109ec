"""Envelope encryption, key rotation and Argon2id password storage behave as the lesson claims."""

from __future__ import annotations

import dataclasses

import pytest
from argon2 import PasswordHasher
from cryptography.exceptions import InvalidTag

from examples.security.at_rest import envelope, passwords

SECRET = b"IBAN DE89 3704 0044 0532 0130 00"


@pytest.fixture
def kms() -> envelope.LocalKms:
    return envelope.LocalKms()


# --8<-- [start:tests]
def test_round_trip_and_no_plaintext_at_rest(kms):
    sealed = envelope.encrypt(kms, SECRET, "customer:42")
    assert SECRET not in sealed.ciphertext and SECRET not in sealed.wrapped_key
    assert envelope.decrypt(kms, sealed, "customer:42") == SECRET


def test_tampered_ciphertext_is_detected(kms):
    sealed = envelope.encrypt(kms, SECRET, "customer:42")
    flipped = bytes([sealed.ciphertext[0] ^ 1]) + sealed.ciphertext[1:]
    with pytest.raises(InvalidTag):
        envelope.decrypt(kms, dataclasses.replace(sealed, ciphertext=flipped), "customer:42")


def test_ciphertext_copied_to_another_row_does_not_decrypt(kms):
    sealed = envelope.encrypt(kms, SECRET, "customer:42")
    with pytest.raises(InvalidTag):
        envelope.decrypt(kms, sealed, "customer:7")  # the associated data no longer matches


def test_rotation_rewraps_keys_without_reencrypting_data(kms):
    sealed = envelope.encrypt(kms, SECRET, "customer:42")
    old_id = sealed.kek_id
    kms.rotate()
    rotated = envelope.rewrap(kms, sealed, "customer:42")
    kms.retire(old_id)
    assert rotated.kek_id != old_id and rotated.ciphertext == sealed.ciphertext
    assert envelope.decrypt(kms, rotated, "customer:42") == SECRET
    with pytest.raises(KeyError):
        envelope.decrypt(kms, sealed, "customer:42")  # the old envelope died with its key


# --8<-- [end:tests]


def test_every_record_gets_its_own_data_key_and_nonce(kms):
    a, b = envelope.encrypt(kms, SECRET, "r"), envelope.encrypt(kms, SECRET, "r")
    assert a.nonce != b.nonce and a.wrapped_key != b.wrapped_key and a.ciphertext != b.ciphertext


def test_a_retired_version_id_is_never_reused(kms):
    kms.rotate()  # kek-v2 is current
    kept = envelope.encrypt(kms, SECRET, "customer:42")
    kms.retire("kek-v1")
    assert kms.rotate() == "kek-v3"  # not kek-v2 again, which would replace the key `kept` depends on
    assert envelope.decrypt(kms, kept, "customer:42") == SECRET


def test_the_wrapped_key_is_bound_to_its_record_too(kms):
    sealed = envelope.encrypt(kms, SECRET, "customer:42")
    with pytest.raises(InvalidTag):
        kms.unwrap(sealed.kek_id, sealed.wrapped_key, b"customer:7")


def test_current_key_cannot_be_retired(kms):
    with pytest.raises(ValueError, match="current"):
        kms.retire(kms.current_id)


# --8<-- [start:password_tests]
def test_argon2id_hash_is_salted_and_self_describing():
    first, second = (
        passwords.hash_password("correct horse battery staple"),
        passwords.hash_password("correct horse battery staple"),
    )
    assert first.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert first != second  # a random salt per hash: equal passwords do not give equal hashes


def test_verify_accepts_the_right_password_only():
    stored = passwords.hash_password("correct horse battery staple")
    assert passwords.verify_password(stored, "correct horse battery staple") == (True, None)
    assert passwords.verify_password(stored, "Correct horse battery staple") == (False, None)


def test_weaker_legacy_hash_is_upgraded_on_login():
    legacy = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash("hunter2 but longer")
    ok, upgraded = passwords.verify_password(legacy, "hunter2 but longer")
    assert ok and upgraded is not None and "m=19456,t=2,p=1" in upgraded


# --8<-- [end:password_tests]


def test_garbage_in_the_password_column_is_a_failed_login_not_a_crash():
    assert passwords.verify_password("not-a-hash", "anything") == (False, None)
