"""Integration tests: the repository against a real SQLite database file, constraints and transactions included."""

import sqlite3

import pytest

from examples.testing.integration.repository import AccountRepository, InsufficientFunds, connect


# --8<-- [start:fixture]
@pytest.fixture
def repo(tmp_path):
    conn = connect(str(tmp_path / "test.db"))  # a fresh database file per test: no shared state
    yield AccountRepository(conn)
    conn.close()


# --8<-- [end:fixture]


# --8<-- [start:tests]
def test_unique_email_is_enforced_by_the_database(repo):
    repo.open("ada@example.com")
    with pytest.raises(sqlite3.IntegrityError):
        repo.open("ADA@example.com")  # lower-cased before insert, so it collides


def test_failed_transfer_rolls_back_both_updates(repo):
    a = repo.open("a@example.com", 1000)
    b = repo.open("b@example.com", 0)
    with pytest.raises(InsufficientFunds):
        repo.transfer(a.id, b.id, 5000)
    assert repo.get(a.id).balance_cents == 1000
    assert repo.get(b.id).balance_cents == 0  # the credit that ran first was undone


def test_successful_transfer_is_visible_to_another_connection(repo, tmp_path):
    a = repo.open("a@example.com", 1000)
    b = repo.open("b@example.com", 0)
    repo.transfer(a.id, b.id, 300)
    other = AccountRepository(connect(str(tmp_path / "test.db")))  # proves the change was committed
    assert (other.get(a.id).balance_cents, other.get(b.id).balance_cents) == (700, 300)


# --8<-- [end:tests]


def test_zero_amount_is_rejected(repo):
    a = repo.open("a@example.com", 1000)
    with pytest.raises(ValueError):
        repo.transfer(a.id, a.id, 0)
