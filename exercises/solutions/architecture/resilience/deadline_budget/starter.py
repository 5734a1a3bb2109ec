"""Reference solution: the deadline bounds every attempt's timeouts, every wait and every decision to retry.

The time left is measured again before each attempt, because the previous attempt and the wait after it have
used some of it. The retry loop gets the time left as its time budget, so it never sleeps into a moment when no
answer could arrive in time.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import httpx

from labs.resilience_lab.resilience.breaker import CircuitBreaker, CircuitOpenError
from labs.resilience_lab.resilience.client import BadRequest, DependencyError
from labs.resilience_lab.resilience.clock import Clock
from labs.resilience_lab.resilience.retry import RetriesExhausted, RetryableError, RetryPolicy, call_with_retries

RETRYABLE_STATUS = {429, 502, 503, 504}
CONNECT_TIMEOUT_S, READ_TIMEOUT_S = 0.5, 2.0


class DeadlineExceeded(Exception):
    """No time is left for another attempt."""


class InventoryClient:
    def __init__(
        self, http: httpx.Client, clock: Clock, breaker: CircuitBreaker, policy: RetryPolicy, rng: random.Random
    ) -> None:
        self.http, self.clock, self.breaker, self.policy, self.rng = http, clock, breaker, policy, rng

    def _timeout(self, deadline: float | None) -> httpx.Timeout:
        """The usual timeouts, cut down to the time left before the deadline."""
        if deadline is None:
            return httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S)
        left = deadline - self.clock.now()
        if left <= 0:
            raise DeadlineExceeded("no time left for another attempt")
        return httpx.Timeout(min(READ_TIMEOUT_S, left), connect=min(CONNECT_TIMEOUT_S, left))

    def _attempt(self, sku: str, deadline: float | None) -> dict[str, Any]:
        timeout = self._timeout(deadline)
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
        policy = self.policy
        if deadline is not None:
            left = deadline - self.clock.now()
            if left <= 0:
                return None  # no time left: do not even start
            policy = replace(policy, time_budget_s=min(policy.time_budget_s, left))  # no wait may cross the deadline
        try:
            return self.breaker.call(
                lambda: call_with_retries(lambda: self._attempt(sku, deadline), policy, self.clock, self.rng)
            )
        except (CircuitOpenError, RetriesExhausted, DependencyError, DeadlineExceeded):
            return None
