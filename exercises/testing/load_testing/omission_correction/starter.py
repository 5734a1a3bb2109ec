"""Exercise: the load test that slept through a two-second pause.

Symptom: the nightly load test runs a closed-loop tester, one request every 10 ms; last night the service froze for
two seconds in a garbage-collection pause, and the report still says p99 = 1 ms. Someone added a correction for
coordinated omission, and the p99 did not move.

Diagnose: during the pause the tester did not send the ~200 requests it should have, so the pause is one sample
among 800. The correction below adds a single synthetic sample for a slow response, which is nowhere near the
requests that were never sent. Fix: record what the missing requests would have measured, as HdrHistogram's
recordValueWithExpectedInterval does: for a latency L with expected interval I, also record L - I, L - 2I, ...,
for as long as the value is at least I. Verify: `make exercise ID=testing/load_testing/omission_correction`;
the corrected percentiles come close to what an open-model tester measured for the same pause.
"""

from __future__ import annotations


class LatencyRecorder:
    """Collects latencies in milliseconds from a tester that means to send one request every `interval_ms`."""

    def __init__(self, interval_ms: float) -> None:
        self.interval_ms = interval_ms
        self.values: list[float] = []

    def record(self, latency_ms: float) -> None:
        self.values.append(latency_ms)
        if self.interval_ms > 0 and latency_ms > self.interval_ms:
            self.values.append(latency_ms - self.interval_ms)  # the one request the slow response delayed

    def sorted_values(self) -> list[float]:
        return sorted(self.values)
