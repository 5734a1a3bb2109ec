"""Acceptance check: paging through the feed shows every book exactly once, in the unpaged order, for several
page sizes and catalogs full of ties; each page is served by an index without a sort."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from exercises import load_module

ALL = "SELECT id, title, published FROM books ORDER BY published DESC, id DESC"


def catalog(answer: Path, seed: int, books: int = 500) -> sqlite3.Connection:
    """Books from only twelve years, so dozens share each year; ids in random order of year."""
    rng = random.Random(seed)  # noqa: S311 - test data, not a secret
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, published INTEGER NOT NULL)")
    conn.executemany(
        "INSERT INTO books (title, published) VALUES (?, ?)",
        [(f"Book {n}", rng.randint(2015, 2026)) for n in range(books)],
    )
    conn.execute(load_module(answer).INDEX)
    return conn


def page_through(answer: Path, conn: sqlite3.Connection, size: int) -> list[tuple]:
    page_after = load_module(answer).page_after
    shown: list[tuple] = []
    after = None
    for _ in range(10_000):  # far more pages than any catalog here needs: a cursor that never advances stops
        page = [tuple(book) for book in page_after(conn, after, size)]
        if not page:
            return shown
        shown.extend(page)
        last_id, _, last_published = page[-1]
        after = (last_published, last_id)
    raise AssertionError("paging never ended: the cursor does not move forward")


@pytest.mark.parametrize("size", [1, 7, 20, 64])
def test_every_book_appears_exactly_once_in_the_feed_order(answer: Path, size: int) -> None:
    conn = catalog(answer, seed=size)
    shown = page_through(answer, conn, size)
    everything = [tuple(book) for book in conn.execute(ALL)]
    missing = len(everything) - len({book[0] for book in shown})
    assert missing == 0, f"{missing} books never appeared with pages of {size}"
    assert shown == everything, f"pages of {size} show books twice or out of order"


@pytest.mark.starter_passes
def test_the_first_page_is_the_newest_books(answer: Path) -> None:
    conn = catalog(answer, seed=5)
    page = [tuple(book) for book in load_module(answer).page_after(conn, None, 20)]
    assert page == [tuple(book) for book in conn.execute(ALL + " LIMIT 20")]


@pytest.mark.starter_passes
def test_a_page_after_a_cursor_is_served_by_an_index_without_sorting(answer: Path) -> None:
    conn = catalog(answer, seed=9)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)  # sqlite3 passes the statement with its parameters filled in
    first = load_module(answer).page_after(conn, None, 20)
    statements.clear()
    last_id, _, last_published = first[-1]
    load_module(answer).page_after(conn, (last_published, last_id), 20)
    conn.set_trace_callback(None)
    assert statements, "page_after ran no statement"
    plan = " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + statements[-1]))
    assert "TEMP B-TREE" not in plan, f"the page is sorted after reading: {plan}"
    assert "SEARCH" in plan and "INDEX" in plan, f"the page does not seek in an index: {plan}"
