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


WINDOW_HOURS = WINDOW_DAYS * 24


def threshold(budget_share: float, long_window_hours: float) -> float:
    """The burn rate that spends `budget_share` of the window's budget in `long_window_hours`.

    The 30-day numbers (14.4, 6, 1) are these shares (2%, 5%, 10%) for a 720-hour window; over 168 hours the
    same shares need lower rates, or the page comes after 8.6% of the week's budget instead of 2%.
    """
    return budget_share * WINDOW_HOURS / long_window_hours


POLICY = (
    BurnAlert(long_window_hours=1, short_window_hours=5 / 60, threshold=threshold(0.02, 1), severity="page"),
    BurnAlert(long_window_hours=6, short_window_hours=0.5, threshold=threshold(0.05, 6), severity="page"),
    BurnAlert(long_window_hours=72, short_window_hours=6, threshold=threshold(0.10, 72), severity="ticket"),
)
