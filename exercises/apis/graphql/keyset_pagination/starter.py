"""Exercise: the book list that loaded the whole table and skipped books.

Symptom: `books(first:, after:)` pages through the catalog. A partner's script asked for `first: 100000` and the
server read every row into memory; another client asked for `first: -3` and got almost the whole catalog; and an
app that pages while editors remove books sometimes never shows some of them.

Diagnose it with the check (`make exercise ID=apis/graphql/keyset_pagination`). The resolver reads the whole
table and slices it in Python, accepts any `first`, and its "opaque" cursor is just an offset, which shifts when
an earlier row disappears. Cap `first` at 50 (and refuse values below 1), read only the rows of one page from the
database, and make the cursor point at the last book seen (keyset pagination), not at a position.
"""

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


def encode(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode(cursor: str) -> int:
    return int(base64.urlsafe_b64decode(cursor.encode()).decode().removeprefix("offset:"))


@strawberry.type
class Query:
    @strawberry.field
    def books(self, info: strawberry.Info, first: int = 20, after: str | None = None) -> BookPage:
        library: Library = info.context["library"]
        start = decode(after) if after else 0
        rows = library.run("SELECT id, title FROM books ORDER BY id")
        page = rows[start : start + first]
        return BookPage(
            items=[Book(id=strawberry.ID(str(row[0])), title=row[1]) for row in page],
            end_cursor=encode(start + len(page)) if page else after,
            has_next_page=start + len(page) < len(rows),
        )


def create_app(library: Library) -> FastAPI:
    async def context() -> dict[str, Any]:
        return {"library": library}

    app = FastAPI()
    app.include_router(GraphQLRouter(strawberry.Schema(query=Query), context_getter=context), prefix="/graphql")
    return app
