"""Exercise: HSTS behind the load balancer.

Symptom: behind the new load balancer, which terminates TLS and forwards plain HTTP, every page answered with a
308 redirect to itself. The quick fix was to believe `X-Forwarded-Proto`. Now a pentest finding: from inside the
network, a plain-HTTP request with `X-Forwarded-Proto: https` gets the account page over HTTP, because any client
can send that header, and the service believes it.

Diagnose it with the check (`make exercise ID=security/encryption_in_transit/hsts_proxy`), then believe
`X-Forwarded-Proto` only on requests whose peer address is one of `trusted_proxies`; for everyone else the scheme
is what the connection actually was. Keep `create_app(trusted_proxies)` and the HSTS value.
"""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

HSTS = "max-age=31536000; includeSubDomains"


class HttpsOnly(BaseHTTPMiddleware):
    def __init__(self, app: object, trusted_proxies: Iterable[str]) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.trusted_proxies = set(trusted_proxies)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        scheme = request.headers.get("x-forwarded-proto", request.url.scheme)
        if scheme != "https":
            return RedirectResponse(str(request.url.replace(scheme="https")), status_code=308)
        response = await call_next(request)
        response.headers["Strict-Transport-Security"] = HSTS
        return response


def create_app(trusted_proxies: Iterable[str]) -> FastAPI:
    app = FastAPI()
    app.add_middleware(HttpsOnly, trusted_proxies=trusted_proxies)

    @app.get("/account")
    def account() -> dict[str, str]:
        return {"user": "ada"}

    return app
