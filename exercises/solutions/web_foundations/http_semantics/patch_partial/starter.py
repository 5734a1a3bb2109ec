"""A reference solution: apply only the fields sent, then validate the whole book before storing it."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, ValidationError


class Book(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelled field is an error, not silently ignored

    id: int
    title: str
    year: int


def create_app() -> FastAPI:
    app = FastAPI()
    books: dict[int, Book] = {1: Book(id=1, title="Pro Git", year=2014)}

    @app.get("/books/{book_id}")
    def get_book(book_id: int) -> Any:
        if book_id not in books:
            return JSONResponse({"detail": "not found"}, status_code=404)
        return books[book_id].model_dump()

    @app.patch("/books/{book_id}")
    def patch_book(book_id: int, changes: dict[str, Any]) -> Any:
        if book_id not in books:
            return JSONResponse({"detail": "not found"}, status_code=404)
        if "id" in changes and changes["id"] != book_id:
            return JSONResponse({"detail": "id is read-only"}, status_code=422)
        # Merge only what was sent, then check the result as a whole: a null or a wrong type for a required
        # field fails here, before anything is stored.
        try:
            updated = Book.model_validate({**books[book_id].model_dump(), **changes})
        except ValidationError as error:
            return JSONResponse({"detail": error.errors(include_url=False)}, status_code=422)
        books[book_id] = updated
        return updated.model_dump()

    return app
