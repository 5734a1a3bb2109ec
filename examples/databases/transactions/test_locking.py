"""Locking strategies behave as the lesson says, on a real PostgreSQL server."""

from __future__ import annotations

import threading
import time
from datetime import date

import psycopg
import pytest
from psycopg import errors

from examples.databases.transactions import locking
from examples.databases.transactions.sessions import connect, in_background, lock_waiters, one, wait_until_blocked


@pytest.mark.postgres
def test_optimistic_locking_refuses_a_save_based_on_a_stale_read(postgres_url):
    locking.setup(postgres_url)
    with connect(postgres_url) as alice, connect(postgres_url) as bob:
        _, alice_version = locking.read_document(alice, 1)
        _, bob_version = locking.read_document(bob, 1)
        assert locking.save_if_unchanged(alice, 1, "alice's text", alice_version) is True
        assert locking.save_if_unchanged(bob, 1, "bob's text", bob_version) is False
        assert locking.read_document(bob, 1) == ("alice's text", 2)  # Bob reloads and sees Alice's change


@pytest.mark.postgres
def test_optimistic_locking_holds_when_both_saves_overlap(postgres_url):
    """Bob's UPDATE waits for Alice's row lock, then re-checks `version = 1` on her new row: no match."""
    locking.setup(postgres_url)
    update = "UPDATE documents SET body = %s, version = version + 1 WHERE id = 1 AND version = 1"
    with connect(postgres_url) as alice, connect(postgres_url) as bob:
        assert alice.execute(update, ("alice's text",)).rowcount == 1
        bob_update = in_background(lambda: bob.execute(update, ("bob's text",)).rowcount)
        wait_until_blocked(postgres_url, bob.info.backend_pid)
        alice.commit()
        assert bob_update.result(timeout=10) == 0
        bob.commit()
        assert locking.read_document(bob, 1) == ("alice's text", 2)


