"""Acceptance check: overlapping withdrawals never break the shared rule, each runs at SERIALIZABLE, and a
serialization failure or deadlock is retried from the first read, while any other error is not retried."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from examples.databases.transactions.sessions import in_background
from exercises import load_module
from exercises.databases.transactions.support import guarded

pytestmark = pytest.mark.postgres


def open_accounts(url: str, checking: int, savings: int) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE accounts (id text PRIMARY KEY, balance_cents integer NOT NULL)")
        conn.execute("INSERT INTO accounts VALUES ('checking', %s), ('savings', %s)", (checking, savings))


def total(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT sum(balance_cents) FROM accounts").fetchone()[0]


class Attempts:
    """The check's `between` hook for one withdrawal: it records each attempt, and holds the first attempt
    until every withdrawal in the race has read (or until `barrier` gives up on one that is blocked)."""

    def __init__(self, barrier: threading.Barrier | None = None) -> None:
        self.barrier = barrier
        self.seen: list[tuple[str, int]] = []  # (isolation level, total as this attempt saw it)

    def __call__(self, conn: psycopg.Connection) -> None:
        level = conn.execute("SHOW transaction_isolation").fetchone()[0]
        self.seen.append((level, conn.execute("SELECT sum(balance_cents) FROM accounts").fetchone()[0]))
        if self.barrier is not None and len(self.seen) == 1:
            with contextlib.suppress(threading.BrokenBarrierError):  # one blocked in a lock never arrives
                self.barrier.wait()


def race(answer: Path, url: str, withdrawals: list[tuple[str, int]]) -> tuple[list[bool], list[Attempts]]:
    withdraw: Callable[..., bool] = load_module(answer).withdraw
    everyone_read = threading.Barrier(len(withdrawals), timeout=10)
    hooks = [Attempts(everyone_read) for _ in withdrawals]
    runs = [
        in_background(lambda account=account, cents=cents, hook=hook: withdraw(guarded(url), account, cents, hook))
        for (account, cents), hook in zip(withdrawals, hooks, strict=True)
    ]
    return [run.result(timeout=60) for run in runs], hooks


def test_two_withdrawals_that_overlap_keep_the_rule(answer: Path, postgres_url: str) -> None:
    open_accounts(postgres_url, checking=1000, savings=1000)
    outcomes, _ = race(answer, postgres_url, [("checking", 1500), ("savings", 1500)])
    assert total(postgres_url) >= 0, "both withdrawals went through: the accounts together are overdrawn"
    assert sorted(outcomes) == [False, True], "exactly one of the two fits in 20.00"
    assert total(postgres_url) == 500


def test_every_attempt_runs_at_serializable(answer: Path, postgres_url: str) -> None:
    open_accounts(postgres_url, checking=1000, savings=1000)
    hook = Attempts()
    assert load_module(answer).withdraw(guarded(postgres_url), "checking", 100, hook) is True
    assert [level for level, _ in hook.seen] == ["serializable"], "the rule spans two rows: only SERIALIZABLE sees it"


def test_the_loser_runs_again_from_its_first_read(answer: Path, postgres_url: str) -> None:
    open_accounts(postgres_url, checking=1000, savings=1000)
    _, hooks = race(answer, postgres_url, [("checking", 1500), ("savings", 1500)])
    retried = [hook.seen for hook in hooks if len(hook.seen) > 1]
    assert retried, "neither withdrawal was attempted twice: a serialization failure must be retried"
    assert retried[0][-1][1] == 500, "the retry must read the balances again and see the other withdrawal"


def test_a_deadlock_is_retried_too(answer: Path, postgres_url: str) -> None:
    open_accounts(postgres_url, checking=1000, savings=1000)
    hook = Attempts()

    def deadlock_once(conn: psycopg.Connection) -> None:
        hook(conn)
        if len(hook.seen) == 1:
            raise errors.DeadlockDetected("deadlock detected (raised by the check)")

    assert load_module(answer).withdraw(guarded(postgres_url), "checking", 100, deadlock_once) is True
    assert len(hook.seen) == 2
    assert total(postgres_url) == 1900


@pytest.mark.starter_passes
@pytest.mark.parametrize(
    "error", [errors.CheckViolation, errors.QueryCanceled, ValueError], ids=["23514", "57014", "python"]
)
def test_other_errors_are_raised_at_once(answer: Path, postgres_url: str, error: type[Exception]) -> None:
    open_accounts(postgres_url, checking=1000, savings=1000)
    calls = []

    def fail(conn: psycopg.Connection) -> None:
        calls.append(1)
        raise error("not a conflict: retrying cannot help")

    with pytest.raises(error):
        load_module(answer).withdraw(guarded(postgres_url), "checking", 100, fail)
    assert calls == [1], "only serialization failures and deadlocks are worth another attempt"
    assert total(postgres_url) == 2000


def test_twenty_withdrawals_at_once_never_overdraw(answer: Path, postgres_url: str) -> None:
    open_accounts(postgres_url, checking=500, savings=500)
    withdrawals = [("checking" if n % 2 else "savings", 100) for n in range(20)]
    outcomes, hooks = race(answer, postgres_url, withdrawals)
    retries = sum(len(hook.seen) - 1 for hook in hooks)
    print(f"20 withdrawals, {outcomes.count(True)} paid out, {retries} retries")  # shown with pytest -s
    assert total(postgres_url) == 0, f"together the accounts hold {total(postgres_url)} cents, not 0"
    assert outcomes.count(True) == 10, "10.00 pays out exactly ten withdrawals of 1.00"
