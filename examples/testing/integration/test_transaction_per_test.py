"""A transaction per test: one database for the whole module, every test's changes rolled back at its end.

Fast (no database to create per test) and isolated, as long as the code under test opens its transactions with
`conn.transaction()` on the connection the test gives it, and never commits on its own or uses a second
connection. The last two tests show those limits."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest

from examples.testing.integration.pg_repository import PgAccountRepository, connect
from examples.testing.integration.repository import InsufficientFunds
from tests.services import with_database

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def database_url(postgres_admin_url: str) -> Iterator[str]:
    """One database, created once for this module, with the schema in place."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = with_database(postgres_admin_url, name)
    connect(url).close()  # creates the schema
    yield url
    with psycopg.connect(postgres_admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --8<-- [start:fixture]
@pytest.fixture
def conn(database_url: str) -> Iterator[psycopg.Connection]:
    """Each test runs inside one transaction that is always rolled back, whatever the test did."""
    # force_rollback: the block ends with ROLLBACK even when the test passes. Transactions the code under test
    # opens with conn.transaction() nest inside it as savepoints, so its "commits" are undone too.
    with psycopg.connect(database_url, autocommit=True) as connection, connection.transaction(force_rollback=True):
        yield connection


# --8<-- [end:fixture]


# --8<-- [start:tests]
@pytest.mark.parametrize("run", [1, 2])  # the same email twice: passes only if the first run left nothing behind
def test_each_test_starts_from_an_empty_table(conn: psycopg.Connection, run: int) -> None:
    repo = PgAccountRepository(conn)
    assert conn.execute("SELECT count(*) FROM accounts").fetchone() == (0,)
    repo.open("ada@example.com", 1000)


def test_a_failed_transfer_rolls_back_only_its_own_savepoint(conn: psycopg.Connection) -> None:
    repo = PgAccountRepository(conn)
    a, b = repo.open("a@example.com", 1000), repo.open("b@example.com", 0)
    with pytest.raises(InsufficientFunds):
        repo.transfer(a.id, b.id, 5000)
    repo.transfer(a.id, b.id, 300)  # the test's transaction is still usable after the failure
    balances = conn.execute("SELECT balance_cents FROM accounts ORDER BY id").fetchall()
    assert balances == [(700,), (300,)]


# --8<-- [end:tests]


# --8<-- [start:limits]
def test_another_connection_cannot_see_the_tests_data(conn: psycopg.Connection, database_url: str) -> None:
    PgAccountRepository(conn).open("ada@example.com", 1000)
    with psycopg.connect(database_url) as other:  # a worker, a second pool connection, the app under test
        assert other.execute("SELECT count(*) FROM accounts").fetchone() == (0,)


def test_code_that_commits_by_itself_cannot_run_inside_the_test_transaction(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.ProgrammingError, match="commit"):
        conn.commit()  # what code that manages its own transactions would do


# --8<-- [end:limits]
