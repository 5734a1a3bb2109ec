"""Reference solution: a hit near expiry starts one background reload; readers never wait for it.

The TTL left is read in the same round trip as the value (a pipeline). A reader that sees less than 20% left
tries the stampede lock without waiting; only the winner starts a background thread, which checks the TTL again
(another reader's refresh may have just finished), reloads, and releases the lock.
"""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

from labs.caching_lab.caching.service import CachedPricing as LabCachedPricing

REFRESH_BELOW = 0.2  # refresh when less than this share of the TTL is left


class CachedPricing(LabCachedPricing):
    def get(self, sku: str) -> dict[str, Any]:
        with self.r.pipeline(transaction=False) as pipe:
            cached, ttl_ms = pipe.get(self.key(sku)).pttl(self.key(sku)).execute()
        if cached is None:
            self._count(hit=False)
            return self._fill_with_lock(sku)
        self._count(hit=True)
        if 0 <= ttl_ms < REFRESH_BELOW * self.ttl_s * 1000:
            self._refresh_in_background(sku)
        return json.loads(cached)

    def _refresh_in_background(self, sku: str) -> None:
        lock_key, token = f"lock:{self.key(sku)}", uuid.uuid4().hex
        if not self.r.set(lock_key, token, nx=True, px=self.lock_ttl_ms):
            return  # someone is already refreshing (or filling) this key
        threading.Thread(target=self._refresh, args=(sku, lock_key, token), daemon=True).start()

    def _refresh(self, sku: str, lock_key: str, token: str) -> None:
        try:
            if self.r.pttl(self.key(sku)) >= REFRESH_BELOW * self.ttl_s * 1000:
                return  # refreshed by someone else between our check and our lock
            self._fill(sku)
        finally:
            self._release(keys=[lock_key], args=[token])
