"""Acceptance check: the recorder back-fills the requests a stall prevented, exactly as HdrHistogram's
recordValueWithExpectedInterval does, and the corrected percentiles match what an open-model tester saw."""

from __future__ import annotations

from pathlib import Path

import pytest

from examples.testing.load_testing.omission import closed_loop, nearest_rank, open_loop
from exercises import load_module


def recorded(answer: Path, latencies: list[float], interval_ms: float) -> list[float]:
    recorder = load_module(answer).LatencyRecorder(interval_ms)
    for latency in latencies:
        recorder.record(latency)
    return list(recorder.sorted_values())


def test_one_long_response_stands_for_every_request_due_meanwhile(answer: Path) -> None:
    values = recorded(answer, [2001.0], interval_ms=10)
    expected = sorted([2001.0] + [2001.0 - 10 * k for k in range(1, 200)])  # 1991, 1981, ... down to 11
    assert values == expected, f"got {len(values)} values from {values[:3]} to {values[-3:]}, expected 200"


def test_the_corrected_closed_loop_agrees_with_the_open_loop(answer: Path) -> None:
    corrected = recorded(answer, closed_loop(), interval_ms=10)
    honest = open_loop()
    assert abs(len(corrected) - len(honest)) <= 10, "the back-filled count is about the number of planned requests"
    for p in (95, 99):
        ours, theirs = nearest_rank(corrected, p), nearest_rank(honest, p)
        assert abs(ours - theirs) <= 0.1 * theirs, f"p{p}: corrected {ours} ms, open-model tester {theirs} ms"


@pytest.mark.starter_passes
def test_responses_within_the_interval_are_recorded_as_they_are(answer: Path) -> None:
    assert recorded(answer, [1.0, 10.0, 3.5], interval_ms=10) == [1.0, 3.5, 10.0]


def test_a_response_just_over_two_intervals_adds_exactly_one(answer: Path) -> None:
    assert recorded(answer, [25.0], interval_ms=10) == [15.0, 25.0]  # 5 < 10: the loop stops there
    assert recorded(answer, [30.0], interval_ms=10) == [10.0, 20.0, 30.0]  # down to the interval itself


@pytest.mark.starter_passes
def test_without_a_schedule_nothing_is_added(answer: Path) -> None:
    assert recorded(answer, [2001.0, 1.0], interval_ms=0) == [1.0, 2001.0]
