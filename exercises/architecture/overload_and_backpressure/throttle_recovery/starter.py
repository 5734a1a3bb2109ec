"""Exercise: a client that keeps throttling itself long after the backend recovered.

Symptom: the search backend was down for three minutes and came back, healthy, at 10:03. The client-side throttle
in the web tier did its job during the outage and dropped almost every search locally. But at 10:07 it was still
dropping most searches, and users kept seeing "try again later" from a backend that had been fine for minutes.

Diagnose it with the check (`make exercise ID=architecture/overload_and_backpressure/throttle_recovery`). Work out
how many requests a second reach the backend when the drop probability is (requests) / (requests + 1), and what
one accept does to that probability. Then cap the drop probability at MAX_DROP (80%, as Envoy's admission control
filter does by default), so the client keeps sending a known share of traffic that can notice the recovery.
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable

WINDOW = 120.0  # seconds of history, as in the SRE book
MAX_DROP = 0.8  # the most the client may drop locally, whatever the history says


class AdaptiveThrottle:
    """Drop requests locally with probability max(0, (requests - k * accepts) / (requests + 1))."""

    def __init__(
        self, k: float = 2.0, clock: Callable[[], float] = time.monotonic, rng: random.Random | None = None
    ) -> None:
        self.k = k
        self.clock = clock
        self.rng = rng or random.Random()  # noqa: S311 - a drop decision, not a secret
        self.request_times: deque[float] = deque()  # attempts, including those dropped here
        self.accept_times: deque[float] = deque()  # requests the backend accepted

    def _forget_old(self) -> None:
        horizon = self.clock() - WINDOW
        for times in (self.request_times, self.accept_times):
            while times and times[0] <= horizon:
                times.popleft()

    def drop_probability(self) -> float:
        self._forget_old()
        requests, accepts = len(self.request_times), len(self.accept_times)
        return max(0.0, (requests - self.k * accepts) / (requests + 1))

    def allow(self) -> bool:
        send = self.rng.random() >= self.drop_probability()
        self.request_times.append(self.clock())
        return send

    def record_accept(self) -> None:
        self.accept_times.append(self.clock())
