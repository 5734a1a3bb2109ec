"""A reference solution: a permission class on Author.email itself, and the field made nullable, so readers get
null plus an error for each email and the rest of their data, whatever path they took."""

# No `from __future__ import annotations`: strawberry resolves the types below at runtime.
from typing import Any

import strawberry
from fastapi import FastAPI, Request
from strawberry.fastapi import GraphQLRouter
from strawberry.permission import BasePermission

AUTHORS = {1: ("Ursula K. Le Guin", "ursula@example.org"), 2: ("Octavia E. Butler", "octavia@example.org")}
BOOKS = [(1, "The Dispossessed", 1), (2, "Kindred", 2), (3, "A Wizard of Earthsea", 1)]
USERS = {"token-reader": {"name": "rita", "admin": False}, "token-editor": {"name": "ed", "admin": True}}


class IsAdmin(BasePermission):
    message = "only admins may read this field"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        user = info.context.get("user")  # the server's own record of the caller, never a client claim
        return bool(user and user["admin"])


@strawberry.type
class Author:
    id: strawberry.ID
    name: str
    # The check sits on the field, so every path to it (books, authors, anything added later) is covered.
    # Nullable: a refused field becomes null plus an error, instead of nulling its parents up to the root.
    email: str | None = strawberry.field(permission_classes=[IsAdmin])


def author(author_id: int) -> Author:
    name, email = AUTHORS[author_id]
    return Author(id=strawberry.ID(str(author_id)), name=name, email=email)


@strawberry.type
class Book:
    id: strawberry.ID
    title: str
    author: Author


@strawberry.type
class Query:
    @strawberry.field
    def books(self) -> list[Book]:
        return [Book(id=strawberry.ID(str(i)), title=t, author=author(a)) for i, t, a in BOOKS]

    @strawberry.field
    def authors(self) -> list[Author]:
        return [author(a) for a in AUTHORS]


def create_app() -> FastAPI:
    async def context(request: Request) -> dict[str, Any]:
        _, _, token = request.headers.get("authorization", "").partition(" ")
        return {"user": USERS.get(token)}  # None when not signed in

    app = FastAPI()
    app.include_router(GraphQLRouter(strawberry.Schema(query=Query), context_getter=context), prefix="/graphql")
    return app
