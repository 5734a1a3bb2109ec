"""Write incident status updates that a customer-support lead or an executive can act on."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Words that mean something to the on-call engineer and nothing to the reader of a status page.
JARGON = {
    "p99": "the slowest 1% of requests",
    "5xx": "server errors",
    "oom": "ran out of memory",
    "failover": "switched to the backup system",
    "rollback": "undid the change",
    "replica lag": "delayed copies of the data",
}


@dataclass(frozen=True)
class Update:
    state: str  # investigating | identified | monitoring | resolved
    impact: str  # who is affected and how, in the customer's words
    action: str  # what we are doing now
    workaround: str | None
    next_update: dt.datetime | None  # required until resolved; an aware datetime, shown in UTC


STATES = ("investigating", "identified", "monitoring", "resolved")


# --8<-- [start:render]
def problems(update: Update) -> list[str]:
    found = []
    if update.state not in STATES:
        found.append(f"state must be one of {', '.join(STATES)}")
    if update.state != "resolved" and update.next_update is None:
        found.append("say when the next update will come, even if there is no news")
    if update.next_update is not None and update.next_update.utcoffset() is None:
        found.append("give the next update time with its time zone; readers are in many")
    text = f"{update.impact} {update.action} {update.workaround or ''}"
    for word, plain in JARGON.items():
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.I):
            found.append(f"jargon '{word}': say '{plain}'")
    return found


def render(update: Update) -> str:
    issues = problems(update)
    if issues:
        raise ValueError("; ".join(issues))
    lines = [f"[{update.state.capitalize()}] {update.impact}", f"What we are doing: {update.action}"]
    if update.workaround:
        lines.append(f"Workaround: {update.workaround}")
    if update.next_update is not None:
        # Convert before printing: a Berlin 15:30 labeled "UTC" promises an update an hour early.
        lines.append(f"Next update by {update.next_update.astimezone(dt.UTC):%H:%M} UTC.")
    return "\n".join(lines)


# --8<-- [end:render]
