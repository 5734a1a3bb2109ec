"""One slow server: round robin lets its queue grow without bound; load-aware policies do not."""

# ruff: noqa: S311  (a seeded generator makes the simulation repeatable; nothing here is security related)
from __future__ import annotations

import random

from examples.architecture.scaling.balancing import LeastOutstanding, PowerOfTwoChoices, RoundRobin, simulate

SPEEDS = [1.0, 1.0, 1.0, 0.25]  # three healthy servers and one running at a quarter speed
ARRIVALS = 3  # total capacity is 3.25 requests per tick, so the fleet as a whole keeps up


# --8<-- [start:test]
def test_round_robin_overloads_the_slow_server():
    peak = simulate(RoundRobin(), SPEEDS, ARRIVALS, ticks=1000)
    assert peak[3] > 400  # it receives 0.75 per tick but finishes 0.25
    assert max(peak[:3]) <= 1


def test_least_outstanding_keeps_every_queue_short():
    assert max(simulate(LeastOutstanding(), SPEEDS, ARRIVALS, ticks=1000)) <= 5


def test_power_of_two_choices_is_nearly_as_good():
    assert max(simulate(PowerOfTwoChoices(random.Random(3)), SPEEDS, ARRIVALS, ticks=1000)) <= 10


# --8<-- [end:test]


def test_round_robin_is_fine_when_servers_are_equal():
    assert max(simulate(RoundRobin(), [1.0] * 4, 4, ticks=500)) <= 1
