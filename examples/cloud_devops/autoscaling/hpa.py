"""The arithmetic behind Kubernetes autoscaling and rolling updates, small enough to check by hand."""

from __future__ import annotations

import math


# --8<-- [start:hpa]
def desired_replicas(
    current_replicas: int,
    current_utilisation: float,
    target_utilisation: float,
    min_replicas: int,
    max_replicas: int,
    tolerance: float = 0.1,
) -> int:
    """The HorizontalPodAutoscaler's core rule: scale by the ratio of current to target, rounded up.

    Within `tolerance` of the target (10% by default) nothing changes, so small wobbles cause no churn.
    """
    ratio = current_utilisation / target_utilisation
    if abs(ratio - 1.0) <= tolerance:
        return current_replicas
    wanted = math.ceil(current_replicas * ratio)
    return max(min_replicas, min(max_replicas, wanted))


# --8<-- [end:hpa]


# --8<-- [start:rollout]
def resolve(value: int | str, replicas: int, round_up: bool) -> int:
    """maxSurge rounds percentages up, maxUnavailable rounds them down (as the Deployment controller does)."""
    if isinstance(value, int):
        return value
    percent = int(value.rstrip("%"))
    exact = replicas * percent / 100
    return math.ceil(exact) if round_up else math.floor(exact)


def rollout_bounds(replicas: int, max_surge: int | str, max_unavailable: int | str) -> tuple[int, int]:
    """(fewest pods guaranteed available, most pods that may exist) while a rolling update runs."""
    surge = resolve(max_surge, replicas, round_up=True)
    unavailable = resolve(max_unavailable, replicas, round_up=False)
    if surge == 0 and unavailable == 0:
        raise ValueError("maxSurge and maxUnavailable cannot both be zero: the rollout could never progress")
    return replicas - unavailable, replicas + surge


# --8<-- [end:rollout]
