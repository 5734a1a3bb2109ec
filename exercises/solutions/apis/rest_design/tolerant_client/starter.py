"""A reference solution: a tolerant reader. Known values get special treatment, unknown ones pass through, and the
representation goes back to the server whole, with only the intended change."""

from __future__ import annotations

from typing import Any, Protocol

import httpx


class Http(Protocol):
    def get(self, url: str) -> httpx.Response: ...
    def put(self, url: str, *, json: object, headers: dict[str, str]) -> httpx.Response: ...


# The formats this client has special labels for; the API documents the list as extensible, so others will come.
LABELS = {"hardcover": "Hardcover", "paperback": "Paperback", "ebook": "E-book"}


def shelf_label(book: dict[str, Any]) -> str:
    value = str(book.get("format") or "")
    # An unknown value still tells the reader something: show the server's own word rather than fail.
    return LABELS.get(value) or value.replace("_", " ").replace("-", " ").capitalize() or "Other format"


def update_year(http: Http, book_id: int, year: int) -> None:
    url = f"/v1/books/{book_id}"
    read = http.get(url)
    read.raise_for_status()
    # Keep the representation as received: fields and values this client does not model go back untouched.
    book = read.json() | {"year": year}
    saved = http.put(url, json=book, headers={"If-Match": read.headers["ETag"]})
    saved.raise_for_status()
