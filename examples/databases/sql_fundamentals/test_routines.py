"""The stored function and procedure do what the lesson says, on a real PostgreSQL server."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest
from psycopg import errors

from examples.databases.sql_fundamentals import routines

pytestmark = pytest.mark.postgres


def _stock(conn: psycopg.Connection, product: int) -> int:
    row = conn.execute("SELECT stock FROM products WHERE id = %s", (product,)).fetchone()
    assert row is not None
    return int(row[0])


def test_the_function_takes_stock_and_records_the_order_in_one_call(postgres_url):
    routines.setup(postgres_url)
    with psycopg.connect(postgres_url) as conn:
        order_id = routines.place_order(conn, 1, 2)
        conn.commit()
        assert _stock(conn, 1) == 1
        assert conn.execute("SELECT product_id, quantity FROM orders WHERE id = %s", (order_id,)).fetchone() == (1, 2)


def test_a_refused_order_raises_and_the_callers_transaction_rolls_everything_back(postgres_url):
    routines.setup(postgres_url)
    with psycopg.connect(postgres_url) as conn:
        conn.execute("UPDATE products SET name = 'renamed' WHERE id = 1")  # the caller's own earlier work
        with pytest.raises(errors.CheckViolation, match="not enough stock for product 1"):
            routines.place_order(conn, 1, 5)
        conn.rollback()
        assert _stock(conn, 1) == 3
        assert conn.execute("SELECT name FROM products WHERE id = 1").fetchone() == ("kettle",)
        assert conn.execute("SELECT count(*) FROM orders").fetchone() == (0,)


def test_the_procedure_archives_old_orders_in_committed_batches(postgres_url):
    routines.setup(postgres_url)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("UPDATE products SET stock = 100 WHERE id = 1")
        for _ in range(25):
            routines.place_order(conn, 1, 1)
        conn.execute("UPDATE orders SET created_at = '2025-01-01' WHERE id <= 20")
    routines.archive_orders(postgres_url, datetime(2026, 1, 1, tzinfo=UTC), batch=7)
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT count(*) FROM orders_archive").fetchone() == (20,)
        assert conn.execute("SELECT count(*) FROM orders").fetchone() == (5,)


def test_a_procedure_that_commits_fails_inside_an_explicit_transaction(postgres_url):
    routines.setup(postgres_url)
    with psycopg.connect(postgres_url) as conn:  # psycopg opens a transaction block before the CALL
        routines.place_order(conn, 1, 1)  # one order to move, so the loop reaches its COMMIT
        with pytest.raises(errors.InvalidTransactionTermination):
            conn.execute("CALL archive_orders(now() + interval '1 day', 10)")


def _audit(conn: psycopg.Connection) -> list[tuple[int, int, int]]:
    return [row for row in conn.execute("SELECT product_id, old_stock, new_stock FROM stock_audit ORDER BY changed_at")]


def test_the_trigger_audits_every_stock_change_whoever_makes_it(postgres_url):
    routines.setup(postgres_url)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        routines.place_order(conn, 1, 1)  # through the function
        conn.execute("UPDATE products SET stock = 10 WHERE id = 1")  # a hand-written fix in a console
        conn.execute("UPDATE products SET name = 'big kettle' WHERE id = 1")  # stock untouched: no row
        conn.execute("UPDATE products SET stock = 10 WHERE id = 1")  # same value: the WHEN clause skips it
        assert _audit(conn) == [(1, 3, 2), (1, 2, 10)]


def test_a_write_rolled_back_takes_its_audit_row_with_it(postgres_url):
    routines.setup(postgres_url)
    with psycopg.connect(postgres_url) as conn:
        conn.execute("UPDATE products SET stock = 0 WHERE id = 1")
        conn.rollback()  # the trigger ran inside the same transaction
        assert _audit(conn) == []
