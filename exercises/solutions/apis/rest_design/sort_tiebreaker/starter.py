"""A reference solution: a total order (sort value, then the unique id), carried whole in a cursor that also names
the sort order it belongs to."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import FastAPI, Query

from examples.apis.rest_design.models import Book, BookIn, BookStore
from examples.apis.rest_design.problems import PROBLEM_TYPES, Problem, ProblemType, install_problem_handlers

SORTS: dict[str, Callable[[Book], Any]] = {
    "title": lambda book: book.title,
    "-year": lambda book: -book.year,  # newest first
}
INVALID_SORT = ProblemType("invalid-sort", "Unsupported sort order", 400, "Use one of the values listed in `allowed`.")


def position(sort: str, book: Book) -> tuple[Any, int]:
    """Where a book sits in a sort order. The id breaks ties, so no two books share a position; in SQL this is
    `ORDER BY title, id` with `WHERE (title, id) > (:title, :id)` and an index on (title, id)."""
    return SORTS[sort](book), book.id


def invalid_cursor() -> Problem:
    return Problem(PROBLEM_TYPES["invalid-cursor"], "The cursor was not issued by this API for this sort order.")


def encode_cursor(sort: str, after: tuple[Any, int]) -> str:
    return base64.urlsafe_b64encode(json.dumps({"sort": sort, "after": list(after)}).encode()).decode()


def decode_cursor(cursor: str, sort: str) -> tuple[Any, int]:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        value, book_id = data["after"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise invalid_cursor() from None
    if data.get("sort") != sort or not isinstance(book_id, int):
        raise invalid_cursor()  # a position in one order means nothing in another
    return value, book_id


def create_app(seed: list[dict[str, Any]] | None = None) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    store = app.state.store = BookStore()
    for book in seed or []:
        store.add(BookIn(**book))

    @app.get("/v1/books")
    def list_books(
        limit: Annotated[int, Query(ge=1, le=100)] = 20, cursor: str | None = None, sort: str = "title"
    ) -> dict[str, Any]:
        if sort not in SORTS:
            raise Problem(INVALID_SORT, f"sort must be one of: {', '.join(SORTS)}.", allowed=list(SORTS))
        rows = sorted(store.books.values(), key=lambda book: position(sort, book))
        if cursor:
            after = decode_cursor(cursor, sort)
            try:
                rows = [book for book in rows if position(sort, book) > after]
            except TypeError:  # a forged value of the wrong type for this order
                raise invalid_cursor() from None
        window = rows[: limit + 1]
        items = window[:limit]
        next_cursor = encode_cursor(sort, position(sort, items[-1])) if len(window) > limit else None
        return {"items": [book.model_dump() for book in items], "next_cursor": next_cursor}

    return app
