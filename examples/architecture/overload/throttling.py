"""Throttling: pacing our own calls to a downstream, and Google SRE's client-side adaptive throttling."""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque
from collections.abc import Callable


class VirtualClock:
    """Time that only moves when someone sleeps, so pacing is tested without real waiting."""

    def __init__(self) -> None:
        self.now = 0.0

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)  # still yield to the event loop, as a real sleep would


# --8<-- [start:paced]
class PacedThrottle:
    """Let calls through at most `rate` per second by making callers wait; nobody is turned away."""

    def __init__(self, rate: float, clock: VirtualClock) -> None:
        self.interval = 1.0 / rate
        self.clock = clock
        self.next_slot = 0.0
        self.lock = asyncio.Lock()  # one caller at a time claims the next slot

    async def __aenter__(self) -> None:
        async with self.lock:
            wait = self.next_slot - self.clock.now
            if wait > 0:
                await self.clock.sleep(wait)
            self.next_slot = max(self.clock.now, self.next_slot) + self.interval

    async def __aexit__(self, *exc: object) -> None:
        return None


# --8<-- [end:paced]


# --8<-- [start:adaptive]
class AdaptiveThrottle:
    """Client-side throttling from the Google SRE book (Handling Overload).

    Over the last `window` seconds the client counts the requests it attempted (sent or not) and the requests
    the backend accepted. While the backend accepts nearly everything, nothing is dropped. Once requests exceed
    k times the accepts, the client drops new requests locally with probability
    max(0, (requests - k * accepts) / (requests + 1)), so a struggling backend stops paying even for rejections.
    """

    def __init__(
        self,
        k: float = 2.0,
        window: float = 120.0,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.k = k
        self.window = window  # the book keeps two minutes of history
        self.clock = clock
        self.requests: deque[float] = deque()  # when each attempt was made, whether sent or dropped here
        self.accepts: deque[float] = deque()  # when the backend accepted one
        self.rng = rng or random.Random()  # noqa: S311 - a drop decision, not a secret

    def _forget_old(self) -> None:
        horizon = self.clock() - self.window
        for times in (self.requests, self.accepts):
            while times and times[0] <= horizon:
                times.popleft()

    def drop_probability(self) -> float:
        self._forget_old()
        requests, accepts = len(self.requests), len(self.accepts)
        return max(0.0, (requests - self.k * accepts) / (requests + 1))

    def allow(self) -> bool:
        """Count this attempt, then decide whether to send it or drop it here."""
        send = self.rng.random() >= self.drop_probability()
        # A request dropped locally still counts: demand beyond what the backend accepts must keep the
        # drop probability up, or the client would send more as it dropped more.
        self.requests.append(self.clock())
        return send

    def record_accept(self) -> None:
        """Call when the backend accepted a request (any answer but an overload rejection)."""
        self.accepts.append(self.clock())


# --8<-- [end:adaptive]
