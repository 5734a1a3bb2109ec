"""Exercise: the profile cache that takes the API down every six hours.

`ProfileCache` keeps user profiles in memory so that each is loaded from the database once. Symptom: the API's
container is killed every few hours with exit code 137; its memory climbs steadily from start-up, by about
1 KB for every user who has ever visited.

Diagnose it with the check (`make exercise ID=web_foundations/os_and_terminal_basics/bounded_cache`), which
measures memory with tracemalloc, then bound the cache to `max_entries` profiles. When it is full, drop the one
used least recently, so that profiles in constant use stay cached (an LRU cache).
"""

from __future__ import annotations

from collections.abc import Callable


class ProfileCache:
    def __init__(self, load: Callable[[int], bytes], max_entries: int = 1_000) -> None:
        self.load = load  # the expensive part: a database query
        self.max_entries = max_entries
        self._profiles: dict[int, bytes] = {}

    def get(self, user_id: int) -> bytes:
        if user_id not in self._profiles:
            self._profiles[user_id] = self.load(user_id)
        return self._profiles[user_id]

    def __len__(self) -> int:
        return len(self._profiles)
