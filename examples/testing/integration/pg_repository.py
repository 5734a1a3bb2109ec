"""The same account repository on PostgreSQL with psycopg 3, for integration tests against the real engine."""

from __future__ import annotations

import psycopg

from examples.testing.integration.repository import Account, InsufficientFunds, UnknownAccount

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    balance_cents BIGINT NOT NULL CHECK (balance_cents >= 0)
);
"""


def connect(url: str) -> psycopg.Connection:
    conn = psycopg.connect(url, autocommit=True)  # explicit transactions below, nothing left open by accident
    conn.execute(SCHEMA)
    return conn


# --8<-- [start:pg_repository]
class PgAccountRepository:
    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def open(self, email: str, balance_cents: int = 0) -> Account:
        row = self.conn.execute(
            "INSERT INTO accounts (email, balance_cents) VALUES (%s, %s) RETURNING id",
            (email.lower(), balance_cents),
        ).fetchone()
        assert row is not None
        return Account(row[0], email.lower(), balance_cents)

    def get(self, account_id: int) -> Account | None:
        row = self.conn.execute("SELECT id, email, balance_cents FROM accounts WHERE id = %s", (account_id,)).fetchone()
        return Account(*row) if row else None

    def transfer(self, source: int, target: int, amount_cents: int) -> None:
        if amount_cents <= 0:
            raise ValueError("amount must be positive")
        try:
            with self.conn.transaction():  # BEGIN ... COMMIT, or ROLLBACK if the block raises
                credited = self.conn.execute(
                    "UPDATE accounts SET balance_cents = balance_cents + %s WHERE id = %s", (amount_cents, target)
                )
                debited = self.conn.execute(
                    "UPDATE accounts SET balance_cents = balance_cents - %s WHERE id = %s", (amount_cents, source)
                )
                if credited.rowcount != 1 or debited.rowcount != 1:  # no such account: roll both back
                    raise UnknownAccount(f"no account {target if credited.rowcount != 1 else source}")
        except psycopg.errors.CheckViolation as error:
            raise InsufficientFunds(str(error)) from error


# --8<-- [end:pg_repository]
