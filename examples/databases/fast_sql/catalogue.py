"""A small book catalogue in SQLite: N+1 versus batched loading, offset versus keyset pagination.

SQLite needs no server, so this file runs anywhere. The PostgreSQL-specific plans are in `pg_plans.py`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field


@dataclass
class QueryLog:
    """Counts the statements a connection runs, through sqlite3's trace callback."""

    statements: list[str] = field(default_factory=list)

    def __call__(self, statement: str) -> None:
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


def create_catalogue(authors: int = 50, books_per_author: int = 4) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """
        CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE books (
            id INTEGER PRIMARY KEY,
            author_id INTEGER NOT NULL REFERENCES authors(id),
            title TEXT NOT NULL,
            published INTEGER NOT NULL
        );
        """
    )
    conn.executemany(
        "INSERT INTO authors (id, name) VALUES (?, ?)", [(a, f"Author {a}") for a in range(1, authors + 1)]
    )
    conn.executemany(
        "INSERT INTO books (author_id, title, published) VALUES (?, ?, ?)",
        [
            (a, f"Book {a}-{n}", 1950 + (a * 7 + n) % 75)
            for a in range(1, authors + 1)
            for n in range(1, books_per_author + 1)
        ],
    )
    conn.commit()
    return conn


# --8<-- [start:n_plus_one]
def books_with_authors_n_plus_one(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """One query for the books, then one more query per book for its author: N+1 round trips."""
    result = []
    for title, author_id in conn.execute("SELECT title, author_id FROM books ORDER BY id"):
        (name,) = conn.execute("SELECT name FROM authors WHERE id = ?", (author_id,)).fetchone()
        result.append((title, name))
    return result


# --8<-- [end:n_plus_one]


# --8<-- [start:batched]
def books_with_authors_join(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """The database does the matching: one statement whatever the number of books."""
    rows = conn.execute("SELECT b.title, a.name FROM books AS b JOIN authors AS a ON a.id = b.author_id ORDER BY b.id")
    return list(rows)


def books_with_authors_two_queries(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """What ORMs call 'prefetch' and GraphQL DataLoaders do: one query per table, keys sent as a batch."""
    books = conn.execute("SELECT title, author_id FROM books ORDER BY id").fetchall()
    wanted = sorted({author_id for _, author_id in books})
    names = dict(
        conn.execute(
            "SELECT id, name FROM authors WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        )
    )
    return [(title, names[author_id]) for title, author_id in books]


# --8<-- [end:batched]


# --8<-- [start:pagination]
def page_by_offset(conn: sqlite3.Connection, page: int, size: int) -> list[tuple[int, str]]:
    """Reads and throws away page * size rows before returning any: cost grows with the page number."""
    return conn.execute("SELECT id, title FROM books ORDER BY id LIMIT ? OFFSET ?", (size, page * size)).fetchall()


def page_by_keyset(conn: sqlite3.Connection, after_id: int, size: int) -> list[tuple[int, str]]:
    """Seeks straight to the last key the client saw: cost stays flat however deep the page."""
    return conn.execute("SELECT id, title FROM books WHERE id > ? ORDER BY id LIMIT ?", (after_id, size)).fetchall()


# --8<-- [end:pagination]


# --8<-- [start:explain]
def sqlite_plan(conn: sqlite3.Connection, sql: str, params: tuple[object, ...] = ()) -> str:
    """SQLite's EXPLAIN QUERY PLAN, flattened to one string such as 'SCAN books' or 'SEARCH books USING INDEX ...'."""
    rows = conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return " | ".join(row[3] for row in rows)


# --8<-- [end:explain]
