"""Every rule the REST design lesson states, checked against the example API."""

from __future__ import annotations

import logging
import re

import pytest
from fastapi.testclient import TestClient

from examples.apis.rest_design.app import create_app
from examples.apis.rest_design.problems import PROBLEM_BASE, PROBLEM_TYPES, status_phrase


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


# --8<-- [start:ids_test]
def test_an_id_is_never_handed_out_twice(client: TestClient) -> None:
    first, _, third = (add(client, title) for title in ("One", "Two", "Three"))
    assert client.delete(f"/v1/books/{first['id']}").status_code == 204
    fourth = add(client, "Four")
    assert fourth["id"] not in {first["id"], third["id"]}
    assert client.get(f"/v1/books/{third['id']}").json()["title"] == "Three"  # not overwritten by "Four"


# --8<-- [end:ids_test]


# --8<-- [start:problem_test]
def test_validation_errors_are_problem_details(client: TestClient) -> None:
    response = client.post(
        "/v1/books", json={"title": "", "author": "X", "year": 3000}, headers={"Idempotency-Key": "a"}
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == PROBLEM_BASE + "validation-failed" and problem["status"] == 422
    assert {tuple(e["loc"]) for e in problem["errors"]} == {("body", "title"), ("body", "year")}


def test_unknown_book_and_unknown_route_use_the_same_shape(client: TestClient) -> None:
    for path in ("/v1/books/99", "/v1/no-such-thing"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        # No type of its own: about:blank, and then the title is the status code's phrase.
        assert response.json()["type"] == "about:blank" and response.json()["title"] == "Not Found"


def test_each_occurrence_gets_its_own_instance_id_which_is_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="books.problems"):
        first, second = (client.get("/v1/books/99").json()["instance"] for _ in range(2))
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", first) and first != second
    assert first in caplog.text and second in caplog.text


# --8<-- [end:problem_test]


def test_every_problem_type_is_documented_and_about_blank_uses_the_status_phrase(client: TestClient) -> None:
    responses = [
        client.get("/v1/books", params={"cursor": "bad"}),
        client.post("/v1/books", json={"title": "A", "author": "B", "year": 1}),
        client.post("/v1/books", json={"title": "", "author": "B", "year": 1}, headers={"Idempotency-Key": "x"}),
        client.get("/v1/books/99"),
        client.delete("/v1/books"),
    ]
    documented = {t.uri: t for t in PROBLEM_TYPES.values()}
    for response in responses:
        problem = response.json()
        assert problem["status"] == response.status_code
        if problem["type"] == "about:blank":
            assert problem["title"] == status_phrase(response.status_code)
        else:
            kind = documented[problem["type"]]  # KeyError: an undocumented type
            assert (problem["title"], response.status_code) == (kind.title, kind.status)
            assert kind.meaning
    assert status_phrase(422) == "Unprocessable Content"  # the RFC 9110 name, not RFC 7231's


def test_wrong_method_is_405_problem_listing_every_allowed_method(client: TestClient) -> None:
    response = client.patch("/v1/books")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert set(response.headers["allow"].split(", ")) == {"GET", "POST"}
    assert set(client.post("/v1/books/1").headers["allow"].split(", ")) == {"GET", "PUT", "DELETE"}


def test_unknown_fields_are_rejected(client: TestClient) -> None:
    body = {"title": "T", "author": "A", "year": 2000, "id": 7}
    response = client.post("/v1/books", json=body, headers={"Idempotency-Key": "x"})
    assert response.status_code == 422


def test_schemas_mark_id_read_only_and_keep_responses_open() -> None:
    schemas = create_app().openapi()["components"]["schemas"]
    assert schemas["Book"]["properties"]["id"]["readOnly"] is True
    assert schemas["Book"].get("additionalProperties") is not False  # clients may meet fields added later
    assert schemas["BookIn"]["additionalProperties"] is False  # the server still rejects unknown input


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


def test_following_next_links_keeps_the_filter_and_limit(client: TestClient) -> None:
    for n in range(5):
        add(client, f"Le Guin {n}")
        add(client, f"Herbert {n}", author="Frank Herbert")
    titles, url = [], "/v1/books?author=Frank+Herbert&limit=2"
    while url:
        page = client.get(url).json()
        assert len(page["items"]) <= 2
        titles += [b["title"] for b in page["items"]]
        url = page["next"]
    assert titles == [f"Herbert {n}" for n in range(5)]


def test_filter_and_limit_bounds(client: TestClient) -> None:
    add(client, "A Wizard of Earthsea")
    add(client, "Dune", author="Frank Herbert")
    page = client.get("/v1/books", params={"author": "Frank Herbert"}).json()
    assert [b["title"] for b in page["items"]] == ["Dune"]
    assert page["next"] is None and page["next_cursor"] is None
    assert client.get("/v1/books", params={"limit": 0}).status_code == 422
    assert client.get("/v1/books", params={"limit": 101}).status_code == 422


def test_forged_cursor_is_a_400_problem(client: TestClient) -> None:
    for cursor in ("not-base64!!", "eyJ4IjogMX0=", "eyJhZnRlciI6ICJ4In0="):
        response = client.get("/v1/books", params={"cursor": cursor})
        assert response.status_code == 400, cursor
        assert response.json()["type"] == PROBLEM_BASE + "invalid-cursor"


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
    assert response.json()["type"] == PROBLEM_BASE + "idempotency-key-reused"


# --8<-- [end:idempotency_test]


def test_post_without_key_is_400(client: TestClient) -> None:
    response = client.post("/v1/books", json={"title": "A", "author": "B", "year": 1})
    assert response.status_code == 400
    assert response.json()["type"] == PROBLEM_BASE + "idempotency-key-missing"


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


def test_get_modify_put_round_trip(client: TestClient) -> None:
    url = f"/v1/books/{add(client, 'The Left Hand of Darkness')['id']}"
    read = client.get(url)
    edited = read.json() | {"year": 1969}  # the representation as GET returned it, id included
    saved = client.put(url, json=edited, headers={"If-Match": read.headers["etag"]})
    assert saved.status_code == 200 and saved.json() == edited
    assert saved.headers["etag"] == client.get(url).headers["etag"]  # stored as sent, so the ETag may be returned


def test_the_second_writer_gets_412_and_the_first_edit_survives(client: TestClient) -> None:
    url = f"/v1/books/{add(client, 'Kindred', author='Octavia E. Butler')['id']}"
    alice, bob = client.get(url), client.get(url)  # both read the same version
    assert client.put(url, json=alice.json() | {"year": 1979}, headers={"If-Match": alice.headers["etag"]}).is_success
    late = client.put(url, json=bob.json() | {"title": "Kindred (2nd ed.)"}, headers={"If-Match": bob.headers["etag"]})
    assert late.status_code == 412
    assert client.get(url).json() == alice.json() | {"year": 1979}


# --8<-- [end:conditional_test]


def test_a_mismatched_id_in_the_body_is_a_409_problem(client: TestClient) -> None:
    url = f"/v1/books/{add(client, 'Parable of the Sower')['id']}"
    read = client.get(url)
    response = client.put(url, json=read.json() | {"id": 999}, headers={"If-Match": read.headers["etag"]})
    assert response.status_code == 409
    assert response.json()["type"] == PROBLEM_BASE + "id-mismatch"
    assert client.get(url).json() == read.json()


def test_put_without_the_id_saves_but_sends_no_etag(client: TestClient) -> None:
    url = f"/v1/books/{add(client, 'Lilith')['id']}"
    read = client.get(url)
    body = {k: v for k, v in read.json().items() if k != "id"} | {"year": 1987}
    response = client.put(url, json=body, headers={"If-Match": read.headers["etag"]})
    assert response.status_code == 200 and "etag" not in response.headers  # the server added the id: transformed
    assert client.get(url).json()["year"] == 1987


def test_put_with_a_missing_field_is_rejected_not_cleared(client: TestClient) -> None:
    url = f"/v1/books/{add(client, 'Dawn')['id']}"
    read = client.get(url)
    response = client.put(url, json={"title": "Dawn", "year": 1987}, headers={"If-Match": read.headers["etag"]})
    assert response.status_code == 422
    assert client.get(url).json() == read.json()


def test_if_match_is_strong_and_if_none_match_is_weak(client: TestClient) -> None:
    url = f"/v1/books/{add(client, 'Imago')['id']}"
    read = client.get(url)
    weak = "W/" + read.headers["etag"]
    assert client.get(url, headers={"If-None-Match": weak}).status_code == 304
    assert client.put(url, json=read.json(), headers={"If-Match": weak}).status_code == 412


def test_delete_is_idempotent(client: TestClient) -> None:
    book = add(client, "Gone")
    assert client.delete(f"/v1/books/{book['id']}").status_code == 204
    assert client.delete(f"/v1/books/{book['id']}").status_code == 204
    assert client.get(f"/v1/books/{book['id']}").status_code == 404
