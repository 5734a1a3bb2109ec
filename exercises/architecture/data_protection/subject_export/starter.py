"""Exercise: the access request that left things out.

Symptom: a customer's lawyer compared our answer to her Article 15 access request with what she knew we held. The
export had her account and her orders, but not her support tickets or her newsletter consent, so the supervisory
authority has opened a complaint. Both tables were added after the export was written.

Diagnose it with the check (`make exercise ID=architecture/data_protection/subject_export`): compare the tables
the export reads with the tables that hold the customer's data. Then make `export_subject` find the data from the
schema itself (every table with a `user_id` column, plus the user's own row), so that a table added next quarter
is exported without anyone remembering to edit this function, and return JSON: one key per table, a list of rows
(column name to value) under each, and nothing about anyone else.
"""

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


def export_subject(conn: sqlite3.Connection, user_id: int) -> str:
    """Everything we hold about one user, as JSON (GDPR Articles 15 and 20)."""
    export = {
        "users": rows(conn.execute("SELECT * FROM users WHERE id = ?", (user_id,))),
        "orders": rows(conn.execute("SELECT * FROM orders WHERE user_id = ?", (user_id,))),
    }
    return json.dumps(export, indent=2)
