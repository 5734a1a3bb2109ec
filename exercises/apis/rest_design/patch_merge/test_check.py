"""Acceptance check: PATCH is a JSON Merge Patch guarded by If-Match, validated before it is stored, answered with
the new ETag, and limited to the patch format it understands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

MERGE_PATCH = "application/merge-patch+json"
VALIDATION = "https://books.example.com/problems/validation-failed"


def api(answer: Path) -> TestClient:
    # Server errors come back as 500 responses, as a real client would see them, instead of exceptions.
    return TestClient(load_module(answer).create_app(), raise_server_exceptions=False)


def add_book(client: TestClient) -> tuple[str, dict[str, Any], str]:
    body = {"title": "The Lathe of Heaven", "author": "Ursula K. Le Guin", "year": 1970}
    created = client.post("/v1/books", json=body, headers={"Idempotency-Key": "lathe"})
    url = created.headers["location"]
    read = client.get(url)
    return url, read.json(), read.headers["etag"]


def patch(client: TestClient, url: str, changes: Any, etag: str | None, content_type: str = MERGE_PATCH) -> Any:
    headers = {"Content-Type": content_type} | ({"If-Match": etag} if etag else {})
    return client.patch(url, content=json.dumps(changes), headers=headers)


def test_one_field_changes_and_the_response_carries_the_new_etag(answer: Path) -> None:
    client = api(answer)
    url, book, etag = add_book(client)
    response = patch(client, url, {"year": 1971}, etag)
    assert response.status_code == 200, response.text
    assert response.json() == book | {"year": 1971}, "only the year changes; the other fields keep their values"
    new_etag = response.headers.get("etag")
    assert new_etag and new_etag != etag, "answer a PATCH with the ETag of the result, so the next edit can use it"
    assert new_etag == client.get(url).headers["etag"], "the returned ETag must be the one GET now gives"


def test_a_patch_needs_the_current_etag(answer: Path) -> None:
    client = api(answer)
    url, book, etag = add_book(client)
    assert patch(client, url, {"year": 1971}, None).status_code == 428, "no If-Match: 428 Precondition Required"
    assert patch(client, url, {"year": 1971}, etag).status_code == 200
    lost = patch(client, url, {"title": "Lathe"}, etag)  # the second editor read before the first one saved
    assert lost.status_code == 412, "a stale ETag must get 412, or the first edit is silently overwritten"
    assert client.get(url).json() == book | {"year": 1971}


def test_an_invalid_patch_is_a_422_problem_and_changes_nothing(answer: Path) -> None:
    client = api(answer)
    url, book, etag = add_book(client)
    for changes in ({"year": "nineteen-sixty-nine"}, {"title": None}, {"price": 12}, ["year"]):
        response = patch(client, url, changes, etag)
        assert response.status_code == 422, (
            f"{changes!r} makes an invalid book: expected 422, got {response.status_code}"
        )
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == VALIDATION, "use the API's documented validation problem type"
        after = client.get(url)
        assert after.status_code == 200 and after.json() == book, f"after {changes!r}: a rejected patch changes nothing"


def test_only_merge_patch_documents_are_accepted(answer: Path) -> None:
    client = api(answer)
    url, book, etag = add_book(client)
    response = patch(client, url, {"year": 1971}, etag, content_type="application/json")
    assert response.status_code == 415, "a patch format the server does not support gets 415 (RFC 5789, 2.2)"
    assert response.headers.get("accept-patch") == MERGE_PATCH, "and Accept-Patch says which format it does support"
    assert client.get(url).json() == book


@pytest.mark.starter_passes
def test_an_unknown_book_is_still_a_404_problem(answer: Path) -> None:
    response = patch(api(answer), "/v1/books/999", {"year": 1971}, '"x"')
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"
