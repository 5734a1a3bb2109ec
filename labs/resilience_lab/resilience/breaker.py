"""A circuit breaker: stop calling a dependency that keeps failing, and probe it now and then."""

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


# --8<-- [start:breaker]
class CircuitBreaker:
    def __init__(
        self,
        clock: Clock,
        failure_threshold: int = 5,
        reset_timeout_s: float = 30.0,
        ignore: tuple[type[Exception], ...] = (),  # errors that are the caller's fault, not the dependency's
    ) -> None:
        self.clock, self.failure_threshold, self.reset_timeout_s = clock, failure_threshold, reset_timeout_s
        self.ignore = ignore
        self.state, self.failures, self.opened_at = State.CLOSED, 0, 0.0
        self.transitions: list[State] = []
        self._lock = threading.Lock()  # callers on many threads share one breaker

    def _move(self, state: State) -> None:
        self.state = state
        self.transitions.append(state)

    def _admit(self) -> None:
        with self._lock:
            if self.state is State.HALF_OPEN:  # a trial is already in flight: one probe at a time
                raise CircuitOpenError("trial call in progress; failing fast")
            if self.state is State.OPEN:
                if self.clock.now() - self.opened_at < self.reset_timeout_s:
                    raise CircuitOpenError("dependency marked unhealthy; failing fast")
                self._move(State.HALF_OPEN)  # cool-down over: this call is the trial

    def call(self, fn: Callable[[], T]) -> T:
        self._admit()
        try:
            result = fn()
        except self.ignore:
            self._on_success()  # the dependency answered; the request was wrong
            raise
        except Exception:
            self._on_failure()
            raise
        self._on_success()
        return result

    def _on_failure(self) -> None:
        with self._lock:
            self.failures += 1
            if self.state is State.HALF_OPEN or self.failures >= self.failure_threshold:
                self._move(State.OPEN)
                self.opened_at = self.clock.now()

    def _on_success(self) -> None:
        with self._lock:
            self.failures = 0
            if self.state is not State.CLOSED:
                self._move(State.CLOSED)


# --8<-- [end:breaker]
