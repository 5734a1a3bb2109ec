"""A Bloom filter: a bit array that answers "definitely not present" or "probably present"."""

from __future__ import annotations

import hashlib
import math


# --8<-- [start:filter]
class BloomFilter:
    def __init__(self, expected_items: int, false_positive_rate: float) -> None:
        # The standard sizing: m = -n ln p / (ln 2)^2 bits and k = (m / n) ln 2 hash functions.
        self.size = math.ceil(-expected_items * math.log(false_positive_rate) / math.log(2) ** 2)
        self.hashes = max(1, round(self.size / expected_items * math.log(2)))
        self.bits = bytearray((self.size + 7) // 8)

    def _positions(self, key: str) -> list[int]:
        # Two halves of one SHA-256 digest give k positions (double hashing, Kirsch and Mitzenmacher).
        digest = hashlib.sha256(key.encode()).digest()
        first, second = int.from_bytes(digest[:8], "big"), int.from_bytes(digest[8:16], "big") | 1
        return [(first + i * second) % self.size for i in range(self.hashes)]

    def add(self, key: str) -> None:
        for position in self._positions(key):
            self.bits[position // 8] |= 1 << (position % 8)

    def might_contain(self, key: str) -> bool:
        """False means certainly never added; True means added, or a false positive."""
        return all(self.bits[position // 8] & (1 << (position % 8)) for position in self._positions(key))


# --8<-- [end:filter]
