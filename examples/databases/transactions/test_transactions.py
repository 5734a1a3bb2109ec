"""Isolation anomalies appear and disappear exactly as the lesson says, on a real PostgreSQL server."""

from __future__ import annotations

import random
import threading

import psycopg
import pytest
from psycopg import errors

from examples.databases.transactions import anomalies
from examples.databases.transactions.anomalies import IsolationLevel
from examples.databases.transactions.atomicity import balances, create_bank, transfer
from examples.databases.transactions.sessions import connect, in_background, one, wait_until_blocked

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
def test_a_write_skew_that_fails_is_retried_with_fresh_reads(postgres_url):
    """The doctors again, both checking before either writes: the loser of the serialization failure runs
    again from its first read, sees one doctor left on call, and stays on call."""
    anomalies.setup(postgres_url)
    both_checked = threading.Barrier(2, timeout=10)
    retries: list[str | None] = []

    def go_off_call(name: str):
        calls = []

        def work(conn: psycopg.Connection) -> bool:
            on_call = conn.execute("SELECT count(*) FROM doctors WHERE on_call").fetchone()[0]
            calls.append(on_call)
            if len(calls) == 1:
                both_checked.wait()  # the first attempts of both read before either writes
            if on_call < 2:
                return False
            conn.execute("UPDATE doctors SET on_call = false WHERE name = %s", (name,))
            return True

        return lambda: anomalies.run_with_retry(
            postgres_url, work, sleep=lambda _: None, on_retry=lambda _n, error, _d: retries.append(error.sqlstate)
        )

    ana, ben = in_background(go_off_call("ana")), in_background(go_off_call("ben"))
    assert sorted([ana.result(timeout=20), ben.result(timeout=20)]) == [False, True]
    assert retries == ["40001"]
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT count(*) FROM doctors WHERE on_call").fetchone() == (1,)


# --8<-- [start:deadlock_test]
@pytest.mark.postgres
def test_a_deadlock_is_retried_and_both_transfers_commit(postgres_url):
    """Two transfers lock the same two rows in opposite orders. PostgreSQL aborts one with deadlock_detected
    (40P01) after deadlock_timeout; run_with_retry runs it again, and both transfers commit."""
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE accounts (id text PRIMARY KEY, balance integer NOT NULL)")
        conn.execute("INSERT INTO accounts VALUES ('a', 100), ('b', 100)")
    first_rows_locked = threading.Barrier(2, timeout=10)
    retried: list[str | None] = []

    def transfer(source: str, target: str, amount: int):
        attempts = []

        def work(conn: psycopg.Connection) -> None:
            attempts.append(1)
            conn.execute("UPDATE accounts SET balance = balance - %s WHERE id = %s", (amount, source))
            if len(attempts) == 1:
                first_rows_locked.wait()  # each holds its first row; now each asks for the other's
            conn.execute("UPDATE accounts SET balance = balance + %s WHERE id = %s", (amount, target))

        return lambda: anomalies.run_with_retry(
            postgres_url,
            work,
            isolation=RC,  # deadlocks happen at every level
            on_retry=lambda _attempt, error, _delay: retried.append(error.sqlstate),
        )

    a_to_b, b_to_a = in_background(transfer("a", "b", 30)), in_background(transfer("b", "a", 20))
    a_to_b.result(timeout=30)
    b_to_a.result(timeout=30)
    assert retried == ["40P01"]  # one victim, retried once
    with psycopg.connect(postgres_url) as conn:
        assert dict(conn.execute("SELECT id, balance FROM accounts").fetchall()) == {"a": 90, "b": 110}


# --8<-- [end:deadlock_test]


@pytest.mark.postgres
def test_a_non_retryable_error_is_raised_at_once(postgres_url):
    anomalies.setup(postgres_url)
    calls, sleeps = [], []

    def insert_duplicate(conn: psycopg.Connection) -> None:
        calls.append(1)
        conn.execute("INSERT INTO accounts VALUES ('alice', 1)")  # primary key taken: 23505

    with pytest.raises(errors.UniqueViolation):
        anomalies.run_with_retry(postgres_url, insert_duplicate, sleep=sleeps.append)
    assert calls == [1] and sleeps == []


