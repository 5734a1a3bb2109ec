"""Exercise: a latency spike every ten minutes.

Symptom: the pricing page's p99 jumps from 5 ms to over 50 ms once every ten minutes, always for the few most
popular SKUs. The stampede lock works (the pricing service gets one call), but the reader that wins the lock,
and every reader waiting behind it, waits for the slow service.

Diagnose it with the check (`make exercise ID=architecture/caching/refresh_ahead`): the hot key expires and
the next reader pays for the reload. Then refresh ahead: on a hit whose remaining TTL is below 20% of the
full TTL, reload the value in a background thread and return the cached value at once. Take the same lock,
so that many readers near expiry cause one reload, not one each.
"""

from __future__ import annotations

import json
from typing import Any

from labs.caching_lab.caching.service import CachedPricing as LabCachedPricing

REFRESH_BELOW = 0.2  # refresh when less than this share of the TTL is left


class CachedPricing(LabCachedPricing):
    """The lab's cache-aside pricing cache (with its stampede lock); `get` is the method to change."""

    def get(self, sku: str) -> dict[str, Any]:
        cached = self.r.get(self.key(sku))
        if cached is not None:
            self._count(hit=True)
            return json.loads(cached)
        self._count(hit=False)
        return self._fill_with_lock(sku)
