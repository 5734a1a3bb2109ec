"""A reference solution: re-wrap data keys row by row (the ciphertext is never read or written), keep going past
rows that fail, and retire the old KEK only when nothing references it.

Each row is committed on its own, so a crash leaves every finished row finished and a rerun picks up the rest; a
production job would commit in batches of a few thousand rows for the same effect at lower cost.
"""

from __future__ import annotations

import sqlite3

from cryptography.exceptions import InvalidTag

from examples.security.at_rest.envelope import Envelope, LocalKms, rewrap


def record_id(customer_id: int) -> str:
    return f"payouts:customer:{customer_id}"


def rotate_all(conn: sqlite3.Connection, kms: LocalKms) -> list[int]:
    new_kek = kms.rotate()
    failed: list[int] = []
    rows = conn.execute(
        "SELECT customer_id, kek_id, wrapped_key, nonce, ciphertext FROM payouts WHERE kek_id != ?", (new_kek,)
    ).fetchall()
    for customer_id, *fields in rows:
        try:
            moved = rewrap(kms, Envelope(*fields), record_id(customer_id))
        except (InvalidTag, KeyError):
            failed.append(customer_id)  # report it and carry on; it keeps its old KEK for now
            continue
        # Only the key columns change: the bulk ciphertext stays byte for byte what it was.
        conn.execute(
            "UPDATE payouts SET kek_id = ?, wrapped_key = ? WHERE customer_id = ?",
            (moved.kek_id, moved.wrapped_key, customer_id),
        )
        conn.commit()
    still_used = {kek for (kek,) in conn.execute("SELECT DISTINCT kek_id FROM payouts WHERE kek_id != ?", (new_kek,))}
    for old_kek in {fields[0] for _, *fields in rows} - still_used:
        kms.retire(old_kek)  # nothing needs it any more: destroying it also kills old copies in backups
    return failed
