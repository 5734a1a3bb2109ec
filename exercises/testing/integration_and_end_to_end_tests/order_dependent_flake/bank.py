"""The accounts API the tests in this exercise drive: the code under test. It is correct; leave it as it is.

`app` is shared by every test that imports it; tests point it at a database of their own by overriding the
`get_db` dependency (app.dependency_overrides), as the lesson's end-to-end tests do.
"""

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
            with self.conn:
                credited = self.conn.execute(
                    "UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = ?", (amount_cents, target)
                )
                debited = self.conn.execute(
                    "UPDATE accounts SET balance_cents = balance_cents - ? WHERE id = ?", (amount_cents, source)
                )
                if credited.rowcount != 1 or debited.rowcount != 1:
                    raise UnknownAccount(f"no account {target if credited.rowcount != 1 else source}")
        except sqlite3.IntegrityError as error:
            raise InsufficientFunds(str(error)) from error


def get_db() -> Iterator[sqlite3.Connection]:
    conn = connect("bank.db")  # production path; tests override this dependency
    try:
        yield conn
    finally:
        conn.close()


def get_repo(conn: Annotated[sqlite3.Connection, Depends(get_db)]) -> AccountRepository:
    return AccountRepository(conn)


Repo = Annotated[AccountRepository, Depends(get_repo)]
app = FastAPI()


class NewAccount(BaseModel):
    email: str
    balance_cents: int = Field(default=0, ge=0)


class Transfer(BaseModel):
    source: int
    target: int
    amount_cents: int


@app.post("/accounts", status_code=201)
def open_account(body: NewAccount, repo: Repo) -> Account:
    try:
        return repo.open(body.email, body.balance_cents)
    except sqlite3.IntegrityError:
        raise HTTPException(409, "an account with this email exists") from None


@app.get("/accounts/{account_id}")
def read_account(account_id: int, repo: Repo) -> Account:
    account = repo.get(account_id)
    if account is None:
        raise HTTPException(404, "no such account")
    return account


@app.post("/transfers", status_code=204)
def transfer(body: Transfer, repo: Repo) -> None:
    try:
        repo.transfer(body.source, body.target, body.amount_cents)
    except InsufficientFunds:
        raise HTTPException(409, "insufficient funds") from None
    except UnknownAccount as error:
        raise HTTPException(404, str(error)) from None
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
