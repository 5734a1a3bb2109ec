"""Exercise: German titles for English readers.

Symptom: the book list has English and German titles. Since a CDN was put in front of the API, English
readers see German titles a few times an hour, and a reader in Ohio whose browser sends
`Accept-Language: en-US,en;q=0.9,de;q=0.1` (German only as a last resort) gets German every time.

Diagnose it with the check (`make exercise ID=web_foundations/http_semantics/language_negotiation`), then choose
the language by the client's quality values (RFC 9110, 12.5.4) and tell caches that the response depends on
Accept-Language, without making it uncacheable.
"""

from __future__ import annotations

from fastapi import FastAPI, Header, Response
from fastapi.responses import JSONResponse, PlainTextResponse

from examples.web_foundations.http_semantics.app import choose_media_type

TITLES = {
    1: {"en": "The Hobbit", "de": "Der Hobbit"},
    2: {"en": "The Neverending Story", "de": "Die unendliche Geschichte"},
}


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/books")
    def list_books(accept: str = Header(default="*/*"), accept_language: str | None = Header(default=None)) -> Response:
        if choose_media_type(accept, ["application/json"]) is None:
            return PlainTextResponse("application/json only", status_code=406, headers={"Vary": "Accept"})
        language = "de" if accept_language and "de" in accept_language else "en"
        rows = [{"id": book_id, "title": titles[language]} for book_id, titles in TITLES.items()]
        headers = {"Vary": "Accept", "Content-Language": language, "Cache-Control": "public, max-age=300"}
        return JSONResponse(rows, headers=headers)

    return app
