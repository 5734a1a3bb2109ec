"""Exercise: the user list that anyone can steer.

Symptom: the admin user list (`GET /users?sort=name&limit=20`) took the database down when a script asked for
`limit=5000000`; the access log also shows `sort=password_hash` (which returned the users ordered by their hash,
a gift to anyone comparing hashes) and `sort=(CASE WHEN ... THEN name ELSE created END)`, a probe that reads data
one bit at a time through the order of the rows.

Diagnose it with the check (`make exercise ID=security/input_validation/list_query`), then declare the query
parameters as an allow-list: `sort` is `name` or `created` (default `name`), `limit` an integer from 1 to 100
(default 20). Anything else is a 422 before a query runs. Keep `create_app(db)`.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from fastapi import FastAPI


def create_database() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, created TEXT, password_hash TEXT)")
    return db


def create_app(db: sqlite3.Connection) -> FastAPI:
    app = FastAPI()

    @app.get("/users")
    def list_users(sort: str = "name", limit: int = 20) -> list[dict[str, Any]]:
        # Column names cannot be bound parameters, so the sort column is formatted into the SQL.
        rows = db.execute(f"SELECT id, name, created FROM users ORDER BY {sort} LIMIT ?", (limit,))  # noqa: S608
        return [dict(row) for row in rows]

    return app
