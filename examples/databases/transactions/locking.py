"""Locking strategies on PostgreSQL: optimistic versions, job queues with SKIP LOCKED, NOWAIT, advisory
locks, and the table lock a schema change takes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import psycopg
from psycopg import errors

from examples.databases.transactions.sessions import connect, in_background, one, wait_until_blocked


def setup(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            """
            DROP TABLE IF EXISTS documents, jobs, bookings, accounts;
            CREATE TABLE documents (
                id integer PRIMARY KEY,
                body text NOT NULL,
                version integer NOT NULL DEFAULT 1
            );
            INSERT INTO documents (id, body) VALUES (1, 'draft');
            CREATE TABLE jobs (
                id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                payload text NOT NULL,
                state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done'))
            );
            CREATE TABLE bookings (room integer NOT NULL, day date NOT NULL, guest text NOT NULL);
            CREATE TABLE accounts (id text PRIMARY KEY, balance integer NOT NULL);
            INSERT INTO accounts VALUES ('alice', 100);
            """
        )


# --8<-- [start:optimistic]
def save_if_unchanged(conn: psycopg.Connection, doc_id: int, body: str, read_version: int) -> bool:
    """Optimistic locking: write only if nobody changed the row since we read `read_version`.

    False means someone else saved first: reload, merge or tell the user (HTTP 412 or 409), never overwrite.
    """
    saved = conn.execute(
        "UPDATE documents SET body = %s, version = version + 1 WHERE id = %s AND version = %s",
        (body, doc_id, read_version),
    ).rowcount
    conn.commit()
    return saved == 1


# --8<-- [end:optimistic]


def read_document(conn: psycopg.Connection, doc_id: int) -> tuple[str, int]:
    row = conn.execute("SELECT body, version FROM documents WHERE id = %s", (doc_id,)).fetchone()
    assert row is not None
    conn.commit()  # optimistic locking holds nothing between the read and the write
    return row[0], row[1]


# --8<-- [start:skip_locked]
CLAIM_NEXT_JOB = """
    SELECT id, payload FROM jobs
    WHERE state = 'queued'
    ORDER BY id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
"""


def work_one_job(url: str, handle: Callable[[int, str], None]) -> int | None:
    """Take the oldest queued job that no other worker holds, run it, and mark it done, in one transaction.

    Returns the job's id, or None when no job is free. If `handle` raises, or the worker dies, the
    transaction rolls back: the row lock is released and the job is queued for the next worker.
    """
    with connect(url) as conn:
        row = conn.execute(CLAIM_NEXT_JOB).fetchone()
        if row is None:
            return None
        job_id, payload = row
        handle(job_id, payload)
        conn.execute("UPDATE jobs SET state = 'done' WHERE id = %s", (job_id,))
        conn.commit()
        return job_id


# --8<-- [end:skip_locked]


# --8<-- [start:nowait]
def lock_for_editing(conn: psycopg.Connection, doc_id: int) -> bool:
    """Take the row lock now or not at all: with NOWAIT a held lock is an error (55P03), not a wait."""
    try:
        conn.execute("SELECT 1 FROM documents WHERE id = %s FOR UPDATE NOWAIT", (doc_id,))
    except errors.LockNotAvailable:
        conn.rollback()
        return False
    return True


# --8<-- [end:nowait]


# --8<-- [start:advisory]
NIGHTLY_REPORT = 7_001  # an application-chosen number: one per kind of job, kept in one place


def run_alone(url: str, key: int, job: Callable[[psycopg.Connection], None]) -> bool:
    """Run `job` unless another process holds the advisory lock `key`; then skip it and return False.

    A session-level lock survives the job's own commits and is released by pg_advisory_unlock, or by
    PostgreSQL when the connection ends, so a crashed runner cannot keep it.
    """
    with connect(url, autocommit=True) as conn:
        if not one(conn, "SELECT pg_try_advisory_lock(%s)", (key,)):
            return False
        try:
            job(conn)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (key,))
    return True


BOOKINGS = 7_002  # first key of the two-part form: (kind of thing, its id)


def book_room(url: str, room: int, day: date, guest: str) -> bool:
    """Check-then-insert made safe at READ COMMITTED: a transaction-level advisory lock on the room
    makes bookings of one room take turns, although the row they check for does not exist yet."""
    with connect(url) as conn:
        conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", (BOOKINGS, room))  # held until COMMIT or ROLLBACK
        taken = one(conn, "SELECT count(*) FROM bookings WHERE room = %s AND day = %s", (room, day))
        if taken:
            return False
        conn.execute("INSERT INTO bookings (room, day, guest) VALUES (%s, %s, %s)", (room, day, guest))
        conn.commit()
        return True


# --8<-- [end:advisory]


# --8<-- [start:access_exclusive]
ADD_COLUMN = "ALTER TABLE accounts ADD COLUMN note text"  # catalog-only, instant once it has its lock
READ_BALANCE = "SELECT balance FROM accounts WHERE id = 'alice'"


def migration_behind_a_report(url: str) -> dict[str, object]:
    """A report's open transaction has read `accounts`. The migration's ALTER TABLE needs an ACCESS
    EXCLUSIVE lock, so it waits for the report; a plain SELECT that arrives next waits behind the migration.

    Returns the backend ids and whom the server reports each waiting for (pg_blocking_pids).
    """
    setup(url)
    with connect(url) as report, connect(url, autocommit=True) as migration, connect(url) as reader:
        one(report, "SELECT sum(balance) FROM accounts")  # takes ACCESS SHARE, held until the report ends
        alter = in_background(lambda: migration.execute(ADD_COLUMN))
        migration_waits_for = wait_until_blocked(url, migration.info.backend_pid)
        read = in_background(lambda: one(reader, READ_BALANCE))
        reader_waits_for = wait_until_blocked(url, reader.info.backend_pid)
        report.commit()  # the report ends: the migration gets its lock and runs, then the reader goes on
        alter.result(timeout=10)
        read.result(timeout=10)
        return {
            "report": report.info.backend_pid,
            "migration": migration.info.backend_pid,
            "migration_waits_for": migration_waits_for,
            "reader_waits_for": reader_waits_for,
        }


def migrate_with_lock_timeout(url: str, lock_timeout: str) -> tuple[str, object]:
    """The same migration with `lock_timeout`: it gives up (SQLSTATE 55P03) instead of waiting for the
    report, so reads stall for at most that long. Returns the outcome and a balance read afterwards,
    while the report is still open."""
    setup(url)
    with connect(url) as report, connect(url, autocommit=True) as migration, connect(url) as reader:
        one(report, "SELECT sum(balance) FROM accounts")
        migration.execute("SELECT set_config('lock_timeout', %s, false)", (lock_timeout,))
        try:
            migration.execute(ADD_COLUMN)
            outcome = "migrated"
        except errors.LockNotAvailable:
            outcome = "gave up: try again later"
        balance = one(reader, READ_BALANCE)  # nothing is queued ahead of it any more
        report.commit()
    return outcome, balance


# --8<-- [end:access_exclusive]
