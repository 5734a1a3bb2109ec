"""Shared test harness: start a server in any language on a free loopback port and check the items contract.

Every implementation in this chapter serves the same tiny API:

- `GET /health` returns `200` and `{"status": "ok"}`.
- `GET /items/{id}` returns `200` and the item as JSON, or `404` with an RFC 9457 problem details body
  (`Content-Type: application/problem+json`) when the id is unknown.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

ITEMS = {1: {"id": 1, "name": "Keyboard", "price_cents": 4999}, 2: {"id": 2, "name": "Mouse", "price_cents": 1999}}


def free_port() -> int:
    """Ask the kernel for a free port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_listening(port: int, process: subprocess.Popen[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"server exited with {process.returncode} before listening:\n{output}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listened on 127.0.0.1:{port} within {timeout} s")


@contextlib.contextmanager
def running_server(command: Sequence[str], port: int, cwd: Path | None = None, timeout: float = 20.0) -> Iterator[str]:
    """Run `command` (which must listen on 127.0.0.1:`port`) and yield its base URL; stop it afterwards."""
    env = dict(os.environ, PORT=str(port))
    process = subprocess.Popen(  # noqa: S603 - the command is built by our own tests, never from input
        list(command), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        _wait_until_listening(port, process, timeout)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        if process.stdout:
            process.stdout.close()


# --8<-- [start:contract]
def check_items_contract(base_url: str, transport: httpx.BaseTransport | None = None) -> None:
    """Assert the behaviour every implementation in the chapter promises, whatever its language."""
    with httpx.Client(base_url=base_url, timeout=5.0, transport=transport) as client:
        health = client.get("/health")
        assert health.status_code == 200, health.text
        assert health.json() == {"status": "ok"}

        for item_id, item in ITEMS.items():
            found = client.get(f"/items/{item_id}")
            assert found.status_code == 200, found.text
            assert found.headers["content-type"].startswith("application/json")
            assert found.json() == item

        missing = client.get("/items/999")
        assert missing.status_code == 404, missing.text
        assert missing.headers["content-type"].startswith("application/problem+json")
        problem = missing.json()
        assert problem["status"] == 404
        assert problem["title"] == "Not Found"
        assert "999" in problem["detail"]


# --8<-- [end:contract]
