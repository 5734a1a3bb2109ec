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
) -> Verdict:
    """Roll back on clear harm, wait while the evidence is thin, promote when the canary is as good."""
    if canary.error_ratio > baseline.error_ratio + max_error_increase:
        return Verdict.ROLL_BACK  # worse by more than half a percentage point, however few requests
    if canary.p99_latency_ms > baseline.p99_latency_ms * max_latency_ratio:
        return Verdict.ROLL_BACK
    if canary.requests < min_requests:
        return Verdict.CONTINUE  # too little traffic to call it good yet
    return Verdict.PROMOTE


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
