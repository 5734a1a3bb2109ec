"""The lab's data: users and their private notes, in SQLite so the lab runs anywhere."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA = """
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT UNIQUE NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('user', 'admin'))
);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    body TEXT NOT NULL
);
"""


def create_db(accounts: list[tuple[str, str, str]], hash_password: Callable[[str], str]) -> sqlite3.Connection:
    """`accounts` holds (username, password, role); each app decides how passwords are stored."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.executescript(SCHEMA)
    conn.executemany(
        "INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?)",
        [(name, hash_password(secret), role) for name, secret, role in accounts],
    )
    conn.execute("INSERT INTO notes (owner_id, body) VALUES (1, 'alice: call the bank about the loan')")
    conn.commit()
    return conn
