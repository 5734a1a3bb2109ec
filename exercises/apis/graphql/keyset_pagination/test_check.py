"""Acceptance check: pages of at most 50 books, read from the database one page at a time (a page of n reads at
most n + 1 rows), cursors that keep their place when earlier books are deleted, and errors for a `first` below 1.
The catalog has 120 books."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from examples.apis.graphql_dataloader.schema import Library, create_library
from exercises import load_module

PAGE = (
    "query($first: Int!, $after: String) "
    "{ books(first: $first, after: $after) { items { id title } endCursor hasNextPage } }"
)


def catalog() -> tuple[Library, list[int]]:
    library = create_library()
    for n in range(115):
        library.conn.execute("INSERT INTO books (title, author_id) VALUES (?, 1)", (f"Volume {n}",))
    fetched: list[int] = []
    run = library.run

    def counting(sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        rows = run(sql, params)
        fetched.append(len(rows))  # rows the resolver pulled out of the database
        return rows

    library.run = counting  # type: ignore[method-assign]
    return library, fetched


def page(client: TestClient, first: int, after: str | None = None) -> dict[str, Any]:
    body = client.post("/graphql", json={"query": PAGE, "variables": {"first": first, "after": after}}).json()
    assert not body.get("errors"), body["errors"]
    return body["data"]["books"]


def walk(client: TestClient, first: int, between: Any = None) -> list[int]:
    seen: list[int] = []
    after = None
    while True:
        result = page(client, first, after)
        seen += [int(book["id"]) for book in result["items"]]
        if not result["hasNextPage"]:
            return seen
        after = result["endCursor"]
        if between:
            between(seen)


def test_a_huge_first_is_capped_and_reads_one_page_of_rows(answer: Path) -> None:
    library, fetched = catalog()
    client = TestClient(load_module(answer).create_app(library))
    result = page(client, 100_000)
    assert len(result["items"]) == 50 and result["hasNextPage"], "first is capped at 50"
    assert max(fetched) <= 51, f"the resolver read {max(fetched)} rows for a page of 50: filter and limit in SQL"


def test_a_first_below_one_is_refused(answer: Path) -> None:
    library, _ = catalog()
    client = TestClient(load_module(answer).create_app(library))
    for first in (0, -3):
        body = client.post("/graphql", json={"query": PAGE, "variables": {"first": first}}).json()
        assert body.get("errors") and not (body.get("data") or {}).get("books"), f"first: {first} must be an error"


def test_deleting_seen_books_does_not_skip_unseen_ones(answer: Path) -> None:
    library, _ = catalog()
    client = TestClient(load_module(answer).create_app(library))

    def editors_delete_the_first_seen_book(seen: list[int]) -> None:
        library.conn.execute("DELETE FROM books WHERE id = (SELECT MIN(id) FROM books)")

    seen = walk(client, 10, editors_delete_the_first_seen_book)
    assert seen == list(range(1, 121)), "an offset cursor shifts when earlier rows go; point the cursor at an id"


@pytest.mark.starter_passes
def test_paging_visits_every_book_once_in_order(answer: Path) -> None:
    library, _ = catalog()
    client = TestClient(load_module(answer).create_app(library))
    assert walk(client, 7) == list(range(1, 121))
    assert len(page(client, 20)["items"]) == 20


@pytest.mark.starter_passes
def test_a_malformed_cursor_is_an_error_not_a_crash(answer: Path) -> None:
    library, _ = catalog()
    client = TestClient(load_module(answer).create_app(library), raise_server_exceptions=False)
    response = client.post("/graphql", json={"query": PAGE, "variables": {"first": 5, "after": "not a cursor"}})
    assert response.status_code == 200 and response.json().get("errors")
