"""Exercise: a news API that phones poll every minute.

Symptom: the mobile app sends `If-Modified-Since` with every poll, yet the logs show a full 200 response
each time and no 304s, so every phone downloads the whole article again and again.

Diagnose it with the check (`make exercise ID=web_foundations/http_caching/last_modified`), then make the
API send `Last-Modified` and honor `If-Modified-Since`, without breaking what the ETag already does.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from fastapi import FastAPI, Header, Response
from fastapi.responses import JSONResponse


def create_app(now: datetime | None = None) -> FastAPI:
    """The API with one article; `now` is when it was last changed (tests pass a fixed time)."""
    app = FastAPI()
    articles = {1: {"title": "Caching", "body": "Reuse what you already have."}}
    changed = {1: now or datetime.now(UTC)}

    def etag_of(article: dict[str, str]) -> str:
        body = json.dumps(article, sort_keys=True).encode()
        return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'

    @app.get("/articles/{article_id}")
    def read_article(article_id: int, if_none_match: str | None = Header(default=None)) -> Response:
        article = articles.get(article_id)
        if article is None:
            return JSONResponse({"detail": "not found"}, status_code=404)
        etag = etag_of(article)
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if if_none_match is not None and etag in [tag.strip() for tag in if_none_match.split(",")]:
            return Response(status_code=304, headers=headers)
        return JSONResponse(article, headers=headers)

    @app.put("/articles/{article_id}")
    def replace_article(article_id: int, article: dict[str, str]) -> Response:
        articles[article_id] = article
        changed[article_id] = datetime.now(UTC)
        return JSONResponse(article, headers={"ETag": etag_of(article)})

    return app
