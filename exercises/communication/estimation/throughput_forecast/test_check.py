"""Acceptance check: the throughput forecast matches the exact distribution of weeks-to-finish when each
future week is a past week drawn at random, zero weeks included.

The exact percentiles are computed here without simulation: the distribution of items done after w weeks is
the history's distribution added to itself w times (a convolution), capped at the backlog size.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from exercises import load_module

BURSTY = [0, 0, 9, 1, 0, 12, 2, 0, 8, 0]  # 3.2 items a week on average, in bursts
STEADY = [3, 4, 3, 3, 4, 3, 3, 3, 3, 3]  # the same average, every week
MARGIN = 0.02  # how close to p the exact probability may be before simulation noise may move the answer a week


def finished_by(history: list[int], items: int, max_weeks: int = 400) -> list[float]:
    """finished_by[w] = the exact probability that every item is done within w weeks."""
    chance = 1 / len(history)
    done = {0: 1.0}  # items done (capped at `items`) -> probability
    cumulative = [1.0 if items == 0 else 0.0]
    for _ in range(max_weeks):
        after: dict[int, float] = {}
        for count, probability in done.items():
            for week in history:
                total = min(items, count + week)
                after[total] = after.get(total, 0.0) + probability * chance
        done = after
        cumulative.append(done.get(items, 0.0))
        if cumulative[-1] > 0.999:
            break
    return cumulative


def allowed(history: list[int], items: int, p: int) -> set[int]:
    """The right answer for percentile p, and its neighbor when the exact probability is too close to call."""
    cumulative = finished_by(history, items)
    week = next(w for w, probability in enumerate(cumulative) if probability >= p / 100)
    answers = {week}
    if cumulative[week] < p / 100 + MARGIN:
        answers.add(week + 1)
    if week > 0 and cumulative[week - 1] > p / 100 - MARGIN:
        answers.add(week - 1)
    return answers


def check(answer: Path, history: list[int], items: int) -> None:
    got = load_module(answer).forecast_from_throughput(history, items, (50, 85, 95))
    for p in (50, 85, 95):
        assert got[p] in allowed(history, items, p), (
            f"history {history}, {items} items: {p}th percentile {got[p]} weeks; the exact answer is "
            f"{sorted(allowed(history, items, p))}"
        )


def test_a_bursty_team_with_empty_weeks(answer: Path) -> None:
    check(answer, BURSTY, 30)


@pytest.mark.starter_passes
def test_a_steady_team(answer: Path) -> None:
    check(answer, STEADY, 30)


@pytest.mark.starter_passes
def test_steadier_history_gives_a_narrower_range(answer: Path) -> None:
    forecast = load_module(answer).forecast_from_throughput
    bursty, steady = forecast(BURSTY, 30, (50, 85)), forecast(STEADY, 30, (50, 85))
    assert steady[85] - steady[50] < bursty[85] - bursty[50], (
        f"same average throughput, so the steady team's range must be narrower: {steady} vs {bursty}"
    )


def test_generated_histories(answer: Path) -> None:
    rng = random.Random(31)  # noqa: S311 - test data, not secrets; a fixed seed repeats the same histories
    for _ in range(12):
        history = [rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 11]) for _ in range(rng.randrange(6, 14))]
        history[rng.randrange(len(history))] = rng.randrange(1, 9)  # at least one productive week
        check(answer, history, rng.randrange(5, 60))


def test_nothing_left_takes_no_time_and_no_history_is_an_error(answer: Path) -> None:
    forecast = load_module(answer).forecast_from_throughput
    assert forecast(BURSTY, 0, (50, 85)) == {50: 0, 85: 0}
    for history in ([0, 0, 0], []):
        with pytest.raises(ValueError):
            forecast(history, 10)
