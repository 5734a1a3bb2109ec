"""Acceptance check: four instances driven to their pools' limits never exceed the role's budget and each gets its
share; a busy pool makes callers wait; a warm pool survives the server closing its connections."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from sqlalchemy import Connection, Engine, exc, text

from examples.databases.orms_and_migrations.catalogue import postgres_engine_url
from examples.databases.transactions.sessions import in_background
from exercises import load_module

pytestmark = pytest.mark.postgres

ROLE_LIMIT, RESERVED, INSTANCES = 10, 2, 4
BUDGET = ROLE_LIMIT - RESERVED


@pytest.fixture
def role_url(postgres_url: str) -> Iterator[str]:
    """A database URL that logs in as a new role allowed ROLE_LIMIT connections."""
    role = f"catalog_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN CONNECTION LIMIT {ROLE_LIMIT}")
    parts = urlsplit(postgres_url)
    yield postgres_engine_url(urlunsplit(parts._replace(netloc=f"{role}@{parts.hostname}:{parts.port}")))
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
        admin.execute(f"DROP ROLE {role}")


def engines(answer: Path, url: str) -> list[Engine]:
    make_engine = load_module(answer).make_engine
    return [make_engine(url, instances=INSTANCES, connection_budget=BUDGET) for _ in range(INSTANCES)]


def fill(engine: Engine, held: list[Connection], waiting: list[Future[Connection]]) -> int:
    """Check out connections until the pool makes the caller wait (or refuses); return how many it gave."""
    given = 0
    for _ in range(50):
        checkout = in_background(engine.connect)
        try:
            held.append(checkout.result(timeout=1.5))
            given += 1
        except FutureTimeout:
            waiting.append(checkout)  # the pool is full: this caller waits for a connection to come back
            return given
        except exc.TimeoutError:
            return given  # the pool gave up waiting quickly: also full
        except exc.OperationalError as error:
            raise AssertionError(
                f"the server refused connection {given + 1} of an instance: {error.orig}. All instances' pools "
                f"together must stay within the budget of {BUDGET}"
            ) from error
    return given


def release(held: list[Connection], waiting: list[Future[Connection]], pools: list[Engine]) -> None:
    for connection in held:
        connection.close()
    for checkout in waiting:
        # A waiting caller gets one of the released connections, or has timed out: either way nothing stays open.
        with contextlib.suppress(Exception):
            checkout.result(timeout=15).close()
    for engine in pools:
        engine.dispose()


def test_four_instances_at_their_limits_stay_within_the_budget(answer: Path, role_url: str) -> None:
    pools, held, waiting = engines(answer, role_url), [], []
    try:
        given = [fill(engine, held, waiting) for engine in pools]
        assert sum(given) <= BUDGET, f"the instances opened {given} connections, more than the budget of {BUDGET}"
        assert all(n >= BUDGET // INSTANCES for n in given), (
            f"the instances got {given} connections: each should be able to use its share of {BUDGET // INSTANCES}"
        )
    finally:
        release(held, waiting, pools)


@pytest.mark.starter_passes
def test_a_caller_who_finds_the_pool_busy_waits_a_while(answer: Path, role_url: str) -> None:
    engine = load_module(answer).make_engine(role_url, instances=INSTANCES, connection_budget=BUDGET)
    try:
        assert engine.pool.timeout() >= 1, "a pool_timeout under a second turns every short burst into errors"
    finally:
        engine.dispose()


def test_a_warm_pool_survives_the_server_closing_its_connections(answer: Path, role_url: str, postgres_url: str):
    engine = load_module(answer).make_engine(role_url, instances=INSTANCES, connection_budget=BUDGET)
    try:
        with engine.connect() as connection:  # warm the pool: this connection goes back to it
            connection.execute(text("SELECT 1"))
        role = urlsplit(role_url).username
        with psycopg.connect(postgres_url, autocommit=True) as admin:  # what a restart does to open connections
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
        try:
            with engine.connect() as connection:
                assert connection.execute(text("SELECT 1")).scalar_one() == 1
        except exc.OperationalError as error:
            raise AssertionError(
                f"the first request after the restart failed: {error.orig}. The pool handed out a dead connection"
            ) from error
    finally:
        engine.dispose()
