"""Exercise: a PATCH that blanks the fields it was not sent.

Symptom: the app's "fix the year" screen sends `PATCH /books/1` with `{"year": 2015}`. Since it shipped, the
books it touched come back with `"title": null`. A PATCH for a book that was deleted answers
`500 Internal Server Error`, which the app's HTTP client retries again and again, and a client that misspelled
`title` as `titel` got `200` and believed its change was saved.

Diagnose it with the check (`make exercise ID=web_foundations/http_semantics/patch_partial`), then make PATCH
change only the fields it is sent (RFC 5789), answer 404 for a missing book, and refuse with 422 a change that
would leave an invalid book or that names a field books do not have.
"""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel


class BookChanges(BaseModel):
    title: str | None = None
    year: int | None = None


def create_app() -> FastAPI:
    app = FastAPI()
    books: dict[int, dict[str, str | int | None]] = {1: {"id": 1, "title": "Pro Git", "year": 2014}}

    @app.get("/books/{book_id}")
    def get_book(book_id: int) -> dict[str, str | int | None]:
        return books[book_id]

    @app.patch("/books/{book_id}")
    def patch_book(book_id: int, changes: BookChanges) -> dict[str, str | int | None]:
        book = books[book_id]
        book.update(changes.model_dump())
        return book

    return app
