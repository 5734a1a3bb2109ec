"""The load generator runs bounded on loopback and reports sane, ordered percentiles."""

from __future__ import annotations

import asyncio

import pytest

from labs.http_lab.http_lab import server
from labs.http_lab.http_lab.loadtest import percentile, run_load


def test_nearest_rank_percentiles():
    samples = [float(n) for n in range(1, 101)]  # 1..100
    assert percentile(samples, 50) == 50
    assert percentile(samples, 95) == 95
    assert percentile(samples, 99) == 99
    assert percentile(samples, 100) == 100
    assert percentile([7.0], 99) == 7.0
    with pytest.raises(ValueError):
        percentile([], 50)


def test_one_slow_request_in_a_hundred_shows_up_only_at_the_tail():
    samples = sorted([1.0] * 99 + [500.0])
    assert percentile(samples, 50) == 1.0
    assert percentile(samples, 99) == 1.0
    assert percentile(samples, 100) == 500.0  # the mean (5.99 ms) would hide both facts


def test_bounded_load_run_against_the_lab_server():
    async def scenario():
        srv = await server.start()
        port = srv.sockets[0].getsockname()[1]
        report = await run_load("127.0.0.1", port, "/articles/1", concurrency=4, duration_s=1.0, max_requests=400)
        srv.close()
        await srv.wait_closed()
        return report

    report = asyncio.run(scenario())
    assert report.errors == 0
    assert 0 < report.requests <= 400
    assert report.elapsed_s < 5
    assert 0 < report.p50_ms <= report.p95_ms <= report.p99_ms <= report.max_ms
    assert "p99=" in str(report)


def test_errors_are_counted_not_timed():
    async def scenario():
        srv = await server.start()
        port = srv.sockets[0].getsockname()[1]
        try:
            return await run_load("127.0.0.1", port, "/nope", concurrency=2, duration_s=0.5, max_requests=20)
        finally:
            srv.close()
            await srv.wait_closed()

    with pytest.raises(RuntimeError, match="every request failed"):
        asyncio.run(scenario())
