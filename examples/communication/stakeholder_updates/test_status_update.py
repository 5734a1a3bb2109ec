"""Status updates state impact and the next update time, in plain words."""

from __future__ import annotations

import datetime as dt

import pytest

from examples.communication.stakeholder_updates.status_update import Update, problems, render

NEXT = dt.datetime(2026, 11, 25, 14, 30, tzinfo=dt.UTC)


# --8<-- [start:example]
def test_a_good_update_renders() -> None:
    update = Update(
        state="identified",
        impact="Some customers cannot pay by card; orders by invoice still work.",
        action="We found a faulty configuration change and are undoing it.",
        workaround="Choose 'Pay by invoice' at checkout.",
        next_update=NEXT,
    )
    assert render(update) == (
        "[Identified] Some customers cannot pay by card; orders by invoice still work.\n"
        "What we are doing: We found a faulty configuration change and are undoing it.\n"
        "Workaround: Choose 'Pay by invoice' at checkout.\n"
        "Next update by 14:30 UTC."
    )


def test_jargon_and_missing_next_update_are_rejected() -> None:
    update = Update("investigating", "p99 latency is up and 5xx spiked", "Checking replica lag", None, None)
    assert problems(update) == [
        "say when the next update will come, even if there is no news",
        "jargon 'p99': say 'the slowest 1% of requests'",
        "jargon '5xx': say 'server errors'",
        "jargon 'replica lag': say 'delayed copies of the data'",
    ]
    with pytest.raises(ValueError, match="next update"):
        render(update)


# --8<-- [end:example]


def test_resolved_needs_no_next_update() -> None:
    done = Update("resolved", "Card payments work again for everyone.", "We will publish a review.", None, None)
    assert render(done).startswith("[Resolved]")


def test_unknown_state_is_rejected() -> None:
    assert problems(Update("fixed-ish", "x", "y", None, NEXT)) == [
        "state must be one of investigating, identified, monitoring, resolved"
    ]


def test_next_update_is_shown_in_utc_whatever_zone_it_was_given_in() -> None:
    berlin = dt.datetime(2026, 11, 25, 15, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    update = Update("monitoring", "Card payments work again.", "We are watching error rates.", None, berlin)
    assert render(update).endswith("Next update by 14:30 UTC.")


def test_a_next_update_without_a_zone_and_jargon_in_the_workaround_are_rejected() -> None:
    naive = dt.datetime(2026, 11, 25, 14, 30)  # no tzinfo: the mistake under test
    update = Update(
        "identified", "Some customers cannot pay.", "We are undoing a change.", "Retry after failover", naive
    )
    assert problems(update) == [
        "give the next update time with its time zone; readers are in many",
        "jargon 'failover': say 'switched to the backup system'",
    ]
