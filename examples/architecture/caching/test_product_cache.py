"""Cache-aside saves reads, invalidation stops stale reads, TTLs are set and jittered."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

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


@dataclass
class PausingStore(SlowProductStore):
    """A store that can hold one call after it has done its work, to replay a race one step at a time."""

    pause_next: str | None = None  # "load" or "save"
    paused: threading.Event = field(default_factory=threading.Event)
    resume: threading.Event = field(default_factory=threading.Event)

    def _maybe_pause(self, call: str) -> None:
        if self.pause_next == call:
            self.pause_next = None
            self.paused.set()
            assert self.resume.wait(5), "the test never resumed the paused call"

    def load(self, product_id: int) -> dict[str, Any] | None:
        row = super().load(product_id)
        self._maybe_pause("load")
        return row

    def save(self, product_id: int, row: dict[str, Any]) -> None:
        super().save(product_id, row)
        self._maybe_pause("save")


# --8<-- [start:race]
def test_a_slow_reader_can_put_back_a_value_the_writer_just_invalidated(r):
    store = PausingStore(rows={1: {"name": "Desk", "price_cents": 19900}}, pause_next="load")
    cache = CacheAsideProducts(r, store)
    reader = threading.Thread(target=cache.get, args=(1,))
    reader.start()
    store.paused.wait(5)  # 1. the reader missed and loaded the old row, then stalled (GC pause, slow network)
    cache.update(1, {"name": "Desk", "price_cents": 17900})  # 2. the writer commits and deletes the key
    store.resume.set()
    reader.join()  # 3. the reader resumes and caches the row it loaded before the update
    assert cache.get(1)["price_cents"] == 19900  # stale until the TTL, although the delete came after the commit


# --8<-- [end:race]


def test_racing_write_through_writers_can_leave_the_older_value(r):
    store = PausingStore(rows={1: {"name": "Desk", "price_cents": 19900}}, pause_next="save")
    cache = WriteThroughProducts(r, store)
    first = threading.Thread(target=cache.update, args=(1, {"name": "Desk", "price_cents": 18000}))
    first.start()
    store.paused.wait(5)  # the first writer saved, then stalled before setting the cache
    cache.update(1, {"name": "Desk", "price_cents": 17000})  # the second writer saves and sets
    store.resume.set()
    first.join()  # the first writer's older value lands last
    assert store.rows[1]["price_cents"] == 17000
    assert cache.get(1)["price_cents"] == 18000  # the cache disagrees with the database until the TTL
