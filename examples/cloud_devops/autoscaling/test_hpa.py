from __future__ import annotations

import pytest

from examples.cloud_devops.autoscaling.hpa import desired_replicas, rollout_bounds


def test_scale_up_by_the_ratio() -> None:
    # 4 pods at 140% of target: ceil(4 * 1.4) = 6 (ceil avoids under-provisioning).
    assert desired_replicas(4, 98, 70, min_replicas=2, max_replicas=10) == 6


def test_within_tolerance_nothing_changes() -> None:
    assert desired_replicas(4, 75, 70, min_replicas=2, max_replicas=10) == 4
    assert desired_replicas(4, 65, 70, min_replicas=2, max_replicas=10) == 4


def test_scale_down_rounds_up_too() -> None:
    # 10 pods at 30% of a 70% target: 10 * 3/7 = 4.29, so 5 pods, not 4.
    assert desired_replicas(10, 30, 70, min_replicas=2, max_replicas=20) == 5


def test_scale_down_and_clamp() -> None:
    assert desired_replicas(10, 14, 70, min_replicas=3, max_replicas=20) == 3
    assert desired_replicas(10, 700, 70, min_replicas=3, max_replicas=20) == 20


def test_a_count_outside_the_bounds_is_brought_inside_even_at_target() -> None:
    assert desired_replicas(2, 70, 70, min_replicas=3, max_replicas=20) == 3
    assert desired_replicas(25, 70, 70, min_replicas=3, max_replicas=20) == 20


def test_lab_rollout_never_drops_capacity() -> None:
    assert rollout_bounds(3, max_surge=1, max_unavailable=0) == (3, 4)


def test_default_rollout_percentages_round_as_kubernetes_does() -> None:
    # The default is 25% / 25%: with 10 replicas, surge ceil(2.5)=3 and unavailable floor(2.5)=2.
    assert rollout_bounds(10, max_surge="25%", max_unavailable="25%") == (8, 13)
    # With 3 replicas 25% unavailable rounds down to 0, so the default keeps full capacity there.
    assert rollout_bounds(3, max_surge="25%", max_unavailable="25%") == (3, 4)


def test_percentages_are_exact_for_whole_results() -> None:
    assert rollout_bounds(100, max_surge="7%", max_unavailable="7%") == (93, 107)


def test_both_zero_is_rejected() -> None:
    with pytest.raises(ValueError, match="never progress"):
        rollout_bounds(3, 0, 0)
    with pytest.raises(ValueError, match="never progress"):
        rollout_bounds(3, "0%", 0)


def test_percentages_that_both_round_to_zero_allow_one_unavailable_pod() -> None:
    # maxSurge 0 and maxUnavailable 25% of 3 (0.75, rounded down to 0): the controller allows 1.
    assert rollout_bounds(3, max_surge=0, max_unavailable="25%") == (2, 3)
