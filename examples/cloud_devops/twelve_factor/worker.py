"""A twelve-factor worker process: config from the environment, logs as JSON lines on stdout, and
disposable - on SIGTERM it finishes the job in hand, starts no new one, and exits 0.

Jobs arrive one per line on stdin, standing in for a queue. Run it with
`DATABASE_URL=postgresql://db/app python -m examples.cloud_devops.twelve_factor.worker`.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Iterable
from types import FrameType
from typing import Any

from examples.cloud_devops.twelve_factor.settings import ConfigError, load_settings

EXIT_CONFIG = 78  # EX_CONFIG from sysexits.h: the process cannot run with this configuration


# --8<-- [start:log]
def log(event: str, **fields: Any) -> None:
    """One JSON object per line on stdout; the platform, not the app, routes and stores the stream."""
    print(json.dumps({"ts": round(time.time(), 3), "event": event, **fields}), flush=True)


# --8<-- [end:log]


# --8<-- [start:disposable]
class Worker:
    def __init__(self, job_seconds: float) -> None:
        self.job_seconds = job_seconds
        self.stop_signal: str | None = None
        self.done = 0

    def request_stop(self, signum: int, frame: FrameType | None) -> None:
        # Only record the request. The handler runs between two bytecodes of the main thread, maybe in the
        # middle of a print(); doing I/O here can fail with a reentrant call. The loop stops between jobs.
        self.stop_signal = signal.Signals(signum).name

    def run(self, jobs: Iterable[str]) -> None:
        signal.signal(signal.SIGTERM, self.request_stop)
        signal.signal(signal.SIGINT, self.request_stop)
        inbox = feed(jobs)
        log("ready", pid=os.getpid())
        while self.stop_signal is None:
            try:
                job = inbox.get(timeout=0.1)  # wake up often enough to notice a stop request
            except queue.Empty:
                continue
            if job is None:  # the source is exhausted
                break
            self.process(job)
        log("stopped", jobs_done=self.done, signal=self.stop_signal)

    def process(self, job: str) -> None:
        log("job_started", job=job)
        time.sleep(self.job_seconds)  # the work; a SIGTERM arriving now waits for it to finish
        self.done += 1
        log("job_finished", job=job)


# --8<-- [end:disposable]


def feed(jobs: Iterable[str]) -> queue.Queue[str | None]:
    """Read jobs on a background thread, so the main loop never blocks where it cannot see the stop flag."""
    inbox: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for job in jobs:
            inbox.put(job.strip())
        inbox.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return inbox


def main() -> int:
    try:
        settings = load_settings(os.environ)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return EXIT_CONFIG
    Worker(settings.job_seconds).run(sys.stdin)
    return 0


if __name__ == "__main__":
    sys.exit(main())
