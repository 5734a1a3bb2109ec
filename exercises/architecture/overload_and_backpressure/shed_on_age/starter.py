"""Exercise: a shedder that notices overload only when it is too late.

Symptom: when the payments dependency slowed from 50 ms to 2 s, the service kept admitting requests until its
concurrency limit filled up. Every request admitted in that time took 2 s, callers gave up after 1 s, and
retried. The concurrency limit did its job eventually, but only after the damage.

Diagnose it with the check (`make exercise ID=architecture/overload_and_backpressure/shed_on_age`), then add a
second signal: refuse new work while the oldest request in flight has been running too long. Sheddable work
must still be refused first.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum


class Priority(IntEnum):
    SHEDDABLE = 0  # prefetches, batch jobs
    CRITICAL = 1  # a user is waiting


# How long the oldest request in flight may have been running before new requests of each priority are refused.
MAX_AGE = {Priority.CRITICAL: 0.5, Priority.SHEDDABLE: 0.25}


class LoadShedder:
    def __init__(self, limit: int, clock: Callable[[], float], sheddable_share: float = 0.5) -> None:
        self.limit = limit
        self.sheddable_limit = int(limit * sheddable_share)
        self.clock = clock
        self.running: dict[int, float] = {}  # ticket -> when the request was admitted
        self.next_ticket = 0
        self.shed = {Priority.SHEDDABLE: 0, Priority.CRITICAL: 0}

    def admit(self, priority: Priority) -> int | None:
        """A ticket to pass to `finish`, or None: the caller answers 503 at once."""
        ceiling = self.limit if priority is Priority.CRITICAL else self.sheddable_limit
        if len(self.running) >= ceiling:
            self.shed[priority] += 1
            return None
        self.next_ticket += 1
        self.running[self.next_ticket] = self.clock()
        return self.next_ticket

    def finish(self, ticket: int) -> None:
        del self.running[ticket]
