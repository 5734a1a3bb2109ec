"""Acceptance check: the listener on a port is found by what the kernel knows (its socket), not by its command
line: a decoy that mentions the port is not named, a server started on a port picked at run time is found, and a
free port gives None. Linux only: it reads /proc."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from exercises import load_module

pytestmark = pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's /proc")

SERVER = """
import socket, sys, time
family = socket.AF_INET6 if sys.argv[1] == "6" else socket.AF_INET
with socket.create_server(("::1" if sys.argv[1] == "6" else "127.0.0.1", 0), family=family) as s:
    print(s.getsockname()[1], flush=True)
    time.sleep(60)
"""


@contextmanager
def child(*args: str) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, text=True)  # noqa: S603
    try:
        yield process
    finally:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def server(family: str = "4") -> Iterator[tuple[int, int]]:
    with child("-c", SERVER, family) as process:
        assert process.stdout is not None
        yield process.pid, int(process.stdout.readline())


def test_the_listener_is_found_by_its_socket(answer: Path) -> None:
    with server() as (pid, port):
        found = load_module(answer).port_holder(port)
        assert found == pid, f"port {port} is held by PID {pid}, not {found}; its command line never names the port"


def test_a_process_that_only_mentions_the_port_is_not_named(answer: Path) -> None:
    with server() as (pid, port), child("-c", "import time; time.sleep(60)", f"access-{port}.log") as decoy:
        found = load_module(answer).port_holder(port)
        assert found != decoy.pid, "the decoy only has the port in its arguments; killing it frees nothing"
        assert found == pid


def test_an_ipv6_listener_is_found(answer: Path) -> None:
    with server("6") as (pid, port):
        assert load_module(answer).port_holder(port) == pid


@pytest.mark.starter_passes
def test_a_free_port_has_no_holder(answer: Path) -> None:
    with server() as (_, port):
        pass  # the server has exited: nothing listens on its port any more
    assert load_module(answer).port_holder(port) is None
