"""A reference solution: the read and the write in one SERIALIZABLE transaction, rerun as a whole when
PostgreSQL reports a serialization failure or a deadlock (the lesson's run_with_retry: capped exponential
backoff with full jitter, any other error raised at once)."""

from __future__ import annotations

from collections.abc import Callable

import psycopg

from examples.databases.transactions.anomalies import run_with_retry


def withdraw(
    url: str, account: str, cents: int, between: Callable[[psycopg.Connection], None] = lambda conn: None
) -> bool:
    def attempt(conn: psycopg.Connection) -> bool:
        # Everything that decides what to write is inside the retried function: a retry reads again.
        total = conn.execute("SELECT sum(balance_cents) FROM accounts").fetchone()[0]
        between(conn)
        if total < cents:
            return False
        conn.execute("UPDATE accounts SET balance_cents = balance_cents - %s WHERE id = %s", (cents, account))
        return True

    # Twenty withdrawals that all read before any writes need more rounds than a quiet day: a budget of
    # 20 attempts with delays capped at 0.2 s still gives up within a few seconds if something is wrong.
    return run_with_retry(url, attempt, attempts=20, base_delay=0.005, max_delay=0.2)
