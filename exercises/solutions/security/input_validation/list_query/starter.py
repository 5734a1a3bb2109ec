"""A reference solution: the query parameters are declared as an allow-list, and the SQL is chosen from a fixed
mapping, so no request text reaches the statement.
"""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query


def create_database() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, created TEXT, password_hash TEXT)")
    return db


# Validation decides which key is allowed; this table decides what SQL each key means. Even if a later change
# loosened the type, an unknown key would be a KeyError, never SQL.
ORDER_BY: dict[str, str] = {"name": "name, id", "created": "created, id"}


def create_app(db: sqlite3.Connection) -> FastAPI:
    app = FastAPI()

    @app.get("/users")
    def list_users(
        sort: Literal["name", "created"] = "name",
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> list[dict[str, Any]]:
        sql = f"SELECT id, name, created FROM users ORDER BY {ORDER_BY[sort]} LIMIT ?"  # noqa: S608 - fixed text
        return [dict(row) for row in db.execute(sql, (limit,))]

    return app
