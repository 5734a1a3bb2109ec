"""Acceptance check: each bug report is reproduced by a test that fails until that report is fixed, the complete
fix passes, and fixes that go too far are caught."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from exercises.testing.suite_runner import Variant, run_suite, surviving
from exercises.testing.test_driven_development.bug_reports_first import duration

SHIPPED = duration.parse_duration
MAX_SECONDS = (2**63 - 1) // 10**9  # 9223372036


def make_parser(
    *,
    zero: Callable[[str], bool] = lambda compact: False,
    too_long: Callable[[list[tuple[str, str]], int], bool] = lambda tokens, total: False,
) -> Callable[[str], int]:
    """The shipped parser with a rule for a bare zero and a rule for what is too long."""

    def parse_duration(text: str) -> int:
        compact = text.strip().lower()
        if zero(compact):
            return 0
        total = SHIPPED(text)
        tokens = duration.TOKEN.findall(compact)
        if too_long(tokens, total):
            raise ValueError(f"longer than {MAX_SECONDS} seconds: {text!r}")
        return total

    return parse_duration


def exactly_zero(compact: str) -> bool:
    return compact == "0"


def over_the_maximum(_tokens: list[tuple[str, str]], total: int) -> bool:
    return total > MAX_SECONDS


def parsing_with(name: str, parser: Callable[[str], int]) -> Variant:
    return Variant.replacing(name, duration, "parse_duration", parser)


ONLY_ZERO_FIXED = parsing_with("report 1 fixed, report 2 open", make_parser(zero=exactly_zero))
ONLY_LIMIT_FIXED = parsing_with("report 2 fixed, report 1 open", make_parser(too_long=over_the_maximum))
BOTH_FIXED = parsing_with("both reports fixed", make_parser(zero=exactly_zero, too_long=over_the_maximum))


def bare_numbers_as_seconds(text: str) -> int:
    compact = text.strip().lower()
    if compact.isascii() and compact.isdigit():
        return int(compact)
    return make_parser(too_long=over_the_maximum)(text)


TOO_FAR = [
    parsing_with("any bare number is read as seconds", bare_numbers_as_seconds),
    parsing_with(
        "any run of zeros counts as zero",
        make_parser(zero=lambda compact: compact != "" and set(compact) == {"0"}, too_long=over_the_maximum),
    ),
    parsing_with(
        "the largest duration that fits is refused too",
        make_parser(zero=exactly_zero, too_long=lambda _tokens, total: total >= MAX_SECONDS),
    ),
    parsing_with(
        "each part is checked against the limit, not the total",
        make_parser(
            zero=exactly_zero,
            too_long=lambda tokens, _total: any(int(n) * duration.UNITS[u] > MAX_SECONDS for n, u in tokens),
        ),
    ),
]


def test_report_1_has_a_failing_test(answer: Path, pytester: pytest.Pytester) -> None:
    run = run_suite(pytester, answer, ONLY_LIMIT_FIXED)
    assert run.red, 'with only report 2 fixed, every test passes: no test reproduces report 1 ("0")'


def test_report_2_has_a_failing_test(answer: Path, pytester: pytest.Pytester) -> None:
    run = run_suite(pytester, answer, ONLY_ZERO_FIXED)
    assert run.red, "with only report 1 fixed, every test passes: no test reproduces report 2 (too long to store)"


@pytest.mark.starter_passes
def test_the_tests_pass_once_both_reports_are_fixed(answer: Path, pytester: pytest.Pytester) -> None:
    run = run_suite(pytester, answer, BOTH_FIXED)
    assert run.green, "these tests fail on the complete fix (see duration.py): " + (
        "; ".join(run.failed) or "no test ran"
    )


def test_fixes_that_go_too_far_fail_a_test(answer: Path, pytester: pytest.Pytester) -> None:
    missed = surviving(pytester, answer, TOO_FAR)
    assert not missed, f"{len(missed)} of {len(TOO_FAR)} over-eager fixes pass your tests: " + "; ".join(missed)
