"""A reference solution: the ETag comes from a version number that every successful write increments.

A counter orders writes by the store, not by a clock: it cannot repeat when two saves share a second or when
app servers' clocks disagree, and reading it costs no rendering. In a database it is an integer column bumped
in the same UPDATE that changes the row (`SET ..., version = version + 1`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from fastapi import FastAPI, Header, Response
from fastapi.responses import JSONResponse

Clock = Callable[[], datetime]


def render(article: dict[str, str]) -> bytes:
    """The expensive part: the real app renders Markdown here. Conditional requests should not need it."""
    return json.dumps(article, sort_keys=True).encode()


def now() -> datetime:
    return datetime.now(UTC)


def create_app(clock: Clock = now) -> FastAPI:
    """One article. The clock is no longer read: writes are ordered by the version, which no clock can repeat."""
    app = FastAPI()
    articles = {1: {"title": "Caching", "body": "Reuse what you already have."}}
    versions = {1: 1}

    def etag_of(article_id: int) -> str:
        return f'"v{versions[article_id]}"'

    def listed(header: str, etag: str) -> bool:
        return header.strip() == "*" or etag in [tag.strip() for tag in header.split(",")]

    @app.get("/articles/{article_id}")
    def read_article(article_id: int, if_none_match: str | None = Header(default=None)) -> Response:
        if article_id not in articles:
            return JSONResponse({"detail": "not found"}, status_code=404)
        headers = {"ETag": etag_of(article_id), "Cache-Control": "no-cache"}
        if if_none_match is not None and listed(if_none_match.replace("W/", ""), headers["ETag"]):
            return Response(status_code=304, headers=headers)  # decided from the version alone: nothing rendered
        return Response(render(articles[article_id]), media_type="application/json", headers=headers)

    @app.put("/articles/{article_id}")
    def replace_article(
        article_id: int, article: dict[str, str], if_match: str | None = Header(default=None)
    ) -> Response:
        if article_id not in articles:
            return JSONResponse({"detail": "not found"}, status_code=404)
        if if_match is None:
            return JSONResponse({"detail": "send If-Match with the ETag you edited"}, status_code=428)
        if not listed(if_match, etag_of(article_id)):  # strong comparison: a W/ tag never matches
            return JSONResponse({"detail": "the article changed since you read it"}, status_code=412)
        # Bump the version only once the precondition holds: a refused write must leave every tag as it was.
        articles[article_id] = article
        versions[article_id] += 1
        return Response(render(article), media_type="application/json", headers={"ETag": etag_of(article_id)})

    return app
