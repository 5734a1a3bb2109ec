"""A reference solution: the policy names a reporting endpoint for current and older browsers, and the endpoint
reads both report formats and logs only what a developer needs to fix the policy."""

import json
import logging
import secrets
from urllib.parse import urlsplit, urlunsplit

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse

log = logging.getLogger("csp")

PAGE = '<!doctype html><title>Checkout</title><script nonce="{nonce}">window.checkout = true;</script>'
REPORTS_PATH = "/csp-reports"
MAX_REPORT_BYTES = 64 * 1024  # a report is a few hundred bytes; an unauthenticated endpoint should not read more


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'nonce-{nonce}' 'strict-dynamic'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            # report-to names an endpoint from the Reporting-Endpoints header; browsers that support it ignore
            # report-uri, which older browsers still need.
            "report-to csp",
            f"report-uri {REPORTS_PATH}",
        ]
    )


def without_query(url: str) -> str:
    """The page, not its query string or fragment: reset tokens and search terms stay out of the logs."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def violations(payload: object) -> list[tuple[str, str, str]]:
    """(directive, blocked URL, page) for each violation, from either report format; ValueError if neither."""
    if isinstance(payload, list):  # application/reports+json, from report-to
        found = [report.get("body") for report in payload if isinstance(report, dict)]
        found = [body for body in found if isinstance(body, dict)]
        keys = ("effectiveDirective", "blockedURL", "documentURL")
    elif isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):  # application/csp-report
        found = [payload["csp-report"]]
        keys = ("effective-directive", "blocked-uri", "document-uri")
    else:
        raise ValueError("not a CSP report")
    if not found:
        raise ValueError("no report bodies")
    directive, blocked, page = keys
    return [(str(body.get(directive, "")), str(body.get(blocked, "")), str(body.get(page, ""))) for body in found]


def create_app(report_only: bool = False) -> FastAPI:
    app = FastAPI()
    header = "Content-Security-Policy-Report-Only" if report_only else "Content-Security-Policy"

    @app.get("/checkout", response_class=HTMLResponse)
    def checkout() -> HTMLResponse:
        nonce = secrets.token_urlsafe(16)
        return HTMLResponse(
            PAGE.format(nonce=nonce),
            headers={header: content_security_policy(nonce), "Reporting-Endpoints": f'csp="{REPORTS_PATH}"'},
        )

    @app.post(REPORTS_PATH)
    async def csp_reports(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_REPORT_BYTES:
            return Response(status_code=413)
        try:
            found = violations(json.loads(body))
        except ValueError:  # json.JSONDecodeError is a ValueError too
            return Response(status_code=400)
        for directive, blocked, page in found:
            # Only the fields needed to fix the policy; never the request headers (cookies) or a query string.
            log.warning("CSP violation: %s blocked %s on %s", directive, without_query(blocked), without_query(page))
        return Response(status_code=204)

    return app
