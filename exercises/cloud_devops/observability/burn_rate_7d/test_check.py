"""Acceptance check: on a 7-day window, each alert fires after the share of the budget the SRE Workbook's
policy intends (2% and 5% for the pages, 10% for the ticket), which a simulated incident confirms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from exercises import load_module

WEEK_HOURS = 7 * 24
INTENDED = {0: ("page", 0.02), 1: ("page", 0.05), 2: ("ticket", 0.10)}


def policy(answer: Path) -> tuple[Any, ...]:
    return tuple(load_module(answer).POLICY)


def spent_when_firing(alert: Any) -> float:
    """Share of the week's budget gone when the long window alone first crosses the threshold."""
    return alert.threshold * alert.long_window_hours / WEEK_HOURS


@pytest.mark.parametrize("index", sorted(INTENDED))
def test_each_alert_fires_after_its_intended_share_of_the_budget(answer: Path, index: int) -> None:
    alert = policy(answer)[index]
    severity, share = INTENDED[index]
    assert alert.severity == severity
    assert spent_when_firing(alert) == pytest.approx(share, rel=1e-6), (
        f"the {alert.long_window_hours} h {severity} fires after {spent_when_firing(alert):.1%} of the week's "
        f"budget, not {share:.0%}"
    )


def test_an_incident_that_spends_two_percent_in_an_hour_pages(answer: Path) -> None:
    # 2.5% of a week's budget per hour, steadily: by the end of the hour the fast page must have fired.
    error_ratio = 0.025 * WEEK_HOURS * (1 - 0.999)
    assert policy(answer)[0].fires(error_ratio, error_ratio), "the fast-burn page stays silent"


@pytest.mark.starter_passes
def test_a_blip_that_is_over_does_not_page(answer: Path) -> None:
    fast = policy(answer)[0]
    assert not fast.fires(0.05, 0.0), "the last five minutes are clean: the incident is over"


@pytest.mark.starter_passes
@pytest.mark.parametrize("index", sorted(INTENDED))
def test_the_short_windows_stay_a_twelfth_of_the_long_ones(answer: Path, index: int) -> None:
    alert = policy(answer)[index]
    assert alert.short_window_hours == pytest.approx(alert.long_window_hours / 12)
