"""Reference solution: a token-bucket retry budget shared by every call this client makes.

Each first attempt earns a tenth of a token and each retry spends a whole one, so over time retries add at most
10% to the traffic, however many requests fail; the bucket holds at most 10 tokens, enough for a burst of
transient errors. The budget is asked before the wait, so a refused retry costs no time.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from labs.resilience_lab.resilience.breaker import CircuitBreaker, CircuitOpenError
from labs.resilience_lab.resilience.client import BadRequest, DependencyError, retry_after_seconds
from labs.resilience_lab.resilience.clock import Clock
from labs.resilience_lab.resilience.retry import RetriesExhausted, RetryableError, RetryPolicy

T = TypeVar("T")
RETRYABLE_STATUS = {429, 502, 503, 504}


class RetryBudget:
    def __init__(self, ratio: float = 0.1, max_tokens: float = 10.0) -> None:
        self.ratio, self.max_tokens, self.tokens = ratio, max_tokens, max_tokens
        self._lock = threading.Lock()  # one budget for every thread of this process

    def on_request(self) -> None:
        with self._lock:
            self.tokens = min(self.max_tokens, self.tokens + self.ratio)

    def try_retry(self) -> bool:
        with self._lock:
            if self.tokens < 1:
                return False
            self.tokens -= 1
            return True


def call_with_budgeted_retries(
    fn: Callable[[], T], policy: RetryPolicy, clock: Clock, rng: random.Random, budget: RetryBudget
) -> T:
    started = clock.now()
    budget.on_request()
    for attempt in range(policy.max_attempts):
        try:
            return fn()
        except RetryableError as error:
            if attempt == policy.max_attempts - 1:
                raise RetriesExhausted(f"gave up after {policy.max_attempts} attempts") from error
            wait = max(policy.delay(attempt, rng), error.retry_after or 0.0)
            if clock.now() - started + wait > policy.time_budget_s:
                raise RetriesExhausted("time budget spent") from error
            if not budget.try_retry():  # asked before sleeping: a refused retry makes nobody wait
                raise RetriesExhausted("retry budget spent") from error
            clock.sleep(wait)
    raise AssertionError("unreachable")


class InventoryClient:
    def __init__(
        self, http: httpx.Client, clock: Clock, breaker: CircuitBreaker, policy: RetryPolicy, rng: random.Random
    ) -> None:
        self.http, self.clock, self.breaker, self.policy, self.rng = http, clock, breaker, policy, rng
        self.budget = RetryBudget()  # one per client, shared by all its calls: a budget per call limits nothing

    def _attempt(self, sku: str) -> dict[str, Any]:
        try:
            response = self.http.get(f"/stock/{sku}")
        except httpx.TransportError as error:
            raise RetryableError(type(error).__name__) from error
        if response.status_code in RETRYABLE_STATUS:
            raise RetryableError(str(response.status_code), retry_after_seconds(response))
        if response.status_code >= 500:
            raise DependencyError(f"{response.status_code} from inventory")
        if response.status_code >= 400:
            raise BadRequest(response.status_code)
        return response.json()

    def stock(self, sku: str) -> dict[str, Any] | None:
        try:
            return self.breaker.call(
                lambda: call_with_budgeted_retries(
                    lambda: self._attempt(sku), self.policy, self.clock, self.rng, self.budget
                )
            )
        except (CircuitOpenError, RetriesExhausted, DependencyError):
            return None
