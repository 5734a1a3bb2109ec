"""Acceptance check: the client survives a new enum value and a new field, and its GET-modify-PUT changes only what
it means to change. The server here is version 1.3 of the books API, which the client was not built against."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated, Any

import pytest
from fastapi import FastAPI, Header, HTTPException, Response
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict

from exercises import load_module

FORMATS_V1_3 = {"hardcover", "paperback", "ebook", "audiobook"}  # "audiobook" is new in 1.3


class BookV13(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int
    title: str
    author: str
    year: int
    format: str
    language: str | None = None  # new, optional: a PUT that leaves it out clears it, as PUT replaces the book


def catalog_v1_3(books: list[dict[str, Any]]) -> FastAPI:
    app = FastAPI()
    store = {book["id"]: BookV13(**book) for book in books}
    app.state.store = store

    def etag(book: BookV13) -> str:
        return '"' + hashlib.sha256(book.model_dump_json().encode()).hexdigest()[:16] + '"'

    @app.get("/v1/books/{book_id}")
    def read(book_id: int, response: Response) -> BookV13:
        response.headers["ETag"] = etag(store[book_id])
        return store[book_id]

    @app.put("/v1/books/{book_id}")
    def replace(book_id: int, body: BookV13, if_match: Annotated[str | None, Header()] = None) -> BookV13:
        if if_match != etag(store[book_id]):
            raise HTTPException(428 if if_match is None else 412)
        if body.id != book_id or body.format not in FORMATS_V1_3:
            raise HTTPException(422)  # the server still validates what it is sent
        store[book_id] = body
        return body

    return app


AUDIOBOOK = {"id": 1, "title": "Piranesi", "author": "Susanna Clarke", "year": 2021, "format": "audiobook"}
FRENCH = {"id": 2, "title": "Vernon Subutex", "author": "Virginie Despentes", "year": 2016, "format": "ebook"}
PLAIN = {"id": 3, "title": "Dune", "author": "Frank Herbert", "year": 1966, "format": "hardcover"}


def run_update(answer: Path, book: dict[str, Any], year: int) -> dict[str, Any]:
    app = catalog_v1_3([book])
    load_module(answer).update_year(TestClient(app), book["id"], year)
    return app.state.store[book["id"]].model_dump()


def test_updating_an_audiobook_keeps_its_format(answer: Path) -> None:
    assert run_update(answer, AUDIOBOOK, 2020) == AUDIOBOOK | {"year": 2020, "language": None}, (
        "a format value the client has never seen must pass through unchanged"
    )


def test_updating_a_book_keeps_fields_the_client_does_not_know(answer: Path) -> None:
    book = FRENCH | {"language": "fr"}
    assert run_update(answer, book, 2015) == book | {"year": 2015}, (
        "a PUT replaces the whole book: send back every field you received, not only the ones you model"
    )


def test_an_unknown_format_gets_a_generic_label(answer: Path) -> None:
    label = load_module(answer).shelf_label(AUDIOBOOK)
    assert isinstance(label, str) and "audiobook" in label.lower(), f"got {label!r}; show the server's value"


@pytest.mark.starter_passes
def test_known_formats_keep_their_labels(answer: Path) -> None:
    module = load_module(answer)
    assert [module.shelf_label(PLAIN | {"format": f}) for f in ("hardcover", "paperback", "ebook")] == [
        "Hardcover",
        "Paperback",
        "E-book",
    ]


@pytest.mark.starter_passes
def test_a_plain_update_still_works_and_sends_if_match(answer: Path) -> None:
    assert run_update(answer, PLAIN, 1965) == PLAIN | {"year": 1965, "language": None}


@pytest.mark.starter_passes
def test_a_rejected_put_is_not_silently_ignored(answer: Path) -> None:
    app = catalog_v1_3([PLAIN])
    client = TestClient(app)

    class EditedInBetween:  # someone else saves the book between this client's GET and PUT
        def get(self, url: str) -> Any:
            response = client.get(url)
            app.state.store[3] = BookV13(**(PLAIN | {"title": "Dune (revised)"}))
            return response

        def put(self, url: str, *, json: object, headers: dict[str, str]) -> Any:
            return client.put(url, json=json, headers=headers)

    with pytest.raises(Exception) as raised:
        load_module(answer).update_year(EditedInBetween(), 3, 1965)
    assert "412" in str(raised.value), "a 412 must surface as an error, not be swallowed"
    assert app.state.store[3].title == "Dune (revised)"
