"""Exercise: a report-only policy that reports nothing, and a report endpoint that leaks.

Symptom: the strict CSP went live on a Friday and the checkout's payment widget stopped loading, so it was rolled
back. The plan now is to run it as Content-Security-Policy-Report-Only for two weeks and read the violations
first. `report_only=True` is wired up below, but after a week the endpoint has received nothing. It has also been
pointed out that the endpoint logs cookies, and that reports carry the page URL, which for password-reset pages
holds the reset token in its query string.

Diagnose it with the check (`make exercise ID=security/xss_prevention/csp_report_only`).

Fix: make the policy say where to report, for current browsers (the report-to directive, naming an endpoint that a
Reporting-Endpoints header maps to /csp-reports) and for older ones (report-uri /csp-reports). Make /csp-reports
accept both report formats (application/reports+json: a JSON list of reports whose body has effectiveDirective,
blockedURL and documentURL; application/csp-report: one object under "csp-report" with effective-directive,
blocked-uri and document-uri), answer 204, log one line per violation with the directive and the blocked URL and
the page without its query string, never log cookies or query strings, and answer 400 to a body that is not such a
report.
"""

import logging
import secrets

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse

log = logging.getLogger("csp")

PAGE = '<!doctype html><title>Checkout</title><script nonce="{nonce}">window.checkout = true;</script>'


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


def create_app(report_only: bool = False) -> FastAPI:
    app = FastAPI()
    header = "Content-Security-Policy-Report-Only" if report_only else "Content-Security-Policy"

    @app.get("/checkout", response_class=HTMLResponse)
    def checkout() -> HTMLResponse:
        nonce = secrets.token_urlsafe(16)
        return HTMLResponse(PAGE.format(nonce=nonce), headers={header: content_security_policy(nonce)})

    @app.post("/csp-reports")
    async def csp_reports(request: Request) -> Response:
        report = await request.json()
        log.warning("CSP violation: %s (request headers: %s)", report, dict(request.headers))
        return Response(status_code=204)

    return app
