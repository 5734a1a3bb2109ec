"""A GraphQL schema over a small library database, with and without a DataLoader.

`Library` wraps an SQLite database and counts the queries it sends, so the tests can show the N+1
problem and its fix in numbers rather than in theory.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any

import strawberry
from fastapi import FastAPI
from strawberry.dataloader import DataLoader
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter
from strawberry.fastapi import GraphQLRouter


@dataclass
class Library:
    conn: sqlite3.Connection
    queries: list[str] = field(default_factory=list)

    def run(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        self.queries.append(sql)
        return self.conn.execute(sql, params).fetchall()


def create_library() -> Library:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.executescript(
        """
        CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author_id INTEGER REFERENCES authors(id));
        INSERT INTO authors VALUES (1, 'Ursula K. Le Guin'), (2, 'Octavia E. Butler'), (3, 'Frank Herbert');
        INSERT INTO books VALUES (1, 'The Dispossessed', 1), (2, 'Kindred', 2), (3, 'Dune', 3),
                                 (4, 'A Wizard of Earthsea', 1), (5, 'Parable of the Sower', 2);
        """
    )
    return Library(conn)


# --8<-- [start:types]
@strawberry.type
class Author:
    id: strawberry.ID
    name: str

    @strawberry.field
    def books(self, info: strawberry.Info) -> list[Book]:
        library: Library = info.context["library"]
        rows = library.run("SELECT id, title, author_id FROM books WHERE author_id = ? ORDER BY id", (int(self.id),))
        return [Book(id=strawberry.ID(str(r[0])), title=r[1], author_id=r[2]) for r in rows]


@strawberry.type
class Book:
    id: strawberry.ID
    title: str
    author_id: strawberry.Private[int]  # used by resolvers, not part of the schema

    @strawberry.field
    async def author(self, info: strawberry.Info) -> Author:
        if info.context["use_loader"]:
            return await info.context["author_loader"].load(self.author_id)
        # The naive resolver: one query per book, so a list of N books costs 1 + N queries.
        library: Library = info.context["library"]
        (row,) = library.run("SELECT id, name FROM authors WHERE id = ?", (self.author_id,))
        return Author(id=strawberry.ID(str(row[0])), name=row[1])


# --8<-- [end:types]


@strawberry.input
class NewBook:
    title: str
    author_id: int


@strawberry.type
class Query:
    @strawberry.field
    def books(self, info: strawberry.Info) -> list[Book]:
        library: Library = info.context["library"]
        rows = library.run("SELECT id, title, author_id FROM books ORDER BY id")
        return [Book(id=strawberry.ID(str(r[0])), title=r[1], author_id=r[2]) for r in rows]


@strawberry.type
class Mutation:
    @strawberry.mutation
    def add_book(self, info: strawberry.Info, book: NewBook) -> Book:
        library: Library = info.context["library"]
        if not library.run("SELECT 1 FROM authors WHERE id = ?", (book.author_id,)):
            raise ValueError(f"no author {book.author_id}")
        (row,) = library.run(
            "INSERT INTO books (title, author_id) VALUES (?, ?) RETURNING id", (book.title, book.author_id)
        )
        return Book(id=strawberry.ID(str(row[0])), title=book.title, author_id=book.author_id)


# --8<-- [start:subscription]
@strawberry.type
class Subscription:
    @strawberry.subscription
    async def new_books(self, info: strawberry.Info, poll_seconds: float = 0.01) -> AsyncGenerator[Book, None]:
        """Push each book added after the subscription started (served over WebSockets in production)."""
        library: Library = info.context["library"]
        ((last_id,),) = library.run("SELECT COALESCE(MAX(id), 0) FROM books")  # where the stream starts
        while True:
            rows = library.conn.execute("SELECT id, title, author_id FROM books WHERE id > ? ORDER BY id", (last_id,))
            for book_id, title, author_id in rows.fetchall():
                last_id = book_id
                yield Book(id=strawberry.ID(str(book_id)), title=title, author_id=author_id)
            await asyncio.sleep(poll_seconds)  # a real server would await a message broker instead of polling


# --8<-- [end:subscription]


def build_schema(max_depth: int = 5) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        # Factories, so every request gets fresh extension instances (strawberry 0.3xx deprecates instances).
        extensions=[lambda: QueryDepthLimiter(max_depth=max_depth), lambda: MaxAliasesLimiter(max_alias_count=15)],
    )


# --8<-- [start:loader]
def make_author_loader(library: Library) -> DataLoader[int, Author]:
    async def load_authors(ids: list[int]) -> list[Author | BaseException]:
        marks = ", ".join("?" for _ in ids)
        rows = library.run(f"SELECT id, name FROM authors WHERE id IN ({marks})", tuple(ids))  # noqa: S608 (only ?s)
        by_id = {r[0]: Author(id=strawberry.ID(str(r[0])), name=r[1]) for r in rows}
        # One slot per key, in the order of `ids`: a missing author becomes an error for that key only.
        return [by_id.get(i) or LookupError(f"no author {i}") for i in ids]

    return DataLoader(load_fn=load_authors)


def create_app(library: Library, *, use_loader: bool, max_depth: int = 5) -> FastAPI:
    schema = build_schema(max_depth)

    async def context() -> dict[str, Any]:
        # A new loader per request: its cache must never serve one user's data to another request.
        return {"library": library, "use_loader": use_loader, "author_loader": make_author_loader(library)}

    app = FastAPI()
    app.include_router(GraphQLRouter(schema, context_getter=context), prefix="/graphql")
    return app


# --8<-- [end:loader]
