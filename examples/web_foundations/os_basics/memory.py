"""Reference counting, the cycle collector, and a leak that tracemalloc can find."""

from __future__ import annotations

import gc
import tracemalloc
import weakref
from collections import deque
from collections.abc import Callable


class Node:
    def __init__(self) -> None:
        self.partner: Node | None = None


# --8<-- [start:cycle]
def freed_without_collector() -> tuple[bool, bool]:
    """Is an object freed as soon as its last reference goes? Alone: yes. In a cycle: not until gc runs."""
    gc.disable()  # so that only reference counting is at work
    try:
        alone = Node()
        alone_ref = weakref.ref(alone)  # a weak reference does not keep the object alive
        del alone
        a, b = Node(), Node()
        a.partner, b.partner = b, a  # each keeps the other's count above zero
        cycle_ref = weakref.ref(a)
        del a, b
        results = (alone_ref() is None, cycle_ref() is None)
        gc.collect()  # the cycle collector finds groups that only reference each other
        assert cycle_ref() is None
        return results
    finally:
        gc.enable()


# --8<-- [end:cycle]


# --8<-- [start:leak]
_seen_requests: list[bytes] = []  # module-level: lives as long as the process


def leaky_handler(body: bytes) -> int:
    _seen_requests.append(body)  # "just for debugging": never removed, grows with every request
    return len(body)


_recent_requests: deque[bytes] = deque(maxlen=100)  # a bound: the oldest entry drops out


def bounded_handler(body: bytes) -> int:
    _recent_requests.append(body)  # memory stays flat however long the process runs
    return len(body)


def growth_in_bytes(handler: Callable[[bytes], int], requests: int) -> int:
    """How much more memory is allocated after `requests` calls than before them."""
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for _ in range(requests):
            handler(bytes(1_000))  # a new 1 KB object each time, like a real request body
        after = tracemalloc.take_snapshot()
        return sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    finally:
        tracemalloc.stop()


# --8<-- [end:leak]
