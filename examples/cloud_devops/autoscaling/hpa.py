"""The arithmetic behind Kubernetes autoscaling and rolling updates, small enough to check by hand."""

from __future__ import annotations

import math


# --8<-- [start:hpa]
def desired_replicas(
    current_replicas: int,
    current_utilization: float,
    target_utilization: float,
    min_replicas: int,
    max_replicas: int,
    tolerance: float = 0.1,
) -> int:
    """The HorizontalPodAutoscaler's rule for one metric: scale by the ratio of current to target, rounded up.

    A count outside [min_replicas, max_replicas] is first brought inside it. Within `tolerance` of the target
    (10% by default) nothing changes, so small wobbles cause no churn.
    """
    if not min_replicas <= current_replicas <= max_replicas:
        return max(min_replicas, min(max_replicas, current_replicas))
    ratio = current_utilization / target_utilization
    if abs(1.0 - ratio) <= tolerance:
        return current_replicas
    wanted = math.ceil(current_replicas * ratio)  # up, in both directions: never fewer pods than the load needs
    return max(min_replicas, min(max_replicas, wanted))


# --8<-- [end:hpa]


# --8<-- [start:rollout]
def resolve(value: int | str, replicas: int, round_up: bool) -> int:
    """maxSurge rounds percentages up, maxUnavailable rounds them down (as the Deployment controller does)."""
    if isinstance(value, int):
        return value
    percent = int(value.rstrip("%"))
    # Multiply before dividing, as the controller does: (7 / 100) * 100 is 7.000000000000001, which rounds up to 8.
    exact = percent * replicas / 100
    return math.ceil(exact) if round_up else math.floor(exact)


def rollout_bounds(replicas: int, max_surge: int | str, max_unavailable: int | str) -> tuple[int, int]:
    """(fewest pods guaranteed available, most pods that may exist) while a rolling update runs."""
    if max_surge in (0, "0%") and max_unavailable in (0, "0%"):
        raise ValueError("the API rejects maxSurge and maxUnavailable both 0: the rollout could never progress")
    surge = resolve(max_surge, replicas, round_up=True)
    unavailable = resolve(max_unavailable, replicas, round_up=False)
    if surge == 0 and unavailable == 0:
        # A percentage can round down to 0 (25% of 3); the controller then allows one unavailable pod, so the
        # rollout can still move even if a quota forbids the extra pod.
        unavailable = 1
    return replicas - unavailable, replicas + surge


# --8<-- [end:rollout]
