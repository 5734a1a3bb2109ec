from __future__ import annotations

import pytest

from examples.cloud_devops.slo.budget import (
    POLICY,
    BurnAlert,
    allowed_downtime_minutes,
    budget_remaining,
    burn_rate,
    error_budget,
)


def test_three_nines_allow_one_bad_request_in_a_thousand() -> None:
    assert error_budget(0.999, 2_000_000) == pytest.approx(2_000)


def test_downtime_per_30_days() -> None:
    assert allowed_downtime_minutes(0.999) == pytest.approx(43.2)
    assert allowed_downtime_minutes(0.9999) == pytest.approx(4.32)
    assert allowed_downtime_minutes(0.99) == pytest.approx(432)


def test_budget_remaining() -> None:
    assert budget_remaining(0.999, good=1_000_000, total=1_000_000) == 1.0
    assert budget_remaining(0.999, good=999_500, total=1_000_000) == pytest.approx(0.5)
    assert budget_remaining(0.999, good=998_000, total=1_000_000) == pytest.approx(-1.0)


def test_burn_rate_is_relative_to_the_budget() -> None:
    assert burn_rate(0.999, 0.001) == pytest.approx(1.0)
    assert burn_rate(0.999, 0.0144) == pytest.approx(14.4)


def test_fast_burn_page_spends_two_percent_of_the_month() -> None:
    assert POLICY[0].budget_spent_when_fired() == pytest.approx(0.02)
    assert POLICY[1].budget_spent_when_fired() == pytest.approx(0.05)
    assert POLICY[2].budget_spent_when_fired() == pytest.approx(0.10)


def test_alert_needs_both_windows() -> None:
    fast = POLICY[0]
    assert fast.fires(0.999, long_error_ratio=0.02, short_error_ratio=0.02)
    # The incident is over: the hour still looks bad but the last five minutes are clean, so no page.
    assert not fast.fires(0.999, long_error_ratio=0.02, short_error_ratio=0.0001)
    # A short spike alone is not significant enough.
    assert not fast.fires(0.999, long_error_ratio=0.005, short_error_ratio=0.5)


def test_invalid_slo_is_rejected() -> None:
    with pytest.raises(ValueError, match="ratio"):
        error_budget(99.9, 100)
    assert isinstance(POLICY[0], BurnAlert)
