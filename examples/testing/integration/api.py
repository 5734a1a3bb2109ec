"""An HTTP API over the repository; end-to-end tests drive it through HTTP only."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel, Field

from examples.testing.integration.repository import AccountRepository, InsufficientFunds, UnknownAccount, connect

app = FastAPI()


class NewAccount(BaseModel):
    email: str
    balance_cents: int = Field(default=0, ge=0)  # else the CHECK's IntegrityError would read as a duplicate


class Transfer(BaseModel):
    source: int
    target: int
    amount_cents: int


# --8<-- [start:api]
def get_db() -> Iterator[sqlite3.Connection]:
    conn = connect("bank.db")  # production path; tests override this dependency
    try:
        yield conn
    finally:
        conn.close()


def get_repo(conn: Annotated[sqlite3.Connection, Depends(get_db)]) -> AccountRepository:
    return AccountRepository(conn)


Repo = Annotated[AccountRepository, Depends(get_repo)]  # FastAPI builds one per request


@app.post("/accounts", status_code=201)
def open_account(body: NewAccount, repo: Repo) -> dict[str, int | str]:
    try:
        account = repo.open(body.email, body.balance_cents)
    except sqlite3.IntegrityError:
        raise HTTPException(409, "an account with this email exists") from None
    return {"id": account.id, "email": account.email, "balance_cents": account.balance_cents}


@app.get("/accounts/{account_id}")
def read_account(account_id: int, repo: Repo) -> dict[str, int | str]:
    account = repo.get(account_id)
    if account is None:
        raise HTTPException(404, "no such account")
    return {"id": account.id, "email": account.email, "balance_cents": account.balance_cents}


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


# --8<-- [end:api]
