"""A report export that runs in a background thread, like a job handed to a worker pool."""

from __future__ import annotations

import threading
import time


class Exporter:
    work_seconds = 0.01  # how long an export takes here; on a loaded CI machine, much longer

    def __init__(self) -> None:
        self.status = "queued"
        self.finished = threading.Event()  # set when the export is done: something a test can wait for

    def start(self, report_id: int) -> threading.Thread:
        thread = threading.Thread(target=self._run, args=(report_id,), daemon=True)
        thread.start()
        return thread

    def _run(self, report_id: int) -> None:
        time.sleep(self.work_seconds)  # stands in for queries and file writes
        self.status = f"done:{report_id}"
        self.finished.set()
