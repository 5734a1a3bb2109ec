"""Exercise: the invoice list shows everybody's invoices.

Symptom: the new "My invoices" page calls `GET /invoices?limit=20`. A customer with three invoices saw twenty,
with other companies' names and amounts. `GET /invoices/{id}` has always checked ownership; the list endpoint,
added later, never did (BOLA in a collection, API1:2023).

Diagnose it with the check (`make exercise ID=security/authentication_and_access_control/list_scope`), then make
the list return only invoices the caller may read, page by page (`limit`, and `after` = the last id of the
previous page). Put the rule in the query, so the database returns only the caller's rows; filtering a page
after it was fetched gives customers empty pages, and fetching every row to filter in Python reads the whole
table on every call. Keep `create_app`, `create_database` and `User`: the check uses them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request


@dataclass(frozen=True)
class User:
    id: int
    roles: frozenset[str]


def can_read_any(user: User) -> bool:
    return "accountant" in user.roles


def create_database() -> sqlite3.Connection:
    """An in-memory database with the invoices table; the check fills it."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL, amount_cents INTEGER)")
    return db


def current_user(request: Request) -> User:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    user = request.app.state.users.get(token) if scheme.lower() == "bearer" else None
    if user is None:
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return user


def create_app(db: sqlite3.Connection, users: dict[str, User]) -> FastAPI:
    """`users` maps bearer tokens to users."""
    app = FastAPI()
    app.state.users = users

    @app.get("/invoices/{invoice_id}")
    def read_invoice(invoice_id: int, user: Annotated[User, Depends(current_user)]) -> dict[str, Any]:
        row = db.execute("SELECT id, owner_id, amount_cents FROM invoices WHERE id = ?", (invoice_id,)).fetchone()
        if row is None or not (can_read_any(user) or row["owner_id"] == user.id):
            raise HTTPException(status_code=404)
        return dict(row)

    @app.get("/invoices")
    def list_invoices(
        user: Annotated[User, Depends(current_user)],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        after: int = 0,
    ) -> list[dict[str, Any]]:
        rows = db.execute(
            "SELECT id, owner_id, amount_cents FROM invoices WHERE id > ? ORDER BY id LIMIT ?", (after, limit)
        )
        return [dict(row) for row in rows]

    return app
