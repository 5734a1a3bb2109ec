"""A reference solution: the statement line is written inside the transaction that moves the money, after both
updates, so a bounced transfer leaves nothing behind and a line that cannot be written moves no money."""

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel, Field

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0)
);
CREATE TABLE IF NOT EXISTS transfers (
    id INTEGER PRIMARY KEY,
    source INTEGER NOT NULL,
    target INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0)
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


@dataclass
class StatementLine:
    id: int
    source: int
    target: int
    amount_cents: int


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.executescript(SCHEMA)
    return conn


class AccountRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def open(self, email: str, balance_cents: int = 0) -> Account:
        with self.conn:
            cursor = self.conn.execute(
                "INSERT INTO accounts (email, balance_cents) VALUES (?, ?)", (email.lower(), balance_cents)
            )
        return Account(int(cursor.lastrowid or 0), email.lower(), balance_cents)

    def get(self, account_id: int) -> Account | None:
        row = self.conn.execute("SELECT id, email, balance_cents FROM accounts WHERE id = ?", (account_id,)).fetchone()
        return Account(*row) if row else None

    def transfer(self, source: int, target: int, amount_cents: int) -> None:
        if amount_cents <= 0:
            raise ValueError("amount must be positive")
        try:
            with self.conn:  # one transaction: both balances and the statement line commit or roll back together
                credited = self.conn.execute(
                    "UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = ?", (amount_cents, target)
                )
                debited = self.conn.execute(
                    "UPDATE accounts SET balance_cents = balance_cents - ? WHERE id = ?", (amount_cents, source)
                )
                if credited.rowcount != 1 or debited.rowcount != 1:
                    raise UnknownAccount(f"no account {target if credited.rowcount != 1 else source}")
                self.conn.execute(
                    "INSERT INTO transfers (source, target, amount_cents) VALUES (?, ?, ?)",
                    (source, target, amount_cents),
                )
        except sqlite3.IntegrityError as error:
            raise InsufficientFunds(str(error)) from error

    def statement(self, account_id: int) -> list[StatementLine]:
        rows = self.conn.execute(
            "SELECT id, source, target, amount_cents FROM transfers WHERE ? IN (source, target) ORDER BY id",
            (account_id,),
        ).fetchall()
        return [StatementLine(*row) for row in rows]


class NewAccount(BaseModel):
    email: str
    balance_cents: int = Field(default=0, ge=0)


class Transfer(BaseModel):
    source: int
    target: int
    amount_cents: int


def create_app(db_path: str) -> FastAPI:
    # No `from __future__ import annotations` in this module: FastAPI reads the route annotations at runtime,
    # and the local alias repo_dependency would not resolve from a string.
    app = FastAPI()

    def get_repo() -> Iterator[AccountRepository]:
        conn = connect(db_path)
        try:
            yield AccountRepository(conn)
        finally:
            conn.close()

    repo_dependency = Annotated[AccountRepository, Depends(get_repo)]

    @app.post("/accounts", status_code=201)
    def open_account(body: NewAccount, repo: repo_dependency) -> Account:
        try:
            return repo.open(body.email, body.balance_cents)
        except sqlite3.IntegrityError:
            raise HTTPException(409, "an account with this email exists") from None

    @app.get("/accounts/{account_id}")
    def read_account(account_id: int, repo: repo_dependency) -> Account:
        account = repo.get(account_id)
        if account is None:
            raise HTTPException(404, "no such account")
        return account

    @app.get("/accounts/{account_id}/transfers")
    def read_statement(account_id: int, repo: repo_dependency) -> list[StatementLine]:
        if repo.get(account_id) is None:
            raise HTTPException(404, "no such account")
        return repo.statement(account_id)

    @app.post("/transfers", status_code=204)
    def transfer(body: Transfer, repo: repo_dependency) -> None:
        try:
            repo.transfer(body.source, body.target, body.amount_cents)
        except InsufficientFunds:
            raise HTTPException(409, "insufficient funds") from None
        except UnknownAccount as error:
            raise HTTPException(404, str(error)) from None
        except ValueError as error:
            raise HTTPException(422, str(error)) from None

    return app
