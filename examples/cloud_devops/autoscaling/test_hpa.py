from __future__ import annotations

import pytest

from examples.cloud_devops.autoscaling.hpa import desired_replicas, rollout_bounds


def test_scale_up_by_the_ratio() -> None:
    # 4 pods at 140% of target: ceil(4 * 1.4) = 6 (ceil avoids under-provisioning).
    assert desired_replicas(4, 98, 70, min_replicas=2, max_replicas=10) == 6


def test_within_tolerance_nothing_changes() -> None:
    assert desired_replicas(4, 75, 70, min_replicas=2, max_replicas=10) == 4


def test_scale_down_and_clamp() -> None:
    assert desired_replicas(10, 14, 70, min_replicas=3, max_replicas=20) == 3
    assert desired_replicas(10, 700, 70, min_replicas=3, max_replicas=20) == 20


def test_lab_rollout_never_drops_capacity() -> None:
    assert rollout_bounds(3, max_surge=1, max_unavailable=0) == (3, 4)


def test_default_rollout_percentages_round_as_kubernetes_does() -> None:
    # The default is 25% / 25%: with 10 replicas, surge ceil(2.5)=3 and unavailable floor(2.5)=2.
    assert rollout_bounds(10, max_surge="25%", max_unavailable="25%") == (8, 13)
    # With 3 replicas 25% unavailable rounds down to 0, so the default keeps full capacity there.
    assert rollout_bounds(3, max_surge="25%", max_unavailable="25%") == (3, 4)


def test_both_zero_is_rejected() -> None:
    with pytest.raises(ValueError, match="never progress"):
        rollout_bounds(3, 0, 0)


def test_lesson_exercise_bounds() -> None:
    # 20 replicas: surge ceil(6.0) = 6, unavailable floor(2.0) = 2.
    assert rollout_bounds(20, max_surge="30%", max_unavailable="10%") == (18, 26)
