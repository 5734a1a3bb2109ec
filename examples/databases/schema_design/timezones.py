"""Instants in UTC, wall-clock times with their IANA zone, and the daylight-saving edges between them."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


# --8<-- [start:zones]
def to_utc(local: datetime, zone: str) -> datetime:
    """A wall-clock time in `zone` as a UTC instant (fold=0: the first of two readings of an hour)."""
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def show(instant: datetime, zone: str) -> str:
    """A stored UTC instant as the reader's wall clock, converted only for display."""
    return instant.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M %Z")


def exists(local: datetime, zone: str) -> bool:
    """False for times skipped when clocks spring forward: they do not survive a round trip through UTC."""
    there_and_back = to_utc(local, zone).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    return there_and_back == local


def is_ambiguous(local: datetime, zone: str) -> bool:
    """True for times that happen twice when clocks fall back: fold=0 and fold=1 are different instants."""
    return to_utc(local, zone) != to_utc(local.replace(fold=1), zone)


# --8<-- [end:zones]
