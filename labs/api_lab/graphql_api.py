"""A read-only GraphQL view of the same store, with a DataLoader for authors."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from fastapi import Depends, Request
from strawberry.dataloader import DataLoader
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter
from strawberry.fastapi import GraphQLRouter

from labs.api_lab.ratelimit import limited
from labs.api_lab.store import AuthorRow, BookRow, Store


@strawberry.type
class Author:
    id: int
    name: str

    @strawberry.field
    def books(self, info: strawberry.Info) -> list[Book]:
        store: Store = info.context["store"]
        return [Book.of(b) for b in store.books.values() if b.author_id == self.id]


@strawberry.type
class Book:
    id: int
    title: str
    year: int
    author_id: strawberry.Private[int]

    @staticmethod
    def of(row: BookRow) -> Book:
        return Book(id=row.id, title=row.title, year=row.year, author_id=row.author_id)

    @strawberry.field
    async def author(self, info: strawberry.Info) -> Author | None:
        row: AuthorRow | None = await info.context["authors"].load(self.author_id)
        return Author(id=row.id, name=row.name) if row else None


@strawberry.type
class Query:
    @strawberry.field
    def books(self, info: strawberry.Info, first: int = 20) -> list[Book]:
        store: Store = info.context["store"]
        return [Book.of(b) for b in store.books_after(0, min(first, 100))]  # capped, like the REST API


schema = strawberry.Schema(
    query=Query,
    extensions=[lambda: QueryDepthLimiter(max_depth=5), lambda: MaxAliasesLimiter(max_alias_count=10)],
)


async def context(
    request: Request, claims: Annotated[dict[str, Any], Depends(limited("books:read"))]
) -> dict[str, Any]:
    store: Store = request.app.state.store

    async def load_authors(ids: list[int]) -> list[AuthorRow | None]:
        return store.authors_by_ids(ids)

    return {"store": store, "claims": claims, "authors": DataLoader(load_fn=load_authors)}


def router() -> GraphQLRouter:
    return GraphQLRouter(schema, context_getter=context)
