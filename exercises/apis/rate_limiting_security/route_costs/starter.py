"""Exercise: the export endpoint that one client used to take the database down.

Symptom: `GET /v1/reports/export` builds a CSV of a client's whole account and costs the database about as much
as fifty ordinary requests. The rate limit gives every client 10 requests a minute, so a script that calls the
export ten times a minute passes the limiter and keeps the reporting replica at 100% CPU. The team agreed that an
export should cost 5 units of the budget and wrote that down in `COSTS`, but nothing reads it.

Diagnose it with the check (`make exercise ID=apis/rate_limiting_security/route_costs`). Charge each route its
cost, refuse a request the budget cannot pay for without spending anything, and keep the headers truthful:
`RateLimit` reports what is left, and `Retry-After` says when *this* request would succeed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from examples.apis.rate_limiting.algorithms import Clock, TokenBucket
from examples.apis.rate_limiting.app import client_key, rate_limit_headers

COSTS = {"/v1/reports/export": 5}  # units of the budget per request; every other route costs 1


def create_app(capacity: int = 10, per_seconds: int = 60, clock: Clock | None = None) -> FastAPI:
    bucket = TokenBucket(capacity=capacity, rate=capacity / per_seconds, **({"clock": clock} if clock else {}))
    app = FastAPI(title="Reports API")

    @app.middleware("http")
    async def limit(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        decision = bucket.check(client_key(request))
        headers = rate_limit_headers(decision, per_seconds)
        if not decision.allowed:
            body = {"type": "about:blank", "title": "Too Many Requests", "status": 429}
            return JSONResponse(body, status_code=429, headers=headers, media_type="application/problem+json")
        response = await call_next(request)
        response.headers.update(headers)
        return response

    @app.get("/v1/quotes/today")
    def quote() -> dict[str, str]:
        return {"quote": "Make it work, make it right, make it fast."}

    @app.get("/v1/reports/export")
    def export() -> Response:
        return Response("id,total\n1,120\n", media_type="text/csv")

    return app
