"""A reference solution: merge the histograms (counts add, quantiles do not), then take one quantile."""

from __future__ import annotations

import math

Histogram = dict[float, int]  # upper bound in ms -> cumulative count


def quantile(histogram: Histogram, q: float) -> float:
    bounds = sorted(histogram)
    total = histogram[bounds[-1]]
    if total == 0:
        return math.nan
    for bound in bounds:
        if histogram[bound] >= q * total:
            return bound if bound != math.inf else bounds[-2]
    return bounds[-2]


def merge(pods: list[Histogram]) -> Histogram:
    """Add the pods' counts bucket by bucket. Only histograms with the same boundaries can be added."""
    if not pods:
        raise ValueError("no histograms to merge")
    bounds = set(pods[0])
    if any(set(pod) != bounds for pod in pods):
        raise ValueError("histograms with different bucket boundaries cannot be merged")
    return {bound: sum(pod[bound] for pod in pods) for bound in sorted(bounds)}


def fleet_quantile(pods: list[Histogram], q: float) -> float:
    """The fleet's q-quantile of latency: the quantile of the merged histogram, never an average of quantiles."""
    return quantile(merge(pods), q)
