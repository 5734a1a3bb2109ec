"""Profiling with cProfile, read programmatically with pstats instead of by eye."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Hotspot:
    function: str
    calls: int
    own_seconds: float  # time in the function itself (tottime), excluding what it called
    total_seconds: float  # time including callees (cumtime)
    share: float  # own_seconds as a fraction of the whole profile


# --8<-- [start:profile]
def profile(func: Callable[..., Any], *args: Any) -> pstats.Stats:
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        func(*args)
    finally:
        profiler.disable()
    return pstats.Stats(profiler)


def hotspots(stats: pstats.Stats, limit: int = 5) -> list[Hotspot]:
    """Functions ranked by their own time: where the CPU actually went."""
    report = stats.get_stats_profile()
    everything = sum(f.tottime for f in report.func_profiles.values()) or 1.0
    ranked = sorted(report.func_profiles.items(), key=lambda item: item[1].tottime, reverse=True)
    return [
        Hotspot(name, int(str(f.ncalls).split("/")[0]), f.tottime, f.cumtime, f.tottime / everything)
        for name, f in ranked[:limit]
    ]


# --8<-- [end:profile]
