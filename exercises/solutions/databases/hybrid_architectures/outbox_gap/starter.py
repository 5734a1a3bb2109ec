"""Reference solution: remember what was published, row by row, instead of how far the relay got.

Sequence numbers are handed out when a row is inserted, but rows become visible when their transaction
commits, which can be in another order: a high-water mark steps over a row that commits late. Selecting rows
that are still unpublished finds it on the next run. FOR UPDATE SKIP LOCKED lets a second relay take other
rows instead of the ones the first is delivering, and marking them in the same transaction makes the mark and
the delivery commit together. A crash after delivering and before committing delivers those events again:
the consumer must still be idempotent (at least once).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg

BATCH = 100


def relay_once(conn: psycopg.Connection, deliver: Callable[[dict[str, Any]], None]) -> int:
    """Deliver the events that are ready; return how many were delivered."""
    rows = conn.execute(
        """
        SELECT seq, payload FROM outbox
        WHERE published_at IS NULL
        ORDER BY seq
        LIMIT %s
        FOR UPDATE SKIP LOCKED
        """,
        (BATCH,),
    ).fetchall()
    for seq, payload in rows:
        deliver(payload)
        conn.execute("UPDATE outbox SET published_at = now() WHERE seq = %s", (seq,))
    conn.commit()
    return len(rows)
