from __future__ import annotations

import pytest

from examples.cloud_devops.releases.canary import (
    Sample,
    Verdict,
    judge,
    requests_needed_to_see_one_error,
    traffic_steps,
)

BASELINE = Sample(requests=20_000, errors=20, p99_latency_ms=180)


def test_healthy_canary_with_enough_traffic_is_promoted() -> None:
    assert judge(BASELINE, Sample(requests=1_000, errors=1, p99_latency_ms=190)) is Verdict.PROMOTE


def test_thin_evidence_means_wait() -> None:
    assert judge(BASELINE, Sample(requests=100, errors=0, p99_latency_ms=170)) is Verdict.CONTINUE


def test_error_spike_rolls_back_even_on_little_traffic() -> None:
    assert judge(BASELINE, Sample(requests=100, errors=3, p99_latency_ms=170)) is Verdict.ROLL_BACK


def test_latency_regression_rolls_back() -> None:
    assert judge(BASELINE, Sample(requests=5_000, errors=5, p99_latency_ms=260)) is Verdict.ROLL_BACK


def test_traffic_steps_validation() -> None:
    assert traffic_steps() == [5, 25, 50, 100]
    for bad in ((5, 5, 100), (25, 5, 100), (5, 50), (0, 100)):
        with pytest.raises(ValueError, match="rise strictly"):
            traffic_steps(bad)


def test_rare_bugs_need_many_requests() -> None:
    # A bug hitting 1 request in 1,000 needs about 3,000 canary requests to show even once (95%).
    assert requests_needed_to_see_one_error(0.001) == 2995
    assert requests_needed_to_see_one_error(0.01) == 299
