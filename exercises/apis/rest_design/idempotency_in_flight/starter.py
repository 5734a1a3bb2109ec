"""Exercise: duplicate books although every client sends an Idempotency-Key.

Symptom: creating a book calls the ISBN registry, which sometimes takes a few seconds. The mobile app gives up
after two seconds and retries with the same Idempotency-Key, exactly as the API documentation asks. Yet the
catalog keeps getting the same book twice, with two ids, a few seconds apart.

Diagnose it with the check (`make exercise ID=apis/rest_design/idempotency_in_flight`): the key is only recorded
once the first request has finished, so a retry that arrives while the first attempt is still running is treated
as new. Make such a retry get `409 Conflict` as problem details, and keep what already works: a retry after the
first request has finished replays its response, and a first attempt that fails does not block the key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import FastAPI, Header, Response, status

from examples.apis.rest_design.app import fingerprint
from examples.apis.rest_design.models import Book, BookIn, BookStore
from examples.apis.rest_design.problems import PROBLEM_TYPES, Problem, install_problem_handlers


def create_app(register_isbn: Callable[[BookIn], None] = lambda book: None) -> FastAPI:
    """`register_isbn` is the slow call to the ISBN registry (the check passes one it controls)."""
    app = FastAPI()
    install_problem_handlers(app)
    store = app.state.store = BookStore()
    seen_keys: dict[str, tuple[str, dict[str, Any]]] = {}

    @app.post("/v1/books", status_code=status.HTTP_201_CREATED, response_model=Book)
    def create_book(
        body: BookIn, response: Response, idempotency_key: Annotated[str | None, Header(max_length=255)] = None
    ) -> Any:
        if idempotency_key is None:
            raise Problem(PROBLEM_TYPES["idempotency-key-missing"], "This POST needs an Idempotency-Key header.")
        request_print = fingerprint(body)
        if idempotency_key in seen_keys:
            stored_print, stored_body = seen_keys[idempotency_key]
            if stored_print != request_print:
                raise Problem(PROBLEM_TYPES["idempotency-key-reused"], "This key was used with a different body.")
            response.headers["Location"] = f"/v1/books/{stored_body['id']}"
            return stored_body
        register_isbn(body)
        book = store.add(body)
        seen_keys[idempotency_key] = (request_print, book.model_dump())
        response.headers["Location"] = f"/v1/books/{book.id}"
        return book

    return app
