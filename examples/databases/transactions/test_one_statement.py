"""One statement at READ COMMITTED: the WHERE re-check, its blind spot, and the INSERT race, on PostgreSQL."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from examples.databases.transactions import one_statement
from examples.databases.transactions.sessions import IsolationLevel, connect, in_background, wait_until_blocked

RC, RR, SER = IsolationLevel.READ_COMMITTED, IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE


# --8<-- [start:tests]
@pytest.mark.postgres
def test_the_waiting_update_rechecks_its_where_clause_on_the_new_row(postgres_url):
    assert one_statement.last_ticket_twice(postgres_url, RC) == (1, 0, 0)  # one sale, no negative stock


@pytest.mark.postgres
def test_at_repeatable_read_the_waiting_update_fails_instead(postgres_url):
    with pytest.raises(errors.SerializationFailure, match="concurrent update"):
        one_statement.last_ticket_twice(postgres_url, RR)


@pytest.mark.postgres
def test_the_recheck_never_sees_rows_that_only_start_to_match(postgres_url):
    deleted, left = one_statement.delete_misses_a_matching_row(postgres_url)
    assert deleted == 0
    assert left == [(1, 10), (2, 11)]  # a counter at 10 before and after, and it was not deleted


@pytest.mark.postgres
@pytest.mark.parametrize("isolation", [RC, RR])
def test_insert_where_not_exists_races(postgres_url, isolation):
    assert one_statement.insert_if_absent_twice(postgres_url, isolation) == 2  # the "unique" name, twice


@pytest.mark.postgres
def test_serializable_refuses_the_second_insert_and_its_retry_sees_the_first(postgres_url):
    with pytest.raises(errors.SerializationFailure):
        one_statement.insert_if_absent_twice(postgres_url, SER)
    with connect(postgres_url, SER) as retry:
        assert retry.execute(one_statement.INSERT_IF_ABSENT, {"name": "ada"}).rowcount == 0
        retry.commit()
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone() == (1,)


@pytest.mark.postgres
def test_a_unique_constraint_with_on_conflict_makes_the_second_insert_wait_then_skip(postgres_url):
    assert one_statement.insert_on_conflict_twice(postgres_url) == (1, 0, 1)


# --8<-- [end:tests]


@pytest.mark.postgres
def test_without_on_conflict_the_constraint_rejects_the_second_insert(postgres_url):
    """The lesson's claim: the constraint alone keeps the data right; the loser gets unique_violation."""
    one_statement.setup(postgres_url)
    insert = "INSERT INTO members (name) VALUES ('ada')"
    with connect(postgres_url) as t1, connect(postgres_url) as t2:
        t1.execute(insert)
        t2_insert = in_background(lambda: t2.execute(insert))
        assert wait_until_blocked(postgres_url, t2.info.backend_pid) == [t1.info.backend_pid]
        t1.commit()
        with pytest.raises(errors.UniqueViolation):
            t2_insert.result(timeout=10)
