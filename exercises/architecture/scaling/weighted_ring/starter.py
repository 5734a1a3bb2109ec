"""Exercise: weighted cache nodes that halved the hit ratio.

Symptom: the new cache nodes have twice the memory, so this ring gained weights: a node with weight 2 gets
twice the virtual nodes. The shares came out right in every test. In production the cache hit ratio fell from
94% to 48% the moment it shipped, and every app server logged different "owner" nodes for the same key.

Diagnose it with the check (`make exercise ID=architecture/scaling/weighted_ring`): build the same ring twice
and compare. Then place the virtual nodes so that every process, every restart and every app server computes
the same ring, and so that changing one node's weight moves keys only to or from that node.
"""

from __future__ import annotations

import bisect
import hashlib
import random


def stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


class HashRing:
    """Each node owns `vnodes * weight` points on a circle; a key belongs to the first point clockwise."""

    def __init__(self, vnodes: int = 100) -> None:
        self.vnodes = vnodes
        self._points: list[int] = []
        self._owner: dict[int, str] = {}

    def add(self, node: str, weight: int = 1) -> None:
        for _ in range(self.vnodes * weight):
            point = random.getrandbits(64)  # spread the virtual nodes evenly over the ring
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
