"""A long-running worker that shuts down cleanly on SIGTERM. Run it as a child process."""

from __future__ import annotations

import signal
import sys
import time
from types import FrameType

# --8<-- [start:worker]
stopping = False


def ask_to_stop(signum: int, frame: FrameType | None) -> None:
    """Only set a flag: the main loop finishes its current job and then leaves."""
    global stopping
    stopping = True


def main() -> int:
    signal.signal(signal.SIGTERM, ask_to_stop)
    print("ready", flush=True)  # tell the parent we are up and the handler is installed
    jobs_done = 0
    while not stopping:
        time.sleep(0.01)  # stands in for one unit of real work
        jobs_done += 1
    print(f"finished cleanly after {jobs_done} jobs", flush=True)
    return 0  # exit status 0 means success


# --8<-- [end:worker]

if __name__ == "__main__":
    sys.exit(main())
