"""Acceptance check: the learner's end-to-end tests pass in any order, alone, and twice in a row, and still catch
the bugs they caught before.

Orders are deterministic (reversed, one at a time, two seeded shuffles), so the check's verdict repeats: it
plays the orders pytest-randomly and pytest-xdist would eventually produce, without waiting for them.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from exercises.testing.integration_and_end_to_end_tests.order_dependent_flake import bank
from exercises.testing.suite_runner import Reordered, Variant, run_suite, surviving

Arrange = Callable[[list[pytest.Item]], list[pytest.Item]]


def reversed_order(items: list[pytest.Item]) -> list[pytest.Item]:
    return items[::-1]


def shuffled(seed: int) -> Arrange:
    def arrange(items: list[pytest.Item]) -> list[pytest.Item]:
        random.Random(seed).shuffle(items)  # noqa: S311 - a test order, not a secret
        return items

    return arrange


def only(index: int) -> Arrange:
    return lambda items: [items[index]]


def arrangements(count: int) -> list[tuple[str, Arrange]]:
    named: list[tuple[str, Arrange]] = [("reversed", reversed_order)]
    named += [(f"shuffled (seed {seed})", shuffled(seed)) for seed in (1, 2)]
    named += [(f"test {index + 1} of {count} alone", only(index)) for index in range(count)]
    return named


# Bugs the suite caught when it ran in its own order; after the fix it must still catch them.


def transfer_without_debit(self: bank.AccountRepository, source: int, target: int, amount_cents: int) -> None:
    with self.conn:
        self.conn.execute("UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = ?", (amount_cents, target))


def overdraft_ignored(self: bank.AccountRepository, source: int, target: int, amount_cents: int) -> None:
    try:
        ORIGINAL_TRANSFER(self, source, target, amount_cents)
    except bank.InsufficientFunds:
        return  # swallowed: the API answers 204 and nothing moves


def duplicate_returns_the_existing_account(
    self: bank.AccountRepository, email: str, balance_cents: int = 0
) -> bank.Account:
    try:
        return ORIGINAL_OPEN(self, email, balance_cents)
    except sqlite3.IntegrityError:
        row = self.conn.execute("SELECT id, email, balance_cents FROM accounts WHERE email = ?", (email.lower(),))
        return bank.Account(*row.fetchone())


def unknown_account_ignored(self: bank.AccountRepository, source: int, target: int, amount_cents: int) -> None:
    try:
        ORIGINAL_TRANSFER(self, source, target, amount_cents)
    except bank.UnknownAccount:
        return


ORIGINAL_TRANSFER = bank.AccountRepository.transfer
ORIGINAL_OPEN = bank.AccountRepository.open
BUGS = [
    Variant.replacing(
        "a transfer credits the target without debiting the source",
        bank.AccountRepository,
        "transfer",
        transfer_without_debit,
    ),
    Variant.replacing(
        "an overdraft is answered 204 and silently ignored", bank.AccountRepository, "transfer", overdraft_ignored
    ),
    Variant.replacing(
        "a duplicate sign-up returns the existing account with 201",
        bank.AccountRepository,
        "open",
        duplicate_returns_the_existing_account,
    ),
    Variant.replacing(
        "a transfer to an unknown account is answered 204", bank.AccountRepository, "transfer", unknown_account_ignored
    ),
]


@pytest.mark.starter_passes
def test_the_suite_passes_in_its_own_order(answer: Path, pytester: pytest.Pytester) -> None:
    run = run_suite(pytester, answer)
    assert run.green, "the suite must pass as written: " + ("; ".join(run.failed) or "no test ran")


def test_the_suite_passes_in_any_order_and_alone(answer: Path, pytester: pytest.Pytester) -> None:
    count = run_suite(pytester, answer).ran
    broken = []
    for name, arrange in arrangements(count):
        run = run_suite(pytester, answer, plugins=[Reordered(arrange)])
        if not run.green:
            broken.append(f"{name}: {'; '.join(run.failed) or 'no test ran'}")
    assert not broken, "tests depend on each other (what does one leave behind that another needs?): " + " | ".join(
        broken
    )


@pytest.mark.starter_passes  # a guard: a "fix" that moves the database to a fixed file name breaks this
def test_the_suite_passes_twice_in_the_same_folder(answer: Path, pytester: pytest.Pytester) -> None:
    first, second = run_suite(pytester, answer), run_suite(pytester, answer)
    assert first.green and second.green, (
        "the second run in the same folder fails: a test leaves state on disk (a fixed file name?) for the next "
        "run: " + "; ".join(second.failed or first.failed)
    )


@pytest.mark.starter_passes
def test_the_suite_still_catches_the_bugs_it_caught(answer: Path, pytester: pytest.Pytester) -> None:
    missed = surviving(pytester, answer, BUGS)
    assert not missed, f"{len(missed)} of {len(BUGS)} bugs now pass your tests: " + "; ".join(missed)
