"""Connection pooling: a pool caps connections per process, and every process brings its own pool."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from sqlalchemy import exc, text

from examples.databases.orms_and_migrations.catalogue import postgres_engine_url
from examples.databases.orms_and_migrations.pooling import connections_needed, pooled_engine

pytestmark = pytest.mark.postgres


def as_user(url: str, user: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{user}@{parts.hostname}:{parts.port}"))


def test_a_full_pool_makes_the_next_caller_wait_then_fail(postgres_url):
    engine = pooled_engine(postgres_engine_url(postgres_url), pool_size=2, max_overflow=0, pool_timeout=0.2)
    try:
        first, second = engine.connect(), engine.connect()
        with pytest.raises(exc.TimeoutError):
            engine.connect()
        first.close()  # back to the pool, still open to the server
        with engine.connect() as reused:
            backends = reused.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
            ).scalar_one()
        assert backends == 2
        second.close()
    finally:
        engine.dispose()


# --8<-- [start:too_many]
def test_every_instance_brings_its_own_pool(postgres_url):
    """Three app instances with pools of 2 against a role allowed 5 connections: the sixth is refused."""
    role = f"app_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN CONNECTION LIMIT 5")
    instances = [
        pooled_engine(postgres_engine_url(as_user(postgres_url, role)), pool_size=2, max_overflow=0, pool_timeout=1)
        for _ in range(3)
    ]
    held = []
    try:
        assert connections_needed(instances=3, pool_size=2, max_overflow=0) == 6
        for engine in instances[:2]:
            held += [engine.connect(), engine.connect()]
        held.append(instances[2].connect())
        with pytest.raises(exc.OperationalError, match="too many connections for role"):
            instances[2].connect()
    finally:
        for connection in held:
            connection.close()
        for engine in instances:
            engine.dispose()
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(f"DROP ROLE {role}")


# --8<-- [end:too_many]


def test_connections_needed_counts_overflow_in_the_worst_case():
    # SQLAlchemy's defaults (pool_size=5, max_overflow=10) on 8 instances: 120, above PostgreSQL's default of 100.
    assert connections_needed(instances=8, pool_size=5, max_overflow=10) == 120


# --8<-- [start:prepared]
def prepared_on_server(conn: psycopg.Connection) -> int:
    # prepare=False keeps this probe itself from being prepared after five runs.
    return conn.execute("SELECT count(*) FROM pg_prepared_statements", prepare=False).fetchone()[0]


def test_psycopg_prepares_a_statement_after_five_runs(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        for run in range(1, 7):
            conn.execute("SELECT %s::int + 1", (run,))
            # Runs 1-5 are sent unprepared; from the sixth on, the statement is prepared on this server connection.
            assert prepared_on_server(conn) == (0 if run <= 5 else 1)


def test_prepare_threshold_none_never_prepares(postgres_url):
    """What to pass behind a transaction-mode pooler that does not track prepared statements."""
    with psycopg.connect(postgres_url, prepare_threshold=None) as conn:
        for run in range(10):
            conn.execute("SELECT %s::int + 1", (run,))
        assert prepared_on_server(conn) == 0


# --8<-- [end:prepared]
