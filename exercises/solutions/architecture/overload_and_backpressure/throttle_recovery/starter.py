"""A reference solution: the book's drop probability, capped so that the client never stops probing."""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable

WINDOW = 120.0  # seconds of history, as in the SRE book
# Uncapped, (requests - k * accepts) / (requests + 1) tends to 1 in a total outage: the client then sends about
# one request per window, whatever its demand, and each accept lowers the probability by only k / (requests + 1),
# so reopening is a slow exponential. Capped at 80%, a fifth of the demand keeps reaching the backend: it costs the
# backend that fifth during an outage and buys a recovery within a few minutes.
MAX_DROP = 0.8


class AdaptiveThrottle:
    def __init__(
        self, k: float = 2.0, clock: Callable[[], float] = time.monotonic, rng: random.Random | None = None
    ) -> None:
        self.k = k
        self.clock = clock
        self.rng = rng or random.Random()  # noqa: S311 - a drop decision, not a secret
        self.request_times: deque[float] = deque()
        self.accept_times: deque[float] = deque()

    def _forget_old(self) -> None:
        horizon = self.clock() - WINDOW
        for times in (self.request_times, self.accept_times):
            while times and times[0] <= horizon:
                times.popleft()

    def drop_probability(self) -> float:
        self._forget_old()
        requests, accepts = len(self.request_times), len(self.accept_times)
        return min(MAX_DROP, max(0.0, (requests - self.k * accepts) / (requests + 1)))

    def allow(self) -> bool:
        send = self.rng.random() >= self.drop_probability()
        self.request_times.append(self.clock())
        return send

    def record_accept(self) -> None:
        self.accept_times.append(self.clock())
