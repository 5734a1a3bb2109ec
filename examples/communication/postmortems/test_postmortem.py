"""The postmortem metrics and review rules used in the incidents lesson."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from examples.communication.postmortems.postmortem import Action, Event, Postmortem, durations, review


def at(hh_mm: str) -> dt.datetime:
    hours, minutes = map(int, hh_mm.split(":"))
    return dt.datetime(2026, 11, 3, hours, minutes, tzinfo=dt.UTC)


# --8<-- [start:example]
CARD_OUTAGE = Postmortem(
    title="Card payments failed for 52 minutes",
    summary="Card payments failed for most customers for 52 minutes. A configuration change sent "
    "payment requests to the provider's sandbox. Invoice payments were not affected.",
    impact="About 1,900 card checkouts failed; no payment was taken twice.",
    timeline=[
        Event(at("13:02"), "started", "Configuration change deployed with the sandbox payment URL."),
        Event(at("13:21"), "detected", "Support reports customers unable to pay; on-call paged."),
        Event(at("13:40"), "note", "Payment error rate graph found; change identified."),
        Event(at("13:54"), "mitigated", "Previous configuration restored; payments succeed."),
        Event(at("15:10"), "resolved", "Failed checkouts e-mailed with a link to retry."),
    ],
    contributing_factors=[
        "Production and sandbox URLs live in the same configuration file with similar names.",
        "No alert on the payment error rate, so detection depended on support tickets.",
        "The configuration change skipped the staged rollout used for code.",
    ],
    actions=[
        Action("Alert when payment error rate exceeds 5% for 3 minutes", "payments team", dt.date(2026, 11, 17)),
        Action("Validate payment URL per environment at startup", "platform team", dt.date(2026, 11, 24)),
    ],
    went_well=["Restoring the previous configuration took one command and two minutes."],
)


def test_durations_come_from_the_timeline() -> None:
    assert durations(CARD_OUTAGE) == {
        "time_to_detect": dt.timedelta(minutes=19),
        "time_to_mitigate": dt.timedelta(minutes=52),
        "time_to_resolve": dt.timedelta(hours=2, minutes=8),
    }


def test_a_good_postmortem_passes_review() -> None:
    assert review(CARD_OUTAGE) == []


def test_blame_and_unowned_actions_are_sent_back() -> None:
    draft = replace(
        CARD_OUTAGE,
        contributing_factors=["Human error: the engineer should have known the URL was wrong."],
        actions=[Action("Be more careful with configuration", None, None)],
    )
    assert review(draft) == [
        "list more than one contributing factor; incidents rarely have a single cause",
        "blaming language 'Human error': ask what made the mistake possible",
        "action without owner or due date: 'Be more careful with configuration'",
        "'Be more careful with configuration' is a wish, not an action: change what made the mistake easy",
    ]


# --8<-- [end:example]


def test_timeline_order_and_missing_events() -> None:
    shuffled = replace(CARD_OUTAGE, timeline=list(reversed(CARD_OUTAGE.timeline)))
    assert "timeline is not in time order" in review(shuffled)
    no_detection = replace(CARD_OUTAGE, timeline=[e for e in CARD_OUTAGE.timeline if e.kind != "detected"])
    assert "timeline has no 'detected' event" in review(no_detection)
    with pytest.raises(ValueError, match="no 'detected' event"):
        durations(no_detection)


def test_long_summary_and_no_actions() -> None:
    rambling = replace(CARD_OUTAGE, summary="One. Two. Three. Four. Five.", actions=[])
    assert review(rambling) == [
        "summary should be two or three sentences a stakeholder can read",
        "no action items",
    ]


def test_numbers_and_versions_do_not_end_sentences() -> None:
    precise = replace(CARD_OUTAGE, summary="Release 2.3.1 raised errors to 12.5% for 1.5 hours. It was rolled back.")
    assert review(precise) == []


def test_an_owned_wish_is_still_sent_back() -> None:
    owned = replace(CARD_OUTAGE, actions=[Action("Remember to check the URL", "payments team", dt.date(2026, 12, 1))])
    assert review(owned) == ["'Remember to check the URL' is a wish, not an action: change what made the mistake easy"]


def test_what_went_well_is_required() -> None:
    assert review(replace(CARD_OUTAGE, went_well=[])) == ["say what went well, so the team keeps doing it"]
