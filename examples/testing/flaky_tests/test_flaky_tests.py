"""The lesson's claims: a sleep-based wait fails once the machine is slow while waiting for an event does not;
flakiness is judged per commit; rerun counts and retry masking follow from the failure rate."""

from __future__ import annotations

from pathlib import Path

import pytest

from examples.testing.flaky_tests.export import Exporter
from examples.testing.flaky_tests.history import Result, Verdict, chance_the_run_is_green, classify, reruns_to_reveal
from exercises.testing.suite_runner import Variant, run_suite

SUITES = Path(__file__).resolve().parent / "suites"


def slow_machine(seconds: float) -> Variant:
    """Amplify the delay instead of waiting for the flake: the standard way to make a timing bug reproducible."""
    return Variant(f"exports take {seconds} s", ((Exporter, "work_seconds", seconds),))


def test_the_sleeping_test_fails_deterministically_on_a_slow_machine(pytester: pytest.Pytester) -> None:
    run = run_suite(pytester, SUITES / "sleeping.py", slow_machine(0.3))
    assert run.red and "done:42" in run.failed[0]


def test_the_waiting_test_passes_fast_and_slow(pytester: pytest.Pytester) -> None:
    assert run_suite(pytester, SUITES / "waiting.py", slow_machine(0.0)).green
    assert run_suite(pytester, SUITES / "waiting.py", slow_machine(0.3)).green


def test_flaky_means_both_outcomes_on_one_commit() -> None:
    history = [
        Result("test_export", "a1", True),
        Result("test_export", "a1", False),  # same code, different verdict
        Result("test_login", "a1", True),
        Result("test_login", "b2", False),  # the code changed: a regression, not a flake
        Result("test_login", "b2", False),
        Result("test_search", "a1", False),
        Result("test_search", "b2", True),  # fixed by b2
    ]
    assert classify(history) == {
        "test_export": Verdict.FLAKY,
        "test_login": Verdict.BROKEN,
        "test_search": Verdict.STABLE,
    }


def test_rerun_counts() -> None:
    assert reruns_to_reveal(0.01) == 299
    assert reruns_to_reveal(0.10) == 29
    assert reruns_to_reveal(0.50) == 5


def test_retries_hide_flakes() -> None:
    # A test that fails 5% of runs, retried twice: the run goes red only if all three attempts fail.
    assert chance_the_run_is_green(0.05, 3) == pytest.approx(0.999875)
    assert chance_the_run_is_green(0.05, 1) == pytest.approx(0.95)
