"""Acceptance check: the support audit finds every pin that is out of support, about to be, or unknown.

The release data here is written out in the test (shaped like endoflife.date's), so the verdicts do not move
when the repository's own release snapshots are refreshed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module

TODAY = date(2026, 12, 7)


def data(module: ModuleType) -> dict[str, list[object]]:
    """Oldest release first, as a hand-kept spreadsheet lists them: the order must not matter."""
    cycle = module.Cycle
    go = [cycle("1.2", None), cycle("1.25", date(2026, 8, 19)), cycle("1.26", None), cycle("1.27", None)]
    nodejs = [cycle("2", None), cycle("20", date(2026, 4, 30)), cycle("22", date(2027, 4, 30))]
    nodejs += [cycle("24", date(2028, 4, 30)), cycle("26", date(2029, 4, 30))]
    python = [cycle("3.1", None), cycle("3.10", date(2026, 10, 31)), cycle("3.13", date(2029, 10, 31))]
    python += [cycle("3.14", date(2030, 10, 31))]
    php = [cycle("8.2", date(2026, 12, 31)), cycle("8.5", date(2029, 12, 31))]
    return {"go": go, "nodejs": nodejs, "python": python, "php": php}


def findings(answer: Path, pins: dict[str, str]) -> dict[str, tuple[str, date | None]]:
    module = load_module(answer)
    result = module.audit(pins, data(module), TODAY)
    return {finding.product: (finding.status, finding.eol) for finding in result}


@pytest.mark.starter_passes
def test_supported_pins_give_no_findings(answer: Path) -> None:
    assert findings(answer, {"go": "1.27.2", "nodejs": "24.11.0", "python": "3.14.1", "php": "8.5.9"}) == {}


@pytest.mark.parametrize(
    ("product", "version", "expected"),
    [
        ("go", "1.25.1", ("eol", date(2026, 8, 19))),  # not cycle "1.2", which has no end date
        ("python", "3.10.16", ("eol", date(2026, 10, 31))),  # not cycle "3.1"
        ("nodejs", "20.19.4", ("eol", date(2026, 4, 30))),  # not cycle "2"
    ],
)
def test_a_version_belongs_to_its_own_cycle(
    answer: Path, product: str, version: str, expected: tuple[str, date]
) -> None:
    got = findings(answer, {product: version}).get(product)
    assert got == expected, (
        f"{product} {version} gave {got}: match the cycle part by part, as a version string prefix, "
        "'1.25.1' also starts with '1.2'"
    )


def test_an_end_of_life_within_90_days_is_reported_before_it_arrives(answer: Path) -> None:
    got = findings(answer, {"php": "8.2.30", "nodejs": "22.12.0"})
    assert got.get("php") == ("eol-soon", date(2026, 12, 31)), "PHP 8.2's last day is 24 days away"
    assert "nodejs" not in got, "Node.js 22's last day is more than 90 days away"


def test_a_pin_the_data_does_not_know_is_reported(answer: Path) -> None:
    got = findings(answer, {"ruby": "3.1.4", "go": "1.19.8"})
    assert got.get("ruby") == ("unknown", None), "a product missing from the data must not pass silently"
    assert got.get("go") == ("unknown", None), "Go 1.19 is in no listed cycle: report it, do not skip it"
