"""Acceptance check: the learner's tests are red on today's parser, green on a correct millisecond parser, and red
on each plausible wrong one. That is what a good test list does before the code exists."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from exercises.testing.suite_runner import Variant, run_suite, surviving
from exercises.testing.test_driven_development.millis_test_list import duration

MS_UNITS = {"d": 86_400_000, "h": 3_600_000, "m": 60_000, "s": 1000, "ms": 1}


def make_parser(
    *,
    pattern: str = r"([0-9]+)(ms|[dhms])",
    units: dict[str, int] = MS_UNITS,
    checked: Callable[[list[str]], list[str]] = lambda found: found,
    float_seconds: bool = False,
) -> Callable[[str], int]:
    """A millisecond parser; the keyword arguments plant one mistake each."""
    token = re.compile(pattern)

    def parse_duration_ms(text: str) -> int:
        compact = text.strip().lower()
        if not compact:
            raise ValueError("empty duration")
        tokens = token.findall(compact)
        if "".join(number + unit for number, unit in tokens) != compact:
            raise ValueError(f"not a duration: {text!r}")
        order = checked([unit for _, unit in tokens])
        if len(set(order)) != len(order) or order != sorted(order, key=lambda u: -units[u]):
            raise ValueError(f"units must appear once, largest first: {text!r}")
        if float_seconds:  # seconds as a float, then converted: 1.001 * 1000 is 1000.9999999999999
            seconds = sum(int(number) * units[unit] / 1000 for number, unit in tokens)
            return int(seconds * 1000)
        return sum(int(number) * units[unit] for number, unit in tokens)

    return parse_duration_ms


def without_ms(found: list[str]) -> list[str]:
    return [unit for unit in found if unit != "ms"]


def first_ms_only(found: list[str]) -> list[str]:
    return [unit for index, unit in enumerate(found) if unit != "ms" or "ms" not in found[:index]]


def parsing_with(name: str, parser: Callable[[str], int]) -> Variant:
    return Variant.replacing(name, duration, "parse_duration_ms", parser)


CORRECT = parsing_with("a correct implementation", make_parser())
WRONG = [
    parsing_with("ms is tried after m in the pattern", make_parser(pattern=r"([0-9]+)([dhms]|ms)")),
    parsing_with("ms is left out of the largest-first check", make_parser(checked=without_ms)),
    parsing_with("a repeated ms is not noticed", make_parser(checked=first_ms_only)),
    parsing_with(
        "the sum is computed in float seconds, then truncated to milliseconds", make_parser(float_seconds=True)
    ),
    parsing_with("days were not converted to milliseconds", make_parser(units={**MS_UNITS, "d": 86_400})),
]


def test_the_new_tests_are_red_on_todays_parser(answer: Path, pytester: pytest.Pytester) -> None:
    run = run_suite(pytester, answer)
    assert run.red, (
        "every test passes on today's parser, which has no ms unit: a test list for the feature must start red"
    )


@pytest.mark.starter_passes
def test_the_tests_pass_on_a_correct_implementation(answer: Path, pytester: pytest.Pytester) -> None:
    run = run_suite(pytester, answer, CORRECT)
    assert run.green, "these tests fail on a correct millisecond parser (see the rules in duration.py): " + (
        "; ".join(run.failed) or "no test ran"
    )


def test_each_wrong_implementation_fails_a_test(answer: Path, pytester: pytest.Pytester) -> None:
    missed = surviving(pytester, answer, WRONG)
    assert not missed, f"{len(missed)} of {len(WRONG)} wrong implementations pass your tests: " + "; ".join(missed)
