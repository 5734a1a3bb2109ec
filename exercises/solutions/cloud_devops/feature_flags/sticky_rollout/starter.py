"""Percentage rollouts for the storefront: is this user in the first `percent` percent of a flag's rollout?"""

from __future__ import annotations

import hashlib

BUCKETS = 100_000  # 0.001% steps: fine enough for a 0.5% (or 0.05%) first step


def in_rollout(flag_key: str, user_id: str, percent: float) -> bool:
    """True for about `percent` percent of users (0 <= percent <= 100).

    The bucket comes from a stable hash (not hash(), which is salted per process) of the flag key and the
    user id: the same answer on every replica and after every restart, and an independent shuffle per flag.
    A user is in when their bucket is below the boundary, so raising the percentage only adds users."""
    digest = hashlib.sha256(f"{flag_key}:{user_id}".encode()).digest()
    position = int.from_bytes(digest[:8], "big") % BUCKETS
    return position < round(percent * BUCKETS / 100)
