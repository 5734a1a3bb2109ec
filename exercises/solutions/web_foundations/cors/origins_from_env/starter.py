"""A reference solution: parse the list strictly, fail closed when it is missing, fail fast on a bad entry."""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware


def bare_origin(entry: str) -> str:
    """The entry if it is exactly what a browser sends in Origin: scheme://host[:port], nothing more."""
    parts = urlsplit(entry)
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or parts.path
        or parts.query
        or parts.fragment
        or parts.username is not None
        or f"{parts.scheme}://{parts.netloc}" != entry
        or entry != entry.lower()
    ):
        raise ValueError(
            f"CORS_ALLOWED_ORIGINS: {entry!r} is not an origin (scheme://host[:port], lowercase, no path or "
            "trailing slash); a browser's Origin header can never equal it"
        )
    return entry


def allowed_origins(environ: Mapping[str, str]) -> list[str]:
    """Comma-separated origins; missing or empty means none (fail closed), never '*' with credentials."""
    entries = [entry.strip() for entry in environ.get("CORS_ALLOWED_ORIGINS", "").split(",")]
    return [bare_origin(entry) for entry in entries if entry]


def create_app(environ: Mapping[str, str] = os.environ) -> FastAPI:
    app = FastAPI()
    app.add_middleware(
        CORSMiddleware,
        allow_origins=allowed_origins(environ),  # raises at startup, naming the bad entry
        allow_credentials=True,
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type", "X-Request-Id"],
    )

    @app.get("/api/profile")
    def profile(request: Request) -> dict[str, str | bool]:
        return {"name": "Ada", "sent_cookie": "session" in request.cookies}

    return app
