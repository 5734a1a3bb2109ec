"""Acceptance check, on a real process: after SIGTERM a short job still finishes and the worker exits 0; a job
still running 5 seconds later is logged as abandoned and the worker exits non-zero, well before a 30-second
SIGKILL would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest


def start(answer: Path, job_seconds: float) -> subprocess.Popen[str]:
    env = {"PATH": os.environ.get("PATH", ""), "JOB_SECONDS": str(job_seconds)}
    return subprocess.Popen(  # noqa: S603 - the answer file, run as the platform would run it
        [sys.executable, str(answer)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def next_event(worker: subprocess.Popen[str]) -> dict[str, Any]:
    assert worker.stdout is not None
    line = worker.stdout.readline()
    assert line, f"the worker exited early: {worker.stderr.read() if worker.stderr else ''}"
    return json.loads(line)


def terminate_during_a_job(worker: subprocess.Popen[str]) -> float:
    """Wait until the worker is busy, then send SIGTERM; the moment it was sent."""
    assert next_event(worker)["event"] == "ready"
    assert worker.stdin is not None
    worker.stdin.write("resize-42\n")
    worker.stdin.flush()
    assert next_event(worker)["event"] == "job_started"
    worker.send_signal(signal.SIGTERM)
    return time.monotonic()


def finish(worker: subprocess.Popen[str], timeout: float) -> tuple[int | None, list[dict[str, Any]]]:
    try:
        out, _ = worker.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        worker.kill()
        out, _ = worker.communicate()
        return None, [json.loads(line) for line in out.splitlines() if line]
    return worker.returncode, [json.loads(line) for line in out.splitlines() if line]


def test_a_stuck_job_is_abandoned_within_seven_seconds(answer: Path) -> None:
    worker = start(answer, job_seconds=30)
    sent = terminate_during_a_job(worker)
    code, events = finish(worker, timeout=8)
    waited = time.monotonic() - sent
    assert code is not None, "still running 8 s after SIGTERM: the platform will SIGKILL it mid-job"
    assert waited < 7.5, f"exited {waited:.1f} s after SIGTERM"
    assert [e["event"] for e in events] == ["abandoned"], f"log the job as abandoned: {events}"
    assert events[0].get("job") == "resize-42"
    assert code != 0, "exit non-zero, so the job is redelivered instead of acknowledged"


@pytest.mark.starter_passes
def test_a_short_job_still_finishes_and_the_worker_exits_cleanly(answer: Path) -> None:
    worker = start(answer, job_seconds=0.8)
    terminate_during_a_job(worker)
    code, events = finish(worker, timeout=10)
    assert [e["event"] for e in events] == ["job_finished", "stopped"]
    assert code == 0
