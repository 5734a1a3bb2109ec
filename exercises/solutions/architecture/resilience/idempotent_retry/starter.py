"""Reference solution: one Idempotency-Key per charge, made once and sent with every attempt.

The key names the operation, not the HTTP request: when a response is lost, the retry carries the same key, so
the provider answers with the payment it already made instead of making another. A 409 means the provider is
still working on that key, so it is retried after the wait the provider asks for.
"""

from __future__ import annotations

import random
import uuid

import httpx

from labs.resilience_lab.resilience.client import retry_after_seconds
from labs.resilience_lab.resilience.clock import Clock
from labs.resilience_lab.resilience.retry import RetryableError, RetryPolicy, call_with_retries

# 409 is retryable only because this request carries an idempotency key: the provider answers 409 while the
# first request with the same key is still being processed.
RETRYABLE_STATUS = {409, 429, 502, 503, 504}


class PaymentFailed(Exception):
    """The provider refused the charge (a declined card, a bad request): retrying will not help."""


class PaymentClient:
    def __init__(self, http: httpx.Client, clock: Clock, policy: RetryPolicy, rng: random.Random) -> None:
        self.http, self.clock, self.policy, self.rng = http, clock, policy, rng

    def _attempt(self, key: str, order_id: str, amount_cents: int) -> str:
        body = {"order_id": order_id, "amount_cents": amount_cents}
        try:
            response = self.http.post("/payments", json=body, headers={"Idempotency-Key": key})
        except httpx.TransportError as error:  # the charge may or may not have happened: the key makes it safe
            raise RetryableError(type(error).__name__) from error
        if response.status_code in RETRYABLE_STATUS:
            raise RetryableError(str(response.status_code), retry_after_seconds(response))
        if response.status_code >= 400:
            raise PaymentFailed(f"{response.status_code}: {response.text}")
        return str(response.json()["id"])

    def charge(self, order_id: str, amount_cents: int) -> str:
        """Charge an order once; return the provider's payment id."""
        key = str(uuid.uuid4())  # one key for this charge, shared by all its attempts
        return call_with_retries(lambda: self._attempt(key, order_id, amount_cents), self.policy, self.clock, self.rng)
