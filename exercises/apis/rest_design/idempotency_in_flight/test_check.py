"""Acceptance check: a retry that arrives while the first attempt with the same Idempotency-Key is still running gets
409 Conflict (the IETF Idempotency-Key draft, "Error Handling"), and the book is created once.

The first request is held inside the ISBN registry call with threading events, so the retry always arrives while
it is in flight: no sleeps, no timing luck.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

BOOK = {"title": "Kindred", "author": "Octavia E. Butler", "year": 1979}
KEY = {"Idempotency-Key": "7c1d9e2a-create-kindred"}


class SlowRegistry:
    """Holds the first call until the check releases it; later calls return at once (or all fail, if asked)."""

    def __init__(self, fail_first: bool = False) -> None:
        self.entered, self.release = threading.Event(), threading.Event()
        self.fail_first, self.calls, self.lock = fail_first, 0, threading.Lock()

    def __call__(self, book: Any) -> None:
        with self.lock:
            self.calls += 1
            first = self.calls == 1
        if first and self.fail_first:
            raise ConnectionError("the ISBN registry is down")
        if first:
            self.entered.set()
            if not self.release.wait(timeout=10):
                raise TimeoutError("the check never released the first request")


def test_a_retry_while_the_first_attempt_runs_gets_409(answer: Path) -> None:
    registry = SlowRegistry()
    app = load_module(answer).create_app(register_isbn=registry)
    client = TestClient(app)
    first: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: first.update(response=client.post("/v1/books", json=BOOK, headers=KEY)))
    worker.start()
    try:
        assert registry.entered.wait(timeout=10), "the first request never reached the ISBN registry"
        retry = client.post("/v1/books", json=BOOK, headers=KEY)  # the app timed out and retried
    finally:
        registry.release.set()
        worker.join(timeout=10)
    books = len(app.state.store.books)
    assert retry.status_code == 409, (
        f"a retry while the first attempt is in flight got {retry.status_code}; the catalog now has {books} books"
    )
    assert retry.headers["content-type"] == "application/problem+json" and retry.json().get("detail")
    assert first["response"].status_code == 201, "the first attempt itself must still succeed"
    assert books == 1


@pytest.mark.starter_passes
def test_a_retry_after_the_first_finished_replays_it(answer: Path) -> None:
    app = load_module(answer).create_app()
    client = TestClient(app)
    first = client.post("/v1/books", json=BOOK, headers=KEY)
    retry = client.post("/v1/books", json=BOOK, headers=KEY)
    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json() and retry.headers["location"] == first.headers["location"]
    assert len(app.state.store.books) == 1


@pytest.mark.starter_passes
def test_a_failed_first_attempt_does_not_block_the_key(answer: Path) -> None:
    app = load_module(answer).create_app(register_isbn=SlowRegistry(fail_first=True))
    client = TestClient(app, raise_server_exceptions=False)
    assert client.post("/v1/books", json=BOOK, headers=KEY).status_code == 500
    retry = client.post("/v1/books", json=BOOK, headers=KEY)
    assert retry.status_code == 201, "the key must be released when the attempt holding it fails"
    assert len(app.state.store.books) == 1
