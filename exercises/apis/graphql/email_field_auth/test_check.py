"""Acceptance check: Author.email is readable by admins only, through every path in the graph; other callers get
every other field and one error per email field they asked for, and never see an address."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

READER = {"Authorization": "Bearer token-reader"}
EDITOR = {"Authorization": "Bearer token-editor"}
THROUGH_BOOKS = "{ books { title author { name email } } }"
THROUGH_AUTHORS = "{ authors { name email } }"


def ask(answer: Path, query: str, headers: dict[str, str] | None = None) -> tuple[dict[str, Any], str]:
    response = TestClient(load_module(answer).create_app()).post("/graphql", json={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json(), response.text


def test_a_reader_gets_everything_but_the_emails(answer: Path) -> None:
    body, text = ask(answer, THROUGH_BOOKS, READER)
    assert "@example.org" not in text, "an address reached a reader"
    books = (body.get("data") or {}).get("books")
    assert books is not None, "the whole result was lost: make the field nullable so one refusal stays local"
    assert [(b["title"], b["author"]["name"], b["author"]["email"]) for b in books] == [
        ("The Dispossessed", "Ursula K. Le Guin", None),
        ("Kindred", "Octavia E. Butler", None),
        ("A Wizard of Earthsea", "Ursula K. Le Guin", None),
    ]
    paths = sorted(tuple(error["path"]) for error in body.get("errors", []))
    assert paths == [("books", n, "author", "email") for n in range(3)], "one error per refused email field"


def test_every_path_to_the_field_is_guarded(answer: Path) -> None:
    for headers in (READER, None):
        body, text = ask(answer, THROUGH_AUTHORS, headers)
        assert "@example.org" not in text, f"authors {{ email }} leaked with headers {headers}"
        assert [a["name"] for a in body["data"]["authors"]] == ["Ursula K. Le Guin", "Octavia E. Butler"]


@pytest.mark.starter_passes
def test_an_admin_reads_the_emails(answer: Path) -> None:
    body, _ = ask(answer, THROUGH_BOOKS, EDITOR)
    assert not body.get("errors"), body.get("errors")
    assert body["data"]["books"][1]["author"]["email"] == "octavia@example.org"
    assert ask(answer, THROUGH_AUTHORS, EDITOR)[0]["data"]["authors"][0]["email"] == "ursula@example.org"


@pytest.mark.starter_passes
def test_queries_without_the_field_are_unaffected(answer: Path) -> None:
    body, _ = ask(answer, "{ books { title author { name } } }", READER)
    assert not body.get("errors") and len(body["data"]["books"]) == 3
