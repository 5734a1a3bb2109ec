"""A reference solution: one domain exception for a duplicate, raised by both stores; PostgreSQL in autocommit
mode with an explicit transaction where one is needed, so no statement leaves a transaction open or aborted."""

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


class DuplicateEmail(Exception):
    """An account with this email exists: what callers need to know, whichever database said it."""


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
        try:
            with self.conn:
                cursor = self.conn.execute("INSERT INTO accounts (email) VALUES (?)", (email.lower(),))
        except sqlite3.IntegrityError as error:
            raise DuplicateEmail(email.lower()) from error
        return Account(int(cursor.lastrowid or 0), email.lower())

    def get(self, account_id: int) -> Account | None:
        row = self.conn.execute("SELECT id, email FROM accounts WHERE id = ?", (account_id,)).fetchone()
        return Account(*row) if row else None


class PostgresAccounts:
    """One long-lived connection in autocommit mode: each statement is its own transaction, so a read never leaves
    one open, and a failed INSERT cannot leave the connection aborted for the next request."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def open(self, email: str) -> Account:
        try:
            row = self.conn.execute(
                "INSERT INTO accounts (email) VALUES (%s) RETURNING id", (email.lower(),)
            ).fetchone()
        except psycopg.errors.UniqueViolation as error:
            raise DuplicateEmail(email.lower()) from error
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
    conn = psycopg.connect(url, autocommit=True)
    conn.execute(POSTGRES_SCHEMA)
    return PostgresAccounts(conn)


class NewAccount(BaseModel):
    email: str


def create_app(accounts: Accounts) -> FastAPI:
    app = FastAPI()

    @app.post("/accounts", status_code=201)
    def open_account(body: NewAccount) -> Account:
        try:
            return accounts.open(body.email)
        except DuplicateEmail:
            raise HTTPException(409, "an account with this email exists") from None

    @app.get("/accounts/{account_id}")
    def read_account(account_id: int) -> Account:
        account = accounts.get(account_id)
        if account is None:
            raise HTTPException(404, "no such account")
        return account

    return app
