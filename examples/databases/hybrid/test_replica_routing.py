"""Read-your-writes routing by LSN: a replica serves a session only once it has replayed the session's write."""

from __future__ import annotations

import psycopg
import pytest

from examples.databases.hybrid.replica_routing import lsn, route_read


def test_a_lagging_replica_does_not_serve_the_writer():
    replicas = {"replica-a": "16/B374D000", "replica-b": "16/B374D848"}
    assert route_read("16/B374D848", replicas) == "replica-b"  # b has replayed the write
    assert route_read("16/B374E000", replicas) == "primary"  # nobody has it yet
    assert route_read(None, replicas) == "replica-a"  # no recent write: any replica


def test_lsns_compare_across_the_slash():
    assert lsn("1/0") > lsn("0/FFFFFFFF")  # a string comparison would get this wrong
    assert lsn("0/A") > lsn("0/9")


@pytest.mark.postgres
def test_lsn_parsing_agrees_with_postgresql(postgres_url):
    pairs = [("16/B374D848", "16/B374D847"), ("1/0", "0/FFFFFFFF"), ("0/A", "0/9"), ("0/9", "0/A")]
    with psycopg.connect(postgres_url) as conn:
        for left, right in pairs:
            (greater,) = conn.execute("SELECT %s::pg_lsn > %s::pg_lsn", (left, right)).fetchone()
            assert greater == (lsn(left) > lsn(right))
        (current,) = conn.execute("SELECT pg_current_wal_lsn()::text").fetchone()
        assert lsn(current) > 0
