"""Exercise: the IBAN column that is "encrypted".

Symptom: a security review of the payouts table. The IBANs are encrypted, but (1) the key is a constant in this
file, so the repository and every laptop hold it; (2) two customers with the same IBAN have identical ciphertext,
because the nonce is fixed so that "find customers by IBAN" can compare ciphertexts, and a reused GCM nonce leaks
the XOR of the plaintexts and lets an attacker forge ciphertexts; (3) an attacker with write access swapped two
rows' ciphertexts and payouts went to the wrong account; and (4) support's lookup misses `de89 3704...` typed
with different spacing.

Diagnose it with the check (`make exercise ID=security/encryption_at_rest/iban_column`), then store each IBAN
with the lesson's envelope encryption (examples/security/at_rest/envelope.py: a KMS-wrapped data key per row,
bound to its customer by associated data) and support lookups with a keyed blind index (an HMAC of the
canonical IBAN under a separate key). Keep the four functions and their signatures.
"""

from __future__ import annotations

import sqlite3

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from examples.security.at_rest.envelope import LocalKms

COLUMN_KEY = bytes.fromhex("8f2a9c41d07e5b36a1c4e9f0726d3b58c0e1f2a3b4c5d6e7f8091a2b3c4d5e6f")
FIXED_NONCE = b"payouts-v1\x00\x00"  # fixed so equal IBANs give equal ciphertext, which the lookup needs


def create_table(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE payouts (customer_id INTEGER PRIMARY KEY, iban_encrypted BLOB NOT NULL)")


def store_iban(conn: sqlite3.Connection, kms: LocalKms, customer_id: int, iban: str) -> None:
    sealed = AESGCM(COLUMN_KEY).encrypt(FIXED_NONCE, iban.encode(), None)
    conn.execute("INSERT OR REPLACE INTO payouts VALUES (?, ?)", (customer_id, sealed))


def read_iban(conn: sqlite3.Connection, kms: LocalKms, customer_id: int) -> str:
    (sealed,) = conn.execute("SELECT iban_encrypted FROM payouts WHERE customer_id = ?", (customer_id,)).fetchone()
    return AESGCM(COLUMN_KEY).decrypt(FIXED_NONCE, sealed, None).decode()


def customers_with_iban(conn: sqlite3.Connection, kms: LocalKms, iban: str) -> list[int]:
    sealed = AESGCM(COLUMN_KEY).encrypt(FIXED_NONCE, iban.encode(), None)
    rows = conn.execute("SELECT customer_id FROM payouts WHERE iban_encrypted = ? ORDER BY customer_id", (sealed,))
    return [customer_id for (customer_id,) in rows]
