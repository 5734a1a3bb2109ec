"""Exercise: the key rotation that ran all night.

Symptom: the yearly KEK rotation re-encrypted all 40 million rows of the payouts table, ran for nine hours, filled
the write-ahead log, and then stopped at one row whose wrapped key had been corrupted by an old bug: everything
after that row was still under the old key, and the job had to be rerun from the start. The runbook says
rotation "only re-wraps data keys"; the job never did that.

Diagnose it with the check (`make exercise ID=security/encryption_at_rest/rotate_all`), then make `rotate_all`
re-wrap each row's data key under the new KEK without touching the ciphertext (the lesson's `envelope.rewrap`),
carry on past rows it cannot re-wrap and return their customer ids, and retire the old KEK only when no row still
uses it. The table has columns customer_id, kek_id, wrapped_key, nonce and ciphertext; each row's associated data
is `record_id(customer_id)`.
"""

from __future__ import annotations

import sqlite3

from examples.security.at_rest.envelope import Envelope, LocalKms, decrypt, encrypt


def record_id(customer_id: int) -> str:
    return f"payouts:customer:{customer_id}"


def rotate_all(conn: sqlite3.Connection, kms: LocalKms) -> list[int]:
    """Move every row to a new KEK; return the customer ids that could not be moved."""
    old_kek = kms.current_id
    kms.rotate()
    rows = conn.execute("SELECT customer_id, kek_id, wrapped_key, nonce, ciphertext FROM payouts").fetchall()
    for customer_id, *fields in rows:
        plaintext = decrypt(kms, Envelope(*fields), record_id(customer_id))
        sealed = encrypt(kms, plaintext, record_id(customer_id))  # a new data key and a new ciphertext
        conn.execute(
            "UPDATE payouts SET kek_id = ?, wrapped_key = ?, nonce = ?, ciphertext = ? WHERE customer_id = ?",
            (sealed.kek_id, sealed.wrapped_key, sealed.nonce, sealed.ciphertext, customer_id),
        )
    conn.commit()
    kms.retire(old_kek)
    return []
