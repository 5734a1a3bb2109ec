"""Exercise: the examples are green, and the service cannot read the timeouts the admin tool writes.

Symptom: since release 2.4 added weeks, some services refuse to start after an operator edits a timeout in the
admin tool: "not a duration". Every example test below passes, and each example was checked by hand.

Diagnose: run the check (`make exercise ID=testing/test_driven_development/property_catches`). It runs these
tests against release 2.4 and against other plausible formatter bugs. Fix: state what format_duration and
parse_duration promise each other (duration.py lists it) as properties over generated inputs, with Hypothesis's
@given, and keep the examples. Verify: the suite fails on release 2.4, passes on the corrected parser, and fails
on each formatter bug. Run just this file with `pytest <path of this file>`.
"""

from __future__ import annotations

import pytest

from exercises.testing.test_driven_development.property_catches.duration import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("45s", 45), ("2m", 120), ("1h30m", 5400), (" 1D2H ", 93600)],
)
def test_examples_parse(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("bad", ["", "90", "1x", "1h 30m", "-5m", "30m1h", "1m1m"])
def test_malformed_input_is_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(bad)


@pytest.mark.parametrize(("seconds", "text"), [(45, "45s"), (5400, "1h30m"), (93600, "1d2h")])
def test_examples_format(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text
