"""Exercise: the SLO dashboard stayed green through the incident.

Symptom: for forty minutes one pod of the checkout service, on a noisy host, answered most requests in close to
a second, and it was the pod the load balancer favored. Users complained; the SLO dashboard showed the fleet's
p99 at about 120 ms, well inside the 300 ms objective. The dashboard takes each pod's latency histogram, computes each
pod's p99, and averages them.

Diagnose: percentiles do not average. A pod that served ten requests counts as much as one that served ten
thousand, and the average of tails is not the tail of the whole. Fix: merge the pods' histograms (add the counts
bucket by bucket, as PromQL's sum by (le) does) and take the quantile of the merged histogram. Refuse to merge
histograms whose bucket boundaries differ. Verify: `make exercise ID=testing/load_testing/fleet_percentile`.

A histogram here is Prometheus-style: cumulative counts by upper bound, {le: count of requests <= le}, with the
last bound math.inf. quantile() returns the upper bound of the first bucket whose cumulative count reaches
q * total; when that is the +Inf bucket, the largest finite bound (Prometheus does the same).
"""

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


def fleet_quantile(pods: list[Histogram], q: float) -> float:
    """The fleet's q-quantile of latency, from every pod's histogram."""
    per_pod = [quantile(pod, q) for pod in pods if pod[max(pod)] > 0]
    return sum(per_pod) / len(per_pod)
