"""Retries without a budget keep an overloaded server failing after the spike is over; a budget lets it recover."""

from __future__ import annotations

from examples.architecture.overload.metastable import Clients, goodput, simulate, spike

NO_BUDGET = Clients(timeout=5, max_attempts=3)
BUDGET = Clients(timeout=5, max_attempts=3, retry_budget=0.1)  # retries at most 10% of new requests


# --8<-- [start:metastable]
def test_at_80_percent_load_the_server_is_healthy_until_something_pushes_it():
    history = simulate(lambda now: 80, ticks=400, clients=NO_BUDGET)
    assert goodput(history, 0, 400) == 80  # every request answered in time, for as long as you like


def test_a_ten_tick_spike_leaves_a_retry_storm_that_never_ends():
    history = simulate(spike(base=80, peak=200), ticks=400, clients=NO_BUDGET)
    assert goodput(history, 0, 100) == 80  # healthy before the trigger
    # 190 ticks after the spike, demand is back to 80 a tick, under the capacity of 100, yet
    # nothing is answered in time: the queue is full of requests whose callers gave up, and their retries
    # triple the load.
    assert goodput(history, 300, 400) == 0
    assert all(tick.sent == 3 * tick.new for tick in history[300:400])
    assert all(tick.wasted == 100 for tick in history[300:400])  # the server is busy, for nobody


def test_with_a_retry_budget_the_same_spike_passes():
    history = simulate(spike(base=80, peak=200), ticks=400, clients=BUDGET)
    assert goodput(history, 300, 400) == 80
    assert all(tick.sent <= 88 for tick in history[110:400])  # 80 new requests and at most 8 retries


def test_recovery_needs_load_below_the_level_that_was_fine_before():
    def load(now: int) -> int:
        if 100 <= now < 110:
            return 200  # the trigger
        if 150 <= now < 250:
            return 25  # operators shed most of the traffic: 3 attempts each still fit in 100
        return 80

    history = simulate(load, ticks=400, clients=NO_BUDGET)
    assert goodput(history, 140, 150) == 0  # stuck at 80, as in the test above
    assert goodput(history, 230, 250) == 25  # recovered while the load was low
    assert goodput(history, 300, 400) == 80  # and the original load is fine again once the queue is empty


def test_below_the_vulnerable_level_the_system_heals_itself():
    history = simulate(spike(base=30, peak=200), ticks=400, clients=NO_BUDGET)
    assert goodput(history, 300, 400) == 30  # 3 attempts of 30 requests still fit in a capacity of 100


# --8<-- [end:metastable]
