"""A reference solution: one regression test per report, each written to fail on the shipped parser, with the
boundaries of the new rules pinned so that a fix cannot overshoot."""

from __future__ import annotations

import pytest

from exercises.testing.test_driven_development.bug_reports_first.duration import parse_duration

LARGEST = (2**63 - 1) // 10**9  # 9223372036 seconds: the most nanoseconds a signed 64-bit int holds


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


# Report 1: a bare "0" is zero, as in the Go sidecar. Only "0": other bare numbers stay errors.
@pytest.mark.parametrize("text", ["0", " 0 "])
def test_report_1_a_bare_zero_is_zero(text: str) -> None:
    assert parse_duration(text) == 0


@pytest.mark.parametrize("bad", ["00", "01", "5", "0 0"])
def test_report_1_other_bare_numbers_are_still_errors(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(bad)


# Report 2: a duration must fit in signed 64-bit nanoseconds.
@pytest.mark.parametrize("text", ["10000000000s", f"{LARGEST + 1}s", "106752d", "106751d23h47m17s"])
def test_report_2_too_long_to_store_is_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(("text", "seconds"), [(f"{LARGEST}s", LARGEST), ("106751d23h47m16s", LARGEST)])
def test_report_2_the_longest_duration_that_fits_is_accepted(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds
