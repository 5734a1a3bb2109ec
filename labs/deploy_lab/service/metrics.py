"""Prometheus text exposition format, written by hand so every line is visible to the learner.

In production use the `prometheus_client` library or an OpenTelemetry SDK; the output format is the same.
"""

from __future__ import annotations

import threading
from collections import defaultdict

# --8<-- [start:buckets]
# Upper bounds of the latency histogram, in seconds. Pick them around your SLO threshold (here 0.3 s).
BUCKETS: tuple[float, ...] = (0.005, 0.01, 0.025, 0.05, 0.1, 0.3, 0.5, 1.0, 2.5)
# --8<-- [end:buckets]


class Metrics:
    """A request counter and a latency histogram, safe to update from several threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: dict[tuple[str, str, str], int] = defaultdict(int)
        self._bucket_counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * len(BUCKETS))
        self._sums: dict[tuple[str, str], float] = defaultdict(float)
        self._counts: dict[tuple[str, str], int] = defaultdict(int)

    def observe_request(self, method: str, path: str, status: int, seconds: float) -> None:
        with self._lock:
            self._requests[(method, path, str(status))] += 1
            key = (method, path)
            for index, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    self._bucket_counts[key][index] += 1
            self._sums[key] += seconds
            self._counts[key] += 1

    # --8<-- [start:render]
    def render(self) -> str:
        lines = [
            "# HELP http_requests_total Requests handled, by method, route and status code.",
            "# TYPE http_requests_total counter",
        ]
        with self._lock:
            for (method, path, status), value in sorted(self._requests.items()):
                lines.append(f'http_requests_total{{method="{method}",path="{path}",status="{status}"}} {value}')
            lines += [
                "# HELP http_request_duration_seconds Time to produce a response.",
                "# TYPE http_request_duration_seconds histogram",
            ]
            for (method, path), counts in sorted(self._bucket_counts.items()):
                labels = f'method="{method}",path="{path}"'
                # Buckets are cumulative: each one counts every request at or below its bound.
                for bound, count in zip(BUCKETS, counts, strict=True):
                    lines.append(f'http_request_duration_seconds_bucket{{{labels},le="{bound}"}} {count}')
                total = self._counts[(method, path)]
                lines.append(f'http_request_duration_seconds_bucket{{{labels},le="+Inf"}} {total}')
                lines.append(f"http_request_duration_seconds_sum{{{labels}}} {self._sums[(method, path)]:.6f}")
                lines.append(f"http_request_duration_seconds_count{{{labels}}} {total}")
        return "\n".join(lines) + "\n"

    # --8<-- [end:render]
