"""Exercise: every save from the editor fails with a CORS error.

The editor at `https://app.example.com` saves an article with
`fetch("https://api.example.com/api/articles/1", {method: "PUT", headers: {Authorization: "Bearer ...",
"Content-Type": "application/json"}, body: ...})`. The browser console says the request was "blocked by CORS
policy", yet the CORS configuration lists the origin, the method and both headers. The API's access log shows
only `OPTIONS /api/articles/1 401`, and no PUT at all. When a user's token expires, the editor cannot tell them
to log in again either: all it sees is "Failed to fetch".

Diagnose it with the check (`make exercise ID=web_foundations/cors/preflight_before_auth`), then let preflights
reach the CORS layer while every actual request still needs a valid token, and let the page read the 401.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

TOKENS = {"token-ada": "ada"}


class BearerAuth:
    """Every /api request needs `Authorization: Bearer <token>`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/api/"):
            headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
            token = headers.get("authorization", "").removeprefix("Bearer ")
            if token not in TOKENS:
                response = JSONResponse({"detail": "log in"}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["https://app.example.com"],
        allow_credentials=True,
        allow_methods=["GET", "PUT"],
        allow_headers=["Authorization", "Content-Type"],
        max_age=600,
    )
    app.add_middleware(BearerAuth)

    @app.put("/api/articles/{article_id}")
    def save_article(article_id: int, article: dict[str, str]) -> dict[str, str | int]:
        return {"id": article_id, **article}

    return app
