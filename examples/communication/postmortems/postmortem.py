"""A postmortem as data: timeline metrics and the checks that keep the review useful and blameless."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# Phrases that turn a review into a search for a culprit; the fix is to ask why the system allowed it.
BLAME = re.compile(r"\b(human error|operator error|should have known|careless|fault of|failed to notice)\b", re.I)
# Actions that ask people to try harder: they change nothing, so the same conditions produce the same incident.
WISH = re.compile(
    r"\b(be (more )?careful|pay (more )?attention|try harder|be vigilant|remember to|double-check)\b", re.I
)
# A sentence ends at . ! or ? followed by a space or the end; "1.5" and "v2.3" do not end one.
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True)
class Event:
    at: dt.datetime
    kind: str  # started | detected | mitigated | resolved | note
    text: str


@dataclass(frozen=True)
class Action:
    text: str
    owner: str | None
    due: dt.date | None


@dataclass
class Postmortem:
    title: str
    summary: str
    impact: str
    timeline: list[Event]
    contributing_factors: list[str]
    actions: list[Action] = field(default_factory=list)
    went_well: list[str] = field(default_factory=list)


# --8<-- [start:metrics]
def _first(pm: Postmortem, kind: str) -> dt.datetime:
    times = [e.at for e in pm.timeline if e.kind == kind]
    if not times:
        raise ValueError(f"timeline has no '{kind}' event")
    return min(times)


def durations(pm: Postmortem) -> dict[str, dt.timedelta]:
    """Minutes from the start of user impact to detection, to mitigation (impact ends) and to resolution."""
    started, detected = _first(pm, "started"), _first(pm, "detected")
    mitigated, resolved = _first(pm, "mitigated"), _first(pm, "resolved")
    return {
        "time_to_detect": detected - started,
        "time_to_mitigate": mitigated - started,
        "time_to_resolve": resolved - started,
    }


# --8<-- [end:metrics]


# --8<-- [start:review]
def review(pm: Postmortem) -> list[str]:
    """What a facilitator would send back before the postmortem is published."""
    problems = []
    order = [e.at for e in pm.timeline]
    if order != sorted(order):
        problems.append("timeline is not in time order")
    try:
        durations(pm)
    except ValueError as error:
        problems.append(str(error))
    if len(SENTENCE_END.findall(pm.summary)) > 3:
        problems.append("summary should be two or three sentences a stakeholder can read")
    if len(pm.contributing_factors) < 2:
        problems.append("list more than one contributing factor; incidents rarely have a single cause")
    for text in [pm.summary, *pm.contributing_factors, *(e.text for e in pm.timeline)]:
        match = BLAME.search(text)
        if match:
            problems.append(f"blaming language '{match.group(0)}': ask what made the mistake possible")
    if not pm.went_well:
        problems.append("say what went well, so the team keeps doing it")
    if not pm.actions:
        problems.append("no action items")
    for action in pm.actions:
        if action.owner is None or action.due is None:
            problems.append(f"action without owner or due date: '{action.text}'")
        if WISH.search(action.text):
            problems.append(f"'{action.text}' is a wish, not an action: change what made the mistake easy")
    return problems


# --8<-- [end:review]
