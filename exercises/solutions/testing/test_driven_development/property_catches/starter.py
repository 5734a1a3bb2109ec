"""A reference solution: the examples stay, and the two promises become properties over generated integers.

No example here mentions weeks, an empty string or "0m": the properties find those cases on their own.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from exercises.testing.test_driven_development.property_catches.duration import (
    UNITS,
    format_duration,
    parse_duration,
)

PARTS = re.compile(r"([0-9]+)([a-z])")


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


@given(st.integers(min_value=0))
@example(0)
def test_what_the_formatter_writes_the_parser_reads_back(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.integers(min_value=0))
@example(0)
def test_the_formatter_writes_canonical_text(seconds: int) -> None:
    text = format_duration(seconds)
    if seconds == 0:
        assert text == "0s"
        return
    parts = PARTS.findall(text)
    assert "".join(count + unit for count, unit in parts) == text  # nothing but <count><unit> parts
    units = [unit for _, unit in parts]
    assert units == sorted(units, key=lambda u: -UNITS[u])  # largest first
    assert len(set(units)) == len(units)  # each at most once
    assert all(int(count) > 0 for count, _ in parts)  # no zero parts
