"""A reference solution: Last-Modified on every 200 and 304, If-Modified-Since honored as RFC 9110 says."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import FastAPI, Header, Response
from fastapi.responses import JSONResponse


def http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def not_modified_since(header: str, changed: datetime) -> bool:
    """True when the stored copy is still current. An invalid date is ignored (RFC 9110, 13.1.3)."""
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        return False
    # HTTP dates have one-second resolution: compare at that resolution, or a change within the same
    # second as the last response would look newer than the client's copy forever.
    return changed.replace(microsecond=0) <= since


def create_app(now: datetime | None = None) -> FastAPI:
    app = FastAPI()
    articles = {1: {"title": "Caching", "body": "Reuse what you already have."}}
    changed = {1: now or datetime.now(UTC)}

    def etag_of(article: dict[str, str]) -> str:
        body = json.dumps(article, sort_keys=True).encode()
        return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'

    @app.get("/articles/{article_id}")
    def read_article(
        article_id: int,
        if_none_match: str | None = Header(default=None),
        if_modified_since: str | None = Header(default=None),
    ) -> Response:
        article = articles.get(article_id)
        if article is None:
            return JSONResponse({"detail": "not found"}, status_code=404)
        etag = etag_of(article)
        headers = {"ETag": etag, "Cache-Control": "no-cache", "Last-Modified": http_date(changed[article_id])}
        if if_none_match is not None:
            # When both are sent, If-None-Match decides and If-Modified-Since is ignored (RFC 9110, 13.2.2).
            fresh = etag in [tag.strip() for tag in if_none_match.split(",")]
        else:
            fresh = if_modified_since is not None and not_modified_since(if_modified_since, changed[article_id])
        if fresh:
            return Response(status_code=304, headers=headers)
        return JSONResponse(article, headers=headers)

    @app.put("/articles/{article_id}")
    def replace_article(article_id: int, article: dict[str, str]) -> Response:
        articles[article_id] = article
        changed[article_id] = datetime.now(UTC)
        return JSONResponse(article, headers={"ETag": etag_of(article)})

    return app
