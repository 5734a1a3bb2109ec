"""A stepped load test finds the knee; Little's law turns the measured limit into a concurrency limit."""

from __future__ import annotations

import pytest

from examples.architecture.overload.capacity import (
    in_flight,
    knee,
    load_test,
    max_throughput,
    pool_size,
    usable_limit,
)

WORKERS, SERVICE = 8, 0.1  # 8 requests at once, 100 ms each on average
CAPACITY = WORKERS / SERVICE  # 80 requests per second, which the test does not get to see


@pytest.fixture(scope="module")
def steps():
    return load_test(  # seed=1 by default: the same arrivals on every run
        [CAPACITY * tenth / 10 for tenth in range(1, 17)], workers=WORKERS, service=SERVICE
    )


# --8<-- [start:knee]
def test_throughput_follows_the_load_up_to_the_knee_then_flattens(steps):
    for step in steps:
        if step.offered <= 0.8 * CAPACITY:
            assert step.throughput == pytest.approx(step.offered, rel=0.08)
        if step.offered >= 1.1 * CAPACITY:
            assert step.throughput == pytest.approx(CAPACITY, rel=0.03)  # more load, no more work done


def test_past_the_knee_latency_climbs_while_throughput_does_not(steps):
    found = knee(steps)
    assert found.offered == CAPACITY  # the step at 80 a second
    assert 0.9 * CAPACITY <= found.throughput <= CAPACITY
    quiet = steps[0].mean_latency
    assert quiet == pytest.approx(SERVICE, rel=0.1)  # at low load a request waits for nothing
    past = [step for step in steps if step.offered > found.offered]
    assert past and all(step.mean_latency > 50 * quiet for step in past)


def test_the_usable_limit_is_below_the_knee(steps):
    limit = usable_limit(steps, p99_objective=1.0)
    assert limit.offered < knee(steps).offered
    assert limit.p99_latency <= 1.0
    assert limit.offered == pytest.approx(0.9 * CAPACITY)  # 72 a second: run below the knee, not at it


# --8<-- [end:knee]


# --8<-- [start:little]
def test_littles_law_holds_for_every_stable_step(steps):
    for step in steps:
        if step.offered <= 0.9 * CAPACITY:  # a steady state: the queue does not keep growing
            assert step.mean_in_flight == pytest.approx(in_flight(step.throughput, step.mean_latency), rel=0.03)


def test_at_the_usable_limit_concurrency_is_the_workers_plus_a_short_queue(steps):
    limit = usable_limit(steps, p99_objective=1.0)
    concurrency = in_flight(limit.throughput, limit.mean_latency)
    assert WORKERS < concurrency < 2 * WORKERS  # the workers, plus a short queue
    assert concurrency == pytest.approx(14, abs=1)  # a limit of about 14 admits what can finish in time


def test_the_worked_example():
    assert in_flight(throughput=600, latency=0.040) == pytest.approx(24)  # requests in the service
    assert in_flight(throughput=600, latency=0.010) == pytest.approx(6)  # connections busy on average
    assert pool_size(throughput=600, hold_seconds=0.010) == 9  # 6 busy, with 50% headroom
    assert max_throughput(concurrency=10, latency=0.010) == pytest.approx(1_000)  # the ceiling of 10
    assert max_throughput(concurrency=10, latency=0.050) == pytest.approx(200)  # when queries slow to 50 ms


# --8<-- [end:little]
