"""Exercise: two bug reports, and no code changes until each has a failing test.

Report 1 (platform team): "Our services share one config file with the Go sidecar. `timeout = "0"` means no
timeout there, but our service refuses to start: not a duration."
Report 2 (on-call): "Someone typed `request_timeout = "10000000000s"`. The service started fine, then the
scheduler crashed at the first request with OverflowError: it stores timeouts as signed 64-bit nanoseconds."

Diagnose and fix, test first: run the check (`make exercise ID=testing/test_driven_development/bug_reports_first`)
and add regression tests to this file until each report is reproduced by a test that fails on the shipped parser.
duration.py states the rules after the fix, boundaries included. Verify: the check runs your tests against the
shipped parser, against a fix for each report alone (your tests must still fail: the other report is open), against
the complete fix (they must pass) and against fixes that go too far. Run just this file with `pytest <path>`.
"""

from __future__ import annotations

import pytest

from exercises.testing.test_driven_development.bug_reports_first.duration import parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("45s", 45), ("2m", 120), ("1h30m", 5400), (" 1D2H ", 93600)],
)
def test_examples_parse(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("bad", ["", "90", "1x", "h1", "1h 30m", "-5m", "30m1h", "1m1m"])
def test_malformed_input_is_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(bad)
