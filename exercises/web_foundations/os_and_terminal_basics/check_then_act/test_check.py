"""Acceptance check: with two withdrawals that each wait, between their check and their update, until the other
has also checked (or a second has passed), the balance never goes below zero and exactly one is approved.

The wait is a rendezvous with a timeout, not a sleep: without protection both threads always meet inside the
window, so the race happens every time; with a lock the second thread cannot get there, and the first goes on
once the timeout passes. The outcome does not depend on timing luck either way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from exercises import load_module


def rendezvous(parties: int = 2, timeout: float = 1.0) -> Callable[[], None]:
    """A pause that returns when `parties` threads have reached it, or after `timeout` seconds."""
    count = {"n": 0}
    lock = threading.Lock()
    everyone = threading.Event()

    def pause() -> None:
        with lock:
            count["n"] += 1
            if count["n"] >= parties:
                everyone.set()
        everyone.wait(timeout)

    return pause


def two_payouts(answer: Path, balance: int, amount: int) -> tuple[int, list[bool]]:
    account = load_module(answer).BankAccount(balance)
    pause = rendezvous()
    results: list[bool] = []
    results_lock = threading.Lock()

    def payout() -> None:
        approved = account.withdraw(amount, pause=pause)
        with results_lock:
            results.append(approved)

    threads = [threading.Thread(target=payout) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not any(thread.is_alive() for thread in threads), "a withdrawal never finished: a deadlock?"
    return account.balance, results


def test_two_simultaneous_payouts_cannot_overdraw(answer: Path) -> None:
    balance, results = two_payouts(answer, balance=100, amount=80)
    assert balance >= 0, f"two payouts of 80 from 100 were both approved: the balance is {balance}"
    assert sorted(results) == [False, True]
    assert balance == 20


@pytest.mark.starter_passes
def test_payouts_the_balance_covers_both_go_through(answer: Path) -> None:
    balance, results = two_payouts(answer, balance=100, amount=50)
    assert (balance, results) == (0, [True, True])


@pytest.mark.starter_passes
def test_one_thread_cannot_overdraw(answer: Path) -> None:
    account = load_module(answer).BankAccount(30)
    assert account.withdraw(20) is True
    assert account.withdraw(20) is False
    assert account.balance == 10
