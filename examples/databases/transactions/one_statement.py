"""What one statement does and does not guarantee at READ COMMITTED, shown with two sessions.

An UPDATE or DELETE that finds its target row locked by another transaction waits for it. When that
transaction commits, PostgreSQL re-checks the WHERE clause against the *new* version of that row only
(the executor calls this EvalPlanQual) and skips the row if it no longer matches. Rows are found with the
statement's snapshot, so a row that only starts to match because of the other transaction is never seen.
An INSERT has no row to wait for, so `INSERT ... SELECT ... WHERE NOT EXISTS` does not serialize at all.
"""

from __future__ import annotations

import psycopg

from examples.databases.transactions.sessions import (
    IsolationLevel,
    connect,
    in_background,
    one,
    wait_until_blocked,
)


def setup(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            """
            DROP TABLE IF EXISTS tickets, counters, users, members;
            CREATE TABLE tickets (id integer PRIMARY KEY, stock integer NOT NULL);
            INSERT INTO tickets VALUES (1, 1);
            CREATE TABLE counters (id integer PRIMARY KEY, hits integer NOT NULL);
            INSERT INTO counters VALUES (1, 9), (2, 10);
            CREATE TABLE users (name text NOT NULL);                -- no constraint: the race is possible
            CREATE TABLE members (name text NOT NULL UNIQUE);       -- the constraint closes it
            """
        )


# --8<-- [start:recheck]
SELL_ONE = "UPDATE tickets SET stock = stock - 1 WHERE id = 1 AND stock > 0"


def last_ticket_twice(url: str, isolation: IsolationLevel) -> tuple[int, int, int]:
    """Two buyers run the conditional UPDATE for the last ticket; T2's UPDATE waits for T1's row lock.

    Returns how many rows each UPDATE changed and the stock left. At READ COMMITTED, T2 re-checks
    `stock > 0` on the row version T1 committed and changes nothing; at REPEATABLE READ it fails instead.
    """
    setup(url)
    with connect(url, isolation) as t1, connect(url, isolation) as t2:
        sold_by_t1 = t1.execute(SELL_ONE).rowcount
        t2_update = in_background(lambda: t2.execute(SELL_ONE).rowcount)
        wait_until_blocked(url, t2.info.backend_pid)  # T2 found stock = 1 in its snapshot and waits for T1
        t1.commit()
        sold_by_t2 = t2_update.result(timeout=10)  # re-checked against stock = 0: no match
        t2.commit()
    with connect(url) as conn:
        return sold_by_t1, sold_by_t2, one(conn, "SELECT stock FROM tickets WHERE id = 1")


# --8<-- [end:recheck]


# --8<-- [start:recheck_gap]
def delete_misses_a_matching_row(url: str) -> tuple[int, list[tuple[int, int]]]:
    """T1 adds 1 to every counter (9 -> 10, 10 -> 11). T2 deletes the counters at 10 while T1 is open.

    T2's snapshot sees only row 2 at 10; after waiting for T1 it re-checks row 2 (now 11) and skips it.
    Row 1, which T1 moved to 10, was never a candidate. Returns rows deleted and the counters left.
    """
    setup(url)
    with connect(url) as t1, connect(url) as t2:
        t1.execute("UPDATE counters SET hits = hits + 1")
        t2_delete = in_background(lambda: t2.execute("DELETE FROM counters WHERE hits = 10").rowcount)
        wait_until_blocked(url, t2.info.backend_pid)
        t1.commit()
        deleted = t2_delete.result(timeout=10)
        t2.commit()
    with connect(url) as conn:
        return deleted, conn.execute("SELECT id, hits FROM counters ORDER BY id").fetchall()


# --8<-- [end:recheck_gap]


# --8<-- [start:insert_race]
INSERT_IF_ABSENT = """
    INSERT INTO users (name)
    SELECT %(name)s
    WHERE NOT EXISTS (SELECT 1 FROM users WHERE name = %(name)s)
"""


def insert_if_absent_twice(url: str, isolation: IsolationLevel) -> int:
    """Two sign-ups for the same name run one statement each, before either commits.

    Neither snapshot sees the other's uncommitted row, and there is no row to wait for, so both insert.
    Returns how many users have the name afterwards.
    """
    setup(url)
    with connect(url, isolation) as t1, connect(url, isolation) as t2:
        t1.execute(INSERT_IF_ABSENT, {"name": "ada"})
        t2.execute(INSERT_IF_ABSENT, {"name": "ada"})  # does not wait: nothing to lock
        t1.commit()
        t2.commit()  # SERIALIZABLE fails here: each read what the other then wrote
    with connect(url) as conn:
        return one(conn, "SELECT count(*) FROM users WHERE name = 'ada'")


# --8<-- [end:insert_race]


# --8<-- [start:on_conflict]
INSERT_OR_SKIP = "INSERT INTO members (name) VALUES (%(name)s) ON CONFLICT (name) DO NOTHING"


def insert_on_conflict_twice(url: str) -> tuple[int, int, int]:
    """The same two sign-ups against a UNIQUE constraint. T2's insert waits on the unique index for T1,
    then skips the row once T1 commits. Returns the rows each inserted and how many members have the name."""
    setup(url)
    with connect(url) as t1, connect(url) as t2:
        inserted_by_t1 = t1.execute(INSERT_OR_SKIP, {"name": "ada"}).rowcount
        t2_insert = in_background(lambda: t2.execute(INSERT_OR_SKIP, {"name": "ada"}).rowcount)
        wait_until_blocked(url, t2.info.backend_pid)  # T1 might still roll back: T2 waits to know
        t1.commit()
        inserted_by_t2 = t2_insert.result(timeout=10)
        t2.commit()
    with connect(url) as conn:
        return inserted_by_t1, inserted_by_t2, one(conn, "SELECT count(*) FROM members WHERE name = 'ada'")


# --8<-- [end:on_conflict]
