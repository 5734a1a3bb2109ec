"""Throwaway PostgreSQL and Redis servers for the lessons and labs that need a real one.

Each pytest process starts at most one server of each kind, on a free loopback port, in a temporary
directory, and stops it at the end. Every test gets its own empty database (PostgreSQL) or a flushed
keyspace (Redis), so tests never see each other's data. Locally the fixtures skip when the server
binaries are missing; in CI (where `.ci/run` installs them) they fail instead.

Set TEST_POSTGRES_ADMIN_URL (a superuser URL) or TEST_REDIS_URL to use a server you already run.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import require_tool

STARTUP_TIMEOUT_S = 30
INITDB_OPTIONS = ["-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with code {process.returncode} before accepting connections")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not accept connections on port {port} within {STARTUP_TIMEOUT_S}s")


def postgres_bin_dir() -> str | None:
    """Debian keeps the server binaries off PATH, one directory per major version: take the newest."""
    candidates = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    candidates.sort(key=lambda path: int(Path(path).parent.parent.name))
    if candidates:
        return str(Path(candidates[-1]).parent)
    on_path = shutil.which("initdb")
    return str(Path(on_path).parent) if on_path else None


def as_postgres_user(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root, and CI runs as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class ThrowawayPostgres:
    """A cluster made by initdb in a temporary directory, with trust auth on loopback only."""

    def __init__(self, bin_dir: str) -> None:
        self.bin_dir = Path(bin_dir)
        self.port = free_port()
        # Not under pytest's tmp dir: its parents are private to root, and the server runs as `postgres`.
        self.root = Path(tempfile.mkdtemp(prefix="backend-skills-pg-"))
        self.data = self.root / "data"
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        subprocess.run(
            as_postgres_user([str(self.bin_dir / "initdb"), "-D", str(self.data), *INITDB_OPTIONS]),
            check=True,
            capture_output=True,
        )
        # Durability is not under test here; turning fsync off makes CREATE DATABASE fast. synchronous_commit
        # stays on: with it off, VACUUM cannot mark pages all-visible and index-only scans never appear.
        settings = ["-c", "fsync=off", "-c", "full_page_writes=off"]
        self.process = subprocess.Popen(
            as_postgres_user(
                [
                    *[str(self.bin_dir / "postgres"), "-D", str(self.data), "-p", str(self.port)],
                    *["-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.root}", *settings],
                ]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process, "PostgreSQL")
        self._wait_until_accepting_queries()

    def _wait_until_accepting_queries(self) -> None:
        # The port opens before recovery finishes ("the database system is starting up"): retry a real login.
        import psycopg

        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            try:
                with psycopg.connect(self.admin_url, connect_timeout=2) as conn:
                    conn.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.root, ignore_errors=True)


def with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """A superuser URL on a server that lives for the whole test session."""
    if url := os.environ.get("TEST_POSTGRES_ADMIN_URL"):
        yield url
        return
    bin_dir = require_tool(postgres_bin_dir(), "PostgreSQL server binaries (initdb, postgres)")
    server = ThrowawayPostgres(str(Path(bin_dir)))
    try:
        server.start()
        yield server.admin_url
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_admin_url: str) -> Iterator[str]:
    """A fresh, empty database for one test, dropped afterwards (even if connections were left open)."""
    import psycopg

    database = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    try:
        yield with_database(postgres_admin_url, database)
    finally:
        with psycopg.connect(postgres_admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(scope="session")
def redis_server_url() -> Iterator[str]:
    if url := os.environ.get("TEST_REDIS_URL"):
        yield url
        return
    executable = require_tool(shutil.which("redis-server"), "redis-server")
    port = free_port()
    # No persistence: the server's data is thrown away with it.
    process = subprocess.Popen(
        [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def redis_url(redis_server_url: str) -> str:
    """The session's Redis server, emptied before the test starts."""
    import redis

    client = redis.Redis.from_url(redis_server_url)
    try:
        client.flushdb()
    finally:
        client.close()
    return redis_server_url
