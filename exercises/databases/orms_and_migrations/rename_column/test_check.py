"""Acceptance check: after 0003 every author's name is in display_name, still NOT NULL, and the schema matches
the renamed model; the downgrade puts every name back in name."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, text

from exercises.databases.orms_and_migrations.support import Project, models_copy

pytestmark = pytest.mark.postgres

NAMES = {"ada@example.com": "Ada Lovelace", "grace@example.com": "Grace Hopper", "radia@example.com": "Radia Perlman"}


@pytest.fixture
def project(answer: Path, tmp_path: Path, postgres_url: str) -> Project:
    return Project(answer, tmp_path, postgres_url)


@pytest.fixture
def engine(project: Project):
    engine = create_engine(project.url)
    yield engine
    engine.dispose()


def with_authors(project: Project, engine: Engine) -> None:
    project.upgrade("0002")
    with engine.begin() as conn:
        for email, name in NAMES.items():
            conn.execute(
                text("INSERT INTO authors (name, email) VALUES (:name, :email)"), {"name": name, "email": email}
            )


def names_in(engine: Engine, column: str) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(text(f"SELECT email, {column} FROM authors")).all())  # noqa: S608 - a fixed name


def test_every_name_survives_the_upgrade(project: Project, engine: Engine) -> None:
    with_authors(project, engine)
    project.upgrade("head")
    assert names_in(engine, "display_name") == NAMES


def test_the_schema_matches_the_renamed_model(project: Project, engine: Engine) -> None:
    with_authors(project, engine)
    project.upgrade("head")
    expected = models_copy()
    expected.tables["authors"].c.name.name = "display_name"  # the model's attribute and column, renamed
    with engine.connect() as conn:
        drift = compare_metadata(MigrationContext.configure(conn), expected)
    assert drift == [], f"the database after 0003 differs from the renamed model: {drift}"


def test_the_downgrade_puts_every_name_back(project: Project, engine: Engine) -> None:
    with_authors(project, engine)
    project.upgrade("head")
    project.downgrade("0002")
    assert names_in(engine, "name") == NAMES
