"""Acceptance check: two workers that add to the same day at the same time both count, whether the day's row
exists or not; workers on different days do not wait for each other; one worker alone adds up every order."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import psycopg
import pytest

from examples.databases.transactions.sessions import in_background
from exercises import load_module
from exercises.databases.transactions.support import guarded, wait_for

pytestmark = pytest.mark.postgres

DAY = date(2026, 3, 14)
AddOrder = Callable[[psycopg.Connection, date, int], int]


def setup(url: str, *existing: tuple[date, int]) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE daily_revenue (day date PRIMARY KEY, cents bigint NOT NULL)")
        for day, cents in existing:
            conn.execute("INSERT INTO daily_revenue VALUES (%s, %s)", (day, cents))


def table(url: str) -> dict[date, int]:
    with psycopg.connect(url) as conn:
        return dict(conn.execute("SELECT day, cents FROM daily_revenue").fetchall())


def blocked(url: str, pid: int) -> bool:
    with psycopg.connect(url, autocommit=True) as watcher:
        return bool(watcher.execute("SELECT pg_blocking_pids(%s)", (pid,)).fetchone()[0])


def overlap(url: str, add_order: AddOrder, first: tuple[date, int], second: tuple[date, int]) -> tuple[int, int]:
    """Worker A adds its order and keeps its transaction open. Worker B adds its order meanwhile. Once B has
    finished or the server shows it waiting for A, A commits. Returns what each call returned."""
    with psycopg.connect(guarded(url)) as a, psycopg.connect(guarded(url)) as b:
        a_result = add_order(a, *first)

        def worker_b() -> int:
            result = add_order(b, *second)
            b.commit()
            return result

        b_result = in_background(worker_b)
        b_pid = b.info.backend_pid
        assert wait_for(lambda: b_result.done() or blocked(url, b_pid)), "worker B neither finished nor waited"
        a.commit()
        try:
            return a_result, b_result.result(timeout=30)
        except psycopg.errors.UniqueViolation as error:
            raise AssertionError(f"worker B failed where it should have added to the day: {error}") from error


def test_two_orders_for_a_day_that_has_a_total_both_count(answer: Path, postgres_url: str) -> None:
    setup(postgres_url, (DAY, 1000))
    add_order: AddOrder = load_module(answer).add_order
    returned = overlap(postgres_url, add_order, (DAY, 100), (DAY, 50))
    assert table(postgres_url) == {DAY: 1150}, "10.00 + 1.00 + 0.50: an order was lost (a lost update)"
    assert returned == (1100, 1150), "each call returns the day's total after its own order"


def test_the_first_two_orders_of_a_new_day_both_count(answer: Path, postgres_url: str) -> None:
    setup(postgres_url)
    add_order: AddOrder = load_module(answer).add_order
    returned = overlap(postgres_url, add_order, (DAY, 100), (DAY, 50))
    assert table(postgres_url) == {DAY: 150}
    assert returned == (100, 150)


@pytest.mark.starter_passes
def test_workers_on_different_days_do_not_wait_for_each_other(answer: Path, postgres_url: str) -> None:
    next_day = DAY + timedelta(days=1)
    setup(postgres_url, (DAY, 1000), (next_day, 2000))
    add_order: AddOrder = load_module(answer).add_order
    with psycopg.connect(guarded(postgres_url)) as a, psycopg.connect(guarded(postgres_url)) as b:
        add_order(a, DAY, 100)  # A's transaction stays open
        b_result = in_background(lambda: add_order(b, next_day, 50))
        waited = wait_for(lambda: b_result.done() or blocked(postgres_url, b.info.backend_pid))
        assert waited and b_result.done(), "an order for another day waited for worker A: lock only the day you add to"
        assert b_result.result() == 2050
        b.commit()
        a.commit()
    assert table(postgres_url) == {DAY: 1100, next_day: 2050}


@pytest.mark.starter_passes
def test_one_worker_adds_up_every_order(answer: Path, postgres_url: str) -> None:
    setup(postgres_url)
    add_order: AddOrder = load_module(answer).add_order
    rng = random.Random(7)  # noqa: S311 - test data, not a secret
    orders = [(DAY + timedelta(days=rng.randrange(5)), rng.randint(1, 400) * 25) for _ in range(60)]
    sums: dict[date, int] = defaultdict(int)
    with psycopg.connect(guarded(postgres_url)) as conn:
        for day, cents in orders:
            sums[day] += cents
            assert add_order(conn, day, cents) == sums[day], "return the day's total after this order"
        conn.commit()
    assert table(postgres_url) == sums
