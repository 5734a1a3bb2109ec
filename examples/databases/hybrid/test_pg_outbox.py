"""On PostgreSQL, a high-water-mark relay loses an event that commits after a later one."""

from __future__ import annotations

import psycopg
import pytest

from examples.databases.hybrid.pg_outbox import SCHEMA, place_order, relay_after

pytestmark = pytest.mark.postgres


# --8<-- [start:gap_test]
def test_an_event_that_commits_late_is_skipped_by_a_high_water_mark(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as setup:
        setup.execute(SCHEMA)
    with (
        psycopg.connect(postgres_url) as slow,
        psycopg.connect(postgres_url) as fast,
        psycopg.connect(postgres_url, autocommit=True) as relay,
    ):
        place_order(slow, "ada", 1000)  # takes seq 1, not committed yet
        place_order(fast, "bob", 2000)  # takes seq 2
        fast.commit()
        delivered, last = relay_after(relay, 0)  # sees only bob's event: seq 1 is not visible yet
        slow.commit()
        more, last = relay_after(relay, last)  # asks for seq > 2: ada's event is never delivered
    assert [e["customer"] for e in delivered + more] == ["bob"]


# --8<-- [end:gap_test]
