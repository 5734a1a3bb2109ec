"""Exercise: a PATCH endpoint that loses edits and stores garbage.

Symptom: the web app's new "edit year" button sends `PATCH /v1/books/{id}` with just the field that changed.
Since it shipped, support has three kinds of ticket: two editors fix the same book and one fix silently
disappears; one book now comes back with `"year": "nineteen-sixty-nine"`, a string where the documented type is
an integer, and the mobile app crashes on it; and a partner's tool sends its patches as plain `application/json`,
so nothing says which patch format they are in.

Diagnose it with the check (`make exercise ID=apis/rest_design/patch_merge`), then make PATCH a real JSON Merge
Patch (RFC 7396): guarded by If-Match like PUT, validated as a whole book before anything is stored, answering
with the new ETag, and refusing content types it does not understand (RFC 5789).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from examples.apis.rest_design.app import create_app as create_books_api
from examples.apis.rest_design.models import Book


def create_app() -> FastAPI:
    """The books API from the lesson, plus a PATCH on one book."""
    app = create_books_api()
    store = app.state.store

    @app.patch("/v1/books/{book_id}", response_model=Book)
    def patch_book(book_id: int, changes: dict[str, Any]) -> Book:
        current = store.get(book_id)
        updated = current.model_copy(update=changes)  # the sent fields over the stored ones
        store.books[book_id] = updated
        return updated

    return app
