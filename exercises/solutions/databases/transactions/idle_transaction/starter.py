"""A reference solution.

A session holds back VACUUM when its transaction has a snapshot (`backend_xmin`: REPEATABLE READ or
SERIALIZABLE, an open cursor, or a query still running) or has written (`backend_xid`). An idle READ COMMITTED
transaction that has only read holds neither, so `state = 'idle in transaction'` alone is not the test. The
export keeps its consistent snapshot for the two reads only, and uploads after the transaction has ended.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

Upload = Callable[[list[tuple[int, int]], int], None]


def sessions_holding_back_vacuum(conn: psycopg.Connection) -> list[int]:
    rows = conn.execute(
        """
        SELECT pid FROM pg_stat_activity
        WHERE (backend_xmin IS NOT NULL OR backend_xid IS NOT NULL)
          AND pid <> pg_backend_pid()
        ORDER BY xact_start
        """
    ).fetchall()
    return [pid for (pid,) in rows]


def export_orders(url: str, upload: Upload, between: Callable[[], None] = lambda: None) -> int:
    with psycopg.connect(url) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.transaction():  # the snapshot lives for these two reads only
            orders = conn.execute("SELECT id, total_cents FROM orders ORDER BY id").fetchall()
            between()
            total = conn.execute("SELECT coalesce(sum(total_cents), 0) FROM orders").fetchone()[0]
    upload(orders, total)  # no transaction is open while we wait on the network
    return len(orders)
