"""Acceptance check: a nested query costs the same number of database queries however many books exist, returns
what the SQL says, gives an author without books an empty list, and never reuses one request's results in the
next."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from examples.apis.graphql_dataloader.schema import Library, create_library
from exercises import load_module

NESTED = "{ books { title author { name books { title } } } }"


def library_with(extra_books: int) -> Library:
    library = create_library()
    library.conn.execute("INSERT INTO authors VALUES (4, 'N. K. Jemisin')")  # no books yet
    for n in range(extra_books):
        library.conn.execute("INSERT INTO books (title, author_id) VALUES (?, ?)", (f"Volume {n}", 1 + n % 3))
    return library


def run(answer: Path, library: Library, query: str) -> dict[str, Any]:
    client = TestClient(load_module(answer).create_app(library))
    library.queries.clear()
    body = client.post("/graphql", json={"query": query}).json()
    assert not body.get("errors"), body.get("errors")
    return body["data"]


def expected(library: Library) -> list[dict[str, Any]]:
    """What the query must return, straight from SQL."""
    conn = library.conn
    titles = {
        a: [t for (t,) in conn.execute("SELECT title FROM books WHERE author_id = ? ORDER BY id", (a,))]
        for (a,) in conn.execute("SELECT id FROM authors")
    }
    rows = conn.execute("SELECT b.title, a.id, a.name FROM books b JOIN authors a ON a.id = b.author_id ORDER BY b.id")
    return [{"title": t, "author": {"name": n, "books": [{"title": x} for x in titles[a]]}} for t, a, n in rows]


@pytest.mark.parametrize("extra_books", [0, 25, 200])
def test_the_nested_query_costs_three_queries_at_any_size(answer: Path, extra_books: int) -> None:
    library = library_with(extra_books)
    data = run(answer, library, NESTED)
    assert len(library.queries) == 3, (
        f"{len(library.queries)} queries for {5 + extra_books} books: the list, one batch of authors, "
        "one batch of their books"
    )
    assert data["books"] == expected(library)


def test_an_author_without_books_gets_an_empty_list(answer: Path) -> None:
    library = library_with(0)
    data = run(answer, library, "{ authors { name books { title } } }")
    assert data["authors"][-1] == {"name": "N. K. Jemisin", "books": []}
    assert len(library.queries) == 2, "the author list, then one batch for every author's books"


@pytest.mark.starter_passes
def test_a_second_request_sees_a_book_added_in_between(answer: Path) -> None:
    library = library_with(0)
    client = TestClient(load_module(answer).create_app(library))
    client.post("/graphql", json={"query": NESTED})
    library.conn.execute("INSERT INTO books (title, author_id) VALUES ('The Fifth Season', 4)")
    data = client.post("/graphql", json={"query": "{ authors { name books { title } } }"}).json()["data"]
    assert data["authors"][-1]["books"] == [{"title": "The Fifth Season"}], "a loader's cache lives for one request"
