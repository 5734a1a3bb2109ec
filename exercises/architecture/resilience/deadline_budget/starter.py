"""Exercise: a stock lookup that outlives the page that asked for it.

Symptom: the checkout page must answer within 1.5 s. It calls `stock(sku, deadline=...)` after spending about
0.5 s on other work, so the lookup has 1 s left. When inventory hung, checkout took 6 to 8 seconds and the
load balancer gave up on it first; the page's own fallback ("availability unknown") never showed.

Diagnose it with the check (`make exercise ID=architecture/resilience/deadline_budget`): the deadline is only
looked at once, before the first try. Then make every part of the call respect it: each attempt's timeouts,
each wait between attempts, and the decision to try again.
"""

from __future__ import annotations

import random
from typing import Any

import httpx

from labs.resilience_lab.resilience.breaker import CircuitBreaker, CircuitOpenError
from labs.resilience_lab.resilience.client import BadRequest, DependencyError
from labs.resilience_lab.resilience.clock import Clock
from labs.resilience_lab.resilience.retry import RetriesExhausted, RetryableError, RetryPolicy, call_with_retries

RETRYABLE_STATUS = {429, 502, 503, 504}
CONNECT_TIMEOUT_S, READ_TIMEOUT_S = 0.5, 2.0


class InventoryClient:
    def __init__(
        self, http: httpx.Client, clock: Clock, breaker: CircuitBreaker, policy: RetryPolicy, rng: random.Random
    ) -> None:
        self.http, self.clock, self.breaker, self.policy, self.rng = http, clock, breaker, policy, rng

    def _attempt(self, sku: str) -> dict[str, Any]:
        timeout = httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S)
        try:
            response = self.http.get(f"/stock/{sku}", timeout=timeout)
        except httpx.TransportError as error:
            raise RetryableError(type(error).__name__) from error
        if response.status_code in RETRYABLE_STATUS:
            raise RetryableError(str(response.status_code))
        if response.status_code >= 500:
            raise DependencyError(f"{response.status_code} from inventory")
        if response.status_code >= 400:
            raise BadRequest(response.status_code)
        return response.json()

    def stock(self, sku: str, deadline: float | None = None) -> dict[str, Any] | None:
        """Stock, or None when inventory is down or the deadline (a time on `clock`) does not allow an answer."""
        if deadline is not None and self.clock.now() >= deadline:
            return None  # no time left: do not even start
        try:
            return self.breaker.call(
                lambda: call_with_retries(lambda: self._attempt(sku), self.policy, self.clock, self.rng)
            )
        except (CircuitOpenError, RetriesExhausted, DependencyError):
            return None
