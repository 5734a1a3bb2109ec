"""Exercise: retries that kept an overloaded service down.

Symptom: inventory was overloaded and failed about 70% of requests. Its traffic from the web tier rose to about
2.5 times the usual rate, so it stayed overloaded until someone pushed a config change that turned retries
off. Each client followed the policy: capped exponential backoff, full jitter, at most 4 attempts.

Diagnose it with the check (`make exercise ID=architecture/resilience/retry_budget`): count first attempts and
retries while most requests fail. Then give the client a retry budget, as the SRE book, gRPC's retry throttling
and the AWS SDKs do: retries may add at most 10% to the requests this client sends (bank at most 10 retries
for bursts). A retry the budget refuses must not make anyone wait; while failures are rare, every one of them
should still be retried.
"""

from __future__ import annotations

import random
from typing import Any

import httpx

from labs.resilience_lab.resilience.breaker import CircuitBreaker, CircuitOpenError
from labs.resilience_lab.resilience.client import BadRequest, DependencyError, retry_after_seconds
from labs.resilience_lab.resilience.clock import Clock
from labs.resilience_lab.resilience.retry import RetriesExhausted, RetryableError, RetryPolicy, call_with_retries

RETRYABLE_STATUS = {429, 502, 503, 504}


class InventoryClient:
    def __init__(
        self, http: httpx.Client, clock: Clock, breaker: CircuitBreaker, policy: RetryPolicy, rng: random.Random
    ) -> None:
        self.http, self.clock, self.breaker, self.policy, self.rng = http, clock, breaker, policy, rng

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
                lambda: call_with_retries(lambda: self._attempt(sku), self.policy, self.clock, self.rng)
            )
        except (CircuitOpenError, RetriesExhausted, DependencyError):
            return None
