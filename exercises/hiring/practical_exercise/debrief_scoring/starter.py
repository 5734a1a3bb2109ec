"""Exercise (for the hiring team): the scoring sheet that averaged away a security hole.

Symptom: our debrief tool turns the interviewers' scoring sheets into a recommendation. Last quarter it said
"hire" for a candidate whose submission built SQL from user input (both interviewers scored security 1), because
the other criteria pulled the average up to 3.2. It said "no hire" for a candidate on whose tests two
interviewers were three points apart, without anyone discussing why. And it produced a decision from a single
sheet, and from a sheet with scores but no evidence.

Diagnose it with the check (`make exercise ID=hiring/practical_exercise/debrief_scoring`). Then make `decide`
apply the rules the rubric states, in this order: a decision needs at least `MIN_SHEETS` complete sheets (every
criterion scored 1 to 4, with written evidence for each score), or the outcome is "incomplete"; any criterion on
which two interviewers are `DISAGREEMENT` or more points apart goes to the debrief as "discuss" (evidence settles
it, not averaging); otherwise each criterion's score is the mean of the sheets, and the candidate is a "hire"
only if every criterion reaches the level's minimum and the overall mean reaches the level's bar.
"""

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


def decide(sheets: list[Sheet], level: str) -> Decision:
    overall = mean(score for sheet in sheets for score in sheet.scores.values())
    if overall >= BARS[level]["overall"]:
        return Decision("hire", [f"overall mean {overall:.2f}"])
    return Decision("no hire", [f"overall mean {overall:.2f} below {BARS[level]['overall']}"])
