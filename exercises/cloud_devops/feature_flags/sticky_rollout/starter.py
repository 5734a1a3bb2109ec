"""Percentage rollouts for the storefront: is this user in the first `percent` percent of a flag's rollout?"""

from __future__ import annotations


def in_rollout(flag_key: str, user_id: str, percent: float) -> bool:
    """True for about `percent` percent of users (0 <= percent <= 100)."""
    return hash(user_id) % 100 < percent
