"""A reference solution: Accept-Language parsed with its weights, a lookup that truncates a range such as
de-AT to de (RFC 4647, 3.4), and Vary naming both headers the choice depends on."""

from __future__ import annotations

from fastapi import FastAPI, Header, Response
from fastapi.responses import JSONResponse, PlainTextResponse

from examples.web_foundations.http_semantics.app import choose_media_type, qvalue

TITLES = {
    1: {"en": "The Hobbit", "de": "Der Hobbit"},
    2: {"en": "The Neverending Story", "de": "Die unendliche Geschichte"},
}
AVAILABLE = ["en", "de"]  # in order of the server's preference: English is the default


def language_ranges(header: str) -> list[tuple[str, float]]:
    """(range, weight) pairs, highest weight first; equal weights keep the client's order."""
    ranges = []
    for part in header.split(","):
        language_range, *params = (p.strip() for p in part.split(";"))
        weight: float | None = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                weight = qvalue(value.strip())
        if language_range and weight is not None:
            ranges.append((language_range.lower(), weight))
    return sorted(ranges, key=lambda item: -item[1])


def serves(language_range: str, tag: str) -> bool:
    """A range matches a tag it equals, or one it narrows: de-AT and de-CH are served by de."""
    return language_range == tag or language_range.startswith(tag + "-")


def choose_language(header: str | None) -> str:
    if not header:
        return AVAILABLE[0]
    ranges = language_ranges(header)
    excluded = {
        tag for tag in AVAILABLE for language_range, weight in ranges if weight == 0 and serves(language_range, tag)
    }
    for language_range, weight in ranges:
        if weight == 0:
            continue
        if language_range == "*":
            return next((tag for tag in AVAILABLE if tag not in excluded), AVAILABLE[0])
        for tag in AVAILABLE:
            if tag not in excluded and serves(language_range, tag):
                return tag
    return AVAILABLE[0]  # nothing acceptable: send the default rather than 406 (RFC 9110, 12.5.4)


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/books")
    def list_books(accept: str = Header(default="*/*"), accept_language: str | None = Header(default=None)) -> Response:
        if choose_media_type(accept, ["application/json"]) is None:
            return PlainTextResponse("application/json only", status_code=406, headers={"Vary": "Accept"})
        language = choose_language(accept_language)
        rows = [{"id": book_id, "title": titles[language]} for book_id, titles in TITLES.items()]
        # The body depends on both headers, so a cache must key on both (RFC 9110, 12.5.5).
        headers = {
            "Vary": "Accept, Accept-Language",
            "Content-Language": language,
            "Cache-Control": "public, max-age=300",
        }
        return JSONResponse(rows, headers=headers)

    return app
