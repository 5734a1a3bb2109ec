"""The status page updates for the card outage of 2026-11-03, as the on-call engineer posted them.

What the team knew, from the scribe's log (all times UTC):
    13:02  card payments start failing; paying by invoice keeps working
    13:24  incident declared (SEV2): the first public update is due within 10 minutes
    13:40  cause found: a configuration change points card payments at the provider's sandbox
    13:52  previous configuration restored
    14:05  error rate normal for ten minutes
The team's rule for SEV2: every update says when the next one comes, at most 30 minutes later, and keeps
that promise.
"""

from __future__ import annotations

import datetime as dt

from examples.communication.stakeholder_updates.status_update import Update


def at(hh_mm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"2026-11-03T{hh_mm}:00+00:00")


# (posted at, update), in the order they went out
UPDATES: list[tuple[dt.datetime, Update]] = [
    (at("13:31"), Update("investigating", "5xx on /checkout, card auth failing", "Looking into it", None, at("14:30"))),
    (
        at("13:58"),
        Update("identified", "Card payments broke because someone pushed a bad config", "Rollback done", None, None),
    ),
    (at("14:40"), Update("resolved", "Fixed.", "Closing this.", None, None)),
]
