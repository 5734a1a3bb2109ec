"""Acceptance check: the week-7 update passes the lesson's checks, puts the refund slip under At risk with
Dana and a date, reports the dashboard's numbers, and names Lee for the sign-off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from examples.communication.stakeholder_updates.weekly_update import problems, sections
from exercises import load_module


def update(answer: Path) -> str:
    return load_module(answer).UPDATE


def section(answer: Path, name: str) -> str:
    return sections(update(answer).strip().splitlines()[1:]).get(name, "")


def test_the_update_passes_the_lessons_checks(answer: Path) -> None:
    found = problems(update(answer))
    assert not found, "\n".join(found)


def test_the_refund_slip_is_a_risk_with_its_decision(answer: Path) -> None:
    risk = section(answer, "At risk")
    assert re.search(r"refund", risk, re.I), "the refund slip is this week's news: put it under At risk"
    assert "Dana" in risk and re.search(r"\bTuesday\b", risk), "Dana decides, and the team needs it by Tuesday"
    assert re.search(r"week 9", risk), "say what slips and to when"


def test_the_dashboards_numbers_are_reported(answer: Path) -> None:
    numbers = section(answer, "Numbers")
    for figure in ("0.25%", "250 ms"):
        assert figure in numbers, f"report {figure} from the dashboard"


def test_the_ask_names_lee(answer: Path) -> None:
    assert "Lee" in section(answer, "Need from you")


@pytest.mark.starter_passes
def test_it_is_about_the_checkout_rewrite(answer: Path) -> None:
    assert update(answer).lower().startswith("checkout rewrite")
