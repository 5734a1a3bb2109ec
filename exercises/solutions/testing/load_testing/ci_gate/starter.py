"""A reference solution: error rate over every request, latency over the successes, both limits checked, and
every failed limit named."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    status: int | None  # None: no response (timeout, connection refused)
    latency_ms: float


@dataclass(frozen=True)
class Limits:
    max_p99_ms: float
    max_error_rate: float  # a fraction: 0.001 is 0.1 %


@dataclass(frozen=True)
class Verdict:
    exit_status: int  # 0 passes the CI step, 1 fails it
    reasons: list[str]


def nearest_rank(sorted_values: list[float], p: float) -> float:
    return sorted_values[math.ceil(p / 100 * len(sorted_values)) - 1]


def succeeded(result: Result) -> bool:
    return result.status is not None and 200 <= result.status <= 399


def gate(results: list[Result], limits: Limits) -> Verdict:
    if not results:
        return Verdict(1, ["no requests were made"])
    reasons = []
    errors = sum(1 for result in results if not succeeded(result))
    error_rate = errors / len(results)  # over every request: an error is a request a user did not get served
    if error_rate > limits.max_error_rate:
        reasons.append(f"error rate {error_rate:.2%} is over {limits.max_error_rate:.2%} ({errors} of {len(results)})")
    # Latency of the successes only: a 2 ms 503 is not a fast answer, and must not pull the tail down.
    latencies = sorted(result.latency_ms for result in results if succeeded(result))
    if not latencies:
        reasons.append("no request succeeded, so there is no latency to judge")
    else:
        p99 = nearest_rank(latencies, 99)
        if p99 > limits.max_p99_ms:
            reasons.append(f"p99 of successful requests {p99:.0f} ms is over {limits.max_p99_ms:.0f} ms")
    return Verdict(1 if reasons else 0, reasons)
