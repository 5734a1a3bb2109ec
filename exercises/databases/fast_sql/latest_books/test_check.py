"""Acceptance check: the author cards take the same small number of queries for 10 and for 100 authors, fetch
at most the rows the page shows, and show the right three books (ties on the year broken by id)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from exercises import load_module

MAX_QUERIES = 2


class CountingCursor:
    """A cursor that counts the rows the answer takes from it."""

    def __init__(self, cursor: sqlite3.Cursor, counter: CountingConnection) -> None:
        self.cursor, self.counter = cursor, counter

    def _took(self, rows: list[Any]) -> list[Any]:
        self.counter.rows += len(rows)
        return rows

    def fetchone(self) -> Any:
        row = self.cursor.fetchone()
        self.counter.rows += row is not None
        return row

    def fetchall(self) -> list[Any]:
        return self._took(self.cursor.fetchall())

    def fetchmany(self, size: int = 1) -> list[Any]:
        return self._took(self.cursor.fetchmany(size))

    def __iter__(self) -> Iterator[Any]:
        for row in self.cursor:
            self.counter.rows += 1
            yield row


class CountingConnection:
    """What the answer gets instead of the sqlite3 connection: execute() counts statements."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn, self.queries, self.rows = conn, 0, 0

    def execute(self, sql: str, params: Any = ()) -> CountingCursor:
        self.queries += 1
        return CountingCursor(self.conn.execute(sql, params), self)


def catalogue(seed: int, authors: int = 300) -> sqlite3.Connection:
    """Authors with 0 to 25 books each, published 1990-2026, so years repeat within an author's books."""
    rng = random.Random(seed)  # noqa: S311 - test data, not a secret
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """
        CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors (id),
                            title TEXT NOT NULL, published INTEGER NOT NULL);
        CREATE INDEX books_author_idx ON books (author_id);
        """
    )
    conn.executemany("INSERT INTO authors VALUES (?, ?)", [(a, f"Author {a}") for a in range(1, authors + 1)])
    books = [
        (a, f"Book {a}-{n}", rng.randint(1990, 2026))
        for a in range(1, authors + 1)
        for n in range(rng.choice((0, 2, 5, 12, 25)))
    ]
    rng.shuffle(books)  # ids do not follow publication years
    conn.executemany("INSERT INTO books (author_id, title, published) VALUES (?, ?, ?)", books)
    return conn


def expected(conn: sqlite3.Connection, author_ids: list[int]) -> dict[int, tuple[str, list[tuple[int, str, int]]]]:
    names = dict(conn.execute("SELECT id, name FROM authors"))
    books: dict[int, list[tuple[int, str, int]]] = {}
    for book_id, author_id, title, published in conn.execute("SELECT id, author_id, title, published FROM books"):
        books.setdefault(author_id, []).append((book_id, title, published))
    return {
        a: (names[a], sorted(books.get(a, []), key=lambda b: (b[2], b[0]), reverse=True)[:3])
        for a in author_ids
        if a in names
    }


def cards(answer: Path, conn: sqlite3.Connection, author_ids: list[int]) -> tuple[dict, CountingConnection]:
    counting = CountingConnection(conn)
    found = load_module(answer).latest_books(counting, author_ids)
    return {a: (name, [tuple(b) for b in books]) for a, (name, books) in found.items()}, counting


@pytest.mark.parametrize("followed", [10, 100])
def test_the_number_of_queries_does_not_grow_with_the_authors(answer: Path, followed: int) -> None:
    conn = catalogue(seed=followed)
    _, counting = cards(answer, conn, list(range(1, followed + 1)))
    assert counting.queries <= MAX_QUERIES, f"{counting.queries} queries for {followed} authors: an N+1 loop"


@pytest.mark.starter_passes
def test_only_the_rows_the_page_shows_are_fetched(answer: Path) -> None:
    conn = catalogue(seed=3)
    followed = list(range(1, 101))
    _, counting = cards(answer, conn, followed)
    shown = sum(1 + len(books) for _, books in expected(conn, followed).values())
    assert counting.rows <= shown, (
        f"fetched {counting.rows} rows to show {shown}: keep only three books per author in SQL, not in Python"
    )


@pytest.mark.starter_passes
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_card_shows_the_three_most_recent_books(answer: Path, seed: int) -> None:
    conn = catalogue(seed)
    followed = [*random.Random(seed).sample(range(1, 301), 60), 9999]  # noqa: S311 - test data; 9999 is unknown
    found, _ = cards(answer, conn, followed)
    assert found == expected(conn, followed)
