"""The numbers the estimation lesson quotes come from these functions."""

from __future__ import annotations

import pytest

from examples.communication.estimation.forecast import (
    CHECKOUT_REWRITE,
    Task,
    forecast,
    naive_sum,
    percentile,
    pert,
    simulate,
)


def test_pert_weights_the_likely_value_four_times() -> None:
    assert pert(Task("t", best=1, likely=2, worst=9)) == pytest.approx((3.0, 4 / 3))


def test_pert_sum_of_the_plan() -> None:
    assert sum(pert(t)[0] for t in CHECKOUT_REWRITE) == pytest.approx(12.67, abs=0.01)


def test_invalid_ranges_are_rejected() -> None:
    with pytest.raises(ValueError, match="best <= likely <= worst"):
        Task("t", best=3, likely=2, worst=5)


def test_simulation_is_repeatable_and_sorted() -> None:
    first = simulate(CHECKOUT_REWRITE, runs=2_000)
    assert first == simulate(CHECKOUT_REWRITE, runs=2_000)
    assert first == sorted(first)


# --8<-- [start:claims]
def test_adding_most_likely_values_underestimates() -> None:
    totals = simulate(CHECKOUT_REWRITE)
    assert naive_sum(CHECKOUT_REWRITE) == 10
    # Skewed tasks (long worst cases) make the sum of "likely" values land well below the median.
    assert percentile(totals, 50) > naive_sum(CHECKOUT_REWRITE) + 3
    assert percentile(totals, 85) > percentile(totals, 50)


def test_forecast_sentence_states_two_confidence_levels() -> None:
    assert forecast(CHECKOUT_REWRITE) == "50% likely within 16 days, 85% likely within 19 days"


# --8<-- [end:claims]


def test_the_stated_days_keep_their_confidence() -> None:
    """Rounding a percentile down would state more confidence than the simulation gives."""
    totals = simulate(CHECKOUT_REWRITE)
    stated = [int(word) for word in forecast(CHECKOUT_REWRITE).split() if word.isdigit()]
    assert stated == [16, 19]
    assert sum(t <= 16 for t in totals) / len(totals) >= 0.50
    assert sum(t <= 19 for t in totals) / len(totals) >= 0.85
    assert sum(t <= 18 for t in totals) / len(totals) < 0.85, "18 days, the rounded-down figure, is under 85%"


# --8<-- [start:spike]
def test_a_spike_that_narrows_one_range_narrows_the_forecast() -> None:
    after_spike = [
        Task(t.name, best=2, likely=3, worst=4) if t.name == "migrate saved carts" else t for t in CHECKOUT_REWRITE
    ]
    before = percentile(simulate(CHECKOUT_REWRITE), 85) - percentile(simulate(CHECKOUT_REWRITE), 15)
    after = percentile(simulate(after_spike), 85) - percentile(simulate(after_spike), 15)
    assert after < before
    assert forecast(after_spike) == "50% likely within 14 days, 85% likely within 16 days"


# --8<-- [end:spike]
