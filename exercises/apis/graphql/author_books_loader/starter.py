"""Exercise: the author page that got slower with every book in the catalog.

Symptom: the app's "more from this author" screen sends `{ books { author { books { title } } } }`. With the
five-book demo catalog it was instant; in production, with 40,000 books, one request takes seconds and the
database log shows one `SELECT ... FROM books WHERE author_id = ?` per book in the list.

Diagnose it with the check (`make exercise ID=apis/graphql/author_books_loader`). `Book.author` already goes
through a per-request DataLoader; `Author.books` still queries once per author object. Batch it with a second
DataLoader keyed by author id that returns a *list* of books per key, without changing any result.
"""

# No `from __future__ import annotations`: strawberry resolves the types below at runtime.
from typing import Any

import strawberry
from fastapi import FastAPI
from strawberry.dataloader import DataLoader
from strawberry.fastapi import GraphQLRouter

from examples.apis.graphql_dataloader.schema import Library


def book_of(row: tuple[Any, ...]) -> "Book":
    return Book(id=strawberry.ID(str(row[0])), title=row[1], author_id=row[2])


@strawberry.type
class Author:
    id: strawberry.ID
    name: str

    @strawberry.field
    def books(self, info: strawberry.Info) -> list["Book"]:
        library: Library = info.context["library"]
        rows = library.run("SELECT id, title, author_id FROM books WHERE author_id = ? ORDER BY id", (int(self.id),))
        return [book_of(row) for row in rows]


@strawberry.type
class Book:
    id: strawberry.ID
    title: str
    author_id: strawberry.Private[int]

    @strawberry.field
    async def author(self, info: strawberry.Info) -> Author:
        return await info.context["author_loader"].load(self.author_id)


@strawberry.type
class Query:
    @strawberry.field
    def books(self, info: strawberry.Info) -> list[Book]:
        return [
            book_of(row) for row in info.context["library"].run("SELECT id, title, author_id FROM books ORDER BY id")
        ]

    @strawberry.field
    def authors(self, info: strawberry.Info) -> list[Author]:
        rows = info.context["library"].run("SELECT id, name FROM authors ORDER BY id")
        return [Author(id=strawberry.ID(str(row[0])), name=row[1]) for row in rows]


def make_author_loader(library: Library) -> DataLoader[int, Author]:
    async def load(ids: list[int]) -> list[Author | BaseException]:
        marks = ", ".join("?" for _ in ids)
        rows = library.run(f"SELECT id, name FROM authors WHERE id IN ({marks})", tuple(ids))  # noqa: S608 (only ?s)
        by_id = {row[0]: Author(id=strawberry.ID(str(row[0])), name=row[1]) for row in rows}
        return [by_id.get(i) or LookupError(f"no author {i}") for i in ids]

    return DataLoader(load_fn=load)


def create_app(library: Library) -> FastAPI:
    async def context() -> dict[str, Any]:
        return {"library": library, "author_loader": make_author_loader(library)}

    app = FastAPI()
    app.include_router(GraphQLRouter(strawberry.Schema(query=Query), context_getter=context), prefix="/graphql")
    return app
