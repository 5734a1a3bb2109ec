"""Waiting for a service to answer, after it starts and after a restart."""

from __future__ import annotations

import time

import httpx

READY_TIMEOUT_S = 60.0


def wait_until_ready(base_url: str, path: str, *, timeout_s: float = READY_TIMEOUT_S) -> None:
    """Poll `path` until it answers 200; raise TimeoutError with the last thing seen otherwise."""
    deadline = time.monotonic() + timeout_s
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            response = httpx.get(base_url.rstrip("/") + path, timeout=2.0)
            if response.status_code == 200:
                return
            last = f"status {response.status_code}"
        except httpx.HTTPError as error:
            last = f"{type(error).__name__}"
        time.sleep(0.1)
    raise TimeoutError(f"{base_url}{path} did not answer 200 within {timeout_s:.0f} s (last: {last})")
