"""Liveness probes that fail under load restart busy pods, and the restarts keep the service down.

A discrete-time model of a Deployment behind a load balancer. Each tick the load is split evenly over the pods
that are up. A pod serves up to its capacity and sheds the rest; a pod that has just started has a cold cache
and serves only part of its capacity until it warms up. The kubelet probes every pod each tick and restarts a
pod after `failure_threshold` failed probes in a row; a restarted pod serves nothing while it boots.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


# --8<-- [start:probes]
class Probe(Enum):
    THROUGH_THE_QUEUE = "waits behind requests"  # the probe fails whenever the pod is over capacity
    SEPARATE_PATH = "answered on its own path"  # the probe fails only if the process itself is stuck


@dataclass(frozen=True)
class Fleet:
    pods: int = 5
    capacity: int = 100  # requests a tick, warm
    cold_capacity: int = 50  # while the cache warms up
    warmup: int = 10  # ticks after booting
    boot: int = 3  # ticks a restarted pod serves nothing
    failure_threshold: int = 3  # failed probes in a row before the kubelet restarts the pod


@dataclass
class Pod:
    up_at: int  # the tick it starts serving
    failures: int = 0

    def capacity(self, now: int, fleet: Fleet) -> int:
        return fleet.capacity if now - self.up_at >= fleet.warmup else fleet.cold_capacity


@dataclass(frozen=True)
class Tick:
    demand: int
    served: int
    restarts: int  # pods restarted by the kubelet this tick


def simulate(
    load: Callable[[int], int], ticks: int, probe: Probe, fleet: Fleet | None = None, lose_pod_at: int = -1
) -> list[Tick]:
    """`lose_pod_at` is the trigger: at that tick one pod dies (a node fails) and boots again elsewhere."""
    fleet = fleet or Fleet()
    pods = [Pod(up_at=-fleet.warmup) for _ in range(fleet.pods)]  # running, and warm, before tick 0
    history: list[Tick] = []
    for now in range(ticks):
        if now == lose_pod_at:
            pods[0] = Pod(up_at=now + fleet.boot)
        up = [pod for pod in pods if pod.up_at <= now]
        share = load(now) / len(up) if up else 0.0  # the load balancer spreads load over ready pods
        served = sum(min(share, pod.capacity(now, fleet)) for pod in up)
        restarts = 0
        for pod in up:
            overloaded = share > pod.capacity(now, fleet)
            probe_fails = probe is Probe.THROUGH_THE_QUEUE and overloaded
            pod.failures = pod.failures + 1 if probe_fails else 0
            if pod.failures >= fleet.failure_threshold:
                # The kubelet restarts the pod: from the next tick its share moves to the others.
                pod.up_at, pod.failures = now + 1 + fleet.boot, 0
                restarts += 1
        history.append(Tick(demand=load(now), served=round(served), restarts=restarts))
    return history


# --8<-- [end:probes]
