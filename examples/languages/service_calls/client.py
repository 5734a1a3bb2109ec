"""Calling another service synchronously without letting its failures become yours.

Every cross-service call gets a timeout, a bounded number of retries with exponential backoff and jitter
(for idempotent requests and retryable failures only), and a clear error when it gives up.
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


# --8<-- [start:client]
def fetch_item(
    client: httpx.Client,
    item_id: int,
    *,
    attempts: int = 3,
    base_delay: float = 0.05,
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
                return None  # a definite answer: retrying cannot change it
            if response.status_code not in RETRYABLE_STATUS:
                if response.is_server_error:  # the dependency failed (a 500 is a bug there): the caller's fallback
                    raise ItemServiceError(f"items service answered HTTP {response.status_code}")
                response.raise_for_status()  # other 4xx are our bug: fail fast, do not retry
                return dict(response.json())
            failure = f"HTTP {response.status_code}"
        if attempt < attempts:
            # Exponential backoff with full jitter spreads retries from many callers over time.
            sleep(random.uniform(0, base_delay * 2 ** (attempt - 1)))  # noqa: S311 - jitter, not security
    raise ItemServiceError(f"items service failed {attempts} times, last error: {failure}")


# --8<-- [end:client]
