"""The orders service's client for the items service (the lesson's fetch_item).

Incident ORD-402: after a deploy, the items service answered `503` with `Retry-After: 2` while it warmed its
caches. Our client retried three times within a few tens of milliseconds, gave up, and 4% of checkouts failed
in those seconds although waiting two seconds would have worked. During a rate-limit incident it got `429`
with `Retry-After: 3600` and kept calling anyway, every time, for every checkout. Make the client honor
Retry-After (both forms RFC 9110 allows) without ever waiting longer than `max_wait`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

import httpx

RETRYABLE_STATUS = {429, 502, 503, 504}


class ItemServiceError(RuntimeError):
    """The items service could not answer; the caller decides on a fallback."""


def fetch_item(
    client: httpx.Client,
    item_id: int,
    *,
    attempts: int = 3,
    base_delay: float = 0.05,
    max_wait: float = 5.0,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, Any] | None:
    """GET /items/{id} from another service. Returns None for 404; raises ItemServiceError when it gives up."""
    for attempt in range(1, attempts + 1):
        try:
            response = client.get(f"/items/{item_id}", timeout=httpx.Timeout(1.0, connect=0.5))
        except httpx.TransportError as error:  # timeouts, refused connections, resets
            failure = f"{type(error).__name__}"
        else:
            if response.status_code == 404:
                return None
            if response.status_code not in RETRYABLE_STATUS:
                if response.is_server_error:
                    raise ItemServiceError(f"items service answered HTTP {response.status_code}")
                response.raise_for_status()
                return dict(response.json())
            failure = f"HTTP {response.status_code}"
        if attempt < attempts:
            sleep(random.uniform(0, base_delay * 2 ** (attempt - 1)))  # noqa: S311 - jitter, not security
    raise ItemServiceError(f"items service failed {attempts} times, last error: {failure}")
