"""A reference solution: the list query is scoped by owner in SQL, unless the caller may read every invoice.

Scoping the query (`WHERE owner_id = ?`) rather than filtering afterwards keeps pages full, reads only the rows it
returns, and cannot be forgotten by the next handler that reuses the data access function.
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


def invoices_visible_to(db: sqlite3.Connection, user: User, after: int, limit: int) -> list[sqlite3.Row]:
    """The data access layer decides scope: every caller of this function gets the same rule."""
    if can_read_any(user):
        sql, params = "SELECT id, owner_id, amount_cents FROM invoices WHERE id > ?", (after,)
    else:
        sql = "SELECT id, owner_id, amount_cents FROM invoices WHERE owner_id = ? AND id > ?"
        params = (user.id, after)
    return db.execute(sql + " ORDER BY id LIMIT ?", (*params, limit)).fetchall()


def create_app(db: sqlite3.Connection, users: dict[str, User]) -> FastAPI:
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
        return [dict(row) for row in invoices_visible_to(db, user, after, limit)]

    return app
