"""Exercise: a scraper that walked past the cache into the database.

Symptom: database CPU at 90% for an hour, while the cache hit ratio looked normal. The access log shows one
client requesting /products/<id> for ids that mostly do not exist, a few thousand a second. Every one of those
requests missed the cache and queried the database.

Diagnose it with the check (`make exercise ID=architecture/caching/negative_caching`). Then cache the answer
"not found" too, under a short TTL of at most 30 seconds (a new product must not stay invisible for long),
and make sure creating the product through `update` makes it visible at once.
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
        self.store.save(product_id, row)
        self.r.delete(self.key(product_id))
