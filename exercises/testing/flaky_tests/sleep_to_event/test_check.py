"""Acceptance check: the exporter tests pass however slow the machine is, still catch a broken exporter, and do
not sleep longer than the work takes.

Each run patches the exporter: slower (a loaded CI runner), or broken (a planted bug the tests must catch)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from examples.testing.flaky_tests.export import Exporter
from exercises.testing.suite_runner import Variant, run_suite


def speed(seconds: float) -> Variant:
    return Variant(f"exports take {seconds} s", ((Exporter, "work_seconds", seconds),))


def wrong_status(self: Exporter, report_id: int) -> None:
    time.sleep(self.work_seconds)
    self.status = f"done:{report_id + 1}"  # a planted bug: the wrong report is marked done
    self.finished.set()


@pytest.mark.starter_passes
def test_green_on_a_fast_machine(answer: Path, pytester: pytest.Pytester) -> None:
    run = run_suite(pytester, answer, speed(0.001))
    assert run.green and run.ran == 2, run.failed


@pytest.mark.parametrize("seconds", [0.2, 0.6])
def test_green_on_a_slow_machine(answer: Path, pytester: pytest.Pytester, seconds: float) -> None:
    run = run_suite(pytester, answer, speed(seconds))
    assert run.green, f"with exports taking {seconds} s: {run.failed}"


@pytest.mark.starter_passes
def test_a_wrong_report_still_fails_the_tests(answer: Path, pytester: pytest.Pytester) -> None:
    broken = Variant(
        "marks the wrong report done", ((Exporter, "_run", wrong_status), (Exporter, "work_seconds", 0.001))
    )
    assert run_suite(pytester, answer, broken).red, "the tests pass with a broken exporter: they check nothing"


def instant_run(self: Exporter, report_id: int) -> None:
    self.status = f"done:{report_id}"
    self.finished.set()


def test_no_fixed_sleeps(answer: Path, pytester: pytest.Pytester) -> None:
    """The tests wait for the work, not for a guess: with instant exports, nothing in them may sleep."""
    sleeps: list[float] = []
    spy = Variant("records sleeps", ((time, "sleep", sleeps.append), (Exporter, "_run", instant_run)))
    run = run_suite(pytester, answer, spy)
    assert run.green, run.failed
    assert not sleeps, f"the tests call time.sleep{tuple(sleeps)}: a fixed wait is too short on a slow machine"
