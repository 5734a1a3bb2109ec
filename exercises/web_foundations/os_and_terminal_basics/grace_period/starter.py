"""Exercise: a deploy that hangs for ten minutes.

The deploy tool stops each worker with `stop()` before starting the new version. Symptom: most deploys take
seconds, but now and then one hangs until the CI job's ten-minute timeout, always while a worker is in the
middle of a long import job that ignores the stop request until it is done (or, in one old worker, ignores
SIGTERM altogether).

Diagnose it with the check (`make exercise ID=web_foundations/os_and_terminal_basics/grace_period`), then give
the worker `grace_seconds` to exit after SIGTERM and send SIGKILL when it has not, as Docker and Kubernetes do.
"""

from __future__ import annotations

import signal
import subprocess


def stop(child: subprocess.Popen[str], grace_seconds: float = 5) -> tuple[int, str]:
    """Ask the child to stop, wait for it, and return its exit status and everything it printed."""
    child.send_signal(signal.SIGTERM)
    output, _ = child.communicate()  # a worker that finishes its job and exits is done in a moment
    return child.returncode, output
