"""A CI step that reads the runtime versions a service pins and flags the ones out of support.

Incident PLAT-58: the platform team's audit passed every service, yet one was running Go 1.25.1 three months
after Go 1.25 lost support (the audit said it was fine), another pinned `ruby 3.1.4` and was never checked at
all, and nobody got a warning before Node.js 20's end of life: the first notice was the day it happened.
Make `audit` report every pin that is out of support, about to be (within `warn_days`), or not in the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Cycle:
    """One release line, as endoflife.date lists it: `cycle` like "3.12", "20" or "1.25"; `eol` is the last
    day of support, or None while no date has been announced."""

    cycle: str
    eol: date | None


@dataclass(frozen=True)
class Finding:
    product: str
    version: str
    status: str  # "eol" (past its last day), "eol-soon" (last day within warn_days), or "unknown"
    eol: date | None


def audit(pins: dict[str, str], releases: dict[str, list[Cycle]], today: date, warn_days: int = 90) -> list[Finding]:
    """Findings for the pinned versions (product name to full version, such as {"go": "1.25.1"})."""
    findings = []
    for product, version in pins.items():
        for cycle in releases.get(product, []):
            if version.startswith(cycle.cycle):
                if cycle.eol is not None and cycle.eol < today:
                    findings.append(Finding(product, version, "eol", cycle.eol))
                break
    return findings
