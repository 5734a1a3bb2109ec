"""Alembic migrations applied and rolled back against a real PostgreSQL database, run from Python."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from examples.databases.orms_and_migrations.catalogue import postgres_engine_url
from examples.databases.orms_and_migrations.migrate import (
    current_revision,
    downgrade,
    schema_drift,
    upgrade,
    upgrade_sql,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def url(postgres_url: str) -> str:
    return postgres_engine_url(postgres_url)


@pytest.fixture
def engine(url: str) -> Iterator[Engine]:
    engine = create_engine(url)
    yield engine
    engine.dispose()


def book_columns(engine: Engine) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns("books")}


# --8<-- [start:round_trip]
def test_upgrade_then_downgrade_round_trip(url, engine):
    assert current_revision(engine) is None
    upgrade(url, "head")
    assert current_revision(engine) == "0002"
    assert "isbn" in book_columns(engine)

    with engine.begin() as connection:
        connection.execute(text("INSERT INTO authors (name, email) VALUES ('Ada', 'ada@example.com')"))
        connection.execute(text("INSERT INTO books (title, author_id, isbn) VALUES ('Notes', 1, '978-0-00-000000-2')"))

    downgrade(url, "-1")  # one step back: the column goes, the rows stay
    assert current_revision(engine) == "0001"
    assert "isbn" not in book_columns(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT title FROM books")).scalars().all() == ["Notes"]

    downgrade(url, "base")
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}


def test_migrations_and_models_describe_the_same_schema(url, engine):
    upgrade(url, "head")
    assert schema_drift(engine) == []


# --8<-- [end:round_trip]


def test_drift_is_reported_when_a_migration_is_missing(url, engine):
    upgrade(url, "0001")  # the model has an isbn column that this revision does not create
    drift = schema_drift(engine)
    assert any(diff[0] == "add_column" and diff[3].name == "isbn" for diff in drift if isinstance(diff, tuple))


def test_the_new_unique_constraint_is_enforced(url, engine):
    upgrade(url, "head")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO authors (name, email) VALUES ('Ada', 'ada@example.com')"))
        connection.execute(text("INSERT INTO books (title, author_id, isbn) VALUES ('A', 1, 'x')"))
    with pytest.raises(IntegrityError, match="uq_books_isbn"), engine.begin() as connection:
        connection.execute(text("INSERT INTO books (title, author_id, isbn) VALUES ('B', 1, 'x')"))


def test_offline_mode_prints_the_sql_without_touching_the_database(url, engine):
    script = upgrade_sql(url, "head")
    assert "CREATE TABLE authors" in script
    assert "ALTER TABLE books ADD COLUMN isbn VARCHAR(17)" in script
    assert "UPDATE alembic_version SET version_num='0002'" in script
    assert inspect(engine).get_table_names() == []
