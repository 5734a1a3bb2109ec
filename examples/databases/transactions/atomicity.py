"""Atomicity and consistency with SQLite: a transfer either happens completely or not at all."""

from __future__ import annotations

import sqlite3


def create_bank() -> sqlite3.Connection:
    # autocommit=False (Python 3.12+) would be the modern spelling; isolation_level=None plus explicit BEGIN
    # works on every supported Python and makes the transaction boundaries visible in the code.
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.executescript(
        """
        CREATE TABLE accounts (
            id TEXT PRIMARY KEY,
            balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0)
        );
        INSERT INTO accounts VALUES ('alice', 10000), ('bob', 500);
        """
    )
    return conn


# --8<-- [start:transfer]
def transfer(conn: sqlite3.Connection, source: str, target: str, cents: int) -> None:
    """Credit first, then debit: if the debit breaks the CHECK constraint, the credit is undone too."""
    conn.execute("BEGIN")
    try:
        conn.execute("UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = ?", (cents, target))
        conn.execute("UPDATE accounts SET balance_cents = balance_cents - ? WHERE id = ?", (cents, source))
    except sqlite3.IntegrityError:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# --8<-- [end:transfer]


def balances(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT id, balance_cents FROM accounts ORDER BY id"))
