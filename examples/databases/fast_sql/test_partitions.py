"""What the lesson says about partitioning, checked against a real PostgreSQL server."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from psycopg import errors

from examples.databases.fast_sql.partitions import create_events, drop_month
from examples.databases.fast_sql.pg_plans import explain, nodes

pytestmark = pytest.mark.postgres

MONTHS = [date(2026, month, 1) for month in (1, 2, 3, 4)]


@pytest.fixture
def events(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        create_events(conn, MONTHS)
        conn.execute(
            """
            INSERT INTO events (happened_at, kind)
            SELECT timestamptz '2026-01-01 00:00+00' + g * interval '5 minutes',
                   CASE WHEN g % 10 = 0 THEN 'refund' ELSE 'sale' END
            FROM generate_series(0, 30000) AS g  -- about 104 days: January to mid-April
            """
        )
        conn.execute("ANALYZE events")
        yield conn


def scanned_tables(plan) -> set[str]:
    return {node["Relation Name"] for node in nodes(plan) if "Relation Name" in node}


def test_a_query_on_one_month_reads_only_that_partition(events):
    march = "SELECT count(*) FROM events WHERE happened_at >= '2026-03-01' AND happened_at < '2026-04-01'"
    assert scanned_tables(explain(events, march)) == {"events_2026_03"}
    assert events.execute(march).fetchone() == (31 * 24 * 12,)


def test_a_query_without_the_partition_key_reads_every_partition(events):
    refunds = "SELECT count(*) FROM events WHERE kind = 'refund'"
    assert scanned_tables(explain(events, refunds)) == {f"events_2026_{month:02d}" for month in (1, 2, 3, 4)}


def test_each_partition_has_its_own_copy_of_the_index(events):
    found = {
        row[0]
        for row in events.execute("SELECT tablename FROM pg_indexes WHERE indexdef LIKE '%%(kind, happened_at)%%'")
    }
    assert found == {"events", "events_2026_01", "events_2026_02", "events_2026_03", "events_2026_04"}


def test_dropping_a_month_removes_its_rows_and_nothing_else(events):
    before = events.execute("SELECT count(*) FROM events").fetchone()[0]
    drop_month(events, date(2026, 1, 1))
    assert events.execute("SELECT count(*) FROM events").fetchone() == (before - 31 * 24 * 12,)
    assert events.execute("SELECT min(happened_at) FROM events").fetchone()[0].date() == date(2026, 2, 1)


def test_a_row_outside_every_partition_is_refused(events):
    with pytest.raises(errors.CheckViolation, match="no partition of relation"):
        events.execute("INSERT INTO events (happened_at, kind) VALUES ('2027-01-01', 'sale')")


def test_a_unique_key_without_the_partition_key_is_refused(events):
    with pytest.raises(errors.FeatureNotSupported, match="must include all partitioning columns"):
        events.execute("ALTER TABLE events ADD UNIQUE (id)")
