"""Acceptance check: a row loaded before an update is never cached after it, while ordinary misses still fill
the cache with a TTL and updates still show at once."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import redis

from exercises import load_module

pytestmark = pytest.mark.redis

DESK = {"name": "Desk", "price_cents": 19900}
CUT = {"name": "Desk", "price_cents": 17900}


@dataclass
class Store:
    """The database: counts reads, and can hold one load after it has read the row (a stalled reader)."""

    rows: dict[int, dict[str, Any]] = field(default_factory=lambda: {1: dict(DESK)})
    reads: int = 0
    stall_next_load: bool = False
    stalled: threading.Event = field(default_factory=threading.Event)
    resume: threading.Event = field(default_factory=threading.Event)

    def load(self, product_id: int) -> dict[str, Any] | None:
        self.reads += 1
        row = self.rows.get(product_id)
        result = dict(row) if row else None
        if self.stall_next_load:
            self.stall_next_load = False
            self.stalled.set()
            assert self.resume.wait(5)
        return result

    def save(self, product_id: int, row: dict[str, Any]) -> None:
        self.rows[product_id] = dict(row)


@pytest.fixture
def r(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url)


def replay_the_race(cache: Any, store: Store, double_delete: bool = False) -> None:
    """A reader misses and loads the old row, stalls; the writer updates; then the reader finishes its fill."""
    store.stall_next_load = True
    reader = threading.Thread(target=cache.get, args=(1,))
    reader.start()
    assert store.stalled.wait(5), "the reader never reached the store: get() must load on a miss"
    cache.update(1, CUT)
    if double_delete:
        cache.update(1, CUT)
    store.resume.set()
    reader.join(5)


@pytest.mark.parametrize("double_delete", [False, True], ids=["one update", "update repeated"])
def test_a_row_loaded_before_an_update_is_not_cached_after_it(
    answer: Path, r: redis.Redis, double_delete: bool
) -> None:
    store = Store()
    cache = load_module(answer).CacheAsideProducts(r, store)
    replay_the_race(cache, store, double_delete)
    price = cache.get(1)["price_cents"]
    assert price == 17900, (
        f"the page shows {price} after the update committed: the stalled reader cached the row it had loaded "
        "before the update, after the update deleted the key. Refuse a fill whose data may predate an update"
    )


def test_after_the_race_the_cache_fills_again(answer: Path, r: redis.Redis) -> None:
    store = Store()
    cache = load_module(answer).CacheAsideProducts(r, store)
    replay_the_race(cache, store)
    cache.get(1)
    reads = store.reads
    assert cache.get(1) == CUT
    assert store.reads == reads, "once the stale fill is refused, the next miss must fill the cache again"


@pytest.mark.starter_passes
def test_a_miss_fills_the_cache_with_a_ttl(answer: Path, r: redis.Redis) -> None:
    store = Store()
    cache = load_module(answer).CacheAsideProducts(r, store, ttl_seconds=300, jitter=0.1)
    assert cache.get(1) == DESK
    assert cache.get(1) == DESK
    assert store.reads == 1, "the second read must be a cache hit"
    assert 260 <= r.ttl(cache.key(1)) <= 330, "cached values keep their jittered TTL"


@pytest.mark.starter_passes
def test_an_update_shows_at_once(answer: Path, r: redis.Redis) -> None:
    store = Store()
    cache = load_module(answer).CacheAsideProducts(r, store)
    cache.get(1)
    cache.update(1, CUT)
    assert cache.get(1) == CUT
    assert cache.get(1) == CUT
    assert store.reads == 2, "after the update, one reload fills the cache again"
