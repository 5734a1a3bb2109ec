"""A reference solution: the export finds personal tables from the schema, so new tables are never missed."""

from __future__ import annotations

import json
import sqlite3

SCHEMA = """
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), total_cents INTEGER NOT NULL,
    shipping_address TEXT NOT NULL, placed_at TEXT NOT NULL
);
CREATE TABLE tickets (
    id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), body TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE newsletter_consents (
    user_id INTEGER NOT NULL REFERENCES users (id), given_at TEXT NOT NULL, notice_version TEXT NOT NULL
);
CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL);
"""


def rows(cursor: sqlite3.Cursor) -> list[dict[str, object]]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def subject_tables(conn: sqlite3.Connection) -> list[str]:
    """Every table with a user_id column, read from the schema at the time of the request."""
    names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [name for name in names if "user_id" in {col[1] for col in conn.execute(f'PRAGMA table_info("{name}")')}]


def export_subject(conn: sqlite3.Connection, user_id: int) -> str:
    """Everything we hold about one user, as JSON (GDPR Articles 15 and 20)."""
    export = {"users": rows(conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)))}
    for table in subject_tables(conn):
        # The table name comes from the schema, not from the request; the user id is a bound parameter.
        export[table] = rows(conn.execute(f'SELECT * FROM "{table}" WHERE user_id = ?', (user_id,)))  # noqa: S608
    return json.dumps(export, indent=2)
