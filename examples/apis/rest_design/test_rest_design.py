"""Every rule the REST design lesson states, checked against the example API."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from examples.apis.rest_design.app import create_app


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


def add(client: TestClient, title: str, author: str = "Ursula K. Le Guin", key: str | None = None) -> dict:
    response = client.post(
        "/v1/books", json={"title": title, "author": author, "year": 1969}, headers={"Idempotency-Key": key or title}
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_create_returns_201_with_location(client: TestClient) -> None:
    response = client.post(
        "/v1/books", json={"title": "Dune", "author": "Frank Herbert", "year": 1965}, headers={"Idempotency-Key": "k1"}
    )
    assert response.status_code == 201
    assert response.headers["location"] == f"/v1/books/{response.json()['id']}"


# --8<-- [start:problem_test]
def test_validation_errors_are_problem_details(client: TestClient) -> None:
    response = client.post(
        "/v1/books", json={"title": "", "author": "X", "year": 3000}, headers={"Idempotency-Key": "a"}
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422 and problem["type"] == "about:blank" and problem["instance"] == "/v1/books"
    assert {tuple(e["loc"]) for e in problem["errors"]} == {("body", "title"), ("body", "year")}


def test_unknown_book_and_unknown_route_use_the_same_shape(client: TestClient) -> None:
    for path in ("/v1/books/99", "/v1/no-such-thing"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert set(response.json()) >= {"type", "title", "status", "detail"}


# --8<-- [end:problem_test]


def test_wrong_method_is_405_problem(client: TestClient) -> None:
    response = client.patch("/v1/books")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"


def test_unknown_fields_are_rejected(client: TestClient) -> None:
    body = {"title": "T", "author": "A", "year": 2000, "id": 7}
    response = client.post("/v1/books", json=body, headers={"Idempotency-Key": "x"})
    assert response.status_code == 422


# --8<-- [start:pagination_test]
def test_cursor_pagination_walks_every_item_once(client: TestClient) -> None:
    for n in range(5):
        add(client, f"Book {n}")
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get("/v1/books", params=params).json()
        seen += [b["title"] for b in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"Book {n}" for n in range(5)]
    assert pages == 3


def test_pages_stay_stable_when_rows_are_added_meanwhile(client: TestClient) -> None:
    for n in range(4):
        add(client, f"Book {n}")
    first = client.get("/v1/books", params={"limit": 2}).json()
    add(client, "Inserted later")
    second = client.get("/v1/books", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [b["title"] for b in second["items"]] == ["Book 2", "Book 3"]  # no duplicates, no gaps


# --8<-- [end:pagination_test]


def test_filter_and_limit_bounds(client: TestClient) -> None:
    add(client, "A Wizard of Earthsea")
    add(client, "Dune", author="Frank Herbert")
    page = client.get("/v1/books", params={"author": "Frank Herbert"}).json()
    assert [b["title"] for b in page["items"]] == ["Dune"]
    assert client.get("/v1/books", params={"limit": 0}).status_code == 422
    assert client.get("/v1/books", params={"limit": 101}).status_code == 422


def test_forged_cursor_is_a_400_problem(client: TestClient) -> None:
    for cursor in ("not-base64!!", "eyJ4IjogMX0=", "eyJhZnRlciI6ICJ4In0="):
        response = client.get("/v1/books", params={"cursor": cursor})
        assert response.status_code == 400, cursor
        assert response.json()["title"] == "Invalid cursor"


# --8<-- [start:idempotency_test]
def test_retrying_a_post_with_the_same_key_creates_once(client: TestClient) -> None:
    body = {"title": "Kindred", "author": "Octavia E. Butler", "year": 1979}
    first = client.post("/v1/books", json=body, headers={"Idempotency-Key": "order-7f3a"})
    retry = client.post("/v1/books", json=body, headers={"Idempotency-Key": "order-7f3a"})
    assert first.json() == retry.json()
    assert len(client.get("/v1/books").json()["items"]) == 1


def test_same_key_with_a_different_body_is_rejected(client: TestClient) -> None:
    client.post("/v1/books", json={"title": "A", "author": "B", "year": 1}, headers={"Idempotency-Key": "k"})
    response = client.post("/v1/books", json={"title": "C", "author": "B", "year": 1}, headers={"Idempotency-Key": "k"})
    assert response.status_code == 422
    assert response.json()["title"] == "Idempotency-Key reused"


# --8<-- [end:idempotency_test]


def test_post_without_key_is_400(client: TestClient) -> None:
    response = client.post("/v1/books", json={"title": "A", "author": "B", "year": 1})
    assert response.status_code == 400


# --8<-- [start:conditional_test]
def test_etag_gives_304_and_guards_lost_updates(client: TestClient) -> None:
    book = add(client, "The Dispossessed")
    url = f"/v1/books/{book['id']}"
    etag = client.get(url).headers["etag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304

    new = {"title": "The Dispossessed", "author": "Ursula K. Le Guin", "year": 1974}
    assert client.put(url, json=new).status_code == 428  # no If-Match at all
    assert client.put(url, json=new, headers={"If-Match": etag}).status_code == 200
    stale = client.put(url, json=new | {"year": 1975}, headers={"If-Match": etag})  # someone else won the race
    assert stale.status_code == 412
    assert client.get(url).json()["year"] == 1974


# --8<-- [end:conditional_test]


def test_delete_is_idempotent(client: TestClient) -> None:
    book = add(client, "Gone")
    assert client.delete(f"/v1/books/{book['id']}").status_code == 204
    assert client.delete(f"/v1/books/{book['id']}").status_code == 204
    assert client.get(f"/v1/books/{book['id']}").status_code == 404
