"""Acceptance check: a code-only change leaves the dependency install cached, a dependency change still reinstalls,
and the image still gets both the code and the installed dependencies."""

from __future__ import annotations

from pathlib import Path

import pytest

from examples.cloud_devops.containers.buildcache import Step, rebuilt
from exercises import ROOT
from labs.deploy_lab.checks.dockerlint import lint, parse, stages

LAB = ROOT.parent / "labs" / "deploy_lab"
DOCKERIGNORE = (LAB / ".dockerignore").read_text(encoding="utf-8")
CODE_CHANGES = [{"service/app.py"}, {"service/metrics.py"}, {"service/app.py", "service/metrics.py"}]


def after(answer: Path, changed: set[str]) -> list[Step]:
    return rebuilt(answer.read_text(encoding="utf-8"), changed, DOCKERIGNORE)


def installs(step: Step) -> bool:
    return step.instruction.keyword == "RUN" and "pip install" in step.instruction.args


def final_stage_name(answer: Path) -> str:
    built = stages(parse(answer.read_text(encoding="utf-8")))
    words = built[-1][0].args.split()
    return words[-1] if len(words) >= 3 and words[-2].upper() == "AS" else str(len(built) - 1)


@pytest.mark.parametrize("changed", CODE_CHANGES, ids=lambda c: "+".join(sorted(c)))
def test_a_code_change_does_not_reinstall_dependencies(answer: Path, changed: set[str]) -> None:
    again = [f"line {s.instruction.line}: RUN {s.instruction.args}" for s in after(answer, changed) if installs(s)]
    assert again == [], (
        f"changing {', '.join(sorted(changed))} reruns the dependency install: {again}. Which COPY before it "
        "takes the code along?"
    )


@pytest.mark.starter_passes
def test_a_dependency_change_still_reinstalls(answer: Path) -> None:
    # The laziest fix, installing packages by name without reading requirements.txt, would ship stale pins.
    assert any(
        installs(step) and "requirements.txt" in step.instruction.args for step in after(answer, {"requirements.txt"})
    )


@pytest.mark.starter_passes
def test_the_image_gets_the_new_code_and_the_new_dependencies(answer: Path) -> None:
    final = final_stage_name(answer)
    for changed in ({"service/app.py"}, {"requirements.txt"}):
        assert any(step.stage == final for step in after(answer, changed)), (
            f"a change to {next(iter(changed))} never reaches the final image"
        )


@pytest.mark.starter_passes
def test_the_lab_rules_still_hold(answer: Path) -> None:
    assert lint(answer.read_text(encoding="utf-8")) == []
