"""Which schema changes rewrite a PostgreSQL table, which locks they take, and the NOT VALID patterns."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from examples.databases.schema_design.pg_migrations import rewrites, set_not_null_without_a_long_lock, strongest_lock
from examples.databases.transactions.sessions import connect, in_background

pytestmark = pytest.mark.postgres


@pytest.fixture
def conn(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute(
            """
            CREATE TABLE customers (id bigint PRIMARY KEY);
            CREATE TABLE orders (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                customer_id bigint,
                note varchar(20),
                total_cents integer NOT NULL
            );
            INSERT INTO customers SELECT generate_series(1, 100);
            INSERT INTO orders (customer_id, note, total_cents)
            SELECT 1 + g % 100, 'n' || g, g FROM generate_series(1, 5000) AS g;
            """
        )
        yield connection


# --8<-- [start:rewrites]
def test_which_changes_rewrite_the_table(conn):
    assert not rewrites(conn, "orders", "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new'")
    assert not rewrites(conn, "orders", "ALTER TABLE orders ALTER COLUMN note TYPE varchar(50)")  # wider: no
    assert not rewrites(conn, "orders", "ALTER TABLE orders ALTER COLUMN note TYPE text")
    assert not rewrites(conn, "orders", "ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now()")
    assert rewrites(conn, "orders", "ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp()")
    assert rewrites(conn, "orders", "ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint")


def test_which_locks_they_take(conn):
    assert strongest_lock(conn, "orders", "ALTER TABLE orders ADD COLUMN status text") == "ACCESS EXCLUSIVE"
    assert strongest_lock(conn, "orders", "CREATE INDEX ON orders (customer_id)") == "SHARE"
    assert strongest_lock(conn, "orders", "ALTER TABLE orders ADD CHECK (total_cents > 0) NOT VALID") == (
        "ACCESS EXCLUSIVE"  # taken only for a moment: NOT VALID skips the scan
    )
    conn.execute("ALTER TABLE orders ADD CONSTRAINT positive CHECK (total_cents > 0) NOT VALID")
    assert strongest_lock(conn, "orders", "ALTER TABLE orders VALIDATE CONSTRAINT positive") == (
        "SHARE UPDATE EXCLUSIVE"  # the scan runs under a lock that does not block reads or writes
    )


# --8<-- [end:rewrites]


def test_a_not_valid_constraint_still_checks_new_rows(conn):
    conn.execute("INSERT INTO orders (customer_id, total_cents) VALUES (1, -5)")  # an old bad row
    conn.execute("ALTER TABLE orders ADD CONSTRAINT positive CHECK (total_cents > 0) NOT VALID")
    with pytest.raises(errors.CheckViolation):
        conn.execute("INSERT INTO orders (customer_id, total_cents) VALUES (1, -7)")
    with pytest.raises(errors.CheckViolation):
        conn.execute("ALTER TABLE orders VALIDATE CONSTRAINT positive")  # finds the old row: fix it first


def test_validating_a_foreign_key_lets_writers_through(conn, postgres_url):
    conn.execute(
        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) "
        "REFERENCES customers (id) NOT VALID"
    )
    with connect(postgres_url) as migration, connect(postgres_url) as writer:
        migration.execute("ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk")  # holds its lock until commit
        writer.execute("SET lock_timeout = '5s'")  # a writer that had to wait would fail here instead of hanging
        done = in_background(lambda: writer.execute("INSERT INTO orders (customer_id, total_cents) VALUES (2, 10)"))
        done.result(timeout=10)
        writer.commit()
        migration.commit()


def test_set_not_null_skips_its_scan_when_a_valid_check_proves_it(conn):
    notices: list[str] = []
    conn.add_notice_handler(lambda notice: notices.append(notice.message_primary))
    conn.execute("SET client_min_messages = debug1")
    set_not_null_without_a_long_lock(conn, "orders", "customer_id")
    conn.execute("RESET client_min_messages")
    assert any("sufficient to prove that it does not contain nulls" in n for n in notices)
    with pytest.raises(errors.NotNullViolation):
        conn.execute("INSERT INTO orders (customer_id, total_cents) VALUES (NULL, 1)")


# --8<-- [start:exclusion]
def test_an_exclusion_constraint_refuses_overlapping_bookings(conn):
    conn.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")  # lets a GiST index compare room numbers with =
    conn.execute(
        """
        CREATE TABLE bookings (
            room integer NOT NULL,
            during tstzrange NOT NULL,
            EXCLUDE USING gist (room WITH =, during WITH &&)
        )
        """
    )
    conn.execute("INSERT INTO bookings VALUES (101, '[2026-03-02 09:00+00, 2026-03-02 11:00+00)')")
    conn.execute("INSERT INTO bookings VALUES (101, '[2026-03-02 11:00+00, 2026-03-02 12:00+00)')")  # touches: fine
    conn.execute("INSERT INTO bookings VALUES (102, '[2026-03-02 10:00+00, 2026-03-02 11:00+00)')")  # other room
    with pytest.raises(errors.ExclusionViolation):
        conn.execute("INSERT INTO bookings VALUES (101, '[2026-03-02 10:30+00, 2026-03-02 11:30+00)')")


# --8<-- [end:exclusion]
