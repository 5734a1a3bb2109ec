"""Reference solution: "not found" is cached as a marker under the same key, with a short TTL.

Using the same key means the delete in `update` removes the marker too, so a product created through the
normal write path shows up at once; the short TTL covers products created some other way.
"""

from __future__ import annotations

import json
import random
from typing import Any, Protocol

import redis

MISSING = b"\x00missing"  # cannot be confused with a cached row, which is always a JSON object
MISSING_TTL_S = 30


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
        if cached == MISSING:
            return None
        if cached is not None:
            return json.loads(cached)
        row = self.store.load(product_id)
        if row is None:
            self.r.set(self.key(product_id), MISSING, ex=MISSING_TTL_S)  # short: the product may be created soon
        else:
            self.r.set(self.key(product_id), json.dumps(row), ex=self._ttl())
        return row

    def update(self, product_id: int, row: dict[str, Any]) -> None:
        self.store.save(product_id, row)
        self.r.delete(self.key(product_id))  # removes a "missing" marker as well
