"""The thumbnail worker: takes jobs from stdin (standing in for a queue) and logs JSON lines to stdout.

On SIGTERM it finishes the job in hand, starts no new one, and exits 0; a job still running 5 seconds after
SIGTERM is abandoned (logged, exit code 75) so that the queue redelivers it before the platform's SIGKILL at
30 seconds. Run it with
`JOB_SECONDS=2 python starter.py`, type a job name, and press Ctrl-C.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import sys
import threading
import time
from types import FrameType
from typing import Any

GIVE_UP_AFTER_SECONDS = 5.0  # well inside Kubernetes' default 30-second grace period
EXIT_TEMPFAIL = 75  # EX_TEMPFAIL from sysexits.h: try again later (the job goes back to the queue)


def log(event: str, **fields: Any) -> None:
    print(json.dumps({"ts": round(time.time(), 3), "event": event, **fields}), flush=True)


class Worker:
    def __init__(self, job_seconds: float) -> None:
        self.job_seconds = job_seconds
        self.stop_signal: str | None = None

    def request_stop(self, signum: int, frame: FrameType | None) -> None:
        self.stop_signal = signal.Signals(signum).name  # only a flag: the loop decides when to stop

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.request_stop)
        inbox: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=lambda: [inbox.put(line.strip()) for line in sys.stdin], daemon=True).start()
        log("ready", pid=os.getpid())
        while self.stop_signal is None:
            try:
                job = inbox.get(timeout=0.1)
            except queue.Empty:
                continue
            if job and not self.process(job):
                log("abandoned", job=job, after_seconds=GIVE_UP_AFTER_SECONDS)
                return EXIT_TEMPFAIL
        log("stopped", signal=self.stop_signal)
        return 0

    def process(self, job: str) -> bool:
        """Run one job; False if it was still running GIVE_UP_AFTER_SECONDS after a stop request."""
        log("job_started", job=job)
        # The work runs in a thread, so the main thread stays free to watch the clock after SIGTERM.
        # A real worker would also stop the work (a cancel flag, or a subprocess it can kill).
        work = threading.Thread(target=time.sleep, args=(self.job_seconds,), daemon=True)
        work.start()
        deadline: float | None = None
        while work.is_alive():
            if self.stop_signal is not None and deadline is None:
                deadline = time.monotonic() + GIVE_UP_AFTER_SECONDS
            if deadline is not None and time.monotonic() >= deadline:
                return False
            work.join(timeout=0.1)
        log("job_finished", job=job)
        return True


if __name__ == "__main__":
    sys.exit(Worker(float(os.environ.get("JOB_SECONDS", "0.5"))).run())
