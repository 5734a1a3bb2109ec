"""A CI step that reads the runtime versions a service pins and flags the ones out of support.

Fixed: a version belongs to the cycle whose parts it starts with, compared part by part ("1.25.1" is in
"1.25", never in "1.2"); a last day of support within `warn_days` is reported before it arrives; and a pin
the data does not know is reported, because an audit that skips what it cannot check passes it silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


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


def _cycle_of(version: str, cycles: list[Cycle]) -> Cycle | None:
    parts = version.split(".")
    # The longest matching cycle wins, so "1.25.1" is in "1.25" even if a "1" cycle were listed too.
    matching = [cycle for cycle in cycles if parts[: len(cycle.cycle.split("."))] == cycle.cycle.split(".")]
    return max(matching, key=lambda cycle: len(cycle.cycle.split(".")), default=None)


def audit(pins: dict[str, str], releases: dict[str, list[Cycle]], today: date, warn_days: int = 90) -> list[Finding]:
    """Findings for the pinned versions (product name to full version, such as {"go": "1.25.1"})."""
    findings = []
    for product, version in pins.items():
        cycle = _cycle_of(version, releases.get(product, []))
        if cycle is None:
            findings.append(Finding(product, version, "unknown", None))
        elif cycle.eol is not None and cycle.eol < today:
            findings.append(Finding(product, version, "eol", cycle.eol))
        elif cycle.eol is not None and cycle.eol <= today + timedelta(days=warn_days):
            findings.append(Finding(product, version, "eol-soon", cycle.eol))
    return findings
