"""Finding a service's limit: a load test that steps up the offered load, the knee, and Little's law.

The "service" is a simulation, so the test is fast and repeatable: `workers` requests run at once, each takes
an exponentially distributed time with mean `service` seconds, and the rest wait in a FIFO queue. Requests
arrive at random (a Poisson process), the way independent users do: this is an open-model load test, where
arrivals do not wait for earlier responses.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from dataclasses import dataclass


# --8<-- [start:little]
def in_flight(throughput: float, latency: float) -> float:
    """Little's law, L = lambda * W: requests in the system = requests per second * seconds each one stays."""
    return throughput * latency


def max_throughput(concurrency: int, latency: float) -> float:
    """The same law read the other way: a limit of `concurrency` at `latency` caps the rate at L / W."""
    return concurrency / latency


def pool_size(throughput: float, hold_seconds: float, headroom: float = 1.5) -> int:
    """Connections (or threads) to provision: the average number busy, times headroom for bursts."""
    return math.ceil(in_flight(throughput, hold_seconds) * headroom)


# --8<-- [end:little]


@dataclass(frozen=True)
class Step:
    """One step of a load test: what was offered and what the service did with it."""

    offered: float  # requests per second sent
    throughput: float  # requests per second completed
    mean_latency: float  # seconds, over completed requests
    p99_latency: float
    mean_in_flight: float  # time-averaged number of requests in the service (queued or running)


# --8<-- [start:load_test]
def run_step(offered: float, workers: int, service: float, seconds: float, rng: random.Random) -> Step:
    """Offer `offered` requests per second for `seconds` and measure what comes back."""
    free_at = [0.0] * workers  # when each worker is next free: a heap, so the earliest is first
    latencies: list[float] = []
    time_in_system = 0.0  # summed over every request, counted up to the end of the step
    arrival = rng.expovariate(offered)
    while arrival < seconds:
        start = max(arrival, heapq.heappop(free_at))  # FIFO: wait for the first free worker
        done = start + rng.expovariate(1 / service)
        heapq.heappush(free_at, done)
        time_in_system += min(done, seconds) - arrival
        if done <= seconds:
            latencies.append(done - arrival)
        arrival += rng.expovariate(offered)
    latencies.sort()
    return Step(
        offered=offered,
        throughput=len(latencies) / seconds,
        mean_latency=sum(latencies) / len(latencies),
        p99_latency=latencies[int(0.99 * (len(latencies) - 1))],
        mean_in_flight=time_in_system / seconds,
    )


def load_test(rates: list[float], workers: int, service: float, seconds: float = 200, seed: int = 1) -> list[Step]:
    rng = random.Random(seed)  # noqa: S311 - simulated arrivals, not a secret
    return [run_step(rate, workers, service, seconds, rng) for rate in rates]


def knee(steps: list[Step]) -> Step:
    """The last step before throughput stops following the offered load.

    Past the knee, each extra request per second offered adds less than half a request per second of
    throughput: the rest turns into queueing, so latency climbs while throughput stays flat.
    """
    for before, after in itertools.pairwise(steps):
        gain = (after.throughput - before.throughput) / (after.offered - before.offered)
        if gain < 0.5:
            return before
    return steps[-1]


def usable_limit(steps: list[Step], p99_objective: float) -> Step:
    """The highest load whose p99 latency still meets the objective: the number to plan and shed at."""
    meeting = [step for step in steps if step.p99_latency <= p99_objective]
    if not meeting:
        raise ValueError("no step met the latency objective: start the test at a lower load")
    return max(meeting, key=lambda step: step.offered)


# --8<-- [end:load_test]
