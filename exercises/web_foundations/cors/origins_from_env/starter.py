"""Exercise: allowed origins from the environment, read carelessly.

The allowed origins moved from code into the `CORS_ALLOWED_ORIGINS` environment variable, so each environment
can list its own front ends. Since then:

- production lists `https://app.example.com, https://admin.example.com`, and the admin front end gets
  "blocked by CORS policy" on every call, while the app front end works;
- staging lists `https://staging.example.com/` and nothing works there at all;
- a new preview environment was deployed without the variable, and a security scan reports that any website
  can read a logged-in user's profile from it.

Diagnose it with the check (`make exercise ID=web_foundations/cors/origins_from_env`), then read the list so
that every listed origin works, nothing is allowed when the variable is missing or empty, and an entry that can
never match a browser's Origin header stops the app at startup with an error naming it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware


def allowed_origins(environ: Mapping[str, str]) -> list[str]:
    return environ.get("CORS_ALLOWED_ORIGINS", "*").split(",")


def create_app(environ: Mapping[str, str] = os.environ) -> FastAPI:
    app = FastAPI()
    app.add_middleware(
        CORSMiddleware,
        allow_origins=allowed_origins(environ),
        allow_credentials=True,
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type", "X-Request-Id"],
    )

    @app.get("/api/profile")
    def profile(request: Request) -> dict[str, str | bool]:
        return {"name": "Ada", "sent_cookie": "session" in request.cookies}

    return app
