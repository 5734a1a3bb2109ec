"""Exercise: the release gate that waved through a 30 % error rate.

Symptom: release 5.2 passed the load-test gate in CI, and in production three requests in ten failed. The gate's
report from that run: p99 = 120 ms (limit 500 ms), PASS. Behind it, 30 % of responses were 503s returned in about
2 ms by an overloaded dependency's circuit breaker, and the successful ones took up to 900 ms.

Diagnose: the gate takes the p99 over every response, so the fast failures pull the tail down, and it never looks
at the error rate. Fix: latency percentiles over successful responses only (status 200 to 399, as k6's
expected_response), an error rate over every request (any other status, or no response at all, is an error),
and a failing exit status when either limit is exceeded, or when nothing succeeded. A value exactly at its limit
passes. Say what failed. Verify: `make exercise ID=testing/load_testing/ci_gate`.
"""

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


def gate(results: list[Result], limits: Limits) -> Verdict:
    latencies = sorted(result.latency_ms for result in results)
    p99 = nearest_rank(latencies, 99)
    if p99 > limits.max_p99_ms:
        return Verdict(1, [f"p99 {p99:.0f} ms is over {limits.max_p99_ms:.0f} ms"])
    return Verdict(0, [])
