"""Acceptance check: the card outage's status updates pass the lesson's checker, go out on time, keep every
promised next-update time, say only what was known when each was posted, and always offer the workaround."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from examples.communication.stakeholder_updates.status_update import STATES, Update, problems
from exercises import load_module

CADENCE = dt.timedelta(minutes=30)


def utc(hh_mm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"2026-11-03T{hh_mm}:00+00:00")


DECLARED, CAUSE_FOUND, FIX_APPLIED, STABLE = utc("13:24"), utc("13:40"), utc("13:52"), utc("14:05")
GUESS = re.compile(r"\b(because|caused by|due to|root cause)\b", re.I)
BLAME = re.compile(r"\b(someone|somebody|an engineer|our engineer|employee|human error|mistake by)\b", re.I)


def updates(answer: Path) -> list[tuple[dt.datetime, Update]]:
    posted = load_module(answer).UPDATES
    assert posted, "no updates"
    assert [when for when, _ in posted] == sorted(when for when, _ in posted), "list the updates in posting order"
    return posted


def test_every_update_passes_the_lessons_checker(answer: Path) -> None:
    found = [f"{when:%H:%M}: {issue}" for when, update in updates(answer) for issue in problems(update)]
    assert not found, "\n".join(found)


@pytest.mark.starter_passes
def test_the_first_update_goes_out_within_ten_minutes(answer: Path) -> None:
    first = updates(answer)[0][0]
    assert DECLARED <= first <= DECLARED + dt.timedelta(minutes=10), f"first update at {first:%H:%M} UTC"


def test_every_promise_is_short_and_kept(answer: Path) -> None:
    posted = updates(answer)
    for (when, update), (following, _) in zip(posted, [*posted[1:], (None, None)], strict=True):
        if update.state == "resolved":
            continue
        promised = update.next_update
        assert promised is not None and when < promised <= when + CADENCE, (
            f"{when:%H:%M}: promise the next update within {CADENCE.seconds // 60} minutes"
        )
        assert following is not None and following <= promised, (
            f"{when:%H:%M} promised an update by {promised:%H:%M} UTC; the next one came at "
            f"{'never' if following is None else f'{following:%H:%M}'}"
        )


def test_states_say_what_was_known_then(answer: Path) -> None:
    posted = updates(answer)
    states = [update.state for _, update in posted]
    assert states == sorted(states, key=STATES.index), f"states go forward only: {states}"
    assert states[-1] == "resolved" and "monitoring" in states, "watch the fix (monitoring) before resolving"
    earliest = {"identified": CAUSE_FOUND, "monitoring": FIX_APPLIED, "resolved": STABLE}
    for when, update in posted:
        if update.state in earliest:
            assert when >= earliest[update.state], (
                f"{when:%H:%M} says {update.state!r}, but that was not true until {earliest[update.state]:%H:%M}"
            )
        if update.state == "identified":
            assert when < FIX_APPLIED, f"{when:%H:%M}: the fix was in at 13:52; say monitoring, not identified"


def test_no_guessing_and_no_blame_in_public(answer: Path) -> None:
    for when, update in updates(answer):
        text = f"{update.impact} {update.action} {update.workaround or ''}"
        if update.state == "investigating":
            assert not GUESS.search(text), f"{when:%H:%M}: while investigating, say what you know, not a cause"
        assert not BLAME.search(text), f"{when:%H:%M}: a status page never points at a person"


def test_open_updates_name_the_feature_and_the_workaround(answer: Path) -> None:
    for when, update in updates(answer):
        assert re.search(r"\bcard", update.impact, re.I), f"{when:%H:%M}: say which feature is affected (card)"
        if update.state != "resolved":
            assert update.workaround and re.search(r"invoice", update.workaround, re.I), (
                f"{when:%H:%M}: paying by invoice worked throughout; offer it as the workaround"
            )
