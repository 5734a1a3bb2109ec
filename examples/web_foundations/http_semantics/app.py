"""A small FastAPI service that shows status codes, Location, content negotiation and cookies."""

from __future__ import annotations

import csv
import io
import itertools
import secrets

from fastapi import FastAPI, Header, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()
BOOKS: dict[int, dict[str, str | int]] = {1: {"id": 1, "title": "Pro Git", "year": 2014}}
# Ids only move forward: reusing a deleted book's id would make an old link or bookmark show a different book.
NEXT_ID = itertools.count(max(BOOKS) + 1)


class NewBook(BaseModel):
    title: str
    year: int


# --8<-- [start:negotiation]
def choose_media_type(accept: str, offered: list[str]) -> str | None:
    """Pick the offered type with the highest q-value in Accept (RFC 9110, 12.5.1). Ties keep server order."""
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        media_range, *params = (p.strip() for p in part.split(";"))
        q: float | None = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                q = qvalue(value.strip())
        if media_range and q is not None:  # a malformed element is skipped, not a 500
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


def qvalue(text: str) -> float | None:
    """A weight from 0 to 1 with at most three decimals (RFC 9110, 12.4.2); None if it is not one."""
    whole, _, decimals = text.partition(".")
    if whole not in {"0", "1"} or len(decimals) > 3 or not (decimals == "" or decimals.isdigit()):
        return None
    value = float(text)
    return value if value <= 1 else None


@app.get("/books")
def list_books(accept: str = Header(default="*/*")) -> Response:
    chosen = choose_media_type(accept, ["application/json", "text/csv"])
    if chosen is None:
        # The 406 depends on Accept as much as a 200 does, so it varies on it too.
        return PlainTextResponse("try application/json or text/csv", status_code=406, headers={"Vary": "Accept"})
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
    new_id = next(NEXT_ID)
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
        # A 401 must carry a challenge (RFC 9110, 15.5.2). No registered scheme covers cookie sessions, so this
        # one names a scheme of our own; the realm tells the client which protection space it failed.
        challenge = 'Cookie realm="books"'
        return JSONResponse({"detail": "log in first"}, status_code=401, headers={"WWW-Authenticate": challenge})
    return JSONResponse({"user": "demo"})


# --8<-- [end:cookies]
