"""Exercise: every signed-in reader could read every author's private email address.

Symptom: authors' contact emails were added to the schema for the editorial back office. A penetration test then
showed that any signed-in reader gets them with `{ books { author { name email } } }`, and also through
`{ authors { email } }`: the back office hides the field, the API does not.

Diagnose it with the check (`make exercise ID=apis/graphql/email_field_auth`). Only users whose record says
`admin` may read `Author.email`, by whatever path they reach it. Everyone else must still get the rest of the
response, with an error for each email they asked for.
"""

# No `from __future__ import annotations`: strawberry resolves the types below at runtime.
from typing import Any

import strawberry
from fastapi import FastAPI, Request
from strawberry.fastapi import GraphQLRouter

AUTHORS = {1: ("Ursula K. Le Guin", "ursula@example.org"), 2: ("Octavia E. Butler", "octavia@example.org")}
BOOKS = [(1, "The Dispossessed", 1), (2, "Kindred", 2), (3, "A Wizard of Earthsea", 1)]
USERS = {"token-reader": {"name": "rita", "admin": False}, "token-editor": {"name": "ed", "admin": True}}


@strawberry.type
class Author:
    id: strawberry.ID
    name: str
    email: str


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
