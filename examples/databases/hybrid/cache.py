"""Cache-aside in front of a SQL database, with a time-to-live and invalidation on write."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class TTLCache:
    """A dict with expiry; in production this is Redis or Memcached, shared by every app instance."""

    ttl_seconds: float
    clock: Callable[[], float]
    entries: dict[str, tuple[float, object]] = field(default_factory=dict)

    def get(self, key: str) -> object | None:
        hit = self.entries.get(key)
        if hit is None or hit[0] <= self.clock():
            self.entries.pop(key, None)
            return None
        return hit[1]

    def set(self, key: str, value: object) -> None:
        self.entries[key] = (self.clock() + self.ttl_seconds, value)

    def delete(self, key: str) -> None:
        self.entries.pop(key, None)


# --8<-- [start:cache_aside]
class ProductPrices:
    def __init__(self, conn: sqlite3.Connection, cache: TTLCache) -> None:
        self.conn, self.cache, self.db_reads = conn, cache, 0

    def price(self, sku: str) -> int:
        cached = self.cache.get(f"price:{sku}")
        if cached is not None:
            return int(cached)  # type: ignore[call-overload]
        self.db_reads += 1
        (cents,) = self.conn.execute("SELECT price_cents FROM products WHERE sku = ?", (sku,)).fetchone()
        self.cache.set(f"price:{sku}", cents)
        return int(cents)

    def change_price(self, sku: str, cents: int) -> None:
        """Write to the database first, then delete (not update) the cache entry."""
        with self.conn:
            self.conn.execute("UPDATE products SET price_cents = ? WHERE sku = ?", (cents, sku))
        self.cache.delete(f"price:{sku}")


# --8<-- [end:cache_aside]
