"""Cache-aside for product representations, in this process: entries expire after a TTL and are dropped on
every write, so a reader never gets a version older than the last committed update."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

TTL_S = 60.0


@dataclass(frozen=True)
class Entry:
    etag: str
    body: bytes
    expires_at: float


class ProductCache:
    def __init__(self, ttl_s: float = TTL_S) -> None:
        self._ttl_s = ttl_s
        self._entries: dict[int, Entry] = {}
        self._lock = threading.Lock()

    def get(self, product_id: int) -> Entry | None:
        with self._lock:
            entry = self._entries.get(product_id)
            if entry is not None and entry.expires_at < time.monotonic():
                del self._entries[product_id]
                return None
            return entry

    def put(self, product_id: int, etag: str, body: bytes) -> None:
        with self._lock:
            self._entries[product_id] = Entry(etag, body, time.monotonic() + self._ttl_s)

    def invalidate(self, product_id: int) -> None:
        with self._lock:
            self._entries.pop(product_id, None)
