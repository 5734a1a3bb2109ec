"""Deciding a canary automatically: compare the new version with the baseline, then promote or roll back."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum


class Verdict(Enum):
    PROMOTE = "promote"
    CONTINUE = "continue"
    ROLL_BACK = "roll back"


@dataclass(frozen=True)
class Sample:
    requests: int
    errors: int
    p99_latency_ms: float

    @property
    def error_ratio(self) -> float:
        return self.errors / self.requests if self.requests else 0.0


# --8<-- [start:judge]
def judge(
    baseline: Sample,
    canary: Sample,
    min_requests: int = 500,
    max_error_increase: float = 0.005,
    max_latency_ratio: float = 1.2,
    alpha: float = 0.05,
) -> Verdict:
    """Roll back on evidence of harm, wait while the evidence is thin, promote when the canary is as good."""
    allowed = baseline.error_ratio + max_error_increase  # the worst error ratio we would accept
    if canary.errors and chance_of_at_least(canary.errors, canary.requests, allowed) < alpha:
        return Verdict.ROLL_BACK  # this many errors would be a fluke if the true ratio were acceptable
    if canary.requests < min_requests:
        return Verdict.CONTINUE  # too little traffic to call it good, or to trust its p99
    if canary.p99_latency_ms > baseline.p99_latency_ms * max_latency_ratio:
        return Verdict.ROLL_BACK
    if canary.error_ratio > allowed:
        return Verdict.CONTINUE  # worse than allowed, but not yet clearly: gather more traffic
    return Verdict.PROMOTE


def chance_of_at_least(errors: int, requests: int, ratio: float) -> float:
    """P(X >= errors) for X ~ Binomial(requests, ratio): how likely this many errors are by chance alone."""
    if ratio <= 0:
        return 0.0 if errors > 0 else 1.0
    if ratio >= 1:
        return 1.0
    below = sum(
        math.exp(
            math.lgamma(requests + 1)
            - math.lgamma(i + 1)
            - math.lgamma(requests - i + 1)
            + i * math.log(ratio)
            + (requests - i) * math.log1p(-ratio)
        )
        for i in range(errors)
    )
    return max(0.0, 1.0 - below)


# --8<-- [end:judge]


# --8<-- [start:steps]
def traffic_steps(weights: tuple[int, ...] = (5, 25, 50, 100)) -> list[int]:
    """Percent of traffic sent to the canary at each step; each must be strictly larger, ending at 100."""
    if list(weights) != sorted(set(weights)) or weights[-1] != 100 or weights[0] <= 0:
        raise ValueError("weights must rise strictly from above 0 to 100")
    return list(weights)


def requests_needed_to_see_one_error(error_ratio: float, confidence: float = 0.95) -> int:
    """How many canary requests before a bug with this error ratio shows at least once, with `confidence`."""
    return math.ceil(math.log(1 - confidence) / math.log(1 - error_ratio))


# --8<-- [end:steps]
