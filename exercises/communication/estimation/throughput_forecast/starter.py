"""How many weeks will the 30 items left in the backlog take? A forecast from the team's own history.

`weekly_done` is how many items the team finished in each of the last weeks (a holiday or an incident week
can be 0). The answer is stated as percentiles: for each p, the smallest number of weeks within which at
least p% of the simulated futures finished every item.
"""

from __future__ import annotations

import math
import random


def forecast_from_throughput(
    weekly_done: list[int], items: int, percentiles: tuple[int, ...] = (50, 85), runs: int = 10_000, seed: int = 11
) -> dict[int, int]:
    rng = random.Random(seed)  # noqa: S311 - a forecast, not cryptography; seeded so results repeat
    rates = [week for week in weekly_done if week > 0]  # a zero week would divide by zero
    weeks = sorted(math.ceil(items / rng.choice(rates)) for _ in range(runs))
    return {p: weeks[min(runs - 1, int(p / 100 * runs))] for p in percentiles}
