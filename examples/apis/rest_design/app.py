"""A small REST API for books that shows the design rules of the lesson.

- resources under a versioned prefix (`/v1/books`, `/v1/books/{id}`)
- errors as RFC 9457 problem details (`application/problem+json`), see problems.py
- keyset (cursor) pagination with a `next` link, and a filter
- conditional requests with ETags (304 Not Modified, 412 and 428) and a PUT that accepts what GET returned
- an `Idempotency-Key` on POST so a retried create does not create twice
- a long-running import behind 202 Accepted and an operation resource, see operations.py
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Header, Query, Response, status
from pydantic import BaseModel, Field

from examples.apis.rest_design.models import Book, BookIn, BookReplace, BookStore
from examples.apis.rest_design.operations import install_imports
from examples.apis.rest_design.problems import PROBLEM_TYPES, Problem, install_problem_handlers


class BookPage(BaseModel):
    items: list[Book]
    next_cursor: str | None = Field(description="Pass as `cursor` to get the next page; null on the last page.")
    next: str | None = Field(description="Link to the next page (same filter and limit); null on the last page.")


# --8<-- [start:pagination]
def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": last_id}).encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        after = json.loads(base64.urlsafe_b64decode(cursor.encode()))["after"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        after = None
    if not isinstance(after, int):
        raise Problem(PROBLEM_TYPES["invalid-cursor"], "The cursor is not one this API issued.")
    return after


def page_of_books(books: dict[int, Book], limit: int, cursor: str | None, author: str | None) -> BookPage:
    after = decode_cursor(cursor) if cursor else 0
    matching = (b for b_id, b in sorted(books.items()) if b_id > after and (author is None or b.author == author))
    window = [b for _, b in zip(range(limit + 1), matching, strict=False)]  # one extra row says "there is more"
    items = window[:limit]
    if len(window) <= limit:
        return BookPage(items=items, next_cursor=None, next=None)
    next_cursor = encode_cursor(items[-1].id)
    query = {"limit": limit} | ({"author": author} if author else {}) | {"cursor": next_cursor}
    return BookPage(items=items, next_cursor=next_cursor, next=f"/v1/books?{urlencode(query)}")


# --8<-- [end:pagination]


# --8<-- [start:etag]
def etag_of(book: Book) -> str:
    digest = hashlib.sha256(book.model_dump_json().encode()).hexdigest()[:20]
    return f'"{digest}"'  # a strong validator: quoted, changes whenever the representation changes


def listed_tags(header: str) -> list[str]:
    return [part.strip() for part in header.split(",")]


def strong_match(if_match: str, etag: str) -> bool:
    """If-Match uses strong comparison (RFC 9110, 13.1.1): a weak tag never matches."""
    return if_match.strip() == "*" or etag in listed_tags(if_match)


def weak_match(if_none_match: str, etag: str) -> bool:
    """If-None-Match uses weak comparison (13.1.2): W/"x" matches "x", since a proxy that compresses may weaken it."""
    return if_none_match.strip() == "*" or etag in (tag.removeprefix("W/") for tag in listed_tags(if_none_match))


# --8<-- [end:etag]


def fingerprint(body: BookIn) -> str:
    return hashlib.sha256(body.model_dump_json().encode()).hexdigest()


def create_app() -> FastAPI:
    app = FastAPI(title="Books API", version="1.0.0")
    install_problem_handlers(app)
    store = app.state.store = BookStore()
    # Idempotency-Key -> (request fingerprint, stored response body). A real service keeps this in a
    # database or Redis with an expiry, written in the same transaction as the resource.
    seen_keys: dict[str, tuple[str, dict[str, Any]]] = {}

    @app.get("/v1/books", response_model=BookPage)
    def list_books(
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        cursor: str | None = None,
        author: str | None = None,
    ) -> BookPage:
        return page_of_books(store.books, limit, cursor, author)

    # --8<-- [start:idempotency]
    @app.post("/v1/books", status_code=status.HTTP_201_CREATED, response_model=Book)
    def create_book(
        body: BookIn,
        response: Response,
        idempotency_key: Annotated[str | None, Header(max_length=255)] = None,
    ) -> Any:
        if idempotency_key is None:
            raise Problem(PROBLEM_TYPES["idempotency-key-missing"], "This POST needs an Idempotency-Key header.")
        request_print = fingerprint(body)
        if idempotency_key in seen_keys:
            stored_print, stored_body = seen_keys[idempotency_key]
            if stored_print != request_print:
                raise Problem(PROBLEM_TYPES["idempotency-key-reused"], "This key was used with a different body.")
            response.headers["Location"] = f"/v1/books/{stored_body['id']}"
            return stored_body  # the same answer as the first time; nothing is created
        book = store.add(body)
        seen_keys[idempotency_key] = (request_print, book.model_dump())
        response.headers["Location"] = f"/v1/books/{book.id}"
        return book

    # --8<-- [end:idempotency]

    # --8<-- [start:conditional]
    @app.get("/v1/books/{book_id}", response_model=Book, responses={304: {"description": "Not modified"}})
    def get_book(book_id: int, response: Response, if_none_match: Annotated[str | None, Header()] = None) -> Any:
        book = store.get(book_id)
        etag = etag_of(book)
        if if_none_match is not None and weak_match(if_none_match, etag):
            return Response(status_code=304, headers={"ETag": etag})
        response.headers["ETag"] = etag
        return book

    @app.put("/v1/books/{book_id}", response_model=Book)
    def replace_book(
        book_id: int, body: BookReplace, response: Response, if_match: Annotated[str | None, Header()] = None
    ) -> Book:
        current = store.get(book_id)
        if if_match is None:
            raise Problem(428, "Send If-Match with the ETag from your last GET of this book.")
        if not strong_match(if_match, etag_of(current)):
            raise Problem(
                412, "The book changed since you read it: GET it again, reapply your edit, send the new ETag."
            )
        if body.id is not None and body.id != book_id:
            raise Problem(PROBLEM_TYPES["id-mismatch"], f"The body has id {body.id} but the URI names book {book_id}.")
        book = store.books[book_id] = Book(**(body.model_dump() | {"id": book_id}))
        if body.id is not None:
            # RFC 9110 (9.3.4) allows a validator in a PUT response only when the server stored what it was sent.
            # With the id included it did; without it, the server added the id, so the client must GET the new ETag.
            response.headers["ETag"] = etag_of(book)
        return book

    # --8<-- [end:conditional]

    @app.delete("/v1/books/{book_id}", status_code=status.HTTP_204_NO_CONTENT)
    def delete_book(book_id: int) -> Response:
        store.books.pop(book_id, None)  # deleting twice has the same effect as once: DELETE is idempotent
        return Response(status_code=204)

    install_imports(app, store)
    return app


app = create_app()
