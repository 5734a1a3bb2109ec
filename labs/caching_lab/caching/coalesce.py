"""Request coalescing ("single flight") inside one process: concurrent misses share one load."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any


# --8<-- [start:singleflight]
class SingleFlight:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._inflight: dict[str, Future[Any]] = {}

    def do(self, key: str, fn: Callable[[], Any]) -> Any:
        with self._lock:
            future = self._inflight.get(key)
            leader = future is None
            if leader:
                future = Future()
                self._inflight[key] = future
        assert future is not None
        if not leader:
            return future.result()  # wait for the leader's answer (or its exception)
        try:
            future.set_result(fn())
        except BaseException as error:
            future.set_exception(error)
        finally:
            with self._lock:
                del self._inflight[key]
        return future.result()


# --8<-- [end:singleflight]
