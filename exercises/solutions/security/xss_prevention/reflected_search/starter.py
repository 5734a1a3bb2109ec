"""A reference solution: one auto-escaping template with the three contexts, and a strict nonce-based CSP."""

import secrets

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment, select_autoescape

# Autoescape is off by default for templates built from strings; turn it on for them explicitly.
ENV = Environment(autoescape=select_autoescape(default_for_string=True, default=True))
PAGE = ENV.from_string(
    """<!doctype html>
<title>Search</title>
<form action="/search"><input name="q" value="{{ q }}"><button>Search</button></form>
<h1>Results for {{ q }}</h1>
<p>No products match.</p>
<script nonce="{{ nonce }}">window.analytics = {{ analytics | tojson }};</script>"""
)


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'nonce-{nonce}' 'strict-dynamic'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ]
    )


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/search", response_class=HTMLResponse)
    def search(q: str = "") -> HTMLResponse:
        nonce = secrets.token_urlsafe(16)  # fresh per response: a nonce an attacker can read is no nonce
        # In the body and the quoted attribute autoescape encodes q; in the script, tojson writes JSON whose
        # <, > and & are \u escapes, so the value cannot end the script element.
        html = PAGE.render(q=q, nonce=nonce, analytics={"event": "search", "term": q})
        return HTMLResponse(
            html,
            headers={"Content-Security-Policy": content_security_policy(nonce), "X-Content-Type-Options": "nosniff"},
        )

    return app