@pytest.mark.postgres
@pytest.mark.parametrize("error", [errors.CheckViolation, errors.QueryCanceled, errors.InFailedSqlTransaction])
def test_other_errors_are_never_retried(postgres_url, error):
    calls = []

    def fails(conn: psycopg.Connection) -> None:
        calls.append(1)
        raise error("not a transient conflict")

    with pytest.raises(error):
        anomalies.run_with_retry(postgres_url, fails, sleep=lambda _: None)
    assert calls == [1]


@pytest.mark.postgres
def test_retry_gives_up_after_the_last_attempt(postgres_url):
    calls, sleeps = [], []

    def always_conflicts(conn: psycopg.Connection) -> None:
        calls.append(1)
        raise errors.SerializationFailure("simulated")

    with pytest.raises(errors.SerializationFailure):
        anomalies.run_with_retry(postgres_url, always_conflicts, attempts=3, sleep=sleeps.append)
    assert len(calls) == 3 and len(sleeps) == 2  # no wait after the last attempt


@pytest.mark.postgres
def test_each_wait_is_a_random_share_of_a_capped_exponential_bound(postgres_url):
    sleeps: list[float] = []
    shares = [1.0, 0.5, 0.25, 1.0, 0.0, 0.5, 1.0]  # what rand() returns, in turn

    def always_conflicts(conn: psycopg.Connection) -> None:
        raise errors.DeadlockDetected("simulated")

    with pytest.raises(errors.DeadlockDetected):
        anomalies.run_with_retry(
            postgres_url,
            always_conflicts,
            attempts=8,
            base_delay=0.01,
            max_delay=0.1,
            sleep=sleeps.append,
            rand=iter(shares).__next__,
        )
    bounds = [0.01, 0.02, 0.04, 0.08, 0.1, 0.1, 0.1]  # doubling from base_delay, capped at max_delay
    assert sleeps == pytest.approx([share * bound for share, bound in zip(shares, bounds, strict=True)])


def test_full_jitter_spreads_the_delays_of_clients_that_failed_together():
    """Twenty clients that fail at the same moment must not come back at the same moment."""
    base, cap = 0.01, 0.1
    for attempt in range(1, 8):
        bound = min(cap, base * 2 ** (attempt - 1))
        delays = [anomalies.backoff_delay(attempt, base, cap, random.Random(client).random) for client in range(20)]  # noqa: S311
        assert all(0 <= delay <= bound for delay in delays)
        assert len({round(delay, 6) for delay in delays}) == 20, "every client waits a different time"
        assert max(delays) - min(delays) > bound / 2, "the waits spread over the range, not around one value"


@pytest.mark.postgres
def test_select_for_update_makes_the_read_modify_write_take_turns(postgres_url):
    final, t2_waited_for_t1 = anomalies.increment_with_row_lock(postgres_url)
    assert t2_waited_for_t1
    assert final == 120


@pytest.mark.postgres
def test_at_repeatable_read_a_waiting_select_for_update_fails_instead(postgres_url):
    anomalies.setup(postgres_url)
    lock = "SELECT balance FROM accounts WHERE id = 'alice' FOR UPDATE"
    with connect(postgres_url, RR) as t1, connect(postgres_url, RR) as t2:
        one(t1, lock)
        t2_lock = in_background(lambda: one(t2, lock))
        assert wait_until_blocked(postgres_url, t2.info.backend_pid) == [t1.info.backend_pid]
        t1.execute("UPDATE accounts SET balance = 110 WHERE id = 'alice'")
        t1.commit()
        with pytest.raises(errors.SerializationFailure, match="concurrent update"):
            t2_lock.result(timeout=10)


@pytest.mark.postgres
def test_update_creates_a_new_row_version_and_old_snapshots_keep_the_old_one(postgres_url):
    seen = anomalies.mvcc_versions(postgres_url)
    (ctid_before, xmin_before, balance_before), (ctid_after, xmin_after, balance_after) = seen["before"], seen["after"]
    assert (balance_before, balance_after) == (100, 70)
    assert ctid_before != ctid_after and xmin_before != xmin_after
    assert seen["old_snapshot_sees"] == 100
