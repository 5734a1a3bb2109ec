"""The checkout forecast with its risks written down, so a risk can add days to the tasks it touches.

"The saved-cart data turns out to be dirty" would slow the migration, the order state machine (which must
handle the odd old states) and the contract tests (more cases) at once. The forecast came out tight and
confident, and the project ran past its 85% date by a week.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from examples.communication.estimation.forecast import Task


@dataclass(frozen=True)
class Risk:
    name: str
    probability: float  # the chance it happens in this project
    delay: float  # days it adds to each task it touches, when it happens
    tasks: tuple[str, ...]  # the names of the tasks it touches


def simulate(tasks: list[Task], risks: list[Risk], runs: int = 10_000, seed: int = 7) -> list[float]:
    """Total duration in each of `runs` simulated projects, sorted."""
    rng = random.Random(seed)  # noqa: S311 - a forecast, not cryptography; seeded so results repeat
    totals = []
    for _ in range(runs):
        total = 0.0
        for task in tasks:
            days = rng.triangular(task.best, task.worst, task.likely)
            for risk in risks:
                if task.name in risk.tasks and rng.random() < risk.probability:
                    days += risk.delay
            total += days
        totals.append(total)
    return sorted(totals)
