"""The release pipeline's canary judge (the lesson's, with the canary's age added to the sample)."""

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
    minutes: float = 0.0  # how long this version has been serving

    @property
    def error_ratio(self) -> float:
        return self.errors / self.requests if self.requests else 0.0


def chance_of_at_least(errors: int, requests: int, ratio: float) -> float:
    """P(X >= errors) for X ~ Binomial(requests, ratio)."""
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


def judge(
    baseline: Sample,
    canary: Sample,
    min_requests: int = 500,
    max_error_increase: float = 0.005,
    max_latency_ratio: float = 1.2,
    alpha: float = 0.05,
) -> Verdict:
    """Roll back on evidence of harm, wait while the evidence is thin, promote when the canary is as good."""
    allowed = baseline.error_ratio + max_error_increase
    if canary.errors and chance_of_at_least(canary.errors, canary.requests, allowed) < alpha:
        return Verdict.ROLL_BACK
    if canary.requests < min_requests:
        return Verdict.CONTINUE
    if canary.p99_latency_ms > baseline.p99_latency_ms * max_latency_ratio:
        return Verdict.ROLL_BACK
    if canary.error_ratio > allowed:
        return Verdict.CONTINUE
    return Verdict.PROMOTE
