"""Cache-aside and write-through in front of a slow store, using Redis.

The "database" is a dict with a call counter so tests can prove when the cache saved a read.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any

import redis


@dataclass
class SlowProductStore:
    """Stands in for the database: the source of truth, and expensive to read."""

    rows: dict[int, dict[str, Any]] = field(default_factory=dict)
    reads: int = 0

    def load(self, product_id: int) -> dict[str, Any] | None:
        self.reads += 1
        row = self.rows.get(product_id)
        return dict(row) if row else None

    def save(self, product_id: int, row: dict[str, Any]) -> None:
        self.rows[product_id] = dict(row)


# --8<-- [start:cache_aside]
class CacheAsideProducts:
    """Read: try Redis, fall back to the store, then fill Redis. Write: update the store, then delete the key."""

    def __init__(self, r: redis.Redis, store: SlowProductStore, ttl_seconds: int = 300, jitter: float = 0.1) -> None:
        self.r, self.store = r, store
        self.ttl_seconds, self.jitter = ttl_seconds, jitter

    @staticmethod
    def key(product_id: int) -> str:
        return f"product:v1:{product_id}"  # a version in the key lets a deploy change the format safely

    def _ttl(self) -> int:
        # Spread expiries so keys written together do not all expire together.
        spread = int(self.ttl_seconds * self.jitter)
        return self.ttl_seconds + random.randint(-spread, spread)  # noqa: S311 (not security related)

    def get(self, product_id: int) -> dict[str, Any] | None:
        cached = self.r.get(self.key(product_id))
        if cached is not None:
            return json.loads(cached)
        row = self.store.load(product_id)
        if row is not None:
            self.r.set(self.key(product_id), json.dumps(row), ex=self._ttl())
        return row

    def update(self, product_id: int, row: dict[str, Any]) -> None:
        self.store.save(product_id, row)  # 1. the source of truth first
        self.r.delete(self.key(product_id))  # 2. then invalidate; the next read refills


# --8<-- [end:cache_aside]


# --8<-- [start:write_through]
class WriteThroughProducts(CacheAsideProducts):
    """Write: update the store and put the new value in Redis in the same call."""

    def update(self, product_id: int, row: dict[str, Any]) -> None:
        self.store.save(product_id, row)
        self.r.set(self.key(product_id), json.dumps(row), ex=self._ttl())


# --8<-- [end:write_through]
