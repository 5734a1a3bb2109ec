"""Two-phase commit on PostgreSQL: PREPARE TRANSACTION, COMMIT PREPARED and the setting that gates them."""

from __future__ import annotations

import psycopg
from psycopg import sql

from examples.databases.transactions.sessions import one


def setup(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            """
            DROP TABLE IF EXISTS ledger;
            CREATE TABLE ledger (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, entry text NOT NULL);
            """
        )


def prepared_transactions_allowed(url: str) -> int:
    """max_prepared_transactions: 0 (the default) means PREPARE TRANSACTION is refused."""
    with psycopg.connect(url) as conn:
        return int(one(conn, "SHOW max_prepared_transactions"))


# --8<-- [start:prepare]
def prepare(url: str, gid: str, entry: str) -> None:
    """Phase one on one participant: do the work, then PREPARE instead of COMMIT.

    After PREPARE TRANSACTION the work is on disk and survives a crash, the locks stay held, and the
    session is free: the transaction no longer belongs to it but to the global id `gid`.
    """
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("BEGIN")
        conn.execute("INSERT INTO ledger (entry) VALUES (%s)", (entry,))
        # PREPARE TRANSACTION is a utility statement: the id goes in as a quoted literal, not a bound parameter
        conn.execute(sql.SQL("PREPARE TRANSACTION {}").format(sql.Literal(gid)))


def finish(url: str, gid: str, *, commit: bool) -> None:
    """Phase two, from any session, even after a restart: the coordinator's decision for `gid`."""
    with psycopg.connect(url, autocommit=True) as conn:
        decision = "COMMIT PREPARED {}" if commit else "ROLLBACK PREPARED {}"
        conn.execute(sql.SQL(decision).format(sql.Literal(gid)))


def in_doubt(url: str) -> list[str]:
    """Prepared transactions still waiting for a decision: each one holds its locks until it gets one."""
    with psycopg.connect(url) as conn:
        return [row[0] for row in conn.execute("SELECT gid FROM pg_prepared_xacts ORDER BY prepared")]


# --8<-- [end:prepare]
