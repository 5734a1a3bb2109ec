"""What the lesson says about PostgreSQL plans, checked against a real server."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from examples.databases.fast_sql.pg_plans import buffers_read, create_orders, explain, indexes_used, node_types, nodes
from examples.databases.pg_admin import scratch_database

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def orders_db(postgres_admin_url: str) -> Iterator[psycopg.Connection]:
    """One database with 50,000 orders for the whole module; each test drops the indexes it made."""
    with scratch_database(postgres_admin_url, "plans") as url, psycopg.connect(url, autocommit=True) as connection:
        # The test server runs with synchronous_commit=off for speed. VACUUM only marks a page all-visible once
        # the commits on it are flushed to the WAL, and index-only scans depend on that, so commit durably here.
        connection.execute("SET synchronous_commit = on")
        create_orders(connection, rows=50_000)
        yield connection


@pytest.fixture
def conn(orders_db: psycopg.Connection) -> Iterator[psycopg.Connection]:
    yield orders_db
    made = orders_db.execute(
        "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%%_pkey'"
    ).fetchall()
    for (index,) in made:
        orders_db.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(index)))
    orders_db.execute("ANALYZE customers, orders")


# --8<-- [start:btree]
def test_btree_index_replaces_the_sequential_scan(conn):
    query = "SELECT id, total_cents FROM orders WHERE customer_id = %s"
    assert node_types(explain(conn, query, (42,))) == ["Seq Scan"]

    conn.execute("CREATE INDEX orders_customer_idx ON orders (customer_id)")
    conn.execute("ANALYZE orders")
    after = explain(conn, query, (42,))
    assert "Seq Scan" not in node_types(after)
    assert indexes_used(after) == {"orders_customer_idx"}


# --8<-- [end:btree]


def test_a_foreign_key_gets_no_index_of_its_own(conn):
    """PostgreSQL indexes the referenced primary key, not the referencing column: that index is yours to add."""
    indexes = {name for (name,) in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'orders'")}
    assert indexes == {"orders_pkey"}


# --8<-- [start:composite]
@pytest.fixture
def big_customer(conn):
    """Customer 5001 placed 2,000 orders, all in the first week of January: old history, like a wholesale account."""
    conn.execute("INSERT INTO customers VALUES (5001, 'wholesale@example.com')")
    conn.execute(
        """INSERT INTO orders (customer_id, status, total_cents, created_at)
           SELECT 5001, 'shipped', 500, timestamptz '2026-01-01 00:00+00' + g * interval '5 minutes'
           FROM generate_series(1, 2000) AS g"""
    )
    yield 5001
    conn.execute("DELETE FROM orders WHERE customer_id = 5001")
    conn.execute("DELETE FROM customers WHERE id = 5001")


def test_equality_column_first_then_the_sort_column(conn, big_customer):
    query = "SELECT id, total_cents FROM orders WHERE customer_id = %s ORDER BY created_at DESC LIMIT 10"
    conn.execute("CREATE INDEX orders_created_customer_idx ON orders (created_at, customer_id)")
    conn.execute("ANALYZE orders")
    wrong_order = explain(conn, query, (big_customer,), analyze=True)

    conn.execute("DROP INDEX orders_created_customer_idx")
    conn.execute("CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at)")
    conn.execute("ANALYZE orders")
    right_order = explain(conn, query, (big_customer,), analyze=True)

    assert "Sort" not in node_types(right_order)  # the index hands the rows over already in order
    assert indexes_used(right_order) == {"orders_customer_created_idx"}
    assert buffers_read(right_order) <= 10  # a few index pages and the heap pages of ten rows
    assert buffers_read(wrong_order) > 20 * buffers_read(right_order)


# --8<-- [end:composite]


def test_a_numeric_parameter_hides_a_bigint_column_from_its_index(conn):
    """`customer_id = 42.0` compares as numeric, so PostgreSQL casts every customer_id: no index seek."""
    conn.execute("CREATE INDEX orders_customer_idx ON orders (customer_id)")
    conn.execute("ANALYZE orders")
    assert indexes_used(explain(conn, "SELECT id FROM orders WHERE customer_id = 42")) == {"orders_customer_idx"}
    assert indexes_used(explain(conn, "SELECT id FROM orders WHERE customer_id = 42.0")) == set()


def test_cost_estimate_drops_by_more_than_ten_times_with_the_index(conn):
    query = "SELECT id FROM orders WHERE customer_id = %s"
    before = explain(conn, query, (42,))["Plan"]["Total Cost"]
    conn.execute("CREATE INDEX orders_customer_idx ON orders (customer_id)")
    conn.execute("ANALYZE orders")
    after = explain(conn, query, (42,))["Plan"]["Total Cost"]
    assert after * 10 < before


def test_partial_index_serves_only_queries_that_imply_its_predicate(conn):
    conn.execute("CREATE INDEX orders_pending_idx ON orders (customer_id) WHERE status = 'pending'")
    conn.execute("ANALYZE orders")
    pending = explain(conn, "SELECT id FROM orders WHERE status = 'pending' AND customer_id = %s", (100,))
    paid = explain(conn, "SELECT id FROM orders WHERE status = 'paid' AND customer_id = %s", (100,))
    assert indexes_used(pending) == {"orders_pending_idx"}
    assert indexes_used(paid) == set()


def test_covering_index_gives_an_index_only_scan(conn):
    conn.execute("CREATE INDEX orders_customer_total_idx ON orders (customer_id) INCLUDE (total_cents)")
    conn.execute("VACUUM ANALYZE orders")  # sets the visibility map, which index-only scans rely on
    plan = explain(conn, "SELECT total_cents FROM orders WHERE customer_id = %s", (7,), analyze=True)
    only = [n for n in nodes(plan) if n["Node Type"] == "Index Only Scan"]
    assert only and only[0]["Heap Fetches"] == 0


def test_gin_index_answers_jsonb_containment(conn):
    query = """SELECT count(*) FROM orders WHERE attrs @> '{"gift": true}'"""
    assert "orders_attrs_gin" not in indexes_used(explain(conn, query))
    conn.execute("CREATE INDEX orders_attrs_gin ON orders USING gin (attrs jsonb_path_ops)")
    conn.execute("ANALYZE orders")
    plan = explain(conn, query, analyze=True)
    assert indexes_used(plan) == {"orders_attrs_gin"}
    assert conn.execute(query).fetchone() == (1000,)


# --8<-- [start:sargable]
def test_function_on_a_column_needs_an_expression_index(conn):
    conn.execute("CREATE UNIQUE INDEX customers_email_idx ON customers (email)")
    conn.execute("ANALYZE customers")
    query = "SELECT id FROM customers WHERE lower(email) = %s"
    assert indexes_used(explain(conn, query, ("user42@example.com",))) == set()

    conn.execute("CREATE UNIQUE INDEX customers_email_lower_idx ON customers (lower(email))")
    conn.execute("ANALYZE customers")
    assert indexes_used(explain(conn, query, ("user42@example.com",))) == {"customers_email_lower_idx"}


# --8<-- [end:sargable]


def test_offset_reads_every_skipped_row_but_keyset_does_not(conn):
    offset = explain(conn, "SELECT id FROM orders ORDER BY id LIMIT 20 OFFSET 40000", analyze=True)
    keyset = explain(conn, "SELECT id FROM orders WHERE id > 40000 ORDER BY id LIMIT 20", analyze=True)
    scanned_offset = max(n["Actual Rows"] for n in nodes(offset) if "Scan" in n["Node Type"])
    scanned_keyset = max(n["Actual Rows"] for n in nodes(keyset) if "Scan" in n["Node Type"])
    assert scanned_offset == 40_020
    assert scanned_keyset == 20
