"""A FastAPI page served with a strict, nonce-based Content Security Policy."""

from __future__ import annotations

import secrets

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from examples.security.xss.rendering import SAFE, render_profile

PROFILES = {"mallory": {"name": "<img src=x onerror=alert(document.cookie)>", "website": "javascript:alert(1)"}}


# --8<-- [start:csp]
def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'nonce-{nonce}' 'strict-dynamic'",  # only scripts carrying this response's nonce run
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",  # the page may not be framed (clickjacking)
        ]
    )


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/profiles/{name}", response_class=HTMLResponse)
    def profile(name: str) -> HTMLResponse:
        nonce = secrets.token_urlsafe(16)  # new for every response, so an attacker cannot predict it
        html = render_profile(SAFE, PROFILES.get(name, {"name": name, "website": ""}), nonce)
        headers = {
            "Content-Security-Policy": content_security_policy(nonce),
            "X-Content-Type-Options": "nosniff",  # the browser must not guess another content type
            "Referrer-Policy": "strict-origin-when-cross-origin",  # other sites see the origin, not the path
        }
        return HTMLResponse(html, headers=headers)

    return app


# --8<-- [end:csp]
