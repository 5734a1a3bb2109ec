"""One service under test: built, started on a free port, restarted, stopped; its output kept for diagnosis."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from capstones.grader.catalog import ROOT
from capstones.grader.ready import wait_until_ready

STOP_TIMEOUT_S = 10


def expand(template: str, values: dict[str, str]) -> str:
    """Fill {placeholders}; an unknown one is an error in capstone.yml, not something to pass through."""
    try:
        return template.format_map(values)
    except KeyError as error:
        raise ValueError(f"unknown placeholder {{{error.args[0]}}} in {template!r}") from error


def base_placeholders() -> dict[str, str]:
    return {
        "python": sys.executable,
        "node": "node",
        "root": str(ROOT),
        "node_bin": str(ROOT / "node_modules" / ".bin"),
    }


class ServiceProcess:
    """A service started from a command line with an environment; `restart` keeps the port and the data."""

    def __init__(self, command: list[str], env: dict[str, str], port: int, ready_path: str) -> None:
        self.command = command
        self.env = {**os.environ, **env}
        self.port = port
        self.ready_path = ready_path
        self.log = Path(tempfile.mkstemp(prefix="capstone-service-", suffix=".log")[1])
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - the command comes from a committed capstone.yml
                self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            wait_until_ready(self.base_url, self.ready_path, timeout_s=30)
        except TimeoutError as error:
            raise RuntimeError(f"{error}\n--- service output ---\n{self.output()}") from error

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # SIGTERM first: a service is expected to shut down cleanly (the restart check relies on it).
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def restart(self) -> None:
        self.stop()
        self.start()

    def output(self, limit: int = 4_000) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return text[-limit:]

    def close(self) -> None:
        self.stop()
        self.log.unlink(missing_ok=True)
