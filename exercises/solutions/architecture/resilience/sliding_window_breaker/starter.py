"""Reference solution: the breaker opens on a failure rate over a 10-second window, with a minimum of 10 calls.

Each call's outcome is kept with its time; outcomes older than the window are dropped before the rate is
computed, so a burst of failures ten minutes ago does not count today. Closing after a successful trial starts
a fresh window, so the failures that opened the breaker cannot open it again.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from enum import Enum
from typing import TypeVar

from labs.resilience_lab.resilience.clock import Clock

T = TypeVar("T")

FAILURE_RATE = 0.5  # open when at least this share of recent calls failed...
WINDOW_S = 10.0  # ...among the calls of the last 10 seconds...
MINIMUM_CALLS = 10  # ...and only once there are enough of them to mean something


class State(Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"


class CircuitOpenError(Exception):
    """Failing fast: the dependency was not called."""


class CircuitBreaker:
    def __init__(self, clock: Clock, reset_timeout_s: float = 30.0) -> None:
        self.clock, self.reset_timeout_s = clock, reset_timeout_s
        self.state, self.opened_at = State.CLOSED, 0.0
        self.outcomes: deque[tuple[float, bool]] = deque()  # (when, failed), oldest first
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
            self._record(failed=True)
            raise
        self._record(failed=False)
        return result

    def _record(self, *, failed: bool) -> None:
        with self._lock:
            now = self.clock.now()
            if self.state is State.HALF_OPEN:  # the trial decides alone
                self.outcomes.clear()  # either way, what happened before the trial is history
                self.state = State.OPEN if failed else State.CLOSED
                self.opened_at = now
                return
            self.outcomes.append((now, failed))
            while self.outcomes and self.outcomes[0][0] <= now - WINDOW_S:
                self.outcomes.popleft()
            failures = sum(1 for _, f in self.outcomes if f)
            if len(self.outcomes) >= MINIMUM_CALLS and failures >= FAILURE_RATE * len(self.outcomes):
                self.state, self.opened_at = State.OPEN, now
                self.outcomes.clear()
