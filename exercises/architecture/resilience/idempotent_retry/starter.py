"""Exercise: customers charged twice after a slow night at the payment provider.

Symptom: during a provider incident, 41 customers were charged twice for one order. Our logs show one
`charge()` per order; the provider's logs show two payments, each created by a request with its own
Idempotency-Key, a few hundred milliseconds apart. The first of each pair timed out on our side.

Diagnose it with the check (`make exercise ID=architecture/resilience/idempotent_retry`): look at which
Idempotency-Key each attempt of one charge sends. Then make retries safe: every attempt of one charge carries
the same key, and a 409 (the provider is still working on that key) is worth waiting for. Keep retrying lost
responses and 5xx; a charge must still end with a payment id when the provider recovers.
"""

from __future__ import annotations

import random
import uuid

import httpx

from labs.resilience_lab.resilience.client import retry_after_seconds
from labs.resilience_lab.resilience.clock import Clock
from labs.resilience_lab.resilience.retry import RetryableError, RetryPolicy, call_with_retries

RETRYABLE_STATUS = {429, 502, 503, 504}


class PaymentFailed(Exception):
    """The provider refused the charge (a declined card, a bad request): retrying will not help."""


class PaymentClient:
    def __init__(self, http: httpx.Client, clock: Clock, policy: RetryPolicy, rng: random.Random) -> None:
        self.http, self.clock, self.policy, self.rng = http, clock, policy, rng

    def _attempt(self, order_id: str, amount_cents: int) -> str:
        headers = {"Idempotency-Key": str(uuid.uuid4())}  # the provider deduplicates requests by this key
        body = {"order_id": order_id, "amount_cents": amount_cents}
        try:
            response = self.http.post("/payments", json=body, headers=headers)
        except httpx.TransportError as error:  # the charge may or may not have happened
            raise RetryableError(type(error).__name__) from error
        if response.status_code in RETRYABLE_STATUS:
            raise RetryableError(str(response.status_code), retry_after_seconds(response))
        if response.status_code >= 400:
            raise PaymentFailed(f"{response.status_code}: {response.text}")
        return str(response.json()["id"])

    def charge(self, order_id: str, amount_cents: int) -> str:
        """Charge an order once; return the provider's payment id."""
        return call_with_retries(lambda: self._attempt(order_id, amount_cents), self.policy, self.clock, self.rng)
