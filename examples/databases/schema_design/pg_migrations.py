"""What a schema change costs on PostgreSQL: which statements rewrite the table, which locks they take, and the
two-step patterns (NOT VALID, then VALIDATE) that keep writes flowing.

Runs against a real PostgreSQL server; the tests get a throwaway database from the `postgres_url` fixture.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

LOCK_NAMES = {
    "AccessShareLock": "ACCESS SHARE",
    "RowExclusiveLock": "ROW EXCLUSIVE",
    "ShareUpdateExclusiveLock": "SHARE UPDATE EXCLUSIVE",
    "ShareLock": "SHARE",
    "ShareRowExclusiveLock": "SHARE ROW EXCLUSIVE",
    "AccessExclusiveLock": "ACCESS EXCLUSIVE",
}


# --8<-- [start:probes]
def storage_file(conn: psycopg.Connection, table: str) -> int:
    """The table's file number: a statement that rewrites the table gives it a new file."""
    row = conn.execute("SELECT relfilenode FROM pg_class WHERE oid = %s::regclass", (table,)).fetchone()
    assert row is not None
    return row[0]


def rewrites(conn: psycopg.Connection, table: str, statement: str) -> bool:
    before = storage_file(conn, table)
    conn.execute(statement)
    return storage_file(conn, table) != before


def strongest_lock(conn: psycopg.Connection, table: str, statement: str) -> str:
    """Run the statement in a transaction, read the strongest lock it holds on the table, then roll back."""
    with conn.transaction(force_rollback=True):
        conn.execute(statement)
        modes = {
            mode
            for (mode,) in conn.execute(
                "SELECT mode FROM pg_locks WHERE relation = %s::regclass AND pid = pg_backend_pid()", (table,)
            )
        }
    order = list(LOCK_NAMES)
    return LOCK_NAMES[max(modes, key=order.index)]


# --8<-- [end:probes]


# --8<-- [start:not_null]
def set_not_null_without_a_long_lock(conn: psycopg.Connection, table: str, column: str) -> None:
    """SET NOT NULL alone scans the whole table under ACCESS EXCLUSIVE. A validated CHECK proves the same
    thing first, under a lock that lets writes through, and SET NOT NULL then skips its scan (PostgreSQL 12+)."""
    check = sql.Identifier(f"{table}_{column}_not_null")
    names = {"t": sql.Identifier(table), "c": sql.Identifier(column), "check": check}
    for statement in (
        "ALTER TABLE {t} ADD CONSTRAINT {check} CHECK ({c} IS NOT NULL) NOT VALID",  # brief: no scan
        "ALTER TABLE {t} VALIDATE CONSTRAINT {check}",  # scans, but writers keep going
        "ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL",  # brief: the valid CHECK already proves it
        "ALTER TABLE {t} DROP CONSTRAINT {check}",
    ):
        conn.execute(sql.SQL(statement).format(**names))


# --8<-- [end:not_null]
