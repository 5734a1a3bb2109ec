"""The API lab service: REST + GraphQL over one store, with auth, rate limits and problem details.

Run it:  .venv/bin/uvicorn labs.api_lab.main:app --reload   then open http://127.0.0.1:8000/docs
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field

from labs.api_lab import graphql_api, problems
from labs.api_lab.auth import AuthSettings, token_endpoint
from labs.api_lab.problems import Problem
from labs.api_lab.ratelimit import TokenBucket, limited
from labs.api_lab.store import BookRow, Store, seeded


def store_of(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store_of)]
Reader = Annotated[dict[str, Any], Depends(limited("books:read"))]
Writer = Annotated[dict[str, Any], Depends(limited("books:write"))]


class BookIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=200)
    author_id: int = Field(ge=1)
    year: int = Field(ge=0, le=2100)


class BookOut(BaseModel):
    id: int
    title: str
    author_id: int
    year: int


class BookPage(BaseModel):
    items: list[BookOut]
    next_cursor: str | None


class TokenResponse(BaseModel):
    access_token: str
    token_type: str
    expires_in: int
    scope: str


@dataclass
class Settings:
    clients: dict[str, tuple[str, str]] = field(
        default_factory=lambda: {"lab-client": ("lab-secret-change-me", "books:read books:write")}
    )
    rate_capacity: int = 30
    rate_per_seconds: float = 60
    rate_clock: Callable[[], float] = time.monotonic
    token_clock: Callable[[], float] = time.time


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": last_id}).encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        after = json.loads(base64.urlsafe_b64decode(cursor.encode()))["after"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        after = None
    if not isinstance(after, int):
        raise Problem(400, "Invalid cursor", "Use the next_cursor value from a previous page.", slug="invalid-cursor")
    return after


def out(row: BookRow) -> BookOut:
    return BookOut(id=row.id, title=row.title, author_id=row.author_id, year=row.year)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="API lab",
        version="1.0.0",
        description="Books over REST and GraphQL, with OAuth 2.0 client credentials, JWTs and rate limits.",
    )
    app.state.store = seeded()
    app.state.auth = AuthSettings(clients=settings.clients, clock=settings.token_clock)
    app.state.bucket = TokenBucket(settings.rate_capacity, settings.rate_per_seconds, settings.rate_clock)
    idempotency: dict[tuple[str, str], tuple[str, BookOut]] = {}  # (client, key) -> (body hash, result)
    problems.install(app)

    app.post("/oauth/token", response_model=TokenResponse, tags=["auth"], summary="Client credentials grant")(
        token_endpoint
    )

    @app.get("/v1/books", response_model=BookPage, tags=["books"])
    def list_books(
        store: StoreDep,
        _: Reader,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        cursor: str | None = None,
        author_id: int | None = None,
    ) -> BookPage:
        after = decode_cursor(cursor) if cursor else 0
        rows = store.books_after(after, limit + 1, author_id)
        items = [out(r) for r in rows[:limit]]
        return BookPage(items=items, next_cursor=encode_cursor(items[-1].id) if len(rows) > limit else None)

    @app.get("/v1/books/{book_id}", response_model=BookOut, tags=["books"])
    def get_book(book_id: int, store: StoreDep, _: Reader) -> BookOut:
        if book_id not in store.books:
            raise Problem(404, "Not found", f"There is no book {book_id}.", slug="not-found")
        return out(store.books[book_id])

    @app.post("/v1/books", response_model=BookOut, status_code=status.HTTP_201_CREATED, tags=["books"])
    def create_book(
        body: BookIn,
        response: Response,
        store: StoreDep,
        claims: Writer,
        idempotency_key: Annotated[str, Header(min_length=8, max_length=100)],
    ) -> BookOut:
        if body.author_id not in store.authors:
            raise Problem(422, "Unknown author", f"There is no author {body.author_id}.", slug="unknown-author")
        fingerprint = hashlib.sha256(body.model_dump_json().encode()).hexdigest()
        slot = (claims["sub"], idempotency_key)  # keys are scoped per client, so clients cannot collide
        if slot in idempotency:
            seen_print, result = idempotency[slot]
            if seen_print != fingerprint:
                raise Problem(
                    422, "Idempotency-Key reused", "Use a new key for a different request.", slug="key-reused"
                )
        else:
            result = out(store.add_book(body.title, body.author_id, body.year))
            idempotency[slot] = (fingerprint, result)
        response.headers["Location"] = f"/v1/books/{result.id}"
        return result

    app.include_router(graphql_api.router(), prefix="/graphql", tags=["graphql"])
    return app


app = create_app()
