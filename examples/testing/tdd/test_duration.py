"""The tests in the order they were written; each one failed before the code that passes it existed."""

from __future__ import annotations

import pytest

from examples.testing.tdd import first_green, second_green
from examples.testing.tdd.duration import parse_duration


# --8<-- [start:cycle1]
# Cycle 1 (red, then green with first_green.py): one unit at a time.
def test_seconds() -> None:
    assert parse_duration("45s") == 45


def test_minutes() -> None:
    assert parse_duration("2m") == 120


# --8<-- [end:cycle1]


# --8<-- [start:cycle2]
# Cycle 2: combinations force a real parser; first_green.py fails this test.
def test_hours_and_minutes() -> None:
    assert parse_duration("1h30m") == 5400


def test_days_and_whitespace_and_case() -> None:
    assert parse_duration(" 1D2H ") == 93600


# --8<-- [end:cycle2]

# --8<-- [start:cycle3]
# Cycle 3: the error cases, written after asking "what should happen with bad input?"
ARABIC_INDIC_THREE, FULLWIDTH_FIVE = "\u0663", "\uff15"  # decimal digits to Unicode, and to \d
MALFORMED = ["", "90", "1x", "h1", "1h 30m", "-5m", "30m1h", "1m1m", ARABIC_INDIC_THREE + "m", FULLWIDTH_FIVE + "s"]


@pytest.mark.parametrize("bad", MALFORMED)
def test_rejects_malformed_input(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(bad)


# --8<-- [end:cycle3]


def test_first_green_passes_cycle_one_but_not_cycle_two() -> None:
    # The simplest code was enough for the first tests, which is why the second cycle needed new tests.
    assert first_green.parse_duration("45s") == 45
    assert first_green.parse_duration("2m") == 120
    with pytest.raises(ValueError):
        first_green.parse_duration("1h30m")  # int("1h30") raises


def test_second_green_passes_cycle_two_and_fails_every_cycle_three_case() -> None:
    assert second_green.parse_duration("1h30m") == 5400
    assert second_green.parse_duration(" 1D2H ") == 93600
    accepted = {bad: second_green.parse_duration(bad) for bad in MALFORMED}  # none of them raises
    assert accepted["1h 30m"] == 5400  # findall skips the space
    assert accepted["-5m"] == 300  # and the minus
    assert accepted["30m1h"] == 5400 and accepted["1m1m"] == 120  # nothing checks order or repetition
    assert accepted["90"] == accepted[""] == 0  # no tokens at all adds up to zero
    assert accepted[ARABIC_INDIC_THREE + "m"] == 180  # \d matched a non-ASCII digit, and int() read it
