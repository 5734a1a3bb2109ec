"""Acceptance check: rollout bounds and HPA recommendations as the Kubernetes controllers compute them.

Each rule is stated as a property and checked over many inputs with exact fractions, so no answer is hard-coded:
- maxSurge: the smallest whole number of pods at least p% of the replicas (rounded up);
- maxUnavailable: the largest whole number at most p% of the replicas (rounded down); if both come to zero, one
  pod may be unavailable (otherwise the rollout could never move);
- HPA: no change while current/target is within 10% of 1; otherwise the smallest whole number of pods at least
  current replicas x current / target; always within minReplicas and maxReplicas.
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module

REPLICAS = range(1, 41)
PERCENTS = (1, 5, 10, 12, 15, 20, 25, 30, 33, 35, 40, 50, 66, 75, 90, 100)
TOLERANCE = Fraction(1, 10)


def planner(answer: Path) -> ModuleType:
    return load_module(answer)


def surge_of(module: ModuleType, replicas: int, percent: int) -> int:
    # With maxUnavailable 1 the fencepost rule never applies, so the upper bound shows the surge alone.
    return module.rollout_bounds(replicas, f"{percent}%", 1)[1] - replicas


def unavailable_of(module: ModuleType, replicas: int, percent: int) -> int:
    # With maxSurge 1 the fencepost rule never applies, so the lower bound shows maxUnavailable alone.
    return replicas - module.rollout_bounds(replicas, 1, f"{percent}%")[0]


def test_max_surge_rounds_up(answer: Path) -> None:
    module = planner(answer)
    for replicas in REPLICAS:
        for percent in PERCENTS:
            exact = Fraction(percent * replicas, 100)
            surge = surge_of(module, replicas, percent)
            assert surge >= exact > surge - 1, (
                f"{replicas} replicas, maxSurge {percent}% = {float(exact):g} pods: the Deployment controller "
                f"resolves it to {math.ceil(exact)}, the planner to {surge}"
            )


def test_max_unavailable_rounds_down(answer: Path) -> None:
    module = planner(answer)
    for replicas in REPLICAS:
        for percent in PERCENTS:
            exact = Fraction(percent * replicas, 100)
            unavailable = unavailable_of(module, replicas, percent)
            assert unavailable <= exact < unavailable + 1, (
                f"{replicas} replicas, maxUnavailable {percent}% = {float(exact):g} pods: the Deployment "
                f"controller resolves it to {math.floor(exact)}, the planner to {unavailable}"
            )


def test_percentages_that_both_round_to_zero_allow_one_unavailable_pod(answer: Path) -> None:
    module = planner(answer)
    for replicas, percent in ((3, 10), (3, 33), (9, 10), (4, 20)):
        assert module.rollout_bounds(replicas, 0, f"{percent}%") == (replicas - 1, replicas), (
            f"maxSurge 0 and maxUnavailable {percent}% of {replicas} both come to 0 pods: the controller then "
            "lets one pod be unavailable, or the rollout could never start"
        )


@pytest.mark.starter_passes
def test_absolute_values_are_used_as_they_are(answer: Path) -> None:
    module = planner(answer)
    assert module.rollout_bounds(3, 1, 0) == (3, 4)
    assert module.rollout_bounds(10, 2, 3) == (7, 12)


@pytest.mark.starter_passes
def test_whole_percentages_are_exact(answer: Path) -> None:
    # (7 / 100) * 100 is 7.000000000000001 in floating point: multiply first, as the controller does.
    assert planner(answer).rollout_bounds(100, "7%", "7%") == (93, 107)


def hpa_cases() -> list[tuple[int, int, int]]:
    """(current replicas, utilization %, target %) away from the exact edges, where floating point and exact
    fractions could disagree by one."""
    cases = []
    for current in range(1, 16):
        for target in (50, 60, 70, 80):
            for utilization in range(10, 201, 3):
                ratio = Fraction(utilization, target)
                near_tolerance = abs(abs(1 - ratio) - TOLERANCE) < Fraction(1, 1000)
                near_whole = abs(current * ratio - round(current * ratio)) < Fraction(1, 1000)
                if not near_tolerance and not (near_whole and abs(1 - ratio) > TOLERANCE):
                    cases.append((current, utilization, target))
    return cases


def test_hpa_follows_the_documented_algorithm(answer: Path) -> None:
    module = planner(answer)
    low, high = 1, 30
    for current, utilization, target in hpa_cases():
        ratio = Fraction(utilization, target)
        wanted = current if abs(1 - ratio) <= TOLERANCE else math.ceil(current * ratio)
        expected = max(low, min(high, wanted))
        got = module.desired_replicas(current, utilization, target, low, high)
        assert got == expected, (
            f"{current} pods at {utilization}% against a {target}% target: the HPA asks for {expected}, "
            f"the planner says {got}"
        )


def test_hpa_ignores_a_change_within_the_tolerance(answer: Path) -> None:
    got = planner(answer).desired_replicas(7, 76, 70, 3, 12)
    assert got == 7, f"76% against 70% is within the 10% tolerance, so 7 pods stay 7, not {got}"


def test_hpa_rounds_up_in_both_directions(answer: Path) -> None:
    module = planner(answer)
    assert module.desired_replicas(5, 90, 70, 3, 12) == 7, "5 x 90/70 = 6.43 pods: the HPA asks for 7"
    assert module.desired_replicas(10, 30, 70, 3, 12) == 5, "10 x 30/70 = 4.29 pods: the HPA keeps 5"


@pytest.mark.starter_passes
def test_hpa_stays_within_its_bounds(answer: Path) -> None:
    module = planner(answer)
    assert module.desired_replicas(10, 700, 70, 3, 12) == 12
    assert module.desired_replicas(10, 7, 70, 3, 12) == 3
    assert module.desired_replicas(2, 70, 70, 3, 12) == 3, "a count below minReplicas is raised even at target"
