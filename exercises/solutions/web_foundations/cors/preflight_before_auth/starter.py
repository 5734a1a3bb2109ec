"""A reference solution: the CORS middleware is the outermost layer, so it answers preflights before
authentication runs, and it adds its headers to every response, the 401 included."""

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
    # Starlette runs the middleware added last first. Authentication goes in first, so that CORS wraps it:
    # a preflight, which never carries credentials, is answered by CORS and never reaches BearerAuth.
    app.add_middleware(BearerAuth)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["https://app.example.com"],
        allow_credentials=True,
        allow_methods=["GET", "PUT"],
        allow_headers=["Authorization", "Content-Type"],
        max_age=600,
    )

    @app.put("/api/articles/{article_id}")
    def save_article(article_id: int, article: dict[str, str]) -> dict[str, str | int]:
        return {"id": article_id, **article}

    return app
