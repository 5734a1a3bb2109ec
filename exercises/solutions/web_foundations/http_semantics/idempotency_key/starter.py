"""A reference solution: remember each key with a fingerprint of its request and the response it got.

A production API keeps this record in the same database transaction as the insert, expires it after a day or
so, and scopes keys to the authenticated client; the rest-design lesson handles a retry that arrives while the
first attempt is still running.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass

from fastapi import FastAPI, Header, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel


class NewBook(BaseModel):
    title: str
    year: int


@dataclass(frozen=True)
class Outcome:
    fingerprint: str  # what the request asked for, to spot a key reused for something else
    body: dict[str, str | int]
    location: str


def fingerprint(book: NewBook) -> str:
    return hashlib.sha256(json.dumps(book.model_dump(), sort_keys=True).encode()).hexdigest()


def create_app() -> FastAPI:
    app = FastAPI()
    books: dict[int, dict[str, str | int]] = {}
    outcomes: dict[str, Outcome] = {}
    ids = itertools.count(1)
    app.state.books = books

    @app.post("/books", status_code=201)
    def create_book(book: NewBook, idempotency_key: str | None = Header(default=None)) -> Response:
        if idempotency_key is not None and idempotency_key in outcomes:
            seen = outcomes[idempotency_key]
            if seen.fingerprint != fingerprint(book):
                detail = "this Idempotency-Key was used for a different request"
                return JSONResponse({"detail": detail}, status_code=422)
            # The same request again: answer exactly as the first time, and create nothing.
            return JSONResponse(seen.body, status_code=201, headers={"Location": seen.location})
        book_id = next(ids)
        books[book_id] = {"id": book_id, **book.model_dump()}
        outcome = Outcome(fingerprint(book), books[book_id], f"/books/{book_id}")
        if idempotency_key is not None:
            outcomes[idempotency_key] = outcome
        return JSONResponse(outcome.body, status_code=201, headers={"Location": outcome.location})

    return app
