from __future__ import annotations

import pytest

from examples.cloud_devops.releases.canary import (
    Sample,
    Verdict,
    chance_of_at_least,
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
    # 3 errors in 100 requests would happen with probability about 0.023 at the allowed 0.6%: harm.
    assert chance_of_at_least(3, 100, 0.006) == pytest.approx(0.0227, abs=0.0005)
    assert judge(BASELINE, Sample(requests=100, errors=3, p99_latency_ms=170)) is Verdict.ROLL_BACK


def test_one_error_on_little_traffic_is_not_evidence() -> None:
    # 1 error in 100 requests happens 45% of the time at the allowed ratio: wait, do not roll back.
    assert chance_of_at_least(1, 100, 0.006) == pytest.approx(0.452, abs=0.001)
    assert judge(BASELINE, Sample(requests=100, errors=1, p99_latency_ms=170)) is Verdict.CONTINUE


def test_a_canary_slightly_over_the_limit_waits_instead_of_being_promoted() -> None:
    # 0.7% is over the allowed 0.6%, but 7 errors in 1,000 is not unusual at 0.6%: more traffic decides.
    assert judge(BASELINE, Sample(requests=1_000, errors=7, p99_latency_ms=180)) is Verdict.CONTINUE
    assert judge(BASELINE, Sample(requests=20_000, errors=200, p99_latency_ms=180)) is Verdict.ROLL_BACK


def test_p99_from_a_handful_of_requests_is_not_judged() -> None:
    assert judge(BASELINE, Sample(requests=50, errors=0, p99_latency_ms=400)) is Verdict.CONTINUE


def test_binomial_tail_matches_a_direct_sum() -> None:
    from math import comb

    for errors, requests, ratio in [(1, 10, 0.1), (4, 30, 0.05), (0, 5, 0.2), (12, 400, 0.02)]:
        direct = sum(comb(requests, i) * ratio**i * (1 - ratio) ** (requests - i) for i in range(errors, requests + 1))
        assert chance_of_at_least(errors, requests, ratio) == pytest.approx(direct, rel=1e-9, abs=1e-12)
    assert chance_of_at_least(1, 100, 0.0) == 0.0


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
