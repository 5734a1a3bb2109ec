"""Acceptance check: the envelope transcribes the marketplace brief, and its peak comes from the rate in the
busy window (times the sale spike), for that brief and for any other."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module


def envelope(answer: Path) -> ModuleType:
    return load_module(answer)


def expected_peak(orders: float, hours: float, share: float, spike: float, requests: float) -> float:
    return orders * share / (hours * 3600) * requests * spike


@pytest.mark.starter_passes
def test_the_brief_is_written_down_as_it_was_said(answer: Path) -> None:
    d = envelope(answer).MARKETPLACE
    assert (d.orders_per_day, d.busy_hours, d.busy_share, d.spike) == (2_000_000, 4, 0.8, 5), (
        "keep the brief's own numbers; fix the formula, not the inputs"
    )
    assert (d.requests_per_order, d.bytes_per_order, d.retention_years) == (12, 3 * 1024, 3)


def test_the_marketplace_peak(answer: Path) -> None:
    module = envelope(answer)
    got = module.peak_requests_per_second(module.MARKETPLACE)
    assert got == pytest.approx(6_666.7, abs=0.5), (
        f"{got:,.0f} requests/s: 80% of 2 million orders arrive in 4 hours, and the sale multiplies that rate"
    )


def test_the_peak_for_any_brief(answer: Path) -> None:
    module = envelope(answer)
    rng = random.Random(2026)  # noqa: S311 - seeded test inputs, not secrets
    for _ in range(200):
        hours = rng.choice([1, 2, 3, 4, 6, 8, 12])
        d = replace(
            module.MARKETPLACE,
            orders_per_day=rng.randrange(1_000, 5_000_000),
            busy_hours=hours,
            busy_share=round(rng.uniform(hours / 24, 1.0), 2),
            spike=rng.choice([1, 2, 3, 10, 20]),
            requests_per_order=rng.randrange(1, 30),
        )
        want = expected_peak(d.orders_per_day, d.busy_hours, d.busy_share, d.spike, d.requests_per_order)
        assert module.peak_requests_per_second(d) == pytest.approx(want, rel=1e-9), d


@pytest.mark.starter_passes
def test_a_flat_day_is_the_daily_average_times_the_spike(answer: Path) -> None:
    module = envelope(answer)
    flat = replace(module.MARKETPLACE, busy_hours=24, busy_share=1.0, spike=10)
    assert module.peak_requests_per_second(flat) == pytest.approx(2_000_000 * 12 / 86_400 * 10)


@pytest.mark.starter_passes
def test_storage_is_unchanged(answer: Path) -> None:
    module = envelope(answer)
    assert module.storage_gib(module.MARKETPLACE) == pytest.approx(2_000_000 * 365 * 3 * 3 * 1024 / 2**30)
