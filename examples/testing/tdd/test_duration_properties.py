"""Properties of the duration parser and formatter, checked on inputs Hypothesis generates."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, find, given, settings
from hypothesis import strategies as st

from examples.testing.tdd.duration import UNITS, format_duration, parse_duration

# Derandomized: the same examples on every run, so CI and a laptop agree (it also turns off the example
# database). Drop it locally to let each run explore new inputs.
PROPERTY = settings(derandomize=True, max_examples=500)
PARTS = re.compile(r"([0-9]+)([dhms])")


# --8<-- [start:properties]
@PROPERTY
@given(st.integers(min_value=0))
@example(0)  # always tried: "0s" is the one output with a zero count
def test_formatting_then_parsing_returns_the_number(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@PROPERTY
@given(st.integers(min_value=1))
def test_formatted_output_is_canonical(seconds: int) -> None:
    parts = PARTS.findall(format_duration(seconds))
    units = [unit for _, unit in parts]
    assert units == sorted(units, key=lambda u: -UNITS[u])  # largest unit first
    assert len(set(units)) == len(units)  # each unit at most once
    assert all(int(count) > 0 for count, _ in parts)  # no "0m" in the middle


@PROPERTY
@given(st.text(alphabet="0123456789dhmsDHMS -x\u0663", max_size=12) | st.text())
def test_parsing_returns_a_non_negative_number_or_raises_value_error(text: str) -> None:
    try:
        result = parse_duration(text)
    except ValueError:
        return
    assert result >= 0


# --8<-- [end:properties]


# --8<-- [start:shrinking]
def format_forgetting_days(seconds: int) -> str:
    """A formatter with a bug: it drops whole days (seconds % 86400), so 90000 seconds becomes "1h"."""
    return format_duration(seconds % 86400)


def test_hypothesis_shrinks_a_failure_to_the_smallest_input() -> None:
    smallest = find(
        st.integers(min_value=0),
        lambda seconds: parse_duration(format_forgetting_days(seconds)) != seconds,
        settings=settings(derandomize=True),
    )
    assert smallest == 86400  # exactly one day, however large the first failing value was


# --8<-- [end:shrinking]


def test_format_rejects_negative() -> None:
    with pytest.raises(ValueError):
        format_duration(-1)
