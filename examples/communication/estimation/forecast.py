"""Turn task estimates given as ranges into a forecast with stated confidence."""

from __future__ import annotations

import math
import random
import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Task:
    name: str
    best: float  # days, if everything goes right
    likely: float  # days, the most likely outcome
    worst: float  # days, if the known risks happen (not the apocalypse)

    def __post_init__(self) -> None:
        if not 0 <= self.best <= self.likely <= self.worst:
            raise ValueError(f"{self.name}: need 0 <= best <= likely <= worst")


# --8<-- [start:pert]
def pert(task: Task) -> tuple[float, float]:
    """Three-point (PERT) estimate: (expected value, standard deviation) in days."""
    mean = (task.best + 4 * task.likely + task.worst) / 6
    spread = (task.worst - task.best) / 6
    return mean, spread


# --8<-- [end:pert]


# --8<-- [start:simulate]
def simulate(tasks: list[Task], runs: int = 10_000, seed: int = 7) -> list[float]:
    """Total duration of the whole list in each of `runs` simulated projects, sorted."""
    rng = random.Random(seed)  # noqa: S311 - a forecast, not cryptography; seeded so results repeat
    totals = [sum(rng.triangular(t.best, t.worst, t.likely) for t in tasks) for _ in range(runs)]
    return sorted(totals)


def percentile(sorted_totals: list[float], p: float) -> float:
    """The total that `p` percent of simulated projects finished within."""
    index = min(len(sorted_totals) - 1, int(p / 100 * len(sorted_totals)))
    return sorted_totals[index]


def forecast(tasks: list[Task]) -> str:
    totals = simulate(tasks)
    # Round up: "85% likely within 18 days" is false if the 85th percentile is 18.2 days.
    p50, p85 = math.ceil(percentile(totals, 50)), math.ceil(percentile(totals, 85))
    return f"50% likely within {p50} days, 85% likely within {p85} days"


# --8<-- [end:simulate]


def naive_sum(tasks: list[Task]) -> float:
    """What many plans do: add up the most likely values."""
    return sum(t.likely for t in tasks)


def spread_ratio(tasks: list[Task]) -> float:
    totals = simulate(tasks)
    return statistics.pstdev(totals) / statistics.mean(totals)


# --8<-- [start:plan]
CHECKOUT_REWRITE = [
    Task("payment provider adapter", best=2, likely=3, worst=8),
    Task("order state machine", best=1, likely=2, worst=4),
    Task("migrate saved carts", best=1, likely=2, worst=10),  # unknown data quality
    Task("contract tests with the frontend", best=1, likely=1, worst=3),
    Task("load test and tuning", best=1, likely=2, worst=5),
]
# --8<-- [end:plan]
