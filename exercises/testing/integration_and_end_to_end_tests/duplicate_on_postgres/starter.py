"""Exercise: green on SQLite, down on PostgreSQL.

Symptom: the sign-up service runs on PostgreSQL in production; its tests run on SQLite, and all pass. After a
customer signed up twice with the same email, the second attempt got a 500 instead of 409, and from then on every
request failed with 500 until the pod restarted. The database dashboard also shows the service's connection
"idle in transaction" for hours.

Diagnose: run the check (`make exercise ID=testing/integration_and_end_to_end_tests/duplicate_on_postgres`); it
runs the same journey on SQLite and on a throwaway PostgreSQL. The API maps sqlite3.IntegrityError, which
PostgreSQL never raises, and psycopg opens a transaction on the first statement and keeps it open until a commit
or rollback, so a failed INSERT leaves the long-lived connection in an aborted transaction.
Fix: make both stores raise one exception of your own, `DuplicateEmail`, map that to 409, and let no statement on
PostgreSQL leave a transaction open or aborted. Verify: the check passes on both engines.
"""

import sqlite3
from dataclasses import dataclass
from typing import Protocol

import psycopg
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

SQLITE_SCHEMA = "CREATE TABLE IF NOT EXISTS accounts (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)"
POSTGRES_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email TEXT NOT NULL UNIQUE
)
"""


@dataclass
class Account:
    id: int
    email: str


class Accounts(Protocol):
    def open(self, email: str) -> Account: ...
    def get(self, account_id: int) -> Account | None: ...


class SqliteAccounts:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def open(self, email: str) -> Account:
        with self.conn:
            cursor = self.conn.execute("INSERT INTO accounts (email) VALUES (?)", (email.lower(),))
        return Account(int(cursor.lastrowid or 0), email.lower())

    def get(self, account_id: int) -> Account | None:
        row = self.conn.execute("SELECT id, email FROM accounts WHERE id = ?", (account_id,)).fetchone()
        return Account(*row) if row else None


class PostgresAccounts:
    """One long-lived connection, as the service holds it."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def open(self, email: str) -> Account:
        row = self.conn.execute("INSERT INTO accounts (email) VALUES (%s) RETURNING id", (email.lower(),)).fetchone()
        self.conn.commit()
        assert row is not None
        return Account(row[0], email.lower())

    def get(self, account_id: int) -> Account | None:
        row = self.conn.execute("SELECT id, email FROM accounts WHERE id = %s", (account_id,)).fetchone()
        return Account(*row) if row else None


def open_sqlite(path: str) -> SqliteAccounts:
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute(SQLITE_SCHEMA)
    return SqliteAccounts(conn)


def open_postgres(url: str) -> PostgresAccounts:
    conn = psycopg.connect(url)
    conn.execute(POSTGRES_SCHEMA)
    conn.commit()
    return PostgresAccounts(conn)


class NewAccount(BaseModel):
    email: str


def create_app(accounts: Accounts) -> FastAPI:
    app = FastAPI()

    @app.post("/accounts", status_code=201)
    def open_account(body: NewAccount) -> Account:
        try:
            return accounts.open(body.email)
        except sqlite3.IntegrityError:
            raise HTTPException(409, "an account with this email exists") from None

    @app.get("/accounts/{account_id}")
    def read_account(account_id: int) -> Account:
        account = accounts.get(account_id)
        if account is None:
            raise HTTPException(404, "no such account")
        return account

    return app
