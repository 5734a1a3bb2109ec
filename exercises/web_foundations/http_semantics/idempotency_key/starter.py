"""Exercise: the same book three times.

Symptom: the API documentation promises that `POST /books` honors an `Idempotency-Key` header, and the mobile
app sends one, reusing it when it retries after a timeout on a train's flaky Wi-Fi. Yet the catalog has the
same book three times, with three ids, created seconds apart.

Diagnose it with the check (`make exercise ID=web_foundations/http_semantics/idempotency_key`), then make a
repeated key return the first response instead of creating again, and refuse a key reused for a different
request (draft-ietf-httpapi-idempotency-key-header).
"""

from __future__ import annotations

import itertools

from fastapi import FastAPI, Header, Response
from pydantic import BaseModel


class NewBook(BaseModel):
    title: str
    year: int


def create_app() -> FastAPI:
    app = FastAPI()
    books: dict[int, dict[str, str | int]] = {}
    ids = itertools.count(1)
    app.state.books = books  # the check counts what was stored

    @app.post("/books", status_code=201)
    def create_book(
        book: NewBook, response: Response, idempotency_key: str | None = Header(default=None)
    ) -> dict[str, str | int]:
        book_id = next(ids)
        books[book_id] = {"id": book_id, **book.model_dump()}
        response.headers["Location"] = f"/books/{book_id}"
        return books[book_id]

    return app
