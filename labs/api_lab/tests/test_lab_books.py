"""REST behaviour: pagination, idempotency keys and problem details."""

from __future__ import annotations

from fastapi.testclient import TestClient


def new_book(title: str = "The Lathe of Heaven") -> dict:
    return {"title": title, "author_id": 1, "year": 1971}


def test_pages_cover_every_book_exactly_once(client: TestClient, auth: dict) -> None:
    titles, cursor = [], None
    while True:
        page = client.get(
            "/v1/books", params={"limit": 4} | ({"cursor": cursor} if cursor else {}), headers=auth
        ).json()
        titles += [b["title"] for b in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(titles) == len(set(titles)) == 6


def test_filter_by_author(client: TestClient, auth: dict) -> None:
    page = client.get("/v1/books", params={"author_id": 2}, headers=auth).json()
    assert [b["title"] for b in page["items"]] == ["Kindred", "Parable of the Sower"]


def test_bad_cursor_and_bad_limit_are_problems(client: TestClient, auth: dict) -> None:
    bad_cursor = client.get("/v1/books", params={"cursor": "%%%"}, headers=auth)
    assert bad_cursor.status_code == 400
    assert bad_cursor.json()["type"] == "https://api.example.com/problems/invalid-cursor"
    too_many = client.get("/v1/books", params={"limit": 1000}, headers=auth)
    assert too_many.status_code == 422 and too_many.headers["content-type"] == "application/problem+json"


def test_not_found_is_problem_json(client: TestClient, auth: dict) -> None:
    response = client.get("/v1/books/999", headers=auth)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() | {"detail": ""} == {
        "type": "https://api.example.com/problems/not-found",
        "title": "Not found",
        "status": 404,
        "detail": "",
        "instance": "/v1/books/999",
    }


def test_create_requires_an_idempotency_key(client: TestClient, auth: dict) -> None:
    response = client.post("/v1/books", json=new_book(), headers=auth)
    assert response.status_code == 422
    assert any(e["loc"] == ["header", "idempotency-key"] for e in response.json()["errors"])


def test_retried_create_returns_the_first_result(client: TestClient, auth: dict) -> None:
    headers = auth | {"Idempotency-Key": "c0ffee-0001"}
    first = client.post("/v1/books", json=new_book(), headers=headers)
    again = client.post("/v1/books", json=new_book(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and first.headers["location"] == again.headers["location"]
    assert len(client.get("/v1/books", params={"limit": 100}, headers=auth).json()["items"]) == 7


def test_key_reuse_with_another_body_is_rejected(client: TestClient, auth: dict) -> None:
    headers = auth | {"Idempotency-Key": "c0ffee-0002"}
    client.post("/v1/books", json=new_book("One"), headers=headers)
    clash = client.post("/v1/books", json=new_book("Two"), headers=headers)
    assert clash.status_code == 422 and clash.json()["title"] == "Idempotency-Key reused"


def test_unknown_author_and_unknown_fields(client: TestClient, auth: dict) -> None:
    headers = auth | {"Idempotency-Key": "c0ffee-0003"}
    assert client.post("/v1/books", json=new_book() | {"author_id": 99}, headers=headers).status_code == 422
    sneaky = client.post("/v1/books", json=new_book() | {"id": 1}, headers=auth | {"Idempotency-Key": "c0ffee-04"})
    assert sneaky.status_code == 422
