"""Acceptance check: a canary is promoted only after it has served for ten minutes as well as enough requests;
harm still rolls it back at any age, and thin evidence still means waiting."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises import load_module


def verdict(answer: Path, requests: int, errors: int, p99: float, minutes: float) -> str:
    module = load_module(answer)
    baseline = module.Sample(requests=50_000, errors=50, p99_latency_ms=180, minutes=1440)
    return module.judge(baseline, module.Sample(requests, errors, p99, minutes)).name


@pytest.mark.parametrize("minutes", [0.5, 2, 5, 9.9])
def test_a_young_canary_waits_however_much_traffic_it_saw(answer: Path, minutes: float) -> None:
    assert verdict(answer, 20_000, 10, 175, minutes) == "CONTINUE", f"promoted after {minutes} minutes"


@pytest.mark.starter_passes
@pytest.mark.parametrize("minutes", [10, 45])
def test_a_healthy_canary_is_promoted_once_it_has_soaked(answer: Path, minutes: float) -> None:
    assert verdict(answer, 20_000, 10, 175, minutes) == "PROMOTE"


@pytest.mark.starter_passes
@pytest.mark.parametrize("minutes", [1, 30])
def test_harm_rolls_back_at_any_age(answer: Path, minutes: float) -> None:
    assert verdict(answer, 300, 9, 170, minutes) == "ROLL_BACK"  # 3% errors against an allowed 0.6%
    assert verdict(answer, 5_000, 5, 400, minutes) == "ROLL_BACK"  # p99 more than 20% worse


@pytest.mark.starter_passes
def test_thin_evidence_still_waits_after_the_soak(answer: Path) -> None:
    assert verdict(answer, 120, 0, 170, 60) == "CONTINUE"
