"""Exercise: a family's two accounts overdrawn at payday.

Symptom: a customer's checking and savings accounts share one rule: together they may never go below
zero (either one alone may). Each withdrawal checks the combined balance first, yet on busy days support
finds customers whose two accounts add up to less than zero. Every overdraft shows two withdrawals from
the two different accounts within the same few milliseconds.

Diagnose it with the check (`make exercise ID=databases/transactions/retry_contention`): it runs
withdrawals that overlap, then twenty at once. Then make `withdraw` keep the rule under any interleaving by
running it at SERIALIZABLE and retrying serialization failures (40001) and deadlocks (40P01) with backoff,
from the first read, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg


def withdraw(
    url: str, account: str, cents: int, between: Callable[[psycopg.Connection], None] = lambda conn: None
) -> bool:
    """Take `cents` from `account` if the customer's accounts together still cover it. Returns whether it did.

    `between` is the check's hook: it runs on your connection after the read and before the write.
    """
    with psycopg.connect(url) as conn:  # commits when the block ends
        total = conn.execute("SELECT sum(balance_cents) FROM accounts").fetchone()[0]
        between(conn)
        if total < cents:
            return False
        conn.execute("UPDATE accounts SET balance_cents = balance_cents - %s WHERE id = %s", (cents, account))
        return True
