"""A bulkhead: cap concurrent calls to one dependency so it cannot use up every worker."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class BulkheadFull(Exception):
    """Shed this call: the compartment for this dependency is full."""


# --8<-- [start:bulkhead]
class Bulkhead:
    def __init__(self, max_concurrent: int) -> None:
        self._slots = threading.BoundedSemaphore(max_concurrent)

    def call(self, fn: Callable[[], T]) -> T:
        if not self._slots.acquire(blocking=False):  # reject at once instead of queueing without bound
            raise BulkheadFull("too many calls in flight to this dependency")
        try:
            return fn()
        finally:
            self._slots.release()


# --8<-- [end:bulkhead]
