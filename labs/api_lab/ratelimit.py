"""A token bucket per client, applied as a FastAPI dependency after authentication."""

# No `from __future__ import annotations` here: FastAPI must evaluate the annotations of the dependency
# functions defined inside closures at runtime, and postponed annotations would hide the closure's names.

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request, Response

from labs.api_lab.auth import require_scope
from labs.api_lab.problems import Problem


@dataclass
class TokenBucket:
    capacity: int
    per_seconds: float
    clock: Callable[[], float] = time.monotonic
    state: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.capacity / self.per_seconds

    def take(self, key: str) -> tuple[bool, int, int]:
        """(allowed, remaining, seconds until the next token)"""
        now = self.clock()
        tokens, last = self.state.get(key, (float(self.capacity), now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        allowed = tokens >= 1
        tokens = tokens - 1 if allowed else tokens
        self.state[key] = (tokens, now)
        wait = 0 if tokens >= 1 else max(1, math.ceil((1 - tokens) / self.rate - 1e-9))
        return allowed, math.floor(tokens), wait


def limited(scope: str) -> Callable[..., dict[str, Any]]:
    """Authenticate with `scope`, then spend one token from the caller's bucket."""

    def dependency(
        request: Request, response: Response, claims: Annotated[dict[str, Any], Depends(require_scope(scope))]
    ) -> dict[str, Any]:
        bucket: TokenBucket = request.app.state.bucket
        allowed, remaining, wait = bucket.take(claims["sub"])
        window = round(bucket.per_seconds)
        headers = {
            "RateLimit-Policy": f'"per-client";q={bucket.capacity};w={window}',
            "RateLimit": f'"per-client";r={remaining};t={wait or window}',
        }
        if not allowed:
            raise Problem(
                429,
                "Too Many Requests",
                f"Rate limit reached; retry in {wait} s.",
                slug="rate-limited",
                headers=headers | {"Retry-After": str(wait)},
            )
        response.headers.update(headers)
        return claims

    return dependency
