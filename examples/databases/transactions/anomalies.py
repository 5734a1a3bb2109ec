"""Isolation anomalies reproduced on a real PostgreSQL server with two connections.

Each function plays two transactions, T1 and T2, step by step in a fixed interleaving, so the
outcome is deterministic. The `isolation` argument is the level both transactions run at.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import psycopg
from psycopg import errors
from psycopg.abc import Query

IsolationLevel = psycopg.IsolationLevel
T = TypeVar("T")


def connect(url: str, isolation: IsolationLevel) -> psycopg.Connection:
    conn = psycopg.connect(url)
    conn.isolation_level = isolation
    return conn


def one(conn: psycopg.Connection, sql: Query, params: tuple[object, ...] = ()) -> Any:
    row = conn.execute(sql, params).fetchone()
    assert row is not None
    return row[0]


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
    with psycopg.connect(url) as conn:
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
    with psycopg.connect(url) as conn:
        return one(conn, count)


# --8<-- [end:write_skew]


# --8<-- [start:retry]
def run_with_retry(url: str, work: Callable[[psycopg.Connection], T], attempts: int = 5) -> T:
    """Run `work` in a SERIALIZABLE transaction, retrying when PostgreSQL reports a serialization failure."""
    for attempt in range(1, attempts + 1):
        with connect(url, IsolationLevel.SERIALIZABLE) as conn:
            try:
                result = work(conn)
                conn.commit()
                return result
            except errors.SerializationFailure:
                conn.rollback()
                if attempt == attempts:
                    raise
    raise AssertionError("unreachable")


# --8<-- [end:retry]


# --8<-- [start:row_lock]
def increment_with_row_lock(url: str) -> tuple[object, bool]:
    """T1 locks the row with SELECT ... FOR UPDATE; T2 must wait for T1 to finish before it can read.

    Returns the final balance and whether T2 was observed waiting on T1's lock.
    """
    setup(url)
    t2_done = threading.Event()

    def second_transaction() -> None:
        with psycopg.connect(url) as t2:
            balance = one(t2, "SELECT balance FROM accounts WHERE id = 'alice' FOR UPDATE")
            t2.execute("UPDATE accounts SET balance = %s WHERE id = 'alice'", (int(balance) + 10,))
            t2.commit()
        t2_done.set()

    with psycopg.connect(url) as t1:
        balance = one(t1, "SELECT balance FROM accounts WHERE id = 'alice' FOR UPDATE")
        worker = threading.Thread(target=second_transaction)
        worker.start()
        t2_blocked = not t2_done.wait(timeout=0.5)
        t1.execute("UPDATE accounts SET balance = %s WHERE id = 'alice'", (int(balance) + 10,))
        t1.commit()
    worker.join(timeout=10)
    with psycopg.connect(url) as conn:
        return one(conn, "SELECT balance FROM accounts WHERE id = 'alice'"), t2_blocked


# --8<-- [end:row_lock]


# --8<-- [start:mvcc]
def mvcc_versions(url: str) -> dict[str, object]:
    """An UPDATE writes a new row version; a snapshot taken earlier keeps reading the old one."""
    setup(url)
    with connect(url, IsolationLevel.REPEATABLE_READ) as reader, psycopg.connect(url) as writer:
        before = reader.execute("SELECT ctid::text, xmin::text, balance FROM accounts WHERE id = 'alice'").fetchone()
        writer.execute("UPDATE accounts SET balance = 70 WHERE id = 'alice'")
        writer.commit()
        after = writer.execute("SELECT ctid::text, xmin::text, balance FROM accounts WHERE id = 'alice'").fetchone()
        still_seen = one(reader, "SELECT balance FROM accounts WHERE id = 'alice'")
        reader.commit()
    assert before is not None and after is not None
    return {"before": before, "after": after, "old_snapshot_sees": still_seen}


# --8<-- [end:mvcc]
