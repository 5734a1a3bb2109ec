"""Exercise: the table that grows all night.

Symptom: every night from 01:00 the `orders` table and its indexes grow, queries on it slow down, and
autovacuum runs again and again without shrinking the count of dead rows (`n_dead_tup` in
`pg_stat_user_tables`). At 01:00 the nightly export starts: it reads the orders in one consistent snapshot,
then uploads them to a partner's slow API, which can take minutes.

Diagnose it with the check (`make exercise ID=databases/transactions/idle_transaction`):
1. `sessions_holding_back_vacuum` is the query the on-call engineer runs to find the culprit. It only looks
   at sessions that are running a query, so it finds nothing while the export waits. Make it name every
   session whose open transaction keeps VACUUM from removing dead rows, oldest transaction first.
2. Then fix `export_orders` so that it no longer holds a transaction open during the upload, and still
   uploads a consistent snapshot.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

Upload = Callable[[list[tuple[int, int]], int], None]


def sessions_holding_back_vacuum(conn: psycopg.Connection) -> list[int]:
    """The pids of the sessions whose open transaction stops VACUUM from removing dead rows."""
    rows = conn.execute(
        """
        SELECT pid FROM pg_stat_activity
        WHERE state = 'active' AND pid <> pg_backend_pid()
        ORDER BY query_start
        """
    ).fetchall()
    return [pid for (pid,) in rows]


def export_orders(url: str, upload: Upload, between: Callable[[], None] = lambda: None) -> int:
    """Read every order and their total from one snapshot, and upload them. Returns how many were sent.

    `between` is the check's hook: it runs between the two reads.
    """
    with psycopg.connect(url) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ  # both queries see the same orders
        orders = conn.execute("SELECT id, total_cents FROM orders ORDER BY id").fetchall()
        between()  # the check's hook: the shop takes an order here
        total = conn.execute("SELECT coalesce(sum(total_cents), 0) FROM orders").fetchone()[0]
        upload(orders, total)  # a slow HTTP call to the partner
    return len(orders)