def _queue(url: str, jobs: int) -> None:
    locking.setup(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO jobs (payload) SELECT 'job ' || g FROM generate_series(1, %s) g", (jobs,))


@pytest.mark.postgres
def test_a_second_worker_skips_the_job_the_first_one_holds_without_waiting(postgres_url):
    _queue(postgres_url, 3)
    first_is_working, release_first = threading.Event(), threading.Event()

    def slow(job_id: int, payload: str) -> None:
        first_is_working.set()
        assert release_first.wait(timeout=10)

    first = in_background(lambda: locking.work_one_job(postgres_url, slow))
    assert first_is_working.wait(timeout=10)
    started = time.monotonic()
    second = locking.work_one_job(postgres_url, lambda job_id, payload: None)
    assert time.monotonic() - started < 2, "the second worker waited for the first one's lock"
    release_first.set()
    assert (first.result(timeout=10), second) == (1, 2)


@pytest.mark.postgres
def test_without_skip_locked_the_second_worker_waits_for_the_first(postgres_url):
    _queue(postgres_url, 3)
    plain_for_update = locking.CLAIM_NEXT_JOB.replace(" SKIP LOCKED", "")
    with connect(postgres_url) as first, connect(postgres_url) as second:
        assert first.execute(plain_for_update).fetchone() == (1, "job 1")
        claim = in_background(lambda: second.execute(plain_for_update).fetchone())
        assert wait_until_blocked(postgres_url, second.info.backend_pid) == [first.info.backend_pid]
        first.rollback()
        assert claim.result(timeout=10) == (1, "job 1")


@pytest.mark.postgres
def test_a_failed_job_goes_back_to_the_queue(postgres_url):
    _queue(postgres_url, 1)

    def crash(job_id: int, payload: str) -> None:
        raise RuntimeError("worker died")

    with pytest.raises(RuntimeError):
        locking.work_one_job(postgres_url, crash)
    assert locking.work_one_job(postgres_url, lambda job_id, payload: None) == 1


@pytest.mark.postgres
def test_concurrent_workers_run_every_job_exactly_once(postgres_url):
    _queue(postgres_url, 40)
    ran: list[int] = []
    lock = threading.Lock()

    def handle(job_id: int, payload: str) -> None:
        time.sleep(0.005)  # long enough that workers overlap
        with lock:
            ran.append(job_id)

    def worker() -> None:
        while locking.work_one_job(postgres_url, handle) is not None:
            pass

    workers = [in_background(worker) for _ in range(4)]
    for done in workers:
        done.result(timeout=60)
    assert sorted(ran) == list(range(1, 41))  # no job twice, none left out
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT count(*) FROM jobs WHERE state <> 'done'").fetchone() == (0,)


@pytest.mark.postgres
def test_nowait_fails_at_once_instead_of_waiting(postgres_url):
    locking.setup(postgres_url)
    with connect(postgres_url) as alice, connect(postgres_url) as bob:
        assert locking.lock_for_editing(alice, 1) is True
        bob.execute("SET lock_timeout = '5s'")  # a guard: without NOWAIT the test would wait this long
        bob.commit()
        started = time.monotonic()
        assert locking.lock_for_editing(bob, 1) is False
        assert time.monotonic() - started < 1
        alice.commit()
        assert locking.lock_for_editing(bob, 1) is True


@pytest.mark.postgres
def test_nowait_still_waits_for_a_table_lock(postgres_url):
    """NOWAIT covers row locks only: behind an ACCESS EXCLUSIVE table lock it waits (here until lock_timeout)."""
    locking.setup(postgres_url)
    with connect(postgres_url) as migration, connect(postgres_url) as editor:
        migration.execute("LOCK TABLE documents")  # ACCESS EXCLUSIVE, the default mode
        editor.execute("SET lock_timeout = '300ms'")
        started = time.monotonic()
        with pytest.raises(errors.LockNotAvailable, match="lock timeout"):
            editor.execute("SELECT 1 FROM documents WHERE id = 1 FOR UPDATE NOWAIT")
        assert time.monotonic() - started >= 0.25


@pytest.mark.postgres
def test_a_session_lock_taken_twice_must_be_unlocked_twice(postgres_url):
    key = locking.NIGHTLY_REPORT
    with connect(postgres_url, autocommit=True) as holder, connect(postgres_url, autocommit=True) as other:
        assert one(holder, "SELECT pg_try_advisory_lock(%s)", (key,)) is True
        assert one(holder, "SELECT pg_try_advisory_lock(%s)", (key,)) is True
        assert one(holder, "SELECT pg_advisory_unlock(%s)", (key,)) is True
        assert one(other, "SELECT pg_try_advisory_lock(%s)", (key,)) is False
        assert one(holder, "SELECT pg_advisory_unlock(%s)", (key,)) is True
        assert one(other, "SELECT pg_try_advisory_lock(%s)", (key,)) is True


@pytest.mark.postgres
def test_only_one_runner_runs_the_job_and_the_lock_is_released_after_it(postgres_url):
    locking.setup(postgres_url)
    running, finish = threading.Event(), threading.Event()
    runs: list[str] = []

    def nightly_report(name: str):
        def job(conn: psycopg.Connection) -> None:
            runs.append(name)
            running.set()
            assert finish.wait(timeout=10)

        return job

    first = in_background(lambda: locking.run_alone(postgres_url, locking.NIGHTLY_REPORT, nightly_report("first")))
    assert running.wait(timeout=10)
    assert locking.run_alone(postgres_url, locking.NIGHTLY_REPORT, nightly_report("second")) is False
    finish.set()
    assert first.result(timeout=10) is True
    assert locking.run_alone(postgres_url, locking.NIGHTLY_REPORT, lambda conn: runs.append("third")) is True
    assert runs == ["first", "third"]


@pytest.mark.postgres
def test_a_runner_that_crashes_does_not_keep_the_lock(postgres_url):
    locking.setup(postgres_url)

    def crash(conn: psycopg.Connection) -> None:
        raise RuntimeError("report failed")

    with pytest.raises(RuntimeError):
        locking.run_alone(postgres_url, locking.NIGHTLY_REPORT, crash)
    with connect(postgres_url, autocommit=True) as runner:  # run_alone unlocked it on the way out
        assert one(runner, "SELECT pg_try_advisory_lock(%s)", (locking.NIGHTLY_REPORT,)) is True
    # `runner` ended without unlocking: PostgreSQL released the lock with its session.
    with connect(postgres_url, autocommit=True) as other:
        assert one(other, "SELECT pg_try_advisory_lock(%s)", (locking.NIGHTLY_REPORT,)) is True


def _blockers_of_the_first_waiter(url: str) -> list[int]:
    for _ in range(1000):
        if waiting := lock_waiters(url):
            return next(iter(waiting.values()))
        time.sleep(0.01)
    raise TimeoutError("no session waited for a lock")


@pytest.mark.postgres
def test_an_advisory_transaction_lock_makes_bookings_of_one_room_take_turns(postgres_url):
    locking.setup(postgres_url)
    day = date(2026, 12, 24)
    with connect(postgres_url) as first:
        first.execute("SELECT pg_advisory_xact_lock(%s, %s)", (locking.BOOKINGS, 101))  # a booking in progress
        second = in_background(lambda: locking.book_room(postgres_url, 101, day, "bo"))
        other_room = locking.book_room(postgres_url, 102, day, "cy")  # another key: no wait
        first.execute("INSERT INTO bookings VALUES (101, %s, 'ada')", (day,))
        assert _blockers_of_the_first_waiter(postgres_url) == [first.info.backend_pid], "room 101's booking waits"
        first.commit()
    assert second.result(timeout=10) is False  # it saw Ada's booking once it had the lock
    assert other_room is True
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT room, guest FROM bookings ORDER BY room").fetchall() == [(101, "ada"), (102, "cy")]


@pytest.mark.postgres
def test_a_waiting_alter_table_blocks_plain_reads_behind_it(postgres_url):
    seen = locking.migration_behind_a_report(postgres_url)
    assert seen["migration_waits_for"] == [seen["report"]]
    assert seen["reader_waits_for"] == [seen["migration"]]  # queued behind the ALTER, not the report


@pytest.mark.postgres
def test_lock_timeout_makes_the_migration_give_up_instead_of_stalling_reads(postgres_url):
    started = time.monotonic()
    outcome, balance = locking.migrate_with_lock_timeout(postgres_url, "200ms")
    assert outcome == "gave up: try again later"
    assert balance == 100
    assert time.monotonic() - started < 5


@pytest.mark.postgres
def test_access_exclusive_is_the_lock_mode_the_alter_holds_and_it_blocks_plain_reads(postgres_url):
    locking.setup(postgres_url)
    with connect(postgres_url) as migration, connect(postgres_url) as reader:
        migration.execute(locking.ADD_COLUMN)  # done, but its transaction is still open
        modes = reader.execute(
            "SELECT mode FROM pg_locks WHERE relation = 'accounts'::regclass AND pid = %s",
            (migration.info.backend_pid,),
        ).fetchall()
        assert ("AccessExclusiveLock",) in modes
        reader.execute("SET lock_timeout = '100ms'")
        with pytest.raises(errors.LockNotAvailable):
            reader.execute(locking.READ_BALANCE)  # a plain SELECT cannot run while ACCESS EXCLUSIVE is held
