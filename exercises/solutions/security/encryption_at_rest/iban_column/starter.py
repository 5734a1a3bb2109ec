"""A reference solution: envelope encryption per row, bound to the customer, and a blind index for lookups.

The blind index is an HMAC of the canonical IBAN under its own key: equal IBANs give equal index values (so an
exact lookup works) without the ciphertext being deterministic. It still reveals which rows share an IBAN, which is
the price of searching; keep its key apart from the encryption keys.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3

from examples.security.at_rest.envelope import Envelope, LocalKms, decrypt, encrypt

# In production this comes from the secrets manager or the KMS (an HMAC key that never leaves it).
INDEX_KEY = secrets.token_bytes(32)


def canonical_iban(iban: str) -> str:
    """One spelling per account: no spaces, upper case (IBANs are written in groups of four for people)."""
    return "".join(iban.split()).upper()


def blind_index(iban: str) -> bytes:
    return hmac.new(INDEX_KEY, canonical_iban(iban).encode(), hashlib.sha256).digest()


def record_id(customer_id: int) -> str:
    return f"payouts:customer:{customer_id}"  # associated data: a row's ciphertext only opens in that row


def create_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE payouts (customer_id INTEGER PRIMARY KEY, kek_id TEXT NOT NULL, wrapped_key BLOB NOT NULL,"
        " nonce BLOB NOT NULL, ciphertext BLOB NOT NULL, iban_index BLOB NOT NULL)"
    )
    conn.execute("CREATE INDEX payouts_by_iban ON payouts (iban_index)")


def store_iban(conn: sqlite3.Connection, kms: LocalKms, customer_id: int, iban: str) -> None:
    sealed = encrypt(kms, canonical_iban(iban).encode(), record_id(customer_id))
    conn.execute(
        "INSERT OR REPLACE INTO payouts VALUES (?, ?, ?, ?, ?, ?)",
        (customer_id, sealed.kek_id, sealed.wrapped_key, sealed.nonce, sealed.ciphertext, blind_index(iban)),
    )


def read_iban(conn: sqlite3.Connection, kms: LocalKms, customer_id: int) -> str:
    row = conn.execute(
        "SELECT kek_id, wrapped_key, nonce, ciphertext FROM payouts WHERE customer_id = ?", (customer_id,)
    ).fetchone()
    if row is None:
        raise KeyError(customer_id)
    return decrypt(kms, Envelope(*row), record_id(customer_id)).decode()  # InvalidTag if moved or altered


def customers_with_iban(conn: sqlite3.Connection, kms: LocalKms, iban: str) -> list[int]:
    rows = conn.execute(
        "SELECT customer_id FROM payouts WHERE iban_index = ? ORDER BY customer_id", (blind_index(iban),)
    )
    return [customer_id for (customer_id,) in rows]
