"""A reference solution: refuse new work when the oldest request in flight is older than its priority allows."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum


class Priority(IntEnum):
    SHEDDABLE = 0
    CRITICAL = 1


MAX_AGE = {Priority.CRITICAL: 0.5, Priority.SHEDDABLE: 0.25}


class LoadShedder:
    def __init__(self, limit: int, clock: Callable[[], float], sheddable_share: float = 0.5) -> None:
        self.limit = limit
        self.sheddable_limit = int(limit * sheddable_share)
        self.clock = clock
        self.running: dict[int, float] = {}  # insertion order is admission order, so the first is the oldest
        self.next_ticket = 0
        self.shed = {Priority.SHEDDABLE: 0, Priority.CRITICAL: 0}

    def oldest_age(self) -> float:
        if not self.running:
            return 0.0
        return self.clock() - next(iter(self.running.values()))

    def admit(self, priority: Priority) -> int | None:
        ceiling = self.limit if priority is Priority.CRITICAL else self.sheddable_limit
        # The age of the oldest request reacts to slowness at once, long before a slow dependency has filled
        # the concurrency limit; a lower threshold for sheddable work keeps it first in line to be refused.
        if len(self.running) >= ceiling or self.oldest_age() > MAX_AGE[priority]:
            self.shed[priority] += 1
            return None
        self.next_ticket += 1
        self.running[self.next_ticket] = self.clock()
        return self.next_ticket

    def finish(self, ticket: int) -> None:
        del self.running[ticket]
