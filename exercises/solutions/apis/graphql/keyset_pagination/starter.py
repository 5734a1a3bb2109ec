"""A reference solution: `first` is checked and capped at 50, the cursor carries the last id seen, and the SQL
reads one page plus one row (`WHERE id > ? ORDER BY id LIMIT ?`) to tell whether another page follows."""

# No `from __future__ import annotations`: strawberry resolves the types below at runtime.
import base64
from typing import Any

import strawberry
from fastapi import FastAPI
from strawberry.fastapi import GraphQLRouter

from examples.apis.graphql_dataloader.schema import Library


@strawberry.type
class Book:
    id: strawberry.ID
    title: str


@strawberry.type
class BookPage:
    items: list[Book]
    end_cursor: str | None  # pass it as `after` to get the next page
    has_next_page: bool


MAX_PAGE = 50


def encode(last_id: int) -> str:
    # Opaque to clients, but it names the last book seen, not a position that shifts when rows go.
    return base64.urlsafe_b64encode(f"book:{last_id}".encode()).decode()


def decode(cursor: str) -> int:
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if kind != "book":
            raise ValueError(kind)
        return int(value)
    except ValueError as error:  # binascii.Error and UnicodeDecodeError are ValueErrors too
        raise ValueError("after is not a cursor this API issued") from error


@strawberry.type
class Query:
    @strawberry.field
    def books(self, info: strawberry.Info, first: int = 20, after: str | None = None) -> BookPage:
        if first < 1:
            raise ValueError("first must be at least 1")
        size = min(first, MAX_PAGE)
        library: Library = info.context["library"]
        # Keyset: continue after the last id seen, and read one row more than the page to learn if there is a next.
        rows = library.run(
            "SELECT id, title FROM books WHERE id > ? ORDER BY id LIMIT ?", (decode(after) if after else 0, size + 1)
        )
        page = rows[:size]
        return BookPage(
            items=[Book(id=strawberry.ID(str(row[0])), title=row[1]) for row in page],
            end_cursor=encode(page[-1][0]) if page else after,
            has_next_page=len(rows) > size,
        )


def create_app(library: Library) -> FastAPI:
    async def context() -> dict[str, Any]:
        return {"library": library}

    app = FastAPI()
    app.include_router(GraphQLRouter(strawberry.Schema(query=Query), context_getter=context), prefix="/graphql")
    return app
