"""Exercise: the storefront that broke when the catalog added audiobooks.

Symptom: version 1.3 of the books API started returning `"format": "audiobook"` and a new optional `language`
field. No endpoint changed, the release notes called it additive, and yet the storefront's "fix the year" tool now
crashes on every audiobook, its shelf labels raise errors, and French e-books that went through the tool have lost
their language.

Diagnose it with the check (`make exercise ID=apis/rest_design/tolerant_client`). This client parses responses
into a closed set of formats, as generated code often does, and writes back only the fields it knows, so a PUT
(which replaces the whole book) erases the rest. Make it a tolerant reader: accept format values it has never
seen, give them a sensible label, and send back every field it received, changing only the year.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

import httpx
from pydantic import BaseModel, ConfigDict


class Http(Protocol):
    def get(self, url: str) -> httpx.Response: ...
    def put(self, url: str, *, json: object, headers: dict[str, str]) -> httpx.Response: ...


class Format(StrEnum):  # the values version 1.2 of the API documented
    HARDCOVER = "hardcover"
    PAPERBACK = "paperback"
    EBOOK = "ebook"


class BookView(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: int
    title: str
    author: str
    year: int
    format: Format


LABELS = {Format.HARDCOVER: "Hardcover", Format.PAPERBACK: "Paperback", Format.EBOOK: "E-book"}


def shelf_label(book: dict[str, object]) -> str:
    """The label the storefront prints on a book's shelf card."""
    return LABELS[BookView.model_validate(book).format]


def update_year(http: Http, book_id: int, year: int) -> None:
    """Correct a book's publication year, guarded by If-Match so a concurrent edit is not overwritten."""
    url = f"/v1/books/{book_id}"
    read = http.get(url)
    read.raise_for_status()
    book = BookView.model_validate(read.json())
    book.year = year
    saved = http.put(url, json=book.model_dump(mode="json"), headers={"If-Match": read.headers["ETag"]})
    saved.raise_for_status()
