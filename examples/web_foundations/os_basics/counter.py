"""A shared counter, updated by several threads: first with a race, then with a lock."""

from __future__ import annotations

import threading
from collections.abc import Callable


def no_pause() -> None:
    pass


# --8<-- [start:race]
class UnsafeCounter:
    def __init__(self) -> None:
        self.value = 0

    def increment(self, pause: Callable[[], None] = no_pause) -> None:
        current = self.value  # 1. read
        pause()  # another thread may run here, between the read and the write
        self.value = current + 1  # 2. write: overwrites whatever another thread wrote meanwhile


# --8<-- [end:race]


# --8<-- [start:lock]
class SafeCounter:
    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def increment(self, pause: Callable[[], None] = no_pause) -> None:
        with self._lock:  # only one thread at a time runs the read-modify-write
            current = self.value
            pause()
            self.value = current + 1


# --8<-- [end:lock]


def run_in_threads(target: Callable[[], None], threads: int, times: int) -> None:
    """Call `target` `times` times from each of `threads` threads and wait for all of them."""

    def work() -> None:
        for _ in range(times):
            target()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
