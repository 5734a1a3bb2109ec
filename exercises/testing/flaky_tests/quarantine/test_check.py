"""Acceptance check: quarantined tests keep running without failing the build, every entry has an owner, an
issue and an expiry, and an expired quarantine makes the test count again."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from exercises import load_module

SUITE = """
from pathlib import Path

def test_flaky_export():
    (Path(__file__).parent / "ran_flaky_export").write_text("ran")
    assert False, "timed out waiting for the export"

def test_fixed_since():
    pass

def test_checkout():
    pass
"""
TODAY = date(2026, 12, 7)


def entry(expires: str = "2026-12-20", **changes: str) -> dict[str, str]:
    return {"owner": "dana", "issue": "SHOP-812", "expires": expires, **changes}


def run(answer: Path, pytester: pytest.Pytester, entries: dict[str, dict[str, str]]) -> Any:
    pytester.makepyfile(test_suite=SUITE)
    plugin = load_module(answer).Quarantine(entries, today=TODAY)
    return pytester.inline_run("-p", "no:cacheprovider", plugins=[plugin])


def test_a_quarantined_test_runs_but_cannot_fail_the_build(answer: Path, pytester: pytest.Pytester) -> None:
    result = run(answer, pytester, {"test_suite.py::test_flaky_export": entry()})
    assert (pytester.path / "ran_flaky_export").exists(), "the quarantined test was not run: its results are lost"
    assert result.ret == 0, "a quarantined failure failed the build"


def test_a_quarantined_test_that_passes_is_reported(answer: Path, pytester: pytest.Pytester) -> None:
    result = run(answer, pytester, {"test_suite.py::test_fixed_since": entry()})
    reports = [r for r in result.getreports("pytest_runtest_logreport") if r.when == "call"]
    fixed = [r for r in reports if r.nodeid.endswith("test_fixed_since")]
    assert fixed and fixed[0].passed and hasattr(fixed[0], "wasxfail"), "a passing quarantined test must show as XPASS"


def test_an_expired_quarantine_counts_again(answer: Path, pytester: pytest.Pytester) -> None:
    result = run(answer, pytester, {"test_suite.py::test_flaky_export": entry(expires="2026-11-30")})
    assert result.ret == 1, "the quarantine expired a week ago, yet the failing test still cannot fail the build"


@pytest.mark.parametrize("missing", ["owner", "issue", "expires"])
def test_every_entry_needs_an_owner_an_issue_and_an_expiry(answer: Path, missing: str) -> None:
    incomplete = {key: value for key, value in entry().items() if key != missing}
    with pytest.raises(pytest.UsageError, match=missing):
        load_module(answer).Quarantine({"test_suite.py::test_flaky_export": incomplete}, today=TODAY)


@pytest.mark.starter_passes
def test_other_tests_are_untouched(answer: Path, pytester: pytest.Pytester) -> None:
    result = run(answer, pytester, {"test_suite.py::test_flaky_export": entry()})
    passed, _, _ = result.listoutcomes()
    assert any(r.nodeid.endswith("test_checkout") for r in passed)
