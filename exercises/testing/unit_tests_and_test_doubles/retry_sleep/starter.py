"""Exercise: the retry nobody could test.

Symptom: during a payment provider outage, a checkout that is bound to fail waits up to 7.5 seconds before the
error page, and the traces show up to 4 of those seconds after the last attempt, when nothing is left to wait
for. The only test of this function took seconds and failed now and then, because the jitter is random, so the
team marked it slow and CI skips it.

Diagnose: `time.sleep` and `random.uniform` are called directly, so a test cannot control or observe the delays.
Fix: take them as keyword arguments `sleep` and `uniform` (defaulting to the real ones, so callers do not change),
then fix the give-up path. Verify: `make exercise ID=testing/unit_tests_and_test_doubles/retry_sleep`; the check
passes in milliseconds, with no real sleeping.
"""

from __future__ import annotations

import random
import time
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
    gateway: PaymentGateway, customer_id: str, amount_cents: int, idempotency_key: str, attempts: int = 4
) -> str:
    """Charge, retrying an unavailable provider with exponential backoff and full jitter.

    The same idempotency key goes with every attempt, so the provider charges at most once.
    """
    for attempt in range(attempts):
        try:
            return gateway.charge(customer_id, amount_cents, idempotency_key=idempotency_key)
        except PaymentUnavailable:
            # Full jitter: a random wait up to the exponential ceiling spreads out clients retrying together.
            time.sleep(random.uniform(0, min(MAX_DELAY, BASE_DELAY * 2**attempt)))  # noqa: S311 - jitter, not security
    raise PaymentUnavailable(f"payment provider unavailable after {attempts} attempts")
