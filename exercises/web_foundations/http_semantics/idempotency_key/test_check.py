"""Acceptance check: a retried POST with the same Idempotency-Key creates nothing new and gets the first
response back (status, body and Location); a different key, or no key, creates; a key reused for a different
request body is refused with 422 and creates nothing."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from exercises import load_module

DUNE = {"title": "Dune", "year": 1965}


def start(answer: Path) -> tuple[TestClient, dict[int, object]]:
    app = load_module(answer).create_app()
    return TestClient(app), app.state.books


def post(api: TestClient, body: dict[str, object], key: str | None) -> httpx.Response:
    return api.post("/books", json=body, headers={} if key is None else {"Idempotency-Key": key})


def test_a_retry_with_the_same_key_creates_nothing_new(answer: Path) -> None:
    api, books = start(answer)
    first = post(api, DUNE, "4b1d-retry")
    retries = [post(api, DUNE, "4b1d-retry") for _ in range(2)]
    assert len(books) == 1, f"one intended create, three requests: the catalog has {len(books)} books"
    for retry in retries:
        assert retry.status_code == first.status_code == 201, "a replay returns the first response's status"
        assert retry.json() == first.json()
        assert retry.headers.get("location") == first.headers["location"]


def test_a_key_reused_for_a_different_request_is_422(answer: Path) -> None:
    api, books = start(answer)
    post(api, DUNE, "k-1")
    misuse = post(api, {"title": "Dune Messiah", "year": 1969}, "k-1")
    assert misuse.status_code == 422, (
        f"the key of the Dune request came with another book and got {misuse.status_code}: a client bug that "
        "must not be answered with the first book, nor create a second one"
    )
    assert [book["title"] for book in books.values()] == ["Dune"]  # type: ignore[index]


@pytest.mark.starter_passes
def test_different_keys_are_different_requests(answer: Path) -> None:
    api, books = start(answer)
    first, second = post(api, DUNE, "key-a"), post(api, DUNE, "key-b")
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.headers["location"] != second.headers["location"], "two keys mean two intended creates"
    assert len(books) == 2


@pytest.mark.starter_passes
def test_without_a_key_every_post_creates(answer: Path) -> None:
    api, books = start(answer)
    post(api, DUNE, None)
    post(api, DUNE, None)
    assert len(books) == 2
