"""Acceptance check: repeated lookups of a missing id reach the database once, the "not found" entry expires
within 30 s, creating the product shows it at once, and real products are cached as before."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import redis

from exercises import load_module

pytestmark = pytest.mark.redis


@dataclass
class Store:
    rows: dict[int, dict[str, Any]] = field(default_factory=lambda: {1: {"name": "Desk", "price_cents": 19900}})
    reads: int = 0

    def load(self, product_id: int) -> dict[str, Any] | None:
        self.reads += 1
        row = self.rows.get(product_id)
        return dict(row) if row else None

    def save(self, product_id: int, row: dict[str, Any]) -> None:
        self.rows[product_id] = dict(row)


@pytest.fixture
def r(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url)


def test_a_missing_id_reaches_the_database_once(answer: Path, r: redis.Redis) -> None:
    store = Store()
    cache = load_module(answer).CacheAsideProducts(r, store)
    answers = [cache.get(404_404) for _ in range(50)]
    assert answers == [None] * 50
    assert store.reads == 1, (
        f"50 lookups of a product that does not exist made {store.reads} database reads: cache the answer "
        "'not found' too"
    )


def test_not_found_is_remembered_briefly(answer: Path, r: redis.Redis) -> None:
    cache = load_module(answer).CacheAsideProducts(r, Store())
    cache.get(404_404)
    keys = list(r.scan_iter())
    assert keys, "after a miss for a missing id, something should be cached"
    for key in keys:
        ttl = r.ttl(key)
        assert 0 < ttl <= 30, (
            f"{key.decode()} has a TTL of {ttl} s: a 'not found' entry must expire within 30 s, or a product "
            "created outside `update` stays invisible for longer (-1 means it never expires)"
        )


def test_creating_the_product_shows_it_at_once(answer: Path, r: redis.Redis) -> None:
    store = Store()
    cache = load_module(answer).CacheAsideProducts(r, store)
    assert cache.get(2) is None
    assert cache.get(2) is None
    cache.update(2, {"name": "Lamp", "price_cents": 4500})
    assert cache.get(2) == {"name": "Lamp", "price_cents": 4500}, (
        "the product was created through update(): the 'not found' entry must go with the write"
    )
    assert store.reads == 2, "one read for the first miss, one after the product was created"


@pytest.mark.starter_passes
def test_real_products_are_cached_as_before(answer: Path, r: redis.Redis) -> None:
    store = Store()
    cache = load_module(answer).CacheAsideProducts(r, store, ttl_seconds=300, jitter=0.1)
    assert cache.get(1) == {"name": "Desk", "price_cents": 19900}
    assert cache.get(1) == {"name": "Desk", "price_cents": 19900}
    assert store.reads == 1
    assert 260 <= r.ttl(cache.key(1)) <= 330, "found products keep their usual TTL"
