"""A reference solution: the clock's sleep and the random source come in as arguments, and the last failed attempt
gives up at once instead of waiting."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Protocol

BASE_DELAY = 0.5  # seconds before the second attempt
MAX_DELAY = 4.0  # no single wait is longer than this


class PaymentUnavailable(Exception):
    """The provider timed out or answered 503: worth another try."""


class PaymentDeclined(Exception):
    """The card was declined: trying again cannot help."""


class PaymentGateway(Protocol):
    def charge(self, customer_id: str, amount_cents: int, idempotency_key: str) -> str: ...


def charge_with_retry(
    gateway: PaymentGateway,
    customer_id: str,
    amount_cents: int,
    idempotency_key: str,
    attempts: int = 4,
    *,
    sleep: Callable[[float], None] = time.sleep,
    uniform: Callable[[float, float], float] = random.uniform,
) -> str:
    """Charge, retrying an unavailable provider with exponential backoff and full jitter.

    The same idempotency key goes with every attempt, so the provider charges at most once. `sleep` and `uniform`
    are inputs like any other: production passes nothing and gets the real ones, a test passes stubs.
    """
    for attempt in range(attempts):
        try:
            return gateway.charge(customer_id, amount_cents, idempotency_key=idempotency_key)
        except PaymentUnavailable as error:
            if attempt == attempts - 1:
                raise PaymentUnavailable(f"payment provider unavailable after {attempts} attempts") from error
            # Full jitter: a random wait up to the exponential ceiling spreads out clients retrying together.
            sleep(uniform(0, min(MAX_DELAY, BASE_DELAY * 2**attempt)))
    raise ValueError("attempts must be at least 1")
