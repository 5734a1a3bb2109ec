"""Bounded retries with capped exponential backoff and full jitter."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from labs.resilience_lab.resilience.clock import Clock

T = TypeVar("T")


class RetryableError(Exception):
    """Raised by callers for failures worth another try (timeouts, connection errors, 429, 502, 503, 504)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RetriesExhausted(Exception):
    pass


# --8<-- [start:policy]
@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4  # 1 try + 3 retries
    base_s: float = 0.1
    cap_s: float = 5.0
    time_budget_s: float = 10.0  # give up if the next wait would end past this much time since the first try

    def delay(self, retry_number: int, rng: random.Random) -> float:
        """Full jitter: uniform between 0 and the capped exponential value."""
        ceiling = min(self.cap_s, self.base_s * 2**retry_number)
        return rng.uniform(0, ceiling)


# --8<-- [end:policy]


# --8<-- [start:retry]
def call_with_retries(fn: Callable[[], T], policy: RetryPolicy, clock: Clock, rng: random.Random) -> T:
    started = clock.now()
    for attempt in range(policy.max_attempts):
        try:
            return fn()
        except RetryableError as error:
            if attempt == policy.max_attempts - 1:
                raise RetriesExhausted(f"gave up after {policy.max_attempts} attempts") from error
            wait = policy.delay(attempt, rng)
            if error.retry_after is not None:  # the server told us when to come back
                wait = max(wait, error.retry_after)
            if clock.now() - started + wait > policy.time_budget_s:
                raise RetriesExhausted("time budget spent: the next wait would end past it") from error
            clock.sleep(wait)
    raise AssertionError("unreachable")


# --8<-- [end:retry]
