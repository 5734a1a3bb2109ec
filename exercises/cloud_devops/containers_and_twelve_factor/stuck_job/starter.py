"""The thumbnail worker: takes jobs from stdin (standing in for a queue) and logs JSON lines to stdout.

On SIGTERM it finishes the job in hand, starts no new one, and exits 0. Run it with
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
            if job:
                self.process(job)
        log("stopped", signal=self.stop_signal)
        return 0

    def process(self, job: str) -> None:
        log("job_started", job=job)
        time.sleep(self.job_seconds)  # resizing; a very large image takes minutes
        log("job_finished", job=job)


if __name__ == "__main__":
    sys.exit(Worker(float(os.environ.get("JOB_SECONDS", "0.5"))).run())
