"""Acceptance check: paging through a sort order with ties returns every book exactly once, in order, at every page
size; a cursor works only with the sort order it was issued for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

# Ties on purpose: three books titled "Foundation", four published in 2019, in an insertion order that does not
# match either sort, so some page boundary falls inside a run of equal values whatever the page size.
CATALOG = [
    {"title": "Foundation", "author": "Isaac Asimov", "year": 1951},
    {"title": "Kindred", "author": "Octavia E. Butler", "year": 1979},
    {"title": "Gideon the Ninth", "author": "Tamsyn Muir", "year": 2019},
    {"title": "Foundation", "author": "Dave Toomey", "year": 2019},
    {"title": "A Memory Called Empire", "author": "Arkady Martine", "year": 2019},
    {"title": "Dune", "author": "Frank Herbert", "year": 1965},
    {"title": "Foundation", "author": "Mick Herron", "year": 2023},
    {"title": "The Ten Thousand Doors of January", "author": "Alix E. Harrow", "year": 2019},
]


def api(answer: Path, catalog: list[dict[str, Any]] = CATALOG) -> TestClient:
    return TestClient(load_module(answer).create_app(seed=catalog), raise_server_exceptions=False)


def walk(client: TestClient, sort: str, limit: int) -> list[dict[str, Any]]:
    books: list[dict[str, Any]] = []
    cursor = None
    for _ in range(50):
        params: dict[str, Any] = {"sort": sort, "limit": limit} | ({"cursor": cursor} if cursor else {})
        response = client.get("/v1/books", params=params)
        assert response.status_code == 200, response.text
        books += response.json()["items"]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return books
    raise AssertionError(f"sort={sort}, limit={limit}: still paging after 50 pages")


def assert_each_book_once(books: list[dict[str, Any]], sort: str, limit: int) -> None:
    ids = [book["id"] for book in books]
    missing = sorted(set(range(1, len(CATALOG) + 1)) - set(ids))
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert not missing and not repeated, (
        f"sort={sort}, limit={limit}: books missing {missing}, repeated {repeated}. Rows that tie with the last row "
        "of a page are lost: add a unique tie-breaker to the order and to the cursor"
    )


def test_sorting_by_title_pages_through_every_book_once(answer: Path) -> None:
    client = api(answer)
    for limit in (1, 2, 3, 4):
        books = walk(client, "title", limit)
        assert_each_book_once(books, "title", limit)
        titles = [book["title"] for book in books]
        assert titles == sorted(titles), f"limit={limit}: not in title order"


def test_newest_first_pages_through_every_book_once(answer: Path) -> None:
    client = api(answer)
    for limit in (1, 2, 3, 4):
        books = walk(client, "-year", limit)
        assert_each_book_once(books, "-year", limit)
        years = [book["year"] for book in books]
        assert years == sorted(years, reverse=True), f"limit={limit}: not newest first"


def test_a_cursor_works_only_with_the_sort_order_that_issued_it(answer: Path) -> None:
    client = api(answer)
    cursor = client.get("/v1/books", params={"sort": "title", "limit": 2}).json()["next_cursor"]
    response = client.get("/v1/books", params={"sort": "-year", "limit": 2, "cursor": cursor})
    assert response.status_code == 400, f"a title cursor used with sort=-year got {response.status_code}, not 400"
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "https://books.example.com/problems/invalid-cursor"


@pytest.mark.starter_passes
def test_an_unknown_sort_is_a_400_naming_the_allowed_values(answer: Path) -> None:
    response = api(answer).get("/v1/books", params={"sort": "price"})
    assert response.status_code == 400 and response.headers["content-type"] == "application/problem+json"
    assert set(response.json()["allowed"]) == {"title", "-year"}


@pytest.mark.starter_passes
def test_a_forged_cursor_is_still_a_400(answer: Path) -> None:
    response = api(answer).get("/v1/books", params={"sort": "title", "cursor": "not-a-cursor!!"})
    assert response.status_code == 400
