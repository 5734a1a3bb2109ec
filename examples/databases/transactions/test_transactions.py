"""Isolation anomalies appear and disappear exactly as the lesson says, on a real PostgreSQL server."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from examples.databases.transactions import anomalies
from examples.databases.transactions.anomalies import IsolationLevel
from examples.databases.transactions.atomicity import balances, create_bank, transfer

RC, RR, SER = IsolationLevel.READ_COMMITTED, IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE


def test_failed_transfer_leaves_no_trace():
    bank = create_bank()
    transfer(bank, "alice", "bob", 2500)
    assert balances(bank) == {"alice": 7500, "bob": 3000}
    with pytest.raises(Exception, match="CHECK constraint failed"):
        transfer(bank, "bob", "alice", 999_999)
    assert balances(bank) == {"alice": 7500, "bob": 3000}


# --8<-- [start:tests]
@pytest.mark.postgres
def test_read_committed_allows_a_nonrepeatable_read(postgres_url):
    assert anomalies.nonrepeatable_read(postgres_url, RC) == (100, 50)


@pytest.mark.postgres
def test_repeatable_read_keeps_one_snapshot(postgres_url):
    assert anomalies.nonrepeatable_read(postgres_url, RR) == (100, 100)


@pytest.mark.postgres
def test_read_committed_loses_an_update(postgres_url):
    assert anomalies.lost_update(postgres_url, RC) == 110  # two increments of 10, one lost


@pytest.mark.postgres
def test_repeatable_read_refuses_the_lost_update(postgres_url):
    with pytest.raises(errors.SerializationFailure, match="concurrent update"):
        anomalies.lost_update(postgres_url, RR)


@pytest.mark.postgres
def test_repeatable_read_still_allows_write_skew(postgres_url):
    assert anomalies.write_skew(postgres_url, RR) == 0  # the rule "one doctor on call" is broken


@pytest.mark.postgres
def test_serializable_prevents_write_skew(postgres_url):
    with pytest.raises(errors.SerializationFailure):
        anomalies.write_skew(postgres_url, SER)


# --8<-- [end:tests]


@pytest.mark.postgres
def test_retrying_serializable_transactions_keeps_the_rule(postgres_url):
    anomalies.setup(postgres_url)

    def go_off_call(name: str):
        def work(conn: psycopg.Connection) -> bool:
            if conn.execute("SELECT count(*) FROM doctors WHERE on_call").fetchone()[0] < 2:
                return False
            conn.execute("UPDATE doctors SET on_call = false WHERE name = %s", (name,))
            return True

        return work

    assert anomalies.run_with_retry(postgres_url, go_off_call("ana")) is True
    assert anomalies.run_with_retry(postgres_url, go_off_call("ben")) is False
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT count(*) FROM doctors WHERE on_call").fetchone() == (1,)


@pytest.mark.postgres
def test_retry_gives_up_after_the_last_attempt(postgres_url):
    anomalies.setup(postgres_url)
    calls = []

    def always_conflicts(conn: psycopg.Connection) -> None:
        calls.append(1)
        raise errors.SerializationFailure("simulated")

    with pytest.raises(errors.SerializationFailure):
        anomalies.run_with_retry(postgres_url, always_conflicts, attempts=3)
    assert len(calls) == 3


@pytest.mark.postgres
def test_select_for_update_serialises_the_read_modify_write(postgres_url):
    final, t2_waited = anomalies.increment_with_row_lock(postgres_url)
    assert t2_waited
    assert final == 120


@pytest.mark.postgres
def test_update_creates_a_new_row_version_and_old_snapshots_keep_the_old_one(postgres_url):
    seen = anomalies.mvcc_versions(postgres_url)
    (ctid_before, xmin_before, balance_before), (ctid_after, xmin_after, balance_after) = seen["before"], seen["after"]
    assert (balance_before, balance_after) == (100, 70)
    assert ctid_before != ctid_after and xmin_before != xmin_after
    assert seen["old_snapshot_sees"] == 100
