"""Reference solution: virtual nodes at stable hashes of "<node>#<i>", with i up to vnodes * weight.

The points depend only on the node's name and index, so every process builds the same ring. Raising a
node's weight keeps its existing points and adds new ones, so keys only move to that node; lowering it
removes only its own points, so keys only move away from it.
"""

from __future__ import annotations

import bisect
import hashlib


def stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


class HashRing:
    """Each node owns `vnodes * weight` points on a circle; a key belongs to the first point clockwise."""

    def __init__(self, vnodes: int = 100) -> None:
        self.vnodes = vnodes
        self._points: list[int] = []
        self._owner: dict[int, str] = {}

    def add(self, node: str, weight: int = 1) -> None:
        for i in range(self.vnodes * weight):
            point = stable_hash(f"{node}#{i}")  # the same in every process
            self._owner[point] = node
            bisect.insort(self._points, point)

    def remove(self, node: str) -> None:
        self._points = [p for p in self._points if self._owner[p] != node]
        self._owner = {p: n for p, n in self._owner.items() if n != node}

    def node_for(self, key: str) -> str:
        if not self._points:
            raise LookupError("the ring has no nodes")
        index = bisect.bisect(self._points, stable_hash(key)) % len(self._points)
        return self._owner[self._points[index]]
