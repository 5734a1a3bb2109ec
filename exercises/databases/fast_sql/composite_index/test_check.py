"""Acceptance check: a wholesale customer's ten newest orders come from an index in order (no Sort) and read
a handful of pages; an ordinary customer's too; the answer leaves at most two extra indexes."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from examples.databases.fast_sql.pg_plans import buffers_read, explain, node_types

pytestmark = pytest.mark.postgres

HISTORY = "SELECT id, created_at, total_cents FROM orders WHERE customer_id = %s ORDER BY created_at DESC LIMIT 10"
WHOLESALE, ORDINARY = 42, 4242
MAX_PAGES = 20


def load(url: str, answer: Path) -> psycopg.Connection:
    """200,000 orders over 2025 and 2026 from 10,000 customers, plus 3,000 orders of customer 42 from the first
    quarter of 2025. Then the answer's statements, then fresh statistics."""
    conn = psycopg.connect(url, autocommit=True)
    conn.execute(
        """
        CREATE TABLE orders (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            customer_id bigint NOT NULL,
            created_at timestamptz NOT NULL,
            total_cents integer NOT NULL
        )
        """
    )
    conn.execute(
        """
        INSERT INTO orders (customer_id, created_at, total_cents)
        SELECT 100 + (g * 7919) % 10000, timestamptz '2025-01-01 00:00+00' + g * interval '5 minutes', 100 + g % 9000
        FROM generate_series(1, 200000) AS g
        """
    )
    conn.execute(
        """
        INSERT INTO orders (customer_id, created_at, total_cents)
        SELECT 42, timestamptz '2025-01-01 00:00+00' + g * interval '40 minutes', 5000
        FROM generate_series(1, 3000) AS g
        """
    )
    conn.execute(answer.read_text(encoding="utf-8"))
    conn.execute("VACUUM ANALYZE orders")
    return conn


@pytest.mark.parametrize("customer", [WHOLESALE, ORDINARY])
def test_the_history_needs_no_sort_and_reads_a_handful_of_pages(answer: Path, postgres_url: str, customer: int):
    with load(postgres_url, answer) as conn:
        plan = explain(conn, HISTORY, (customer,), analyze=True)
        pages = buffers_read(plan)
        assert "Sort" not in node_types(plan), (
            f"the plan sorts customer {customer}'s orders: {node_types(plan)}; an index can return them in order"
        )
        assert pages <= MAX_PAGES, f"customer {customer}'s ten newest orders read {pages} pages (at most {MAX_PAGES})"


@pytest.mark.starter_passes
def test_the_page_shows_the_ten_newest_orders(answer: Path, postgres_url: str) -> None:
    with load(postgres_url, answer) as conn:
        found = [created for _, created, _ in conn.execute(HISTORY, (WHOLESALE,)).fetchall()]
        newest = conn.execute(
            "SELECT created_at FROM orders WHERE customer_id = 42 ORDER BY created_at DESC"
        ).fetchall()[:10]
        assert found == [created for (created,) in newest]


@pytest.mark.starter_passes
def test_at_most_two_indexes_besides_the_primary_key(answer: Path, postgres_url: str) -> None:
    with load(postgres_url, answer) as conn:
        extra = conn.execute(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'orders' AND indexname <> 'orders_pkey'"
        ).fetchone()[0]
        assert extra <= 2, "every index slows every write: index for the query, not for every column"
