"""A reference solution: simulate the future week by week, drawing each week's throughput from the history.

Each simulated week is one past week picked at random (with replacement), zero weeks included: holidays and
incidents will happen again. Drawing one rate for the whole project instead would assume a team keeps its
best or its worst week up for months.
"""

from __future__ import annotations

import math
import random


def forecast_from_throughput(
    weekly_done: list[int], items: int, percentiles: tuple[int, ...] = (50, 85), runs: int = 10_000, seed: int = 11
) -> dict[int, int]:
    if not weekly_done or max(weekly_done) <= 0:
        raise ValueError("the history needs at least one week in which something was finished")
    rng = random.Random(seed)  # noqa: S311 - a forecast, not cryptography; seeded so results repeat
    weeks = sorted(_weeks_to_finish(weekly_done, items, rng) for _ in range(runs))
    # The smallest week count that at least p% of runs finished within.
    return {p: weeks[max(0, math.ceil(p / 100 * runs) - 1)] for p in percentiles}


def _weeks_to_finish(weekly_done: list[int], items: int, rng: random.Random) -> int:
    left, weeks = items, 0
    while left > 0:
        left -= rng.choice(weekly_done)
        weeks += 1
    return weeks
