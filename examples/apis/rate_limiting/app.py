"""A FastAPI app that rate-limits per client and tells clients about it.

- 429 Too Many Requests (RFC 6585) with a problem details body (RFC 9457)
- Retry-After in seconds (RFC 9110 section 10.2.3)
- RateLimit-Policy and RateLimit fields from the IETF httpapi draft (still a draft in 2026: the
  syntax below follows draft-ietf-httpapi-ratelimit-headers-10 and may change before it is an RFC)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from examples.apis.rate_limiting.algorithms import Clock, Decision, TokenBucket

POLICY = "per-client"


# --8<-- [start:headers]
def rate_limit_headers(decision: Decision, window: int) -> dict[str, str]:
    # t is the time until more quota is available, not the window length; leave it out when none is pending.
    state = f'"{POLICY}";r={decision.remaining}' + (f";t={decision.reset}" if decision.reset else "")
    headers = {"RateLimit-Policy": f'"{POLICY}";q={decision.limit};w={window}', "RateLimit": state}
    if not decision.allowed:
        headers["Retry-After"] = str(decision.retry_after)
    return headers


def client_key(request: Request) -> str:
    # Limit per credential when there is one, else per address. Behind a proxy, take the address
    # from the proxy's header only if the proxy is yours and overwrites it.
    api_key = request.headers.get("x-api-key")
    return f"key:{api_key}" if api_key else f"ip:{request.client.host if request.client else 'unknown'}"


def create_app(capacity: int = 5, per_seconds: int = 60, clock: Clock | None = None) -> FastAPI:
    bucket = TokenBucket(capacity=capacity, rate=capacity / per_seconds, **({"clock": clock} if clock else {}))
    app = FastAPI(title="Rate limited API")

    @app.middleware("http")
    async def limit(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        decision = bucket.check(client_key(request))
        headers = rate_limit_headers(decision, per_seconds)
        if not decision.allowed:
            body = {
                "type": "about:blank",
                "title": "Too Many Requests",
                "status": 429,
                "detail": f"{capacity} requests per {per_seconds} s used up; retry in {decision.retry_after} s.",
            }
            return JSONResponse(body, status_code=429, headers=headers, media_type="application/problem+json")
        response = await call_next(request)
        response.headers.update(headers)
        return response

    # --8<-- [end:headers]

    @app.get("/v1/quotes/today")
    def quote() -> dict[str, str]:
        return {"quote": "Make it work, make it right, make it fast."}

    return app
