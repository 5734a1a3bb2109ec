"""Acceptance check: the gate judges latency on successful responses, errors on every request, and fails the CI
step, with reasons, when either limit is exceeded."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from exercises import load_module


def results(module: ModuleType, *groups: tuple[int, int | None, float]) -> list[Any]:
    """(count, status, latency_ms) groups, expanded into results."""
    return [module.Result(status, latency) for count, status, latency in groups for _ in range(count)]


def judge(answer: Path, groups: list[tuple[int, int | None, float]], p99_ms: float = 500, errors: float = 0.01) -> Any:
    module = load_module(answer)
    return module.gate(results(module, *groups), module.Limits(max_p99_ms=p99_ms, max_error_rate=errors))


def test_release_5_2_fails_on_both_counts(answer: Path) -> None:
    verdict = judge(answer, [(300, 503, 2.0), (690, 200, 120.0), (10, 200, 900.0)])
    assert verdict.exit_status == 1, "30 % of requests failed, and the successful ones have a 900 ms tail"
    text = " ".join(verdict.reasons).lower()
    assert "error" in text, f"name the error rate: {verdict.reasons}"
    assert "p99" in text, f"name the latency too: {verdict.reasons}"


def test_fast_errors_do_not_hide_a_slow_tail(answer: Path) -> None:
    verdict = judge(answer, [(50, 503, 1.0), (940, 200, 100.0), (10, 200, 800.0)], errors=0.10)
    assert verdict.exit_status == 1, "p99 of the successes is 800 ms; counting the 503s would make it 100 ms"


@pytest.mark.starter_passes
def test_a_healthy_run_passes(answer: Path) -> None:
    verdict = judge(answer, [(995, 200, 80.0), (5, 200, 400.0)])
    assert verdict.exit_status == 0 and verdict.reasons == []


def test_the_error_rate_is_over_every_request_and_a_value_at_the_limit_passes(answer: Path) -> None:
    assert judge(answer, [(10, 500, 5.0), (990, 200, 50.0)], errors=0.01).exit_status == 0  # exactly 1 %
    assert judge(answer, [(11, 500, 5.0), (989, 200, 50.0)], errors=0.01).exit_status == 1  # 1.1 %


def test_no_response_and_4xx_count_as_errors(answer: Path) -> None:
    assert judge(answer, [(20, None, 10_000.0), (980, 200, 50.0)]).exit_status == 1  # timeouts: 2 %
    assert judge(answer, [(20, 429, 3.0), (980, 200, 50.0)]).exit_status == 1  # rate-limited: 2 %
    assert judge(answer, [(20, 304, 3.0), (980, 200, 50.0)]).exit_status == 0  # 3xx is a success


@pytest.mark.starter_passes
def test_a_p99_at_the_limit_passes(answer: Path) -> None:
    assert judge(answer, [(99, 200, 100.0), (1, 200, 500.0)]).exit_status == 0
    assert judge(answer, [(98, 200, 100.0), (2, 200, 501.0)]).exit_status == 1


def test_nothing_succeeded_fails(answer: Path) -> None:
    verdict = judge(answer, [(100, 503, 1.0)], errors=1.0)  # even with every error allowed
    assert verdict.exit_status == 1
    assert verdict.reasons
