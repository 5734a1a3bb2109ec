"""A small REST API for books that shows the design rules of the lesson.

- resources under a versioned prefix (`/v1/books`, `/v1/books/{id}`)
- errors as RFC 9457 problem details (`application/problem+json`)
- keyset (cursor) pagination and a filter
- conditional requests with ETags (304 Not Modified, 412 and 428)
- an `Idempotency-Key` on POST so a retried create does not create twice
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Annotated, Any

from fastapi import FastAPI, Header, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"


# --8<-- [start:problem]
class Problem(Exception):
    """An error the API reports as an RFC 9457 problem details object."""

    def __init__(self, status: int, title: str, detail: str, type_: str = "about:blank", **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.type, self.extra = status, title, detail, type_, extra


def problem_response(request: Request, problem: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    body = {
        "type": problem.type,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "instance": request.url.path,
        **problem.extra,  # extension members, e.g. the list of invalid fields
    }
    return JSONResponse(body, status_code=problem.status, media_type=PROBLEM_JSON, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        problem = Problem(422, "Invalid request", f"{len(errors)} field(s) failed validation", errors=errors)
        return problem_response(request, problem)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Unknown routes (404) and wrong methods (405) get the same shape as our own errors.
        return problem_response(request, Problem(exc.status_code, str(exc.detail), str(exc.detail)), exc.headers)


# --8<-- [end:problem]


class BookIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    author: str = Field(min_length=1, max_length=100)
    year: int = Field(ge=0, le=2100)


class Book(BookIn):
    id: int


class BookPage(BaseModel):
    items: list[Book]
    next_cursor: str | None = Field(description="Pass as `cursor` to get the next page; null on the last page.")


# --8<-- [start:pagination]
def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": last_id}).encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        after = json.loads(base64.urlsafe_b64decode(cursor.encode()))["after"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise Problem(400, "Invalid cursor", "The cursor is not one this API issued.") from None
    if not isinstance(after, int):
        raise Problem(400, "Invalid cursor", "The cursor is not one this API issued.")
    return after


def page_of_books(books: dict[int, Book], limit: int, cursor: str | None, author: str | None) -> BookPage:
    after = decode_cursor(cursor) if cursor else 0
    matching = (b for b_id, b in sorted(books.items()) if b_id > after and (author is None or b.author == author))
    window = [b for _, b in zip(range(limit + 1), matching, strict=False)]  # one extra row says "there is more"
    items = window[:limit]
    next_cursor = encode_cursor(items[-1].id) if len(window) > limit else None
    return BookPage(items=items, next_cursor=next_cursor)


# --8<-- [end:pagination]


# --8<-- [start:etag]
def etag_of(book: Book) -> str:
    digest = hashlib.sha256(book.model_dump_json().encode()).hexdigest()[:20]
    return f'"{digest}"'  # a strong validator: quoted, changes whenever the representation changes


def matches(header: str | None, etag: str) -> bool:
    if header is None:
        return False
    return header.strip() == "*" or etag in (part.strip() for part in header.split(","))


# --8<-- [end:etag]


def fingerprint(body: BookIn) -> str:
    return hashlib.sha256(body.model_dump_json().encode()).hexdigest()


def create_app() -> FastAPI:
    app = FastAPI(title="Books API", version="1.0.0")
    install_problem_handlers(app)
    books: dict[int, Book] = {}
    # Idempotency-Key -> (request fingerprint, stored response body). A real service keeps this in a
    # database or Redis with an expiry, written in the same transaction as the resource.
    seen_keys: dict[str, tuple[str, dict[str, Any]]] = {}

    def get_or_404(book_id: int) -> Book:
        if book_id not in books:
            raise Problem(404, "Not found", f"There is no book {book_id}.")
        return books[book_id]

    @app.get("/v1/books", response_model=BookPage)
    def list_books(
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        cursor: str | None = None,
        author: str | None = None,
    ) -> BookPage:
        return page_of_books(books, limit, cursor, author)

    # --8<-- [start:idempotency]
    @app.post("/v1/books", status_code=status.HTTP_201_CREATED, response_model=Book)
    def create_book(
        body: BookIn,
        response: Response,
        idempotency_key: Annotated[str | None, Header(max_length=255)] = None,
    ) -> Any:
        if idempotency_key is None:
            raise Problem(400, "Idempotency-Key required", "Send a unique Idempotency-Key header with every POST.")
        request_print = fingerprint(body)
        if idempotency_key in seen_keys:
            stored_print, stored_body = seen_keys[idempotency_key]
            if stored_print != request_print:
                raise Problem(422, "Idempotency-Key reused", "This key was already used with a different body.")
            response.headers["Location"] = f"/v1/books/{stored_body['id']}"
            return stored_body  # the same answer as the first time; nothing is created
        book = Book(id=len(books) + 1, **body.model_dump())
        books[book.id] = book
        seen_keys[idempotency_key] = (request_print, book.model_dump())
        response.headers["Location"] = f"/v1/books/{book.id}"
        return book

    # --8<-- [end:idempotency]

    # --8<-- [start:conditional]
    @app.get("/v1/books/{book_id}", response_model=Book, responses={304: {"description": "Not modified"}})
    def get_book(book_id: int, response: Response, if_none_match: Annotated[str | None, Header()] = None) -> Any:
        book = get_or_404(book_id)
        etag = etag_of(book)
        if matches(if_none_match, etag):
            return Response(status_code=304, headers={"ETag": etag})
        response.headers["ETag"] = etag
        return book

    @app.put("/v1/books/{book_id}", response_model=Book)
    def replace_book(
        book_id: int, body: BookIn, response: Response, if_match: Annotated[str | None, Header()] = None
    ) -> Book:
        current = get_or_404(book_id)
        if if_match is None:
            raise Problem(428, "Precondition required", "Send If-Match with the ETag you last read.")
        if not matches(if_match, etag_of(current)):
            raise Problem(412, "Precondition failed", "The book changed since you read it; fetch it again.")
        books[book_id] = Book(id=book_id, **body.model_dump())
        response.headers["ETag"] = etag_of(books[book_id])
        return books[book_id]

    # --8<-- [end:conditional]

    @app.delete("/v1/books/{book_id}", status_code=status.HTTP_204_NO_CONTENT)
    def delete_book(book_id: int) -> Response:
        books.pop(book_id, None)  # deleting twice has the same effect as once: DELETE is idempotent
        return Response(status_code=204)

    return app


app = create_app()
