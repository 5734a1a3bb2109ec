"""Service level objectives in numbers: error budgets and burn-rate alerts.

Follows the approach of Google's SRE Workbook: alert on how fast the budget burns, over a long window
for significance and a short window so the alert stops soon after the problem does.
"""

from __future__ import annotations

from dataclasses import dataclass


# --8<-- [start:budget]
def error_budget(slo: float, total_events: int) -> float:
    """How many bad events the SLO allows over the window (for example 99.9% of 2,000,000 requests)."""
    if not 0 < slo < 1:
        raise ValueError("an SLO is a ratio between 0 and 1, such as 0.999")
    return (1 - slo) * total_events


def allowed_downtime_minutes(slo: float, days: int = 30) -> float:
    """A time-based view of the same budget: minutes of total outage allowed in the window."""
    return (1 - slo) * days * 24 * 60


def budget_remaining(slo: float, good: int, total: int) -> float:
    """Fraction of the budget still unspent: 1.0 untouched, 0.0 exhausted, negative when overspent."""
    budget = error_budget(slo, total)
    return 1.0 if budget == 0 else 1 - (total - good) / budget


# --8<-- [end:budget]


# --8<-- [start:burn]
def burn_rate(slo: float, error_ratio: float) -> float:
    """How many times faster than 'exactly on budget' errors are arriving. 1.0 spends it all by the window's end."""
    return error_ratio / (1 - slo)


@dataclass(frozen=True)
class BurnAlert:
    """Page when both windows burn faster than `threshold` (the long one proves it matters, the short one
    proves it is still happening)."""

    long_window_hours: float
    short_window_hours: float
    threshold: float
    severity: str

    def fires(self, slo: float, long_error_ratio: float, short_error_ratio: float) -> bool:
        return burn_rate(slo, long_error_ratio) > self.threshold and burn_rate(slo, short_error_ratio) > self.threshold

    def budget_spent_when_fired(self, window_days: int = 30) -> float:
        """Share of a window's budget consumed by the time the long window alone crosses the threshold."""
        return self.threshold * self.long_window_hours / (window_days * 24)


# The multiwindow, multi-burn-rate policy recommended for a 30-day SLO.
POLICY = (
    BurnAlert(long_window_hours=1, short_window_hours=5 / 60, threshold=14.4, severity="page"),
    BurnAlert(long_window_hours=6, short_window_hours=0.5, threshold=6, severity="page"),
    BurnAlert(long_window_hours=72, short_window_hours=6, threshold=1, severity="ticket"),
)
# --8<-- [end:burn]
