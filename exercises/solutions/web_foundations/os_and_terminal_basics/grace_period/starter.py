"""A reference solution: SIGTERM, then at most `grace_seconds` of waiting, then SIGKILL, which no process can
catch or ignore. The output printed before the kill is still returned."""

from __future__ import annotations

import signal
import subprocess


def stop(child: subprocess.Popen[str], grace_seconds: float = 5) -> tuple[int, str]:
    """Ask the child to stop, wait for it, and return its exit status and everything it printed."""
    child.send_signal(signal.SIGTERM)
    try:
        output, _ = child.communicate(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        child.kill()  # SIGKILL: the grace period is over
        output, _ = child.communicate()  # collects what it printed before, and reaps it
    return child.returncode, output
