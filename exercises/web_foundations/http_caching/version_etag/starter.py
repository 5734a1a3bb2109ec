"""Exercise: a typo fix that readers never see, and an edit that vanished.

Rendering an article is slow (in production it turns Markdown into HTML), so someone stopped hashing the
rendered body for the ETag and used the article's `updated_at` timestamp instead: a 304 no longer renders
anything. Since then:

- an editor fixed a typo a moment after publishing, yet readers' apps kept getting 304 and showing the typo;
- two editors saved the same article within the same second, both got 200, and the first edit is gone.

Diagnose it with the check (`make exercise ID=web_foundations/http_caching/version_etag`), then derive the ETag
from something that changes on every successful write, still without rendering the article to answer a
conditional request.
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
    """One article; `clock` stamps each write (the check passes one that it controls)."""
    app = FastAPI()
    articles = {1: {"title": "Caching", "body": "Reuse what you already have."}}
    updated_at = {1: clock()}

    def etag_of(article_id: int) -> str:
        # Cheap: no rendering. HTTP dates have whole seconds, so the tag does too.
        return f'"{int(updated_at[article_id].timestamp())}"'

    @app.get("/articles/{article_id}")
    def read_article(article_id: int, if_none_match: str | None = Header(default=None)) -> Response:
        if article_id not in articles:
            return JSONResponse({"detail": "not found"}, status_code=404)
        headers = {"ETag": etag_of(article_id), "Cache-Control": "no-cache"}
        if if_none_match is not None and headers["ETag"] in [tag.strip() for tag in if_none_match.split(",")]:
            return Response(status_code=304, headers=headers)
        return Response(render(articles[article_id]), media_type="application/json", headers=headers)

    @app.put("/articles/{article_id}")
    def replace_article(
        article_id: int, article: dict[str, str], if_match: str | None = Header(default=None)
    ) -> Response:
        if article_id not in articles:
            return JSONResponse({"detail": "not found"}, status_code=404)
        if if_match is None:
            return JSONResponse({"detail": "send If-Match with the ETag you edited"}, status_code=428)
        if etag_of(article_id) not in [tag.strip() for tag in if_match.split(",")]:
            return JSONResponse({"detail": "the article changed since you read it"}, status_code=412)
        articles[article_id] = article
        updated_at[article_id] = clock()
        return Response(render(article), media_type="application/json", headers={"ETag": etag_of(article_id)})

    return app
