"""The hash functions behave as the lesson says: standard test vectors, fixed length, avalanche, HMAC."""

from __future__ import annotations

from examples.security.hashing.digests import differing_bits, digest, sign, verify


def test_sha256_and_sha3_256_match_the_published_test_vectors_for_abc():
    # FIPS 180-4 and FIPS 202 example values for the message "abc".
    assert digest(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert digest(b"abc", "sha3_256") == "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"


def test_a_digest_has_the_same_length_for_one_byte_and_for_a_megabyte():
    assert len(digest(b"a")) == len(digest(b"a" * 1_000_000)) == 64  # 256 bits as hex
    assert len(digest(b"a", "sha512")) == 128


def test_changing_one_character_changes_about_half_the_bits():
    changed = differing_bits(b"transfer 100 EUR to alice", b"transfer 900 EUR to alice")
    assert 96 <= changed <= 160  # of 256: near 128, nothing like a small, local change


def test_hmac_verifies_the_right_body_and_rejects_a_tampered_one_or_a_wrong_key():
    body = b'{"event":"order.paid","id":42}'
    signature = sign(b"webhook-secret", body)
    assert verify(b"webhook-secret", body, signature)
    assert not verify(b"webhook-secret", body.replace(b"42", b"43"), signature)
    assert not verify(b"another-secret", body, signature)
