"""HTTP caching done by hand: Cache-Control, strong ETags, If-None-Match (304) and If-Match (412)."""

from __future__ import annotations

import hashlib
import json

from fastapi import FastAPI, Header, Response
from fastapi.responses import JSONResponse

app = FastAPI()
ARTICLES: dict[int, dict[str, str]] = {1: {"title": "Caching", "body": "Reuse what you already have."}}


# --8<-- [start:etag]
def representation(article: dict[str, str]) -> bytes:
    return json.dumps(article, sort_keys=True, separators=(",", ":")).encode()


def strong_etag(body: bytes) -> str:
    # Any function of the exact bytes works; a hash means no version column is needed.
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_matches(header: str, etag: str) -> bool:
    """If-None-Match uses weak comparison: W/"x" matches "x" (RFC 9110, 13.1.2)."""
    if header.strip() == "*":
        return True
    candidates = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return etag.removeprefix("W/") in candidates


@app.get("/articles/{article_id}")
def read_article(article_id: int, if_none_match: str | None = Header(default=None)) -> Response:
    article = ARTICLES.get(article_id)
    if article is None:
        return JSONResponse({"detail": "not found"}, status_code=404)
    body = representation(article)
    etag = strong_etag(body)
    headers = {
        "ETag": etag,
        # Shared caches may keep it 60 s, then must revalidate; browsers too.
        "Cache-Control": "public, max-age=60, must-revalidate",
    }
    if if_none_match is not None and etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)  # no body: the client reuses its stored copy
    return Response(body, media_type="application/json", headers=headers)


# --8<-- [end:etag]


# --8<-- [start:if_match]
@app.put("/articles/{article_id}")
def replace_article(article_id: int, article: dict[str, str], if_match: str | None = Header(default=None)) -> Response:
    current = ARTICLES.get(article_id)
    if current is None:
        return JSONResponse({"detail": "not found"}, status_code=404)
    if if_match is None:
        # Demand a precondition so that two editors cannot silently overwrite each other (RFC 6585, 428).
        return JSONResponse({"detail": "send If-Match with the ETag you edited"}, status_code=428)
    current_etag = strong_etag(representation(current))
    # If-Match uses strong comparison: weak tags never match (RFC 9110, 13.1.1).
    if if_match.strip() != "*" and current_etag not in [t.strip() for t in if_match.split(",")]:
        return JSONResponse({"detail": "the article changed since you read it"}, status_code=412)
    ARTICLES[article_id] = article
    body = representation(article)
    return Response(body, media_type="application/json", headers={"ETag": strong_etag(body)})


# --8<-- [end:if_match]


# --8<-- [start:private]
@app.get("/me/cart")
def cart() -> Response:
    # Personal data: browsers may keep it, shared caches (CDN, proxy) must not.
    return JSONResponse({"items": 2}, headers={"Cache-Control": "private, no-cache"})


@app.get("/account/balance")
def balance() -> Response:
    # Never write it to any cache, not even the browser's disk cache.
    return JSONResponse({"cents": 1250}, headers={"Cache-Control": "no-store"})


# --8<-- [end:private]
