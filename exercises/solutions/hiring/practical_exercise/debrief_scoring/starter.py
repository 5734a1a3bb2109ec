"""A reference solution: complete independent sheets first, disagreements to the debrief, then per-criterion floors."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import mean

CRITERIA = ("correctness", "tests", "api_design", "security", "communication")
MIN_SHEETS = 2
DISAGREEMENT = 2

# Per level: the bar for the overall mean, and the minimum each criterion's mean must reach. Security has the
# same floor at every level: an injectable query is a no-hire whatever else is good.
BARS: dict[str, dict[str, float]] = {
    "junior": {"overall": 2.5, "correctness": 2, "tests": 2, "api_design": 2, "security": 3, "communication": 2},
    "mid": {"overall": 3.0, "correctness": 3, "tests": 3, "api_design": 2, "security": 3, "communication": 2},
    "senior": {"overall": 3.25, "correctness": 3, "tests": 3, "api_design": 3, "security": 3, "communication": 3},
}


@dataclass(frozen=True)
class Sheet:
    interviewer: str
    scores: dict[str, int]  # criterion -> 1..4
    evidence: dict[str, str]  # criterion -> what the interviewer saw


@dataclass(frozen=True)
class Decision:
    outcome: str  # "hire", "no hire", "discuss" or "incomplete"
    reasons: list[str] = field(default_factory=list)  # why, in words a debrief can act on
    to_discuss: list[str] = field(default_factory=list)  # criteria whose scores are too far apart


def missing_parts(sheet: Sheet) -> list[str]:
    """What keeps a sheet from counting: an unscored or out-of-range criterion, or a score without evidence."""
    gaps = []
    for criterion in CRITERIA:
        score = sheet.scores.get(criterion)
        if score not in (1, 2, 3, 4):
            gaps.append(f"{sheet.interviewer}: no score 1-4 for {criterion}")
        elif not sheet.evidence.get(criterion, "").strip():
            gaps.append(f"{sheet.interviewer}: no evidence for {criterion}")
    return gaps


def decide(sheets: list[Sheet], level: str) -> Decision:
    bars = BARS[level]
    gaps = [gap for sheet in sheets for gap in missing_parts(sheet)]
    if len(sheets) < MIN_SHEETS:
        gaps.insert(0, f"{len(sheets)} sheet(s) in; a decision needs {MIN_SHEETS} independent ones")
    if gaps:
        return Decision("incomplete", gaps)
    # Averaging hides a disagreement; the interviewers compare their evidence instead.
    apart = [c for c in CRITERIA if max(s.scores[c] for s in sheets) - min(s.scores[c] for s in sheets) >= DISAGREEMENT]
    if apart:
        return Decision("discuss", [f"scores on {c} are {DISAGREEMENT} or more points apart" for c in apart], apart)
    per_criterion = {c: mean(s.scores[c] for s in sheets) for c in CRITERIA}
    # A floor per criterion: strength elsewhere must not buy back a failing criterion.
    reasons = [
        f"{c} {score:.1f} below the {level} minimum {bars[c]}" for c, score in per_criterion.items() if score < bars[c]
    ]
    overall = mean(per_criterion.values())
    if overall < bars["overall"]:
        reasons.append(f"overall mean {overall:.2f} below the {level} bar {bars['overall']}")
    return Decision("no hire", reasons) if reasons else Decision("hire", [f"overall mean {overall:.2f}"])
