"""A client for the flaky service that combines timeout, retries and a circuit breaker."""

from __future__ import annotations

import random
from typing import Any

import httpx

from labs.resilience_lab.resilience.breaker import CircuitBreaker, CircuitOpenError
from labs.resilience_lab.resilience.clock import Clock
from labs.resilience_lab.resilience.retry import RetriesExhausted, RetryableError, RetryPolicy, call_with_retries

RETRYABLE_STATUS = {429, 502, 503, 504}


# --8<-- [start:timeouts]
def build_http(base_url: str, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """Every outbound call gets a deadline: 0.5 s to connect, 2 s for each read, write and pool wait."""
    return httpx.Client(base_url=base_url, transport=transport, timeout=httpx.Timeout(2.0, connect=0.5))


# --8<-- [end:timeouts]


# --8<-- [start:client]
class InventoryClient:
    def __init__(
        self, http: httpx.Client, clock: Clock, breaker: CircuitBreaker, policy: RetryPolicy, rng: random.Random
    ) -> None:
        self.http, self.clock, self.breaker, self.policy, self.rng = http, clock, breaker, policy, rng

    def stock(self, sku: str) -> dict[str, Any] | None:
        """Return stock, or None when the dependency is down (the caller shows "availability unknown")."""

        def attempt() -> dict[str, Any]:
            try:
                response = self.http.get(f"/stock/{sku}")
            except (httpx.TimeoutException, httpx.TransportError) as error:
                raise RetryableError(type(error).__name__) from error
            if response.status_code in RETRYABLE_STATUS:
                retry_after = response.headers.get("Retry-After")
                raise RetryableError(str(response.status_code), float(retry_after) if retry_after else None)
            response.raise_for_status()  # other 4xx: our bug, retrying will not help
            return response.json()

        try:  # the breaker wraps the whole retry loop, so one "call" is one user-visible attempt
            return self.breaker.call(lambda: call_with_retries(attempt, self.policy, self.clock, self.rng))
        except (CircuitOpenError, RetriesExhausted):
            return None  # graceful degradation


# --8<-- [end:client]
