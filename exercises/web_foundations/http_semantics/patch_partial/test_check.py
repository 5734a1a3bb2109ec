"""Acceptance check: PATCH changes only the fields it is sent, 404s a missing book, and refuses with 422 a change
that would store an invalid book or that names a field books do not have; a refused PATCH changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

PRO_GIT = {"id": 1, "title": "Pro Git", "year": 2014}


def client(answer: Path) -> TestClient:
    # A crash must show up as the 500 a real client would see, not as an exception in the check.
    return TestClient(load_module(answer).create_app(), raise_server_exceptions=False)


def stored(api: TestClient) -> Any:
    return api.get("/books/1").json()


def test_a_patch_keeps_the_fields_it_was_not_sent(answer: Path) -> None:
    api = client(answer)
    response = api.patch("/books/1", json={"year": 2015})
    assert response.status_code == 200
    assert response.json() == {**PRO_GIT, "year": 2015}, "PATCH {year} must leave the title as it was"
    assert stored(api) == {**PRO_GIT, "year": 2015}
    assert api.patch("/books/1", json={"title": "Pro Git, 2nd edition"}).json()["year"] == 2015


def test_an_empty_patch_changes_nothing(answer: Path) -> None:
    api = client(answer)
    assert api.patch("/books/1", json={}).status_code == 200
    assert stored(api) == PRO_GIT


def test_a_missing_book_is_404(answer: Path) -> None:
    status = client(answer).patch("/books/99", json={"year": 2015}).status_code
    assert status == 404, f"PATCH on a book that does not exist got {status}; a client must not retry this"


@pytest.mark.parametrize("change", [{"title": None}, {"year": None}], ids=["null-title", "null-year"])
def test_a_change_that_leaves_an_invalid_book_is_422(answer: Path, change: dict[str, Any]) -> None:
    api = client(answer)
    response = api.patch("/books/1", json=change)
    assert response.status_code == 422, f"{change} would store a book without a required field"
    assert stored(api) == PRO_GIT, "a refused PATCH must not change the book"


def test_an_unknown_field_is_422(answer: Path) -> None:
    api = client(answer)
    response = api.patch("/books/1", json={"titel": "Typo"})
    assert response.status_code == 422, "a misspelled field was dropped silently: the client thinks it saved"
    assert stored(api) == PRO_GIT


@pytest.mark.starter_passes
def test_a_wrong_type_is_422(answer: Path) -> None:
    api = client(answer)
    assert api.patch("/books/1", json={"year": "twenty fifteen"}).status_code == 422
    assert stored(api) == PRO_GIT
