"""A reference set of status page updates for the card outage: plain words, the workaround in every open
update, no guessed cause, the state that was true when each went out, and every promised time kept."""

from __future__ import annotations

import datetime as dt

from examples.communication.stakeholder_updates.status_update import Update

WORKAROUND = "Choose 'Pay by invoice' at checkout; invoice orders are not affected."


def at(hh_mm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"2026-11-03T{hh_mm}:00+00:00")


UPDATES: list[tuple[dt.datetime, Update]] = [
    (
        at("13:30"),
        Update(
            "investigating",
            "Many customers cannot pay by card at checkout since about 13:00 UTC.",
            "Our engineers are investigating.",
            WORKAROUND,
            at("14:00"),
        ),
    ),
    (
        at("13:45"),
        Update(
            "identified",
            "Many customers cannot pay by card at checkout since about 13:00 UTC.",
            "We found a faulty configuration change and are undoing it.",
            WORKAROUND,
            at("14:15"),
        ),
    ),
    (
        at("14:00"),
        Update(
            "monitoring",
            "Card payments have worked again since 13:54 UTC.",
            "We undid the change and are watching payments closely. If a card payment failed earlier, "
            "you were not charged and can try again.",
            WORKAROUND,
            at("14:30"),
        ),
    ),
    (
        at("14:30"),
        Update(
            "resolved",
            "Card payments have worked normally since 13:54 UTC. Card checkouts between 13:02 and 13:54 UTC "
            "failed without charging anyone.",
            "We will e-mail affected customers a link to retry and publish a review of this incident.",
            None,
            None,
        ),
    ),
]
