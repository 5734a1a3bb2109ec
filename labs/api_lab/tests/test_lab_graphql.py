"""GraphQL over the same store: auth, batching, limits."""

from __future__ import annotations

from fastapi.testclient import TestClient

QUERY = "{ books(first: 6) { title author { name } } }"


def test_graphql_needs_a_token(client: TestClient) -> None:
    assert client.post("/graphql", json={"query": QUERY}).status_code == 401


def test_books_with_authors_in_one_batch(client: TestClient, auth: dict) -> None:
    result = client.post("/graphql", json={"query": QUERY}, headers=auth).json()
    assert result["data"]["books"][3] == {"title": "Dune", "author": {"name": "Frank Herbert"}}
    assert client.app.state.store.author_lookups == 1  # six books, three authors, one lookup


def test_rest_and_graphql_see_the_same_data(client: TestClient, auth: dict) -> None:
    rest = [b["title"] for b in client.get("/v1/books", headers=auth).json()["items"]]
    graph = client.post("/graphql", json={"query": "{ books { title } }"}, headers=auth).json()
    assert rest == [b["title"] for b in graph["data"]["books"]]


def test_deep_queries_are_refused(client: TestClient, auth: dict) -> None:
    deep = "{ books { author { books { author { books { author { name } } } } } } }"
    result = client.post("/graphql", json={"query": deep}, headers=auth).json()
    assert "depth" in result["errors"][0]["message"]
