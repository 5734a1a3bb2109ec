"""A reference solution: PATCH as a JSON Merge Patch (RFC 7396) with the same guards as PUT."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import FastAPI, Header, Request, Response
from pydantic import ValidationError

from examples.apis.rest_design.app import create_app as create_books_api
from examples.apis.rest_design.app import etag_of, strong_match
from examples.apis.rest_design.models import Book, BookReplace
from examples.apis.rest_design.problems import PROBLEM_TYPES, Problem, validation_problem

MERGE_PATCH = "application/merge-patch+json"


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: an object merges member by member, null removes a member, any other value replaces."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = merge_patch(merged.get(name), value)
    return merged


def create_app() -> FastAPI:
    app = create_books_api()
    store = app.state.store

    @app.patch("/v1/books/{book_id}", response_model=Book)
    async def patch_book(
        book_id: int, request: Request, response: Response, if_match: Annotated[str | None, Header()] = None
    ) -> Book:
        current = store.get(book_id)
        # The body is read by hand: declaring it as a model would let FastAPI parse any JSON content type, and the
        # media type is what tells a merge patch from a JSON Patch (RFC 6902) document.
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != MERGE_PATCH:
            raise Problem(415, f"Send the changes as {MERGE_PATCH}.", headers={"Accept-Patch": MERGE_PATCH})
        if if_match is None:
            raise Problem(428, "Send If-Match with the ETag from your last GET of this book.")
        if not strong_match(if_match, etag_of(current)):
            raise Problem(412, "The book changed since you read it: GET it again and reapply your change.")
        try:
            changes = json.loads(await request.body())
        except ValueError:
            raise Problem(400, "The body is not valid JSON.") from None
        # Validate the whole result, not the patch: a patch is valid only if the book it produces is.
        try:
            result = BookReplace.model_validate(merge_patch(current.model_dump(), changes))
        except ValidationError as exc:
            raise validation_problem(list(exc.errors())) from None
        if result.id != book_id:
            raise Problem(PROBLEM_TYPES["id-mismatch"], f"The patch sets id {result.id} on book {book_id}.")
        book = store.books[book_id] = Book(**result.model_dump())
        response.headers["ETag"] = etag_of(book)
        return book

    return app
