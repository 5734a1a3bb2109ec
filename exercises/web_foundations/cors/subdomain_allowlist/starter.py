"""Exercise: every customer gets a subdomain, and so did an attacker.

Each customer's front end lives on its own subdomain (`https://acme.example.com`, `https://tenant-42.eu.example.com`)
and calls the API with the session cookie, so the allowed origins are a pattern rather than a list. The
designers also asked for `null`, so that pages they open from disk can call the API.

Symptom: a bug bounty report shows a page on `https://evil-example.com` reading `/api/profile` with the victim's
cookie, and a second one doing the same from a sandboxed iframe, whose origin is `null`.

Diagnose it with the check (`make exercise ID=web_foundations/cors/subdomain_allowlist`), then allow exactly
`https://example.com` and its subdomains over HTTPS on the default port, and nothing else.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware


def create_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["null"],  # design previews opened from file://
        allow_origin_regex=r"https://.*example.com",  # example.com and every customer subdomain
        allow_credentials=True,
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type"],
    )

    @app.get("/api/profile")
    def profile(request: Request) -> dict[str, str | bool]:
        return {"name": "Ada", "sent_cookie": "session" in request.cookies}

    return app
