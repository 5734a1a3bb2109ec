"""Placing keys on shards: naive modulo hashing versus a consistent-hash ring with virtual nodes."""

from __future__ import annotations

import bisect
import hashlib


def stable_hash(text: str) -> int:
    """A hash that is the same in every process (Python's built-in hash() is salted per process)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


# --8<-- [start:modulo]
def modulo_shard(key: str, shards: list[str]) -> str:
    return shards[stable_hash(key) % len(shards)]


# --8<-- [end:modulo]


# --8<-- [start:ring]
class HashRing:
    """Each node owns many points on a circle; a key belongs to the first point clockwise from its hash."""

    def __init__(self, nodes: list[str] | None = None, vnodes: int = 100) -> None:
        self.vnodes = vnodes
        self._points: list[int] = []  # sorted positions on the ring
        self._owner: dict[int, str] = {}  # position -> node
        for node in nodes or []:
            self.add(node)

    def add(self, node: str) -> None:
        for i in range(self.vnodes):
            point = stable_hash(f"{node}#{i}")
            self._owner[point] = node
            bisect.insort(self._points, point)

    def remove(self, node: str) -> None:
        self._points = [p for p in self._points if self._owner[p] != node]
        self._owner = {p: n for p, n in self._owner.items() if n != node}

    def node_for(self, key: str) -> str:
        if not self._points:
            raise LookupError("the ring has no nodes")
        index = bisect.bisect(self._points, stable_hash(key)) % len(self._points)  # wrap past the top
        return self._owner[self._points[index]]


# --8<-- [end:ring]
