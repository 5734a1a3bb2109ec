"""A reference solution: claim the Idempotency-Key before doing the work, and release it if the work fails."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import FastAPI, Header, Response, status

from examples.apis.rest_design.app import fingerprint
from examples.apis.rest_design.models import Book, BookIn, BookStore
from examples.apis.rest_design.problems import PROBLEM_TYPES, Problem, ProblemType, install_problem_handlers

KEY_IN_USE = ProblemType(
    "idempotency-key-in-use",
    "A request with this Idempotency-Key is still in progress",
    409,
    "Wait for the first request to finish, then retry with the same key to get its response.",
)


def create_app(register_isbn: Callable[[BookIn], None] = lambda book: None) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    store = app.state.store = BookStore()
    seen_keys: dict[str, tuple[str, dict[str, Any]]] = {}
    in_flight: dict[str, str] = {}  # key -> fingerprint of the request holding it
    # One lock makes "is the key free? then take it" a single step. In production the same step is an
    # INSERT of the key row that fails on a unique constraint, so it holds across processes too.
    lock = threading.Lock()

    @app.post("/v1/books", status_code=status.HTTP_201_CREATED, response_model=Book)
    def create_book(
        body: BookIn, response: Response, idempotency_key: Annotated[str | None, Header(max_length=255)] = None
    ) -> Any:
        if idempotency_key is None:
            raise Problem(PROBLEM_TYPES["idempotency-key-missing"], "This POST needs an Idempotency-Key header.")
        request_print = fingerprint(body)
        with lock:
            stored = seen_keys.get(idempotency_key)
            holder = in_flight.get(idempotency_key)
            if (stored and stored[0] != request_print) or (holder and holder != request_print):
                raise Problem(PROBLEM_TYPES["idempotency-key-reused"], "This key was used with a different body.")
            if holder:
                raise Problem(KEY_IN_USE, "The first request with this key has not finished yet.")
            if not stored:
                in_flight[idempotency_key] = request_print
        if stored:
            response.headers["Location"] = f"/v1/books/{stored[1]['id']}"
            return stored[1]
        try:
            register_isbn(body)
            book = store.add(body)
            with lock:
                seen_keys[idempotency_key] = (request_print, book.model_dump())
        finally:
            with lock:  # success or failure, the key is no longer in flight; a failure leaves it free for a retry
                in_flight.pop(idempotency_key, None)
        response.headers["Location"] = f"/v1/books/{book.id}"
        return book

    return app
