"""Cryptographic hash functions from the standard library: digests, the avalanche effect, and HMAC."""

from __future__ import annotations

import hashlib
import hmac


# --8<-- [start:digests]
def digest(data: bytes, algorithm: str = "sha256") -> str:
    """The hex digest of `data`: always the same length, whatever the input's size."""
    return hashlib.new(algorithm, data).hexdigest()


def differing_bits(a: bytes, b: bytes, algorithm: str = "sha256") -> int:
    """How many bits of the two digests differ: about half of them, even for inputs one character apart."""
    first = int.from_bytes(hashlib.new(algorithm, a).digest(), "big")
    second = int.from_bytes(hashlib.new(algorithm, b).digest(), "big")
    return (first ^ second).bit_count()


def sign(secret: bytes, body: bytes) -> str:
    """HMAC-SHA256: a hash keyed with a secret, as webhook senders sign their payloads."""
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def verify(secret: bytes, body: bytes, signature: str) -> bool:
    # compare_digest takes the same time wherever the first difference is, so timing reveals nothing.
    return hmac.compare_digest(sign(secret, body), signature)


# --8<-- [end:digests]
