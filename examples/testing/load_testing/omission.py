"""Coordinated omission, simulated: why a closed-loop tester under-reports a server stall.

The server answers in 1 ms, except for one 2-second freeze. We want one request every 10 ms.
"""

from __future__ import annotations

import math


def nearest_rank(sorted_values: list[float], p: float) -> float:
    return sorted_values[math.ceil(p / 100 * len(sorted_values)) - 1]


def service_time(start_ms: float, stall_from: float = 5000.0, stall_ms: float = 2000.0) -> float:
    """When does the server finish a request it starts at `start_ms`? It is frozen during the stall."""
    if stall_from <= start_ms < stall_from + stall_ms:
        return stall_from + stall_ms - start_ms + 1.0
    return 1.0


# --8<-- [start:closed]
def closed_loop(duration_ms: float = 10_000, interval_ms: float = 10) -> list[float]:
    """One virtual user: send, wait for the answer, sleep until the next slot. Latency from actual send."""
    latencies, now = [], 0.0
    while now < duration_ms:
        latency = service_time(now)
        latencies.append(latency)
        now = max(now + latency, now + interval_ms)  # stuck behind the stall, it simply sends fewer requests
    return sorted(latencies)


# --8<-- [end:closed]


# --8<-- [start:open]
def open_loop(duration_ms: float = 10_000, interval_ms: float = 10) -> list[float]:
    """Requests are due every interval whatever happens; latency counts from when each was *due*."""
    latencies, server_free_at = [], 0.0
    for i in range(int(duration_ms / interval_ms)):
        due = i * interval_ms
        start = max(due, server_free_at)  # a single-threaded server: queued requests wait their turn
        finish = start + service_time(start)
        server_free_at = finish
        latencies.append(finish - due)
    return sorted(latencies)


# --8<-- [end:open]
