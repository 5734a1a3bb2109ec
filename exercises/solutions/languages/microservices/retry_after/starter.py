"""The orders service's client for the items service (the lesson's fetch_item).

Fixed: a 429 or 503 that says when to come back is believed. Retry-After is read in both forms RFC 9110
(section 10.2.3) allows, delay-seconds and an HTTP-date (measured against the response's Date header, so the
two machines' clocks need not agree). A wait up to max_wait is slept; a longer one ends the call at once,
because waiting would hold the caller's request and calling sooner only adds load. Anything unreadable falls
back to the usual backoff with jitter.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

RETRYABLE_STATUS = {429, 502, 503, 504}


class ItemServiceError(RuntimeError):
    """The items service could not answer; the caller decides on a fallback."""


def retry_after_seconds(response: httpx.Response) -> float | None:
    """Seconds the server asked us to wait, or None when it did not say (or said something unreadable)."""
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
        sent = parsedate_to_datetime(response.headers["date"])
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return max(0.0, (when - sent).total_seconds())


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
        asked_wait = None
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
            asked_wait = retry_after_seconds(response)
            if asked_wait is not None and asked_wait > max_wait:
                raise ItemServiceError(f"items service asked us to come back in {asked_wait:.0f} s ({failure})")
        if attempt < attempts:
            backoff = random.uniform(0, base_delay * 2 ** (attempt - 1))  # noqa: S311 - jitter, not security
            sleep(asked_wait if asked_wait is not None else backoff)
    raise ItemServiceError(f"items service failed {attempts} times, last error: {failure}")
