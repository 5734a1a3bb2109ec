"""Measured: hit ratio and latency under a skewed workload, TTL expiry, invalidation, and stampedes."""
# ruff: noqa: S311  (seeded random numbers make the tests repeatable; nothing here is security related)

from __future__ import annotations

import random
import threading
import time

import pytest
import redis

from labs.caching_lab.caching.coalesce import SingleFlight
from labs.caching_lab.caching.service import CachedPricing, SlowPricingService

pytestmark = pytest.mark.redis


@pytest.fixture
def r(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url)


def run_concurrently(n: int, fn) -> list:
    barrier, results = threading.Barrier(n), [None] * n

    def worker(i: int) -> None:
        barrier.wait()  # release every thread at the same instant: the worst case for a cold key
        results[i] = fn()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_hit_ratio_and_latency_on_a_skewed_workload(r):
    service = SlowPricingService(latency_s=0.02)
    cache = CachedPricing(r, service.quote)
    rng = random.Random(42)
    skus = [f"sku-{int(rng.paretovariate(1.2)) % 20}" for _ in range(200)]  # a few hot keys, a long tail
    started = time.perf_counter()
    for sku in skus:
        cache.get(sku)
    cached_time = time.perf_counter() - started
    distinct = len(set(skus))
    assert service.calls == distinct == cache.stats.misses
    assert cache.stats.hit_ratio == pytest.approx(1 - distinct / 200)
    assert cache.stats.hit_ratio > 0.85
    assert cached_time < 200 * 0.02 / 3  # at least three times faster than calling the service every time


def test_entries_expire_after_their_ttl(r):
    service = SlowPricingService(latency_s=0)
    cache = CachedPricing(r, service.quote, ttl_s=1)
    cache.get("lamp")
    assert 0 < r.pttl(cache.key("lamp")) <= 1000
    time.sleep(1.1)
    cache.get("lamp")
    assert service.calls == 2


def test_invalidation_shows_the_new_price_at_once(r):
    service = SlowPricingService(latency_s=0, prices={"lamp": 1000})
    cache = CachedPricing(r, service.quote)
    assert cache.get("lamp")["price_cents"] == 1000
    service.prices["lamp"] = 800
    assert cache.get("lamp")["price_cents"] == 1000  # stale until invalidated
    cache.invalidate("lamp")
    assert cache.get("lamp")["price_cents"] == 800


# --8<-- [start:stampede]
def test_unprotected_cold_key_stampedes_the_service(r):
    service = SlowPricingService(latency_s=0.1)
    cache = CachedPricing(r, service.quote, protect=False)
    run_concurrently(20, lambda: cache.get("hot"))
    assert service.calls > 10  # nearly every request recomputed the same value


def test_lock_lets_one_caller_recompute(r):
    service = SlowPricingService(latency_s=0.1)
    cache = CachedPricing(r, service.quote, protect=True)
    results = run_concurrently(20, lambda: cache.get("hot"))
    assert service.calls == 1
    assert all(result == results[0] for result in results)
    assert r.exists("lock:price:v1:hot") == 0  # the lock was released


# --8<-- [end:stampede]


def test_lock_is_not_released_by_a_caller_that_lost_it(r):
    cache = CachedPricing(r, SlowPricingService(latency_s=0).quote)
    r.set("lock:x", "someone-else")
    assert cache._release(keys=["lock:x"], args=["my-token"]) == 0
    assert r.get("lock:x") == b"someone-else"


def test_single_flight_coalesces_concurrent_loads():
    service = SlowPricingService(latency_s=0.1)
    flight = SingleFlight()
    results = run_concurrently(20, lambda: flight.do("hot", lambda: service.quote("hot")))
    assert service.calls == 1
    assert len({id(x) for x in results}) == 1  # everyone got the leader's object


def test_single_flight_shares_errors_and_recovers():
    flight = SingleFlight()

    def boom():
        raise RuntimeError("db down")

    with pytest.raises(RuntimeError):
        flight.do("k", boom)
    assert flight.do("k", lambda: 42) == 42
