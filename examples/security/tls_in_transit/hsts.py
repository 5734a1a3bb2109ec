"""HTTP Strict Transport Security and an HTTP-to-HTTPS redirect as ASGI middleware for FastAPI."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

ONE_YEAR = 31_536_000


# --8<-- [start:header]
def hsts_value(max_age: int = ONE_YEAR, *, include_subdomains: bool = True, preload: bool = False) -> str:
    if preload and (max_age < ONE_YEAR or not include_subdomains):
        # hstspreload.org rejects a preload request without a year-long max-age and includeSubDomains.
        raise ValueError("preload needs max-age >= 31536000 and includeSubDomains")
    parts = [f"max-age={max_age}"]
    if include_subdomains:
        parts.append("includeSubDomains")
    if preload:
        parts.append("preload")
    return "; ".join(parts)


class HttpsOnly(BaseHTTPMiddleware):
    """Redirect plain HTTP to HTTPS, and send HSTS on HTTPS responses (browsers ignore it over HTTP)."""

    def __init__(self, app: object, hsts: str) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.hsts = hsts

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.url.scheme != "https":
            return RedirectResponse(str(request.url.replace(scheme="https")), status_code=308)
        response = await call_next(request)
        response.headers["Strict-Transport-Security"] = self.hsts
        return response


# --8<-- [end:header]


def create_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(HttpsOnly, hsts=hsts_value())

    @app.get("/account")
    def account() -> dict[str, str]:
        return {"user": "ada"}

    return app
