"""In CI every skip fails the run, wherever it comes from; every test has a deadline."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

SKIPS = """
import sys
import pytest

def test_runs():
    pass

def test_skips_inside():
    pytest.skip("no widget here")

@pytest.mark.skipif(True, reason="marked away")
def test_skipif():
    pass

@pytest.fixture
def tool():
    pytest.skip("tool missing")

def test_skip_in_a_fixture(tool):
    pass

@pytest.mark.xfail(strict=True, reason="known")
def test_expected_failure():
    assert False
"""

MODULE_SKIP = """
import pytest
pytest.skip("whole module away", allow_module_level=True)

def test_never():
    pass
"""


def run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ci: str | None) -> pytest.RunResult:
    pytester.makepyfile(test_skips=SKIPS, test_module_skip=MODULE_SKIP)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    # Collection errors would stop the session before the other file's tests run: keep going.
    return pytester.runpytest_subprocess(
        "-p", "tests.ci_policy", "-p", "no:cacheprovider", "--continue-on-collection-errors"
    )


def test_in_ci_every_skip_fails_with_its_reason(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(pytester, monkeypatch, "true")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed") == 1
    assert outcomes.get("xfailed") == 1, "an expected failure is an outcome, not a skip"
    assert "skipped" not in outcomes
    assert outcomes.get("failed") == 1, "a skip inside a test fails"
    assert outcomes.get("errors") == 3, "a skip from a mark, a fixture or at module level fails as an error"
    for reason in ("no widget here", "marked away", "tool missing", "whole module away"):
        result.stdout.fnmatch_lines([f"*skipped in CI, where every test must run: {reason}*"])


def test_locally_a_skip_stays_a_skip(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes = run(pytester, monkeypatch, None).parseoutcomes()
    assert outcomes.get("skipped") == 4
    assert "failed" not in outcomes


def test_every_test_has_a_deadline(pytestconfig: pytest.Config) -> None:
    assert float(pytestconfig.getini("timeout")) > 0, "set `timeout` under [tool.pytest.ini_options]"
