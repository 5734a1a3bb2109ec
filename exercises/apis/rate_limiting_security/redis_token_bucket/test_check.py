"""Acceptance check: replicas that share a Redis bucket never hand out more than its capacity, even when they
read it at the same moment; tokens refill at the configured rate; idle buckets expire.

The race is made deterministic: the Redis client below holds the reply to every read command (HGET, HMGET,
HGETALL, GET, MGET) until a second thread has read too, which is what happens by chance in production under
load. An atomic script reads and writes in one command, so it is never held.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import redis

from exercises import load_module

pytestmark = pytest.mark.redis

READS = {"HGET", "HMGET", "HGETALL", "GET", "MGET"}


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


class RacingRedis(redis.Redis):
    """Holds the answer to each read until another thread has read as well (or a second has passed)."""

    barrier = threading.Barrier(2, timeout=1)

    def execute_command(self, *args: Any, **options: Any) -> Any:
        result = super().execute_command(*args, **options)
        if str(args[0]).upper() in READS:
            try:
                self.barrier.wait()  # after the read: both threads now hold the same, soon stale, state
            except threading.BrokenBarrierError:
                self.barrier.reset()
        return result


def bucket(answer: Path, client: redis.Redis, clock: Clock, capacity: int = 10, rate: float = 1.0) -> Any:
    return load_module(answer).RedisTokenBucket(client, capacity=capacity, rate=rate, clock=clock)


def test_two_replicas_reading_at_once_cannot_spend_the_same_token(answer: Path, redis_url: str) -> None:
    clock = Clock()
    plain = redis.Redis.from_url(redis_url)
    replica_a = bucket(answer, plain, clock, capacity=10)
    for _ in range(9):
        assert replica_a.allow("partner")  # one token left
    racing = [bucket(answer, RacingRedis.from_url(redis_url), clock, capacity=10) for _ in range(2)]
    results: list[bool] = []
    threads = [threading.Thread(target=lambda b=b: results.append(b.allow("partner"))) for b in racing]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert sorted(results) == [False, True], f"one token left, two replicas, results {results}: make it atomic"


def test_fifty_concurrent_requests_get_at_most_the_capacity(answer: Path, redis_url: str) -> None:
    clock = Clock()
    replicas = [bucket(answer, RacingRedis.from_url(redis_url), clock, capacity=10) for _ in range(5)]
    results: list[bool] = []
    lock = threading.Lock()

    def call(replica: Any) -> None:
        outcome = replica.allow("partner")
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=call, args=(replicas[i % 5],)) for i in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(results) == 50
    assert sum(results) == 10, f"{sum(results)} of 50 allowed with a capacity of 10"


def test_an_idle_bucket_expires_once_it_would_be_full(answer: Path, redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    limiter = bucket(answer, client, Clock(), capacity=10, rate=0.5)  # empty to full takes 20 s
    for _ in range(3):
        limiter.allow("partner")
    keys = client.keys("*")
    assert keys, "the bucket should live in Redis"
    for key in keys:
        ttl = client.pttl(key)
        assert ttl > 0, f"{key!r} never expires: every client that ever called stays in memory"
        assert ttl <= 20_000 + 1_000, f"{key!r} lives {ttl} ms; after 20 s it would be full, so it can go"


@pytest.mark.starter_passes
def test_replicas_share_one_budget(answer: Path, redis_url: str) -> None:
    clock = Clock()
    a, b = (bucket(answer, redis.Redis.from_url(redis_url), clock, capacity=3) for _ in range(2))
    assert [a.allow("k"), b.allow("k"), a.allow("k"), b.allow("k")] == [True, True, True, False]
    assert b.allow("other"), "budgets are per key"


@pytest.mark.starter_passes
def test_tokens_refill_at_the_configured_rate(answer: Path, redis_url: str) -> None:
    clock = Clock()
    limiter = bucket(answer, redis.Redis.from_url(redis_url), clock, capacity=2, rate=0.5)  # a token every 2 s
    assert [limiter.allow("k") for _ in range(3)] == [True, True, False]
    clock.now += 1.9
    assert not limiter.allow("k")
    clock.now += 0.2
    assert limiter.allow("k")
    clock.now += 100
    assert [limiter.allow("k") for _ in range(3)] == [True, True, False], "never more than the capacity"
