"""The lesson's claims about N+1, batching, pagination and SQLite plans."""

from __future__ import annotations

import sqlite3

import pytest

from examples.databases.fast_sql.catalogue import (
    QueryLog,
    books_with_authors_join,
    books_with_authors_n_plus_one,
    books_with_authors_two_queries,
    create_catalogue,
    page_by_keyset,
    page_by_offset,
    sqlite_plan,
)


@pytest.fixture
def catalogue() -> sqlite3.Connection:
    return create_catalogue(authors=50, books_per_author=4)


def count_queries(conn: sqlite3.Connection) -> QueryLog:
    log = QueryLog()
    conn.set_trace_callback(log)
    return log


# --8<-- [start:counting]
def test_n_plus_one_issues_one_query_per_book(catalogue):
    log = count_queries(catalogue)
    rows = books_with_authors_n_plus_one(catalogue)
    assert len(rows) == 200
    assert log.count == 1 + 200


def test_join_and_prefetch_issue_a_constant_number_of_queries(catalogue):
    log = count_queries(catalogue)
    joined = books_with_authors_join(catalogue)
    assert log.count == 1
    prefetched = books_with_authors_two_queries(catalogue)
    assert log.count == 1 + 2
    assert joined == prefetched == books_with_authors_n_plus_one(catalogue)


# --8<-- [end:counting]


def test_offset_and_keyset_return_the_same_pages(catalogue):
    last_id = 0
    for page in range(5):
        by_offset = page_by_offset(catalogue, page, 20)
        by_keyset = page_by_keyset(catalogue, last_id, 20)
        assert by_offset == by_keyset
        last_id = by_keyset[-1][0]


def test_offset_pages_skip_a_row_when_one_is_deleted_between_requests(catalogue):
    first = page_by_offset(catalogue, 0, 10)
    catalogue.execute("DELETE FROM books WHERE id = ?", (first[0][0],))
    second_by_offset = page_by_offset(catalogue, 1, 10)
    second_by_keyset = page_by_keyset(catalogue, first[-1][0], 10)
    # Offset shifted everything left by one, so the 11th book is never shown; keyset still starts there.
    assert second_by_keyset[0][0] == 11
    assert second_by_offset[0][0] == 12


def test_index_turns_a_scan_into_a_search(catalogue):
    query = "SELECT title FROM books WHERE author_id = ?"
    assert sqlite_plan(catalogue, query, (7,)).startswith("SCAN books")
    catalogue.execute("CREATE INDEX books_author_idx ON books (author_id)")
    assert "SEARCH books USING INDEX books_author_idx (author_id=?)" in sqlite_plan(catalogue, query, (7,))


def test_function_on_the_column_defeats_the_index(catalogue):
    catalogue.execute("CREATE INDEX books_published_idx ON books (published)")
    sargable = sqlite_plan(catalogue, "SELECT id FROM books WHERE published >= ? AND published < ?", (2000, 2010))
    wrapped = sqlite_plan(catalogue, "SELECT id FROM books WHERE published / 10 = ?", (200,))
    assert "USING COVERING INDEX books_published_idx" in sargable
    assert "SCAN" in wrapped and "SEARCH" not in wrapped
