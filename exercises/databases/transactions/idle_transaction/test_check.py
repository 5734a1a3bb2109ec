"""Acceptance check: the diagnosis names the sessions whose transactions hold back VACUUM (and only those),
and the export leaves VACUUM free to remove dead rows while it uploads, still from one consistent snapshot."""

from __future__ import annotations

import time
from pathlib import Path

import psycopg
import pytest

from examples.databases.transactions.sessions import IsolationLevel, connect
from exercises import load_module
from exercises.databases.transactions.support import guarded, wait_for

pytestmark = pytest.mark.postgres


def shop(url: str, orders: int = 20) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        # Autovacuum off for this table, so that only the check's own VACUUM runs, at a known moment.
        conn.execute(
            "CREATE TABLE orders (id integer PRIMARY KEY, total_cents integer NOT NULL) "
            "WITH (autovacuum_enabled = false)"
        )
        conn.execute("INSERT INTO orders SELECT g, 100 * g FROM generate_series(1, %s) g", (orders,))


def dead_rows_left_after_vacuum(url: str) -> int:
    """VACUUM the table and return `n_dead_tup`: the dead row versions it was not allowed to remove."""
    with psycopg.connect(url, autocommit=True) as conn:
        stats = "SELECT last_vacuum, n_dead_tup FROM pg_stat_user_tables WHERE relname = 'orders'"
        before = conn.execute(stats).fetchone()
        conn.execute("VACUUM orders")
        assert wait_for(lambda: conn.execute(stats).fetchone()[0] != before[0], timeout=5), "no vacuum reported"
        return conn.execute(stats).fetchone()[1]


def busy_shop(url: str) -> None:
    """Customers edit their orders: each UPDATE leaves a dead version of every row it changes."""
    with psycopg.connect(url, autocommit=True) as conn:
        for _ in range(5):
            conn.execute("UPDATE orders SET total_cents = total_cents + 1")


def test_the_diagnosis_names_the_transactions_that_hold_back_vacuum(answer: Path, postgres_url: str) -> None:
    shop(postgres_url)
    with (
        connect(postgres_url, IsolationLevel.REPEATABLE_READ) as export,
        connect(postgres_url) as editor,
        connect(postgres_url) as idle,
        connect(postgres_url) as engineer,
    ):
        export.execute("SELECT count(*) FROM orders")  # a snapshot, kept while the session sits idle
        time.sleep(0.01)  # so that the two transactions start at different times
        editor.execute("UPDATE orders SET total_cents = 0 WHERE id = 1")  # wrote, then went idle
        idle.execute("SELECT 1")
        idle.commit()  # connected, no transaction
        found = load_module(answer).sessions_holding_back_vacuum(engineer)
        culprits = [pid for pid in found if pid in (export.info.backend_pid, editor.info.backend_pid)]
        assert culprits == [export.info.backend_pid, editor.info.backend_pid], (
            "name the idle REPEATABLE READ reader and the idle writer, oldest transaction first"
        )
        assert idle.info.backend_pid not in found, "a session with no open transaction holds nothing back"
        assert engineer.info.backend_pid not in found, "leave out the session that runs the diagnosis"


@pytest.mark.starter_passes
def test_an_idle_read_committed_reader_is_not_blamed(answer: Path, postgres_url: str) -> None:
    """At READ COMMITTED the snapshot ends with each statement: an idle transaction that has only read holds
    no snapshot and no transaction id, and VACUUM removes dead rows around it."""
    shop(postgres_url)
    with connect(postgres_url) as reader, connect(postgres_url) as engineer:
        reader.execute("SELECT count(*) FROM orders")  # idle in transaction from here on
        busy_shop(postgres_url)
        assert dead_rows_left_after_vacuum(postgres_url) == 0
        assert reader.info.backend_pid not in load_module(answer).sessions_holding_back_vacuum(engineer)


def test_vacuum_can_clean_up_while_the_export_uploads(answer: Path, postgres_url: str) -> None:
    shop(postgres_url)
    left: list[int] = []

    def slow_upload(orders: list[tuple[int, int]], total: int) -> None:
        busy_shop(postgres_url)  # the shop goes on while the partner's API is slow
        left.append(dead_rows_left_after_vacuum(postgres_url))

    load_module(answer).export_orders(guarded(postgres_url), slow_upload)
    assert left == [0], f"VACUUM had to leave {left[0]} dead rows: the export's transaction was still open"


@pytest.mark.starter_passes
def test_the_export_still_reads_one_snapshot(answer: Path, postgres_url: str) -> None:
    shop(postgres_url)
    sent: list[tuple[list[tuple[int, int]], int]] = []

    def new_order() -> None:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute("INSERT INTO orders VALUES (21, 999)")

    count = load_module(answer).export_orders(
        guarded(postgres_url), lambda orders, total: sent.append((orders, total)), new_order
    )
    ((orders, total),) = sent
    assert count == len(orders) == 20, "the order taken during the export belongs to the next one"
    assert total == sum(cents for _, cents in orders), "the total must be the sum of the orders sent"
