"""Write-ahead logging, two-phase commit and sagas behave as the lesson says."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import errors

from examples.databases.transactions import saga, two_phase, wal
from tests.conftest import require_tool
from tests.services import ThrowawayPostgres, as_postgres_user, postgres_bin_dir, wait_for_port, with_database


@pytest.mark.postgres
def test_a_logged_insert_writes_its_rows_to_the_wal_and_an_unlogged_one_does_not(postgres_url):
    wal.setup(postgres_url)
    logged = wal.wal_bytes_for_insert(postgres_url, "events_logged", 1000)
    unlogged = wal.wal_bytes_for_insert(postgres_url, "events_unlogged", 1000)
    assert logged > 1000 * 100  # at least the 100-character bodies of 1,000 rows
    assert unlogged < 1024  # a commit record at most: the rows themselves never reach the WAL


@pytest.mark.postgres
def test_a_stock_server_refuses_prepare_transaction(postgres_url):
    two_phase.setup(postgres_url)
    assert two_phase.prepared_transactions_allowed(postgres_url) == 0
    with pytest.raises(errors.ObjectNotInPrerequisiteState, match="prepared transactions are disabled"):
        two_phase.prepare(postgres_url, "order-42", "debit")


class PreparedTransactionsPostgres(ThrowawayPostgres):
    """A throwaway server restarted with max_prepared_transactions > 0 (it takes effect only at start)."""

    def start(self) -> None:
        super().start()
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute("ALTER SYSTEM SET max_prepared_transactions = 4")
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=20)
        # Same server command as ThrowawayPostgres.start, built from our own paths only.
        self.process = subprocess.Popen(  # noqa: S603
            as_postgres_user(
                [
                    *[str(self.bin_dir / "postgres"), "-D", str(self.data), "-p", str(self.port)],
                    *["-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.root}"],
                    *["-c", "fsync=off"],
                ]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process, "PostgreSQL")
        self._wait_until_accepting_queries()


@pytest.fixture(scope="module")
def two_phase_url() -> Iterator[str]:
    bin_dir = require_tool(postgres_bin_dir(), "PostgreSQL server binaries (initdb, postgres)")
    server = PreparedTransactionsPostgres(bin_dir)
    try:
        server.start()
        with psycopg.connect(server.admin_url, autocommit=True) as admin:
            admin.execute("CREATE DATABASE two_phase")
        yield with_database(server.admin_url, "two_phase")
    finally:
        server.stop()


def _entries(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [row[0] for row in conn.execute("SELECT entry FROM ledger ORDER BY id")]


@pytest.mark.postgres
def test_a_prepared_transaction_is_invisible_and_in_doubt_until_the_coordinator_decides(two_phase_url):
    two_phase.setup(two_phase_url)
    assert two_phase.prepared_transactions_allowed(two_phase_url) == 4
    two_phase.prepare(two_phase_url, "order-42", "debit")
    assert _entries(two_phase_url) == []  # prepared is not committed: nobody sees the row yet
    assert two_phase.in_doubt(two_phase_url) == ["order-42"]  # it outlived the session that made it
    two_phase.finish(two_phase_url, "order-42", commit=True)  # phase two, from a new session
    assert _entries(two_phase_url) == ["debit"]
    assert two_phase.in_doubt(two_phase_url) == []


@pytest.mark.postgres
def test_a_prepared_transaction_holds_its_locks_until_it_is_resolved(two_phase_url):
    two_phase.setup(two_phase_url)
    with psycopg.connect(two_phase_url, autocommit=True) as conn:
        conn.execute("INSERT INTO ledger (entry) VALUES ('opening')")
        conn.execute("BEGIN")
        conn.execute("UPDATE ledger SET entry = 'changed' WHERE entry = 'opening'")
        conn.execute("PREPARE TRANSACTION 'lock-holder'")
    with psycopg.connect(two_phase_url, autocommit=True) as other:
        other.execute("SET lock_timeout = '200ms'")
        with pytest.raises(errors.LockNotAvailable):
            other.execute("UPDATE ledger SET entry = 'mine' WHERE entry = 'opening'")
    two_phase.finish(two_phase_url, "lock-holder", commit=False)
    assert _entries(two_phase_url) == ["opening"]


def _booking_saga(log: list[str], *, card_declines: bool) -> list[saga.Step]:
    def charge() -> None:
        if card_declines:
            raise RuntimeError("card declined")
        log.append("charge card")

    return [
        saga.Step("reserve stock", lambda: log.append("reserve stock"), lambda: log.append("release stock")),
        saga.Step("book courier", lambda: log.append("book courier"), lambda: log.append("cancel courier")),
        saga.Step("charge card", charge, lambda: log.append("refund card")),
    ]


def test_a_saga_that_succeeds_runs_every_step_and_no_compensation():
    log: list[str] = []
    result = saga.run_saga(_booking_saga(log, card_declines=False))
    assert result.completed and result.compensated == []
    assert log == ["reserve stock", "book courier", "charge card"]


def test_a_failed_step_compensates_the_finished_steps_newest_first():
    log: list[str] = []
    result = saga.run_saga(_booking_saga(log, card_declines=True))
    assert not result.completed and result.failed_step == "charge card"
    assert log == ["reserve stock", "book courier", "cancel courier", "release stock"]
    assert result.compensated == ["book courier", "reserve stock"]  # the failed step itself had nothing to undo
