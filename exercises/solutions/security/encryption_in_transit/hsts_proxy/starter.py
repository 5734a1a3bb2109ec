"""A reference solution: the forwarded scheme counts only when the connection comes from a trusted proxy.

uvicorn's `--forwarded-allow-ips` does the same job for a whole app; this middleware shows the rule itself.
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

    def scheme_of(self, request: Request) -> str:
        peer = request.client.host if request.client else None
        forwarded = request.headers.get("x-forwarded-proto")
        if peer in self.trusted_proxies and forwarded:
            # Our proxy appends its own value last; earlier values came from whoever called the proxy.
            return forwarded.split(",")[-1].strip().lower()
        return request.url.scheme

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if self.scheme_of(request) != "https":
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
