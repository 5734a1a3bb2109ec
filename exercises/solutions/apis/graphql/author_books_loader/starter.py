"""A reference solution: Author.books goes through a second per-request DataLoader whose batch function runs one
`WHERE author_id IN (...)` query and returns a list per author id, empty when the author has no books."""

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
    async def books(self, info: strawberry.Info) -> list["Book"]:
        return await info.context["books_loader"].load(int(self.id))


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


def make_books_loader(library: Library) -> DataLoader[int, list[Book]]:
    async def load(author_ids: list[int]) -> list[list[Book]]:
        marks = ", ".join("?" for _ in author_ids)
        sql = f"SELECT id, title, author_id FROM books WHERE author_id IN ({marks}) ORDER BY id"  # noqa: S608 (only ?s)
        by_author: dict[int, list[Book]] = {author_id: [] for author_id in author_ids}
        for row in library.run(sql, tuple(author_ids)):
            by_author[row[2]].append(book_of(row))
        # One list per key, in the keys' order; an author without books gets [], which is an answer, not an error.
        return [by_author[author_id] for author_id in author_ids]

    return DataLoader(load_fn=load)


def create_app(library: Library) -> FastAPI:
    async def context() -> dict[str, Any]:
        # Both loaders are new for every request, so their caches never outlive it.
        return {
            "library": library,
            "author_loader": make_author_loader(library),
            "books_loader": make_books_loader(library),
        }

    app = FastAPI()
    app.include_router(GraphQLRouter(strawberry.Schema(query=Query), context_getter=context), prefix="/graphql")
    return app
