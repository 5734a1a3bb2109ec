"""Acceptance check: hashing passwords must not stop the event loop, and the hashes must stay as strong.

The server runs with a small probe preloaded (loop_probe.cjs) that records every stall of its event loop.
While four sign-ups hash, no stall may come close to the time one hash takes on this machine (measured
first), so the verdict does not depend on how fast or how busy the machine is.
"""

from __future__ import annotations

import base64
import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from examples.languages.harness import free_port, running_server
from exercises.languages.toolchains import TypeScriptBuilds, node

PROBE = Path(__file__).with_name("loop_probe.cjs")
CONCURRENT_SIGNUPS = 4


def hash_request(base_url: str, password: str) -> httpx.Response:
    return httpx.post(f"{base_url}/hash", json={"password": password}, timeout=60)


def stalls_between(stalls: Path, start: float, end: float) -> list[float]:
    """Stalls (in seconds) that ended inside [start, end] (seconds since the epoch)."""
    if not stalls.exists():
        return []
    found = []
    for line in stalls.read_text().splitlines():
        ended_ms, stall_ms = (float(field) for field in line.split())
        if start * 1000 <= ended_ms <= end * 1000 + 100:
            found.append(stall_ms / 1000)
    return found


@pytest.mark.starter_passes
def test_hashes_are_pbkdf2_sha256_with_600000_iterations_and_a_fresh_salt(
    answer: Path, typescript_build: TypeScriptBuilds
) -> None:
    port = free_port()
    with running_server([node(), str(typescript_build(answer))], port) as base_url:
        first, second = hash_request(base_url, "correct horse"), hash_request(base_url, "correct horse")
    for response in (first, second):
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["iterations"] >= 600_000, "keep at least 600,000 iterations: a faster hash is a weaker one"
        expected = hashlib.pbkdf2_hmac("sha256", b"correct horse", base64.b64decode(body["salt"]), body["iterations"])
        assert base64.b64decode(body["hash"]) == expected, "the hash must be PBKDF2-HMAC-SHA256 of the password"
    assert first.json()["salt"] != second.json()["salt"], "each password needs a fresh random salt"


def test_the_event_loop_keeps_turning_while_passwords_hash(
    answer: Path, typescript_build: TypeScriptBuilds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stalls = tmp_path / "stalls.txt"
    monkeypatch.setenv("LOOP_PROBE_FILE", str(stalls))  # running_server passes the environment on
    server = [node(), "--require", str(PROBE), str(typescript_build(answer))]
    with running_server(server, free_port()) as base_url:
        hash_request(base_url, "warm-up")  # the first request pays for JIT warm-up
        started = time.perf_counter()
        assert hash_request(base_url, "one alone").status_code == 200
        one_hash = time.perf_counter() - started

        window_start = time.time()
        with ThreadPoolExecutor(CONCURRENT_SIGNUPS) as pool:
            signups = [pool.submit(hash_request, base_url, f"password-{n}") for n in range(CONCURRENT_SIGNUPS)]
            time.sleep(one_hash / 10)  # let the sign-ups reach the server first
            asked = time.perf_counter()
            health = httpx.get(f"{base_url}/health", timeout=60)
            health_wait = time.perf_counter() - asked
            assert all(signup.result().status_code == 200 for signup in signups)
        window_end = time.time()

    assert health.status_code == 200
    worst = max(stalls_between(stalls, window_start, window_end), default=0.0)
    assert worst < one_hash / 2, (
        f"while {CONCURRENT_SIGNUPS} passwords hashed, the event loop stood still for {worst * 1000:.0f} ms at a "
        f"time (one hash takes {one_hash * 1000:.0f} ms) and /health waited {health_wait * 1000:.0f} ms. A "
        "synchronous hash holds the only JavaScript thread, so every other request waits for it: use the "
        "asynchronous pbkdf2, which runs on libuv's thread pool."
    )
