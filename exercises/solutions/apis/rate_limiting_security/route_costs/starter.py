"""A reference solution: the bucket spends `cost` tokens or none, and computes Retry-After for the tokens this
request needs; the middleware looks the cost up by route."""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from examples.apis.rate_limiting.algorithms import Clock, Decision
from examples.apis.rate_limiting.app import client_key, rate_limit_headers

COSTS = {"/v1/reports/export": 5}


@dataclass
class CostedTokenBucket:
    capacity: int
    rate: float
    clock: Clock
    _state: dict[str, tuple[float, float]] = field(default_factory=dict)

    def check(self, key: str, cost: int = 1) -> Decision:
        now = self.clock()
        tokens, last = self._state.get(key, (float(self.capacity), now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        self._state[key] = (tokens - cost, now) if tokens >= cost else (tokens, now)
        if tokens >= cost:
            left = tokens - cost
            reset = 0 if left >= self.capacity else seconds(math.floor(left) + 1 - left, self.rate)
            return Decision(True, self.capacity, math.floor(left), 0, reset)
        # All or nothing: a request the bucket cannot pay for spends nothing, and waits for its own cost.
        wait = seconds(cost - tokens, self.rate)
        return Decision(False, self.capacity, math.floor(tokens), wait, wait)


def seconds(tokens: float, rate: float) -> int:
    return max(1, math.ceil(tokens / rate - 1e-9))


def create_app(capacity: int = 10, per_seconds: int = 60, clock: Clock | None = None) -> FastAPI:
    bucket = CostedTokenBucket(capacity=capacity, rate=capacity / per_seconds, clock=clock or time.monotonic)
    app = FastAPI(title="Reports API")

    @app.middleware("http")
    async def limit(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        decision = bucket.check(client_key(request), COSTS.get(request.url.path, 1))
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
