"""A reference solution: an OrderedDict kept in order of use; a hit moves the entry to the end, and a miss
that overflows the bound drops the entry at the front, the least recently used one. (functools.lru_cache does
the same for plain functions.)"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable


class ProfileCache:
    def __init__(self, load: Callable[[int], bytes], max_entries: int = 1_000) -> None:
        self.load = load  # the expensive part: a database query
        self.max_entries = max_entries
        self._profiles: OrderedDict[int, bytes] = OrderedDict()

    def get(self, user_id: int) -> bytes:
        if user_id in self._profiles:
            self._profiles.move_to_end(user_id)  # just used: the last to be evicted
            return self._profiles[user_id]
        profile = self.load(user_id)
        self._profiles[user_id] = profile
        if len(self._profiles) > self.max_entries:
            self._profiles.popitem(last=False)  # the least recently used profile leaves
        return profile

    def __len__(self) -> int:
        return len(self._profiles)
