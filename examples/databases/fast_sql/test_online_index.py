"""Building an index on a table that is being written to: CREATE INDEX holds writes back, CONCURRENTLY does not."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from examples.databases.transactions.sessions import connect, in_background, wait_until_blocked

pytestmark = pytest.mark.postgres

INSERT = "INSERT INTO orders (customer_id, total_cents) SELECT 7, 100"


@pytest.fixture
def url(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            " customer_id bigint, total_cents int)"
        )
        conn.execute(
            "INSERT INTO orders (customer_id, total_cents) SELECT g % 100, g FROM generate_series(1, 1000) AS g"
        )
    return postgres_url


# --8<-- [start:online]
def test_create_index_makes_writers_wait(url):
    """A writer is mid-transaction; CREATE INDEX queues for its SHARE lock, and the next writer queues behind."""
    with connect(url) as early_writer, connect(url, autocommit=True) as builder, connect(url) as late_writer:
        early_writer.execute(INSERT)
        build = in_background(lambda: builder.execute("CREATE INDEX orders_customer_idx ON orders (customer_id)"))
        assert wait_until_blocked(url, builder.info.backend_pid) == [early_writer.info.backend_pid]
        late = in_background(lambda: late_writer.execute(INSERT))
        assert wait_until_blocked(url, late_writer.info.backend_pid) == [builder.info.backend_pid]
        early_writer.commit()
        build.result(timeout=10)
        late.result(timeout=10)
        late_writer.commit()


def test_create_index_concurrently_lets_writers_through(url):
    with connect(url) as early_writer, connect(url, autocommit=True) as builder, connect(url) as late_writer:
        early_writer.execute(INSERT)
        build = in_background(
            lambda: builder.execute("CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id)")
        )
        # It waits for the transaction that was already writing...
        assert wait_until_blocked(url, builder.info.backend_pid) == [early_writer.info.backend_pid]
        late_writer.execute("SET lock_timeout = '5s'")  # a write that had to wait would fail here, not hang
        late_writer.execute(INSERT)  # ...but lets new writes through while it waits and builds
        late_writer.commit()
        early_writer.commit()
        build.result(timeout=10)
        (valid,) = early_writer.execute(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_customer_idx'::regclass"
        ).fetchone()
        assert valid is True


# --8<-- [end:online]


def test_create_index_concurrently_refuses_to_run_inside_a_transaction(url):
    with connect(url) as conn, pytest.raises(errors.ActiveSqlTransaction):
        conn.execute("CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id)")
