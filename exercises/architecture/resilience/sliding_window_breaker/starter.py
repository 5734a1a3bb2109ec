"""Exercise: a circuit breaker that never opened during a 20-minute partial outage.

Symptom: for 20 minutes the inventory service failed about 60% of calls. Product pages waited on every failing
call, yet the breaker in front of inventory stayed closed the whole time, and its dashboard showed no trips.

Diagnose it with the check (`make exercise ID=architecture/resilience/sliding_window_breaker`): count how often
five failures came in a row while successes were mixed in. Then make the breaker open on a failure *rate*: at
least 50% of the calls in the last 10 seconds, once there have been at least 10 calls in that window, as
Resilience4j and Polly do. Keep the open and half-open behavior as it is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import Enum
from typing import TypeVar

from labs.resilience_lab.resilience.clock import Clock

T = TypeVar("T")


class State(Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"


class CircuitOpenError(Exception):
    """Failing fast: the dependency was not called."""


class CircuitBreaker:
    def __init__(self, clock: Clock, failure_threshold: int = 5, reset_timeout_s: float = 30.0) -> None:
        self.clock, self.failure_threshold, self.reset_timeout_s = clock, failure_threshold, reset_timeout_s
        self.state, self.failures, self.opened_at = State.CLOSED, 0, 0.0
        self._lock = threading.Lock()

    def _admit(self) -> None:
        with self._lock:
            if self.state is State.HALF_OPEN:
                raise CircuitOpenError("trial call in progress; failing fast")
            if self.state is State.OPEN:
                if self.clock.now() - self.opened_at < self.reset_timeout_s:
                    raise CircuitOpenError("dependency marked unhealthy; failing fast")
                self.state = State.HALF_OPEN

    def call(self, fn: Callable[[], T]) -> T:
        self._admit()
        try:
            result = fn()
        except Exception:
            self._on_failure()
            raise
        self._on_success()
        return result

    def _on_failure(self) -> None:
        with self._lock:
            self.failures += 1  # consecutive failures: any success in between starts the count again
            if self.state is State.HALF_OPEN or self.failures >= self.failure_threshold:
                self.state, self.opened_at = State.OPEN, self.clock.now()

    def _on_success(self) -> None:
        with self._lock:
            self.failures = 0
            self.state = State.CLOSED
