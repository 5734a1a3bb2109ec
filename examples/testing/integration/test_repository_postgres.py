"""The repository's integration tests again, on PostgreSQL, using the shared `postgres_url` fixture."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from examples.testing.integration.pg_repository import PgAccountRepository, connect
from examples.testing.integration.repository import InsufficientFunds, UnknownAccount

pytestmark = pytest.mark.postgres


# --8<-- [start:pg_tests]
@pytest.fixture
def repo(postgres_url: str) -> Iterator[PgAccountRepository]:
    conn = connect(postgres_url)  # a fresh, empty database created for this test and dropped after it
    yield PgAccountRepository(conn)
    conn.close()


def test_unique_email_is_enforced(repo: PgAccountRepository) -> None:
    repo.open("ada@example.com")
    with pytest.raises(psycopg.errors.UniqueViolation):
        repo.open("ADA@example.com")


def test_failed_transfer_rolls_back_both_updates(repo: PgAccountRepository) -> None:
    a = repo.open("a@example.com", 1000)
    b = repo.open("b@example.com", 0)
    with pytest.raises(InsufficientFunds):
        repo.transfer(a.id, b.id, 5000)
    assert (balance(repo, a.id), balance(repo, b.id)) == (1000, 0)


def test_committed_transfer_is_visible_to_another_connection(repo: PgAccountRepository, postgres_url: str) -> None:
    a = repo.open("a@example.com", 1000)
    b = repo.open("b@example.com", 0)
    repo.transfer(a.id, b.id, 300)
    with psycopg.connect(postgres_url) as other:
        rows = other.execute("SELECT id, balance_cents FROM accounts ORDER BY id").fetchall()
    assert rows == [(a.id, 700), (b.id, 300)]


# --8<-- [end:pg_tests]


def balance(repo: PgAccountRepository, account_id: int) -> int:
    account = repo.get(account_id)
    assert account is not None
    return account.balance_cents


def test_an_unknown_account_moves_no_money(repo: PgAccountRepository) -> None:
    a = repo.open("a@example.com", 1000)
    with pytest.raises(UnknownAccount):
        repo.transfer(a.id, 999, 300)
    with pytest.raises(UnknownAccount):
        repo.transfer(999, a.id, 300)
    assert balance(repo, a.id) == 1000


def test_a_failed_transfer_leaves_the_connection_idle_and_usable(repo: PgAccountRepository, postgres_url: str) -> None:
    a = repo.open("a@example.com", 100)
    b = repo.open("b@example.com", 0)
    with pytest.raises(InsufficientFunds):
        repo.transfer(a.id, b.id, 500)
    assert balance(repo, a.id) == 100  # the next statement runs: nothing aborted is left behind
    with psycopg.connect(postgres_url, autocommit=True) as observer:
        states = observer.execute(
            "SELECT state FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    assert states == [("idle",)]  # not "idle in transaction": autocommit, and transaction() closed its block
