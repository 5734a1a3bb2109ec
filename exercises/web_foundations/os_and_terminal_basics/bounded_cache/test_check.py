"""Acceptance check: after 10,000 different users the cache holds at most 1,000 profiles and keeps less than
2 MB alive, measured with tracemalloc (1,000 profiles of 1 KB take about 1.6 MB with their bookkeeping); it
evicts the least recently used profile, so one in constant use is loaded once; and a hit never calls the
loader."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from exercises import load_module


class Database:
    def __init__(self) -> None:
        self.loads: list[int] = []

    def __call__(self, user_id: int) -> bytes:
        self.loads.append(user_id)
        return bytes(1_000)  # a 1 KB profile, a new object each time, like a row from the database


def cache(answer: Path, max_entries: int = 1_000) -> tuple[Any, Database]:
    database = Database()
    return load_module(answer).ProfileCache(database, max_entries=max_entries), database


def test_memory_stays_flat_after_ten_thousand_users(answer: Path) -> None:
    profiles, _ = cache(answer)
    profiles.get(-1)  # warm up one-off allocations before measuring
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for user_id in range(10_000):
            profiles.get(user_id)
        gc.collect()
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    growth = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert len(profiles) <= 1_000, f"{len(profiles)} profiles cached: the bound is 1,000"
    assert growth < 2_000_000, f"memory grew by {growth / 1e6:.1f} MB for 10,000 users"


def test_the_least_recently_used_profile_is_evicted(answer: Path) -> None:
    profiles, database = cache(answer, max_entries=3)
    for user_id in (1, 2, 3):
        profiles.get(user_id)
    profiles.get(1)  # 1 is used again: 2 is now the least recently used
    profiles.get(4)  # the cache is full: 2 must go
    database.loads.clear()
    profiles.get(1)
    profiles.get(3)
    profiles.get(4)
    assert database.loads == [], f"reloaded {database.loads}: a recently used profile was evicted"
    profiles.get(2)
    assert database.loads == [2], "user 2 was the least recently used and should have been evicted"


def test_a_profile_in_constant_use_stays_cached(answer: Path) -> None:
    profiles, database = cache(answer, max_entries=100)
    for user_id in range(1, 5_001):
        profiles.get(0)  # the shop's own service account, on every request
        profiles.get(user_id)
    assert database.loads.count(0) == 1, "a profile used on every request was evicted and loaded again"
    assert len(profiles) <= 100


@pytest.mark.starter_passes
def test_a_hit_does_not_touch_the_database(answer: Path) -> None:
    profiles, database = cache(answer)
    assert profiles.get(7) == bytes(1_000)
    profiles.get(7)
    assert database.loads == [7]
