"""Burn-rate alerts for the search API, whose SLO is 99.9% of requests good over a rolling 7 days.

The policy was copied from the team's 30-day services when search moved to a weekly window.
"""

from __future__ import annotations

from dataclasses import dataclass

SLO = 0.999
WINDOW_DAYS = 7


def burn_rate(error_ratio: float, slo: float = SLO) -> float:
    """How many times faster than 'exactly on budget' errors arrive; 1.0 spends the budget in one window."""
    return error_ratio / (1 - slo)


@dataclass(frozen=True)
class BurnAlert:
    long_window_hours: float
    short_window_hours: float
    threshold: float  # burn rate both windows must exceed
    severity: str

    def fires(self, long_error_ratio: float, short_error_ratio: float) -> bool:
        return burn_rate(long_error_ratio) > self.threshold and burn_rate(short_error_ratio) > self.threshold


POLICY = (
    BurnAlert(long_window_hours=1, short_window_hours=5 / 60, threshold=14.4, severity="page"),
    BurnAlert(long_window_hours=6, short_window_hours=0.5, threshold=6, severity="page"),
    BurnAlert(long_window_hours=72, short_window_hours=6, threshold=1, severity="ticket"),
)
