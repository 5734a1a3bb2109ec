"""A small FastAPI service that shows status codes, Location, content negotiation and cookies."""

from __future__ import annotations

import csv
import io
import secrets

from fastapi import FastAPI, Header, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()
BOOKS: dict[int, dict[str, str | int]] = {1: {"id": 1, "title": "Pro Git", "year": 2014}}


class NewBook(BaseModel):
    title: str
    year: int


# --8<-- [start:negotiation]
def choose_media_type(accept: str, offered: list[str]) -> str | None:
    """Pick the offered type with the highest q-value in Accept (RFC 9110, 12.5.1). Ties keep server order."""
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        media_range, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                q = float(value)
        if media_range:
            ranges.append((media_range.lower(), q))

    def quality(offer: str) -> float:
        main = offer.split("/")[0]
        # The most specific matching range decides: type/subtype beats type/* beats */*.
        for pattern in (offer, f"{main}/*", "*/*"):
            for media_range, q in ranges:
                if media_range == pattern:
                    return q
        return 0.0

    best = max(offered, key=quality)  # max() returns the first of equal scores, i.e. the server's preference
    return best if quality(best) > 0 else None


@app.get("/books")
def list_books(accept: str = Header(default="*/*")) -> Response:
    chosen = choose_media_type(accept, ["application/json", "text/csv"])
    if chosen is None:
        return PlainTextResponse("try application/json or text/csv", status_code=406)
    rows = list(BOOKS.values())
    if chosen == "text/csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=["id", "title", "year"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        response: Response = PlainTextResponse(out.getvalue(), media_type="text/csv")
    else:
        response = JSONResponse(rows)
    response.headers["Vary"] = "Accept"  # caches must key this URL's responses on the Accept header
    return response


# --8<-- [end:negotiation]


# --8<-- [start:create]
@app.post("/books", status_code=201)
def create_book(book: NewBook, response: Response) -> dict[str, str | int]:
    new_id = max(BOOKS) + 1
    BOOKS[new_id] = {"id": new_id, **book.model_dump()}
    response.headers["Location"] = f"/books/{new_id}"  # 201 Created points at the new resource
    return BOOKS[new_id]


@app.get("/books/{book_id}")
def get_book(book_id: int) -> Response:
    if book_id not in BOOKS:
        return JSONResponse({"detail": "not found"}, status_code=404)
    return JSONResponse(BOOKS[book_id])


@app.delete("/books/{book_id}", status_code=204)
def delete_book(book_id: int) -> Response:
    BOOKS.pop(book_id, None)  # deleting twice leaves the same state: DELETE is idempotent
    return Response(status_code=204)


# --8<-- [end:create]


# --8<-- [start:cookies]
@app.post("/login")
def login(response: Response) -> dict[str, bool]:
    response.set_cookie(
        "session",
        secrets.token_urlsafe(32),
        httponly=True,  # not readable from JavaScript
        secure=True,  # only sent over HTTPS
        samesite="lax",  # not sent on cross-site subrequests such as form POSTs from other sites
        max_age=3600,
        path="/",
    )
    return {"ok": True}


@app.get("/me")
def me(request: Request) -> Response:
    if "session" not in request.cookies:
        return JSONResponse({"detail": "log in first"}, status_code=401, headers={"WWW-Authenticate": "Cookie"})
    return JSONResponse({"user": "demo"})


# --8<-- [end:cookies]
