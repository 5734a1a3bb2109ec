"""The backing services a capstone declares (capstone.yml `services:`), fresh for every graded variant."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg


@dataclass(frozen=True)
class Servers:
    """Admin URLs of servers that outlive one variant; None when the capstones need no such server."""

    postgres_admin_url: str | None = None
    redis_url: str | None = None


@contextlib.contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    """An empty database for one variant, dropped afterwards even if the service left connections open."""
    name = f"capstone_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def own_servers(services: set[str]) -> Iterator[Servers]:
    """Servers for `make capstones`, outside pytest: the URLs in TEST_POSTGRES_ADMIN_URL and TEST_REDIS_URL when
    set, otherwise throwaway servers started here (the same ones the test suite uses)."""
    from tests.services import ThrowawayPostgres, free_port, postgres_bin_dir, wait_for_port

    with contextlib.ExitStack() as stack:
        postgres_url = os.environ.get("TEST_POSTGRES_ADMIN_URL")
        if "postgres" in services and not postgres_url:
            bin_dir = postgres_bin_dir()
            if bin_dir is None:
                raise RuntimeError("PostgreSQL binaries not found: install postgresql or set TEST_POSTGRES_ADMIN_URL")
            server = ThrowawayPostgres(bin_dir)
            stack.callback(server.stop)
            server.start()
            postgres_url = server.admin_url
        redis_url = os.environ.get("TEST_REDIS_URL")
        if "redis" in services and not redis_url:
            executable = shutil.which("redis-server")
            if executable is None:
                raise RuntimeError("redis-server not found: install redis or set TEST_REDIS_URL")
            port = free_port()
            process = subprocess.Popen(  # noqa: S603 - redis-server found on PATH, fixed arguments
                [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            stack.callback(process.wait, 20)
            stack.callback(process.terminate)
            wait_for_port(port, process, "redis-server")
            redis_url = f"redis://127.0.0.1:{port}/0"
        yield Servers(postgres_admin_url=postgres_url, redis_url=redis_url)
