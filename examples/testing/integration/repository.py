"""A repository over SQLite: the piece integration tests exercise against a real database."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0)
);
"""


class InsufficientFunds(Exception):
    pass


class UnknownAccount(Exception):
    pass


@dataclass
class Account:
    id: int
    email: str
    balance_cents: int


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(SCHEMA)
    return conn


# --8<-- [start:repository]
class AccountRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def open(self, email: str, balance_cents: int = 0) -> Account:
        with self.conn:  # commits on success, rolls back on an exception
            cursor = self.conn.execute(
                "INSERT INTO accounts (email, balance_cents) VALUES (?, ?)", (email.lower(), balance_cents)
            )
        return Account(int(cursor.lastrowid or 0), email.lower(), balance_cents)

    def get(self, account_id: int) -> Account | None:
        row = self.conn.execute("SELECT id, email, balance_cents FROM accounts WHERE id = ?", (account_id,)).fetchone()
        return Account(*row) if row else None

    def transfer(self, source: int, target: int, amount_cents: int) -> None:
        """Move money atomically: both updates happen, or neither does."""
        if amount_cents <= 0:
            raise ValueError("amount must be positive")
        try:
            with self.conn:
                credited = self.conn.execute(
                    "UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = ?", (amount_cents, target)
                )
                # The CHECK constraint, not Python, refuses a negative balance; the first update is rolled back.
                debited = self.conn.execute(
                    "UPDATE accounts SET balance_cents = balance_cents - ? WHERE id = ?", (amount_cents, source)
                )
                # An UPDATE that matches no row is not an error to SQL: without this, money would appear from
                # (or vanish into) an account that does not exist. Raising here rolls back both updates.
                if credited.rowcount != 1 or debited.rowcount != 1:
                    raise UnknownAccount(f"no account {target if credited.rowcount != 1 else source}")
        except sqlite3.IntegrityError as error:
            raise InsufficientFunds(str(error)) from error


# --8<-- [end:repository]
