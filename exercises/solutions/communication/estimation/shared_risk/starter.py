"""A reference solution: a risk is decided once per simulated project, and when it happens it delays every
task it touches. Rolling the dice per task would treat one fact about the world (the data is dirty, or it
is not) as several independent coin flips, which keeps the average and hides most of the spread."""

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
        happened = [risk for risk in risks if rng.random() < risk.probability]
        total = 0.0
        for task in tasks:
            total += rng.triangular(task.best, task.worst, task.likely)
            total += sum(risk.delay for risk in happened if task.name in risk.tasks)
        totals.append(total)
    return sorted(totals)
