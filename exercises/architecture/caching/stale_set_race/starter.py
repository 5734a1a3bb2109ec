"""Exercise: a price cut that did not show for five minutes.

Symptom: marketing cut a desk from 199.00 to 179.00 at 09:00:00. The database had the new price at once and
the cache key was deleted right after the commit, yet the product page showed 199.00 until 09:05, the full
TTL. It happened on the busiest products only, and only sometimes.

Diagnose it with the check (`make exercise ID=architecture/caching/stale_set_race`): it replays a reader that
missed, loaded the row, and stalled until after the update. Then make sure a value loaded before an update
can never be cached after it. Deleting twice only narrows the window; refuse the stale fill instead, for
example with a per-key version that `update` bumps and that the fill checks atomically in Redis.
"""

from __future__ import annotations

import json
import random
from typing import Any, Protocol

import redis


class Store(Protocol):
    def load(self, product_id: int) -> dict[str, Any] | None: ...
    def save(self, product_id: int, row: dict[str, Any]) -> None: ...


class CacheAsideProducts:
    def __init__(self, r: redis.Redis, store: Store, ttl_seconds: int = 300, jitter: float = 0.1) -> None:
        self.r, self.store = r, store
        self.ttl_seconds, self.jitter = ttl_seconds, jitter

    @staticmethod
    def key(product_id: int) -> str:
        return f"product:v1:{product_id}"

    def _ttl(self) -> int:
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
        self.store.save(product_id, row)  # the source of truth first
        self.r.delete(self.key(product_id))  # then invalidate
