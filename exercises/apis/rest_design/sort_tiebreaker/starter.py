"""Exercise: the alphabetical list that loses books.

Symptom: the catalog's "A to Z" view pages through `GET /v1/books?sort=title&limit=20`. A librarian reports that
of the three books called "Foundation", only one appears, and that the 2019 novels vanish from the "newest first"
view (`sort=-year`) once there are more of them than fit on a page. The same books show up when the page size is
large. Separately, the error log shows a 500 whenever someone changes the sort order while paging.

Diagnose it with the check (`make exercise ID=apis/rest_design/sort_tiebreaker`). The cursor records only the
last sort value, and the next page asks for rows strictly after it, so rows that share that value with the last
row of a page are skipped. Make the order total with a unique tie-breaker, carry it in the cursor, and reject a
cursor that was issued for a different sort order with a 400 problem.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import FastAPI, Query

from examples.apis.rest_design.models import Book, BookIn, BookStore
from examples.apis.rest_design.problems import PROBLEM_TYPES, Problem, ProblemType, install_problem_handlers

# The allow-list of sort orders: a caller never names a field directly.
SORTS: dict[str, Callable[[Book], Any]] = {
    "title": lambda book: book.title,
    "-year": lambda book: -book.year,  # newest first
}
INVALID_SORT = ProblemType("invalid-sort", "Unsupported sort order", 400, "Use one of the values listed in `allowed`.")


def encode_cursor(after: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": after}).encode()).decode()


def decode_cursor(cursor: str) -> Any:
    try:
        return json.loads(base64.urlsafe_b64decode(cursor.encode()))["after"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise Problem(PROBLEM_TYPES["invalid-cursor"], "The cursor is not one this API issued.") from None


def create_app(seed: list[dict[str, Any]] | None = None) -> FastAPI:
    """The list endpoint of the books API; `seed` fills the catalog (the check passes its own books)."""
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
        key = SORTS[sort]
        rows = sorted(store.books.values(), key=key)
        if cursor:
            after = decode_cursor(cursor)
            rows = [book for book in rows if key(book) > after]
        window = rows[: limit + 1]  # one extra row says "there is more"
        items = window[:limit]
        next_cursor = encode_cursor(key(items[-1])) if len(window) > limit else None
        return {"items": [book.model_dump() for book in items], "next_cursor": next_cursor}

    return app
