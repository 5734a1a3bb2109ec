"""A bounded load generator: N keep-alive connections hammer one URL for a few seconds, then report percentiles.

Run against the lab server: `python -m labs.http_lab.http_lab.loadtest --port 8080 --duration 3 --concurrency 8`.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import time
from dataclasses import dataclass


# --8<-- [start:percentile]
def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p % of the samples at or below it."""
    if not sorted_values:
        raise ValueError("no samples")
    if not 0 < p <= 100:
        raise ValueError("p must be in (0, 100]")
    rank = math.ceil(p / 100 * len(sorted_values))
    return sorted_values[rank - 1]


# --8<-- [end:percentile]


@dataclass
class Report:
    requests: int
    errors: int
    elapsed_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float

    @property
    def throughput_rps(self) -> float:
        return self.requests / self.elapsed_s

    def __str__(self) -> str:
        return (
            f"{self.requests} requests, {self.errors} errors in {self.elapsed_s:.2f} s "
            f"({self.throughput_rps:.0f} req/s); latency ms p50={self.p50_ms:.2f} "
            f"p95={self.p95_ms:.2f} p99={self.p99_ms:.2f} max={self.max_ms:.2f}"
        )


# --8<-- [start:worker]
async def one_connection(
    host: str, port: int, path: str, deadline: float, max_requests: int
) -> tuple[list[float], int]:
    """Send requests back to back over one keep-alive connection (a closed-loop virtual user)."""
    latencies: list[float] = []
    errors = 0
    reader, writer = await asyncio.open_connection(host, port)
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n\r\n".encode()
    try:
        while time.perf_counter() < deadline and len(latencies) + errors < max_requests:
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            if status >= 400:
                errors += 1  # count failures separately: a fast error must not improve the percentiles
            else:
                latencies.append((time.perf_counter() - started) * 1000)
    finally:
        writer.close()
        await writer.wait_closed()
    return latencies, errors


async def run_load(
    host: str, port: int, path: str = "/", *, concurrency: int = 8, duration_s: float = 2.0, max_requests: int = 10_000
) -> Report:
    started = time.perf_counter()
    deadline = started + duration_s
    per_worker = max(1, max_requests // concurrency)
    results = await asyncio.gather(
        *(one_connection(host, port, path, deadline, per_worker) for _ in range(concurrency))
    )
    elapsed = time.perf_counter() - started
    latencies = sorted(lat for worker_latencies, _ in results for lat in worker_latencies)
    errors = sum(e for _, e in results)
    if not latencies:
        raise RuntimeError(f"every request failed ({errors} errors)")
    return Report(
        requests=len(latencies) + errors,
        errors=errors,
        elapsed_s=elapsed,
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
        max_ms=latencies[-1],
    )


# --8<-- [end:worker]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--path", default="/articles/1")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=3.0, help="seconds, capped at 30")
    args = parser.parse_args()
    if args.host not in {"127.0.0.1", "localhost", "::1"}:
        parser.error("this teaching tool only targets loopback; load-test other hosts only with permission")
    duration = min(args.duration, 30.0)
    print(asyncio.run(run_load(args.host, args.port, args.path, concurrency=args.concurrency, duration_s=duration)))


if __name__ == "__main__":
    main()
