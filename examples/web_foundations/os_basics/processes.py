"""Start child processes, stop them with signals, and read their exit status."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

WORKER = Path(__file__).with_name("worker.py")


# --8<-- [start:run]
def exit_status(code: str) -> int:
    """Run a tiny Python program in a new process and return its exit status."""
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    return completed.returncode


# --8<-- [end:run]


# --8<-- [start:stop]
def start_worker(*, handle_sigterm: bool = True) -> subprocess.Popen[str]:
    if handle_sigterm:
        command = [sys.executable, str(WORKER)]
    else:  # a child that keeps the default action for SIGTERM: die at once
        command = [sys.executable, "-c", "import time; print('ready', flush=True); time.sleep(60)"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    if child.stdout.readline().strip() != "ready":  # wait until the child can take a signal
        child.kill()
        raise RuntimeError("the worker did not start")
    return child


def stop(child: subprocess.Popen[str], grace_seconds: float = 5) -> tuple[int, str]:
    """Send SIGTERM, wait for a clean exit, and only if that times out, SIGKILL."""
    child.send_signal(signal.SIGTERM)  # the same as child.terminate() on POSIX systems
    try:
        output, _ = child.communicate(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        child.kill()  # SIGKILL cannot be caught: the process gets no chance to clean up
        output, _ = child.communicate()
    return child.returncode, output


# --8<-- [end:stop]
