"""Acceptance check: the learner's properties catch the release 2.4 bug and the formatter bugs that examples miss,
and stay green on a correct pair."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from exercises.testing.suite_runner import Variant, run_suite, surviving
from exercises.testing.test_driven_development.property_catches import duration

UNITS = duration.UNITS
FIXED_TOKEN = re.compile(r"([0-9]+)([wdhms])")


def fixed_parse(text: str) -> int:
    """Release 2.4 with weeks in the pattern as well as in the table."""
    compact = text.strip().lower()
    if not compact:
        raise ValueError("empty duration")
    tokens = FIXED_TOKEN.findall(compact)
    if "".join(number + unit for number, unit in tokens) != compact:
        raise ValueError(f"not a duration: {text!r}")
    units = [unit for _, unit in tokens]
    if len(set(units)) != len(units) or units != sorted(units, key=lambda u: -UNITS[u]):
        raise ValueError(f"units must appear once, largest first: {text!r}")
    return sum(int(number) * UNITS[unit] for number, unit in tokens)


def counts(seconds: int) -> list[tuple[int, str]]:
    found = []
    for unit, size in UNITS.items():
        count, seconds = divmod(seconds, size)
        found.append((count, unit))
    return found


def zero_as_empty(seconds: int) -> str:
    """Forgets the special case: zero formats as the empty string."""
    if seconds < 0:
        raise ValueError("durations are not negative")
    return "".join(f"{count}{unit}" for count, unit in counts(seconds) if count)


def zeros_in_the_middle(seconds: int) -> str:
    """Fixed-width between the first and last non-zero part: 3605 becomes "1h0m5s"."""
    if seconds < 0:
        raise ValueError("durations are not negative")
    if seconds == 0:
        return "0s"
    parts = counts(seconds)
    nonzero = [index for index, (count, _) in enumerate(parts) if count]
    return "".join(f"{count}{unit}" for count, unit in parts[nonzero[0] : nonzero[-1] + 1])


def seconds_hidden_past_an_hour(seconds: int) -> str:
    """The dashboard's formatter, reused for storage: it hides seconds once there are hours."""
    if seconds < 0:
        raise ValueError("durations are not negative")
    if seconds == 0:
        return "0s"
    parts = [(count, unit) for count, unit in counts(seconds) if count]
    if seconds >= 3600:
        parts = [(count, unit) for count, unit in parts if unit != "s"]
    return "".join(f"{count}{unit}" for count, unit in parts)


def with_fixed_parser(name: str, *format_patch: object) -> Variant:
    patches = ((duration, "parse_duration", fixed_parse),)
    if format_patch:
        patches += ((duration, "format_duration", format_patch[0]),)
    return Variant(name, patches)


CORRECT = with_fixed_parser("release 2.4 with weeks in the parser's pattern")
FORMATTER_BUGS = [
    with_fixed_parser("zero formats as an empty string", zero_as_empty),
    with_fixed_parser("zero parts appear between non-zero ones", zeros_in_the_middle),
    with_fixed_parser("seconds are dropped once a duration reaches an hour", seconds_hidden_past_an_hour),
]


def uses_given(source: str) -> bool:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                if name == "given":
                    return True
    return False


def test_the_suite_catches_release_2_4(answer: Path, pytester: pytest.Pytester) -> None:
    run = run_suite(pytester, answer)
    assert run.red, "your tests pass on release 2.4, whose parser cannot read the weeks its formatter writes"


@pytest.mark.starter_passes
def test_the_suite_passes_on_a_correct_pair(answer: Path, pytester: pytest.Pytester) -> None:
    run = run_suite(pytester, answer, CORRECT)
    assert run.green, "these tests fail on a correct parser and formatter: " + ("; ".join(run.failed) or "no test ran")


def test_the_suite_catches_each_formatter_bug(answer: Path, pytester: pytest.Pytester) -> None:
    missed = surviving(pytester, answer, FORMATTER_BUGS)
    assert not missed, f"{len(missed)} of {len(FORMATTER_BUGS)} formatter bugs pass your tests: " + "; ".join(missed)


def test_the_promises_are_checked_on_generated_inputs(answer: Path) -> None:
    assert uses_given(answer.read_text(encoding="utf-8")), (
        "state at least one promise as a property: a test decorated with hypothesis.given"
    )
