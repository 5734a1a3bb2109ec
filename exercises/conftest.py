"""Runs every acceptance check against the starter (it must fail) and the reference solution (it must pass).

`make exercise ID=...` passes `--exercise-answer=starter`: then the check runs once, against the learner's own
copy of the starter, and reports plainly whether it passes.

A check's tests must each fail on the starter, unless marked `@pytest.mark.starter_passes`: a test that guards
behaviour the starter already has (so a fix that breaks it is noticed). Every exercise needs at least one test
that the starter fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises.catalog import exercise_of


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--exercise-answer",
        choices=["starter", "both"],
        default="both",
        help="run exercise checks against the starter only (a learner's run), or against starter and solution",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "starter_passes: this check also passes on the exercise's starter")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "answer" not in metafunc.fixturenames:
        return
    exercise = exercise_of(Path(metafunc.definition.path))
    if exercise is None:
        return
    learner = metafunc.config.getoption("--exercise-answer") == "starter"
    starter_passes = metafunc.definition.get_closest_marker("starter_passes") is not None
    params = [
        pytest.param(
            exercise.starter,
            id="starter",
            marks=()
            if learner or starter_passes
            else pytest.mark.xfail(strict=True, reason="red first: the starter must fail this check"),
        )
    ]
    if not learner:
        params.append(pytest.param(exercise.solution, id="solution"))
    metafunc.parametrize("answer", params)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """An exercise whose every test is marked starter_passes is not red-first: fail it at collection."""
    red: dict[Path, bool] = {}
    for item in items:
        if exercise_of(Path(item.path)) is None:
            continue
        red.setdefault(Path(item.path), False)
        if item.get_closest_marker("starter_passes") is None:
            red[Path(item.path)] = True
    not_red = [str(path) for path, is_red in red.items() if not is_red]
    if not_red:
        raise pytest.UsageError("these exercise checks have no test that the starter fails: " + ", ".join(not_red))
