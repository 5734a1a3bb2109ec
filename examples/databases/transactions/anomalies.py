"""Isolation anomalies reproduced on a real PostgreSQL server with two connections.

Each function plays two transactions, T1 and T2, step by step in a fixed interleaving, so the
outcome is deterministic. The `isolation` argument is the level both transactions run at.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

import psycopg

from examples.databases.transactions.sessions import (
    IsolationLevel,
    connect,
    in_background,
    one,
    wait_until_blocked,
)

T = TypeVar("T")


def setup(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            """
            DROP TABLE IF EXISTS accounts, doctors;
            CREATE TABLE accounts (id text PRIMARY KEY, balance integer NOT NULL);
            INSERT INTO accounts VALUES ('alice', 100);
            CREATE TABLE doctors (name text PRIMARY KEY, on_call boolean NOT NULL);
            INSERT INTO doctors VALUES ('ana', true), ('ben', true);
            """
        )


# --8<-- [start:nonrepeatable]
def nonrepeatable_read(url: str, isolation: IsolationLevel) -> tuple[object, object]:
    """T1 reads a balance twice; T2 changes it and commits in between. Returns T1's two readings."""
    setup(url)
    with connect(url, isolation) as t1, connect(url, isolation) as t2:
        first = one(t1, "SELECT balance FROM accounts WHERE id = 'alice'")
        t2.execute("UPDATE accounts SET balance = 50 WHERE id = 'alice'")
        t2.commit()
        second = one(t1, "SELECT balance FROM accounts WHERE id = 'alice'")
        t1.commit()
    return first, second


# --8<-- [end:nonrepeatable]


# --8<-- [start:lost_update]
def lost_update(url: str, isolation: IsolationLevel) -> object:
    """Both transactions read the balance, add 10 in Python and write it back. Returns the final balance."""
    setup(url)
    with connect(url, isolation) as t1, connect(url, isolation) as t2:
        seen_by_t1 = one(t1, "SELECT balance FROM accounts WHERE id = 'alice'")
        seen_by_t2 = one(t2, "SELECT balance FROM accounts WHERE id = 'alice'")
        t1.execute("UPDATE accounts SET balance = %s WHERE id = 'alice'", (int(seen_by_t1) + 10,))
        t1.commit()
        # At READ COMMITTED this overwrites T1's committed change; at REPEATABLE READ it raises SerializationFailure.
        t2.execute("UPDATE accounts SET balance = %s WHERE id = 'alice'", (int(seen_by_t2) + 10,))
        t2.commit()
    with connect(url) as conn:
        return one(conn, "SELECT balance FROM accounts WHERE id = 'alice'")


# --8<-- [end:lost_update]


# --8<-- [start:write_skew]
def write_skew(url: str, isolation: IsolationLevel) -> object:
    """Rule: at least one doctor stays on call. Each doctor checks the rule, then goes off call.

    The two transactions update *different* rows, so no row lock or write conflict stops them.
    Returns how many doctors are still on call.
    """
    setup(url)
    with connect(url, isolation) as t1, connect(url, isolation) as t2:
        count = "SELECT count(*) FROM doctors WHERE on_call"
        if int(one(t1, count)) >= 2:
            t1.execute("UPDATE doctors SET on_call = false WHERE name = 'ana'")
        if int(one(t2, count)) >= 2:
            t2.execute("UPDATE doctors SET on_call = false WHERE name = 'ben'")
        t1.commit()
        t2.commit()  # SERIALIZABLE detects the read/write dependency cycle and fails here
    with connect(url) as conn:
        return one(conn, count)


# --8<-- [end:write_skew]


# --8<-- [start:retry]
# serialization_failure and deadlock_detected: the transaction was rolled back and may succeed if run again.
RETRYABLE = frozenset({"40001", "40P01"})


def backoff_delay(attempt: int, base: float, cap: float, rand: Callable[[], float] = random.random) -> float:
    """Capped exponential backoff with full jitter: uniform in [0, min(cap, base * 2**(attempt - 1)))."""
    return rand() * min(cap, base * 2 ** (attempt - 1))


def run_with_retry(
    url: str,
    work: Callable[[psycopg.Connection], T],
    *,
    isolation: IsolationLevel = IsolationLevel.SERIALIZABLE,
    attempts: int = 5,
    base_delay: float = 0.01,
    max_delay: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
    rand: Callable[[], float] = random.random,
    on_retry: Callable[[int, psycopg.Error, float], None] | None = None,
) -> T:
    """Run `work` in a transaction and commit it. On a serialization failure or a deadlock, wait and run the
    whole of `work` again, reads included, in a new transaction. Any other error is raised at once."""
    for attempt in range(1, attempts + 1):
        try:
            with connect(url, isolation) as conn:  # leaving the block on an error rolls back and closes
                result = work(conn)
                conn.commit()  # a serialization failure can also come from COMMIT itself
            return result
        except psycopg.Error as error:
            if error.sqlstate not in RETRYABLE or attempt == attempts:
                raise
            delay = backoff_delay(attempt, base_delay, max_delay, rand)
            if on_retry is not None:
                on_retry(attempt, error, delay)
            sleep(delay)
    raise ValueError("attempts must be at least 1")


# --8<-- [end:retry]


# --8<-- [start:row_lock]
def increment_with_row_lock(url: str) -> tuple[object, bool]:
    """T1 locks the row with SELECT ... FOR UPDATE; T2 asks for the same lock and waits until T1 commits.

    Returns the final balance and whether the server reported T2 waiting for T1 (pg_blocking_pids).
    """
    setup(url)
    with connect(url) as t1, connect(url) as t2:
        balance = one(t1, "SELECT balance FROM accounts WHERE id = 'alice' FOR UPDATE")

        def second_transaction() -> None:
            locked = one(t2, "SELECT balance FROM accounts WHERE id = 'alice' FOR UPDATE")  # waits for T1
            t2.execute("UPDATE accounts SET balance = %s WHERE id = 'alice'", (int(locked) + 10,))
            t2.commit()

        t2_done = in_background(second_transaction)
        t2_waited_for_t1 = wait_until_blocked(url, t2.info.backend_pid) == [t1.info.backend_pid]
        t1.execute("UPDATE accounts SET balance = %s WHERE id = 'alice'", (int(balance) + 10,))
        t1.commit()
        t2_done.result(timeout=10)  # once the lock was free, T2 read 110: T1's committed balance
    with connect(url) as conn:
        return one(conn, "SELECT balance FROM accounts WHERE id = 'alice'"), t2_waited_for_t1


# --8<-- [end:row_lock]


# --8<-- [start:mvcc]
def mvcc_versions(url: str) -> dict[str, object]:
    """An UPDATE writes a new row version; a snapshot taken earlier keeps reading the old one."""
    setup(url)
    with connect(url, IsolationLevel.REPEATABLE_READ) as reader, connect(url) as writer:
        before = reader.execute("SELECT ctid::text, xmin::text, balance FROM accounts WHERE id = 'alice'").fetchone()
        writer.execute("UPDATE accounts SET balance = 70 WHERE id = 'alice'")
        writer.commit()
        after = writer.execute("SELECT ctid::text, xmin::text, balance FROM accounts WHERE id = 'alice'").fetchone()
        still_seen = one(reader, "SELECT balance FROM accounts WHERE id = 'alice'")
        reader.commit()
    assert before is not None and after is not None
    return {"before": before, "after": after, "old_snapshot_sees": still_seen}


# --8<-- [end:mvcc]
