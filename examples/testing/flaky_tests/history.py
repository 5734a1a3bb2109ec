"""Finding flaky tests in CI history, and deciding how many reruns it takes to trust a verdict."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Result:
    test: str
    commit: str
    passed: bool


class Verdict(Enum):
    STABLE = "stable"
    FLAKY = "flaky"  # passed and failed on the same code
    BROKEN = "broken"  # fails every run on the newest commit it ran on


# --8<-- [start:classify]
def classify(results: Iterable[Result]) -> dict[str, Verdict]:
    """A test is flaky when the same commit saw it both pass and fail: the code did not change, the verdict did.
    Failing on one commit and passing on another is not evidence of flakiness: the code changed in between."""
    outcomes: dict[str, dict[str, set[bool]]] = defaultdict(lambda: defaultdict(set))
    last_commit: dict[str, str] = {}
    for result in results:  # in the order the runs happened
        outcomes[result.test][result.commit].add(result.passed)
        last_commit[result.test] = result.commit
    verdicts = {}
    for test, by_commit in outcomes.items():
        if any(seen == {True, False} for seen in by_commit.values()):
            verdicts[test] = Verdict.FLAKY
        elif by_commit[last_commit[test]] == {False}:
            verdicts[test] = Verdict.BROKEN
        else:
            verdicts[test] = Verdict.STABLE
    return verdicts


# --8<-- [end:classify]


# --8<-- [start:reruns]
def reruns_to_reveal(failure_rate: float, confidence: float = 0.95) -> int:
    """How many runs make at least one failure likely (with `confidence`) for a test that fails at `failure_rate`.
    A test that fails 1 run in 100 needs about 300 runs before "it passed every time" means much."""
    return math.ceil(math.log(1 - confidence) / math.log(1 - failure_rate))


def chance_the_run_is_green(failure_rate: float, attempts: int) -> float:
    """With automatic retries, a run fails only if every attempt fails: retries hide almost every flake, and with
    it almost every intermittent bug in the product."""
    return 1 - failure_rate**attempts


# --8<-- [end:reruns]
