"""Acceptance check: `diagnose` names the right cause for each recorded `kubectl describe pod`."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module

RECORDED = Path(__file__).resolve().parent / "recorded"


def diagnosis(answer: Path, pod: str) -> str:
    module: ModuleType = load_module(answer)
    cause = module.diagnose((RECORDED / f"{pod}.txt").read_text(encoding="utf-8"))
    assert cause in module.CAUSES, f"{pod}: {cause!r} is not one of {sorted(module.CAUSES)}"
    return cause


def test_oom_kill_in_a_crash_loop(answer: Path) -> None:
    got = diagnosis(answer, "deploy-lab-7c9d8f6b5-2xkqp")
    assert got == "oom-killed", (
        f"said {got!r}: CrashLoopBackOff only means the kubelet is waiting before the next restart; the last "
        "termination says why the container died"
    )


def test_liveness_kill_after_the_grace_period(answer: Path) -> None:
    got = diagnosis(answer, "deploy-lab-7c9d8f6b5-h4m9t")
    assert got == "liveness-failed", (
        f"said {got!r}: exit code 137 is any SIGKILL (128 + 9). The reason is Error, not OOMKilled, and the "
        "kubelet's events say why it stopped the container"
    )


def test_a_pod_that_is_running_but_not_ready(answer: Path) -> None:
    got = diagnosis(answer, "deploy-lab-7c9d8f6b5-w2c8v")
    assert got == "not-ready", f"said {got!r}: no restarts, and only the readiness probe fails"


@pytest.mark.starter_passes
def test_a_process_that_exits_at_startup(answer: Path) -> None:
    got = diagnosis(answer, "deploy-lab-5b8f9d7c4-q7zrn")
    assert got == "app-exited", f"said {got!r}: exit code 1 after a second, no probe failures or OOM kill"


@pytest.mark.starter_passes
def test_an_image_that_does_not_exist(answer: Path) -> None:
    assert diagnosis(answer, "deploy-lab-6d4c8b9f7-lx5pd") == "image-pull"


@pytest.mark.starter_passes
def test_a_pod_no_node_can_fit(answer: Path) -> None:
    assert diagnosis(answer, "deploy-lab-6d4c8b9f7-r9kfb") == "unschedulable"


@pytest.mark.starter_passes
def test_an_old_oom_kill_whose_events_have_expired(answer: Path) -> None:
    assert diagnosis(answer, "deploy-lab-7c9d8f6b5-t6n2j") == "oom-killed"
