"""Acceptance check: revision 0003 adds a NULLable published_on and its index, builds the index without blocking
writes (CONCURRENTLY, outside a transaction), leaves a valid index that matches the models, and downgrades and
upgrades again cleanly."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Date, Engine, Index, create_engine, event, inspect, text

from examples.databases.transactions.sessions import in_background
from exercises.databases.orms_and_migrations.support import Project, models_copy

pytestmark = pytest.mark.postgres


@pytest.fixture
def project(answer: Path, tmp_path: Path, postgres_url: str) -> Project:
    return Project(answer, tmp_path, postgres_url)


@pytest.fixture
def engine(project: Project):
    engine = create_engine(project.url)
    yield engine
    engine.dispose()


def with_books(project: Project, engine: Engine) -> None:
    project.upgrade("0002")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO authors (name, email) VALUES ('Ada', 'ada@example.com')"))
        conn.execute(text("INSERT INTO books (title, author_id) SELECT 'Book ' || g, 1 FROM generate_series(1, 500) g"))


def test_the_index_is_built_concurrently_outside_a_transaction(project: Project) -> None:
    script = project.upgrade_sql("0002:0003")
    statement = next((line for line in script.splitlines() if "ix_books_published_on" in line), "")
    assert re.search(r"CREATE INDEX CONCURRENTLY", statement), (
        f"the index is built with {statement!r}: a plain CREATE INDEX blocks every write to books while it runs"
    )


@pytest.mark.starter_passes
def test_upgrade_adds_a_valid_index_and_matches_the_models(project: Project, engine: Engine) -> None:
    with_books(project, engine)
    project.upgrade("head")
    with engine.connect() as conn:
        valid = conn.execute(
            text("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_books_published_on'::regclass")
        ).scalar_one()
        assert valid, "the index exists but is invalid: a concurrent build failed halfway"
        assert conn.execute(text("SELECT count(*) FROM books")).scalar_one() == 500
    expected = models_copy()
    books = expected.tables["books"]
    books.append_column(Column("published_on", Date(), nullable=True))
    Index("ix_books_published_on", books.c.published_on)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), expected) == []


@pytest.mark.starter_passes
def test_downgrade_and_upgrade_again(project: Project, engine: Engine) -> None:
    with_books(project, engine)
    project.upgrade("head")
    project.downgrade("0002")
    columns = {c["name"] for c in inspect(engine).get_columns("books")}
    assert "published_on" not in columns
    assert "ix_books_published_on" not in {i["name"] for i in inspect(engine).get_indexes("books")}
    project.upgrade("head")
    assert "published_on" in {c["name"] for c in inspect(engine).get_columns("books")}


def test_writes_go_through_while_the_migration_is_about_to_build_the_index(project: Project, engine: Engine) -> None:
    """The check pauses the migration just before it sends CREATE INDEX, and tries to insert a book meanwhile.
    A revision that still holds its ADD COLUMN lock (one transaction for everything) makes the insert wait."""
    with_books(project, engine)
    reached, release = threading.Event(), threading.Event()

    def pause_before_the_index(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "CREATE INDEX" in statement and "published_on" in statement:
            reached.set()
            release.wait(timeout=30)

    migration_engine = create_engine(project.url)
    event.listen(migration_engine, "before_cursor_execute", pause_before_the_index)
    try:
        with migration_engine.connect() as connection:
            migration = in_background(lambda: project.upgrade("head", connection=connection))
            assert reached.wait(timeout=30), "the migration never sent CREATE INDEX ... published_on"
            try:
                with psycopg.connect(project.url.replace("+psycopg", ""), autocommit=True) as writer:
                    writer.execute("SET lock_timeout = '3s'")
                    writer.execute("INSERT INTO books (title, author_id) VALUES ('Written during the migration', 1)")
            except psycopg.errors.LockNotAvailable as error:
                raise AssertionError(
                    "a book insert waited for the migration's lock: the ADD COLUMN transaction is still open "
                    "when the index build starts, and the build itself would hold writes for its whole length"
                ) from error
            finally:
                release.set()
            migration.result(timeout=60)
    finally:
        migration_engine.dispose()
