"""The repository's integration tests again, on PostgreSQL, using the shared `postgres_url` fixture."""

import psycopg
import pytest

from examples.testing.integration.pg_repository import PgAccountRepository, connect
from examples.testing.integration.repository import InsufficientFunds

pytestmark = pytest.mark.postgres


# --8<-- [start:pg_tests]
@pytest.fixture
def repo(postgres_url):
    conn = connect(postgres_url)  # a fresh, empty database created for this test and dropped after it
    yield PgAccountRepository(conn)
    conn.close()


def test_unique_email_is_enforced(repo):
    repo.open("ada@example.com")
    with pytest.raises(psycopg.errors.UniqueViolation):
        repo.open("ADA@example.com")


def test_failed_transfer_rolls_back_both_updates(repo):
    a = repo.open("a@example.com", 1000)
    b = repo.open("b@example.com", 0)
    with pytest.raises(InsufficientFunds):
        repo.transfer(a.id, b.id, 5000)
    assert (repo.get(a.id).balance_cents, repo.get(b.id).balance_cents) == (1000, 0)


def test_committed_transfer_is_visible_to_another_connection(repo, postgres_url):
    a = repo.open("a@example.com", 1000)
    b = repo.open("b@example.com", 0)
    repo.transfer(a.id, b.id, 300)
    with psycopg.connect(postgres_url) as other:
        rows = other.execute("SELECT id, balance_cents FROM accounts ORDER BY id").fetchall()
    assert rows == [(a.id, 700), (b.id, 300)]


# --8<-- [end:pg_tests]
