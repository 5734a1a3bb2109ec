"""Disposability, tested on a real process: SIGTERM in the middle of a job lets it finish, then exits 0."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from typing import Any

from examples.cloud_devops.twelve_factor.worker import EXIT_CONFIG
from tests.conftest import ROOT

ENV = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "DATABASE_URL": "postgresql://db/app"}


def start(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "examples.cloud_devops.twelve_factor.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def next_event(process: subprocess.Popen[str]) -> dict[str, Any]:
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line, f"worker exited early: {process.stderr.read() if process.stderr else ''}"
    return json.loads(line)


# --8<-- [start:sigterm]
def test_sigterm_lets_the_current_job_finish_and_starts_no_new_one():
    worker = start({**ENV, "JOB_SECONDS": "0.6"})
    try:
        assert next_event(worker)["event"] == "ready"
        assert worker.stdin is not None
        worker.stdin.write("invoice-1\n")
        worker.stdin.flush()
        started = next_event(worker)
        assert (started["event"], started["job"]) == ("job_started", "invoice-1")

        worker.send_signal(signal.SIGTERM)  # mid-job, as a rolling update or scale-down would
        worker.stdin.write("invoice-2\n")  # arrives after the stop request: must not start
        worker.stdin.flush()

        finished, stopped = next_event(worker), next_event(worker)
        assert (finished["event"], finished["job"]) == ("job_finished", "invoice-1")
        assert stopped == {**stopped, "event": "stopped", "jobs_done": 1, "signal": "SIGTERM"}
        assert worker.wait(timeout=5) == 0
    finally:
        worker.kill()
        worker.wait()


# --8<-- [end:sigterm]


def test_an_idle_worker_stops_promptly():
    worker = start(ENV)
    try:
        assert next_event(worker)["event"] == "ready"
        began = time.monotonic()
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=5) == 0
        assert time.monotonic() - began < 2
        assert next_event(worker)["event"] == "stopped"
    finally:
        worker.kill()
        worker.wait()


def test_bad_configuration_stops_the_process_before_it_starts():
    env = {key: value for key, value in ENV.items() if key != "DATABASE_URL"} | {"PORT": "http"}
    worker = start(env)
    stdout, stderr = worker.communicate(timeout=10)
    assert worker.returncode == EXIT_CONFIG
    assert stdout == ""  # no "ready": it never accepted work
    assert "DATABASE_URL is required" in stderr and "PORT must be a whole number" in stderr
