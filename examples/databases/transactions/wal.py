"""Write-ahead logging made visible: how many bytes of WAL a write produces, logged and unlogged."""

from __future__ import annotations

import psycopg
from psycopg import sql

from examples.databases.transactions.sessions import one


def setup(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            """
            DROP TABLE IF EXISTS events_logged, events_unlogged;
            CREATE TABLE events_logged (id integer PRIMARY KEY, body text NOT NULL);
            -- UNLOGGED: no WAL for the rows, so no crash safety and no replicas (the table is emptied after a crash)
            CREATE UNLOGGED TABLE events_unlogged (id integer PRIMARY KEY, body text NOT NULL);
            """
        )


# --8<-- [start:wal]
def wal_bytes_for_insert(url: str, table: str, rows: int) -> int:
    """Bytes of write-ahead log that inserting `rows` rows into `table` and committing generates."""
    with psycopg.connect(url, autocommit=True) as conn:
        before = one(conn, "SELECT pg_current_wal_insert_lsn()")
        with conn.transaction():  # the rows, then the commit record, all go to the WAL first
            insert = "INSERT INTO {} (id, body) SELECT g, repeat('x', 100) FROM generate_series(1, %s) g"
            conn.execute(sql.SQL(insert).format(sql.Identifier(table)), (rows,))
        after = one(conn, "SELECT pg_current_wal_insert_lsn()")
        # An LSN is a byte position in the WAL stream: the difference is what this transaction wrote.
        return int(one(conn, "SELECT pg_wal_lsn_diff(%s, %s)", (after, before)))


# --8<-- [end:wal]
