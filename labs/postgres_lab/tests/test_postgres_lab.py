"""The lab's four tasks, checked against a real PostgreSQL server with 200,000 orders."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import psycopg
import pytest
from psycopg import IsolationLevel, errors

from examples.databases.pg_admin import scratch_database
from labs.postgres_lab.lab import isolation, migration, n_plus_one, plans
from labs.postgres_lab.lab.schema import create_schema

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def shop_template(postgres_admin_url: str) -> Iterator[str]:
    """Load the 200,000 orders once; each test then gets its own copy made with CREATE DATABASE ... TEMPLATE."""
    with scratch_database(postgres_admin_url, "lab_template") as url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SET synchronous_commit = on")  # so VACUUM sees every commit as durable
            create_schema(conn)
        yield urlsplit(url).path.lstrip("/")


@pytest.fixture
def shop(postgres_admin_url: str, shop_template: str) -> Iterator[str]:
    with scratch_database(postgres_admin_url, "lab", template=shop_template) as url:
        yield url


def test_data_set_is_large_enough_for_plans_to_matter(shop):
    with psycopg.connect(shop) as conn:
        assert conn.execute("SELECT count(*) FROM orders").fetchone() == (200_000,)


def test_task1_index_turns_a_sequential_scan_into_an_index_scan(shop):
    with psycopg.connect(shop, autocommit=True) as conn:
        before = plans.explain_analyze(conn, plans.RECENT_ORDERS, (4242,))
        plans.add_index(conn)
        after = plans.explain_analyze(conn, plans.RECENT_ORDERS, (4242,))
    assert any(t in before.node_types for t in ("Seq Scan", "Parallel Seq Scan"))
    assert after.indexes == {"orders_customer_created_idx"}
    assert not {"Seq Scan", "Parallel Seq Scan"} & set(after.node_types)
    assert after.estimated_cost * 50 < before.estimated_cost
    assert after.shared_blocks * 50 < before.shared_blocks
    print(f"\nTask 1: cost {before.estimated_cost:.0f} -> {after.estimated_cost:.1f}, "
          f"{before.execution_ms:.2f} ms -> {after.execution_ms:.3f} ms, "
          f"{before.shared_blocks} -> {after.shared_blocks} blocks")  # fmt: skip


def test_task2_n_plus_one_issues_n_plus_one_queries_and_the_join_issues_one(shop):
    with n_plus_one.connect_counting(shop) as conn:
        slow = n_plus_one.report_n_plus_one(conn, limit=50)
        assert n_plus_one.statements_run(conn) == 1 + 50
        joined = n_plus_one.report_joined(conn, limit=50)
        assert n_plus_one.statements_run(conn) == 51 + 1
        batched = n_plus_one.report_batched(conn, limit=50)
        assert n_plus_one.statements_run(conn) == 52 + 2
    assert slow == joined == batched


def test_task3_read_committed_oversells(shop):
    assert isolation.two_buyers(shop, IsolationLevel.READ_COMMITTED) == 2  # one ticket, two sales


def test_task3_serializable_refuses_the_second_buyer(shop):
    with pytest.raises(errors.SerializationFailure):
        isolation.two_buyers(shop, IsolationLevel.SERIALIZABLE)
    with psycopg.connect(shop) as conn:
        assert conn.execute("SELECT count(*), min(stock) FROM sales, products").fetchone() == (1, 0)


def test_task3_atomic_update_is_safe_even_at_read_committed(shop):
    with psycopg.connect(shop, autocommit=True) as a, psycopg.connect(shop, autocommit=True) as b:
        assert isolation.buy_atomically(a, 1) is True
        assert isolation.buy_atomically(b, 1) is False
        assert a.execute("SELECT count(*) FROM sales").fetchone() == (1,)


def test_task4_constant_default_is_instant_but_a_type_change_rewrites(shop):
    with psycopg.connect(shop, autocommit=True) as conn:
        original = migration.relfilenode(conn, "orders")
        migration.add_column_with_default(conn)
        assert migration.relfilenode(conn, "orders") == original
        assert conn.execute("SELECT count(*) FROM orders WHERE currency = 'EUR'").fetchone() == (200_000,)
        migration.widen_total(conn)
        assert migration.relfilenode(conn, "orders") != original


def test_task4_concurrent_index_must_run_outside_a_transaction(shop):
    migration.index_without_blocking_writes(shop)
    with psycopg.connect(shop) as conn:  # psycopg opens a transaction implicitly here
        with pytest.raises(errors.ActiveSqlTransaction):
            conn.execute("CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at)")
        conn.rollback()
        found = conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'orders' ORDER BY 1").fetchall()
    assert ("orders_status_idx",) in found
