"""Exercise: write the red tests for sub-second timeouts before anyone writes the code.

Symptom: operators want `retry_after = "1s250ms"`, and today the service refuses to start with "not a
duration". The feature is next sprint's; your job now is the red step of TDD: the test list, as tests.

Diagnose: run the check (`make exercise ID=testing/test_driven_development/millis_test_list`). The tests
below pass on today's parser, so they specify nothing new. Fix: add tests for the `ms` unit as duration.py
describes it. Verify: the check runs your tests against today's parser (they must fail there: that is the
red step), against a correct implementation (they must pass) and against plausible wrong implementations
(each must fail at least one test). Run just this file with `pytest <path of this file>`.
"""

from __future__ import annotations

import pytest

from exercises.testing.test_driven_development.millis_test_list.duration import parse_duration_ms


@pytest.mark.parametrize(
    ("text", "expected"),
    [("45s", 45_000), ("2m", 120_000), ("1h30m", 5_400_000), (" 1H ", 3_600_000)],
)
def test_whole_units_in_milliseconds(text: str, expected: int) -> None:
    assert parse_duration_ms(text) == expected


@pytest.mark.parametrize("bad", ["", "90", "1x", "1h 30m", "-5m", "30m1h", "1m1m"])
def test_malformed_input_is_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_duration_ms(bad)
