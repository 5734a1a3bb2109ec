"""Throttling: pacing our own calls to a downstream, and Google SRE's client-side adaptive throttling."""

from __future__ import annotations

import asyncio
import random
from collections import deque


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

    Over a recent window the client counts requests it attempted and requests the backend accepted. While
    the backend accepts nearly everything, nothing is dropped. Once requests exceed k times the accepts,
    the client drops new requests locally with probability (requests - k * accepts) / (requests + 1),
    so a struggling backend stops paying even for the rejections.
    """

    def __init__(self, k: float = 2.0, window: int = 100, rng: random.Random | None = None) -> None:
        self.k = k
        self.outcomes: deque[bool] = deque(maxlen=window)  # True = accepted by the backend
        self.rng = rng or random.Random()  # noqa: S311 - a drop decision, not a secret

    def drop_probability(self) -> float:
        requests = len(self.outcomes)
        accepts = sum(self.outcomes)
        return max(0.0, (requests - self.k * accepts) / (requests + 1))

    def allow(self) -> bool:
        return self.rng.random() >= self.drop_probability()

    def record(self, accepted: bool) -> None:
        self.outcomes.append(accepted)


# --8<-- [end:adaptive]
