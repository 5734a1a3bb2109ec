"""The Go version: gofmt-clean, vetted, unit-tested with `go test`, built, run and probed over loopback."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from examples.languages.harness import check_items_contract, free_port, running_server
from tests.conftest import require_tool

HERE = Path(__file__).parent


def _go(*args: str, cwd: Path = HERE) -> subprocess.CompletedProcess[str]:
    go = require_tool(shutil.which("go"), "Go toolchain (golang-go)")
    env = dict(os.environ, GOTOOLCHAIN="local", GOFLAGS="-mod=mod")  # never download a toolchain
    return subprocess.run([go, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603


@pytest.fixture(scope="module")
def binary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("go-bin") / "items"
    result = _go("build", "-o", str(out), ".")
    assert result.returncode == 0, result.stderr
    return out


def test_gofmt_reports_nothing() -> None:
    gofmt = require_tool(shutil.which("gofmt"), "gofmt (golang-go)")
    result = subprocess.run([gofmt, "-l", "."], cwd=HERE, capture_output=True, text=True, check=True)  # noqa: S603
    assert result.stdout == ""


def test_go_vet_and_unit_tests_pass() -> None:
    vet = _go("vet", "./...")
    assert vet.returncode == 0, vet.stderr
    unit = _go("test", "-count=1", "./...")
    assert unit.returncode == 0, unit.stdout + unit.stderr


def test_go_server_meets_the_contract(binary: Path) -> None:
    port = free_port()
    with running_server([str(binary)], port) as base_url:
        check_items_contract(base_url)


def test_a_client_that_never_finishes_its_headers_is_cut_off(binary: Path) -> None:
    # ReadHeaderTimeout is 5 s; http.ListenAndServe's default server would wait for ever.
    port = free_port()
    with running_server([str(binary)], port), socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: items\r\n")  # no blank line: the headers never end
        started = time.monotonic()
        try:
            while sock.recv(1024):  # until the server closes the connection
                pass
        except TimeoutError:
            pytest.fail("the server kept a connection with unfinished headers open for 15 s")
        assert time.monotonic() - started < 10


def test_sigterm_shuts_down_cleanly(binary: Path) -> None:
    # Without signal.NotifyContext and Shutdown, Go dies of SIGTERM (exit status -15 here).
    port = free_port()
    process = subprocess.Popen([str(binary)], env=dict(os.environ, PORT=str(port)))  # noqa: S603
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        check_items_contract(f"http://127.0.0.1:{port}")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
