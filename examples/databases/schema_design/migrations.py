"""An expand/contract migration: split `users.full_name` into `given_name` and `family_name` without downtime.

Each step is safe to run while the previous and the next version of the application are serving traffic.
SQLite stands in for the production database; the lesson notes where PostgreSQL and MySQL differ.
"""

from __future__ import annotations

import sqlite3


def create_v1(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, full_name TEXT NOT NULL);
        INSERT INTO users (email, full_name) VALUES
            ('ada@example.com', 'Ada Lovelace'), ('grace@example.com', 'Grace Hopper'), ('plato@example.com', 'Plato');
        """
    )


# --8<-- [start:expand]
def expand(conn: sqlite3.Connection) -> None:
    """Step 1 (expand): add the new columns as NULLable, so old code that never writes them keeps working,
    and relax NOT NULL on the old column, so new code that stops writing it will work too."""
    conn.execute("ALTER TABLE users ADD COLUMN given_name TEXT")
    conn.execute("ALTER TABLE users ADD COLUMN family_name TEXT")
    drop_not_null_on_full_name(conn)


def drop_not_null_on_full_name(conn: sqlite3.Connection) -> None:
    """PostgreSQL and MySQL do this in one ALTER TABLE statement. SQLite cannot alter a column constraint,
    so it rebuilds the table inside one transaction (the procedure its documentation describes)."""
    with conn:
        conn.executescript(
            """
            BEGIN;
            CREATE TABLE users_new (
                id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, full_name TEXT,
                given_name TEXT, family_name TEXT
            );
            INSERT INTO users_new SELECT id, email, full_name, given_name, family_name FROM users;
            DROP TABLE users;
            ALTER TABLE users_new RENAME TO users;
            COMMIT;
            """
        )


def backfill(conn: sqlite3.Connection, batch_size: int = 2) -> int:
    """Step 3 (backfill): copy old data in small batches, so no single transaction locks the table for long."""
    batches = 0
    while True:
        ids = [
            i
            for (i,) in conn.execute("SELECT id FROM users WHERE given_name IS NULL ORDER BY id LIMIT ?", (batch_size,))
        ]
        if not ids:
            return batches
        with conn:  # one short transaction per batch
            for user_id in ids:
                (full_name,) = conn.execute("SELECT full_name FROM users WHERE id = ?", (user_id,)).fetchone()
                given, _, family = full_name.partition(" ")
                conn.execute("UPDATE users SET given_name = ?, family_name = ? WHERE id = ?", (given, family, user_id))
        batches += 1


# --8<-- [end:expand]


# --8<-- [start:contract]
def contract(conn: sqlite3.Connection) -> None:
    """Step 5 (contract): once no deployed code reads full_name, drop it. Irreversible, so it goes last."""
    conn.execute("ALTER TABLE users DROP COLUMN full_name")  # SQLite 3.35+; PostgreSQL and MySQL have it too


# --8<-- [end:contract]


# The application versions that are live during the migration. Each must work against the schema
# of the step it overlaps with.


# --8<-- [start:apps]
def app_v1_signup(conn: sqlite3.Connection, email: str, name: str) -> None:
    conn.execute("INSERT INTO users (email, full_name) VALUES (?, ?)", (email, name))


def app_v2_signup(conn: sqlite3.Connection, email: str, name: str) -> None:
    """Step 2 (dual write): deployed after expand; writes both shapes so old and new readers agree."""
    given, _, family = name.partition(" ")
    conn.execute(
        "INSERT INTO users (email, full_name, given_name, family_name) VALUES (?, ?, ?, ?)",
        (email, name, given, family),
    )


def app_v3_signup(conn: sqlite3.Connection, email: str, given: str, family: str) -> None:
    """Step 4 (switch reads and writes): deployed after backfill; never touches full_name."""
    conn.execute("INSERT INTO users (email, given_name, family_name) VALUES (?, ?, ?)", (email, given, family))


def app_v3_display_name(conn: sqlite3.Connection, email: str) -> str:
    given, family = conn.execute("SELECT given_name, family_name FROM users WHERE email = ?", (email,)).fetchone()
    return f"{given} {family}".strip()


# --8<-- [end:apps]
