"""Envelope encryption with AES-256-GCM: a fresh data key per record, wrapped by a key-encryption key.

`LocalKms` stands in for a key management service (AWS KMS, Google Cloud KMS, Azure Key Vault, Vault
Transit). In production the key-encryption keys never leave the KMS: you send it a data key to wrap or
unwrap and it checks your permission. Here they live in a dict so the tests can run offline.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12  # 96-bit nonces are what GCM is designed for (NIST SP 800-38D)


# --8<-- [start:kms]
class LocalKms:
    """Holds versioned key-encryption keys (KEKs). Only `wrap` and `unwrap` are exposed to callers."""

    def __init__(self) -> None:
        self._keks: dict[str, bytes] = {}
        self._versions = 0  # only ever grows: a retired version's id is never handed out again
        self.current_id = ""
        self.rotate()

    def rotate(self) -> str:
        """Create a new KEK version and make it current; older versions stay available for unwrapping."""
        self._versions += 1
        self.current_id = f"kek-v{self._versions}"
        self._keks[self.current_id] = AESGCM.generate_key(bit_length=256)
        return self.current_id

    def retire(self, kek_id: str) -> None:
        """Destroy an old KEK once nothing is wrapped with it any more."""
        if kek_id == self.current_id:
            raise ValueError("cannot retire the current key")
        del self._keks[kek_id]

    def wrap(self, data_key: bytes, context: bytes) -> tuple[str, bytes]:
        nonce = os.urandom(NONCE_BYTES)
        return self.current_id, nonce + AESGCM(self._keks[self.current_id]).encrypt(nonce, data_key, context)

    def unwrap(self, kek_id: str, wrapped: bytes, context: bytes) -> bytes:
        nonce, body = wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:]
        return AESGCM(self._keks[kek_id]).decrypt(nonce, body, context)


# --8<-- [end:kms]


# --8<-- [start:envelope]
@dataclass(frozen=True)
class Envelope:
    """Everything stored in the database column: no plaintext key material."""

    kek_id: str
    wrapped_key: bytes
    nonce: bytes
    ciphertext: bytes  # includes GCM's 16-byte authentication tag


def encrypt(kms: LocalKms, plaintext: bytes, record_id: str) -> Envelope:
    data_key = AESGCM.generate_key(bit_length=256)  # one data key per record
    nonce = os.urandom(NONCE_BYTES)
    aad = record_id.encode()  # associated data: authenticated, not encrypted; binds the ciphertext to its row
    ciphertext = AESGCM(data_key).encrypt(nonce, plaintext, aad)
    kek_id, wrapped = kms.wrap(data_key, aad)
    return Envelope(kek_id, wrapped, nonce, ciphertext)


def decrypt(kms: LocalKms, envelope: Envelope, record_id: str) -> bytes:
    aad = record_id.encode()
    data_key = kms.unwrap(envelope.kek_id, envelope.wrapped_key, aad)
    return AESGCM(data_key).decrypt(envelope.nonce, envelope.ciphertext, aad)  # raises InvalidTag if tampered


# --8<-- [end:envelope]


# --8<-- [start:rewrap]
def rewrap(kms: LocalKms, envelope: Envelope, record_id: str) -> Envelope:
    """Key rotation: re-wrap the data key under the current KEK. The bulk ciphertext is not touched."""
    aad = record_id.encode()
    data_key = kms.unwrap(envelope.kek_id, envelope.wrapped_key, aad)
    kek_id, wrapped = kms.wrap(data_key, aad)
    return Envelope(kek_id, wrapped, envelope.nonce, envelope.ciphertext)


# --8<-- [end:rewrap]
