"""The tests in the order they were written; each one failed before the code that passes it existed."""

import pytest

from examples.testing.tdd import first_green
from examples.testing.tdd.duration import parse_duration


# --8<-- [start:cycle1]
# Cycle 1 (red, then green with first_green.py): one unit at a time.
def test_seconds():
    assert parse_duration("45s") == 45


def test_minutes():
    assert parse_duration("2m") == 120


# --8<-- [end:cycle1]


# --8<-- [start:cycle2]
# Cycle 2: combinations force a real parser; first_green.py fails this test.
def test_hours_and_minutes():
    assert parse_duration("1h30m") == 5400


def test_days_and_whitespace_and_case():
    assert parse_duration(" 1D2H ") == 93600


# --8<-- [end:cycle2]


# --8<-- [start:cycle3]
# Cycle 3: the error cases, written after asking "what should happen with bad input?"
@pytest.mark.parametrize("bad", ["", "90", "1x", "h1", "1h 30m", "-5m", "30m1h", "1m1m"])
def test_rejects_malformed_input(bad):
    with pytest.raises(ValueError):
        parse_duration(bad)


# --8<-- [end:cycle3]


def test_first_green_passes_cycle_one_but_not_cycle_two():
    # The simplest code was enough for the first tests, which is why the second cycle needed new tests.
    assert first_green.parse_duration("45s") == 45
    assert first_green.parse_duration("2m") == 120
    with pytest.raises(ValueError):
        first_green.parse_duration("1h30m")
