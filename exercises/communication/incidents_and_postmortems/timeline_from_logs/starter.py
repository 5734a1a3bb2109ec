"""The postmortem timeline, built from the evidence rather than from memory.

Three logs, three formats:
- the load balancer's per-minute counts for the checkout API, in UTC:
      2026-11-03T13:02:00Z requests=1840 errors=402
- the pager's log, in the pager's local time with its UTC offset:
      2026-11-03 14:21:07 +0100 TRIGGERED support escalation: customers cannot pay by card
- the scribe's log, ISO 8601 with an offset:
      2026-11-03T16:10:00+01:00 RESOLVED failed checkouts e-mailed with a retry link

The team's definitions: impact starts in the first minute whose error ratio reaches THRESHOLD; it is
detected at the first page triggered at or after that; it is mitigated in the first minute of the first
run of QUIET_MINUTES minutes below THRESHOLD after the start; it is resolved when the scribe logs RESOLVED.
"""

from __future__ import annotations

import datetime as dt

THRESHOLD = 0.05
QUIET_MINUTES = 5


def error_ratios(lb_log: str) -> list[tuple[dt.datetime, float]]:
    minutes = []
    for line in lb_log.splitlines():
        stamp, requests, errors = line.split()
        total, failed = int(requests.removeprefix("requests=")), int(errors.removeprefix("errors="))
        minutes.append((dt.datetime.fromisoformat(stamp), failed / total if total else 0.0))
    return minutes


def page_time(line: str) -> dt.datetime:
    return dt.datetime.strptime(line[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)


def build_timeline(lb_log: str, pager_log: str, scribe_log: str) -> dict[str, dt.datetime]:
    """started, detected, mitigated and resolved, as aware datetimes."""
    minutes = error_ratios(lb_log)
    started = next(at for at, ratio in minutes if ratio >= THRESHOLD)
    mitigated = next(at for at, ratio in minutes if at > started and ratio < THRESHOLD)
    pages = [page_time(line) for line in pager_log.splitlines() if " TRIGGERED " in line]
    detected = next(at for at in pages if at >= started)
    resolved = next(
        dt.datetime.fromisoformat(line.split()[0]) for line in scribe_log.splitlines() if " RESOLVED " in line
    )
    return {"started": started, "detected": detected, "mitigated": mitigated, "resolved": resolved}
