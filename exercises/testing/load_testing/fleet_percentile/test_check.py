"""Acceptance check: the fleet's percentile comes from the merged histograms, weighted by traffic, and equals the
percentile of every request pooled together; histograms with different buckets are refused."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from exercises import load_module

BOUNDS = [25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, math.inf]


def histogram_of(samples: list[float], bounds: list[float] = BOUNDS) -> dict[float, int]:
    return {bound: sum(1 for sample in samples if sample <= bound) for bound in bounds}


def pooled_quantile(samples: list[float], q: float, bounds: list[float] = BOUNDS) -> float:
    """What the fleet's users experienced, computed from every request at once (independently of the answer)."""
    for bound in bounds:
        if sum(1 for sample in samples if sample <= bound) >= q * len(samples):
            return bound if bound != math.inf else bounds[-2]
    raise AssertionError("unreachable: the +Inf bucket holds every sample")


HEALTHY = [20.0] * 100
SICK = [900.0] * 1200 + [40.0] * 800  # the favored pod on the noisy host: 2000 requests, 60 % slow


def test_the_incident_is_visible(answer: Path) -> None:
    fleet = [histogram_of(HEALTHY)] * 9 + [histogram_of(SICK)]
    p99 = load_module(answer).fleet_quantile(fleet, 0.99)
    assert p99 == 1000.0, f"fleet p99 {p99} ms: 1200 of 2900 requests took 900 ms; the average of pod p99s hides it"


def test_averaging_is_wrong_in_both_directions(answer: Path) -> None:
    fleet = [histogram_of(HEALTHY)] * 9 + [histogram_of(SICK)]
    p50 = load_module(answer).fleet_quantile(fleet, 0.5)
    assert p50 == 50.0, f"fleet p50 {p50} ms: most requests took 20 or 40 ms (the average of pod p50s says 122.5)"


def test_the_fleet_quantile_is_the_quantile_of_all_requests_pooled(answer: Path) -> None:
    module = load_module(answer)
    rng = random.Random(7)  # noqa: S311 - test data, seeded so a failure repeats
    for _ in range(50):
        pods = [
            [rng.choice([10.0, 30.0, 80.0, 200.0, 400.0, 800.0, 3000.0]) for _ in range(rng.randrange(0, 300))]
            for _ in range(rng.randrange(1, 8))
        ]
        pooled = [sample for pod in pods for sample in pod]
        if not pooled:
            continue
        for q in (0.5, 0.9, 0.99):
            got = module.fleet_quantile([histogram_of(pod) for pod in pods], q)
            assert got == pooled_quantile(pooled, q), f"q={q}, pods of sizes {[len(p) for p in pods]}"


def test_histograms_with_different_buckets_are_refused(answer: Path) -> None:
    other_bounds = [10.0, 100.0, 1000.0, math.inf]
    with pytest.raises(ValueError):
        load_module(answer).fleet_quantile([histogram_of(HEALTHY), histogram_of(HEALTHY, other_bounds)], 0.99)


@pytest.mark.starter_passes
def test_one_pod_is_its_own_fleet(answer: Path) -> None:
    module = load_module(answer)
    assert module.fleet_quantile([histogram_of(SICK)], 0.99) == 1000.0
    assert module.fleet_quantile([histogram_of([3000.0] * 10)], 0.99) == 2500.0  # +Inf: the largest finite bound
