"""Integration tests: the repository against a real SQLite database file, constraints and transactions included."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from examples.testing.integration.repository import AccountRepository, InsufficientFunds, UnknownAccount, connect


# --8<-- [start:fixture]
@pytest.fixture
def repo(tmp_path: Path) -> Iterator[AccountRepository]:
    conn = connect(str(tmp_path / "test.db"))  # a fresh database file per test: no shared state
    yield AccountRepository(conn)
    conn.close()


# --8<-- [end:fixture]


# --8<-- [start:tests]
def test_unique_email_is_enforced_by_the_database(repo: AccountRepository) -> None:
    repo.open("ada@example.com")
    with pytest.raises(sqlite3.IntegrityError):
        repo.open("ADA@example.com")  # lower-cased before insert, so it collides


def test_failed_transfer_rolls_back_both_updates(repo: AccountRepository) -> None:
    a = repo.open("a@example.com", 1000)
    b = repo.open("b@example.com", 0)
    with pytest.raises(InsufficientFunds):
        repo.transfer(a.id, b.id, 5000)
    assert balance(repo, a.id) == 1000
    assert balance(repo, b.id) == 0  # the credit that ran first was undone


def test_successful_transfer_is_visible_to_another_connection(repo: AccountRepository, tmp_path: Path) -> None:
    a = repo.open("a@example.com", 1000)
    b = repo.open("b@example.com", 0)
    repo.transfer(a.id, b.id, 300)
    other = AccountRepository(connect(str(tmp_path / "test.db")))  # proves the change was committed
    assert (balance(other, a.id), balance(other, b.id)) == (700, 300)


def test_an_unknown_account_moves_no_money(repo: AccountRepository) -> None:
    a = repo.open("a@example.com", 1000)
    with pytest.raises(UnknownAccount):
        repo.transfer(a.id, 999, 300)  # the debit matches a row, the credit matches none
    with pytest.raises(UnknownAccount):
        repo.transfer(999, a.id, 300)  # and the other way round: no money from nowhere
    assert balance(repo, a.id) == 1000


# --8<-- [end:tests]


def balance(repo: AccountRepository, account_id: int) -> int:
    account = repo.get(account_id)
    assert account is not None
    return account.balance_cents


def test_zero_amount_is_rejected(repo: AccountRepository) -> None:
    a = repo.open("a@example.com", 1000)
    with pytest.raises(ValueError):
        repo.transfer(a.id, a.id, 0)


def test_a_negative_opening_balance_is_refused_by_the_check_constraint(repo: AccountRepository) -> None:
    with pytest.raises(sqlite3.IntegrityError):  # the same exception class as a duplicate email
        repo.open("a@example.com", -5)
