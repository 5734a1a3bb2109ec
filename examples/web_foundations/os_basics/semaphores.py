"""A semaphore: a lock that lets up to N threads in at once, used to cap concurrent calls."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor


# --8<-- [start:semaphore]
class Limited:
    """Wraps a call so that at most `limit` threads run it at the same time; the others wait."""

    def __init__(self, call: Callable[[], None], limit: int) -> None:
        self._call = call
        self._slots = threading.BoundedSemaphore(limit)  # "Bounded": releasing too often is an error
        self._lock = threading.Lock()
        self.running = 0
        self.most_at_once = 0

    def __call__(self) -> None:
        with self._slots:  # acquire takes a slot (waiting if none is free); leaving the block gives it back
            with self._lock:
                self.running += 1
                self.most_at_once = max(self.most_at_once, self.running)
            try:
                self._call()
            finally:
                with self._lock:
                    self.running -= 1


# --8<-- [end:semaphore]


def run_calls(limited: Limited, calls: int, threads: int) -> float:
    """Make `calls` calls from a pool of `threads` threads; return the seconds it took."""
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for _ in range(calls):
            pool.submit(limited)
    return time.monotonic() - started
