"""Acceptance check: a rollout that gives each user the same answer in every process, grows without dropping
anyone, honors sub-percent steps, and shuffles users independently per flag."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exercises import ROOT, load_module

USERS = [f"customer-{n}" for n in range(20_000)]
REPO = ROOT.parent


def cohort(answer: Path, flag: str, percent: float) -> set[str]:
    module = load_module(answer)
    return {user for user in USERS if module.in_rollout(flag, user, percent)}


def answers_in_a_fresh_process(answer: Path, seed: str) -> list[bool]:
    """What another replica (a new interpreter, with its own hash seed) answers for the first 300 users."""
    code = (
        "import json, sys; from exercises import load_module; from pathlib import Path;"
        "m = load_module(Path(sys.argv[1]));"
        "print(json.dumps([m.in_rollout('new-checkout', f'customer-{n}', 50) for n in range(300)]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    command = [sys.executable, "-c", code, str(answer)]  # our interpreter, the learner's own file
    run = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True, timeout=60)  # noqa: S603
    return json.loads(run.stdout)


def test_every_replica_gives_a_user_the_same_answer(answer: Path) -> None:
    first, second = answers_in_a_fresh_process(answer, "1"), answers_in_a_fresh_process(answer, "2")
    flipped = sum(a != b for a, b in zip(first, second, strict=True))
    assert flipped == 0, f"{flipped} of 300 users get a different checkout from two replicas (hash seeds 1 and 2)"


@pytest.mark.starter_passes
@pytest.mark.parametrize("percent", [10, 50])
def test_about_the_configured_share_is_in(answer: Path, percent: float) -> None:
    share = len(cohort(answer, "new-checkout", percent)) / len(USERS)
    assert abs(share - percent / 100) < 0.012, f"{percent}% configured, {share:.1%} served"


def test_a_half_percent_first_step_serves_about_half_a_percent(answer: Path) -> None:
    share = len(cohort(answer, "new-checkout", 0.5)) / len(USERS)
    assert 0.003 < share < 0.007, f"0.5% configured, {share:.2%} served"


@pytest.mark.starter_passes
def test_raising_the_percentage_never_drops_anyone(answer: Path) -> None:
    steps = [cohort(answer, "new-checkout", p) for p in (0.5, 5, 25, 50, 100)]
    for smaller, larger in itertools.pairwise(steps):
        dropped = smaller - larger
        assert not dropped, f"{len(dropped)} users lost the new checkout when the rollout grew"
    assert steps[-1] == set(USERS) and not cohort(answer, "new-checkout", 0)


def test_each_flag_gets_its_own_shuffle(answer: Path) -> None:
    search, checkout = cohort(answer, "new-search", 10), cohort(answer, "new-checkout", 10)
    overlap = len(search & checkout) / max(len(search), 1)
    assert overlap < 0.2, (
        f"{overlap:.0%} of new-search's users are also in new-checkout: the same users get every experiment"
    )
