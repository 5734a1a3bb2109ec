"""Load-balancing policies, and a tiny simulation showing why "least outstanding" beats round robin."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Protocol


class Policy(Protocol):
    def pick(self, outstanding: Sequence[int]) -> int: ...


# --8<-- [start:policies]
class RoundRobin:
    def __init__(self) -> None:
        self._next = 0

    def pick(self, outstanding: Sequence[int]) -> int:
        choice = self._next % len(outstanding)
        self._next += 1
        return choice  # ignores how busy each server is


class LeastOutstanding:
    def pick(self, outstanding: Sequence[int]) -> int:
        return min(range(len(outstanding)), key=lambda i: outstanding[i])  # needs a global view


class PowerOfTwoChoices:
    """Sample two servers at random and take the less busy one: nearly as good, far less coordination."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, outstanding: Sequence[int]) -> int:
        a, b = self.rng.sample(range(len(outstanding)), 2)
        return a if outstanding[a] <= outstanding[b] else b


# --8<-- [end:policies]


# --8<-- [start:simulate]
def simulate(policy: Policy, speeds: Sequence[float], arrivals_per_tick: int, ticks: int) -> list[int]:
    """Each tick, new requests are assigned and each server finishes `speed` requests. Returns peak backlogs."""
    backlog, peak = [0] * len(speeds), [0] * len(speeds)
    progress = [0.0] * len(speeds)
    for _ in range(ticks):
        for _ in range(arrivals_per_tick):
            chosen = policy.pick(backlog)
            backlog[chosen] += 1
            peak[chosen] = max(peak[chosen], backlog[chosen])
        for i, speed in enumerate(speeds):
            progress[i] += speed
            done = min(backlog[i], int(progress[i]))
            backlog[i] -= done
            progress[i] -= done if backlog[i] else progress[i]  # an idle server cannot bank capacity
    return peak


# --8<-- [end:simulate]
