"""A client for the flaky service that combines timeout, retries and a circuit breaker."""

from __future__ import annotations

import random
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from labs.resilience_lab.resilience.breaker import CircuitBreaker, CircuitOpenError
from labs.resilience_lab.resilience.clock import Clock
from labs.resilience_lab.resilience.retry import RetriesExhausted, RetryableError, RetryPolicy, call_with_retries

RETRYABLE_STATUS = {429, 502, 503, 504}


class BadRequest(Exception):
    """A 4xx other than 429: our request is wrong. Not retried, and no sign that the dependency is unhealthy."""

    def __init__(self, status: int) -> None:
        super().__init__(f"the dependency refused the request with {status}")
        self.status = status


class DependencyError(Exception):
    """A 5xx that another try will not fix (500, 501, ...): not retried, but it counts against the dependency."""


# --8<-- [start:timeouts]
def build_http(base_url: str, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """Every outbound call gets limits: 0.5 s to connect, 2 s for each read, write and pool wait."""
    return httpx.Client(base_url=base_url, transport=transport, timeout=httpx.Timeout(2.0, connect=0.5))


# --8<-- [end:timeouts]


# --8<-- [start:retry_after]
def retry_after_seconds(response: httpx.Response) -> float | None:
    """Retry-After is either delay-seconds or an HTTP-date (RFC 9110, 10.2.3); anything else is ignored."""
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
        sent = parsedate_to_datetime(response.headers["Date"])  # the server's clock, not ours: no skew
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return max(0.0, (when - sent).total_seconds())


# --8<-- [end:retry_after]


# --8<-- [start:client]
class InventoryClient:
    def __init__(
        self, http: httpx.Client, clock: Clock, breaker: CircuitBreaker, policy: RetryPolicy, rng: random.Random
    ) -> None:
        self.http, self.clock, self.breaker, self.policy, self.rng = http, clock, breaker, policy, rng

    def _attempt(self, sku: str) -> dict[str, Any]:
        try:
            response = self.http.get(f"/stock/{sku}")
        except httpx.TransportError as error:  # timeouts, refused and reset connections
            raise RetryableError(type(error).__name__) from error
        if response.status_code in RETRYABLE_STATUS:
            raise RetryableError(str(response.status_code), retry_after_seconds(response))
        if response.status_code >= 500:
            raise DependencyError(f"{response.status_code} from inventory")
        if response.status_code >= 400:
            raise BadRequest(response.status_code)  # our bug: retrying will not help
        return response.json()

    def stock(self, sku: str) -> dict[str, Any] | None:
        """Return stock, or None when the dependency is down (the caller shows "availability unknown")."""
        try:  # the breaker wraps the whole retry loop, so one "call" is one user-visible attempt
            return self.breaker.call(
                lambda: call_with_retries(lambda: self._attempt(sku), self.policy, self.clock, self.rng)
            )
        except (CircuitOpenError, RetriesExhausted, DependencyError):
            return None  # graceful degradation


# --8<-- [end:client]
