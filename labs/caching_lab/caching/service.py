"""A deliberately slow "pricing service" and a cache-aside wrapper with stats and stampede protection."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import redis


@dataclass
class SlowPricingService:
    """Pretends to be an expensive query: sleeps, counts calls, and can be changed behind our back."""

    latency_s: float = 0.05
    prices: dict[str, int] = field(default_factory=dict)
    calls: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def quote(self, sku: str) -> dict[str, Any]:
        with self._lock:
            self.calls += 1
        time.sleep(self.latency_s)
        return {"sku": sku, "price_cents": self.prices.get(sku, 1000)}


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0

    @property
    def hit_ratio(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


# Compare-and-delete: release the lock only if we still own it (it may have expired and been re-taken).
RELEASE_LUA = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"


class CachedPricing:
    def __init__(
        self,
        r: redis.Redis,
        load: Callable[[str], dict[str, Any]],
        ttl_s: int = 60,
        protect: bool = True,
        lock_ttl_ms: int = 2000,
    ) -> None:
        self.r, self.load, self.ttl_s = r, load, ttl_s
        self.protect, self.lock_ttl_ms = protect, lock_ttl_ms
        self.stats = CacheStats()
        self._stats_lock = threading.Lock()
        self._release = r.register_script(RELEASE_LUA)

    @staticmethod
    def key(sku: str) -> str:
        return f"price:v1:{sku}"

    def _count(self, hit: bool) -> None:
        with self._stats_lock:
            if hit:
                self.stats.hits += 1
            else:
                self.stats.misses += 1

    # --8<-- [start:get]
    def get(self, sku: str) -> dict[str, Any]:
        cached = self.r.get(self.key(sku))
        if cached is not None:
            self._count(hit=True)
            return json.loads(cached)
        self._count(hit=False)
        if not self.protect:
            return self._fill(sku)
        return self._fill_with_lock(sku)

    def _fill(self, sku: str) -> dict[str, Any]:
        value = self.load(sku)
        self.r.set(self.key(sku), json.dumps(value), ex=self.ttl_s)
        return value

    # --8<-- [end:get]

    # --8<-- [start:lock]
    def _fill_with_lock(self, sku: str) -> dict[str, Any]:
        """Only the caller that wins the lock recomputes; the others wait briefly for its result."""
        lock_key, token = f"lock:{self.key(sku)}", uuid.uuid4().hex
        deadline = time.monotonic() + self.lock_ttl_ms / 1000
        while time.monotonic() < deadline:
            if self.r.set(lock_key, token, nx=True, px=self.lock_ttl_ms):  # atomic "take if free, with expiry"
                try:
                    cached = self.r.get(self.key(sku))  # someone may have filled it while we queued
                    return json.loads(cached) if cached is not None else self._fill(sku)
                finally:
                    self._release(keys=[lock_key], args=[token])
            time.sleep(0.01)
            cached = self.r.get(self.key(sku))
            if cached is not None:
                return json.loads(cached)
        return self._fill(sku)  # the lock holder is stuck: degrade to loading ourselves

    # --8<-- [end:lock]

    def invalidate(self, sku: str) -> None:
        self.r.delete(self.key(sku))
