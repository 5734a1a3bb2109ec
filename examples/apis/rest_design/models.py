"""The books resource: what a client may send, what it gets back, and the store that hands out ids."""

from __future__ import annotations

import itertools

from pydantic import BaseModel, ConfigDict, Field

from examples.apis.rest_design.problems import Problem


class BookIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    author: str = Field(min_length=1, max_length=100)
    year: int = Field(ge=0, le=2100)


class Book(BookIn):
    # A response schema stays open: `additionalProperties: false` in the OpenAPI document would tell generated
    # clients to reject any field added later, turning a compatible change into a breaking one.
    model_config = ConfigDict(extra="ignore")

    id: int = Field(json_schema_extra={"readOnly": True})


# --8<-- [start:replace_model]
class BookReplace(BookIn):
    """The body of a PUT: the representation GET returned, with or without its read-only id."""

    id: int | None = Field(default=None, description="Read-only. If sent, it must equal the id in the URI.")


# --8<-- [end:replace_model]


# --8<-- [start:store]
class BookStore:
    """The catalog. Ids come from a counter that only moves forward, like a database sequence: an id derived from
    the current size (`len(books) + 1`) is handed out again after a delete and overwrites a live book."""

    def __init__(self) -> None:
        self.books: dict[int, Book] = {}
        self._ids = itertools.count(1)

    def add(self, body: BookIn) -> Book:
        book = Book(id=next(self._ids), **body.model_dump())
        self.books[book.id] = book
        return book

    def get(self, book_id: int) -> Book:
        if book_id not in self.books:
            raise Problem(404, f"There is no book {book_id}.")
        return self.books[book_id]


# --8<-- [end:store]
