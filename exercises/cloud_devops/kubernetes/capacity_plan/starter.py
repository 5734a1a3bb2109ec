"""Exercise: the capacity planner that under-counted a rollout (make exercise ID=cloud_devops/kubernetes/capacity_plan).

Symptom: the team sizes the `search` namespace's ResourceQuota from this planner. For 7 replicas with
`maxSurge: 30%` and `maxUnavailable: 30%` it printed "5 to 9 pods", so the quota allows 9 pods. During the next
release the ReplicaSet logged `FailedCreate ... exceeded quota: pods` and the rollout crawled. The same planner
said 7 pods at 76% CPU (target 70%) would grow to 8, but the HPA stayed at 7; and that 5 pods at 90% would grow
to 6, but the HPA went to 7.
Diagnose: run the check, then compare each function with the rules in the Kubernetes documentation (Deployments:
maxSurge and maxUnavailable; Horizontal Pod Autoscaling: algorithm details).
Fix: make both functions do what the controllers do, including the cases where rounding and the tolerance matter.
Verify: the check compares your answers with those rules over many inputs.
"""

from __future__ import annotations


def resolve(value: int | str, replicas: int) -> int:
    """An absolute number, or a percentage of the desired replicas ("30%")."""
    if isinstance(value, int):
        return value
    return round(replicas * int(value.rstrip("%")) / 100)


def rollout_bounds(replicas: int, max_surge: int | str, max_unavailable: int | str) -> tuple[int, int]:
    """(fewest pods that stay available, most pods that may exist) during a rolling update."""
    surge = resolve(max_surge, replicas)
    unavailable = resolve(max_unavailable, replicas)
    return replicas - unavailable, replicas + surge


def desired_replicas(
    current_replicas: int, current_utilization: int, target_utilization: int, min_replicas: int, max_replicas: int
) -> int:
    """How many pods the HorizontalPodAutoscaler asks for, from the pods' average CPU utilization (percent)."""
    wanted = round(current_replicas * current_utilization / target_utilization)
    return max(min_replicas, min(max_replicas, wanted))
