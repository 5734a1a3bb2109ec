"""Acceptance check for the debrief tool: a failing criterion is not averaged away, far-apart scores go to a
discussion, a decision needs enough complete sheets with evidence, and the level decides the floors."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from exercises import load_module

ALL_THREES = {"correctness": 3, "tests": 3, "api_design": 3, "security": 3, "communication": 3}


def sheet(module: ModuleType, interviewer: str, **scores: int) -> Any:
    marks = {**ALL_THREES, **scores}
    return module.Sheet(interviewer, marks, {c: f"{interviewer} noted what they saw for {c}" for c in marks})


def decide(answer: Path, sheets: list[Any] | None = None, level: str = "mid", **scores: int) -> Any:
    module = load_module(answer)
    sheets = sheets if sheets is not None else [sheet(module, "ana", **scores), sheet(module, "ben", **scores)]
    return module.decide(sheets, level)


def test_a_security_failure_is_not_averaged_away(answer: Path) -> None:
    decision = decide(answer, correctness=4, tests=4, api_design=4, security=1, communication=4)
    assert decision.outcome == "no hire", (
        f"security 1 from both interviewers gave {decision.outcome!r} (mean 3.4): every criterion has a floor that "
        "strength elsewhere cannot buy back"
    )
    assert any("security" in reason for reason in decision.reasons), "say which criterion failed"


def test_scores_far_apart_go_to_the_debrief(answer: Path) -> None:
    module = load_module(answer)
    sheets = [sheet(module, "ana", tests=1), sheet(module, "ben", tests=4)]
    decision = module.decide(sheets, "mid")
    assert decision.outcome == "discuss" and decision.to_discuss == ["tests"], (
        f"interviewers 3 points apart on tests gave {decision.outcome!r}: a gap that large means they saw different "
        "things, so the evidence must be compared before anything is decided"
    )


def test_one_sheet_is_not_a_decision(answer: Path) -> None:
    module = load_module(answer)
    decision = module.decide([sheet(module, "ana", correctness=4)], "mid")
    assert decision.outcome == "incomplete", f"one interviewer's sheet gave {decision.outcome!r}"


def test_scores_without_evidence_or_out_of_range_do_not_count(answer: Path) -> None:
    module = load_module(answer)
    no_evidence = sheet(module, "ben")
    no_evidence.evidence["security"] = "  "
    decision = module.decide([sheet(module, "ana"), no_evidence], "mid")
    assert decision.outcome == "incomplete", f"a security score with no evidence gave {decision.outcome!r}"
    assert any("security" in reason for reason in decision.reasons), "say what is missing, and from whom"
    decision = module.decide([sheet(module, "ana"), sheet(module, "ben", tests=5)], "mid")
    assert decision.outcome == "incomplete", "scores run from 1 to 4; a 5 is a typo to fix, not a strong candidate"


def test_the_level_sets_the_floors(answer: Path) -> None:
    scores = {"correctness": 4, "tests": 4, "api_design": 4, "security": 4, "communication": 2}
    assert decide(answer, level="mid", **scores).outcome == "hire"
    senior = decide(answer, level="senior", **scores)
    assert senior.outcome == "no hire", (
        f"a senior whose written note scored 2 on communication gave {senior.outcome!r}: the senior floor is 3"
    )


@pytest.mark.starter_passes
def test_clear_cases_stay_clear(answer: Path) -> None:
    assert decide(answer).outcome == "hire"
    assert decide(answer, **dict.fromkeys(ALL_THREES, 2)).outcome == "no hire"


@pytest.mark.starter_passes
def test_one_point_apart_is_averaged(answer: Path) -> None:
    module = load_module(answer)
    decision = module.decide([sheet(module, "ana", tests=3), sheet(module, "ben", tests=4)], "mid")
    assert decision.outcome == "hire"
