"""A reference solution: the test list for the ms unit, as tests, written before the code.

Each group answers one question on the list: does the new unit parse, alone and combined; is it matched before
m; do the old rules (largest first, once each) cover it; is the arithmetic exact; do the old units still scale.
"""

from __future__ import annotations

import pytest

from exercises.testing.test_driven_development.millis_test_list.duration import parse_duration_ms


@pytest.mark.parametrize(
    ("text", "expected"),
    [("45s", 45_000), ("2m", 120_000), ("1h30m", 5_400_000), (" 1H ", 3_600_000), ("1d", 86_400_000)],
)
def test_whole_units_in_milliseconds(text: str, expected: int) -> None:
    assert parse_duration_ms(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("250ms", 250),
        ("0ms", 0),
        ("1s250ms", 1250),
        ("2m500ms", 120_500),  # m then ms: the pattern must not read "ms" as "m" plus a stray "s"
        (" 1S5MS ", 1005),
        ("1d1h1m1s1ms", 90_061_001),
    ],
)
def test_milliseconds_parse_alone_and_after_larger_units(text: str, expected: int) -> None:
    assert parse_duration_ms(text) == expected


@pytest.mark.parametrize("seconds", range(1, 5))
@pytest.mark.parametrize("millis", [1, 3, 7, 9, 99, 999])
def test_the_arithmetic_is_exact_integer_milliseconds(seconds: int, millis: int) -> None:
    # 1.001 s in float arithmetic is 1000.9999999999999 ms: integers all the way, and a sweep to prove it.
    assert parse_duration_ms(f"{seconds}s{millis}ms") == seconds * 1000 + millis


@pytest.mark.parametrize(
    "bad", ["", "90", "1x", "1h 30m", "-5m", "30m1h", "1m1m", "250ms1s", "1ms1ms", "5ms1m", "1 ms"]
)
def test_malformed_input_is_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_duration_ms(bad)
