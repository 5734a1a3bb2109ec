"""Acceptance check: a worker stuck in a long job, or one that ignores SIGTERM, is killed with SIGKILL once the
grace period is over (return code -9, no "finished cleanly"), and stop() returns soon after; a well-behaved
worker still finishes cleanly with 0. Every wait in the check has its own deadline, so a stop() that never
returns fails the check instead of hanging it."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from exercises import load_module

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

WORKER = """
import signal, sys, time
stopping = False
def ask_to_stop(signum, frame):
    global stopping
    stopping = True
signal.signal(signal.SIGTERM, {handler})
jobs = 0
while not stopping:
    if jobs == 0:
        print("ready", flush=True)  # printed inside the first job, so a stop request always finds one running
    time.sleep({job_seconds})  # one job: a stop request is only looked at between jobs
    jobs += 1
print(f"finished cleanly after {{jobs}} jobs", flush=True)
"""


def start(job_seconds: float, handler: str = "ask_to_stop") -> subprocess.Popen[str]:
    code = WORKER.format(job_seconds=job_seconds, handler=handler)
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)  # noqa: S603
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def stop_with_deadline(answer: Path, child: subprocess.Popen[str], grace: float) -> tuple[int, str, float]:
    """Run the answer's stop() in a thread; if it has not returned within 6 s, fail (and clean up)."""
    result: dict[str, object] = {}
    started = time.monotonic()
    thread = threading.Thread(target=lambda: result.update(value=load_module(answer).stop(child, grace)))
    thread.start()
    thread.join(timeout=6)
    if thread.is_alive():
        child.kill()
        thread.join(timeout=10)
        pytest.fail(f"stop(grace_seconds={grace}) was still waiting after 6 s: the deploy hangs")
    code, output = result["value"]  # type: ignore[misc]
    return code, output, time.monotonic() - started


def test_a_stuck_job_is_killed_after_the_grace_period(answer: Path) -> None:
    child = start(job_seconds=60)
    code, output, took = stop_with_deadline(answer, child, grace=0.5)
    assert code == -signal.SIGKILL, f"return code {code}: the worker must be killed once the grace period is over"
    assert "finished cleanly" not in output
    assert took < 5


def test_a_worker_that_ignores_sigterm_is_killed_too(answer: Path) -> None:
    child = start(job_seconds=0.01, handler="signal.SIG_IGN")
    code, _, took = stop_with_deadline(answer, child, grace=0.5)
    assert code == -signal.SIGKILL
    assert took < 5


@pytest.mark.starter_passes
def test_a_worker_that_stops_in_time_finishes_cleanly(answer: Path) -> None:
    child = start(job_seconds=0.05)
    code, output, _ = stop_with_deadline(answer, child, grace=5)
    assert code == 0
    assert output.startswith("finished cleanly after ")
