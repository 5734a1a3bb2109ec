"""Property-based checks, hand-rolled with a seeded random generator (Hypothesis does this better)."""

import random

import pytest

from examples.testing.tdd.duration import UNITS, format_duration, parse_duration


# --8<-- [start:properties]
@pytest.fixture
def rng() -> random.Random:
    return random.Random(20261125)  # noqa: S311 - test data, not secrets; seeded so failures reproduce


def test_round_trip_for_many_generated_values(rng):
    for seconds in [0, 1, 59, 60, 3599, 86400, *(rng.randrange(0, 10**7) for _ in range(2000))]:
        text = format_duration(seconds)
        assert parse_duration(text) == seconds, text


def test_formatted_output_is_canonical(rng):
    for _ in range(2000):
        text = format_duration(rng.randrange(1, 10**7))
        units = [c for c in text if c in UNITS]
        assert units == sorted(units, key=lambda u: -UNITS[u])  # largest unit first, each at most once
        assert len(set(units)) == len(units)


def test_parse_never_crashes_with_anything_but_value_error(rng):
    alphabet = "0123456789dhms -xH"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 8)))
        try:
            result = parse_duration(text)
        except ValueError:
            continue
        assert result >= 0


# --8<-- [end:properties]


def test_format_rejects_negative():
    with pytest.raises(ValueError):
        format_duration(-1)
