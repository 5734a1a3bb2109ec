"""Cache-aside saves reads, invalidation stops stale reads, TTLs are set and jittered."""

from __future__ import annotations

import pytest
import redis

from examples.architecture.caching.product_cache import CacheAsideProducts, SlowProductStore, WriteThroughProducts

pytestmark = pytest.mark.redis


@pytest.fixture
def r(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url)


@pytest.fixture
def store() -> SlowProductStore:
    return SlowProductStore(rows={1: {"name": "Desk", "price_cents": 19900}})


def test_second_read_is_served_from_redis(r, store):
    cache = CacheAsideProducts(r, store)
    assert cache.get(1) == {"name": "Desk", "price_cents": 19900}
    assert cache.get(1) == {"name": "Desk", "price_cents": 19900}
    assert store.reads == 1


def test_missing_rows_are_not_cached(r, store):
    cache = CacheAsideProducts(r, store)
    assert cache.get(99) is None
    assert cache.get(99) is None
    assert store.reads == 2


def test_update_invalidates_so_next_read_sees_new_value(r, store):
    cache = CacheAsideProducts(r, store)
    cache.get(1)
    cache.update(1, {"name": "Desk", "price_cents": 17900})
    assert r.exists(cache.key(1)) == 0
    assert cache.get(1)["price_cents"] == 17900
    assert store.reads == 2


def test_without_invalidation_the_cache_serves_stale_data(r, store):
    cache = CacheAsideProducts(r, store)
    cache.get(1)
    store.save(1, {"name": "Desk", "price_cents": 1})  # someone writes behind the cache's back
    assert cache.get(1)["price_cents"] == 19900


def test_ttl_is_set_within_the_jitter_band(r, store):
    cache = CacheAsideProducts(r, store, ttl_seconds=300, jitter=0.1)
    ttls = set()
    for pid in range(2, 40):
        store.save(pid, {"name": f"p{pid}"})
        cache.get(pid)
        ttls.add(r.ttl(cache.key(pid)))
    assert all(268 <= t <= 330 for t in ttls)
    assert len(ttls) > 1  # jitter spreads expiry times


def test_write_through_keeps_cache_warm(r, store):
    cache = WriteThroughProducts(r, store)
    cache.update(1, {"name": "Desk", "price_cents": 15000})
    assert cache.get(1)["price_cents"] == 15000
    assert store.reads == 0
