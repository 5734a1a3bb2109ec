"""CLUSTER orders a PostgreSQL table once, and new rows do not follow that order."""

from __future__ import annotations

import psycopg
import pytest

from examples.databases.fast_sql import clustering

pytestmark = pytest.mark.postgres


def test_cluster_puts_the_heap_in_index_order_once_and_new_rows_go_wherever_there_is_room(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        clustering.create_readings(conn, rows=5_000)
        conn.execute("ANALYZE readings")
        assert abs(clustering.correlation(conn)) < 0.2  # shuffled: heap order says nothing about ids
        assert clustering.ids_in_physical_order(conn) != sorted(clustering.ids_in_physical_order(conn))

        clustering.cluster_by_primary_key(conn)
        assert clustering.correlation(conn) == pytest.approx(1.0)
        assert clustering.ids_in_physical_order(conn) == list(range(1, 5_001))

        conn.execute("INSERT INTO readings (id, value) VALUES (0, 0.5)")  # the smallest id, inserted last
        assert clustering.ids_in_physical_order(conn)[-1] == 0  # appended, not placed before id 1
        remembered = conn.execute(
            "SELECT indisclustered FROM pg_index WHERE indexrelid = 'readings_pkey'::regclass"
        ).fetchone()
        assert remembered == (True,)  # a later bare CLUSTER readings reuses this index
