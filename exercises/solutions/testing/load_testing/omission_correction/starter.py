"""A reference solution: back-fill every request that was due while a response was outstanding, as HdrHistogram
does, so a stall weighs in the percentiles as much as the requests it prevented."""

from __future__ import annotations


class LatencyRecorder:
    """Collects latencies in milliseconds from a tester that means to send one request every `interval_ms`."""

    def __init__(self, interval_ms: float) -> None:
        self.interval_ms = interval_ms
        self.values: list[float] = []

    def record(self, latency_ms: float) -> None:
        self.values.append(latency_ms)
        if self.interval_ms <= 0:
            return  # no schedule, nothing was omitted
        # Every request that was due while this one was outstanding was never sent; had it been, it would have
        # waited for the same stall, a little less each time.
        missing = latency_ms - self.interval_ms
        while missing >= self.interval_ms:
            self.values.append(missing)
            missing -= self.interval_ms

    def sorted_values(self) -> list[float]:
        return sorted(self.values)
