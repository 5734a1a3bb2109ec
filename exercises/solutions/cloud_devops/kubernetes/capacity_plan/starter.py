"""A reference solution: the Deployment controller's rounding and fencepost rule, the HPA's ceil and tolerance."""

from __future__ import annotations

import math

TOLERANCE = 0.1  # the HPA's default; kube-controller-manager --horizontal-pod-autoscaler-tolerance


def resolve(value: int | str, replicas: int, round_up: bool) -> int:
    """maxSurge rounds a percentage up (more room to move), maxUnavailable rounds it down (less capacity lost)."""
    if isinstance(value, int):
        return value
    # percent * replicas first, then / 100, as the controller does: (7 / 100) * 100 is 7.000000000000001.
    exact = int(value.rstrip("%")) * replicas / 100
    return math.ceil(exact) if round_up else math.floor(exact)


def rollout_bounds(replicas: int, max_surge: int | str, max_unavailable: int | str) -> tuple[int, int]:
    surge = resolve(max_surge, replicas, round_up=True)
    unavailable = resolve(max_unavailable, replicas, round_up=False)
    if surge == 0 and unavailable == 0:
        # Both may round to zero (10% of 3); the controller then allows one unavailable pod so the rollout moves.
        unavailable = 1
    return replicas - unavailable, replicas + surge


def desired_replicas(
    current_replicas: int, current_utilization: int, target_utilization: int, min_replicas: int, max_replicas: int
) -> int:
    if not min_replicas <= current_replicas <= max_replicas:
        return max(min_replicas, min(max_replicas, current_replicas))
    ratio = current_utilization / target_utilization
    if abs(1.0 - ratio) <= TOLERANCE:
        return current_replicas  # close enough to the target: no churn
    return max(min_replicas, min(max_replicas, math.ceil(current_replicas * ratio)))
