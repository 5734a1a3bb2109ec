"""Reference solution: a per-key version that every update bumps, checked atomically when a reader fills.

A reader notes the key's version before it loads from the store. `update` commits, then bumps the version and
deletes the cached value in one transaction. The fill runs as a Lua script that sets the value only if the
version is still the one the reader saw, so a row loaded before an update can never be cached after it. This
is the idea behind the leases in Facebook's memcache paper, on Redis.
"""

from __future__ import annotations

import json
import random
from typing import Any, Protocol

import redis

# Fill only if nobody has bumped the version since the reader looked: KEYS = value key, version key;
# ARGV = version seen, value, TTL in seconds.
FILL_IF_UNCHANGED = """
if (redis.call('get', KEYS[2]) or '0') == ARGV[1] then
  redis.call('set', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0
"""
VERSION_TTL_S = 3600  # must outlast the slowest load; a version that expires only refuses fills in flight


class Store(Protocol):
    def load(self, product_id: int) -> dict[str, Any] | None: ...
    def save(self, product_id: int, row: dict[str, Any]) -> None: ...


class CacheAsideProducts:
    def __init__(self, r: redis.Redis, store: Store, ttl_seconds: int = 300, jitter: float = 0.1) -> None:
        self.r, self.store = r, store
        self.ttl_seconds, self.jitter = ttl_seconds, jitter
        self._fill = r.register_script(FILL_IF_UNCHANGED)

    @staticmethod
    def key(product_id: int) -> str:
        return f"product:v1:{product_id}"

    @classmethod
    def version_key(cls, product_id: int) -> str:
        return cls.key(product_id) + ":version"

    def _ttl(self) -> int:
        spread = int(self.ttl_seconds * self.jitter)
        return self.ttl_seconds + random.randint(-spread, spread)  # noqa: S311 (not security related)

    def get(self, product_id: int) -> dict[str, Any] | None:
        cached = self.r.get(self.key(product_id))
        if cached is not None:
            return json.loads(cached)
        seen = (self.r.get(self.version_key(product_id)) or b"0").decode()  # before loading, not after
        row = self.store.load(product_id)
        if row is not None:
            keys = [self.key(product_id), self.version_key(product_id)]
            self._fill(keys=keys, args=[seen, json.dumps(row), self._ttl()])
        return row

    def update(self, product_id: int, row: dict[str, Any]) -> None:
        self.store.save(product_id, row)  # the source of truth first
        with self.r.pipeline(transaction=True) as tx:  # MULTI/EXEC: bump and delete together
            tx.incr(self.version_key(product_id))
            tx.expire(self.version_key(product_id), VERSION_TTL_S)
            tx.delete(self.key(product_id))
            tx.execute()
